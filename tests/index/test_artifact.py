from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from index.artifact import read_index, read_manifest, write_index
from index.dense import DenseIndex
from index.errors import IndexMismatch
from index.search import HybridIndex
from index.settings import IndexSettings
from tests.index.conftest import CORPUS, HashEmbedder


class DiskFullDense(DenseIndex):
    """A dense index whose file cannot be written, as on a full disk."""

    def save(self, path: Path) -> None:
        path.write_bytes(b"partial")
        raise OSError(28, "No space left on device")


def test_round_trip(tiny_index: HybridIndex, index_dir: Path, embedder, settings) -> None:
    write_index(tiny_index, index_dir)
    names = {p.name for p in index_dir.iterdir()}
    assert {"manifest.json", "dense.faiss", "chunks.jsonl"} <= names
    assert any(n.startswith("lexical.") for n in names)
    manifest = read_manifest(index_dir)
    assert manifest["model_id"] == embedder.model_id
    assert manifest["dim"] == embedder.dim
    assert manifest["chunk_ids"] == list(CORPUS)
    assert set(manifest["files"]) == names - {"manifest.json"}
    loaded = read_index(index_dir, embedder, settings)
    for query in ("Đại hội XV", "phap rut khoi hai phong", "UBND tỉnh"):
        assert loaded.search(query) == tiny_index.search(query)


def test_crash_mid_write_keeps_previous_index(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    write_index(tiny_index, index_dir)
    before = read_manifest(index_dir)
    broken = HybridIndex(
        ["z"], ["Một tài liệu khác."], tiny_index.lexical, DiskFullDense.build(
            embedder.encode_passages(["Một tài liệu khác."])
        ), embedder, settings,
    )  # fmt: skip
    with pytest.raises(OSError, match="No space"):
        write_index(broken, index_dir)
    assert read_manifest(index_dir) == before
    assert read_index(index_dir, embedder, settings).search("Đại hội XV")[0].chunk_id == "c2"
    left = sorted(p.name for p in index_dir.parent.iterdir())
    assert left == [".index.lock", "index"]  # the lock file stays; no temporary or backup


def test_interrupted_swap_recovers_previous(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    write_index(tiny_index, index_dir)
    index_dir.rename(index_dir.with_name(".index.previous"))
    loaded = read_index(index_dir, embedder, settings)
    assert loaded.ids == list(CORPUS)


def test_model_change_refused(tiny_index: HybridIndex, index_dir: Path, settings) -> None:
    write_index(tiny_index, index_dir)
    with pytest.raises(IndexMismatch, match="model_id") as caught:
        read_index(index_dir, HashEmbedder(model_id="another-model"), settings)
    assert caught.value.field == "model_id"
    assert "\n" not in str(caught.value)
    with pytest.raises(IndexMismatch, match="dim"):
        read_index(index_dir, HashEmbedder(dim=32), settings)


def test_build_settings_and_tokenizer_change_refused(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    write_index(tiny_index, index_dir)
    with pytest.raises(IndexMismatch, match="settings"):
        read_index(index_dir, embedder, IndexSettings(bm25_k1=2.0))
    read_index(index_dir, embedder, IndexSettings(weight_dense=3.0))
    manifest_path = index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tokenizer_version"] = -1
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch, match="tokenizer_version"):
        read_index(index_dir, embedder, settings)


def test_checksum_failure_refused(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    write_index(tiny_index, index_dir)
    with (index_dir / "chunks.jsonl").open("a") as handle:
        handle.write("\n")
    with pytest.raises(IndexMismatch, match="checksum"):
        read_index(index_dir, embedder, settings)


def test_missing_index_refused(index_dir: Path, embedder, settings) -> None:
    with pytest.raises(IndexMismatch, match="manifest"):
        read_index(index_dir, embedder, settings)


def test_reads_in_other_processes_never_see_a_swap_half_done(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    """One process rebuilds and swaps the index again and again while two others load it:
    every load finds a whole index (the swap holds the lock its readers share)."""
    write_index(tiny_index, index_dir)
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    writer = context.Process(target=_swap_until, args=(tiny_index, index_dir, stop))
    readers = [
        context.Process(target=_load_many, args=(index_dir, embedder, settings, 40))
        for _ in range(2)
    ]
    writer.start()
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(120)
    stop.set()
    writer.join(60)
    assert [reader.exitcode for reader in readers] == [0, 0]
    assert writer.exitcode == 0
    assert read_index(index_dir, embedder, settings).ids == list(CORPUS)


def _swap_until(index: HybridIndex, directory: Path, stop: Any) -> None:
    swaps = 0
    while not stop.is_set() or swaps < 5:
        write_index(index, directory)
        swaps += 1


def _load_many(directory: Path, embedder: Any, settings: IndexSettings, times: int) -> None:
    for _ in range(times):
        assert read_index(directory, embedder, settings).search("Đại hội XV")[0].chunk_id == "c2"
        assert read_manifest(directory)["chunk_ids"] == list(CORPUS)


def test_a_swap_that_died_between_its_renames_is_recovered_once(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    write_index(tiny_index, index_dir)
    index_dir.rename(index_dir.with_name(".index.previous"))
    assert read_manifest(index_dir)["chunk_ids"] == list(CORPUS)
    assert not index_dir.with_name(".index.previous").exists()
    assert read_index(index_dir, embedder, settings).ids == list(CORPUS)


def test_a_file_deleted_by_hand_is_a_mismatch(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings
) -> None:
    write_index(tiny_index, index_dir)
    (index_dir / "dense.faiss").unlink()
    with pytest.raises(IndexMismatch, match="missing"):
        read_index(index_dir, embedder, settings)
