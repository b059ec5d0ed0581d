"""Turns a Reply's rows of buttons into PTB inline keyboards."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.views.reply import Button


def _button(button: Button) -> InlineKeyboardButton:
    if button.web_app:
        return InlineKeyboardButton(button.label, web_app=WebAppInfo(button.data))
    if button.url:
        return InlineKeyboardButton(button.label, url=button.data)
    return InlineKeyboardButton(button.label, callback_data=button.data)


def markup(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """The inline keyboard for ``rows``; None when there are no buttons."""
    keyboard = [[_button(b) for b in row] for row in rows]
    keyboard = [row for row in keyboard if row]
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def without(
    keyboard: InlineKeyboardMarkup | None, drop: Callable[[object], bool]
) -> InlineKeyboardMarkup | None:
    """``keyboard`` minus the buttons whose callback data ``drop`` accepts."""
    if keyboard is None:
        return None
    rows = [[b for b in row if not drop(b.callback_data)] for row in keyboard.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None
