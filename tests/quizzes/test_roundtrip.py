import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from knowledge.normalize import normalize_text
from quizzes.bank.export import SHEET, export_xlsx
from quizzes.bank.importers import import_file
from quizzes.bank.store import list_questions, to_draft
from tests.quizzes.files import Q, write_aiken, write_csv, write_docx, write_text, write_xlsx

MCQ = Path("/work/shared/eval/quiz/mcq.jsonl")
WRITERS = {
    "xlsx": write_xlsx,
    "csv": write_csv,
    "txt": write_text,
    "aiken": write_aiken,
    "docx": write_docx,
}


@pytest.fixture(scope="module")
def shared_bank() -> list[dict]:
    if not MCQ.is_file():
        pytest.skip(f"shared quiz set {MCQ} is absent (internal test data, not in the repo)")
    return [json.loads(line) for line in MCQ.read_text(encoding="utf-8").splitlines() if line]


def _content(session):
    return {
        (d.text, d.options, d.correct, d.fixed_order)
        for d in (to_draft(q) for q in list_questions(session))
    }


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_shared_bank_round_trips_without_loss(
    session, other_session, tmp_path, shared_bank, suffix
):
    questions = [Q(r["question"], r["options"], [r["correct_index"]]) for r in shared_bank]
    source = WRITERS[suffix](tmp_path / f"mcq.{suffix}", questions)
    first = import_file(session, source)
    assert [(e.row, e.reason) for e in first.skipped] == []
    assert len(first.imported) == len(shared_bank)
    stored = list_questions(session)
    disagreements = []
    by_text = {(q.text, tuple(o.text for o in q.options)): q for q in stored}
    for record in shared_bank:
        key = (normalize_text(record["question"]), tuple(map(normalize_text, record["options"])))
        question = by_text[key]
        assert question.correct_positions == (record["correct_index"],)
        if question.fixed_order != record["refers_to_other_options"]:
            disagreements.append(record["options"][-1])
    # The shared flag is a looser heuristic: this option is a slogan, not a reference.
    assert disagreements == ["Tất cả để phục vụ: làm theo năng lực hưởng theo nhu cầu"]

    exported = export_xlsx(session, tmp_path / "export.xlsx")
    assert exported == len(shared_bank)
    second = import_file(other_session, tmp_path / "export.xlsx")
    assert second.skipped == ()
    assert _content(other_session) == _content(session)
    assert len(import_file(other_session, tmp_path / "export.xlsx").skipped) == exported


def test_formula_like_question_text_from_an_imported_file_is_exported_as_text(
    session, other_session, tmp_path
):
    hostile = Q(
        '=HYPERLINK("http://evil.example","Bấm vào đây")',
        ["+1+2", "-2+3", "@SUM(A1:A9)", "Chuông\x07 reo"],
        [0],
        explanation="=1+1",
    )
    assert import_file(session, write_csv(tmp_path / "editor.csv", [hostile])).skipped == ()
    assert export_xlsx(session, tmp_path / "export.xlsx") == 1
    sheet = load_workbook(tmp_path / "export.xlsx")[SHEET]
    row = {sheet.cell(1, c.column).value: c for c in sheet[2]}
    formula_like = [row["Câu hỏi"], *(row[f"Đáp án {x}"] for x in "ABC"), row["Giải thích"]]
    assert [c.value for c in formula_like] == [hostile.text, *hostile.options[:3], "=1+1"]
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)
    assert row["Đáp án D"].value == "Chuông reo"
    # What the export wrote imports back as the same question.
    assert import_file(other_session, tmp_path / "export.xlsx").skipped == ()
    (back,) = list_questions(other_session)
    assert (back.text, [o.text for o in back.options][:3]) == (hostile.text, hostile.options[:3])
