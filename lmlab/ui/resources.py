"""The one way to reach ``resources/`` (icons, style sheet), from a checkout, an install or a frozen app.

PyInstaller unpacks data files under ``sys._MEIPASS``; a source checkout has them
next to the ``lmlab`` package; an installed wheel may carry them as ``lmlab/resources``.
``resource_path("lmlab.svg")`` finds the file in whichever applies.

Also here: the UI font with a CJK fallback, so Chinese text renders wherever a CJK
font is installed, and the semantic colours (error red) chosen for the palette.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QIcon, QPalette

# Fonts with Chinese (and Japanese/Korean) glyphs, by platform; the first installed ones are used
# as fallbacks after the system UI font, so Latin text keeps the platform look.
CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei",  # Windows
    "PingFang SC", "Hiragino Sans GB", "Heiti SC",  # macOS
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",  # Linux and others
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN",
)
CJK_MONO_FAMILIES = ("Noto Sans Mono CJK SC", "Sarasa Mono SC", "WenQuanYi Micro Hei Mono", *CJK_FAMILIES)


def resources_dir() -> Path:
    """Where the resources are: frozen bundle, source checkout, or inside the installed package."""
    here = Path(__file__).resolve()
    candidates = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / "resources")
    candidates += [here.parents[2] / "resources", here.parents[1] / "resources"]
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def resource_path(name: str) -> Path:
    return resources_dir() / name


def read_text(name: str) -> str:
    """A text resource, or "" if it is missing (the app still runs, plainer)."""
    try:
        return resource_path(name).read_text(encoding="utf-8")
    except OSError:
        return ""


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("lmlab.svg", "lmlab.png"):
        p = resource_path(name)
        if p.is_file():
            icon.addFile(str(p), QSize())
    return icon


def stylesheet() -> str:
    return read_text("lmlab.qss")


def with_cjk_fallback(font: QFont, monospace: bool = False) -> QFont:
    """``font`` with installed CJK families appended as fallbacks (never replacing the first family).

    Example: "Segoe UI" on a Windows machine -> families ["Segoe UI", "Microsoft YaHei UI", "Microsoft YaHei"].
    """
    installed = set(QFontDatabase.families())
    # The family actually used, not an alias such as "Sans Serif": an alias first in the list
    # would lose to the CJK font and turn Latin text into the CJK font's Latin glyphs.
    first = [QFontInfo(font).family()]
    extra = [f for f in (CJK_MONO_FAMILIES if monospace else CJK_FAMILIES) if f in installed and f not in first]
    out = QFont(font)
    out.setFamilies([*first, *extra])
    return out


def monospace_font() -> QFont:
    return with_cjk_fallback(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont), monospace=True)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    """A red that reads on this palette's window colour."""
    return QColor("#ff6b6b") if is_dark(palette) else QColor("#c62828")


def ok_color(palette: QPalette) -> QColor:
    return QColor("#69db7c") if is_dark(palette) else QColor("#2b8a3e")
