"""Rebuild lmlab/ui/fonts/NotoSansSC-lmlab.otf: the part of Noto Sans SC (SIL OFL 1.1) that lmlab shows.

    pip install fonttools
    python tools/subset_cjk_font.py path/to/NotoSansSC-Regular.otf

Kept: every character of the translations (lmlab/ui/i18n/lmlab_*.ts), the 3,755 common hanzi of
GB 2312 level 1 (so Chinese corpora, prompts and generated text mostly render too), CJK and
full-width punctuation, ASCII, Latin-1 and the symbols the UI uses. Hinting is dropped (Qt
renders CJK unhinted anyway). The app registers this font at start only when the system has no
font for Chinese (lmlab/ui/fonts/__init__.py). Run it again after adding translations with new
characters; tests/ui/test_i18n.py fails if a translated character is missing from the font.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = ROOT / "lmlab" / "ui" / "fonts"
OUT = FONT_DIR / "NotoSansSC-lmlab.otf"
FAMILY = "Noto Sans SC"


def gb2312_level1() -> str:
    """The 3,755 hanzi of GB 2312 level 1 (rows 16-55), in GB order."""
    out = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                out.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


def translation_text() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "lmlab" / "ui" / "i18n").glob("lmlab_*.ts")))
    return "".join(re.findall(r"<(?:translation|numerusform)[^>]*>([^<]*)<", text))


def wanted_codepoints() -> set[int]:
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2500, 0x257F),
              (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    cps = {c for lo, hi in ranges for c in range(lo, hi + 1)}
    cps |= {ord(c) for c in gb2312_level1()}
    cps |= {ord(c) for c in translation_text()}
    return cps


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.desubroutinize = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = subset.load_font(argv[0], options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(wanted_codepoints()))
    sub.subset(font)
    subset.save_font(font, str(OUT), options)
    kept = len(font.getBestCmap())
    print(f"{OUT.relative_to(ROOT)}: {kept:,} characters, {OUT.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
