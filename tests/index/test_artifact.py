from __future__ import annotations

import json
from pathlib import Path

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
    assert sorted(p.name for p in index_dir.parent.iterdir()) == ["index"]


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


def test_a_file_lost_to_another_process_swap_is_read_again(
    tiny_index: HybridIndex, index_dir: Path, embedder, settings, monkeypatch
) -> None:
    import index.artifact as artifact

    write_index(tiny_index, index_dir)
    real = artifact._read_index
    lost: list[int] = []

    def swapped_once(*args):
        # The first read finds a file gone, as between the two renames of another's swap.
        if not lost:
            lost.append(1)
            raise FileNotFoundError(2, "No such file", str(index_dir / "dense.faiss"))
        return real(*args)

    monkeypatch.setattr(artifact, "_SWAP_WAIT_S", 0.0)
    monkeypatch.setattr(artifact, "_read_index", swapped_once)
    assert read_index(index_dir, embedder, settings).search("Đại hội XV")[0].chunk_id == "c2"
    assert lost == [1]

    def always_gone(*args):
        raise FileNotFoundError(2, "No such file", "dense.faiss")

    monkeypatch.setattr(artifact, "_read_index", always_gone)
    with pytest.raises(IndexMismatch):
        read_index(index_dir, embedder, settings)
