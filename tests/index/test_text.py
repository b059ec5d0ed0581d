from __future__ import annotations

import pytest

from index.query import normalize_query
from index.text import (
    DiacriticRestorer,
    congress_ordinals,
    fold,
    folded_syllables,
    has_diacritics,
    lexical_terms,
    roman_to_int,
    syllables,
    vocabulary,
)


def test_fold_removes_marks_and_d_bar() -> None:
    assert fold("Đảng Cộng sản ĐẢNG ỦY") == "dang cong san dang uy"


def test_has_diacritics() -> None:
    assert has_diacritics("Đảng")
    assert has_diacritics("đ")
    assert not has_diacritics("dang bo thanh lap nam nao")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Năm 1930, Đảng ra đời.", ["năm", "1930", "đảng", "ra", "đời"]),
        ("ĐCSVN", ["đcsvn"]),
        ("giai đoạn 2015-2020", ["giai", "đoạn", "2015", "2020"]),
        ("1.000.000 người", ["1000000", "người"]),
        ("tăng 1,5 lần", ["tăng", "1,5", "lần"]),
    ],
)
def test_syllables(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


@pytest.mark.parametrize(
    "spelling",
    ["13/5/1955", "13-5-1955", "ngày 13/5/1955", "ngày 13 tháng 5 năm 1955", "13.05.1955"],
)
def test_date_spellings_share_terms(spelling: str) -> None:
    assert syllables(spelling) == ["ngày", "13", "tháng", "5", "năm", "1955"]


def test_month_year() -> None:
    assert syllables("tháng 5/1955") == syllables("05/1955") == ["tháng", "5", "năm", "1955"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đại hội XV", ["đại", "hội", "15"]),
        ("đại hội 15", ["đại", "hội", "15"]),
        ("khóa IX", ["khóa", "9"]),
        ("Tập IV", ["tập", "4"]),
        ("lần thứ XII", ["lần", "thứ", "12"]),
        ("Edward II", ["edward", "ii"]),
        ("Đại hội Vui", ["đại", "hội", "vui"]),
    ],
)
def test_roman_numerals_in_context(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


def test_roman_to_int() -> None:
    assert roman_to_int("XIV") == 14
    assert roman_to_int("MCMXXX") == 1930
    assert roman_to_int("IIII") is None
    assert roman_to_int("ix") is None


def test_lexical_terms_bigrams_and_folding() -> None:
    assert lexical_terms("Đảng bộ tỉnh") == ["đảng", "bộ", "tỉnh", "đảng_bộ", "bộ_tỉnh"]
    assert lexical_terms("Đảng bộ", folded=True) == ["dang", "bo", "dang_bo"]
    assert lexical_terms("Đảng bộ", with_bigrams=False) == ["đảng", "bộ"]


@pytest.mark.parametrize(
    ("query", "contains"),
    [
        ("BCH Đảng bộ là ai?", ["Ban Chấp hành", "BCH"]),
        ("bch đảng bộ", ["Ban Chấp hành"]),
        ("BTV Tỉnh ủy", ["Ban Thường vụ"]),
        ("UBND tỉnh", ["Ủy ban nhân dân", "UBND"]),
        ("HĐND huyện", ["Hội đồng nhân dân"]),
        ("MTTQ huyện", ["Mặt trận Tổ quốc"]),
        ("ĐCSVN ra đời năm nào", ["Đảng Cộng sản Việt Nam"]),
        ("TP Hải Phòng", ["thành phố"]),
        ("TU họp", ["Tỉnh ủy", "Thành ủy"]),
        ("HU chỉ đạo", ["Huyện ủy"]),
        ("CNH-HĐH", ["công nghiệp hóa", "hiện đại hóa"]),
        ("Ủy ban nhân dân xã", ["UBND"]),
        ("Đảng Cộng sản Việt Nam", ["ĐCSVN"]),
        ("dang cong san viet nam", ["ĐCSVN"]),
        ("Đại hội lần thứ ba", ["lần thứ 3"]),
    ],
)
def test_normalize_query_expands(query: str, contains: list[str]) -> None:
    normalized = normalize_query(query)
    for part in contains:
        assert part in normalized


@pytest.mark.parametrize("query", ["tu sĩ ở chùa", "Tu viện", "hu hu", "Việt Nam"])
def test_normalize_query_leaves_ordinary_words(query: str) -> None:
    assert normalize_query(query) == query


def test_numerals_unify_after_normalisation() -> None:
    forms = ["Đại hội XV", "Đại hội lần thứ XV", "đại hội 15"]
    assert all("15" in syllables(normalize_query(f)) for f in forms)
    assert syllables(normalize_query("khóa IX"))[:2] == syllables("khóa 9")


def test_restorer_uses_corpus_vocabulary() -> None:
    corpus = [
        "Đảng bộ tỉnh được thành lập năm 1930.",
        "Đảng bộ huyện lãnh đạo nhân dân.",
        "Ban Chấp hành Đảng bộ tỉnh họp.",
        "Thành phố đang phát triển.",
    ]
    restorer = DiacriticRestorer(*vocabulary(corpus))
    assert restorer.restore("dang bo tinh thanh lap nam nao") == "đảng bộ tỉnh thành lập năm nao"
    assert restorer.restore("Dang bo") == "Đảng bộ"
    assert restorer.restore("thanh pho dang phat trien") == "thành phố đang phát triển"
    assert restorer.restore("Đảng bộ tỉnh thành lập năm nào") == "Đảng bộ tỉnh thành lập năm nào"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dai hoi xiv cua dang", ["dai", "hoi", "14", "cua", "dang"]),
        ("DH khoa IX", ["dh", "khoa", "9"]),
        ("lan thu II", ["lan", "thu", "2"]),
        # Words that look like numerals stay words: "lần vì sao", "thu nhập", "hội xi măng".
        ("lan vi sao", ["lan", "vi", "sao"]),
        ("hoi xi mang", ["hoi", "xi", "mang"]),
        ("thu ii", ["thu", "ii"]),
    ],
)
def test_roman_numerals_typed_without_diacritics(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bí thư Thành ủy khóa XV", {"15"}),
        ("Đại hội đại biểu lần thứ II Đảng bộ thành phố", {"2"}),
        ("ĐH lần II tỉnh Lâm Đồng", {"2"}),
        ("Đại hội XVI và dh 3", {"16", "3"}),
        # Counts and years are no ordinals.
        ("Đại hội có 350 đại biểu năm 2020", set()),
        ("lần thứ hai", set()),
    ],
)
def test_congress_ordinals_are_read_from_syllables(text, expected):
    assert congress_ordinals(folded_syllables(text)) == expected
