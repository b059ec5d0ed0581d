"""The answerer's fitting questions (bench/data/booklet_questions.jsonl) are well formed."""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from index.text import has_diacritics

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = REPO / "bench" / "data" / "booklet_questions.jsonl"
BOOKS = REPO / "knowledge" / "books"
SHARED_EVAL = REPO.parent / "shared" / "eval" / "retrieval"
STEMS = ("hai-phong", "don-duong-lam-dong")
ADVERSARIAL = re.compile(r"^(hp|dd)-x\d{3}$")
OUTSIDE = re.compile(r"^out-\d{3}$")


def _rows() -> list[dict]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _chapters(stem: str) -> dict[str, str]:
    """Each top-level heading of a booklet with the text under it."""
    chapters: dict[str, list[str]] = {}
    current = ""
    for paragraph in Document(str(BOOKS / f"{stem}.docx")).paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
        chapters.setdefault(current, []).append(unicodedata.normalize("NFC", paragraph.text))
    return {heading: "\n".join(texts) for heading, texts in chapters.items()}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows()


@pytest.fixture(scope="module")
def chapters() -> dict[str, dict[str, str]]:
    return {stem: _chapters(stem) for stem in STEMS}


def test_rows_have_the_documented_fields(rows):
    for row in rows:
        assert row["book"] in STEMS, row["id"]
        assert row["question"], row["id"]
        assert row["question"] == row["question"].strip(), row["id"]
        if row.get("unanswerable"):
            assert set(row) == {"id", "question", "unanswerable", "book"}, row["id"]
        else:
            assert set(row) == {"id", "question", "answers", "book"}, row["id"]
            assert row["answers"], row["id"]


def test_ids_and_questions_are_unique(rows):
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["question"].lower() for row in rows}) == len(rows)


def test_counts(rows):
    answerable = [row for row in rows if not row.get("unanswerable")]
    unanswerable = [row for row in rows if row.get("unanswerable")]
    assert len(answerable) >= 200
    assert len(unanswerable) >= 100
    assert sum(bool(ADVERSARIAL.match(row["id"])) for row in unanswerable) >= 50
    assert sum(bool(OUTSIDE.match(row["id"])) for row in unanswerable) >= 50
    plain = sum(not has_diacritics(row["question"]) for row in answerable) / len(answerable)
    assert 0.2 <= plain <= 0.35


def test_every_answer_is_verbatim_in_its_booklet(rows, chapters):
    for row in rows:
        text = "\n".join(chapters[row["book"]].values())
        for answer in row.get("answers", []):
            assert answer in text, (row["id"], answer)


def test_every_chapter_of_both_booklets_has_questions(rows, chapters):
    covered: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for heading, text in chapters[row["book"]].items():
            if any(answer in text for answer in row.get("answers", [])):
                covered[row["book"], heading] += 1
    for stem, by_heading in chapters.items():
        for heading in by_heading:
            if heading.startswith("Chương"):
                assert covered[stem, heading] >= 5, (stem, heading)


def test_no_question_comes_from_the_shared_eval_set(rows):
    files = [SHARED_EVAL / "questions_dev.jsonl", SHARED_EVAL / "unanswerable_dev.jsonl"]
    if not all(path.is_file() for path in files):
        pytest.skip("shared eval set not present")
    shared = {
        json.loads(line)["question"].strip().lower()
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert not shared & {row["question"].lower() for row in rows}
