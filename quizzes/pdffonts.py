"""Vietnamese-capable fonts for the PDFs the project prints (certificates, worksheets).

DejaVu (shipped inside matplotlib, a dependency already) has every Vietnamese letter; an
organiser may name other TrueType files instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SERIF = "DejaVuSerif.ttf"
SERIF_BOLD = "DejaVuSerif-Bold.ttf"


def bundled(name: str) -> Path:
    """A DejaVu font file shipped with matplotlib."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


@cache
def registered(regular: Path | None = None, bold: Path | None = None) -> tuple[str, str]:
    """The reportlab names of a regular and a bold face (DejaVu Serif by default)."""
    names = []
    for path in (regular or bundled(SERIF), bold or bundled(SERIF_BOLD)):
        name = f"vi-{abs(hash(str(path)))}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    return names[0], names[1]
