"""Views: core results as chat text and buttons, Telegram-free, shared by Telegram and the CLI."""
