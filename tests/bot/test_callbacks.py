"""Callback data round-trips, fits in 64 bytes and refuses what it did not pack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from bot.callbacks import (
    CallbackData,
    CallbackDataError,
    Contents,
    ExportUnanswered,
    Feedback,
    MenuChoice,
    ReadSection,
    SearchPage,
    ShowPassage,
)

BIG = 2**63 - 1
SAMPLES = [
    MenuChoice("ask"),
    ShowPassage(BIG),
    Feedback(BIG, True),
    Feedback(1, False),
    Contents(),
    Contents(BIG, BIG),
    ReadSection(BIG, 9999),
    SearchPage(BIG, 9999),
    ExportUnanswered(),
]


@pytest.mark.parametrize("data", SAMPLES, ids=repr)
def test_round_trip_within_64_bytes(data):
    packed = data.pack()
    assert len(packed.encode()) <= 64
    assert type(data).matches(packed)
    assert type(data).unpack(packed) == data


def test_kinds_do_not_match_each_other():
    assert not Feedback.matches(ShowPassage(1).pack())
    assert not ReadSection.matches("readx:1:0")
    with pytest.raises(CallbackDataError):
        Feedback.unpack(ShowPassage(1).pack())


@pytest.mark.parametrize("data", ["fb:1", "fb:x:1", "fb:1:2", "psg:1:2", "toc:a:b"])
def test_malformed_data_is_an_error(data):
    kind = {"fb": Feedback, "psg": ShowPassage, "toc": Contents}[data.split(":")[0]]
    with pytest.raises(CallbackDataError):
        kind.unpack(data)


def test_too_long_or_separator_is_refused():
    with pytest.raises(CallbackDataError):
        MenuChoice("x" * 70).pack()
    with pytest.raises(CallbackDataError):
        MenuChoice("a:b").pack()


def test_prefixes_are_unique():
    with pytest.raises(TypeError):

        @dataclass(frozen=True)
        class Again(CallbackData):
            prefix: ClassVar[str] = "fb"
