"""Question banks, practice and contests; knows nothing of Telegram."""
