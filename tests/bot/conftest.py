from tests.bot.library import app, bot_settings, library_template, recorder, services

__all__ = ["app", "bot_settings", "library_template", "recorder", "services"]
