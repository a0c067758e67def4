"""The CJK font lmlab brings along: a Noto Sans SC subset (SIL OFL 1.1, ``OFL.txt``), about 0.9 MB.

On a machine without any font for Chinese (a minimal Linux, CI) Chinese text would show as empty
boxes: the interface in Chinese, a Chinese corpus's preview, heatmap token labels, the playground.
``ensure_cjk_font()`` registers the bundled font with Qt in that case only, so a system's own CJK
font (Microsoft YaHei, PingFang, Noto Sans CJK...) keeps being used where there is one; the app
font's fallback families (``resources.with_cjk_fallback``) then include it. Rebuilt by
``tools/subset_cjk_font.py`` (the translations' characters, GB 2312 level 1, punctuation).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FONT_FILE = Path(__file__).resolve().parent / "NotoSansSC-lmlab.otf"
FAMILY = "Noto Sans SC"
PROBE = "中文词元损失"  # a few common hanzi that any Chinese font has


def system_has_cjk_font() -> bool:
    """Whether an installed font (not one lmlab registered) can write Chinese."""
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        if not QFontDatabase.isPrivateFamily(family) and family not in _registered:
            return True
    return False


_registered: set[str] = set()


def ensure_cjk_font(force: bool = False) -> str | None:
    """Register the bundled font when no system font covers Chinese (or ``force``); returns its family or None."""
    if _registered:
        return next(iter(_registered))
    if not force and system_has_cjk_font():
        return None
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    _registered.update(families)
    # Fonts chosen by family name elsewhere (the fixed-width font, pyqtgraph's labels) fall back to it too.
    for base in {QFont().defaultFamily(), QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()}:
        QFont.insertSubstitution(base, families[0])
    return families[0]
