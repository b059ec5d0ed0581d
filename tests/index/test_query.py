import pytest

from index.query import (
    QueryNormalizer,
    initials,
    learn_abbreviations,
    learn_committees,
    years_in,
)
from index.question import parse_question
from index.slots import counted_noun, has_slot
from index.text import DiacriticRestorer, syllables, vocabulary

BOOK = [
    "Hải Phòng trở thành thành phố năm 1888. Đảng bộ thành phố Hải Phòng ra đời tháng 4/1930.",
    "Bí thư Thành ủy Hải Phòng khóa XV là Lê Văn Thành. Hải Phòng hợp nhất với Hải Dương.",
    "Năm 2025, Hải Phòng và Hải Dương hợp nhất. Cảng Hải Phòng là cảng lớn của miền Bắc.",
    "Huyện Đơn Dương thuộc tỉnh Lâm Đồng. Đơn Dương đạt chuẩn nông thôn mới năm 2015.",
    "Đơn Dương có hồ Đa Nhim. Lâm Đồng có Đà Lạt. Tỉnh Lâm Đồng nằm ở Tây Nguyên.",
    "Lê Văn Thành sinh năm 1962. Lê Văn Thành làm Bí thư. Đà Lạt và Đơn Dương, Lâm Đồng.",
]


@pytest.fixture(scope="module")
def learned() -> dict[str, str]:
    return learn_abbreviations(BOOK)


def test_learns_the_initials_of_frequent_names(learned):
    assert learned["HP"] == "Hải Phòng"
    assert learned["ĐD"] == "Đơn Dương"
    assert learned["LĐ"] == "Lâm Đồng"
    assert learned["LVT"] == "Lê Văn Thành"


def test_titles_and_rare_names_are_not_learned(learned):
    assert "BT" not in learned  # "Bí thư" is a title, and the fixed list has BT
    assert "TN" not in learned  # "Tây Nguyên" occurs once
    assert "ĐN" not in learned  # "Đa Nhim" occurs once
    assert initials("Lâm Đồng") == "LĐ"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dh 16 dang bo hp hop o dau", "dai hoi 16 dang bo hai phong hop o dau"),
        ("bt tu hp 2015 la ai", "bi thu tinh uy thanh uy hai phong 2015 la ai"),
        ("ĐH XI TU LĐ họp khi nào", "Đại hội XI Tỉnh ủy Thành ủy Lâm Đồng họp khi nào"),
        ("ld co bn huyen", "lam dong co bao nhieu huyen"),
        ("NTM ở ĐD đạt chuẩn năm nào", "nông thôn mới ở Đơn Dương đạt chuẩn năm nào"),
        ("KKT Đình Vũ rộng bn ha", "khu kinh tế Đình Vũ rộng bao nhiêu ha"),
        ("Tu viện ở đâu", "Tu viện ở đâu"),
        ("tu nam nao hp la tp", "tu nam nao hai phong la thanh pho"),
        # Capitals without diacritics: "DV" is "ĐV"; lower-case "dv" stays as typed.
        ("dh II ld co bao nhieu DB", "dai hoi II lam dong co bao nhieu dai bieu"),
        ("hp co bn DV", "hai phong co bao nhieu dang vien"),
        # In lower case only when counted ("bn dv"); "dv" alone may be "dịch vụ".
        ("hp co bn dv", "hai phong co bao nhieu dang vien"),
        ("dv hp", "dv hai phong"),
        # "UV" is "ủy viên"; lower-case "uv" only when counted.
        ("BCH khóa XVI gồm bao nhiêu UV", "Ban Chấp hành khóa XVI gồm bao nhiêu ủy viên"),
        ("bch gom bao nhiu uv", "ban chap hanh gom bao nhieu uy vien"),
        # "ĐB" before a place is the Party body, after a number the delegates.
        ("ĐH XV của ĐB HP họp ở đâu", "Đại hội XV của Đảng bộ Hải Phòng họp ở đâu"),
        (
            "DH XV cua DB tinh LD co bn DB",
            "dai hoi XV cua dang bo tinh lam dong co bao nhieu dai bieu",
        ),
        ("ĐB Quốc hội khóa XV", "đại biểu Quốc hội khóa XV"),
        ("chi bo CS dau tien", "chi bo cong san dau tien"),
        # Lower-case "cs" is "cộng sản" beside Party words only; elsewhere it may be "cảnh sát".
        ("chi bộ cs đầu tiên ở Đà Lạt", "chi bộ cộng sản đầu tiên ở Đà Lạt"),
        ("dang cs dong duong", "dang cong san dong duong"),
        ("cs giao thông ở đâu", "cs giao thông ở đâu"),
        # Abbreviations no syllable could be read in any case; two letters stay as typed.
        ("ubnd tinh ld", "uy ban nhan dan tinh lam dong"),
        ("chu tich ubmttq tinh", "chu tich uy ban mat tran to quoc tinh"),
        ("Đảng CSVN ra đời năm nào", "Đảng Cộng sản Việt Nam ra đời năm nào"),
        ("QĐ số 83 của BCT", "Quyết định số 83 của Bộ Chính trị"),
        ("ĐH XV họp ở đâu vậy ad", "Đại hội XV họp ở đâu vậy ad"),
        # Lower-case "db" before a place named in full is the Party body too; after "Đoàn",
        # or before "Đảng bộ", "ĐB" is the delegates.
        ("lich su db hai phong", "lich su dang bo hai phong"),
        ("Đoàn ĐB Đảng bộ LĐ dự ĐH XIII", "Đoàn đại biểu Đảng bộ Lâm Đồng dự Đại hội XIII"),
        ("doan db hai phong", "doan db hai phong"),
        # Lower-case "nk" before a term or "nào" is the term; "thu tu" typed plain is an order.
        ("dh x nk nao", "dai hoi x nhiem ky nao"),
        ("bch nk 2025–2030", "ban chap hanh nhiem ky 2025–2030"),
        ("xep theo thu tu nao", "xep theo thu tu nao"),
        ("bi thu tu hp", "bi thu tinh uy thanh uy hai phong"),
    ],
)
def test_expand_uses_fixed_learned_and_chat_shorthand(learned, typed, expected):
    assert QueryNormalizer(learned).expand(typed) == expected


COMMITTEES = [
    "Lê Văn Thành làm Bí thư Thành ủy Hải Phòng. Ban Thường vụ Tỉnh ủy Lâm Đồng họp.",
    "Bí thư Tỉnh ủy Lâm Đồng. Bí thư Tỉnh ủy Hải Dương và Bí thư Thành ủy Hải Dương.",
]


def test_tu_is_the_committee_the_books_write_with_the_place_named(learned):
    committees = learn_committees(COMMITTEES)
    assert committees["hai phong"] == "Thành ủy"
    assert committees["lam dong"] == "Tỉnh ủy"
    assert "hai duong" not in committees  # written with both
    normalizer = QueryNormalizer(learned, committees=committees)
    assert normalizer.expand("BT TU Hải Phòng") == "Bí thư Thành ủy Hải Phòng"
    assert normalizer.expand("bt tu ld 2020") == "bi thu tinh uy lam dong 2020"
    assert normalizer.expand("NQ của BTV TU LĐ") == "Nghị quyết của Ban Thường vụ Tỉnh ủy Lâm Đồng"
    # No place, or places of both kinds: both stay, for the search to decide.
    assert normalizer.expand("PBT TU khóa XV") == "Phó Bí thư Tỉnh ủy Thành ủy khóa XV"
    assert "Tỉnh ủy Thành ủy" in normalizer.expand("TU HP và TU LĐ")


def test_plain_questions_stay_plain(learned):
    expanded = QueryNormalizer(learned).expand("dh 16 dang bo hp hop o dau")
    assert expanded.isascii()


def test_search_form_keeps_the_abbreviation_and_unifies_numerals(learned):
    normalizer = QueryNormalizer(learned)
    searched = normalizer.for_search("ĐH lần thứ mười sáu HP")
    assert "Hải Phòng (HP)" in searched
    assert "(ĐH)" in searched
    assert syllables(normalizer.for_search("Đại hội XVI"))[:3] == syllables("Đại hội 16")
    # An ordinary phrase written in full gets no abbreviation appended; a Party body does.
    assert normalizer.for_search("Edward quyết định rời đi khi nào") == (
        "Edward quyết định rời đi khi nào"
    )
    assert normalizer.for_search("Ủy ban nhân dân tỉnh").endswith("UBND")


@pytest.mark.parametrize(
    ("typed", "added"),
    [
        ("dai hoi 2 hai phong to chuc o dau", "lan thu 2"),
        ("ĐH 16 họp ở đâu", "lần thứ 16"),
        ("bí thư khóa II là ai", "lần thứ 2"),
        ("dai hoi xv hp", "lan thu 15"),
    ],
)
def test_a_congress_numbered_without_lan_thu_is_also_searched_with_it(learned, typed, added):
    # Books write "Đại hội đại biểu lần thứ II" as often as "Đại hội XVI".
    assert QueryNormalizer(learned).for_search(typed).endswith(added)


@pytest.mark.parametrize(
    ("typed", "times"), [("đại hội lần thứ 2 họp ở đâu", 1), ("đại hội 2025 họp ở đâu", 0)]
)
def test_no_ordinal_wording_is_added_when_written_or_absent(learned, typed, times):
    assert QueryNormalizer(learned).for_search(typed).count("lần thứ") == times


def test_units_typed_on_a_phone_read_as_the_books_write_them(learned):
    normalizer = QueryNormalizer(learned)
    question = parse_question(normalizer.expand("TP Thủy Nguyên rộng bao nhiêu km2"))
    assert question.text.endswith("bao nhiêu km²")
    assert question.numbers == ()  # the "2" of "km2" is no number the question gives
    assert has_slot(question, "Thành phố có diện tích 269,10 km².", counted_noun(question))
    assert "m²" in normalizer.for_search("nha rong bao nhieu m2")


def test_a_newly_ingested_book_brings_its_own_abbreviations():
    other = ["Tỉnh Quảng Trị có Thành cổ Quảng Trị. Quảng Trị giải phóng năm 1972."] * 3
    normalizer = QueryNormalizer(learn_abbreviations(other))
    assert normalizer.expand("qt giai phong nam nao") == "quang tri giai phong nam nao"
    assert QueryNormalizer(learn_abbreviations(BOOK)).expand("qt") == "qt"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Bí thư lâm thời năm 76 là ai", "Bí thư lâm thời năm 1976 là ai"),
        ("hop nhat nam 62", "hop nhat nam 1962"),
        # A decade stays; so do an ending the books write in two centuries and one they never do.
        ("hồi những năm 60", "hồi những năm 60"),
        ("năm 25 có gì", "năm 25 có gì"),
        ("năm 88 có gì", "năm 88 có gì"),
        ("năm 76% dân số", "năm 76% dân số"),
    ],
)
def test_a_year_typed_with_two_digits_is_the_year_the_books_tell_of(typed, expected):
    years = years_in(["Năm 1976 và 31/7/1962; năm 1925, năm 2025; 1.060 người; 2015–2020."])
    assert years == {"1976", "1962", "1925", "2025", "2015", "2020"}
    normalizer = QueryNormalizer({}, years)
    assert normalizer.expand(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("TBT Lê Duẩn về Hải Phòng năm nào", "Tổng Bí thư Lê Duẩn về Hải Phòng năm nào"),
        ("NĐC là TBT đầu tiên của báo nào", "NĐC là Tổng Biên tập đầu tiên của báo nào"),
        ("tbt bao nhieu tuoi", "tong bi thu bao nhieu tuoi"),
        ("Sau 2025 HP còn bao nhiêu ĐVHC", "Sau 2025 HP còn bao nhiêu đơn vị hành chính"),
    ],
)
def test_tbt_is_the_party_leader_unless_a_newspaper_is_asked_about(typed, expected):
    assert QueryNormalizer().expand(typed).replace("Hải Phòng (HP)", "HP") == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bí thư nk 25-30 là ai", "bí thư nhiệm kỳ 2025–2030 là ai"),
        ("khóa 20–25", "khóa 2020–2025"),
        ("khoa 15-20", "khoa 15-20"),  # the books write no 2015 nor 1915
        ("khóa 30-25", "khóa 30-25"),
    ],
)
def test_a_term_typed_with_two_digit_years_is_the_term_the_books_tell_of(typed, expected):
    years = {"1925", "1930", "2020", "2025", "2030"}
    assert QueryNormalizer({}, years).expand(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dai hoi lan thu muoi sau hop o dau", "dai hoi lan thu 16 hop o dau"),
        ("Đại hội lần thứ mười lăm họp ở đâu", "Đại hội lần thứ 15 họp ở đâu"),
        ("Đại hội lần thứ hai mươi mốt", "Đại hội lần thứ 21"),
        ("đại hội thứ ba", "đại hội thứ 3"),
        # Without diacritics only after "lần thứ", or a congress's or a term's word: "bi thu
        # hai phong" is "bí thư Hải Phòng".
        ("dai hoi thu muoi sau co bao nhieu dai bieu", "dai hoi thu 16 co bao nhieu dai bieu"),
        ("khoa thu hai bau ai", "khoa thu 2 bau ai"),
        ("bi thu hai phong la ai", "bi thu hai phong la ai"),
        ("Bí thư thứ Hải", "Bí thư thứ Hải"),
    ],
)
def test_an_ordinal_in_words_is_searched_in_digits(typed, expected):
    assert QueryNormalizer().for_search(typed).startswith(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dai hoi lan ii tinh ld co bao nhieu db", "dai hoi lan ii tinh ld co bao nhieu dai bieu"),
        ("ĐH có 350 đb chính thức", "Đại hội có 350 đại biểu chính thức"),
        ("chi bộ có mấy đv", "chi bộ có mấy đảng viên"),
        ("db la gi", "db la gi"),  # not counted: left as typed
        ("BCS Đảng bộ lập khi nào", "Ban Cán sự Đảng bộ lập khi nào"),
        ("theo LĐLĐ thành phố", "theo Liên đoàn Lao động thành phố"),
    ],
)
def test_counted_people_in_lower_case_and_party_bodies_are_written_out(typed, expected):
    assert QueryNormalizer().expand(typed) == expected


def test_two_abbreviations_joined_by_a_hyphen_are_each_written_out():
    normalizer = QueryNormalizer({"ĐD": "Đơn Dương", "LĐ": "Lâm Đồng"})
    assert (
        normalizer.expand("sách ĐD-LĐ có mấy chương") == "sách Đơn Dương – Lâm Đồng có mấy chương"
    )
    assert normalizer.for_search("sách ĐD-LĐ").startswith("sách Đơn Dương – Lâm Đồng (ĐD-LĐ)")
    # One part unknown: left as typed.
    assert normalizer.expand("sách ĐD-XY") == "sách ĐD-XY"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tổng đàn bò sữa h.ĐD", "tổng đàn bò sữa huyện Đơn Dương"),
        ("H. Đơn Dương có mấy xã", "huyện Đơn Dương có mấy xã"),
        ("TP. Hải Phòng", "thành phố Hải Phòng"),
        ("q.Đồ Sơn lập năm nào", "quận Đồ Sơn lập năm nào"),
        ("may xa lap ra q. Duong Kinh", "may xa lap ra quan Duong Kinh"),
        ("x. Ka Đơn", "xã Ka Đơn"),
        # A page number or a person's initials are no address.
        ("trang p.2", "trang p.2"),
        ("ông Nguyễn V. A. là ai", "ông Nguyễn V. A. là ai"),
    ],
)
def test_an_address_prefix_is_written_out(typed, expected):
    normalizer = QueryNormalizer({"ĐD": "Đơn Dương"})
    assert normalizer.expand(typed) == expected


def test_a_tone_mark_typed_wrong_is_mended_from_the_books_own_pairs():
    book = [
        *BOOK,
        "Tỉnh Lâm Viên được thành lập năm 1916. Huyện thành lập năm 1958. Bí thư Tỉnh ủy.",
        "Quê ở Vĩnh Bảo, quê ở An Lão.",
        "Đại hội họp tại Đà Lạt. Hai tỉnh hợp nhất. Hai tỉnh hợp nhất năm 1976. Sáu xã đạt chuẩn.",
    ]
    normalizer = QueryNormalizer(vocabulary=DiacriticRestorer(*vocabulary(book)))
    assert normalizer.expand("Tỉnh Lâm Viên được thành lâp hồi nào") == (
        "Tỉnh Lâm Viên được thành lập hồi nào"
    )
    assert normalizer.expand("bí thu tỉnh ủy là ai") == "bí thư tỉnh ủy là ai"
    assert normalizer.expand("ông ấy quê ỏ đâu") == "ông ấy quê ở đâu"
    # A syllable the book writes stays, though another form pairs better ("họp", not "hợp");
    # so do a name (it may be a wrong name on purpose), a question typed plain, a question
    # word, a number and a word whose every form is an everyday word.
    assert normalizer.expand("Đại hội họp nhất ở đâu") == "Đại hội họp nhất ở đâu"
    assert normalizer.expand("ông Lê Văn Thanh là ai") == "ông Lê Văn Thanh là ai"
    assert normalizer.expand("thanh lap nam nao") == "thanh lap nam nao"
    assert normalizer.expand("Đảng bộ thành lập ở dâu") == "Đảng bộ thành lập ở dâu"
    assert normalizer.expand("năm 2014 sáu xã nào đạt chuẩn") == "năm 2014 sáu xã nào đạt chuẩn"
    # Without the library's vocabulary nothing is mended.
    assert QueryNormalizer().expand("bí thu tỉnh ủy") == "bí thu tỉnh ủy"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Đại hội hai bầu ai làm Bí thư", "Đại hội lần thứ hai bầu ai làm Bí thư"),
        ("ĐH mười sáu họp ở đâu", "Đại hội lần thứ mười sáu họp ở đâu"),
        # A year, a count or a place after "Đại hội" is no ordinal; typed plain, nothing is read.
        ("Đại hội năm 2020 họp ở đâu", "Đại hội năm 2020 họp ở đâu"),
        ("Đại hội hai ngày", "Đại hội hai ngày"),
        ("Đại hội ba tỉnh hợp nhất", "Đại hội ba tỉnh hợp nhất"),
        ("dai hoi hai phong", "dai hoi hai phong"),
    ],
)
def test_a_congress_numbered_in_words_without_lan_thu(typed, expected):
    assert QueryNormalizer().expand(typed) == expected
    if expected != typed:
        assert "lần thứ 2" in QueryNormalizer().for_search("Đại hội hai bầu ai")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ĐH1 LĐ có bao nhiêu đại biểu", "Đại hội 1 Lâm Đồng có bao nhiêu đại biểu"),
        ("dh16 hp hop o dau", "dai hoi 16 hai phong hop o dau"),
        ("ĐHXV bầu ai", "Đại hội XV bầu ai"),
        # Not a congress: other words that start with the same letters.
        ("dhx bau ai", "dhx bau ai"),
    ],
)
def test_a_congress_numeral_typed_against_its_abbreviation(typed, expected):
    assert QueryNormalizer(learn_abbreviations(BOOK)).expand(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Question words typed unmarked in a question typed with diacritics get their marks.
        ("Lâm Viên còn có tên gọi khác là gi vạy", "Lâm Viên còn có tên gọi khác là gì vậy"),
        ("Đại hội lần thứ II họp năm nao?", "Đại hội lần thứ II họp năm nào?"),
        # "vay" is a word of its own before the end ("vay vốn"); a question typed plain stays.
        ("Hộ nghèo được vay vốn bao nhiêu", "Hộ nghèo được vay vốn bao nhiêu"),
        ("lam vien con ten goi khac la gi vay", "lam vien con ten goi khac la gi vay"),
    ],
)
def test_question_words_typed_without_marks_in_a_marked_question(typed, expected):
    assert QueryNormalizer().expand(typed) == expected
