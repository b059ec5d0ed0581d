"""The web front end: the book for the district portal and the contest as a Telegram Mini App."""
