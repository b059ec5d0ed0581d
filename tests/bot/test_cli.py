import io
import json
import sys

import pytest

from bot.cli.main import main
from tests.conftest import SAMPLE_DOCX
from tests.render import docx_to_pdf, page_of

pytestmark = pytest.mark.slow


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def sample_pdf(data_dir):
    pdf = data_dir / "hai-phong.pdf"
    return pdf, docx_to_pdf(SAMPLE_DOCX, pdf, first_page=9)


def test_ingest_then_ask_gives_the_sentence_with_its_printed_page(capsys, sample_pdf):
    pdf, pages = sample_pdf
    code, out, _ = run(capsys, "ingest", str(pdf))
    assert code == 0
    assert "Đã nạp: Lịch sử Đảng bộ thành phố Hải Phòng (bản mẫu)" in out
    assert "Đã xây dựng chỉ mục" in out
    code, out, _ = run(capsys, "ask", "--json", "Hải Phòng được giải phóng ngày nào?")
    answer = json.loads(out)
    assert answer["refused"] is False
    assert answer["question_type"] == "date"
    assert "13 tháng 5 năm 1955" in answer["answer"]
    assert answer["answer"] in answer["passage"]
    printed = page_of(pages, answer["answer"][:40], first_page=9)
    assert printed is not None
    assert answer["pages"][0] <= printed <= answer["pages"][1]
    assert f"tr. {answer['pages'][0]}" in answer["citation"]


def test_questions_without_diacritics_find_the_same_answer(capsys, sample_pdf):
    run(capsys, "ingest", str(sample_pdf[0]))
    _, out, _ = run(capsys, "ask", "--json", "ai la bi thu dau tien cua thanh uy hai phong")
    answer = json.loads(out)
    assert answer["refused"] is False
    assert "Nguyễn Đức Cảnh" in answer["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Giá vàng hôm nay bao nhiêu một chỉ?",
        "Giá vàng hôm nay?",
        "Cách nấu phở bò?",
        "Thời tiết Hà Nội ngày mai thế nào?",
    ],
)
def test_off_topic_question_is_refused(capsys, sample_pdf, question):
    run(capsys, "ingest", str(sample_pdf[0]))
    code, out, _ = run(capsys, "ask", question)
    assert code == 0
    assert out.startswith("Sách chưa đề cập")


def test_reingest_is_a_no_op_and_remove_updates_the_index(capsys, sample_pdf):
    pdf = sample_pdf[0]
    run(capsys, "ingest", str(pdf))
    code, out, _ = run(capsys, "ingest", str(pdf))
    assert code == 0
    assert "Không thay đổi" in out
    assert "Chỉ mục đã cập nhật sẵn" in out
    code, out, _ = run(capsys, "books")
    assert "Lịch sử Đảng bộ thành phố Hải Phòng (bản mẫu)" in out
    code, out, _ = run(capsys, "books", "remove", pdf.name)
    assert code == 0
    assert "Đã xóa sách" in out
    assert "0 đoạn" in out
    _, out, _ = run(capsys, "books")
    assert "Thư viện chưa có cuốn sách nào" in out


def test_demo_answers_the_sample_question_without_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "Câu hỏi mẫu: Đảng bộ thành phố Hải Phòng được thành lập khi nào?" in out
    assert "1930" in out
    assert "📖 Nguồn: Lịch sử Đảng bộ thành phố Hải Phòng (bản mẫu)" in out


def test_chat_reads_questions_until_the_exit_word(capsys, monkeypatch, sample_pdf):
    run(capsys, "ingest", str(sample_pdf[0]))
    lines = iter(["dang bo hai phong thanh lap nam nao", "/thoat"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    code, out, _ = run(capsys, "chat")
    assert code == 0
    assert "1930" in out
    assert out.rstrip().endswith("Tạm biệt!")


def test_ask_reads_one_question_per_line_and_completes_follow_ups(capsys, monkeypatch):
    run(capsys, "ingest", str(SAMPLE_DOCX))
    congress = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
    _, single, _ = run(capsys, "ask", "--json", congress)
    lines = [congress, "có bao nhiêu đại biểu?", "", "có bao nhiêu đại biểu?", "còn lần sau?"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run(capsys, "ask", "--json", "-")
    assert code == 0
    first, follow_up, fresh, last = [json.loads(line) for line in out.splitlines()]
    single_fields = json.loads(single)
    assert single_fields["question_id"] < first["question_id"] < follow_up["question_id"]
    assert {**first, "question_id": 0} == {**single_fields, "question_id": 0}
    assert set(follow_up) == set(first)
    assert first["understood"] is None
    assert follow_up["question"] == "có bao nhiêu đại biểu?"
    assert follow_up["understood"] == (
        "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?"
    )
    assert "350 đại biểu" in follow_up["answer"]
    assert fresh["understood"] is None
    assert last["understood"] is None


def test_several_web_workers_on_sqlite_are_refused_with_the_reason(capsys):
    code, _, err = run(capsys, "web", "--workers", "2")
    assert code == 1
    assert "PostgreSQL" in err
    assert "--workers 1" in err
