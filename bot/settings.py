"""Reads config.toml once into typed, frozen settings; secrets from env."""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from index.settings import AnswerSettings, IndexSettings
from knowledge.collection.settings import CollectionSettings
from knowledge.settings import KnowledgeSettings
from quizzes.certificates.settings import CertificateSettings

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

ENV_TOKEN = "TELEGRAM_BOT_TOKEN"
ENV_DATABASE_URL = "SUDANG_DATABASE_URL"
ENV_CONFIG = "SUDANG_CONFIG"


class SettingsError(Exception):
    """config.toml is missing, malformed, or has an unknown or mistyped key."""


@dataclass(frozen=True)
class PathSettings:
    """Where the bot keeps its files."""

    data_dir: str = "data"
    books_dir: str = "knowledge/books"
    index_dir: str = "data/index"
    vector_cache: str = "data/vectors.sqlite"


def check_channel(value: str) -> None:
    """Rejects a channel setting that is neither "", "@name" nor a numeric chat id."""
    channel = value.strip()
    if channel and not (channel.startswith("@") or channel.lstrip("-").isdigit()):
        raise ValueError(f"channel {channel!r} is neither @name nor a numeric chat id")


def channel_chat(value: str) -> int | str | None:
    """A channel setting as the Bot API takes it (a number or "@name"); None when unset."""
    channel = value.strip()
    if not channel:
        return None
    return channel if channel.startswith("@") else int(channel)


@dataclass(frozen=True)
class DatabaseSettings:
    """Which database holds books, questions and contests."""

    url: str = "sqlite:///data/sudang.db"
    # Every command brings the schema up to this release's (a SQLite file is copied first).
    # False: commands refuse a database that needs an upgrade until `sudang db upgrade` is run.
    auto_upgrade: bool = True


@dataclass(frozen=True)
class BotSettings:
    """Telegram-facing behaviour."""

    admins: tuple[int, ...] = ()
    demo_question: str = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
    mode: str = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    api_base_url: str = ""
    rate_limit_count: int = 20
    rate_limit_seconds: float = 60.0
    api_rate_per_second: float = 30.0
    concurrent_updates: int = 64
    typing_after_seconds: float = 0.3
    search_results: int = 30
    search_page_size: int = 5
    reading_page_chars: int = 1500
    stats_days: int = 7
    practice_questions: int = 10
    practice_open_period: int = 0
    daily_time: str = "07:30"
    followup_minutes: float = 5.0
    group_suggestions: bool = False
    pending_minutes: float = 30.0
    upload_limit_mb: int = 50
    channel: str = ""

    def __post_init__(self) -> None:
        """Rejects an upload limit no Bot API server has, and a channel that is no chat."""
        if not 1 <= self.upload_limit_mb <= 2000:
            raise ValueError(f"upload_limit_mb {self.upload_limit_mb} is not within 1..2000")
        check_channel(self.channel)

    @property
    def channel_chat(self) -> int | str | None:
        """The channel for contest results posts, as the Bot API takes it; None when unset."""
        return channel_chat(self.channel)


@dataclass(frozen=True)
class WebSettings:
    """The web pages and the Mini App (`sudang web`)."""

    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    public_url: str = ""
    site_title: str = "Hỏi đáp Lịch sử Đảng bộ"
    rate_limit_count: int = 30
    rate_limit_seconds: float = 60.0
    forwarded_allow_ips: str = "127.0.0.1"
    embed_origins: tuple[str, ...] = ("*",)
    initdata_max_age_s: int = 3600
    results_shown: int = 100

    def __post_init__(self) -> None:
        """Rejects values no deployment can use."""
        if not 1 <= self.port <= 65535:
            raise ValueError(f"port {self.port} is not within 1..65535")
        if not 1 <= self.workers <= 64:
            raise ValueError(f"workers {self.workers} is not within 1..64")
        if self.public_url and not self.public_url.startswith("https://"):
            raise ValueError(
                "public_url must start with https:// (Telegram opens Mini Apps over HTTPS only)"
            )
        if self.initdata_max_age_s < 1:
            raise ValueError("initdata_max_age_s must be at least 1")
        if self.rate_limit_count < 1 or self.rate_limit_seconds <= 0:
            raise ValueError("rate_limit_count and rate_limit_seconds must be positive")


@dataclass(frozen=True)
class CalendarSettings:
    """ "Ngày này năm xưa": when and where approved anniversary posts go."""

    post_time: str = "07:00"
    channel: str = ""
    posts_per_day: int = 3
    review_days: int = 31

    def __post_init__(self) -> None:
        """Rejects a time, channel or count the bot cannot use."""
        try:
            time.fromisoformat(self.post_time)
        except ValueError:
            raise ValueError(f"post_time {self.post_time!r} is not HH:MM") from None
        check_channel(self.channel)
        if not 1 <= self.posts_per_day <= 20:
            raise ValueError(f"posts_per_day {self.posts_per_day} is not within 1..20")
        if not 1 <= self.review_days <= 366:
            raise ValueError(f"review_days {self.review_days} is not within 1..366")

    @property
    def channel_chat(self) -> int | str | None:
        """The channel as the Bot API takes it (a number or "@name"); None when unset."""
        return channel_chat(self.channel)


@dataclass(frozen=True)
class Settings:
    """Every section of config.toml, plus the secrets read from the environment."""

    paths: PathSettings = field(default_factory=PathSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    knowledge: KnowledgeSettings = field(default_factory=KnowledgeSettings)
    index: IndexSettings = field(default_factory=IndexSettings)
    answer: AnswerSettings = field(default_factory=AnswerSettings)
    bot: BotSettings = field(default_factory=BotSettings)
    collection: CollectionSettings = field(default_factory=CollectionSettings)
    web: WebSettings = field(default_factory=WebSettings)
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    certificates: CertificateSettings = field(default_factory=CertificateSettings)
    telegram_token: str | None = None
    root: Path = Path()

    def path(self, value: str) -> Path:
        """A configured path, relative to the directory of config.toml."""
        candidate = Path(value)
        return candidate if candidate.is_absolute() else self.root / candidate


SECTIONS: dict[str, type[DataclassInstance]] = {
    "paths": PathSettings,
    "database": DatabaseSettings,
    "knowledge": KnowledgeSettings,
    "index": IndexSettings,
    "answer": AnswerSettings,
    "bot": BotSettings,
    "collection": CollectionSettings,
    "web": WebSettings,
    "calendar": CalendarSettings,
    "certificates": CertificateSettings,
}


def _coerce(name: str, annotation: Any, value: Any) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(name, inner[0], value)
    if origin is tuple:
        if not isinstance(value, list):
            raise SettingsError(f"{name}: expected a list, got {value!r}")
        return tuple(_coerce(name, args[0], v) for v in value)
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    expected = annotation if isinstance(annotation, type) else object
    if expected is not object and (
        not isinstance(value, expected) or (expected is int and isinstance(value, bool))
    ):
        raise SettingsError(f"{name}: expected {expected.__name__}, got {value!r}")
    return value


def build_section(cls: type[T], name: str, values: dict[str, Any]) -> T:
    """Builds one settings dataclass from a TOML table, rejecting unknown keys."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"[{name}]: unknown key(s) {', '.join(unknown)}")
    kwargs = {key: _coerce(f"[{name}] {key}", hints[key], value) for key, value in values.items()}
    try:
        return cls(**kwargs)
    except ValueError as exc:
        raise SettingsError(f"[{name}]: {exc}") from exc


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Reads config.toml (or $SUDANG_CONFIG) and the environment into Settings.

    Raises:
        SettingsError: The file is malformed or has an unknown or mistyped key.
    """
    env = dict(os.environ) if environ is None else environ
    path = Path(path or env.get(ENV_CONFIG) or "config.toml")
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: {exc}") from exc
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise SettingsError(f"{path}: unknown section(s) {', '.join(unknown)}")
    sections: dict[str, Any] = {
        name: build_section(cls, name, data.get(name, {})) for name, cls in SECTIONS.items()
    }
    if url := env.get(ENV_DATABASE_URL):
        sections["database"] = DatabaseSettings(url=url)
    return Settings(
        **sections, telegram_token=env.get(ENV_TOKEN) or None, root=path.resolve().parent
    )
