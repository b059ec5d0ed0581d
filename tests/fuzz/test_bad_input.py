"""Bad-input corpus: whatever a stranger or a careless organiser hands over gives a result or
the one clear error its reader promises, never another exception."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.callbacks import CallbackData, CallbackDataError
from knowledge.collection.campaigns import load_campaign_file
from knowledge.collection.errors import CampaignFileError
from knowledge.errors import BookError
from knowledge.readers import read_document
from quizzes.bank.importers import read_file
from quizzes.contest.setup import load_spec
from quizzes.errors import ContestConfigError, QuizFileError
from tests.fuzz.reading import error_of

ROOT = Path(__file__).resolve().parents[2]
CONTEST = (ROOT / "examples/contests/don-duong-2025.toml").read_text(encoding="utf-8")
CAMPAIGN = (ROOT / "examples/campaigns/don-duong-2025.toml").read_text(encoding="utf-8")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# TOML values of every kind, for the right-hand side of a setting.
toml_values = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.booleans().map(lambda b: str(b).lower()),
    st.text(max_size=40).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
    st.sampled_from(["[]", "[1, 2]", '["a", 3]', "{}", "1979-05-27", "1979-05-27T07:32:00Z"]),
)
KINDS = sorted(CallbackData._kinds.items())


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        settings_at = [i for i, line in enumerate(lines) if re.match(r"^\s*\w+\s*=", line)]
        if not settings_at:
            break
        i = data.draw(st.sampled_from(settings_at))
        action = data.draw(st.sampled_from(["value", "drop", "garble"]))
        key = lines[i].split("=", 1)[0]
        if action == "value":
            lines[i] = f"{key}= {data.draw(toml_values)}"
        elif action == "drop":
            del lines[i]
        else:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines)


@FUZZ
@given(kind=st.sampled_from(KINDS), fields=st.lists(st.text(max_size=25), max_size=6))
def test_button_data_parses_or_is_one_clear_error(kind, fields):
    prefix, cls = kind
    data = ":".join([prefix, *fields])
    try:
        parsed = cls.unpack(data)
    except CallbackDataError:
        return
    assert cls.unpack(parsed.pack()) == parsed  # what parses is a real button


@FUZZ
@given(data=st.data())
def test_contest_files_load_or_are_one_clear_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contest.toml"
        path.write_text(_mutate(CONTEST, data), encoding="utf-8")
        assert "\n" not in error_of(load_spec, path, ContestConfigError)


@FUZZ
@given(data=st.data())
def test_campaign_files_load_or_are_one_clear_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "campaign.toml"
        path.write_text(_mutate(CAMPAIGN, data), encoding="utf-8")
        assert "\n" not in error_of(load_campaign_file, path, CampaignFileError)


@settings(max_examples=40, deadline=None)
@given(
    raw=st.binary(max_size=2000),
    suffix=st.sampled_from([".docx", ".pdf", ".txt", ".md", ".xlsx", ".csv"]),
    lead=st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xef\xbb\xbf"]),
)
def test_books_and_banks_of_random_bytes_are_read_or_refused(raw, suffix, lead):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"tep{suffix}"
        path.write_bytes(lead + raw)
        if suffix in (".docx", ".pdf", ".txt", ".md"):
            assert "\n" not in error_of(read_document, path, BookError)
        if suffix in (".docx", ".xlsx", ".csv", ".txt"):
            assert "\n" not in error_of(read_file, path, QuizFileError)
