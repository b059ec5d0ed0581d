"""Fixtures for index tests: a hashed n-gram embedder and a tiny Vietnamese corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.search import HybridIndex
from index.settings import IndexSettings
from testkit.embedders import HashEmbedder

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
