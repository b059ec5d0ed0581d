"""Practice: sessions of drawn questions, one at a time, progress and the daily question."""
