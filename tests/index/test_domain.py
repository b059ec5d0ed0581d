import pytest

from index.domain import DomainGate
from index.question import parse_question
from index.text import bigrams, syllables

BOOK = (
    "Hải Phòng được giải phóng ngày 13 tháng 5 năm 1955. Đà Lạt là nơi ra đời chi bộ cộng sản "
    "đầu tiên ở Lâm Đồng. Đại hội đại biểu Đảng bộ thành phố có 350 đại biểu. Huyện Đơn Dương "
    "trồng rau, hoa và nuôi bò sữa. Sân bay Cát Bi được nâng cấp."
)


def gate_of(text: str) -> DomainGate:
    """The gate of a library holding only ``text``."""
    tokens = syllables(text)
    return DomainGate(tokens, bigrams(tokens))


@pytest.fixture(scope="module")
def gate() -> DomainGate:
    return gate_of(BOOK)


@pytest.mark.parametrize(
    "question",
    [
        "thời tiết Đà Lạt hôm nay thế nào",
        "thoi tiet da lat hom nay the nao",
        "giá vàng hôm nay bao nhiêu",
        "gia rau Don Duong hom nay",
        "lịch thi đấu đội bóng Hải Phòng",
        "kết quả xổ số miền Bắc",
        "ket qua xo so mien bac",
        "vé máy bay đi Cát Bi bao nhiêu",
        "hello bot",
        "bạn là ai",
        "ăn bánh đa cua ở đâu ngon nhất Hải Phòng",
        "an banh da cua o dau ngon nhat hp",
        "cảm ơn nhé",
    ],
)
def test_everyday_questions_are_off_domain(gate, question):
    assert gate.off_domain(parse_question(question))


@pytest.mark.parametrize(
    "question",
    [
        "Hải Phòng được giải phóng ngày nào?",
        "hai phong duoc giai phong ngay nao",
        "Đại hội có bao nhiêu đại biểu?",
        "chi bo cong san dau tien o lam dong ra doi o dau",
        "Đơn Dương trồng những gì?",
        "san bay cat bi duoc nang cap khi nao",
    ],
)
def test_questions_about_the_book_pass(gate, question):
    assert not gate.off_domain(parse_question(question))


def test_a_typing_slip_is_not_an_unknown_word(gate):
    assert not gate.off_domain(parse_question("Hải Phòng được giải phóg ngày nào?"))
    assert not gate.off_domain(parse_question("dai hoi co bao nhieu dai bieuu"))


def test_everyday_words_the_library_writes_are_its_own_topic():
    text = (
        "Bộ phim Gandhi được quay năm 1982. Bộ phim giành nhiều giải. Du lịch Đà Lạt phát "
        "triển. Khách du lịch tăng. Gandhi phê phán chế độ thực dân."
    )
    library = gate_of(text)
    assert not library.off_domain(parse_question("Bộ phim Gandhi được quay năm nào?"))
    assert not library.off_domain(parse_question("bo phim gandhi quay nam nao"))
    # Written once only, or not at all: still everyday.
    assert library.off_domain(parse_question("giá vàng hôm nay bao nhiêu"))


def test_two_pairs_of_known_words_never_written_side_by_side_are_no_foreign_topic():
    library = gate_of("Quận được lập. Diện tích lớn mênh mông. Cách xa nhau.")
    # "lập lớn", "lớn cách": words the book knows, in pairs it never writes.
    assert not library.off_domain(parse_question("lập lớn cách bao nhiêu"))
    assert library.off_domain(parse_question("xa lập lớn cách bao nhiêu"))


def test_the_measure_asked_for_is_no_topic():
    library = gate_of(
        "Quận Dương Kinh được thành lập năm 2007. Khi đó quận mới có 6 phường. Diện tích của "
        "quận rộng 4.584 ha."
    )
    # "mới lập", "lập rộng": the question's frame, not a foreign subject.
    assert not library.off_domain(parse_question("Dương Kinh khi mới lập rộng bao nhiêu ha"))
    assert not library.off_domain(parse_question("sách ghi quận Dương Kinh rộng khoảng mấy ha"))
    # The book writes "%" and digits; the question spells them out.
    share = gate_of(
        "Năm 2021, Đơn Dương có 11.050 ha rau, hoa công nghệ cao, chiếm 93,9% diện tích."
    )
    assert not share.off_domain(parse_question("chiếm bao nhiêu phần trăm diện tích"))
    assert not share.off_domain(parse_question("rau hoa cong nghe cao bao nhieu nghin ha"))
    assert share.off_domain(parse_question("giá vàng tăng bao nhiêu phần trăm"))


def test_an_everyday_phrase_the_book_writes_beside_the_same_word_is_the_books():
    library = gate_of(
        "Chi bộ cộng sản đầu tiên được lập ở một phòng trên gác nhà để xe của khách sạn Palace "
        "ở Đà Lạt. Chi bộ có 3 người."
    )
    assert not library.off_domain(parse_question("chi bộ lập ở phòng nào của khách sạn Palace"))
    assert not library.off_domain(parse_question("chi bo lap o phong nao cua khach san palace"))
    # The same phrase beside other words is still the everyday matter.
    assert library.off_domain(parse_question("khách sạn nào ở Đà Lạt rẻ"))
    assert library.off_domain(parse_question("dat khach san da lat o dau"))


def test_folded_everyday_phrases_do_not_catch_history_words():
    library = gate_of("Nguyễn Đức Cảnh là người đứng đầu đầu tiên của Tổng Công hội Đỏ Bắc Kỳ.")
    # Typed without diacritics "đứng đầu đầu tiên" holds "dau dau" ("đau đầu").
    question = "ai la nguoi dung dau dau tien cua tong cong hoi do bac ky"
    assert not library.off_domain(parse_question(question))


def test_a_name_pairs_with_any_word(gate):
    # "Cát Bi" sits next to words the book never puts beside it; the name is no sign of a
    # foreign topic.
    assert not gate.off_domain(parse_question("Cát Bi nâng cấp sân bay năm nào?"))


def test_an_everyday_word_the_book_writes_once_passes_in_a_question_quoting_the_book():
    text = (
        "Chi bộ cộng sản đầu tiên ở Lâm Đồng ra đời tại Đà Lạt. Nơi thành lập chi bộ là buồng "
        "số 2 của khách sạn Palace."
    )
    library = gate_of(text)
    for typed in (
        "chi bộ cộng sản đầu tiên họp ở khách sạn nào",
        "chi bo cong san dau tien hop o khach san nao",
    ):
        assert not library.off_domain(parse_question(typed)), typed
    # Without a phrase of the book, or beside an everyday phrase the book never writes, the
    # hotel is still an everyday matter.
    assert library.off_domain(parse_question("khách sạn nào ở Đà Lạt đẹp"))
    quoted_with_fare = "chi bộ cộng sản đầu tiên ở Lâm Đồng giá vé bao nhiêu"
    assert library.off_domain(parse_question(quoted_with_fare))


def test_chat_words_numerals_and_the_librarys_names_typed_plain_are_no_foreign_topic():
    book = BOOK + " Hải Phòng chia làm năm chương. Đại hội XVI bế mạc ngày 15 tháng 10."
    tokens = syllables(book)
    gate = DomainGate(tokens, bigrams(tokens), ["Hải Phòng", "Lâm Đồng"])
    for question in (
        "đại hội XVI bế mạc hôm nào",  # "hôm nào" asks when
        "dai hoi xvi be mac hom nao",  # a Roman numeral in lower case
        "quyen hai phong chia lam bao nhieu chuong",  # the library's name typed plain
        "đại hội có thêm bao nhiêu đại biểu nữa",
    ):
        assert not gate.off_domain(parse_question(question)), question
    # A name of its own does not make an everyday matter the library's.
    assert gate.off_domain(parse_question("thoi tiet hai phong hom nay"))
    assert gate.off_domain(parse_question("giá vé xe khách đi Lâm Đồng bao nhiêu"))


def test_a_question_in_the_books_words_put_together_anew_is_its_topic():
    """Two of three pairs the book never writes side by side ("sang làm", "làm chức") are a
    new wording of its own words, not another topic; three of four still are."""
    book = gate_of(
        "Nguyễn Văn Thành được điều chuyển sang công tác khác. Ông làm Bí thư và giữ chức vụ "
        "cao. Năm 1927, Nguyễn Đức Cảnh sang Quảng Châu học. Nước Pháp ở ngoài biên giới."
    )
    assert not book.off_domain(parse_question("Nguyễn Văn Thành điều chuyển sang làm chức gì?"))
    assert book.off_domain(parse_question("Cảnh sang nước ngoài học giá bao nhiêu"))
