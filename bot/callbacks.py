"""Typed callback data: small frozen dataclasses packed as "prefix:field:…" (at most 64 bytes)."""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Self

MAX_BYTES = 64
SEPARATOR = ":"


class CallbackDataError(ValueError):
    """Callback data that does not fit, or does not parse as the expected kind."""


@dataclass(frozen=True)
class CallbackData:
    """Base of every kind of button payload; subclasses set a unique ``prefix``."""

    prefix: ClassVar[str] = ""
    _kinds: ClassVar[dict[str, type[CallbackData]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.prefix in CallbackData._kinds or not cls.prefix or SEPARATOR in cls.prefix:
            raise TypeError(f"{cls.__name__}: prefix {cls.prefix!r} is empty, taken or invalid")
        CallbackData._kinds[cls.prefix] = cls

    def pack(self) -> str:
        """The string Telegram carries back when the button is pressed."""
        fields = []
        for value in dataclasses.astuple(self):
            text = str(int(value)) if isinstance(value, bool) else str(value)
            if SEPARATOR in text:
                raise CallbackDataError(f"{SEPARATOR!r} in a field of {self!r}")
            fields.append(text)
        data = SEPARATOR.join([self.prefix, *fields])
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise CallbackDataError(f"{data!r} is longer than {MAX_BYTES} bytes")
        return data

    @classmethod
    def matches(cls, data: object) -> bool:
        """True when ``data`` was packed by this class (used as a handler pattern)."""
        return isinstance(data, str) and data.split(SEPARATOR, 1)[0] == cls.prefix

    @classmethod
    def unpack(cls, data: str) -> Self:
        """Parses data packed by this class.

        Raises:
            CallbackDataError: Another kind, or fields that do not parse.
        """
        prefix, *raw = data.split(SEPARATOR)
        if prefix != cls.prefix:
            raise CallbackDataError(f"{data!r} is not {cls.__name__} data")
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        if len(raw) != len(fields):
            raise CallbackDataError(f"{data!r}: expected {len(fields)} field(s)")
        try:
            values = [_parse(hints[f.name], text) for f, text in zip(fields, raw, strict=True)]
        except ValueError as exc:
            raise CallbackDataError(f"{data!r}: {exc}") from exc
        return cls(*values)


def _parse(annotation: Any, text: str) -> Any:
    if annotation is bool:
        if text not in ("0", "1"):
            raise ValueError(f"{text!r} is not 0 or 1")
        return text == "1"
    if annotation is int:
        # Plain ASCII digits within a 64-bit column: "٣", "1_0" or 40 digits are no id.
        if not _INT.fullmatch(text) or not -(2**63) <= int(text) < 2**63:
            raise ValueError(f"{text!r} is not a number")
        return int(text)
    return text


_INT = re.compile(r"-?[0-9]{1,19}")


@dataclass(frozen=True)
class MenuChoice(CallbackData):
    """A main-menu item other than the table of contents ("ask")."""

    prefix: ClassVar[str] = "menu"
    item: str


@dataclass(frozen=True)
class ShowPassage(CallbackData):
    """Show the passage behind a recorded answer."""

    prefix: ClassVar[str] = "psg"
    question_id: int


@dataclass(frozen=True)
class Feedback(CallbackData):
    """A 👍 (good) or 👎 vote on a recorded answer."""

    prefix: ClassVar[str] = "fb"
    question_id: int
    good: bool


@dataclass(frozen=True)
class AskSuggested(CallbackData):
    """Ask a question suggested under an answer, named by its stored id."""

    prefix: ClassVar[str] = "sug"
    suggestion_id: int


@dataclass(frozen=True)
class Contents(CallbackData):
    """A level of the table of contents: all books (book 0), a book, or a section's children."""

    prefix: ClassVar[str] = "toc"
    book_id: int = 0
    section_id: int = 0


@dataclass(frozen=True)
class ReadSection(CallbackData):
    """One page of a section's text."""

    prefix: ClassVar[str] = "read"
    section_id: int
    page: int = 0


@dataclass(frozen=True)
class SearchPage(CallbackData):
    """One page of a recorded /timkiem search."""

    prefix: ClassVar[str] = "srch"
    search_id: int
    page: int = 0


@dataclass(frozen=True)
class ExportUnanswered(CallbackData):
    """Send the unanswered questions as an .xlsx file."""

    prefix: ClassVar[str] = "xlsx"


@dataclass(frozen=True)
class ContributeStart(CallbackData):
    """Start (or resume) contributing materials; campaign 0 means "the only open one"."""

    prefix: ClassVar[str] = "gtl"
    campaign_id: int = 0


@dataclass(frozen=True)
class ContributeUnit(CallbackData):
    """The unit the materials come from."""

    prefix: ClassVar[str] = "gtlu"
    unit_id: int


@dataclass(frozen=True)
class ContributeItem(CallbackData):
    """The requested item the materials answer."""

    prefix: ClassVar[str] = "gtli"
    item_id: int


@dataclass(frozen=True)
class ContributeStep(CallbackData):
    """A step of the draft: "files" done, "confirm" and submit, or "cancel"."""

    prefix: ClassVar[str] = "gtls"
    contribution_id: int
    action: str


@dataclass(frozen=True)
class ReviewAction(CallbackData):
    """An editor's decision on a contribution: approve, reject, more, keep, or next."""

    prefix: ClassVar[str] = "dtl"
    contribution_id: int
    action: str


@dataclass(frozen=True)
class ToLibrary(CallbackData):
    """Send an approved text document into the knowledge base."""

    prefix: ClassVar[str] = "dtlb"
    file_id: int


@dataclass(frozen=True)
class PracticeMenu(CallbackData):
    """Show the chapters to practise."""

    prefix: ClassVar[str] = "ltm"


@dataclass(frozen=True)
class PracticeStart(CallbackData):
    """Start practising a chapter, named by its key question's id (0: any chapter)."""

    prefix: ClassVar[str] = "lts"
    chapter_key: int = 0


@dataclass(frozen=True)
class QuestionReview(CallbackData):
    """An admin's action on a draft question: "approve", "reject", "edit" or "skip"."""

    prefix: ClassVar[str] = "dch"
    question_id: int
    action: str


@dataclass(frozen=True)
class ContestMenu(CallbackData):
    """A contest's menu action: "reg" (register or edit), "go" (start or resume), "info"."""

    prefix: ClassVar[str] = "thi"
    contest_id: int
    action: str


@dataclass(frozen=True)
class ContestUnitPick(CallbackData):
    """The unit chosen from the search results while registering."""

    prefix: ClassVar[str] = "thiu"
    unit_id: int


@dataclass(frozen=True)
class ContestRegStep(CallbackData):
    """A registration button: "skip" the phone, "agree" to data processing, or "cancel"."""

    prefix: ClassVar[str] = "this"
    action: str


@dataclass(frozen=True)
class ContestPick(CallbackData):
    """An answer press: ``mask`` holds the shown options chosen (bit i = option i).

    Single-answer questions submit at once; multi-answer ones toggle until ``submit``.
    """

    prefix: ClassVar[str] = "thia"
    attempt_id: int
    position: int
    mask: int
    submit: bool


@dataclass(frozen=True)
class ContestReview(CallbackData):
    """Show the participant's reviewed attempts in a closed round."""

    prefix: ClassVar[str] = "thix"
    round_id: int


@dataclass(frozen=True)
class CalendarReview(CallbackData):
    """An editor's decision on a "Ngày này năm xưa" entry ("ok", "edit", "no"), or "next" to
    see the queue's item at ``position``."""

    prefix: ClassVar[str] = "nnx"
    action: str
    entry_id: int = 0
    position: int = 0


@dataclass(frozen=True)
class ClassStep(CallbackData):
    """A class button: a teacher's "card", "give" (pick a chapter), "ch" (chapter ``item``
    picked), "n" (``count`` picked), "d" (``days`` picked: create), "res" (assignment
    ``item``'s results), "xlsx", "sheet" (assignment ``item``'s worksheet); a student's "do"
    (start assignment ``item``). ``later`` opens the assignment at 07:00 tomorrow, not now."""

    prefix: ClassVar[str] = "lop"
    action: str
    class_id: int = 0
    item: int = 0
    count: int = 0
    days: int = 0
    later: bool = False


@dataclass(frozen=True)
class ResultsPostAction(CallbackData):
    """An admin's decision on a round's results post: "send" it to the channel, or "drop"."""

    prefix: ClassVar[str] = "kqp"
    action: str
    post_id: int


@dataclass(frozen=True)
class EraseData(CallbackData):
    """The answer to /xoadulieu's question: "yes" deletes the presser's contest data, "no"
    keeps it."""

    prefix: ClassVar[str] = "xdl"
    action: str
