import unicodedata

import pytest
from openpyxl import Workbook

from quizzes.bank.importers import import_file, read_file
from quizzes.bank.store import list_questions
from quizzes.errors import (
    EmptyQuizFile,
    NotADocument,
    NotASpreadsheet,
    OversizedQuizFile,
    SheetNotFound,
    UnreadableEncoding,
)
from tests.builders import add_bomb
from tests.quizzes.files import (
    Q,
    header,
    write_aiken,
    write_csv,
    write_docx,
    write_text,
    write_xlsx,
)

GOOD = [
    Q("Đảng Cộng sản Việt Nam ra đời năm nào?", ["1925", "1930", "1945", "1954"], [1],
      explanation="Hội nghị hợp nhất đầu năm 1930.", chapter="Chương I"),
    Q("Những sự kiện nào diễn ra năm 1945?", ["Cách mạng Tháng Tám", "Đại hội II",
      "Tuyên ngôn độc lập", "Chiến thắng Điện Biên Phủ"], [0, 2]),
    Q("Chi bộ đầu tiên ở Đà Lạt có mấy đảng viên?", ["3", "5", "11"], [0]),
]  # fmt: skip

WRITERS = {
    "xlsx": write_xlsx,
    "csv": write_csv,
    "txt": write_text,
    "aiken": write_aiken,
    "docx": write_docx,
}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_each_format_imports_every_question(session, tmp_path, suffix):
    path = WRITERS[suffix](tmp_path / f"bank.{suffix}", GOOD)
    report = import_file(session, path)
    assert report.skipped == ()
    stored = list_questions(session)
    assert [q.text for q in stored] == [q.text for q in GOOD]
    assert [q.correct_positions for q in stored] == [tuple(q.correct) for q in GOOD]
    assert [[o.text for o in q.options] for q in stored] == [list(q.options) for q in GOOD]
    assert stored[1].is_multi_answer
    assert stored[1].is_right({0, 2})
    assert not stored[1].is_right({0})
    assert all(q.status == "approved" and q.origin == "import" for q in stored)
    assert stored[0].origin_file == path.name


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_reimport_is_idempotent(session, tmp_path, suffix):
    path = WRITERS[suffix](tmp_path / f"bank.{suffix}", GOOD)
    assert len(import_file(session, path).imported) == 3
    again = import_file(session, path)
    assert again.imported == ()
    assert [e.reason for e in again.skipped] == ["trùng với câu hỏi đã có"] * 3
    assert len(list_questions(session)) == 3


BAD = [
    Q("Câu thiếu đáp án?", ["X", "Y"], []),
    Q("Câu có đáp án lạ?", ["X", "Y", "Z"], [5]),
    Q("Câu chỉ một phương án?", ["X"], [0]),
    Q("Câu bảy phương án?", ["1", "2", "3", "4", "5", "6", "7"], [0]),
    Q("", ["X", "Y"], [0]),
]


def _bad_rows_table():
    rows = [header(7)]
    for q in BAD:
        options = [*q.options, *[""] * (7 - len(q.options))]
        answer = ", ".join("ABCDEFG"[i] for i in q.correct)
        rows.append(["", q.text, *options, answer, "", ""])
    rows.append(["", GOOD[0].text, *GOOD[0].options, "", "", "", "B", "", ""])
    rows.append(["", GOOD[0].text, *GOOD[0].options, "", "", "", "B", "", ""])
    return rows


def test_bad_rows_are_skipped_with_reasons(session, tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Câu hỏi"
    for row in _bad_rows_table():
        ws.append(row)
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    report = import_file(session, path)
    assert [i.row for i in report.imported] == [7]
    assert [(e.row, e.reason) for e in report.skipped] == [
        (2, "thiếu đáp án đúng"),
        (3, "đáp án đúng “F” không ứng với phương án nào"),
        (4, "chỉ có 1 phương án, cần ít nhất 2"),
        (5, "có 7 phương án, nhiều nhất là 6"),
        (6, "câu hỏi trống"),
        (8, "trùng với câu ở dòng 7 của tệp"),
    ]
    assert report.as_json()["skipped"] == 6
    assert len(list_questions(session)) == 1


def test_bad_blocks_in_text_are_skipped(session, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(
        "Câu 1: Không có đáp án?\nA. X\nB. Y\n\n"
        "Câu 2: Đáp án lạ?\nA. X\nB. Y\nĐáp án: E\n\n"
        "Câu 3: Một phương án?\nA. X\nĐáp án: A\n\n"
        "Câu 4:\nA. X\nB. Y\nĐáp án: A\n\n"
        "Câu 5: Tốt?\na) X\nb) Y\n*c) Z\n",
        encoding="utf-8",
    )
    report = import_file(session, path)
    assert report.unit == "question"
    assert [(e.row, e.reason) for e in report.skipped] == [
        (1, "thiếu đáp án đúng"),
        (2, "đáp án đúng “E” không ứng với phương án nào"),
        (3, "chỉ có 1 phương án, cần ít nhất 2"),
        (4, "câu hỏi trống"),
    ]
    [stored] = list_questions(session)
    assert stored.correct_positions == (2,)
    assert [o.text for o in stored.options] == ["X", "Y", "Z"]


def test_multi_answer_line_and_inline_options(session, tmp_path):
    path = tmp_path / "inline.txt"
    path.write_text(
        "Câu 1. Những năm nào có Đại hội?\nA. 1951   B. 1952   C. 1960   D. 1961\n"
        "Đáp án: A, C\nGiải thích: Đại hội II và III.\nChủ đề: Đại hội\n",
        encoding="utf-8",
    )
    import_file(session, path)
    [stored] = list_questions(session)
    assert [o.text for o in stored.options] == ["1951", "1952", "1960", "1961"]
    assert stored.correct_positions == (0, 2)
    assert stored.explanation == "Đại hội II và III."
    assert stored.topic == "Đại hội"


def test_docx_underlined_answer_and_answer_line(session, tmp_path):
    path = write_docx(tmp_path / "u.docx", GOOD, mark="underline")
    import_file(session, path)
    assert [q.correct_positions for q in list_questions(session)] == [(1,), (0, 2), (0,)]


def test_nfd_text_and_stray_whitespace_are_normalised(session, tmp_path):
    nfd = [
        Q(unicodedata.normalize("NFD", "  Hội nghị   thành lập Đảng\thọp ở đâu? "),
          [unicodedata.normalize("NFD", " Hương Cảng "), "Hà Nội", "Sài Gòn"], [0]),
    ]  # fmt: skip
    import_file(session, write_csv(tmp_path / "nfd.csv", nfd))
    [stored] = list_questions(session)
    assert stored.text == "Hội nghị thành lập Đảng họp ở đâu?"
    assert stored.options[0].text == "Hương Cảng"
    again = import_file(session, write_xlsx(tmp_path / "nfc.xlsx", nfd))
    assert again.imported == ()


def test_merged_cells_fill_every_row_they_cover(session, tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws.append(header(4))
    ws.append(["Chương II", "", "", "", "", "", "", "", ""])
    ws.merge_cells("A2:I2")
    for q in GOOD[:2]:
        ws.append(["", q.text, *q.options, q.answer, "", ""])
    ws.append(["", "Câu hỏi thứ ba?", "1", "2", "3", "4", "A", "", "Chương III"])
    ws.append(["", "Câu hỏi thứ tư?", "5", "6", "7", "8", "C", "", ""])
    ws.merge_cells("I5:I6")
    ws.append(["", "Chọn hai?", "x", "y", "z", "t", "A, D", "", ""])
    ws.append(["", "Chọn hai nữa?", "u", "v", "w", "s", "", "", ""])
    ws.merge_cells("G7:G8")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    report = import_file(session, path)
    assert report.skipped == ()
    stored = list_questions(session)
    assert [q.chapter for q in stored] == [
        "Chương II", "Chương II", "Chương III", "Chương III", "Chương II", "Chương II",
    ]  # fmt: skip
    assert stored[-1].correct_positions == (0, 3)


def test_header_synonyms_and_option_text_answer(session, tmp_path):
    path = tmp_path / "syn.csv"
    path.write_text(
        "Nội dung câu hỏi;Phương án A;Phương án B;Phương án C;Đáp án;Mức độ;Chủ đề\n"
        "Ai là Tổng Bí thư đầu tiên?;Trần Phú;Lê Hồng Phong;Hà Huy Tập;Trần Phú;Dễ;Nhân vật\n",
        encoding="utf-8",
    )
    import_file(session, path)
    [stored] = list_questions(session)
    assert stored.correct_positions == (0,)
    assert (stored.difficulty, stored.topic) == ("Dễ", "Nhân vật")


def test_wrong_sheet_is_found_or_reported(session, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active.append(["Điền câu hỏi vào trang tính bên cạnh."])
    sheet = workbook.create_sheet("Đề 1")
    sheet.append(header(4))
    sheet.append(["1", GOOD[0].text, *GOOD[0].options, "B", "", ""])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    assert len(import_file(session, path).imported) == 1
    with pytest.raises(SheetNotFound, match="Đề 2"):
        read_file(path, sheet="Đề 2")
    with pytest.raises(SheetNotFound, match="dòng tiêu đề"):
        read_file(path, sheet="Hướng dẫn")


def test_file_level_errors_are_one_line(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(EmptyQuizFile, match="0 byte"):
        read_file(empty)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(NotASpreadsheet):
        read_file(fake)
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_text("not a document", encoding="utf-8")
    with pytest.raises(NotADocument):
        read_file(fake_docx)
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Câu hôi,Ðáp án A,Ðáp án B,Ðáp án\nX?,1,2,A\n".encode("latin-1"))
    with pytest.raises(UnreadableEncoding) as caught:
        read_file(legacy)
    assert "\n" not in str(caught.value)


def test_refers_to_other_options_is_flagged(session, tmp_path):
    questions = [
        Q("Câu có phương án gộp?", ["X", "Y", "Z", "Cả A, B và C"], [3]),
        Q("Câu có phương án tất cả?", ["X", "Y", "Tất cả các đáp án trên"], [2]),
        Q("Câu bình thường?", ["Cả nước", "Y", "Z"], [0]),
    ]
    import_file(session, write_aiken(tmp_path / "flags.aiken", questions))
    assert [q.fixed_order for q in list_questions(session)] == [True, True, False]


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_a_decompression_bomb_is_refused_before_parsing_and_nothing_is_stored(
    session, tmp_path, suffix
):
    import_file(session, WRITERS[suffix](tmp_path / f"good.{suffix}", GOOD))
    before = [q.text for q in list_questions(session)]
    bomb = add_bomb(WRITERS[suffix](tmp_path / f"bomb.{suffix}", GOOD[:1]))
    assert bomb.stat().st_size < 200_000  # a small upload …
    with pytest.raises(OversizedQuizFile) as caught:
        import_file(session, bomb)
    message = str(caught.value)  # … refused in Vietnamese, on one line
    assert message.startswith(f"bomb.{suffix}: tệp nén bất thường")
    assert "customXml/item9.xml bung ra gấp" in message  # the measurement, worded as for books
    assert "\n" not in message
    assert [q.text for q in list_questions(session)] == before
