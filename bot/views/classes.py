"""How classes look in Telegram: a teacher's classes and class card, the assignment steps and
results; a student's open assignments; the posts in a class's group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot import texts
from bot.callbacks import ClassStep
from bot.views.reply import Button, Reply, escape, shorten
from knowledge.clock import LOCAL_TZ
from quizzes.classes.assignments import AssignmentResults, AssignmentView
from quizzes.classes.roster import JOIN_PREFIX, ClassView
from quizzes.practice import ChapterChoice

COUNTS = (5, 10, 15, 20)
DAYS = (1, 3, 7, 14)
STUDENTS_SHOWN = 40
MISSED_SHOWN = 5
LABEL_CHARS = 60


def local(at: datetime) -> str:
    """A time as Vietnamese readers write it: "17:00 12/5/2025"."""
    shown = at.astimezone(LOCAL_TZ)
    return f"{shown:%H:%M} {shown.day}/{shown.month}/{shown.year}"


def join_link(bot_username: str, code: str) -> str:
    """The t.me link that puts a student in the class."""
    return f"https://t.me/{bot_username}?start={JOIN_PREFIX}{code}"


def render_classes(classes: Sequence[ClassView]) -> Reply:
    """A teacher's classes, one button each."""
    if not classes:
        return Reply(texts.CLASS_NONE)
    rows = [
        [Button(texts.CLASS_BUTTON.format(name=c.name, members=c.members),
                ClassStep("card", c.id).pack())]
        for c in classes
    ]  # fmt: skip
    return Reply(texts.CLASS_LIST, rows)


@dataclass(frozen=True)
class ClassCard:
    """A class, its assignments with how many handed each in, and the chapters the class gets
    wrong most: (chapter, wrong answers, answers)."""

    found: ClassView
    given: Sequence[tuple[AssignmentView, int]]
    chapters: Sequence[tuple[str, int, int]]


def render_card(card: ClassCard, bot_username: str) -> Reply:
    """A class: members, its join link, its group, its assignments with how many handed in,
    and the chapters it gets wrong most."""
    found, given = card.found, card.given
    lines = [
        texts.CLASS_ASSIGNMENT_LINE.format(
            id=a.id, title=escape(a.title), window=local(a.closes_at), done=done,
            members=found.members,
        )
        for a, done in given
    ]  # fmt: skip
    group = (
        texts.CLASS_GROUP_TIED
        if found.group_chat_id is not None
        else texts.CLASS_GROUP_HOW.format(code=found.join_code)
    )
    html = texts.CLASS_CARD.format(
        name=escape(found.name),
        members=found.members,
        link=join_link(bot_username, found.join_code),
        group=group,
        assignments="\n".join(lines) or texts.CLASS_NO_ASSIGNMENTS,
    )
    weak = [
        texts.CLASS_CHAPTER_LINE.format(
            chapter=escape(chapter), wrong=wrong, answered=total, share=100 * wrong / total
        )
        for chapter, wrong, total in card.chapters[:MISSED_SHOWN]
        if wrong
    ]
    if weak:
        html += texts.CLASS_CHAPTERS.format(lines="\n".join(weak))
    results = [
        Button(texts.BTN_CLASS_RESULTS.format(id=a.id), ClassStep("res", found.id, a.id).pack())
        for a, _ in given[:8]
    ]
    rows = [
        [
            Button(texts.BTN_CLASS_GIVE, ClassStep("give", found.id).pack()),
            Button(texts.BTN_CLASS_XLSX, ClassStep("xlsx", found.id).pack()),
        ],
        [Button(texts.BTN_CLASS_CERTIFICATES, ClassStep("cert", found.id).pack())],
        *[results[i : i + 4] for i in range(0, len(results), 4)],
    ]
    return Reply(html, rows)


def render_chapters(class_id: int, chapters: Sequence[ChapterChoice]) -> Reply:
    """The chapter step of setting an assignment."""
    if not chapters:
        return Reply(texts.CLASS_NO_CHAPTERS)
    rows = [
        [Button(shorten(f"{c.chapter} ({c.count})", LABEL_CHARS),
                ClassStep("ch", class_id, c.key).pack())]
        for c in chapters
    ]  # fmt: skip
    return Reply(texts.CLASS_PICK_CHAPTER, rows)


def render_counts(class_id: int, chapter: ChapterChoice) -> Reply:
    """The question-count step."""
    buttons = [
        Button(
            texts.BTN_CLASS_COUNT.format(count=n), ClassStep("n", class_id, chapter.key, n).pack()
        )
        for n in COUNTS
        if n <= max(chapter.count, COUNTS[0])
    ]
    html = texts.CLASS_PICK_COUNT.format(chapter=escape(chapter.chapter), have=chapter.count)
    return Reply(html, [buttons])


def render_days(class_id: int, chapter: ChapterChoice, count: int) -> Reply:
    """The opening and deadline step: open now (top row) or at 07:00 tomorrow (bottom row),
    for so many days."""
    rows = [
        [
            Button(
                label.format(days=d), ClassStep("d", class_id, chapter.key, count, d, later).pack()
            )
            for d in DAYS
        ]
        for label, later in ((texts.BTN_CLASS_DAYS, False), (texts.BTN_CLASS_DAYS_LATER, True))
    ]
    html = texts.CLASS_PICK_DAYS.format(chapter=escape(chapter.chapter), count=count)
    return Reply(html, rows)


def _missed(found: AssignmentResults) -> str:
    lines = [
        texts.CLASS_MISSED_LINE.format(
            text=escape(shorten(m.text, 90)), wrong=m.wrong, answered=m.answered
        )
        for m in found.missed[:MISSED_SHOWN]
    ]
    return "\n".join(lines) or texts.CLASS_MISSED_NONE


def _average(found: AssignmentResults) -> str:
    if found.average is None:
        return ""
    return texts.CLASS_AVERAGE.format(average=found.average, total=found.assignment.questions)


def render_results(found: AssignmentResults) -> Reply:
    """An assignment's results for its teacher: who handed in, scores, the worst questions."""
    a = found.assignment
    students = []
    for row in found.students[:STUDENTS_SHOWN]:
        name = escape(row.name)
        if row.finished:
            line = texts.CLASS_STUDENT_DONE.format(name=name, score=row.score, total=a.questions)
        elif row.started:
            line = texts.CLASS_STUDENT_STARTED.format(name=name)
        else:
            line = texts.CLASS_STUDENT_NOT.format(name=name)
        students.append(line)
    html = texts.CLASS_RESULTS.format(
        id=a.id, title=escape(a.title), name=escape(a.class_name), closes=local(a.closes_at),
        done=found.finished, members=len(found.students), average=_average(found),
        students="\n".join(students), missed=_missed(found),
    )  # fmt: skip
    rows = [
        [
            Button(texts.BTN_CLASS_SHEET, ClassStep("sheet", a.class_id, a.id).pack()),
            Button(texts.BTN_CLASS_REFRESH, ClassStep("res", a.class_id, a.id).pack()),
        ],
        [Button(texts.BTN_CLASS_BACK, ClassStep("card", a.class_id).pack())],
    ]
    return Reply(html, rows)


def render_group_results(found: AssignmentResults) -> str:
    """The results post in the class's group (no names: counts, average, worst questions)."""
    a = found.assignment
    return texts.GROUP_RESULTS.format(
        name=escape(a.class_name), title=escape(a.title), done=found.finished,
        members=len(found.students), average=_average(found), missed=_missed(found),
    )  # fmt: skip


def render_student(open_work: Sequence[tuple[AssignmentView, bool]]) -> Reply:
    """A student's open assignments: one button each (done ones marked)."""
    if not open_work:
        return Reply(texts.STUDENT_NONE)
    rows = []
    for a, finished in open_work:
        template = texts.BTN_STUDENT_DONE if finished else texts.BTN_STUDENT_DO
        label = shorten(template.format(title=a.title, closes=local(a.closes_at)), LABEL_CHARS)
        rows.append([Button(label, ClassStep("do", a.class_id, a.id).pack())])
    return Reply(texts.STUDENT_LIST, rows)
