"""Dependencies point one way: bot → quizzes → index → knowledge; only bot/ knows Telegram."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"bot", "knowledge", "index", "quizzes", "web", "bench", "tests", "testkit", "tools"}
TOOLING = {"testkit", "tests", "bench", "tools"}
FORBIDDEN = {
    "knowledge": {"index", "quizzes", "bot", "telegram", "faiss", "sentence_transformers"}
    | TOOLING,
    "index": {"quizzes", "bot", "telegram", *TOOLING},
    "quizzes": {"bot", "telegram", *TOOLING},
    "bot": TOOLING,
    "web": {"telegram", "sqlalchemy", "index", "faiss", "sentence_transformers", *TOOLING},
    "testkit": {"tests", "bench"},
    "bench": {"tests"},
    "tests": {"bench"},
}
TELEGRAM_FREE = {"bot/texts.py", "bot/callbacks.py", "bot/services.py", "bot/ratelimit.py"} | {
    p.relative_to(ROOT).as_posix()
    for folder in ("views", "core", "cli")
    for p in (ROOT / "bot" / folder).glob("*.py")
}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "bot.handlers":  # "from bot.handlers import contest"
                found.update(f"bot.handlers.{alias.name}" for alias in node.names)
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_follow_the_layering(package):
    offenders = {}
    for path in modules(package):
        relative = path.relative_to(ROOT).as_posix()
        banned = set(FORBIDDEN[package])
        if relative in TELEGRAM_FREE:
            banned.add("telegram")
        bad = imported_roots(path) & banned
        if bad:
            offenders[relative] = sorted(bad)
    assert offenders == {}


def test_quizzes_reach_index_only_through_its_public_api():
    for path in modules("quizzes"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("index."):
                pytest.fail(f"{path.relative_to(ROOT)} imports {module}")


def test_nothing_but_tests_and_bench_imports_bot():
    for package in ("knowledge", "index", "quizzes"):
        for path in modules(package):
            assert "bot" not in imported_roots(path), path


def test_views_are_only_imported_by_front_ends():
    """Views turn core results into text; no core module reaches back into them."""
    for package in ("knowledge", "index", "quizzes"):
        for path in modules(package):
            assert not any(m.startswith("bot") for m in imported_modules(path)), path
    for path in (ROOT / "bot" / "views").glob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith("bot.handlers")}
        assert bad == set(), path


def test_handlers_do_not_import_each_other_beyond_the_shared_helpers():
    shared = {
        "bot.handlers.common",
        "bot.handlers.limits",
        "bot.handlers.errors",
        "bot.handlers.polls",
    }
    crossings = {}
    for path in (ROOT / "bot" / "handlers").glob("*.py"):
        own = f"bot.handlers.{path.stem}"
        found = {
            m for m in imported_modules(path) if m.startswith("bot.handlers.") and m not in shared
        } - {own}
        if found:
            crossings[path.name] = sorted(found)
    assert crossings == {}


def test_cores_import_no_views_and_no_telegram():
    for path in (ROOT / "bot" / "core").glob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith(("bot.views", "bot.handlers"))}
        assert bad == set(), path


@pytest.mark.parametrize(
    ("package", "banned"),
    [
        ("bank", ("quizzes.practice", "quizzes.contest")),
        ("practice", ("quizzes.contest",)),
        ("contest", ("quizzes.practice",)),
    ],
)
def test_quiz_subpackages_keep_their_direction(package, banned):
    """The bank knows neither practice nor contests; practice and contests know the bank only."""
    for path in (ROOT / "quizzes" / package).rglob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith(banned)}
        assert bad == set(), path


def test_only_the_telegram_adapter_imports_telegram():
    allowed = {"bot/app.py", "bot/keyboards.py"}
    for path in modules("bot"):
        relative = path.relative_to(ROOT).as_posix()
        if relative in allowed or relative.startswith("bot/handlers/"):
            continue
        assert "telegram" not in imported_roots(path), relative


def test_web_pages_go_through_the_cores_only():
    """The web front end reaches books, answers and contests through bot.core, the quizzes
    facades and the Telegram-free views: no handler, no table, no index of its own."""
    allowed_knowledge = {"knowledge.clock"}
    banned = ("bot.handlers", "bot.app", "bot.keyboards", "bot.callbacks")
    for path in modules("web"):
        for module in imported_modules(path):
            assert not module.startswith(banned), (path, module)
            assert not module.endswith(".models"), (path, module)
            if module.startswith("knowledge"):
                assert module in allowed_knowledge, (path, module)
            if module.startswith("quizzes.") and module.count(".") > 1:
                pytest.fail(f"{path.relative_to(ROOT)} imports {module}, not a facade")
