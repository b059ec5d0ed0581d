from knowledge.chunking import chunk_tree
from knowledge.readers.base import Block
from knowledge.sentences import sentence_spans
from knowledge.structure import build_tree, classify_heading, find_volume


def test_heading_kinds_follow_book_conventions():
    assert classify_heading("Phần thứ nhất: Thời kỳ đầu")[0] == "part"
    assert classify_heading("CHƯƠNG II") == ("chapter", 2)
    assert classify_heading("Chương 3. Đổi mới")[0] == "chapter"
    assert classify_heading("I. ĐẢNG BỘ RA ĐỜI")[0] == "roman"
    assert classify_heading("2. Khôi phục kinh tế")[0] == "arabic"
    assert classify_heading("a) Công nghiệp")[0] == "letter"
    assert classify_heading("Lời nói đầu")[0] == "special"
    assert classify_heading("Kết luận")[0] == "special"
    assert classify_heading("PHỤ LỤC")[0] == "special"


def test_numbered_sentences_are_not_headings():
    assert classify_heading("1. Tăng trưởng kinh tế đạt 12%, vượt chỉ tiêu đề ra.") is None
    assert classify_heading("Năm 1955 thành phố được giải phóng.") is None
    assert classify_heading("x" * 300) is None


def test_tree_nests_sections_and_resets_at_back_matter():
    blocks = [
        Block(t, page=p)
        for t, p in [
            ("Lời nói đầu", 1),
            ("Cuốn sách trình bày lịch sử.", 1),
            ("Chương I", 2),
            ("ĐẢNG BỘ RA ĐỜI", 2),
            ("I. Bối cảnh", 2),
            ("Năm 1929 chi bộ đầu tiên ra đời.", 2),
            ("1. Những cơ sở đầu tiên", 3),
            ("Cơ sở được lập ở An Dương.", 3),
            ("II. Phát triển", 4),
            ("Phong trào lan rộng.", 4),
            ("Kết luận", 5),
            ("Tóm tắt.", 5),
        ]
    ]
    root, nodes = build_tree(blocks)
    titles = [n.title for n in nodes]
    assert titles == [
        "Lời nói đầu",
        "Chương I. ĐẢNG BỘ RA ĐỜI",
        "I. Bối cảnh",
        "1. Những cơ sở đầu tiên",
        "II. Phát triển",
        "Kết luận",
    ]
    by_title = {n.title: n for n in nodes}
    assert by_title["1. Những cơ sở đầu tiên"].path == (
        "Chương I. ĐẢNG BỘ RA ĐỜI",
        "I. Bối cảnh",
        "1. Những cơ sở đầu tiên",
    )
    assert by_title["II. Phát triển"].parent is by_title["Chương I. ĐẢNG BỘ RA ĐỜI"]
    assert by_title["Kết luận"].parent is root
    assert root.body == []


def test_styled_documents_trust_styles_over_wording():
    blocks = [
        Block("Chương I. Mở đầu", heading_level=1),
        Block("Bối cảnh lịch sử", heading_level=2),
        Block("1. Kinh tế phát triển nhanh"),
        Block("Thân bài."),
    ]
    _, nodes = build_tree(blocks)
    assert [n.title for n in nodes] == ["Chương I. Mở đầu", "Bối cảnh lịch sử"]
    assert nodes[1].body[0].text == "1. Kinh tế phát triển nhanh"


def test_volume_is_read_from_title():
    assert find_volume("Lịch sử Đảng bộ thành phố Hải Phòng, tập IV (2001–2020)") == "Tập IV"
    assert find_volume("Lịch sử Đảng bộ huyện") is None


def test_sentences_split_without_breaking_abbreviations_and_dates():
    text = "TP. Hải Phòng được giải phóng ngày 13.5.1955. Sau đó, thành phố khôi phục kinh tế!"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "TP. Hải Phòng được giải phóng ngày 13.5.1955.",
        "Sau đó, thành phố khôi phục kinh tế!",
    ]


def test_chunks_keep_sections_pages_and_overlap():
    sentences = [f"Câu số {i} nói về sự kiện năm {1950 + i}." for i in range(40)]
    blocks = [Block("Chương I. Khởi đầu", page=1)]
    blocks += [Block(s, page=1 + i // 10) for i, s in enumerate(sentences)]
    blocks += [Block("Chương II. Tiếp nối", page=5), Block("Một câu ngắn.", page=5)]
    root, nodes = build_tree(blocks)
    chunks = chunk_tree(root, nodes, target_chars=300, overlap_sentences=1)
    first_chapter = [c for c in chunks if c.heading_path == ("Chương I. Khởi đầu",)]
    assert len(first_chapter) >= 4
    assert all(len(c.text) <= 360 for c in first_chapter)
    last_sentence = first_chapter[0].text.split("\n")[-1]
    assert first_chapter[1].text.startswith(last_sentence)
    assert first_chapter[0].page_start == 1
    assert first_chapter[-1].page_end == 4
    assert any(c.page_start != c.page_end for c in first_chapter)
    assert chunks[-1].heading_path == ("Chương II. Tiếp nối",)
    assert chunks[-1].page_start == 5
    assert "Câu số 39" not in chunks[-1].text


def test_pdf_lines_are_joined_into_sentences_across_pages():
    blocks = [
        Block("Chương I. Mở đầu", page=7),
        Block("Đảng bộ thành phố được thành lập", page=7),
        Block("vào tháng 8 năm 1929 tại Hải Phòng.", page=8),
    ]
    root, nodes = build_tree(blocks)
    (chunk,) = chunk_tree(root, nodes, line_mode=True)
    assert chunk.text == "Đảng bộ thành phố được thành lập vào tháng 8 năm 1929 tại Hải Phòng."
    assert (chunk.page_start, chunk.page_end) == (7, 8)
