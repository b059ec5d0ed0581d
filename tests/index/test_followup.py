"""Follow-up questions completed from the previous question and answer, by rules."""

from datetime import UTC, datetime, timedelta

import pytest

from index.followup import Turn, complete, understand
from index.followup_context import without_courtesies
from index.mentions import Text, format_ordinal, ordinals, people, places, years

NOW = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)

XV = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
XV_ANSWER = (
    "Theo thông tin họp báo trước đại hội, Đại hội đại biểu lần thứ XV Đảng bộ thành phố, "
    "nhiệm kỳ 2015–2020, diễn ra từ ngày 21 đến ngày 24 tháng 10 năm 2015."
)
SECRETARY = "Ai được bầu làm Bí thư Thành ủy Hải Phòng khóa XV?"
SECRETARY_ANSWER = (
    "Lê Văn Thành, lúc đó là Chủ tịch Ủy ban nhân dân thành phố, được bầu làm Bí thư Thành ủy "
    "Hải Phòng khóa XV."
)
DEPUTY = "Ai tiếp tục giữ chức Phó Bí thư Thành ủy tại Đại hội XV?"
DEPUTY_ANSWER = "Cũng tại Đại hội XV, Nguyễn Thị Nghĩa tiếp tục giữ chức Phó Bí thư Thành ủy."
PROVINCE = "Tỉnh Lâm Đồng được thành lập khi nào?"
PROVINCE_ANSWER = (
    "Theo một nguồn tài liệu, tháng 12 năm 1950, Ủy ban kháng chiến hành chính miền Nam Trung Bộ "
    "ra nghị định sáp nhập hai tỉnh Lâm Viên và Đồng Nai Thượng thành tỉnh Lâm Đồng."
)
ARREST = "Nguyễn Đức Cảnh bị bắt ở đâu?"
ARREST_ANSWER = (
    "Theo một nguồn tài liệu, tháng 4 năm 1931, Nguyễn Đức Cảnh bị thực dân Pháp bắt tại Vinh."
)
FOUNDED_PLAIN = "dang bo hai phong thanh lap nam nao"
FOUNDED_ANSWER = (
    "Tháng 4 năm 1930, Đảng bộ Đảng Cộng sản Việt Nam thành phố Hải Phòng được thành lập."
)
MERGER = "Năm 1962 thành phố Hải Phòng hợp nhất với tỉnh nào?"
MERGER_ANSWER = (
    "Ngày 27 tháng 10 năm 1962, Quốc hội nước Việt Nam Dân chủ Cộng hòa phê chuẩn việc hợp nhất "
    "thành phố Hải Phòng và tỉnh Kiến An thành thành phố Hải Phòng."
)
FIRST_CONGRESS = "Đại hội lần thứ nhất của Đảng bộ tỉnh Lâm Đồng họp ở đâu?"
TERM = "Ai là Bí thư Tỉnh ủy Lâm Đồng nhiệm kỳ 2015–2020?"
CONGRESS_16 = "Đại hội 16 có bao nhiêu đại biểu?"
POOR = "Năm 2013 tỷ lệ hộ nghèo của huyện Đơn Dương là bao nhiêu?"


def turn(question: str, answer: str = "", minutes_ago: float = 1) -> Turn:
    return Turn(question, answer, NOW - timedelta(minutes=minutes_ago))


def ask(new: str, question: str, answer: str = "", **kw: float) -> str | None:
    return complete(new, turn(question, answer, **kw), NOW)


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("còn đại hội lần sau?", XV.replace("XV", "XVI")),
        ("con dai hoi lan sau", XV.replace("XV", "XVI")),
        ("lần tiếp theo?", XV.replace("XV", "XVI")),
        ("kế tiếp?", XV.replace("XV", "XVI")),
        ("khóa sau thì sao?", XV.replace("XV", "XVI")),
        ("thế ĐH trước đó thì sao", XV.replace("XV", "XIV")),
        ("the dh truoc do thi sao", XV.replace("XV", "XIV")),
        ("lần trước", XV.replace("XV", "XIV")),
        ("còn ĐH XVI?", XV.replace("XV", "XVI")),
        ("thế khóa 14", XV.replace("XV", "XIV")),
        ("con xvi thi sao", XV.replace("XV", "XVI")),
    ],
)
def test_next_previous_and_named_congress_change_the_ordinal(new, expected):
    assert ask(new, XV, XV_ANSWER) == expected


def test_the_next_term_with_the_same_question_word_asks_the_same():
    question = "UBKT khóa XV ai làm chủ nhiệm"
    assert ask("khóa sau thì ai", question) == "UBKT khóa XVI ai làm chủ nhiệm"
    assert ask("khoa truoc thi ai", "ai lam bi thu khoa 15") == "Ai lam bi thu khoa 14"
    # A question word the previous question did not ask is a new question about that term.
    assert ask("khóa sau thì ở đâu", "Ai là Bí thư khóa XV") != "Ai là Bí thư khóa XVI"


def test_another_round_of_the_same_congress_keeps_the_congress():
    first = "Vòng thứ nhất của ĐH Đảng bộ tỉnh Lâm Đồng lần thứ I diễn ra khi nào?"
    expected = "Vòng hai của ĐH Đảng bộ tỉnh Lâm Đồng lần thứ I diễn ra khi nào?"
    assert ask("còn vòng hai?", first) == expected
    assert ask("thế vòng 2 thì sao", first) == expected.replace("Vòng hai", "Vòng 2")


def test_an_arabic_or_word_ordinal_stays_in_its_style():
    assert ask("còn đại hội lần sau?", CONGRESS_16) == "Đại hội 17 có bao nhiêu đại biểu?"
    assert ask("lần sau", FIRST_CONGRESS) == FIRST_CONGRESS.replace("nhất", "hai")
    assert ask("thế khóa XVI", "Ai là bí thư khóa 15?") == "Ai là bí thư khóa 16?"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "Đại hội XVI có bao nhiêu đại biểu?",
            "Đại hội đại biểu lần thứ XVI Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?",
        ),
        (
            "thế ĐH lần 16 họp ở đâu vậy ad",
            "Đại hội đại biểu lần thứ XVI Đảng bộ thành phố Hải Phòng họp ở đâu vậy",
        ),
        ("đại hội XVI của Lâm Đồng họp ở đâu", None),  # a body of its own
        ("đại hội XV có bao nhiêu đại biểu?", None),  # the same congress: nothing to swap
    ],
)
def test_another_congress_number_alone_is_the_same_bodys_congress(new, expected):
    assert ask(new, XV, XV_ANSWER) == expected


def test_lan_without_thu_numbers_a_congress_but_lan_sau_is_the_next_one():
    first = "dai hoi lan II dang bo tinh Lam Dong bau ai lam bi thu"
    assert ask("con dai hoi lan sau hop khi nao", first) == (
        "Dai hoi lan III dang bo tinh Lam Dong hop khi nao"
    )
    assert ask("the DH lan 3 dai dien cho bao nhieu dang vien", first) == (
        "Dai hoi lan III dang bo tinh Lam Dong dai dien cho bao nhieu dang vien"
    )


@pytest.mark.parametrize(
    "new",
    ["họp ở đâu vậy ad", "ad ơi, cho mình hỏi họp ở đâu?", "cho em hỏi chút họp ở đâu nhé"],
)
def test_the_courtesies_of_chat_do_not_hide_a_follow_up(new):
    completed = ask(new, XV, XV_ANSWER)
    assert completed is not None
    assert completed.rstrip("?") == XV.replace("diễn ra khi nào?", "họp ở đâu")


def test_a_shift_with_a_new_attribute_asks_it_of_the_shifted_congress():
    assert ask("đại hội lần sau có bao nhiêu đại biểu?", XV, XV_ANSWER) == (
        "Đại hội đại biểu lần thứ XVI Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?"
    )


def test_a_term_moves_by_its_own_length_and_is_dropped_when_the_congress_moves():
    assert (
        ask("nhiệm kỳ sau thì sao?", TERM) == "Ai là Bí thư Tỉnh ủy Lâm Đồng nhiệm kỳ 2020–2025?"
    )
    question = "Đại hội XV, nhiệm kỳ 2015–2020, có bao nhiêu đại biểu?"
    assert ask("còn lần sau?", question) == "Đại hội XVI có bao nhiêu đại biểu?"


@pytest.mark.parametrize(
    ("new", "previous", "answer", "expected"),
    [
        ("ông ấy sinh năm nào?", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành sinh năm nào?"),
        ("ong ay que o dau", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành que o dau"),
        ("me ong que o dau", SECRETARY, SECRETARY_ANSWER, "Me Lê Văn Thành que o dau"),
        ("ông quê ở đâu", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành quê ở đâu"),
        ("đồng chí đó sinh năm nào", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành sinh năm nào"),
        ("Đồng chí ấy quê ở đâu?", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành quê ở đâu?"),
        ("người đó là ai", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành là ai"),
        ("bà ấy sinh năm nào?", DEPUTY, DEPUTY_ANSWER, "Nguyễn Thị Nghĩa sinh năm nào?"),
        ("ba ay sinh nam nao", DEPUTY, DEPUTY_ANSWER, "Nguyễn Thị Nghĩa sinh nam nao"),
        ("Bà sinh năm nào?", DEPUTY, DEPUTY_ANSWER, "Nguyễn Thị Nghĩa sinh năm nào?"),
        ("ông ấy bị bắt năm nào?", ARREST, ARREST_ANSWER, "Nguyễn Đức Cảnh bị bắt năm nào?"),
        ("sinh năm nào?", SECRETARY, SECRETARY_ANSWER, "Lê Văn Thành sinh năm nào?"),
    ],
)
def test_a_pronoun_becomes_the_person_of_the_previous_turn(new, previous, answer, expected):
    assert ask(new, previous, answer) == expected


@pytest.mark.parametrize("new", ["thay ông nào?", "thay ong nao", "bà nào làm phó bí thư"])
def test_which_man_or_woman_is_asked_not_pointed_back_at(new):
    """ "thay ông nào" asks whom he replaced: "ông nào" is no pronoun for the last person."""
    completed = ask(new, SECRETARY, SECRETARY_ANSWER) or ""
    assert "Lê Văn Thành nào" not in completed
    assert "Lê Văn Thành làm" not in completed


def test_the_person_asked_about_or_asked_for_is_the_one_meant():
    answer = "Lê Tiến Châu thay Trần Lưu Quang, người đã làm Phó Thủ tướng Chính phủ."
    assert ask("ông ấy sinh năm nào?", "Lê Tiến Châu thay ai?", answer) == (
        "Trần Lưu Quang sinh năm nào?"
    )
    assert ask("ông ấy sinh năm nào?", "Lê Tiến Châu làm bí thư từ khi nào?", answer) == (
        "Lê Tiến Châu sinh năm nào?"
    )
    assert ask(
        "bà ấy sinh năm nào?", "Hải Phòng có ai?", "Nguyễn Văn Tùng và Nguyễn Thị Nghĩa."
    ) == ("Nguyễn Thị Nghĩa sinh năm nào?")


@pytest.mark.parametrize("new", ["năm đó ai làm bí thư?", "nam ay ai lam bi thu"])
def test_that_year_is_the_year_of_the_previous_answer(new):
    completed = ask(new, PROVINCE, PROVINCE_ANSWER)
    assert completed is not None
    assert completed.startswith("Năm 1950 ai ")
    assert completed.endswith(" tỉnh Lâm Đồng?") or completed.endswith(" tỉnh Lâm Đồng")


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("năm đó có bao nhiêu đảng viên?", "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải "
         "Phòng năm 2015 có bao nhiêu đảng viên?"),
        ("nam do co bao nhieu dang vien", "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải "
         "Phòng năm 2015 co bao nhieu dang vien"),
    ],
)  # fmt: skip
def test_that_year_and_the_previous_subject_complete_a_bare_question(new, expected):
    assert ask(new, XV, XV_ANSWER) == expected


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("khi đó ai làm bí thư", "Năm 1931 ai làm bí thư"),
        ("hồi ấy ai là bí thư?", "Năm 1931 ai là bí thư?"),
        ("lúc đó ông ở đâu", "Năm 1931 Nguyễn Đức Cảnh ở đâu"),
        ("năm đó ông ấy bao nhiêu tuổi?", "Năm 1931 Nguyễn Đức Cảnh bao nhiêu tuổi?"),
        ("ai là bí thư ở đó?", "Ai là bí thư ở Vinh?"),
        ("nơi đó thuộc tỉnh nào", "Vinh thuộc tỉnh nào"),
    ],
)
def test_when_and_where_come_from_the_previous_answer(new, expected):
    assert ask(new, ARREST, ARREST_ANSWER) == expected


def test_the_year_comes_from_the_question_when_the_answer_was_refused():
    assert ask("năm đó ai làm bí thư?", "Hải Phòng năm 1955 có gì?", "") == (
        "Năm 1955 ai làm bí thư Hải Phòng?"
    )


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("họp ở đâu?", "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng họp ở đâu?"),
        ("hop o dau", "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng hop o dau"),
        ("có bao nhiêu đại biểu?",
         "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?"),
        ("co bao nhieu dai bieu",
         "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng co bao nhieu dai bieu"),
        ("ai được bầu làm bí thư?",
         "Ai được bầu làm bí thư tại Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng?"),
        ("thế ai được bầu làm bí thư?",
         "Ai được bầu làm bí thư tại Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng?"),
        ("đại hội đó họp ở đâu",
         "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng họp ở đâu"),
        ("khai mạc ngày nào?",
         "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng khai mạc ngày nào?"),
    ],
)  # fmt: skip
def test_a_question_without_a_subject_gets_the_previous_one(new, expected):
    assert ask(new, XV, XV_ANSWER) == expected


def test_a_bare_question_after_one_typed_without_capitals():
    assert ask("ai lam bi thu", FOUNDED_PLAIN, FOUNDED_ANSWER) == "Ai lam bi thu dang bo hai phong"
    assert ask("diễn ra khi nào", "dai hoi xv hop o dau") == "Dai hoi xv diễn ra khi nào"
    assert ask("co bao nhieu uy vien", SECRETARY, SECRETARY_ANSWER) == (
        "Thành ủy Hải Phòng khóa XV co bao nhieu uy vien"
    )


@pytest.mark.parametrize(
    ("new", "previous", "answer", "expected"),
    [
        ("còn Kiến An thì sao", PROVINCE, PROVINCE_ANSWER, "Tỉnh Kiến An được thành lập khi nào?"),
        ("con kien an thi sao", PROVINCE, PROVINCE_ANSWER, "Tỉnh kien an được thành lập khi nào?"),
        ("vậy tỉnh Tuyên Đức thì sao", PROVINCE, PROVINCE_ANSWER,
         "Tỉnh Tuyên Đức được thành lập khi nào?"),
        ("thế còn Đà Lạt?", FOUNDED_PLAIN, FOUNDED_ANSWER, "Dang bo Đà Lạt thanh lap nam nao"),
        ("còn Nguyễn Văn Tùng thì sao?", "Nguyễn Thị Nghĩa giữ chức gì?", "",
         "Nguyễn Văn Tùng giữ chức gì?"),
        ("thế còn năm 2015?", POOR, "", POOR.replace("2013", "2015")),
        ("còn Lâm Đồng thì sao?", XV, XV_ANSWER, XV.replace("Hải Phòng", "Lâm Đồng")),
        ("còn 1976 thì sao", PROVINCE, "", "Tỉnh Lâm Đồng được thành lập khi nào năm 1976?"),
    ],
)  # fmt: skip
def test_then_what_about_x_swaps_the_place_person_or_number(new, previous, answer, expected):
    assert ask(new, previous, answer) == expected


@pytest.mark.parametrize("new", ["thế còn tỉnh kia?", "the con tinh kia", "còn tỉnh khác?"])
def test_the_other_province_is_the_one_the_answer_named(new):
    assert ask(new, PROVINCE, PROVINCE_ANSWER) == "Tỉnh Lâm Viên được thành lập khi nào?"


def test_the_other_person_is_the_one_the_answer_named():
    answer = "Lê Tiến Châu thay Trần Lưu Quang, người đã làm Phó Thủ tướng Chính phủ."
    assert ask("thế còn người kia?", "Lê Tiến Châu thay ai?", answer) == (
        "Trần Lưu Quang thay ai?"
    )
    assert ask("còn tỉnh kia?", MERGER, MERGER_ANSWER) == (
        "Năm 1962 thành phố Kiến An hợp nhất với tỉnh nào?"
    )


@pytest.mark.parametrize(
    "new",
    [
        "Hải Phòng được giải phóng ngày nào?",
        "thế còn Nguyễn Đức Cảnh là ai?",
        "Ai là Bí thư đầu tiên của Thành ủy Hải Phòng?",
        "dang bo don duong co bao nhieu dang vien",
        "Lê Văn Thành sinh năm nào?",
        "xin chào",
        "cảm ơn nhé",
        "bà con ở đâu",
        "Giá vàng hôm nay bao nhiêu một chỉ?",
        # A province typed without capitals or diacritics is a subject of its own.
        "chi bo dau tien o lam dong co may dang vien",
        "hai phong co bao nhieu dang vien",
    ],
)
def test_a_question_that_names_its_own_subject_is_not_a_follow_up(new):
    assert ask(new, XV, XV_ANSWER) is None


@pytest.mark.parametrize(
    ("new", "previous", "answer"),
    [
        ("còn đại hội lần sau?", PROVINCE, PROVINCE_ANSWER),
        ("lần trước thì sao", "Đại hội lần thứ I Đảng bộ tỉnh Lâm Đồng họp ở đâu?", ""),
        ("ông ấy sinh năm nào?", PROVINCE, PROVINCE_ANSWER),
        ("năm đó ai làm bí thư?", "Ai là Bí thư Thành ủy Hải Phòng?", "Lê Văn Thành."),
        ("ở đó có bao nhiêu đảng viên?", "Ai là bí thư?", ""),
        ("thế còn người kia?", SECRETARY, SECRETARY_ANSWER),
    ],
)
def test_a_follow_up_the_previous_turn_cannot_complete_is_asked_as_typed(new, previous, answer):
    assert ask(new, previous, answer) is None


def test_no_previous_turn_or_an_expired_one_completes_nothing():
    assert complete("còn đại hội lần sau?", None, NOW) is None
    assert ask("còn đại hội lần sau?", XV, minutes_ago=6) is None
    assert ask("còn đại hội lần sau?", XV, minutes_ago=4.9) is not None
    fresh = turn(XV, XV_ANSWER)
    assert complete("họp ở đâu?", fresh, NOW, max_age=timedelta(0)) is None
    assert complete("họp ở đâu?", fresh, NOW, max_age=timedelta(seconds=30)) is None
    assert complete("họp ở đâu?", turn(""), NOW) is None


@pytest.mark.parametrize(
    ("new", "goes_on"),
    [
        # The same subject: completed from it, or naming nothing of its own.
        ("có bao nhiêu đại biểu?", True),
        ("họp ở đâu?", True),
        ("nghị quyết ra ngày nào?", True),
        ("trung tâm hành chính của tỉnh mới đặt ở đâu", True),  # "tỉnh mới" names no province
        ("dan so khoang bao nhieu nguoi", True),
        # Another congress or subject: the previous answer's passage is not where to look.
        ("còn đại hội lần sau?", False),
        ("thế còn Hải Dương?", False),
        ("Lê Văn Thành sinh năm nào?", False),
        ("hai phong co bao nhieu dang vien", False),
        ("năm 1976 có bao nhiêu đảng viên", False),
    ],
)
def test_a_follow_up_goes_on_from_the_previous_answer_only_about_the_same_subject(new, goes_on):
    found = understand(new, turn(XV, XV_ANSWER), NOW)
    assert found.goes_on is goes_on


def test_after_who_a_person_is_the_next_question_about_them_searches_the_whole_library():
    who = turn("nguyen duc canh la ai", "Nguyễn Đức Cảnh là Bí thư đầu tiên của Thành ủy.")
    found = understand("me ong que o dau", who, NOW)
    assert found.text == "Me Nguyễn Đức Cảnh que o dau"
    assert not found.goes_on
    role = turn("Bí thư Thành ủy khóa XV là ai?", "Lê Văn Thành được bầu làm Bí thư khóa XV.")
    assert understand("ông ấy quê ở đâu", role, NOW).goes_on  # a role's passage may go on


def test_nothing_goes_on_from_a_refusal_or_an_expired_turn():
    assert not understand("có bao nhiêu đại biểu?", turn(XV, ""), NOW).goes_on
    assert not understand("nghị quyết ra ngày nào?", turn(XV, ""), NOW).goes_on
    old = turn(XV, XV_ANSWER, minutes_ago=6)
    assert understand("có bao nhiêu đại biểu?", old, NOW) == understand("x", None, NOW)


@pytest.mark.parametrize(
    ("new", "previous", "expected"),
    [
        # What the previous question is about is a thing, not a name: it is kept whole.
        ("có mấy đảng viên", "chi bộ cộng sản đầu tiên ở Lâm Đồng ra đời khi nào",
         "Chi bộ cộng sản đầu tiên Lâm Đồng có mấy đảng viên"),
        ("có bao nhiêu đảng viên", "Ở Lâm Đồng, chi bộ cộng sản đầu tiên ra đời ở đâu?",
         "Ở Lâm Đồng chi bộ cộng sản đầu tiên có bao nhiêu đảng viên"),
        ("co may dang vien", "chi bo cong san dau tien o hai phong lap o dau",
         "Chi bo cong san dau tien co may dang vien"),
        ("ai làm chủ nhiệm", "Ủy ban Kiểm tra Thành ủy Hải Phòng khóa XV có mấy người?",
         "Ai làm chủ nhiệm Ủy ban Kiểm tra Thành ủy Hải Phòng khóa XV"),
    ],
)  # fmt: skip
def test_a_subject_that_is_not_a_name_is_kept_whole(new, previous, expected):
    assert ask(new, previous, "x") == expected


@pytest.mark.parametrize(
    ("new", "previous", "expected"),
    [
        ("ai làm bí thư chi bộ đó?", "Năm 1929 ở Đà Lạt có tổ chức đảng nào được lập?",
         "Ai làm bí thư chi bộ năm 1929 Đà Lạt?"),
        ("chi bộ đó lập ở đâu", "ai là bí thư chi bộ cộng sản đầu tiên ở Lâm Đồng",
         "Chi bộ cộng sản đầu tiên Lâm Đồng lập ở đâu"),
        ("tỉnh đó có mấy huyện", "Năm 1976 tỉnh Lâm Đồng hợp nhất với tỉnh nào?",
         "Tỉnh Lâm Đồng năm 1976 có mấy huyện"),
        # The previous question asked which resolution: its subject says whose.
        ("nghị quyết đó ra ngày nào",
         "Đảng bộ Khối Dân Chính Đảng ở Lâm Đồng được lập theo nghị quyết nào?",
         "Nghị quyết Đảng bộ Khối Dân Chính Đảng Lâm Đồng ra ngày nào"),
    ],
)  # fmt: skip
def test_a_thing_named_by_its_kind_is_the_previous_turns(new, previous, expected):
    found = understand(new, turn(previous, "x"), NOW)
    assert found.text == expected
    assert found.goes_on


def test_something_else_asked_of_the_same_subject_is_no_swap():
    found = understand(
        "the con tro thanh thanh pho thi nam nao",
        turn("Hải Phòng tách khỏi tỉnh Hải Dương để lập tỉnh riêng năm nào?", "x"),
        NOW,
    )
    assert found.text == "Hải Phòng tỉnh Hải Dương tro thanh thanh pho nam nao?"
    assert found.goes_on
    swapped = understand(
        "thế còn Hải Dương thì sao", turn("Hải Phòng được giải phóng khi nào?"), NOW
    )
    assert swapped.text == "Hải Dương được giải phóng khi nào?"


@pytest.mark.parametrize(
    ("new", "previous", "answer", "expected"),
    [
        # A term moved and a pronoun in one message.
        ("khóa trước ông ấy giữ chức gì?", "Ai là Bí thư Tỉnh ủy Lâm Đồng khóa XI?",
         "Trần Đức Quận được bầu làm Bí thư Tỉnh ủy Lâm Đồng khóa XI.",
         "Khóa X Trần Đức Quận giữ chức gì?"),
        # "hồi đó" is the year the question named, not the first the answer tells.
        ("BCH lâm thời của Đảng bộ tỉnh hồi đó có bao nhiêu người?",
         "Năm 1976 tỉnh Lâm Đồng hợp nhất với tỉnh nào?",
         "Ngày 3 tháng 4 năm 1975, hai tỉnh được giải phóng, và ngày 6 tháng 1 năm 1976, tỉnh "
         "Lâm Đồng và tỉnh Tuyên Đức được hợp nhất.",
         "BCH lâm thời của Đảng bộ tỉnh Lâm Đồng năm 1976 có bao nhiêu người?"),
        # The congress is the subject, whatever it is not numbered.
        ("keo dai may ngay", "Đại hội Đảng bộ TP Hải Phòng nhiệm kỳ 2025–2030 diễn ra khi nào?",
         "x", "Đại hội Đảng bộ TP Hải Phòng nhiệm kỳ 2025–2030 keo dai may ngay"),
        # Another congress, said with words the previous question has.
        ("thế còn đoàn đi ĐH XIV?",
         "Đoàn Đảng bộ Hải Phòng dự Đại hội XIII của Đảng có bao nhiêu đại biểu chính thức?", "x",
         "Đoàn Đảng bộ Hải Phòng dự Đại hội XIV của Đảng có bao nhiêu đại biểu chính thức?"),
        ("người còn lại là ai?", "Ông Trần Văn Hiệp giữ chức gì trong Tỉnh ủy khóa XI?",
         "Hai Phó Bí thư Tỉnh ủy khóa XI là Trần Văn Hiệp và Trần Đình Văn.",
         "Ông Trần Đình Văn giữ chức gì trong Tỉnh ủy khóa XI?"),
        # "tỉnh đó" after "với tỉnh nào?" is the province the answer named.
        ("tỉnh đó có mấy huyện", "Năm 1976 tỉnh Lâm Đồng hợp nhất với tỉnh nào?",
         "Tỉnh Lâm Đồng và tỉnh Tuyên Đức được hợp nhất thành tỉnh Lâm Đồng.",
         "Tỉnh Tuyên Đức có mấy huyện"),
    ],
)  # fmt: skip
def test_more_ways_of_going_on(new, previous, answer, expected):
    assert ask(new, previous, answer) == expected


def test_a_message_typed_without_diacritics_asks_its_completion_without_them():
    found = understand(
        "tinh do thanh lap ngay nao", turn("Tỉnh Lâm Viên còn gọi là gì?", "x"), NOW
    )
    assert found.text == "Tỉnh Lâm Viên thanh lap ngay nao"  # as shown to the user
    assert found.asked == "Tinh Lam Vien thanh lap ngay nao"
    typed = understand(
        "tỉnh đó thành lập ngày nào", turn("Tỉnh Lâm Viên còn gọi là gì?", "x"), NOW
    )
    assert typed.asked == typed.text == "Tỉnh Lâm Viên thành lập ngày nào"
    # The previous question typed without them: its words put in are plain, so is the whole.
    mixed = understand("tỉnh đó thành lập ngày nào", turn("Tinh Lam Vien con goi la gi", "x"), NOW)
    assert mixed.text == "Tinh Lam Vien thành lập ngày nào"
    assert mixed.asked == "Tinh Lam Vien thanh lap ngay nao"


def test_turns_are_frozen():
    with pytest.raises(AttributeError):
        turn(XV).question = "x"  # type: ignore[misc]


def test_mentions_tell_people_from_places_and_bodies():
    text = Text.of(SECRETARY_ANSWER)
    assert [m.name(text) for m in people(text)] == ["Lê Văn Thành"]
    assert [m.name(text) for m in places(text)] == ["Hải Phòng"]
    lam_dong = Text.of("Đại hội Đảng bộ tỉnh Lâm Đồng lần thứ I họp tại Đà Lạt năm 1976.")
    assert people(lam_dong) == []
    assert [m.name(lam_dong) for m in places(lam_dong)] == ["Đà Lạt", "Lâm Đồng"]
    assert [lam_dong.raw[slice(*y)] for y in years(lam_dong)] == ["1976"]
    (first,) = ordinals(lam_dong)
    assert (first.value, first.style) == (1, "roman")
    assert [o.value for o in ordinals(Text.of("Đại hội vì sao họp? Khóa 15."))] == [15]
    assert format_ordinal(14, "roman") == "XIV"
    assert format_ordinal(2, "word") == "hai"
    assert years(Text.of("nhiệm kỳ 2015–2020")) == []
    # The country in a party's name is no place asked about.
    party = Text.of("Đảng bộ Đảng Cộng sản Việt Nam tp Hải Phòng thành lập khi nào?")
    assert [m.name(party) for m in places(party)] == ["Hải Phòng"]
    enemy = Text.of("Nguyễn Đức Cảnh bị thực dân Pháp bắt ở Vinh")
    assert [m.name(enemy) for m in places(enemy)] == ["Vinh"]
    assert [m.name(t) for t in [Text.of("Hải Phòng và Việt Nam")] for m in places(t)] == [
        "Hải Phòng",
        "Việt Nam",
    ]


def test_an_attribute_after_then_what_about_keeps_the_subject():
    completed = ask("còn số đại biểu thì sao?", XV, XV_ANSWER)
    assert completed == "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng số đại biểu?"


def test_after_that_moves_the_congress_only_for_a_question_without_a_subject():
    assert ask("sau đó ai làm bí thư?", XV, XV_ANSWER) == (
        "Ai làm bí thư tại Đại hội đại biểu lần thứ XVI Đảng bộ thành phố Hải Phòng?"
    )
    assert ask("Sau đó Nguyễn Đức Cảnh làm gì?", XV, XV_ANSWER) is None
    assert ask("trước đó ông ấy làm gì?", ARREST, ARREST_ANSWER) == (
        "Trước đó Nguyễn Đức Cảnh làm gì?"
    )


@pytest.mark.parametrize(
    "new", ["gì nữa không?", "thế à", "ok", "ai?", "vậy sao?", "cụ thể thế nào?", "cu the the nao"]
)
def test_a_message_that_asks_about_nothing_is_not_completed(new):
    assert ask(new, XV, XV_ANSWER) is None


@pytest.mark.parametrize(
    ("new", "previous", "answer", "expected"),
    [
        # Only the question words change: the previous subject and verb are kept.
        ("tháng mấy?", "Tỉnh Lâm Đồng ra đời năm 1950 từ 2 tỉnh nào?", PROVINCE_ANSWER,
         "Tỉnh Lâm Đồng ra đời năm 1950 tháng mấy?"),
        ("o dau", "Nguyen Duc Canh bi bat nam nao", "", "Nguyen Duc Canh bi bat o dau?"),
        ("tháng mấy?", "Tỉnh Lâm Đồng ra đời năm 1950 từ hai tỉnh nào?", PROVINCE_ANSWER,
         "Tỉnh Lâm Đồng ra đời năm 1950 tháng mấy?"),
        ("vào thời gian nào?", "Nguyễn Đức Cảnh bị thực dân Pháp bắt ở đâu?", "",
         "Nguyễn Đức Cảnh bị thực dân Pháp bắt vào thời gian nào?"),
        ("bao giờ", "Nguyễn Đức Cảnh bị thực dân Pháp bắt ở đâu?", "",
         "Nguyễn Đức Cảnh bị thực dân Pháp bắt bao giờ?"),
        # The same asked more precisely.
        ("ngay cu the la ngay nao", "ong Nguyen Duc Canh hy sinh nam nao", "",
         "Ong Nguyen Duc Canh hy sinh ngay cu the la ngay nao?"),
        ("chính xác là tháng mấy?", "Tỉnh Lâm Đồng ra đời năm 1950 từ 2 tỉnh nào?", "",
         "Tỉnh Lâm Đồng ra đời năm 1950 chính xác là tháng mấy?"),
        # "năm đó là năm nào": which year that was, asked again.
        ("năm đó là năm nào?", "Nguyễn Đức Cảnh bị thực dân Pháp bắt ở đâu?", "",
         "Nguyễn Đức Cảnh bị thực dân Pháp bắt năm nào?"),
        # Another role of the same body.
        ("còn chủ nhiệm UBKT?", "Bí thư Thành ủy Hải Phòng nhiệm kỳ 2025–2030 là ai?", "",
         "Chủ nhiệm UBKT Thành ủy Hải Phòng nhiệm kỳ 2025–2030 là ai?"),
        # "X thì ai": the previous question about X.
        ("thế khóa 16 thì ai", "Chủ nhiệm UBKT Thành ủy khóa XV là ai?", "",
         "Chủ nhiệm UBKT Thành ủy khóa XVI là ai?"),
        ("còn ĐH lần II", "ĐH I Đảng bộ tỉnh Lâm Đồng có bao nhiêu đại biểu?", "",
         "ĐH II Đảng bộ tỉnh Lâm Đồng có bao nhiêu đại biểu?"),
        # The previous year goes with the subject, unless the question has its own.
        ("ai làm bí thư?", "Năm 1976 Ban Chấp hành tỉnh Lâm Đồng có bao nhiêu người?", "",
         "Ai làm bí thư năm 1976 tỉnh Lâm Đồng?"),
        # A bare "quận" is the previous one.
        ("khi đó quận rộng bao nhiêu", "Quận Dương Kinh lập năm nào?",
         "Ngày 12 tháng 9 năm 2007, Chính phủ thành lập quận Dương Kinh.",
         "Năm 2007 quận Dương Kinh rộng bao nhiêu"),
        ("có bao nhiêu đơn vị cấp xã?", "Tỉnh Lâm Đồng mới rộng bao nhiêu?", "",
         "Tỉnh Lâm Đồng có bao nhiêu đơn vị cấp xã?"),
    ],
)  # fmt: skip
def test_question_words_roles_years_and_bare_places_complete_from_the_previous_turn(
    new, previous, answer, expected
):
    assert ask(new, previous, answer) == expected


def test_abbreviations_are_written_out_before_completing():
    learned = {"LĐ": "Lâm Đồng"}

    def expand(text: str) -> str:
        return text.replace("ĐH", "Đại hội").replace("LĐ", learned["LĐ"])

    previous = turn("ĐH I đảng bộ tỉnh LĐ nhiệm kỳ 2025–2030 khai mạc khi nào?")
    assert complete("có bao nhiêu đại biểu?", previous, NOW, expand=expand) == (
        "Đại hội I đảng bộ tỉnh Lâm Đồng nhiệm kỳ 2025–2030 có bao nhiêu đại biểu?"
    )
    # Without the expansion "LĐ" is no place the completion can see.
    assert "Lâm Đồng" not in (complete("có bao nhiêu đại biểu?", previous, NOW) or "")


def test_he_is_the_person_beside_the_role_asked_not_the_first_one_named():
    answer = (
        "Sáng ngày 27 tháng 9 năm 2025, quyết định chỉ định Lê Tiến Châu tiếp tục làm Bí thư "
        "Thành ủy Hải Phòng được công bố. Các Phó Bí thư Thành ủy là Đỗ Mạnh Hiến (Phó Bí thư "
        "Thường trực), Lê Văn Hiệu và Lê Ngọc Châu."
    )
    deputy = "Phó Bí thư thường trực Thành ủy Hải Phòng nhiệm kỳ 2025–2030 là ai?"
    assert ask("ông ấy sinh năm nào?", deputy, answer) == "Đỗ Mạnh Hiến sinh năm nào?"
    secretary = "Bí thư Thành ủy Hải Phòng nhiệm kỳ 2025–2030 là ai?"
    assert ask("ông ấy sinh năm nào?", secretary, answer) == "Lê Tiến Châu sinh năm nào?"


@pytest.mark.parametrize(
    ("new", "previous", "answer", "expected"),
    [
        # The other kind of delegate, or the other end of the congress, in place of the asked one.
        ("còn dự khuyết?",
         "Đoàn đại biểu Đảng bộ Lâm Đồng dự Đại hội XIII có bao nhiêu đại biểu chính thức?", "",
         "Đoàn đại biểu Đảng bộ Lâm Đồng dự Đại hội XIII có bao nhiêu đại biểu dự khuyết?"),
        ("con be mac?", "Dai hoi XV khai mac ngay nao", "", "Dai hoi XV be mac ngay nao"),
        # Verbs people ask of the same subject, with "trước", "sau" around them.
        ("chia mấy vòng ạ", FIRST_CONGRESS, "",
         "Đại hội lần thứ nhất của Đảng bộ tỉnh Lâm Đồng chia mấy vòng"),
        ("sau khi nhập thì rộng bao nhiêu", "Năm 2025 Hải Phòng hợp nhất với tỉnh nào?", "",
         "Năm 2025 Hải Phòng sau khi nhập thì rộng bao nhiêu"),
        # A decree or a committee named by its kind.
        ("nghị định đó do cơ quan nào ra", PROVINCE, PROVINCE_ANSWER,
         "Nghị định tỉnh Lâm Đồng do cơ quan nào ra"),
        ("ủy ban đó gồm mấy người", "Ủy ban Kiểm tra Thành ủy khóa XV do ai làm chủ nhiệm", "",
         "Ủy ban Kiểm tra khóa XV gồm mấy người"),
        # The body a congress belongs to stays with it, its place typed plain too.
        ("tổ chức ở đâu", "Đại hội lần II Đảng bộ thành phố khai mạc ngày nào vậy", "",
         "Đại hội lần II Đảng bộ thành phố tổ chức ở đâu"),
        ("to chuc o dau", "dai hoi I dang bo tinh lam dong co bao nhieu dai bieu", "",
         "Dai hoi I dang bo tinh lam dong to chuc o dau"),
    ],
)  # fmt: skip
def test_counterparts_verbs_decrees_and_committees_complete_from_the_previous_turn(
    new, previous, answer, expected
):
    assert ask(new, previous, answer or "x") == expected


def test_tu_of_the_previous_question_is_the_committee_its_answer_names():
    def expand(text: str) -> str:
        return text.replace("UBKT", "Ủy ban Kiểm tra").replace("TU", "Tỉnh ủy Thành ủy")

    previous = turn(
        "UBKT TU khóa XV do ai làm chủ nhiệm",
        "Ủy ban Kiểm tra Thành ủy khóa XV gồm 9 người, do Đỗ Mạnh Hiến làm Chủ nhiệm.",
    )
    assert complete("còn khóa XVI?", previous, NOW, expand=expand) == (
        "Ủy ban Kiểm tra Thành ủy khóa XVI do ai làm chủ nhiệm"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("em đang ôn thi tìm hiểu, cho em hỏi ĐH II có bao nhiêu đại biểu ạ",
         "ĐH II có bao nhiêu đại biểu ạ"),
        ("đồng chí cho hỏi ai là bí thư", "ai là bí thư"),
        ("Cho bac hoi tinh duoc lap nam 1916", "tinh duoc lap nam 1916"),
        # A topic before "cho mình hỏi" is part of the question.
        ("ĐH XV, cho mình hỏi họp ở đâu", "ĐH XV, cho mình hỏi họp ở đâu"),
        ("em muốn biết ĐH XV họp ở đâu", "em muốn biết ĐH XV họp ở đâu"),
        ("cho em hỏi", "cho em hỏi"),
    ],
)  # fmt: skip
def test_a_clause_about_the_asker_goes_with_the_courtesies(typed, expected):
    assert without_courtesies(typed) == expected
