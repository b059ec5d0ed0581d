"""Vietnamese normalisation, legacy-font conversion and document clean-up."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from knowledge.errors import EmptyDocument, UndecodableLegacyText
from knowledge.legacy import encode_legacy
from knowledge.normalize import (
    convert_legacy,
    detect_legacy_encoding,
    normalize_document,
    normalize_text,
)
from knowledge.readers import read_document
from knowledge.readers.base import Block, RawDocument
from tests.builders import make_docx

TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER = [
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in TONES
] + list("ăâêôơưđ")
UPPER = [letter.upper() for letter in LOWER]
SENTENCE = "Lịch sử Đảng bộ tỉnh Hải Dương: Hồ Chí Minh, thuở ấy, người giữ gìn hòa bình."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("khoá", "khóa"),
        ("thuý", "thúy"),
        ("quý", "quý"),
        ("quỳnh", "quỳnh"),
        ("giữ", "giữ"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("Hoà Bình", "Hòa Bình"),
        ("khoẻ", "khỏe"),
        ("loè loẹt", "lòe loẹt"),
        ("uỷ ban", "ủy ban"),
        ("Nguỵ", "Ngụy"),
        ("tuỳ", "tùy"),
        ("Quỳ Hợp", "Quỳ Hợp"),
        ("qúa", "quá"),
        ("gìa", "già"),
        ("hoàng", "hoàng"),
        ("ngoài", "ngoài"),
        ("ngoèo", "ngoèo"),
        ("khuỷu", "khuỷu"),
        ("thuở", "thuở"),
        ("người", "người"),
        ("quốc", "quốc"),
        ("khuấy", "khuấy"),
        ("Thuỵ Điển", "Thụy Điển"),
        ("hoạ", "họa"),
        ("toả", "tỏa"),
        ("xoè", "xòe"),
    ],
)
def test_tone_mark_placement(raw, expected):
    assert normalize_text(raw) == expected
    assert normalize_text(unicodedata.normalize("NFD", raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đảng\u00a0bộ\u2009tỉnh\u202f Hải  Dương\n\t", "Đảng bộ tỉnh Hải Dương"),
        ("\ufeffcách\u00admạng\u200b tháng\u200dTám", "cáchmạng thángTám"),
        ("ﬁnal ﬂow", "final flow"),
        ("Mác\u2011Lênin, 1930\u20131945 \u2014 thời kỳ", "Mác-Lênin, 1930–1945 — thời kỳ"),
        ("L\u0323ich s\u1eed b\u0300inh ho \u0300a", "Lịch sử bình hòa"),
        ("España café", "España café"),
        ("", ""),
    ],
)
def test_cleanup(raw, expected):
    assert normalize_text(raw) == expected


def test_idempotent():
    question = "Đảng bộ tỉnh Hải Dương được thành lập vào năm nào, ở đâu vậy? Hoà bình"
    once = normalize_text(question)
    assert normalize_text(once) == once
    assert normalize_text(unicodedata.normalize("NFD", question)) == once


@pytest.mark.parametrize(
    ("encoding", "letters"),
    [
        ("tcvn3", LOWER),
        ("tcvn3", list("ĂÂÊÔƠƯĐ")),
        ("tcvn3h", UPPER),
        ("vni", LOWER),
        ("vni", UPPER),
    ],
)
def test_legacy_round_trip(encoding, letters):
    assert len(set(LOWER)) == 67
    text = " ".join(letters)
    legacy = encode_legacy(text, encoding)
    assert legacy.encode("latin-1")
    assert convert_legacy(legacy, encoding) == text


def test_legacy_examples():
    assert convert_legacy("§¶ng bé", "tcvn3") == "Đảng bộ"
    assert convert_legacy("Ñaûng boä", "vni") == "Đảng bộ"
    assert convert_legacy("ViÖt Nam", "tcvn3") == "Việt Nam"
    assert convert_legacy("VIEÄT NAM Vieät", "vni") == "VIỆT NAM Việt"


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "HÒA BÌNH",
        "Hoà bình",
        "The Communist Party of Vietnam was founded in 1930.",
        "café, naïve, Müller, «Đảng» § 3",
        "ổn định",
        "",
    ],
)
def test_detection_ignores_unicode_and_english(text):
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_detection_finds_legacy_text(encoding):
    assert detect_legacy_encoding(encode_legacy(SENTENCE, encoding)) == encoding
    assert detect_legacy_encoding(encode_legacy("Hòa bình", encoding)) == encoding


def doc(*texts: str, kind: str = "text") -> RawDocument:
    return RawDocument(blocks=[Block(text=t, page=1) for t in texts], kind=kind)


def test_document_mixing_encodings_per_block(tmp_path):
    raw = doc(
        encode_legacy(SENTENCE, "tcvn3"),
        encode_legacy("bộ", "tcvn3"),
        SENTENCE,
        encode_legacy(SENTENCE, "vni"),
        "Hoà bình",
        encode_legacy("Hòa bình", "tcvn3"),
    )
    out = normalize_document(raw, tmp_path / "x.docx")
    assert [b.text for b in out.blocks] == [
        SENTENCE,
        "bộ",
        SENTENCE,
        SENTENCE,
        "Hòa bình",
        "Hòa bình",
    ]


def test_document_of_short_legacy_lines(tmp_path):
    lines = ["Đảng bộ", "bộ", "Hòa bình", "năm 1930", "Hồ Chí Minh"]
    raw = doc(*(encode_legacy(line, "tcvn3") for line in lines), kind="pdf")
    assert [b.text for b in normalize_document(raw, tmp_path / "x.pdf").blocks] == lines


def test_docx_runs_in_tcvn3_without_font_names(tmp_path):
    path = make_docx(
        tmp_path / "l.docx",
        [
            (
                "runs",
                [
                    (encode_legacy("Đồng chí ", "tcvn3"), None),
                    (encode_legacy("Nguyễn Văn Cừ", "tcvn3"), None),
                ],
            ),
            encode_legacy(SENTENCE, "tcvn3"),
        ],
        title=encode_legacy("Lịch sử Đảng bộ", "tcvn3"),
    )
    out = normalize_document(read_document(path), path)
    assert [b.text for b in out.blocks] == ["Đồng chí Nguyễn Văn Cừ", SENTENCE]
    assert out.title == "Lịch sử Đảng bộ"


def test_garbage_is_undecodable(tmp_path):
    with pytest.raises(UndecodableLegacyText):
        normalize_document(doc("\ufffd\ufffd \ufffd\ufffd\ufffd ab \ufffd"), tmp_path / "x.txt")
    noise = "".join(chr(0xA1 + (i * 37) % 94) for i in range(400))
    words = " ".join(noise[i : i + 5] + "xy" for i in range(0, 400, 5))
    with pytest.raises(UndecodableLegacyText):
        normalize_document(doc(words), tmp_path / "x.txt")


def test_empty_after_normalisation(tmp_path):
    with pytest.raises(EmptyDocument):
        normalize_document(doc(" ", "\u200b", "\u00ad"), Path("x.txt"))


def test_hyphen_join_only_in_pdf_and_keeps_first_page(tmp_path):
    blocks = [Block("Hải Dư-", page=3), Block("ơng là tỉnh", page=4)]
    pdf = normalize_document(RawDocument(blocks=blocks, kind="pdf"), tmp_path / "x.pdf")
    assert [(b.text, b.page) for b in pdf.blocks] == [("Hải Dương", 3), ("là tỉnh", 4)]
    text = normalize_document(RawDocument(blocks=blocks, kind="text"), tmp_path / "x.txt")
    assert [b.text for b in text.blocks] == ["Hải Dư-", "ơng là tỉnh"]
