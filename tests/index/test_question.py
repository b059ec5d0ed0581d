import pytest

from index.question import answer_entities, names, parse_question, question_type


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Đảng bộ Hải Phòng được thành lập năm nào?", "date"),
        ("Chi bộ đầu tiên ra đời khi nào?", "date"),
        ("Bao giờ quân Pháp rút khỏi thành phố?", "date"),
        ("Hội nghị khai mạc vào ngày nào?", "date"),
        ("Hai tỉnh đó hợp nhất thành tỉnh Lâm Đồng hôm nào?", "date"),
        ("dai hoi khai mac mung may", "date"),
        ("Ai là Bí thư đầu tiên của Thành ủy?", "person"),
        ("Đồng chí nào chủ trì hội nghị?", "person"),
        ("Người nào được bầu làm Chủ tịch?", "person"),
        ("Có bao nhiêu đảng viên dự Đại hội?", "number"),
        ("Ban Chấp hành có mấy ủy viên?", "number"),
        ("Số lượng chi bộ năm 1955?", "number"),
        ("Đại hội họp ở đâu?", "place"),
        ("Cuộc mít tinh diễn ra tại nơi nào?", "place"),
        ("Chỉ thị có nội dung là gì?", "other"),
        ("Phong trào phát triển như thế nào?", "other"),
        # "Ai Cập" (Egypt) is a name, not "who".
        ("Ai Cập nằm ở đâu?", "place"),
        ("Ai lãnh đạo cuộc khởi nghĩa?", "person"),
        # A bare role asks who held it; what the role does is not a person.
        ("Chủ nhiệm UBKT Thành ủy khóa XV?", "person"),
        ("Phó Bí thư Tỉnh ủy nhiệm kỳ 2020–2025", "person"),
        ("Bí thư có nhiệm vụ gì?", "other"),
        ("bi thu huyen uy don duong nhiem ky 2020-2025 ten gi", "person"),
        ("Đại biểu dự khuyết tên là gì?", "person"),
        ("ong ay ten la gi", "person"),
        ("Chi bộ gồm 5 người ở Đà Lạt tên là gì?", "other"),
        # A tone mark typed wrong on the question words still asks the same.
        ("Nguyễn Đức Cảnh sinh ngày nảo ạ?", "date"),
        ("Chi bộ có bao nhiều người?", "number"),
        ("tỉnh đó tên là gì", "other"),
        # Without diacritics "mấy" counts only before what it counts ("máy", "may" otherwise).
        ("chi bo dau tien o lam dong co may dang vien", "number"),
        ("sach ban mau gom may chuong", "number"),
        ("may bay ban roi o dau", "place"),
        ("nha may duoc xay dung nam nao", "date"),
        ("Chủ tịch UBND tỉnh là phó bí thư nào", "other"),
    ],
)
def test_question_type(question, kind):
    assert question_type(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("dang bo hai phong thanh lap nam nao", "date"),
        ("bi thu dau tien la ai", "person"),
        ("co bao nhieu dang vien", "number"),
        ("dai hoi hop o dau", "place"),
        ("ai lanh dao khoi nghia", "person"),
        # "bat dau" folds like "bắt đầu", not like "đâu": no place question here.
        ("cuoc khang chien bat dau nhu the nao", "other"),
        # "đơn vị nào" is "which unit", not "vị nào" (which person).
        ("xa don duong moi lap tu nhung don vi nao", "other"),
        ("vi nao lam bi thu", "person"),
        # "hồi nào" is "when"; folded, "đại hội nào" is not.
        ("dh 16 to chuc hoi nao", "date"),
        ("day la dai hoi nao", "other"),
        ("quoc hoi nao thong qua", "other"),
        # "nơi sinh", "quê quán" ask a place without "đâu".
        ("noi sinh cua bt tran luu quang", "place"),
        ("que quan cua ong nguyen duc canh", "place"),
        # "mỗi năm bao nhiêu" asks a rate, not which year; "nông thôn mới năm nào" a year.
        ("grdp tang binh quan moi nam bao nhieu", "number"),
        ("hang nam bao nhieu nguoi den tham", "number"),
        ("xa dat chuan nong thon moi nam bao nhieu", "date"),
        ("huyen dat chuan nong thon moi nam nao", "date"),
    ],
)
def test_question_type_without_diacritics(question, kind):
    assert question_type(question) == kind


def test_parse_keeps_diacritics_apart_when_typed():
    parsed = parse_question("Đảng bộ Hải Phòng được thành lập năm nào?")
    assert not parsed.folded
    assert "đảng" in parsed.content
    assert "nào" not in parsed.content
    assert parsed.entities == (("hải", "phòng"),)
    # "gì nữa" and "nữa không" are chat: nothing a sentence has to say.
    assert "nữa" not in parse_question("Ông còn giữ chức gì nữa không?").content


def test_parse_folds_a_question_typed_without_diacritics():
    parsed = parse_question("dang bo hai phong thanh lap nam nao")
    assert parsed.folded
    assert parsed.content == ("dang", "bo", "hai", "phong", "thanh", "lap", "nam")
    # A last "a" is the courtesy "ạ", no word a sentence must write.
    courteous = parse_question("Nguyen Duc Canh que o dau vay a")
    assert courteous.content == ("nguyen", "duc", "canh", "que", "o", "dau")


def test_a_question_typed_without_diacritics_but_a_name_written_out_is_folded():
    # "NĐC" written out brings the only diacritics into a question typed without them.
    parsed = parse_question("tu luc bi bat den khi bi xu chem Nguyễn Đức Cảnh bi giam bao lau")
    assert parsed.folded
    assert ("nguyen", "duc", "canh") in parsed.entities
    assert not parse_question("ông thay ai cơ?").folded
    assert not parse_question("Đa Nhim công suất bao nhiêu MW").folded


def test_numbers_in_question():
    assert parse_question("Năm 1955 có bao nhiêu chi bộ?").numbers == ("1955",)


def test_names_skip_a_lone_capital_at_the_start():
    assert names("Chi bộ Cảng Hải Phòng họp với Nguyễn Văn Cừ", skip_first=True) == (
        ("cang", "hai", "phong"),
        ("nguyen", "van", "cu"),
    )


@pytest.mark.parametrize(
    ("question", "entities"),
    [
        (
            "Ngoài Hồ Văn Mười, Phạm Thị Phúc còn ai",
            (("hồ", "văn", "mười"), ("phạm", "thị", "phúc")),
        ),
        ("Ngoai Ho Van Muoi con ai", (("ho", "van", "muoi"),)),
        ("O Quang Chau ong Canh hoc gi", (("quang", "chau"), ("canh",))),
        ("Theo Lê Duẩn thì sao", (("lê", "duẩn"),)),
        ("Nam Định có gì", (("nam", "định"),)),  # folded, "Nam" would be "năm"
    ],
)
def test_a_word_opening_the_question_is_no_part_of_the_name_after_it(question, entities):
    assert parse_question(question).entities == entities


def test_an_abbreviation_is_no_part_of_the_name_beside_it():
    assert names("Lễ công bố QĐ Lê Tiến Châu làm Bí thư") == (
        ("le",),
        ("qd",),
        ("le", "tien", "chau"),
        ("bi",),
    )
    assert parse_question("Lễ công bố QĐ Lê Tiến Châu").entities == (
        ("qđ",),
        ("lê", "tiến", "châu"),
    )


def test_dong_of_a_place_name_is_kept_and_dong_chi_dropped():
    assert parse_question("Phó Bí thư Tỉnh ủy Lâm Đồng là ai").entities == (("lâm", "đồng"),)
    assert parse_question("tỉnh Đồng Nai Thượng ở đâu").entities == (("đồng", "nai", "thượng"),)
    assert parse_question("Đồng chí Nguyễn Văn Cừ sinh năm nào").entities == (
        ("nguyễn", "văn", "cừ"),
    )


@pytest.mark.parametrize(
    ("question", "entities"),
    [
        # A title's word is kept where it is part of a name.
        ("Đồng chí Hồ Chí Minh về thăm năm nào", (("hồ", "chí", "minh"),)),
        ("Lê Văn Thành làm Bí thư Thành ủy năm nào", (("lê", "văn", "thành"),)),
        ("Đại hội Đảng bộ Thành phố Hải Phòng họp ở đâu", (("hải", "phòng"),)),
        ("Bí thư Tỉnh ủy Quảng Trị là ai", (("quảng", "trị"),)),
        # Typed without diacritics, single words are names too ("Tran" is Trần): only titles of
        # two words are dropped.
        ("dong chi Tran Phu sinh nam nao", (("tran", "phu"),)),
        # A word of address before a surname is no part of the name.
        ("Ong Nguyen Hoa Binh du dai hoi voi cuong vi gi", (("nguyen", "hoa", "binh"),)),
        ("Ong Canh bi bat o dau", (("canh",),)),
        ("Ong Y Thanh Ha Nie Kdam lam bi thu tu nam nao", (("y", "thanh", "ha", "nie", "kdam"),)),
        ("Ba Dinh o dau", (("ba", "dinh"),)),
        ("Bi Thu Tinh Uy Lam Dong la ai", (("lam", "dong"),)),
    ],
)
def test_titles_are_dropped_from_names_but_not_the_names_words(question, entities):
    assert parse_question(question).entities == entities


def test_answer_entities_by_kind():
    question = parse_question("Đảng bộ được thành lập năm nào?")
    assert answer_entities("date", "Đảng bộ ra đời tháng 8/1929 tại cảng.", question) >= 1
    assert answer_entities("date", "Đảng bộ lãnh đạo phong trào công nhân.", question) == 0
    asked = parse_question("Năm 1955 Đại hội họp ở đâu?")
    assert answer_entities("date", "Năm 1955 là năm đặc biệt.", asked) == 0
    count = parse_question("Có bao nhiêu ủy viên?")
    assert answer_entities("number", "Ban Chấp hành gồm 21 ủy viên.", count) == 1
    who = parse_question("Ai làm Bí thư?")
    assert answer_entities("person", "Bí thư là đồng chí Nguyễn Văn Cừ.", who) == 1
    assert answer_entities("other", "Bí thư là đồng chí Nguyễn Văn Cừ.", who) == 0
