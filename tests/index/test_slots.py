import pytest

from index.question import parse_question
from index.slots import (
    asks_latest,
    contrary,
    counted_noun,
    dated_otherwise,
    has_slot,
    prefer_headed,
    question_scope,
    scope_conflict,
    sentence_agreement,
    tells_present,
)


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("Đại hội có bao nhiêu đại biểu?", "Đại hội có 350 đại biểu chính thức.", True),
        # "mấy đồng chí" counts the committee's members, people.
        ("Ban Thường vụ gồm mấy đồng chí?", "Ban Thường vụ Thành ủy khóa XV có 11 người.", True),
        ("Ban Thường vụ gồm mấy đồng chí?", "Thành ủy khóa XV có 11 ban.", False),
        ("Đại hội có bao nhiêu đại biểu?", "Đại hội họp từ ngày 13 đến ngày 15 tháng 10.", False),
        ("Ban Chấp hành có mấy ủy viên?", "Đại hội bầu Ban Chấp hành gồm 56 ủy viên.", True),
        ("Ban Chấp hành có mấy ủy viên?", "Đại hội có 350 đại biểu.", False),
        ("Khu kinh tế rộng bao nhiêu ha?", "Khu kinh tế có diện tích 22.540 ha.", True),
        ("Hải Phòng giải phóng năm nào?", "Ngày 13 tháng 5 năm 1955, Hải Phòng giải phóng.", True),
        ("Hải Phòng giải phóng năm nào?", "Hải Phòng là thành phố cảng.", False),
        ("Ai là Bí thư Thành ủy khóa XVI?", "Lê Văn Thành được bầu làm Bí thư Thành ủy.", True),
        ("Ai là Bí thư Thành ủy khóa XVI?", "Hai Phó Bí thư là Nguyễn Văn Tùng và Đỗ Mạnh Hiến.",
         False),
        ("Ai là Phó Bí thư?", "Hai Phó Bí thư là Nguyễn Văn Tùng và Đỗ Mạnh Hiến.", True),
        # The standing deputy is one of them, not any.
        ("Ai là Phó Bí thư thường trực?", "Hai Phó Bí thư là Nguyễn Văn Tùng và Đỗ Mạnh Hiến.",
         False),
        ("Ai là Phó Bí thư thường trực?", "Phó Bí thư thường trực là Đỗ Mạnh Hiến.", True),
        # A body's or a hotel's foreign name is no person.
        ("Hai đảng viên còn lại là ai?", "Chi bộ Palace gồm 5 người và Chi bộ Cầu Quẹo 6 người.",
         False),
        ("Ai là bí thư chi bộ Palace?", "Chi bộ Palace do Trần Diệm làm Bí thư.", True),
        # Someone who gave a role up does not hold it.
        ("Ai là Bí thư Thành ủy?", "Nguyễn Văn Thành thôi giữ chức Bí thư Thành ủy.", False),
        ("Ai là Bí thư Thành ủy?", "Đại hội bầu Lê Văn Thành làm Bí thư Thành ủy.", True),
        ("Ai thôi chức Bí thư?", "Nguyễn Văn Thành thôi giữ chức Bí thư Thành ủy.", True),
        ("Ai là Bí thư?", "Hội nghị được tổ chức tại Nhà hát Lớn.", False),
        ("Đại hội XV tổ chức ở đâu?", "Địa điểm của Đại hội XV là Cung Văn hóa Việt – Tiệp.",
         True),
        ("Đại hội XV tổ chức ở đâu?", "Đại hội XV diễn ra từ ngày 21 tháng 10.", False),
        ("Vì sao phải di dời?", "Bất kỳ câu nào.", True),
        # Foreign names have no Vietnamese surname.
        ("Ai thiết kế kim tự tháp kính?", "Kim tự tháp do kiến trúc sư Ieoh Ming Pei thiết kế.",
         True),
        ("Ai thiết kế kim tự tháp kính?", "Kim tự tháp được khánh thành năm 1989.", False),
        # A rank, a generic count, a country asked for by "nước nào".
        ("Texas lớn thứ mấy về diện tích?", "Texas là bang lớn thứ hai về diện tích.", True),
        ("Texas lớn thứ mấy về diện tích?", "Texas có diện tích 696.241 km².", False),
        ("Đại hội có bao nhiêu người dự?", "Dự Đại hội có 350 đại biểu.", True),
        # "đảng viên" is not "Đảng bộ", "đại biểu" is not "Đại hội".
        ("Năm 2015 có bao nhiêu đảng viên?", "Đại hội lần thứ XV Đảng bộ thành phố.", False),
        ("Năm 2015 có bao nhiêu đảng viên?", "Đảng bộ có hơn 110.000 đảng viên.", True),
        ("Có bao nhiêu đại biểu?", "Giống như Đại hội XV, Đại hội XVI họp tại Cung.", False),
        ("Có mấy xã đạt chuẩn?", "Toàn huyện có 12 xã đạt chuẩn nông thôn mới.", True),
        ("Mông Cổ thân với nước nào?", "Ông đưa Mông Cổ xích lại gần Liên Xô.", True),
        ("Mông Cổ thân với nước nào?", "Ông đưa Mông Cổ ra khỏi khủng hoảng.", False),
        # A date's numbers are no count: "tháng 4", "năm 1930", and the "năm" of the year.
        ("Chi bộ đầu tiên có mấy người?", "Tháng 4 năm 1930, chi bộ ra đời tại Đà Lạt.", False),
        ("Chi bộ đầu tiên có mấy người?", "Chi bộ có 3 đảng viên.", True),
        ("Đại hội có mấy người dự?", "Đại hội có năm người dự.", True),
        # "ở khách sạn nào", "buồng số mấy": the answer names that kind of place.
        ("chi bo hop o khach san nao", "Chi bộ ra đời tại Đà Lạt.", False),
        ("chi bo hop o khach san nao", "Chi bộ họp ở buồng số 2 của khách sạn Palace.", True),
        ("chi bộ họp ở phòng nào", "Chi bộ họp ở buồng số 2 của khách sạn Palace.", True),
        ("chi bộ họp ở buồng số mấy", "Chi bộ ra đời tại Đà Lạt.", False),
        ("huyện có mấy nhà máy chế biến sữa", "Huyện có 3 nhà máy chế biến sữa.", True),
        # A count for another unit that the question does not name (a city inside the city).
        ("hải phòng có bao nhiêu xã",
         "Khi thành lập, thành phố Thủy Nguyên có 21 đơn vị hành chính cấp xã.", False),
        ("thủy nguyên hải phòng có bao nhiêu xã",
         "Khi thành lập, thành phố Thủy Nguyên có 21 đơn vị hành chính cấp xã.", True),
        # Communes are counted as "đơn vị hành chính cấp xã"; wards alone are not.
        ("Lâm Đồng có bao nhiêu xã", "Tỉnh có 124 đơn vị hành chính cấp xã, tính cả phường.",
         True),
        ("trong đó có bao nhiêu phường",
         "Tỉnh có 124 đơn vị hành chính cấp xã, tính cả xã, phường.", False),
        # "rộng bao nhiêu" asks for an area: a number with its unit.
        ("Năm 2007 quận Dương Kinh rộng bao nhiêu",
         "Năm 2007, Chính phủ thành lập hai quận mới là Dương Kinh và Đồ Sơn.", False),
        ("Năm 2007 quận Dương Kinh rộng bao nhiêu", "Quận Dương Kinh rộng 4.584,87 ha.", True),
        ("diện tích thành phố là bao nhiêu", "Thành phố có diện tích 1.526,52 km².", True),
        # "ngày nào" asks for a day: a month or a year does not say which one.
        ("Lâm Viên ra đời ngày nào?", "Tháng 4 năm 1930, chi bộ ra đời tại Đà Lạt.", False),
        ("lam vien ra doi ngay nao", "Ngày 6 tháng 1 năm 1916, tỉnh Lâm Viên được thành lập.",
         True),
        ("Đại hội họp ngày nào?", "Đại hội họp trong hai ngày 26 và 27 tháng 9 năm 2025.", True),
        ("NĐC sinh ngày tháng năm nào", "Ông sinh 2 tháng 2 năm 1908 tại Hà Nội.", True),
        ("Hải Phòng giải phóng ngày nào?", "Hải Phòng được giải phóng ngày 13/5/1955.", True),
        ("Hải Phòng giải phóng ngày 13 tháng 5 năm nào?", "Ngày 13 tháng 5 năm 1955.", True),
        ("Lâm Viên ra đời khi nào?", "Năm 1916, tỉnh Lâm Viên được thành lập.", True),
        # "X là ai" asks what the book says X is or did, with X as the subject.
        ("Nguyễn Đức Cảnh là ai",
         "Với cương vị đó, Nguyễn Đức Cảnh là người đứng đầu tổ chức Thanh niên ở Hải Phòng.",
         True),
        ("nguyen duc canh la ai", "Ban Thường vụ gồm 20 người, và Nguyễn Đức Cảnh làm Bí thư.",
         True),
        ("ong le tien chau la ai vay", "Lê Tiến Châu sinh năm 1969, quê Tây Ninh.", True),
        ("Nguyễn Đức Cảnh là ai", "Mẹ của Nguyễn Đức Cảnh là người làng Cổ Am.", False),
        ("Hồ Văn Mười là ai", "Đó là Hồ Văn Mười, Chủ tịch Ủy ban nhân dân tỉnh.", True),
        ("pham minh chinh la ai", "Thủ tướng Phạm Minh Chính dự và chỉ đạo Đại hội.", True),
        ("Nguyễn Đức Cảnh là ai", "Tháng 9 năm 1927, Nguyễn Đức Cảnh sang Quảng Châu.", False),
        # A merger's day is not the day of a congress told in another clause of the sentence,
        # nor the day of a merger with another place.
        ("hai duong hop nhat voi hai phong ngay nao",
         "Năm 2025, Hải Phòng và Hải Dương hợp nhất, và Đại hội sau hợp nhất họp trong hai ngày"
         " 26 và 27 tháng 9 năm 2025.", False),
        ("Đại hội sau hợp nhất họp ngày nào",
         "Năm 2025, Hải Phòng và Hải Dương hợp nhất, và Đại hội sau hợp nhất họp trong hai ngày"
         " 26 và 27 tháng 9 năm 2025.", True),
        ("Hải Dương hợp nhất với Hải Phòng ngày nào",
         "Ngày 27 tháng 10 năm 1962, thành phố Hải Phòng hợp nhất với tỉnh Kiến An.", False),
        ("Kiến An hợp nhất với Hải Phòng ngày nào",
         "Ngày 27 tháng 10 năm 1962, thành phố Hải Phòng hợp nhất với tỉnh Kiến An.", True),
        # "X làm Bí thư năm nào": not the year X was its deputy, nor one calling X a former one.
        ("Dương Anh Điền làm bí thư năm nào",
         "Khi đó, Dương Anh Điền là Phó Bí thư Thành ủy khóa XIV, nhiệm kỳ 2010–2015.", False),
        ("to huy rua lam bi thu hp nam nao",
         "Khi Tô Huy Rứa dự Đại hội XVI năm 2020, báo chí giới thiệu ông là nguyên Bí thư.",
         False),
        ("Dương Anh Điền làm phó bí thư năm nào",
         "Khi đó, Dương Anh Điền là Phó Bí thư Thành ủy khóa XIV, nhiệm kỳ 2010–2015.", True),
        ("Trần Hữu Duyệt làm bí thư năm nào",
         "Năm 1929, một chi bộ Tân Việt được thành lập ở Đà Lạt.", True),
        # Nor does the founding of anything else named ("Báo Lao động" is not the Công hội).
        ("báo lao động ra đời năm nào",
         "Tháng 7 năm 1929, Nguyễn Đức Cảnh tham gia thành lập Tổng Công hội Đỏ Bắc Kỳ.", False),
        ("tổng công hội đỏ bắc kỳ thành lập khi nào",
         "Tháng 7 năm 1929, Nguyễn Đức Cảnh tham gia thành lập Tổng Công hội Đỏ Bắc Kỳ.", True),
        # The founding of another named Party body does not date the one asked about.
        ("dang bo lam dong thanh lap nam nao",
         "Năm 1976, Tỉnh ủy Lâm Đồng ra Nghị quyết 34 thành lập Đảng bộ Khối Dân Chính Đảng.",
         False),
        ("Đảng bộ Khối Dân Chính Đảng thành lập khi nào",
         "Năm 1976, Tỉnh ủy Lâm Đồng ra Nghị quyết 34 thành lập Đảng bộ Khối Dân Chính Đảng.",
         True),
        ("Đảng bộ tỉnh Lâm Đồng được thành lập khi nào",
         "Ban Chấp hành lâm thời Đảng bộ tỉnh Lâm Đồng được lập năm 1976.", True),
        ("Đảng bộ thành phố Hải Phòng ra đời khi nào",
         "Tháng 4 năm 1930, Đảng bộ Đảng Cộng sản Việt Nam thành phố Hải Phòng được thành lập.",
         True),
        ("Chi bộ Palace thành lập năm nào", "Năm 1930, Chi bộ Cầu Quẹo được thành lập.", False),
        # "tháng mấy" asks for the month: a year alone does not say it.
        ("Chi bộ ra đời tháng mấy?", "Năm 1930, chi bộ ra đời tại Đà Lạt.", False),
        ("chi bo ra doi thang nao", "Tháng 4 năm 1930, chi bộ ra đời tại Đà Lạt.", True),
        ("Chi bộ ra đời tháng mấy?", "Chi bộ ra đời ngày 13/5/1955.", True),
        # "năm nào" asks for the year: a month alone does not say it.
        ("Chi bộ ra đời năm nào?", "Tháng 4, chi bộ ra đời tại Đà Lạt.", False),
        ("chi bo ra doi nam may", "Tháng 4 năm 1930, chi bộ ra đời tại Đà Lạt.", True),
        # "ai <làm gì>": the doer need not be a person's name, but must stand where "ai" does.
        ("ai lập tỉnh Đồng Nai Thượng",
         "Năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng.", True),
        ("ai lap tinh Dong Nai Thuong",
         "Năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng.", True),
        ("ai lập tỉnh Đồng Nai Thượng", "Ngày 1 tháng 11 năm 1899, lập tỉnh Đồng Nai Thượng.",
         False),
        ("ai lập tỉnh Đồng Nai Thượng", "Tỉnh lỵ của tỉnh Đồng Nai Thượng đặt tại Di Linh.",
         False),
        ("Lê Tiến Châu thay ai làm bí thư", "Lê Tiến Châu thay Trần Lưu Quang, người đã làm "
         "Phó Thủ tướng.", True),
        ("Lê Tiến Châu thay ai làm bí thư", "Lê Tiến Châu thay đổi cách làm.", False),
        # "do ai biên soạn" asks for a name, as "là ai" does.
        ("sách do ai biên soạn", "Sách lịch sử do cơ quan có thẩm quyền biên soạn.", False),
        # "ai là người <làm gì>" and a time before "ai" still ask for the doer.
        ("Năm 1887 ai là người tách Hải Phòng ra lập tỉnh riêng?",
         "Năm 1887, chính quyền thực dân Pháp tách Hải Phòng ra khỏi tỉnh Hải Dương.", True),
        ("nam 1887 ai tach hai phong ra",
         "Năm 1887, chính quyền thực dân Pháp tách Hải Phòng ra khỏi tỉnh Hải Dương.", True),
        # Punctuation ends a name: "Hải Phòng, Nguyễn Đức Cảnh" is a place and a person.
        ("Tổng biên tập đầu tiên của Báo Lao động là ai?",
         "Trong các bài của Liên đoàn Lao động thành phố Hải Phòng, Nguyễn Đức Cảnh là Tổng "
         "biên tập đầu tiên của Báo Lao động.", True),
        # "Lâm" is a surname, but "ở Lâm Đồng" is a place.
        ("ai dung dau chi bo dau tien", "Tháng 4 năm 1930, chi bộ ra đời ở Lâm Đồng.", False),
        ("ai dung dau chi bo dau tien", "Chi bộ đầu tiên do Trần Diệm làm Bí thư.", True),
        # "còn giữ chức gì" wants a role the question does not already name.
        ("Ngoài chức Bí thư Thành ủy, ông Nguyễn Văn Thuận còn giữ chức gì?",
         "Nguyễn Văn Thuận còn là Trưởng đoàn đại biểu Quốc hội thành phố.", True),
        ("Ngoài chức Bí thư Thành ủy, ông Nguyễn Văn Thuận còn giữ chức gì?",
         "Năm 2004, Nguyễn Văn Thuận là Bí thư Thành ủy Hải Phòng.", False),
        ("Ngoài chức Bí thư Thành ủy, ông Nguyễn Văn Thuận còn giữ chức gì?",
         "Các nguồn không ghi rõ thời gian ông giữ chức này.", False),
        # "chức gì trong Thành ủy" ("trong TU") wants a post in it, not one in the government.
        ("Năm 2010 Dương Anh Điền giữ chức gì trong Thành ủy",
         "Năm 2010, Dương Anh Điền được bầu làm Chủ tịch Ủy ban nhân dân thành phố.", False),
        ("Năm 2010 Dương Anh Điền giữ chức gì trong Tỉnh ủy",
         "Khi đó, Dương Anh Điền là Phó Bí thư Thành ủy khóa XIV.", True),
        # "tổ chức nào" asks which organisation, not which post.
        ("APEC là tên viết tắt của tổ chức nào?",
         "APEC là Diễn đàn Hợp tác Kinh tế châu Á – Thái Bình Dương.", True),
        # "chỗ nào" is "where", not "which market" (chợ).
        ("chi bo dau tien duoc lap tai cho nao",
         "Chi bộ đầu tiên được lập tại buồng số 2, khách sạn Palace ở Đà Lạt.", True),
        # Units as people type them: "hécta", "km vuông".
        ("Đơn Dương có bao nhiêu hécta rau, hoa công nghệ cao?",
         "Đơn Dương có 11.050 ha rau, hoa ứng dụng công nghệ cao.", True),
        ("tinh lam dong moi rong bao nhieu km vuong",
         "Tỉnh Lâm Đồng mới có diện tích khoảng 24.233 km², rộng nhất cả nước.", True),
        # A committee's members are counted as people; delegates or Party members are not.
        ("Ban Chấp hành lâm thời có bao nhiêu ủy viên?",
         "Ban Chấp hành lâm thời được lập năm 1976 gồm 28 người.", True),
        ("Có bao nhiêu đại biểu dự đại hội?", "Đại hội bầu Ban Chấp hành gồm 51 người.", False),
        ("Năm 2019 kết nạp bao nhiêu đảng viên mới?", "Năm 2019, dân số huyện là 107.281 người.",
         False),
        # "giai đoạn nào" asks a span: two years, not the one year of something else.
        ("Tô Huy Rứa làm Bí thư Thành ủy giai đoạn nào",
         "Khi Tô Huy Rứa dự Đại hội XVI năm 2020, báo chí giới thiệu ông là nguyên Bí thư.",
         False),
        ("Tô Huy Rứa làm Bí thư Thành ủy giai đoạn nào",
         "Tô Huy Rứa làm Bí thư Thành ủy từ năm 1997 đến năm 2000.", True),
        # "dân số bao nhiêu" counts people, not a district's square kilometres.
        ("tinh lam dong moi dan so bao nhieu", "Huyện Đơn Dương có diện tích 611,56 km².", False),
        ("tinh lam dong moi dan so bao nhieu", "Năm 2019, dân số là 107.281 người.", True),
        # "thay cho ai", "thay thế ai": whom the sentence says was replaced, by name.
        ("ong le tien chau ve hp lam bi thu la thay cho ai",
         "Lê Tiến Châu thay Trần Lưu Quang, người đã làm Phó Thủ tướng Chính phủ.", True),
        ("Lê Tiến Châu làm bí thư thay thế ai", "Lê Tiến Châu thay đổi cách làm việc.", False),
        # "Quyết định số mấy" asks a document's number.
        ("Trần Lưu Quang được chỉ định theo Quyết định số mấy?",
         "Theo Quyết định số 83 ngày 29 tháng 4 năm 2021, Trần Lưu Quang được chỉ định.", True),
        ("Trần Lưu Quang được chỉ định theo Quyết định số mấy?",
         "Trần Lưu Quang được chỉ định làm Bí thư ngày 29 tháng 4 năm 2021.", False),
    ],
)  # fmt: skip
def test_slots_by_kind(question, sentence, expected):
    assert has_slot(parse_question(question), sentence) is expected


def test_a_sentence_going_on_about_the_one_before_takes_its_role():
    asked = parse_question("Phó Bí thư Tỉnh ủy kiêm Chủ tịch Ủy ban nhân dân tỉnh là ai")
    names = "Đó là Hồ Văn Mười, Chủ tịch Ủy ban nhân dân tỉnh; Phạm Thị Phúc; Bùi Thắng."
    deputies = "Các Phó Bí thư Tỉnh ủy nhiệm kỳ 2025–2030 gồm năm người."
    secretary = "Y Thanh Hà Niê Kđăm được chỉ định làm Bí thư Tỉnh ủy."
    assert not has_slot(asked, names)
    assert has_slot(asked, names, before=deputies)
    # The Bí thư is no Phó Bí thư; and a sentence that does not go on about it takes nothing.
    assert not has_slot(asked, names, before=secretary)
    assert not has_slot(asked, "Hồ Văn Mười sinh năm 1970.", before=deputies)


THUY_NGUYEN = (
    "Theo Nghị quyết 1232/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội, từ ngày 1 tháng 1 năm 2025, "
    "huyện Thủy Nguyên trở thành thành phố Thủy Nguyên thuộc thành phố Hải Phòng."
)


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # A document's number, a date and "Hải" (two, folded) count nothing.
        ("dân số bao nhiêu người?", THUY_NGUYEN, False),
        ("dan so bao nhieu nguoi", THUY_NGUYEN, False),
        ("Quyết định có mấy điều?", "Theo Quyết định số 83 của Bộ Chính trị, ông được chỉ định.",
         False),
        # People are counted as people: not as units or areas.
        ("dân số bao nhiêu người?", "Hải Phòng có 15 đơn vị hành chính cấp huyện.", False),
        ("dân số bao nhiêu người?", "Thành phố có dân số 397.570 người.", True),
        ("dân số bao nhiêu người?", "Dân số gần 4,7 triệu người.", True),
        ("Đại hội có bao nhiêu người dự?", "Đại hội có 350 đại biểu chính thức.", True),
        ("có mấy phó bí thư", "Tỉnh ủy có năm Phó Bí thư.", True),
        # "một" as "a", "năm" as the noun year, "sau" as "after" count nothing either.
        ("ông ấy cao bao nhiêu?", "Theo một nguồn tài liệu, ông bị bắt tại Vinh.", False),
        ("ông ấy cao bao nhiêu?", "Hơn một năm sau, ông bị đưa ra xử.", False),
        # A part of what is counted is not answered by the whole.
        ("có bao nhiêu đại biểu nữ?", "Dự Đại hội có 350 đại biểu.", False),
        ("có bao nhiêu đại biểu chính thức?", "Dự Đại hội có 350 đại biểu.", True),
        ("bao nhiêu người lần đầu vào Ban Chấp hành", "Đại hội bầu 56 người vào Ban Chấp hành.",
         False),
    ],
)  # fmt: skip
def test_what_a_number_counts(question, sentence, expected):
    assert has_slot(parse_question(question), sentence) is expected


def test_counted_noun():
    assert counted_noun(parse_question("có bao nhiêu đại biểu dự")) == ("dai", "bieu")
    assert counted_noun(parse_question("co may xa dat chuan")) == ("xa", "dat")
    assert counted_noun(parse_question("diện tích bao nhiêu?")) == ()


@pytest.mark.parametrize(
    ("question", "context", "conflict"),
    [
        ("Đại hội XVII Đảng bộ Hải Phòng họp ở đâu?", "Đại hội XVI họp tại Hải Phòng.",
         "ordinal"),
        ("dai hoi 16 hop o dau", "Đại hội lần thứ XVI họp tại Cung Văn hóa.", None),
        ("Đại hội khóa 16 họp ở đâu", "Đại hội lần thứ mười sáu họp tại Nhà hát.", None),
        ("Đại hội khóa 16 họp ở đâu", "Đại hội lần thứ mười lăm họp tại Nhà hát.", "ordinal"),
        ("bí thư khóa mười lăm là ai", "Đại hội XV bầu Lê Văn Thành làm Bí thư.", None),
        ("dai hoi lan thu hai muoi mot", "Đại hội XXI họp năm 2030.", None),
        ("Bí thư nhiệm kỳ thứ hai là ai", "Nhiệm kỳ thứ hai: đồng chí Trần Văn B.", None),
        ("Năm 1995 Hải Phòng có bao nhiêu đảng viên?", "Năm 2015 Hải Phòng có 110.000 đảng viên.",
         "year"),
        ("Bí thư Tỉnh ủy Nghệ An là ai?", "Sử Đảng bộ Hải Phòng. Bí thư là Lê Văn Thành.",
         "place"),
        ("bi thu tinh uy nghe an la ai", "Bí thư Tỉnh ủy Lâm Đồng là Trần Đức Quận.", "place"),
        ("Bí thư Tỉnh ủy Lâm Đồng là ai?", "Lịch sử Đảng bộ Lâm Đồng. Bí thư là Trần Đức Quận.",
         None),
        # "lần I" after "Đại hội … tỉnh LĐ" numbers the congress; the Party's XIII is another.
        ("Đại hội Đảng bộ tỉnh LĐ lần I có bao nhiêu đại biểu?",
         "Đoàn đại biểu dự Đại hội XIII của Đảng gồm 17 đại biểu.", "ordinal"),
        # "khóa 2025-2030" names a term by its years, not a 2025th congress.
        ("phó bí thư khóa 2025-2030 là ai", "Các Phó Bí thư nhiệm kỳ 2025–2030 là Đỗ Mạnh Hiến.",
         None),
        ("phó bí thư khóa 2025-2030 là ai", "Các Phó Bí thư nhiệm kỳ 2020–2025 là Lê Văn A.",
         "year"),
        # A province named only as where someone is from is not the passage's subject.
        ("Chi bo cong san dau tien o Dak Lak do ai lam bi thu",
         "Bí thư Tỉnh ủy Lâm Đồng là Y Thanh Hà Niê Kđăm. Ông quê ở tỉnh Đắk Lắk.", "place"),
        ("Bí thư Tỉnh ủy Lâm Đồng quê Đắk Lắk là ai",
         "Bí thư Tỉnh ủy Lâm Đồng là Y Thanh Hà Niê Kđăm. Ông quê ở tỉnh Đắk Lắk.", None),
        ("Bí thư Tỉnh ủy Hậu Giang là ai", "Ông quê Tây Ninh, từng là Bí thư Tỉnh ủy Hậu Giang.",
         None),
    ],
)  # fmt: skip
def test_scope_must_agree(question, context, conflict):
    scope = question_scope(parse_question(question))
    assert scope_conflict(scope, context) == conflict


def test_known_names_join_the_scope():
    scope = question_scope(parse_question("Đơn Dương có mấy xã?"), known=("Đơn Dương",))
    assert scope_conflict(scope, "Hải Phòng có 67 xã.") == "place"
    assert scope_conflict(scope, "Huyện Đơn Dương có 10 xã.") is None
    plain = question_scope(parse_question("don duong co may xa"), known=("Đơn Dương",))
    assert scope_conflict(plain, "Hải Phòng có 67 xã.") == "place"


@pytest.mark.parametrize("question", ["Thoại Sơn là ai?", "Bí danh Thoại Sơn là của ai"])
def test_a_name_is_matched_with_its_diacritics_when_the_question_has_them(question):
    # Folded, "Sơn là" reads as the province "Sơn La".
    assert not question_scope(parse_question(question)).places


@pytest.mark.parametrize(
    ("question", "sentence", "conflict"),
    [
        ("Đại hội lần thứ I có bao nhiêu đại biểu?", "Đại hội lần thứ II có 248 đại biểu.", True),
        ("Đại hội lần thứ I có bao nhiêu đại biểu?", "Vòng thứ hai có 196 đại biểu.", False),
        ("đại hội lần thứ mười một khai mạc khi nào", "Đại hội IX khai mạc năm 2010.", True),
        # "Đại hội lần 1", "lần hai": chat forms of "lần thứ".
        ("dai hoi lan 1 lam dong dai dien cho bao nhieu dang vien",
         "Đại hội lần thứ II có 248 đại biểu, đại diện cho 4.603 đảng viên.", True),
        ("đại hội lần hai có bao nhiêu đại biểu",
         "Đại hội lần thứ II có 248 đại biểu, đại diện cho 4.603 đảng viên.", False),
        ("đại hội lần này có bao nhiêu đại biểu",
         "Đại hội lần thứ II có 248 đại biểu, đại diện cho 4.603 đảng viên.", False),
        # "khóa một", "lần một": the first ("một" elsewhere is "a": "một chi bộ").
        ("Ai được bầu làm bí thư thành ủy khóa một năm 1963?",
         "Lê Văn Thành được bầu làm Bí thư Thành ủy Hải Phòng khóa XV.", True),
        ("dai hoi lan mot co bao nhieu dai bieu", "Đại hội lần thứ I có 270 đại biểu.", False),
        ("một chi bộ có mấy đảng viên", "Đại hội lần thứ II có 248 đại biểu.", False),
        ("GDP đầu người năm 2010 là bao nhiêu", "Năm 2015 GDP đầu người đạt 52,2 triệu.", True),
        ("GDP đầu người năm 2010 là bao nhiêu", "GDP đầu người đạt 19 triệu đồng.", False),
        ("Ai là Bí thư?", "Đại hội lần thứ II bầu Trần Kiên.", False),
        # Another level of Party body: the province's congress is not the commune's.
        ("ĐH đảng bộ xã Đơn Dương lần thứ II họp năm nào",
         "Đại hội Đảng bộ tỉnh Lâm Đồng lần thứ II họp năm 1979.", True),
        ("Ai làm Bí thư Huyện ủy Đơn Dương năm 2015?",
         "Năm 2015 Nguyễn Xuân Tiến được bầu làm Bí thư Tỉnh ủy.", True),
        ("Ai làm Bí thư Huyện ủy Đơn Dương năm 2015?",
         "Năm 2015 Đảng bộ huyện Đơn Dương bầu Bí thư Huyện ủy.", False),
        # The Party's national congress is not the city's.
        ("Đại hội XIV Đảng bộ Hải Phòng khai mạc ngày nào",
         "Đoàn Hải Phòng dự Đại hội XIV của Đảng gồm 44 đại biểu.", True),
        ("Đoàn HP dự Đại hội XIII của Đảng có bao nhiêu đại biểu",
         "Đoàn Hải Phòng dự Đại hội XIII của Đảng gồm 23 đại biểu.", False),
        ("đoàn LĐ dự đại hội 13 có bao nhiêu đại biểu",
         "Đoàn Lâm Đồng dự Đại hội XIII của Đảng gồm 17 đại biểu.", False),
    ],
)  # fmt: skip
def test_a_sentence_about_another_congress_or_year_conflicts(question, sentence, conflict):
    scope = question_scope(parse_question(question))
    assert (sentence_agreement(scope, sentence) is False) is conflict


def test_a_sentence_that_names_nothing_the_question_pins_takes_its_subject_from_before():
    scope = question_scope(parse_question("Đại hội lần thứ II họp khi nào?"))
    assert sentence_agreement(scope, "Vòng thứ nhất diễn ra năm 1976.") is None
    assert sentence_agreement(scope, "Đại hội lần thứ II họp năm 1979.") is True
    assert sentence_agreement(scope, "Đại hội lần thứ I họp năm 1976.") is False


def test_a_body_named_after_a_place_is_not_where_something_happened():
    question = parse_question("Đại hội XVI họp ở đâu?")
    dates = "Đại hội XVI Đảng bộ thành phố Hải Phòng họp từ ngày 13 đến ngày 15 tháng 10."
    assert not has_slot(question, dates)
    assert has_slot(question, "Đại hội XVI được tổ chức tại Cung Văn hóa Việt – Tiệp.")


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # A term's numeral after "thành phố" is no place; "mặt trận" is not "thị trấn".
        ("Hoàng Hữu Nhân quê ở đâu?",
         "Đại hội bầu Ban Chấp hành Đảng bộ thành phố khóa I gồm 31 ủy viên.", False),
        ("Bà ấy quê ở đâu?", "Bà là Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.", False),
        # A name ends at a full stop: "… thành phố lần thứ I. Theo …" names no place "I Theo".
        ("Đại hội lần thứ I họp ở đâu?",
         "Thủ tướng dự Đại hội Đảng bộ thành phố lần thứ I. Theo một nguồn, đại hội thành công.",
         False),
        ("Ông ấy quê ở đâu?", "Ông quê ở xã Tân Liên, huyện Vĩnh Bảo.", True),
        # "huyện nào" is answered by a name after "huyện", not by any capitalised name.
        ("Phạm Thị Phúc quê ở huyện nào?",
         "Đó là Hồ Văn Mười, Chủ tịch Ủy ban nhân dân tỉnh; Phạm Thị Phúc, Phó Bí thư.", False),
        ("năm 1950 tỉnh LĐ được lập từ 2 tỉnh nào",
         "Năm 1950, hai tỉnh Lâm Viên và Đồng Nai Thượng sáp nhập thành tỉnh Lâm Đồng.", True),
        # "Nơi … là …", "… là nơi …" say where, even of a place without a capital.
        ("chi bo thanh lap o cho nao trong Da Lat",
         "Nơi thành lập chi bộ là buồng số 2 trên gác nhà để xe của một khách sạn.", True),
        ("Đại hội họp ở đâu", "Hội trường lớn của tỉnh là nơi họp Đại hội.", True),
        # "Hà Nội" is no "nơi", nor is "nói".
        ("Đại hội họp ở đâu", "Đại hội nói về Hà Nội là thủ đô.", False),
        # "nơi" inside the sentence means "where": "thành phố nơi ông là Bí thư" names no place.
        ("nguyen duc canh sinh o dau",
         "Ông sinh năm 1908 và hy sinh năm 1932 tại chính thành phố nơi ông là Bí thư.", False),
    ],
)  # fmt: skip
def test_a_place_is_named_where_the_question_asks_for_one(question, sentence, expected):
    assert has_slot(parse_question(question), sentence) is expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("bà Phạm Thị Phúc năm nay bao nhiêu tuổi",
         "Các Phó Bí thư gồm năm người. Đó là Hồ Văn Mười; Phạm Thị Phúc.", False),
        ("ong Le Van Thanh bao nhieu tuoi",
         "Theo một nguồn, Lê Văn Thành sinh ngày 20 tháng 10 năm 1962.", True),
        ("khi đó ông mấy tuổi", "Khi được bầu, ông 54 tuổi.", True),
    ],
)  # fmt: skip
def test_an_age_is_told_by_the_years_or_the_birth(question, sentence, expected):
    assert has_slot(parse_question(question), sentence) is expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("NĐC quê nội ở làng nào", "Ông gắn bó với làng Cổ Am, quê ngoại của mình.", True),
        ("ông ấy quê ở làng nào", "Ông gắn bó với làng Cổ Am, quê ngoại của mình.", True),
        ("ông ấy quê ở làng nào", "Ông quê ở làng Diêm Điền, huyện Thái Thụy.", False),
        ("quê ngoại của ông ở đâu", "Ông quê ở làng Diêm Điền.", True),
        ("quê ngoại của ông ở đâu", "Ông gắn bó với làng Cổ Am, quê ngoại của mình.", False),
        ("ai lập tỉnh Đồng Nai Thượng", "Phần còn lại dùng để tái lập tỉnh ấy.", True),
        ("tinh dong nai thuong duoc tai lap nam nao", "Năm 1899 Pháp lập tỉnh Đồng Nai Thượng.",
         True),
        ("tinh dong nai thuong duoc tai lap nam nao", "Năm 1920 tỉnh được tái lập.", False),
        # A sentence telling both answers either.
        ("ai lập tỉnh Đồng Nai Thượng", "Pháp lập tỉnh năm 1899 và tái lập năm 1920.", False),
        # A goal's year does not tell when something happened; it answers a question about goals.
        ("Hai Phong thanh TP tu nam nao",
         "Nghị quyết đặt mục tiêu đến năm 2030 Hải Phòng trở thành thành phố hiện đại.", True),
        ("Mục tiêu đến năm nào Hải Phòng thành thành phố hiện đại?",
         "Nghị quyết đặt mục tiêu đến năm 2030 Hải Phòng trở thành thành phố hiện đại.", False),
        # The date of another kind of event does not tell when the asked one happened; a merger
        # founds the unit it makes.
        ("tinh dong nai thuong duoc tai lap nam nao",
         "Tháng 12 năm 1950, hai tỉnh được sáp nhập thành tỉnh Lâm Đồng.", True),
        ("đại hội IX khai mạc ngày nào", "Ngày 1 tháng 8 năm 2015, ông được chỉ định làm Bí thư.",
         True),
        ("tỉnh Lâm Đồng ra đời khi nào",
         "Tháng 12 năm 1950, hai tỉnh được sáp nhập thành tỉnh Lâm Đồng.", False),
        ("Hải Phòng giải phóng ngày nào", "Ngày 13 tháng 5 năm 1955, Hải Phòng được giải phóng.",
         False),
        ("Hải Phòng giải phóng ngày nào", "Năm 1955, thành phố có 20 vạn dân.", False),
        ("đại hội họp ngày nào", "Ngày 1 tháng 8 năm 2015, ông được chỉ định làm Bí thư.", False),
        ("Nghị quyết đặt ra điều gì cho Hải Phòng?",
         "Nghị quyết đặt mục tiêu đến năm 2030 Hải Phòng trở thành thành phố hiện đại.", False),
        # Becoming a city is not a resolution being issued; being born is not dying.
        ("Hải Phòng trở thành thành phố năm nào",
         "Năm 2019, Bộ Chính trị ban hành Nghị quyết 45 về phát triển thành phố Hải Phòng.", True),
        ("Hải Phòng trở thành thành phố năm nào",
         "Một năm sau, năm 1888, Hải Phòng trở thành thành phố.", False),
        ("Nguyễn Đức Cảnh sinh năm nào", "Ngày hy sinh 31/7/1932 được nhiều nguồn ghi.", True),
        ("Nguyễn Đức Cảnh sinh năm nào", "Nguyễn Đức Cảnh sinh ngày 2 tháng 2 năm 1908.", False),
        ("Nguyễn Đức Cảnh sinh ngày nào",
         "Ngày 31 tháng 7 năm 1932, thực dân Pháp đưa ông ra xử chém.", True),
        ("ndc hi sinh ngay nao", "Nguyễn Đức Cảnh sinh ngày 2 tháng 2 năm 1908.", True),
        # The first congress after a merger starts the count again: it is not "the first".
        ("đại hội lần thứ nhất đảng bộ HP họp khi nào",
         "Đại hội lần thứ I của Đảng bộ thành phố sau hợp nhất họp ngày 26 tháng 9 năm 2025.",
         True),
        ("đại hội lần thứ I sau hợp nhất họp khi nào",
         "Đại hội lần thứ I của Đảng bộ thành phố sau hợp nhất họp ngày 26 tháng 9 năm 2025.",
         False),
        ("đại hội lần thứ nhất đảng bộ HP họp khi nào",
         "Đại hội lần thứ I họp từ ngày 10 đến ngày 14 tháng 7 năm 1963.", False),
        # A merger asked, though it also founds the province: a liberation is another event.
        ("Hai tỉnh Tuyên Đức Lâm Đồng hợp nhất vào ngày nào?",
         "Đến ngày 3/4/1975, hai tỉnh Tuyên Đức và Lâm Đồng được hoàn toàn giải phóng.", True),
        ("Hai tỉnh Tuyên Đức Lâm Đồng hợp nhất vào ngày nào?",
         "Ngày 6/1/1976, tỉnh Lâm Đồng và tỉnh Tuyên Đức được hợp nhất.", False),
        # Another round's or another month's figure or date; part of a year for the whole.
        ("vong thu nhat co bao nhieu dai bieu?", "Vòng thứ hai có 196 đại biểu.", True),
        ("vòng 1 có bao nhiêu đại biểu?", "Vòng thứ nhất có 200 đại biểu, vòng hai 196.", False),
        ("Nghị định đó ký ngày mấy tháng 12?", "Ngày 12 tháng 9 năm 2007, Chính phủ ban hành.",
         True),
        ("tháng 12 năm 1950 có sự kiện gì", "Tháng 12 năm 1950, hai tỉnh sáp nhập.", False),
        ("Cả năm 2023 tăng bao nhiêu %?", "Trong 6 tháng đầu năm 2023, GRDP tăng 9,94%.", True),
        ("6 tháng đầu năm 2023 tăng bao nhiêu %?", "Trong 6 tháng đầu năm 2023, GRDP tăng 9,94%.",
         False),
        # "học sinh" holds "sinh" without telling a birth: such a sentence is not judged.
        ("Nguyễn Đức Cảnh sinh năm nào", "Năm 1925, ông còn là học sinh ở Nam Định.", False),
        # The day a congress opened is not the day it closed.
        ("đại hội bế mạc ngày nào", "Đại hội khai mạc ngày 4 tháng 4 năm 1968.", True),
        ("dai hoi be mac ngay nao", "Đại hội khai mạc ngày 4 tháng 4 năm 1968.", True),
        ("đại hội khai mạc ngày nào", "Đại hội bế mạc ngày 16 tháng 10 năm 2020.", True),
        ("đại hội bế mạc ngày nào",
         "Đại hội khai mạc ngày 14 và bế mạc ngày 16 tháng 10 năm 2020.", False),
        # Before a merger is not after it, and the other way round.
        ("dien tich hai phong truoc khi hop nhat la bao nhieu km2",
         "Thành phố Hải Phòng sau hợp nhất có diện tích trên 3.190 km².", True),
        ("Diện tích Hải Phòng sau hợp nhất là bao nhiêu km2",
         "Thành phố Hải Phòng sau hợp nhất có diện tích trên 3.190 km².", False),
        ("Dân số Hải Phòng sau khi sáp nhập là bao nhiêu",
         "Trước khi hợp nhất, Hải Phòng có diện tích 1.526,52 km².", True),
        # Likewise before and after a rearrangement of units.
        ("sau khi sap xep Hai Phong con bao nhieu don vi cap xa",
         "Đầu năm 2025, trước khi sắp xếp đơn vị hành chính cấp xã, Hải Phòng có 167 đơn vị.",
         True),
        ("sau khi sap xep Hai Phong con bao nhieu don vi cap xa",
         "Sau khi sắp xếp năm 2025, Hải Phòng có 114 đơn vị hành chính cấp xã.", False),
        # Another document's number: another document.
        ("Nghị quyết 60-NQ/TW ban hành ngày nào",
         "Ngày 5 tháng 8 năm 2003, Bộ Chính trị ban hành Nghị quyết 32-NQ/TW.", True),
        ("Nghị quyết 60-NQ/TW ban hành ngày nào",
         "Ngày 12 tháng 4 năm 2025, Trung ương ban hành Nghị quyết 60-NQ/TW.", False),
        ("Nghị quyết 60 ban hành ngày nào", "Ngày 12 tháng 4 năm 2025, Quyết định 32 có hiệu lực.",
         False),
        # "ra Nghị quyết 34" is its issue, whatever the resolution founded.
        ("Nghị quyết 34 ban hành ngày nào",
         "Ngày 4 tháng 6 năm 1976, Ban Thường vụ ra Nghị quyết 34 thành lập Đảng bộ Khối.", False),
        # One body's count is not another's.
        ("Ban Thường vụ Tỉnh ủy có mấy người",
         "Các Phó Bí thư Tỉnh ủy nhiệm kỳ 2025–2030 gồm năm người.", True),
        ("Ban Thường vụ Tỉnh ủy có mấy người", "Ban Thường vụ Tỉnh ủy được chỉ định gồm 26 người.",
         False),
        ("Ban Chấp hành có mấy ủy viên",
         "Đại hội bầu Ban Chấp hành gồm 51 người và Ban Thường vụ gồm 15 người.", False),
        # Before a year is not that year; "sau 2025" counts 2025's change.
        ("Trước năm 1899 vùng Lâm Đồng thuộc tỉnh nào?",
         "Ngày 1 tháng 11 năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng.", True),
        ("trung tâm chính trị hành chính tỉnh LĐ sau 2025 ở đâu",
         "Năm 2025, trung tâm chính trị – hành chính của tỉnh đặt tại Đà Lạt.", False),
        ("sau năm 1975 huyện được lập lại năm nào", "Năm 1972, huyện bị giải thể.", True),
        ("Trước năm 2025 huyện có bao nhiêu xã", "Trước năm 2025, huyện có 10 đơn vị cấp xã.",
         False),
        # A district's population is not the province's.
        ("tinh lam dong moi dan so bao nhieu",
         "Cũng theo nguồn này, năm 2019, dân số huyện Đơn Dương là 107.281 người.", True),
        ("dân số huyện Đơn Dương năm 2019 là bao nhiêu",
         "Cũng theo nguồn này, năm 2019, dân số huyện Đơn Dương là 107.281 người.", False),
        # A province named without "tỉnh" asks the province's figure; "bình quân" is no "quận".
        ("GDP bình quân đầu người Lâm Đồng năm 2020 bao nhiêu",
         "GRDP bình quân đầu người của huyện năm 2020 ước gần 72 triệu đồng.", True),
        ("GDP bình quân đầu người Lâm Đồng năm 2020 bao nhiêu",
         "GDP của huyện Đơn Dương năm 2020 tăng 8,6%.", True),
        ("GDP bình quân đầu người Lâm Đồng năm 2010 bao nhiêu",
         "GDP bình quân đầu người của tỉnh năm 2010 đạt khoảng 19 triệu đồng.", False),
        ("GDP bình quân đầu người năm 2010 bao nhiêu",
         "GDP bình quân đầu người của tỉnh năm 2010 đạt khoảng 19 triệu đồng.", False),
        ("dân số Hải Phòng sau hợp nhất bao nhiêu",
         "Dân số thành phố Hải Phòng sau hợp nhất gần 4,7 triệu người.", False),
        # A delegation to a congress is not the congress's own delegates.
        ("Đại hội XIV của Đảng có bao nhiêu đại biểu",
         "Đoàn đại biểu Đảng bộ thành phố dự Đại hội XIV của Đảng gồm 44 đại biểu chính thức.",
         True),
        ("Đảng bộ thành phố có bao nhiêu đại biểu dự Đại hội XIV của Đảng",
         "Đoàn đại biểu Đảng bộ thành phố dự Đại hội XIV của Đảng gồm 44 đại biểu chính thức.",
         False),
        # A merger founds the unit it makes, not those merged into it.
        ("Tỉnh Lâm Viên ra đời khi nào",
         "Năm 1950, Ủy ban ra nghị định sáp nhập hai tỉnh Lâm Viên và Đồng Nai Thượng thành tỉnh"
         " Lâm Đồng.", True),
        ("tinh lam dong ra doi khi nao",
         "Năm 1950, Ủy ban ra nghị định sáp nhập hai tỉnh Lâm Viên và Đồng Nai Thượng thành tỉnh"
         " Lâm Đồng.", False),
        ("Tỉnh Lâm Viên thành lập khi nào",
         "Ngày 6 tháng 1 năm 1916, tỉnh Lâm Viên được thành lập.", False),
        # Some communes of the district the question names are not the district.
        ("Đơn Dương đạt chuẩn nông thôn mới năm nào",
         "Trong năm 2014, năm xã của huyện Đơn Dương được công nhận đạt chuẩn nông thôn mới.",
         True),
        ("huyen don duong dat chuan nong thon moi nam nao",
         "Đến cuối năm 2014, ba xã Ka Đơn, Ka Đô và Lạc Xuân được công nhận đạt chuẩn.", True),
        ("xã nào của huyện Đơn Dương đạt chuẩn năm 2014",
         "Đến cuối năm 2014, ba xã Ka Đơn, Ka Đô và Lạc Xuân được công nhận đạt chuẩn.", False),
        ("huyện Đơn Dương đạt chuẩn nông thôn mới năm nào",
         "Năm 2015, huyện Đơn Dương có 8 xã đạt chuẩn nông thôn mới.", False),
        # What was made of some communes, and the commune level, are no such parts.
        ("quận Dương Kinh được lập từ đâu",
         "Quận Dương Kinh được lập từ 6 xã của huyện Kiến Thụy.", False),
        ("Đại hội Đơn Dương năm 2025 là đại hội gì của tỉnh",
         "Đây là đại hội điểm cấp xã của tỉnh Lâm Đồng.", False),
        # Who spoke at the closing is not who attended the opening, whatever is asked.
        ("Ai phát biểu bế mạc đại hội?",
         "Sáng ngày 14 tháng 10, Thủ tướng Nguyễn Xuân Phúc dự phiên khai mạc Đại hội XVI.", True),
        ("Ai phát biểu khai mạc đại hội?",
         "Sáng ngày 14 tháng 10, Thủ tướng Nguyễn Xuân Phúc dự phiên khai mạc Đại hội XVI.",
         False),
        # Who came after someone is not whom that person replaced; whom they replaced is.
        ("ai kế nhiệm ông Nguyễn Xuân Tiến làm bí thư",
         "Năm 2015, Nguyễn Xuân Tiến làm Bí thư, thay Huỳnh Đức Hòa nghỉ hưu.", True),
        ("ai thay ong Nguyen Xuan Tien",
         "Năm 2015, Nguyễn Xuân Tiến làm Bí thư, thay Huỳnh Đức Hòa nghỉ hưu.", True),
        ("ai thay Trần Lưu Quang", "Lê Tiến Châu thay Trần Lưu Quang làm Bí thư.", False),
        ("Nguyễn Xuân Tiến thay ai",
         "Năm 2015, Nguyễn Xuân Tiến làm Bí thư, thay Huỳnh Đức Hòa nghỉ hưu.", False),
    ],
)  # fmt: skip
def test_a_sentence_telling_the_contrary_does_not_answer(question, sentence, expected):
    assert contrary(parse_question(question), sentence) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Bí thư Tỉnh ủy Lâm Đồng hiện nay là ai", True),
        ("bi thu thanh uy sau hop nhat la ai", True),
        ("tinh ly lam dong moi o dau", True),
        ("Lâm Đồng mới rộng bao nhiêu", True),
        ("Đại hội I sau hợp nhất có bao nhiêu đại biểu", True),
        # A year is the time asked about; "nông thôn mới", "đổi mới", "mọi", "mỗi" are not "new".
        ("Bí thư Tỉnh ủy năm 2015 là ai", False),
        ("huyen nong thon moi dau tien o dau", False),
        ("Đổi mới bắt đầu năm nào", False),
        ("moi nguoi hop o dau", False),
        ("moi nam co bao nhieu dang vien", False),
        # "lúc mới lập", "khi mới về": just after, not now.
        ("Chi bộ cộng sản đầu tiên lúc mới lập có mấy đảng viên", False),
        ("chi bo luc moi lap co may dang vien", False),
        ("Quận Dương Kinh khi mới thành lập có bao nhiêu nhân khẩu", False),
        # A merger the question names is not the latest one by that alone.
        ("dh lan 1 sau khi hop nhat voi kien an hop nam nao", False),
        ("Đại hội I sau hợp nhất với tỉnh Kiến An họp năm nào", False),
        # New things counted are not the present state of anything.
        ("Hải Phòng xây thêm 15 khu công nghiệp mới trong giai đoạn nào", False),
        ("HP xay them 15 KCN moi trong giai doan nao", False),
        # A membership asked with no time at all is today's; with any time, that time's.
        ("Lâm Đồng có bao nhiêu đảng viên", True),
        ("dang bo hai phong co bao nhieu dang vien", True),
        ("chi bộ đầu tiên có mấy đảng viên", False),
        ("ĐH XV đại diện cho bao nhiêu đảng viên", False),
        ("khi thành lập Đảng bộ có bao nhiêu đảng viên", False),
        ("dân số hải phòng là bao nhiêu", True),
        ("hp co bao nhieu xa phuong", True),
        ("Quận Dương Kinh khi thành lập rộng bao nhiêu", False),
        ("năm 2024 dân số Hải Phòng là bao nhiêu", False),
    ],
)
def test_a_question_about_the_present(question, expected):
    assert asks_latest(parse_question(question)) is expected


def test_a_sentence_telling_the_present():
    assert tells_present("Làng Diêm Điền nay thuộc tỉnh Thái Bình.")
    assert not tells_present("Năm này, chi bộ ra đời.")


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # Another district's figure does not answer about the one asked.
        ("Huyện Thủy Nguyên năm 2025 dân số bao nhiêu người?",
         "Quận An Dương khi thành lập có dân số 171.227 người.", False),
        ("Huyện Thủy Nguyên năm 2025 dân số bao nhiêu người?",
         "Năm 2025, huyện Thủy Nguyên trở thành thành phố Thủy Nguyên, dân số 397.570 người.",
         True),
        # Both named: the sentence about either may answer.
        ("NQ nào lập thành phố Thủy Nguyên và quận An Dương?",
         "Theo Nghị quyết 1232, năm 2025 huyện Thủy Nguyên trở thành thành phố Thủy Nguyên.",
         True),
        ("tiểu đoàn 840 tiến vào thị trấn D'Ran ngày nào",
         "Ngày 2 tháng 4 năm 1975, tiểu đoàn 840 tiến vào thị trấn D'Ran.", True),
        # No unit named with a capital or known to the library: nothing to agree on.
        ("huyện vùng bò sữa có bao nhiêu con", "Quận An Dương có 10 phường năm 2025.", None),
        ("huyen thuy nguyen co bao nhieu dan", "Quận An Dương có 171.227 người.", None),
    ],
)  # fmt: skip
def test_a_sentence_about_another_district_or_commune_does_not_answer(
    question, sentence, expected
):
    assert sentence_agreement(question_scope(parse_question(question)), sentence) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("Đây là đại hội đầu tiên của Đảng bộ thành phố sau khi hợp nhất.", True),
        ("Đại hội có 445 đại biểu chính thức.", False),
    ],
)
def test_the_next_sentence_can_say_the_first_congress_came_after_a_merger(after, expected):
    question = parse_question("dai hoi dang bo hai phong lan thu nhat hop thoi gian nao")
    sentence = "Đại hội Đảng bộ thành phố lần thứ I diễn ra ngày 26 và 27 tháng 9 năm 2025."
    assert contrary(question, sentence, after) is expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # A named person's role: a sentence with another person's role does not answer.
        ("Phó Bí thư Hồ Văn Mười giữ chức vụ gì?",
         "Y Thanh Hà Niê Kđăm làm Bí thư Tỉnh ủy Lâm Đồng từ tháng 4 năm 2025.", False),
        ("Phó Bí thư Hồ Văn Mười giữ chức vụ gì?",
         "Đó là Hồ Văn Mười, Chủ tịch Ủy ban nhân dân tỉnh; Phạm Thị Phúc.", True),
        ("Bí thư Tỉnh ủy Lâm Đồng còn giữ chức gì?",
         "Ông đồng thời là Chủ tịch Hội đồng nhân dân tỉnh.", True),
        # The motto asked: the sentence that gives it says "phương châm".
        ("Phương châm của Đại hội là gì?",
         "Đại hội diễn ra trong hai ngày 26 và 27 tháng 9 năm 2025.", False),
        ("phuong cham dai hoi la gi",
         'Phương châm của Đại hội là "Đoàn kết – Trí tuệ – Bản lĩnh – Phát triển".', True),
        # Another name asked: a sentence that names it, not one that only says "tên gọi".
        ("Tỉnh Lâm Viên còn có tên gọi khác là gì?",
         "Tên gọi Lâm Viên còn xuất hiện trong các mốc lịch sử sau.", False),
        ("Tỉnh Lâm Viên còn có tên gọi khác là gì?",
         "Ngày 6 tháng 1 năm 1916, tỉnh Lâm Viên, còn gọi là Lang Biang, được thành lập.", True),
        ("tinh lam vien con ten goi nao khac ko",
         "Tên gọi Lâm Viên còn xuất hiện trong các mốc lịch sử sau.", False),
        # "là đại hội gì" asks its kind: a word that qualifies it, not the name that follows.
        ("Đại hội Đảng bộ xã Đơn Dương năm 2025 là đại hội gì của tỉnh?",
         "Báo cáo trình Đại hội Đảng bộ xã Đơn Dương năm 2025 ghi tổng đàn bò sữa là 18.976 con.",
         False),
        ("Đại hội xã Đơn Dương năm 2025 được chọn làm đại hội loại gì?",
         "Báo cáo trình Đại hội Đảng bộ xã Đơn Dương năm 2025 ghi tổng đàn bò sữa là 18.976 con.",
         False),
        ("dai hoi xa don duong nam 2025 la dai hoi gi cua tinh",
         "Đây là đại hội điểm cấp xã của tỉnh Lâm Đồng.", True),
        ("Đại hội xã Đơn Dương năm 2025 là đại hội gì?", "Đây là đại hội xã đầu tiên.", False),
        # "làm loại huyện gì": a kind of district, named by the word after "huyện".
        ("Đơn Dương được tỉnh chọn làm loại huyện gì",
         "Năm 2013, tỉnh chọn Đơn Dương làm huyện điểm xây dựng nông thôn mới.", True),
        ("Đơn Dương được tỉnh chọn làm loại huyện gì",
         "Năm 2013, tỉnh Lâm Đồng có 12 đơn vị cấp huyện.", False),
        # "ai lập ra" is answered by the one who "lập"; "rộng thứ mấy" by "rộng nhất".
        ("Ai lập ra tỉnh Đồng Nai Thượng năm 1899",
         "Ngày 1 tháng 11 năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng.", True),
        ("LĐ mới rộng thứ mấy cả nước",
         "Tỉnh Lâm Đồng mới có diện tích khoảng 24.233 km², rộng nhất cả nước.", True),
        ("LĐ mới rộng thứ mấy cả nước", "Tỉnh Lâm Đồng mới là tỉnh đông dân nhất vùng.", False),
        # A congress's Roman numeral and an honour named after a person name no one.
        ("Ai phát biểu bế mạc đại hội?",
         'Phương châm của Đại hội XVI là "Đoàn kết – Trí tuệ – Bản lĩnh – Phát triển".', False),
        ("Ai phát biểu bế mạc đại hội?",
         "Tại Đại hội XVI, thành phố được trao tặng Huân chương Hồ Chí Minh.", False),
        ("Ai phát biểu bế mạc đại hội?",
         "Chiều ngày 15 tháng 10, Lê Văn Thành phát biểu bế mạc Đại hội XVI.", True),
        # "mấy nghìn km vuông" counts km²; "ai đã lập ra" asks what "ai lập ra" does; a place
        # after "địa bàn … là".
        ("LĐ mới rộng khoảng mấy nghìn km vuông",
         "Tỉnh Lâm Đồng mới có diện tích khoảng 24.233 km², rộng nhất cả nước.", True),
        ("LĐ mới rộng khoảng mấy nghìn km vuông",
         "Tỉnh Lâm Đồng mới có 124 đơn vị hành chính cấp xã.", False),
        ("ai đã lập ra tỉnh Đồng Nai Thượng năm 1899",
         "Ngày 1 tháng 11 năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng.", True),
        ("2 đặc khu của HP lập trên địa bàn đâu",
         "Hai đặc khu được lập trên địa bàn hai huyện đảo cũ là Cát Hải và Bạch Long Vĩ.", True),
        ("2 đặc khu của HP lập trên địa bàn đâu",
         "Hai đặc khu được lập trên địa bàn của thành phố, theo quyết định là Nghị quyết.", False),
        # "khóa mấy" asks for the term's numeral; "đồng thời là" holds a role, folded "thời"
        # is no "thôi" (gave it up).
        ("Khi đó Dương Anh Điền là Phó BT Thành ủy khóa mấy?",
         "Khi đó, Dương Anh Điền là Phó Bí thư Thành ủy khóa XIV, nhiệm kỳ 2010–2015.", True),
        ("Khi đó Dương Anh Điền là Phó BT Thành ủy khóa mấy?",
         "Khi đó, Dương Anh Điền là Phó Bí thư Thành ủy, nhiệm kỳ 2010–2015.", False),
        ("chu tich uy ban mttq tinh dong thoi la pho bi thu la ai",
         "Phạm Thị Phúc, Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh, là Phó Bí thư Tỉnh ủy.", True),
        ("ai thoi lam pho bi thu tinh uy",
         "Phạm Thị Phúc, Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh, là Phó Bí thư Tỉnh ủy.", False),
        # "bao nhiêu lần đại hội" is counted in "kỳ" too.
        ("đến trước ĐH 16 Hải Phòng tổ chức bao nhiêu lần đại hội",
         "Đến trước Đại hội XVI, Đảng bộ thành phố đã tổ chức 15 kỳ đại hội.", True),
        ("đến trước ĐH 16 Hải Phòng tổ chức bao nhiêu lần đại hội",
         "Đến trước Đại hội XVI, Đảng bộ thành phố có 15 đảng bộ trực thuộc.", False),
        # A span asked: two years, not the one year of something else.
        ("Tô Huy Rứa làm Bí thư từ năm nào đến năm nào?",
         "Khi Tô Huy Rứa dự Đại hội XVI năm 2020, ông là nguyên Bí thư Thành ủy.", False),
        ("Đại hội lần thứ I có nhiệm kỳ từ năm nào đến năm nào?",
         "Đại hội đại biểu lần thứ I, nhiệm kỳ 1963–1968, họp từ ngày 10 tháng 7.", True),
    ],
)  # fmt: skip
def test_what_a_question_asks_by_name_is_in_the_answer(question, sentence, expected):
    assert has_slot(parse_question(question), sentence) is expected


def test_a_sentence_without_a_year_is_dated_by_the_nearest_one_before_it():
    scope = question_scope(parse_question("năm 1963 ai được chọn làm bí thư thành ủy"))
    term = "Trong nhiệm kỳ 2010–2015, Bộ Chính trị quyết định để ông thôi giữ chức Bí thư."
    then = "Cùng với quyết định đó, Bộ Chính trị chuẩn y Dương Anh Điền làm Bí thư Thành ủy."
    assert dated_otherwise(scope, then, [term])
    congress = "Đại hội lần thứ I họp từ ngày 10 đến ngày 14 tháng 7 năm 1963."
    elected = "Hoàng Hữu Nhân được bầu làm Bí thư Thành ủy khóa I."
    assert not dated_otherwise(scope, elected, ["Đại hội có 270 đại biểu.", congress])
    assert not dated_otherwise(scope, elected, [])  # nothing dates it: no judgement
    assert not dated_otherwise(scope, "Năm 2015 ông làm Bí thư.", [congress])  # its own year
    undated = question_scope(parse_question("ai được chọn làm bí thư thành ủy"))
    assert not dated_otherwise(undated, then, [term])


def test_the_commune_party_committee_is_the_communes_body():
    scope = question_scope(parse_question("ai được bầu làm bí thư đảng ủy xã"))
    assert scope.bodies == {"xa"}
    assert (
        sentence_agreement(scope, "Lê Văn Thành được bầu làm Bí thư Thành ủy Hải Phòng.") is False
    )
    assert sentence_agreement(scope, "Ông được bầu làm Bí thư Đảng ủy xã Đơn Dương.") is True


def test_a_committee_of_another_place_does_not_answer():
    scope = question_scope(parse_question("bi thu tinh uy dak lak hien nay la ai"))
    assert sentence_agreement(scope, "Y Thanh Hà Niê Kđăm làm Bí thư Tỉnh ủy Lâm Đồng.") is False
    assert sentence_agreement(scope, "Ông từng là Bí thư Tỉnh ủy Đắk Lắk.") is True
    # A committee written without its place's name says nothing either way.
    assert sentence_agreement(scope, "Ông được bầu làm Bí thư Tỉnh ủy khóa XI.") is not False


def test_a_birth_date_or_the_asked_congress_does_not_date_a_sentence_otherwise():
    scope = question_scope(parse_question("tại Đại hội XV năm 2015 ai tiếp tục làm Phó Bí thư"))
    born = "Lê Văn Thành sinh ngày 20 tháng 10 năm 1962, quê ở xã Tân Liên."
    again = "Cũng tại Đại hội XV, Nguyễn Thị Nghĩa tiếp tục giữ chức Phó Bí thư Thành ủy."
    assert not dated_otherwise(scope, again, [born])
    plain = "Nguyễn Thị Nghĩa tiếp tục giữ chức Phó Bí thư Thành ủy."
    assert not dated_otherwise(scope, plain, [born])
    assert dated_otherwise(scope, plain, ["Năm 2010, Hội đồng nhân dân họp.", born])


def test_a_sentence_going_on_from_the_year_a_question_asks_before_is_dated_otherwise():
    scope = question_scope(parse_question("Trước năm 1899 vùng Lâm Đồng thuộc tỉnh nào?"))
    founded = "Ngày 1 tháng 11 năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng."
    assert dated_otherwise(scope, "Tỉnh lỵ được đặt tại Di Linh.", [founded])
    assert not dated_otherwise(scope, "Tỉnh lỵ được đặt tại Di Linh.", ["Năm 1890, vùng này …"])


@pytest.mark.parametrize(
    ("question", "answering", "not_answering"),
    [
        (
            "Lê Tiến Châu sinh năm nào?",
            "Lê Tiến Châu sinh năm 1969, quê Tây Ninh.",
            "Ngày 27 tháng 9 năm 2025, quyết định chỉ định Lê Tiến Châu được công bố.",
        ),
        (
            "nguyen duc canh hy sinh nam nao",
            "Ngày 31 tháng 7 năm 1932, thực dân Pháp đưa Nguyễn Đức Cảnh ra xử chém.",
            "Nguyễn Đức Cảnh sinh năm 1908.",  # born, not died
        ),
        (
            "ông Lê Văn Thành mất năm nào",
            "Ông Lê Văn Thành qua đời năm 2023.",
            "Năm 2015 Lê Văn Thành được bầu làm Bí thư.",
        ),
    ],
)
def test_a_birth_or_death_asked_is_not_answered_by_another_date(
    question, answering, not_answering
):
    parsed = parse_question(question)
    assert has_slot(parsed, answering)
    assert not has_slot(parsed, not_answering)


def test_mat_tran_is_no_death():
    parsed = parse_question("Mặt trận Tổ quốc tỉnh thành lập năm nào")
    assert has_slot(parsed, "Năm 1977, Mặt trận Tổ quốc tỉnh được thành lập.")


def test_a_section_about_the_time_before_a_congress_is_not_filed_under_it():
    scope = question_scope(parse_question("Ai dự Đại hội XVI năm 2020 với tư cách nguyên Bí thư?"))
    headings = [
        "Lãnh đạo Thành ủy trước Đại hội XV",
        "Đại hội đại biểu lần thứ XVI (nhiệm kỳ 2020–2025)",
        "Đại hội đại biểu lần thứ XV (nhiệm kỳ 2015–2020)",
    ]
    # The first names no congress of its own: kept beside the one filed under the sixteenth.
    assert prefer_headed(scope, ["before", "xvi", "xv"], headings) == ["before", "xvi"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A capitalised opening word is no part of the name after it.
        ("Khi Tô Huy Rứa dự Đại hội XVI năm 2020, báo chí giới thiệu ông là nguyên Bí thư.", True),
        ("Khi Đảng bộ ra đời, báo chí giới thiệu ông là nguyên Bí thư.", False),
    ],
)
def test_a_person_named_after_the_opening_word(sentence, expected):
    question = parse_question("Ai được báo chí giới thiệu là nguyên Bí thư khi dự Đại hội XVI?")
    assert has_slot(question, sentence) is expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # "do ai chỉ định" asks who did it: "được chỉ định" with nobody named does not say.
        ("Ban Chấp hành do ai chỉ định",
         "Ban Thường vụ được chỉ định gồm 26 người; Y Thanh Hà Niê Kđăm được chỉ định làm Bí thư.",
         False),
        ("Ban Chấp hành do ai chỉ định", "Bộ Chính trị chỉ định Ban Chấp hành gồm 94 người.",
         True),
        ("ban chap hanh do ai chi dinh", "Bộ Chính trị chỉ định Ban Chấp hành gồm 94 người.",
         True),
        ("tỉnh Đồng Nai Thượng do ai lập ra",
         "Tên gọi Lâm Viên và Đồng Nai Thượng còn xuất hiện trong các mốc lịch sử tiếp theo.",
         False),
        ("tỉnh Đồng Nai Thượng do ai lập ra",
         "Phần còn lại được dùng để tái lập tỉnh Đồng Nai Thượng.", False),
        ("tỉnh Đồng Nai Thượng do ai lập ra",
         "Năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng.", True),
        ("chi bộ đầu tiên do ai trực tiếp lãnh đạo",
         "Chi bộ đầu tiên do Nguyễn Đức Cảnh trực tiếp lãnh đạo.", True),
        # A post after "do ai" is asked as before: the name holding it.
        ("chi bộ do ai làm bí thư", "Chi bộ có 3 đảng viên, do Trần Diệm làm Bí thư.", True),
        ("Đảng bộ thành phố thành lập tháng năm nào",
         "Tháng 4 năm 1930, Đảng bộ thành phố được thành lập.", True),
        # When a body was founded is not when its congress met.
        ("dang bo thanh pho chinh thuc duoc thanh lap thang nam nao",
         "Năm 2025, Đại hội lần thứ I của Đảng bộ thành phố sau hợp nhất họp ngày 26 tháng 9.",
         False),
        # A merger that makes the province is its founding, in other words.
        ("Tỉnh Lâm Đồng được lập năm nào",
         "Tháng 12 năm 1950, nghị định sáp nhập hai tỉnh thành tỉnh Lâm Đồng.", True),
        # Where a congress met is after "tại" or "ở", not the city named as whose it was.
        ("Đại hội lần I của Đảng bộ thành phố tổ chức ở đâu",
         "Năm 2025, thành phố Hải Phòng và tỉnh Hải Dương hợp nhất, và Đại hội lần thứ I họp "
         "trong hai ngày 26 và 27 tháng 9.", False),
        ("Đại hội lần I của Đảng bộ thành phố tổ chức ở đâu",
         "Đại hội lần thứ I họp tại Trung tâm Hội nghị thành phố.", True),
        ("dai hoi lan I hop o dau", "Đại hội lần thứ I họp ở Đà Lạt.", True),
        # Other places keep every cue: "quê ở đâu" by "xã Tân Liên".
        ("Lê Văn Thành quê ở đâu", "Lê Văn Thành quê xã Tân Liên, huyện Vĩnh Bảo.", True),
        # Where someone is from is their "quê", their birth or their village, not any place.
        ("Trần Diệm quê ở đâu",
         "Nơi thành lập chi bộ là buồng số 2 của khách sạn Palace ở Đà Lạt.", False),
        ("Trần Diệm quê ở đâu", "Bí thư của chi bộ ở Đà Lạt là Trần Diệm.", False),
        ("Nguyen Duc Canh que o dau", "Nguyễn Đức Cảnh sinh năm 1908 tại làng Diêm Điền.", True),
        ("Mẹ ông quê ở đâu", "Mẹ của ông là người làng Cổ Am, huyện Vĩnh Bảo.", True),
        # "trang web nào", "link nào" want a site's address.
        ("sách có lấy nguồn từ báo Lâm Đồng không, trang web nào",
         "Cuốn sách không thay thế các cuốn lịch sử Đảng bộ do cơ quan có thẩm quyền biên soạn.",
         False),
        ("sách có lấy nguồn từ báo Lâm Đồng không, trang web nào",
         "Báo Lâm Đồng: baolamdong.vn/chinh-tri/dai-hoi.", True),
        ("sach dung nguon bao Nhan Dan, link nao", "Báo Nhân Dân: nhandan.vn.", True),
        # The part of the year the question's year leaves open.
        ("chi bộ ở An Dương lập vào thời điểm nào trong năm 1929",
         "Đầu năm 1929, chi bộ cộng sản đầu tiên được thành lập tại An Dương.", True),
        ("chi bộ ở An Dương lập vào thời điểm nào trong năm 1929",
         "Năm 1929, chi bộ cộng sản đầu tiên được thành lập tại An Dương.", False),
        # A site named, then its address or domain asked.
        ("phu luc co dan trang web cua dang bo huyen khong, dia chi nao",
         "Địa chỉ các trang nguồn được liệt kê ở phần Phụ lục.", False),
        ("phu luc co dan trang web cua dang bo huyen khong, dia chi nao",
         "Đảng bộ huyện Đơn Dương: donduong.lamdong.dcs.vn.", True),
        ("Trang của Cảng Hải Phòng có tên miền là gì",
         "Cảng Hải Phòng: haiphongport.com.vn.", True),
        # A street address is no web address.
        ("Trụ sở Thành ủy ở địa chỉ nào", "Trụ sở Thành ủy ở số 2 đường Lê Đại Hành.", True),
    ],
)  # fmt: skip
def test_the_slot_is_what_the_question_asks_of_its_subject(question, sentence, expected):
    """Who did the act, when it was founded (not when it met), where it met or someone is
    from, a website's address."""
    assert has_slot(parse_question(question), sentence) is expected
