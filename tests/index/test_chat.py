"""Small talk is told from questions by the whole message, with or without diacritics."""

import pytest

from index.chat import ABOUT, ACK, GOODBYE, GREETING, THANKS, WRONG, small_talk


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Chào bot!", GREETING),
        ("xin chao ban nhe", GREETING),
        ("alo", GREETING),
        ("co ai o day khong", GREETING),
        ("Cảm ơn bot nhiều nha!", THANKS),
        ("cam on ban", THANKS),
        ("thanks", THANKS),
        ("tạm biệt nhé", GOODBYE),
        ("chuc ngu ngon", GOODBYE),
        ("ok", ACK),
        ("hay quá", ACK),
        ("👍", ACK),
        ("Sai rồi!", WRONG),
        ("bot này làm được gì", ABOUT),
        ("bot nay lam duoc gi", ABOUT),
        ("bạn là ai vậy", ABOUT),
        ("bạn do ai làm ra", ABOUT),
        ("ai tao ra ban", ABOUT),
        ("hỏi được những gì", ABOUT),
        ("toi co the hoi gi", ABOUT),
        ("ad ơi hướng dẫn sử dụng", ABOUT),
        ("lam the nao de dung bot", ABOUT),
        ("bạn biết gì về lịch sử đảng bộ", ABOUT),
        ("ban co biet lich su khong", ABOUT),
        ("xin chào, tôi có thể hỏi gì?", ABOUT),
        ("bot có trả lời bằng tiếng anh không", ABOUT),
    ],
)
def test_small_talk_is_recognised_as_typed_and_without_diacritics(message, kind):
    assert small_talk(message) == kind


@pytest.mark.parametrize(
    "question",
    [
        "Ban Chấp hành khóa I gồm mấy người?",
        "ban chap hanh la ai",  # "Ban" is a Party body, not "bạn"
        "Ban Tuyên giáo làm gì",
        "bt tu hp 2015 la ai",
        "cảm ơn, Ban Chấp hành khóa mấy?",  # a question after the courtesy
        "Trần Lê làm gì",
        "anh ấy là ai",  # a follow-up about a person
        "còn khóa sau?",
        "tôi muốn tìm hiểu về Đại hội lần thứ nhất",
        "Đảng bộ làm được gì trong năm 1930",
        "sách này có mấy chương",
        "?",
        "",
    ],
)
def test_questions_are_not_small_talk(question):
    assert small_talk(question) is None


def test_a_long_message_is_a_question_whatever_it_opens_with():
    long = "chào bot, cho mình hỏi Đại hội đại biểu lần thứ nhất của Đảng bộ họp ở đâu vậy"
    assert small_talk(long) is None
