import json
from pathlib import Path

import pytest

from knowledge.normalize import normalize_text
from quizzes.bank.export import export_xlsx
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
