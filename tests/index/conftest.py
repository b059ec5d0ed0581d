"""Fixtures for index tests: a hashed n-gram embedder and a tiny Vietnamese corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.search import HybridIndex
from index.settings import IndexSettings
from index.text import fold

CORPUS = {
    "c1": "Ngày 3/2/1930, Đảng Cộng sản Việt Nam được thành lập tại Hương Cảng (Trung Quốc) "
    "dưới sự chủ trì của lãnh tụ Nguyễn Ái Quốc.",
    "c2": "Đại hội đại biểu toàn quốc lần thứ XV của Đảng dự kiến họp vào đầu năm 2031.",
    "c3": "Ban Chấp hành Đảng bộ huyện khóa IX đã lãnh đạo nhân dân xây dựng nông thôn mới.",
    "c4": "Ngày 13 tháng 5 năm 1955, đoàn quân cuối cùng của Pháp rút khỏi Hải Phòng.",
    "c5": "Ủy ban nhân dân tỉnh phê duyệt kế hoạch phát triển kinh tế - xã hội giai đoạn "
    "2015-2020.",
    "c6": "Chiến dịch Điện Biên Phủ kết thúc thắng lợi ngày 7/5/1954, chấm dứt chiến tranh "
    "Đông Dương.",
    "c7": "Mặt trận Tổ quốc Việt Nam tổ chức hội nghị hiệp thương giới thiệu người ứng cử "
    "đại biểu Hội đồng nhân dân.",
    "c8": "Trường học của xã được xây mới bằng gạch, có sáu phòng học và một thư viện nhỏ.",
}


class HashEmbedder:
    """Deterministic embedder: hashed character 3-grams of the folded text, L2-normalised."""

    def __init__(self, dim: int = 64, model_id: str = "hash-3gram-64") -> None:
        self.dim = dim
        self.model_id = model_id

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {fold(text)}  "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


@pytest.fixture(scope="session")
def settings() -> IndexSettings:
    return IndexSettings()


@pytest.fixture(scope="session")
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(scope="session")
def tiny_index(embedder: HashEmbedder, settings: IndexSettings) -> HybridIndex:
    return HybridIndex.build(list(CORPUS), list(CORPUS.values()), embedder, settings)


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"
