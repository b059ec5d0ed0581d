"""Telegram handlers, one module per feature; each exports ``handlers(services)``."""
