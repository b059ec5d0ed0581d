"""The Telegram-free core: message splitting, escaping and the rate-limit window."""

from __future__ import annotations

import re

import pytest

from bot.core.ask import clean_question
from bot.ratelimit import SlidingWindow
from bot.views.answers import check_question
from bot.views.reply import split_message
from knowledge.browse import _without_overlap, paginate


def plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", "", text).split())


def balanced(part: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)(\w+)[^>]*>", part):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_short_messages_are_left_alone():
    assert split_message("<b>ngắn</b>") == ["<b>ngắn</b>"]


@pytest.mark.parametrize("limit", [120, 500, 4096])
def test_long_html_splits_into_balanced_parts_within_the_limit(limit):
    text = (
        "<b>"
        + "Đảng bộ &amp; nhân dân Hải Phòng. " * 60
        + "</b>\n\n<blockquote>"
        + "\n".join(f"Dòng thứ {i} của đoạn trích dài." for i in range(400))
        + "</blockquote>\n<i>"
        + "x" * 300
        + "</i>"
    )
    parts = split_message(text, limit)
    assert len(parts) > 1
    assert all(len(p) <= limit for p in parts)
    assert all(balanced(p) for p in parts)
    assert not any(re.search(r"&\w*$", re.sub(r"<[^>]*>$", "", p)) for p in parts)
    assert plain(" ".join(parts)).replace(" ", "") == plain(text).replace(" ", "")


def test_lines_are_preferred_to_spaces_for_cutting():
    lines = [f"Dòng {i}: " + "chữ " * 10 for i in range(20)]
    parts = split_message("\n".join(lines), 200)
    assert all(p.startswith("Dòng ") for p in parts)


def test_questions_are_cleaned_and_checked():
    assert clean_question("  Đảng bộ\n thành lập  ") == "Đảng bộ thành lập"
    assert check_question("") is not None
    assert check_question("x" * 501) is not None
    assert check_question("x" * 500) is None


def test_sliding_window_limits_each_user_and_recovers():
    now = [0.0]
    window = SlidingWindow(2, 10, clock=lambda: now[0])
    assert window.hit(1) == 0
    assert window.hit(1) == 0
    assert window.hit(1) == pytest.approx(10)
    assert window.hit(2) == 0
    now[0] = 10.5
    assert window.hit(1) == 0


def test_chunk_overlap_is_removed_and_pages_respect_the_size():
    first = "Câu một. Câu hai dài hơn một chút để thử."
    second = "Câu hai dài hơn một chút để thử. Câu ba."
    assert _without_overlap(first, second) == "Câu ba."
    assert _without_overlap(first, "Khác hẳn.") == "Khác hẳn."
    pages = paginate(["Câu ngắn. " * 30, "Đoạn hai.", "Đoạn ba."], 120)
    assert all(len(p) <= 120 for p in pages)
    assert pages[-1].endswith("Đoạn ba.")
