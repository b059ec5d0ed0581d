import json
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tools import booklets as booklet

REPO = Path(__file__).resolve().parents[2]
BOOKS = REPO / "knowledge" / "books"
FACTS = REPO.parent / "shared" / "facts" / "facts.jsonl"
STEMS = ("don-duong-lam-dong", "hai-phong")


def _page_breaks(paragraph) -> int:
    return sum(br.get(qn("w:type")) == "page" for br in paragraph._p.iter(qn("w:br")))


def _pages(path: Path) -> list[tuple[int, str]]:
    """Each paragraph's text with the page it is printed on."""
    page, out = 1, []
    for paragraph in Document(str(path)).paragraphs:
        out.append((page, paragraph.text))
        page += _page_breaks(paragraph)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("booklets")
    booklet.build(out, facts_path=FACTS if FACTS.is_file() else None)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_docx_has_title_page_headings_and_sample_label(built: Path, stem: str) -> None:
    document = Document(str(built / f"{stem}.docx"))
    styles = {paragraph.style.name for paragraph in document.paragraphs}
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    assert document.paragraphs[0].style.name == "Title"
    assert document.core_properties.title == texts[0]
    assert "(bản mẫu)" in texts[0]
    title_page = [text for page, text in _pages(built / f"{stem}.docx") if page == 1]
    assert any("BẢN MẪU" in text for text in title_page)
    assert sum("BẢN MẪU" in text for text in texts) >= 2
    assert {"Lời nói đầu", "Kết luận", "Phụ lục", "Nguồn tham khảo"} <= set(texts)


def test_booklets_have_at_least_15_pages(built: Path) -> None:
    pages = sum(max(page for page, _ in _pages(built / f"{stem}.docx")) for stem in STEMS)
    assert pages >= 15


def test_facts_map_covers_enough_facts_on_the_right_pages(built: Path) -> None:
    facts_map = json.loads((built / "facts_map.json").read_text(encoding="utf-8"))
    assert len(facts_map) >= 150
    pages = {stem: _pages(built / f"{stem}.docx") for stem in STEMS}
    for fact_id, where in facts_map.items():
        assert where["book"] in STEMS, fact_id
        assert where["heading_path"], fact_id
        located = [
            page for page, text in pages[where["book"]] if text.startswith(where["excerpt"])
        ]
        assert where["page"] in located, fact_id


def test_facts_map_ids_exist_in_the_fact_sheet(built: Path) -> None:
    if not FACTS.is_file():
        pytest.skip("shared fact sheet not present")
    known = {json.loads(line)["id"] for line in FACTS.read_text(encoding="utf-8").splitlines()}
    facts_map = json.loads((built / "facts_map.json").read_text(encoding="utf-8"))
    assert set(facts_map) <= known


@pytest.mark.parametrize("stem", STEMS)
def test_committed_docx_matches_a_fresh_build(built: Path, stem: str) -> None:
    committed = [text for _, text in _pages(BOOKS / f"{stem}.docx")]
    fresh = [text for _, text in _pages(built / f"{stem}.docx")]
    assert committed == fresh


def test_committed_facts_map_matches_a_fresh_build(built: Path) -> None:
    committed = json.loads((BOOKS / "facts_map.json").read_text(encoding="utf-8"))
    assert committed == json.loads((built / "facts_map.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", STEMS)
def test_text_is_nfc(built: Path, stem: str) -> None:
    source = (BOOKS / "src" / f"{stem}.md").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", source) == source
    for _, text in _pages(built / f"{stem}.docx"):
        assert unicodedata.normalize("NFC", text) == text


def test_unknown_fact_id_fails_loudly(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "tiny.md").write_text(
        "% Sách thử (bản mẫu)\n\n# Chương I. Thử\n\nMột đoạn văn.\n<!-- facts: xx-99 -->\n",
        encoding="utf-8",
    )
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"id": "xx-01", "source_url": "https://example.org/a"}\n', encoding="utf-8")
    with pytest.raises(booklet.BookletError, match="xx-99"):
        booklet.build(tmp_path / "out", src, facts)
    argv = ["--out", str(tmp_path / "out"), "--src", str(src), "--facts", str(facts)]
    assert booklet.main(argv) == 1


def test_build_is_deterministic(tmp_path: Path, built: Path) -> None:
    booklet.build(tmp_path, facts_path=None)
    for name in (*(f"{stem}.docx" for stem in STEMS), "facts_map.json"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()
