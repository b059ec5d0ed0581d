"""Answers over the two sample booklets with the real model: slots, scope, the gate, shorthand."""

from collections.abc import Iterator

import pytest

from bot.services import Services
from bot.settings import load_settings
from knowledge import ingest_file
from tests.conftest import BOOKS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory, vector_cache) -> Iterator[Services]:
    work = tmp_path_factory.mktemp("booklets")
    config = work / "config.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{(work / "data").as_posix()}"\n'
        f'vector_cache = "{vector_cache.as_posix()}"\n',
        encoding="utf-8",
    )
    built = Services(load_settings(config, {}))
    for path in sorted(BOOKS.glob("*.docx")):
        built.db(ingest_file, path, built.settings.knowledge)
    built.rebuild_index()
    yield built
    built.close()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ĐH XV đảng bộ HP có bao nhiêu đại biểu", "350 đại biểu"),
        ("dh 15 dang bo hp co bao nhieu dai bieu", "350 đại biểu"),
        ("BCH khóa XV của HP gồm mấy ủy viên?", "56 ủy viên"),
        ("bt tu hp khoa 16 la ai", "Lê Văn Thành"),
        ("ĐH XV HP tổ chức ở đâu", "Cung Văn hóa Lao động Hữu nghị Việt – Tiệp"),
        ("HP được giải phóng ngày nào", "13 tháng 5 năm 1955"),
        ("ĐD đạt chuẩn NTM năm nào", "2015"),
        # Everyday wordings the booklet writes otherwise: "sinh", "bị bắt", "bãi bỏ".
        ("đ/c Nguyễn Đức Cảnh chào đời ngày mấy", "2 tháng 2 năm 1908"),
        ("ong nguyen duc canh sa vao tay phap o thanh pho nao", "Vinh"),
        ("Lâm Viên bị xóa bỏ ngày tháng năm nào", "31 tháng 10 năm 1920"),
        # Two sentences naming the same secretary support each other, they are no rivals.
        ("ai là bí thư tỉnh ủy lâm đồng hiện nay", "Y Thanh Hà Niê Kđăm"),
        # "X là ai": what the book says X was, with X as the subject.
        ("nguyen duc canh la ai", "Nguyễn Đức Cảnh"),
        # Not the founding of "Đảng bộ Khối Dân Chính Đảng", quoted before.
        ("dang bo lam dong thanh lap nam nao", "Ban Chấp hành lâm thời Đảng bộ tỉnh Lâm Đồng"),
        # Today's count, not the one "trước khi sắp xếp" lent by a neighbour, nor Thủy Nguyên's.
        ("hải phòng bây giờ có bao nhiêu xã phường", "114 đơn vị hành chính cấp xã"),
        ("lâm đồng có bao nhiêu xã", "124 đơn vị hành chính cấp xã"),
    ],
)
def test_each_slot_kind_is_answered_with_the_sentence_holding_it(services, question, expected):
    answer = services.ask(question)
    assert not answer.refused, question
    assert expected.lower() in answer.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "ĐH XVII đảng bộ HP họp ở đâu",  # a congress the book does not reach
        "dai hoi 17 dang bo hai phong hop o dau",
        "Năm 1995 Hải Phòng có bao nhiêu đảng viên?",  # a year the book does not describe
        "Bí thư Tỉnh ủy Nghệ An nhiệm kỳ 2020–2025 là ai?",  # a province it does not cover
        # The book does not say when; quoted before: the year one was "Phó Bí thư", the year
        # another was "nguyên Bí thư".
        "Dương Anh Điền làm bí thư năm nào",
        "Tô Huy Rứa làm bí thư HP năm nào",
        # "Hai Phó Bí thư … khóa X là … Trần Đức Quận" had borrowed a neighbour's 2015.
        "d/c tran duc quan lam bt tu ld nam nao",
        # Đắk Lắk is only where a secretary of Lâm Đồng comes from.
        "Chi bo cong san dau tien o Dak Lak do ai lam bi thu",
        "bi thu tinh uy nghe an nhiem ky 2020 2025 la ai",
    ],
)
def test_questions_outside_the_books_scope_are_refused(services, question):
    assert services.ask(question).refused, question


@pytest.mark.parametrize(
    "question",
    [
        "thời tiết Đà Lạt hôm nay thế nào",
        "thoi tiet da lat hom nay the nao",
        "giá vé máy bay đi Cát Bi bao nhiêu",
        "lich thi dau doi bong hai phong",
        "xin chào bot",
    ],
)
def test_everyday_questions_are_refused(services, question):
    assert services.ask(question).refused, question


def test_a_persons_home_is_not_taken_from_a_sentence_about_another_person(services):
    # "Lê Tiến Châu thay Trần Lưu Quang, …. Lê Tiến Châu sinh năm 1969, quê Tây Ninh" was quoted.
    answer = services.ask("trần lưu quang quê ở đâu")
    assert "Lê Tiến Châu sinh" not in answer.text
    assert answer.refused or "Trảng Bàng" in answer.text


def test_the_present_is_not_answered_with_the_state_before_the_last_change(services):
    # "diện tích … trước khi hợp nhất là 1.526,52 km²" was quoted for today's area.
    answer = services.ask("diện tích hải phòng hiện nay")
    assert "trước khi hợp nhất" not in answer.text
    assert answer.refused or "3.190 km²" in answer.text


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        # Each of these had been searched as a question and answered with a cited sentence.
        ("bot nay lam duoc gi", "about"),
        ("bạn do ai làm ra", "about"),
        ("bạn biết gì về lịch sử đảng bộ", "about"),
        ("lam the nao de dung bot", "about"),
        ("hay quá", "ack"),
    ],
)
def test_small_talk_is_never_answered_from_the_book(services, message, kind):
    answer = services.ask(message)
    assert answer.refused
    assert answer.citation is None
    assert answer.text == ""
    assert answer.small_talk == kind


@pytest.mark.parametrize(
    "question",
    [
        # The book names him, but not as Chủ tịch UBND: the year another was elected to it, in
        # a passage that names him elsewhere, does not answer.
        "Đỗ Mạnh Hiến làm Chủ tịch UBND thành phố Hải Phòng từ năm nào",
        "do manh hien lam chu tich ubnd tp hp tu nam nao",
    ],
)
def test_a_person_asked_about_is_named_where_the_answer_is(services, question):
    answer = services.ask(question)
    assert answer.refused, answer.text
    assert answer.unstated.lower() in ("đỗ mạnh hiến", "do manh hien")


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        # The search alone finds another passage for the bare question (Đơn Dương's population).
        ("Sau khi hợp nhất với Hải Dương, diện tích HP là bao nhiêu?",
         "dân số khoảng bao nhiêu người", "gần 4,7 triệu người"),
        ("Việc LĐ, Đắk Nông và Bình Thuận hợp nhất theo nghị quyết nào?",
         "nghi quyet ban hanh ngay nao", "12 tháng 4 năm 2025"),
    ],
)  # fmt: skip
def test_a_follow_up_is_answered_from_the_previous_answers_passage_first(
    services, first, then, expected
):
    previous = services.ask(first)
    assert not previous.refused
    assert previous.chunk_id
    (alone,) = services.ask_many([then])
    assert expected not in alone.text
    (answer,) = services.ask_many([then], [previous.chunk_id])
    assert not answer.refused
    assert expected in answer.text
    assert answer.chunk_id == previous.chunk_id


@pytest.mark.parametrize(
    ("first", "then"),
    [
        # The previous passage tells of him, but not this: it must not lend a sentence.
        ("Ai là Bí thư Thành ủy Hải Phòng khóa XVI?", "ông ấy học ở đâu?"),
        ("Nguyễn Đức Cảnh sinh năm nào?", "ông ấy cao bao nhiêu?"),
        ("Đại hội XV Đảng bộ Hải Phòng họp ở đâu?", "có bao nhiêu đại biểu nữ?"),
    ],
)
def test_a_follow_up_the_previous_passage_does_not_answer_is_refused(services, first, then):
    from datetime import UTC, datetime

    from index.followup import Turn, understand

    previous = services.ask(first)
    assert not previous.refused
    now = datetime.now(UTC)
    found = understand(then, Turn(first, previous.text, now, previous.chunk_id), now)
    assert found.goes_on
    (answer,) = services.ask_many([found.asked or then], [previous.chunk_id])
    assert answer.refused, answer.text


def test_a_question_asked_again_is_answered_from_memory_a_follow_up_is_not(
    services, monkeypatch: pytest.MonkeyPatch
):
    library = services.library()
    searched: list[str] = []
    search_many = library.index.search_many

    def counting(questions, k):
        searched.extend(questions)
        return search_many(questions, k)

    monkeypatch.setattr(library.index, "search_many", counting)
    question = "Đại hội XIV Đảng bộ Lâm Đồng bầu ai làm Bí thư Tỉnh ủy vậy ad"
    first = services.ask(question)
    other = "thành phố HP được giải phóng vào hôm nào thế bạn"  # asked by no other test
    again, _ = services.ask_many([question, other])
    assert again == first
    assert searched == [question, other]
    # The same words going on from a passage are another question.
    (near,) = services.ask_many([question], [first.chunk_id or "?"])
    assert searched[-1] == question
    assert len(searched) == 3
    assert near.chunk_id == first.chunk_id
