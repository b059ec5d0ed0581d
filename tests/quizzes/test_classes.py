"""Classes: teacher codes, joining by link, a chapter assignment done by several students with
the practice engine, the teacher's results, reminders, and the printed worksheet."""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from knowledge import Chunk, KnowledgeSettings, ingest_file
from quizzes.classes import assignments, roster
from quizzes.classes.errors import (
    AssignmentClosed,
    AssignmentNotFound,
    ClassNotFound,
    NotATeacher,
    NotEnoughQuestions,
)
from quizzes.classes.worksheet import to_docx, to_pdf, worksheet
from quizzes.practice import answer_delivery, mark_sent
from quizzes.practice.flow import ShownQuestion
from testkit.contests import START, FixedClock, make_chapter_bank
from tests.conftest import SAMPLE_DOCX

ADMIN, TEACHER = 1, 2
STUDENTS = {11: "Nguyễn Văn An", 12: "Trần Thị Bình", 13: "Lê Văn Cường", 14: "Phạm Thị Dung"}
CHAPTER = "Chương I"


def _bank(session) -> None:
    ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    chunk = session.scalars(select(Chunk).where(Chunk.text.contains("1930"))).first()
    sentence = "Tháng 4 năm 1930, Thành ủy lâm thời được thành lập."
    make_chapter_bank(session, CHAPTER, 8, ("1930", "1945", "1954", "1975"), chunk.key, sentence)


def _do(session, clock, user, assignment_id, right: set[int]) -> int:
    """Answers every question: right for the question numbers in ``right``."""
    shown = assignments.start_work(session, user, assignment_id, random.Random(user), clock)
    polls = 0
    while isinstance(shown, ShownQuestion):
        polls += 1
        delivery = f"poll-{user}-{polls}"
        mark_sent(session, shown, delivery, user, clock)
        correct = shown.correct[0]
        chosen = correct if shown.number in right else (correct + 1) % len(shown.options)
        answered = answer_delivery(session, delivery, user, [chosen], clock)
        assert answered is not None
        shown = answered.next
    return polls


@pytest.fixture
def setup(session):
    _bank(session)
    clock = FixedClock(START)
    roster.add_teacher(session, ADMIN, "Quản trị", ADMIN)
    code = roster.teacher_code(session, ADMIN, clock.now())
    assert roster.redeem_teacher_code(session, TEACHER, "Cô Hạnh", code, clock.now())
    assert not roster.redeem_teacher_code(session, 99, "Ai đó", code, clock.now())  # one-time
    school_class = roster.create_class(session, TEACHER, "  Lớp  Trung cấp LLCT K12  ")
    for user, name in STUDENTS.items():
        roster.join(session, school_class.join_code, user, name)
    return clock, school_class


def test_only_teachers_make_classes_and_codes_expire(session):
    clock = FixedClock(START)
    with pytest.raises(NotATeacher):
        roster.create_class(session, 5, "Lớp A")
    code = roster.teacher_code(session, ADMIN, clock.now())
    late = clock.now() + timedelta(days=8)
    assert not roster.redeem_teacher_code(session, 5, "Thầy Nam", code, late)
    assert roster.redeem_teacher_code(session, 5, "Thầy Nam", code.upper(), clock.now())
    created = roster.create_class(session, 5, "Lớp A")
    assert roster.join_code_of(f"lop_{created.join_code}") == created.join_code
    assert roster.join_code_of("lop_'; drop table") is None
    _, new = roster.join(session, created.join_code, 20, "Học viên")
    _, again = roster.join(session, created.join_code, 20, "Học viên")
    assert new
    assert not again
    assert roster.teacher_class(session, 5, created.id).members == 1
    with pytest.raises(ClassNotFound):
        roster.teacher_class(session, 6, created.id)
    with pytest.raises(ClassNotFound):
        roster.join(session, "zzzzzzzz", 21, "Ai đó")


def test_an_assignment_done_by_several_students_gives_the_teacher_scores_and_mistakes(
    session, setup
):
    clock, school_class = setup
    with pytest.raises(NotEnoughQuestions):
        assignments.create_assignment(
            session, TEACHER, school_class.id, "Chương IX", 5, clock.now(),
            clock.now() + timedelta(days=3), random.Random(1),
        )  # fmt: skip
    given = assignments.create_assignment(
        session, TEACHER, school_class.id, CHAPTER, 5, clock.now(),
        clock.now() + timedelta(days=3), random.Random(1),
    )  # fmt: skip
    assert given.questions == 5
    assert given.title == "Chương I – 5 câu"
    assert _do(session, clock, 11, given.id, right={1, 2, 3, 4, 5}) == 5
    assert _do(session, clock, 12, given.id, right={1, 2, 3}) == 5
    assert _do(session, clock, 13, given.id, right=set()) == 5
    done = assignments.start_work(session, 11, given.id, random.Random(0), clock)
    assert done == assignments.Done(5, 5)  # once only
    shown = assignments.start_work(session, 14, given.id, random.Random(14), clock)
    assert isinstance(shown, ShownQuestion)  # Dung started, answered nothing
    with pytest.raises(AssignmentNotFound):
        assignments.start_work(session, 77, given.id, random.Random(0), clock)  # not in class

    found = assignments.results(session, TEACHER, given.id)
    by_name = {s.name: s for s in found.students}
    assert by_name["Nguyễn Văn An"].score == 5
    assert by_name["Trần Thị Bình"].score == 3
    assert by_name["Lê Văn Cường"].score == 0
    assert by_name["Phạm Thị Dung"].started
    assert not by_name["Phạm Thị Dung"].finished
    assert found.finished == 3
    assert assignments.handed_in(session, school_class.id) == {given.id: 3}  # Dung has not
    assert found.average == pytest.approx(8 / 3)
    worst = found.missed[0]
    assert worst.wrong / worst.answered == 1 or worst.wrong == 2
    assert sum(m.wrong for m in found.missed) == 0 + 2 + 5
    with pytest.raises(ClassNotFound):
        assignments.results(session, 99, given.id)

    book = load_workbook(io.BytesIO(assignments.class_workbook(session, TEACHER, school_class.id)))
    assert book.sheetnames == ["Điểm", "Câu sai nhiều", "Theo chương"]
    scores = list(book["Điểm"].iter_rows(values_only=True))
    assert ("Chương I – 5 câu", "Trần Thị Bình", "Đã nộp", 3, 5) in scores
    assert ("Chương I – 5 câu", "Phạm Thị Dung", "Đang làm", None, 5) in scores
    chapters = list(book["Theo chương"].iter_rows(values_only=True))
    assert chapters[1][:3] == (CHAPTER, 7, 15)

    clock.advance(days=2, hours=1)  # within a day of closing
    (reminder,) = assignments.reminders_due(session, clock.now())
    assert reminder[0].id == given.id
    assert sorted(reminder[1]) == [14]  # only the one who has not finished
    assignments.mark_reminded(session, given.id, clock.now())
    assert assignments.reminders_due(session, clock.now()) == []
    clock.advance(days=1)
    with pytest.raises(AssignmentClosed):
        assignments.start_work(session, 14, given.id, random.Random(0), clock)


def test_the_worksheet_prints_questions_then_a_key_with_citations(session, setup):
    clock, school_class = setup
    given = assignments.create_assignment(
        session, TEACHER, school_class.id, CHAPTER, 4, clock.now(),
        clock.now() + timedelta(days=3), random.Random(2),
    )  # fmt: skip
    sheet = worksheet(session, TEACHER, given)
    assert len(sheet.questions) == 4
    pdf = PdfReader(io.BytesIO(to_pdf(sheet)))
    assert len(pdf.pages) >= 2
    first = pdf.pages[0].extract_text()
    assert "PHIẾU BÀI TẬP" in first
    assert "Câu 1." in first
    assert "A. 1930" in first
    assert "ĐÁP ÁN" not in first  # the key is on a page of its own
    key = "\n".join(page.extract_text() for page in pdf.pages[1:])
    assert "ĐÁP ÁN" in key
    assert "Lịch sử Đảng bộ thành phố Hải Phòng" in key
    assert "tr. " in key
    for question in sheet.questions:
        assert f"Câu {question.number}: {question.correct[0]}" in key
    document = Document(io.BytesIO(to_docx(sheet)))
    text = [p.text for p in document.paragraphs]
    assert text.index(f"ĐÁP ÁN – {given.title}") > text.index("Câu 4. " + sheet.questions[3].text)
    assert any(t.startswith("Nguồn: Lịch sử Đảng bộ") for t in text)
    assert any('w:type="page"' in p._p.xml for p in document.paragraphs)


def test_formula_like_student_names_are_written_to_the_results_workbook_as_text(session, setup):
    clock, school_class = setup
    hostile = {
        21: '=HYPERLINK("http://evil.example","Bấm vào đây")',
        22: "+84 912 345 678",
        23: "-Nam",
        24: "@admin",
    }
    for user, name in hostile.items():
        roster.join(session, school_class.join_code, user, name)
    roster.join(session, school_class.join_code, 25, "Chuông\x07 Reo")
    assignments.create_assignment(
        session, TEACHER, school_class.id, CHAPTER, 5, clock.now(),
        clock.now() + timedelta(days=3), random.Random(1),
    )  # fmt: skip
    book = load_workbook(io.BytesIO(assignments.class_workbook(session, TEACHER, school_class.id)))
    names = {row[1].value: row[1] for row in book["Điểm"].iter_rows(min_row=2)}
    for name in hostile.values():
        assert names[name].data_type == "s"
        assert names[name].quotePrefix
    assert "Chuông Reo" in names
