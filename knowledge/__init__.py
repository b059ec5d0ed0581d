"""Books into structured, citable chunks in the database; knows nothing of search or Telegram."""
