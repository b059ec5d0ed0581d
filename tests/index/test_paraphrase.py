from index.paraphrase import Rewording, book_wordings
from index.query import QueryNormalizer

BOOK = [
    "Nguyễn Đức Cảnh sinh năm 1908. Ngày 31 tháng 10 năm 1920, tỉnh Lâm Viên bị bãi bỏ.",
    "Năm 2025, ba tỉnh hợp nhất thành tỉnh Lâm Đồng. Ông bị bắt tại Vinh.",
]


def test_a_wording_is_read_as_the_books_only_when_the_book_never_writes_it():
    found = book_wordings(BOOK)
    assert found["chào đời"] == "sinh"
    assert found["xóa bỏ"] == "bãi bỏ"
    assert found["sa vào tay"] == "bị bắt"
    # "hợp nhất" is the book's own word: it stays; "sáp nhập", never written, becomes it.
    assert "hợp nhất" not in found
    assert found["sáp nhập"] == "hợp nhất"
    # A book that writes "chào đời" keeps it, and nothing is offered the book cannot say.
    assert "chào đời" not in book_wordings([*BOOK, "Ông chào đời ở Thái Bình."])
    assert "thủ phủ" not in found
    # "còn kiêm" is the book's "còn là"; "kiêm" alone would also be "kiểm" of "kiểm tra".
    holding = book_wordings(["Cùng thời điểm đó, ông còn là Trưởng đoàn đại biểu Quốc hội."])
    assert holding["còn kiêm"] == "còn là"
    assert "kiêm" not in holding


def test_rewording_keeps_the_question_typed_with_or_without_diacritics():
    reword = Rewording(book_wordings(BOOK))
    assert reword.read("Nguyễn Đức Cảnh chào đời năm nào?") == "Nguyễn Đức Cảnh sinh năm nào?"
    assert reword.read("lam vien bi xoa bo nam nao") == "lam vien bi bai bo nam nao"
    assert reword.added("Lâm Viên bị xóa bỏ năm nào") == ["bãi bỏ"]
    # "bị xóa bỏ" is read once, as "xóa bỏ", not also as "bị xóa".
    assert reword.read("Lâm Viên bị xóa bỏ năm nào") == "Lâm Viên bị bãi bỏ năm nào"
    assert reword.read("lam vien bi xoa so nam nao") == "lam vien bi bai bo nam nao"
    assert reword.read("tỉnh Lâm Viên bị xóa năm nào") == "tỉnh Lâm Viên bị bãi bỏ năm nào"
    assert reword.read("Hải Phòng có bao nhiêu đảng viên?") == "Hải Phòng có bao nhiêu đảng viên?"


def test_a_single_syllable_is_reworded_only_with_its_diacritics():
    reword = Rewording({"gộp": "hợp nhất"})
    assert reword.read("tỉnh được gộp từ những tỉnh nào") == "tỉnh được hợp nhất từ những tỉnh nào"
    # Folded, "gop" is also "góp" (to contribute): left alone.
    assert reword.read("nhan dan dong gop bao nhieu") == "nhan dan dong gop bao nhieu"


def test_the_answerer_reads_the_books_wording_but_follow_ups_show_the_users():
    normalizer = QueryNormalizer({}, (), book_wordings(BOOK))
    assert normalizer.in_book_words("đ/c NĐC chào đời năm nào") == "đồng chí NĐC sinh năm nào"
    assert normalizer.expand("đ/c NĐC chào đời năm nào") == "đồng chí NĐC chào đời năm nào"
    assert "bãi bỏ" in normalizer.for_search("Lâm Viên bị xóa bỏ năm nào")
