"""The shell: settings, wiring, Telegram adapter and the terminal CLI."""
