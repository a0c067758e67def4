"""Screenshot of the Corpus panel's Tokenizer lab: docs/screenshots/tokenizer-lab.png.

    QT_QPA_PLATFORM=offscreen python bench/screenshot_tokenizer_lab.py [--out docs/screenshots] [--font FILE]

The Corpus panel (as when its dock is floated or widened) with its Tokenizer lab comparing characters,
BPE and Unigram at 512 and 2,048 on a corpus of Chinese poems with an English line now and then, and
"Use" pressed on BPE 2,048. ``--font``: a CJK font file to load first, where none is installed (such
as wqy-microhei.ttc from Debian's fonts-wqy-microhei). The session uses a temporary runs folder and
settings: nothing of the user's is touched. ``--window`` grabs the whole 1280x800 window instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from screenshot_cleaning import _wait  # noqa: E402 (bench/ is the script's folder)
from tests.core.test_tokenizer_lab import POEMS  # noqa: E402

ENGLISH = ("The moon before my bed shines like frost upon the ground; I lift my head to see the moon, "
           "and lower it, thinking of home.")


def write_corpus(path: Path) -> None:
    lines = [POEMS[(i * 3) % len(POEMS)] + ("\n" + ENGLISH if i % 4 == 0 else "") for i in range(400)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots"))
    ap.add_argument("--size", default="800x800", help="panel size, WIDTHxHEIGHT")
    ap.add_argument("--font", help="a CJK font file to load first")
    ap.add_argument("--window", action="store_true", help="grab the whole window at 1280x800")
    args = ap.parse_args(argv)

    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from lmlab.ui.app import create_main_window

    app = QApplication.instance() or QApplication(["lmlab"])
    if args.font and QFontDatabase.addApplicationFont(args.font) < 0:
        print(f"cannot load the font {args.font}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "唐诗.txt"
        write_corpus(corpus)
        window = create_main_window(runs_dir=Path(tmp) / "runs", settings=Path(tmp) / "lmlab.ini", corpus=[str(corpus)])
        window.resize(1280, 800)
        window.show()
        panel = window.corpus_panel
        if not args.window:
            window.corpus_dock.setFloating(True)
            window.corpus_dock.resize(*(int(v) for v in args.size.split("x")))
        _wait(app, lambda: window.session.corpus_state.loaded and not window.session.corpus_state.scanning)
        panel.show_tokenizer_lab()
        lab = window.session.tokenizer_lab
        lab.set_vocab_sizes([512, 2048])
        lab.run()
        _wait(app, lambda: not lab.state.running)
        lab.use(2)  # BPE 2,048
        panel.lab.table.setCurrentCell(0, 1)  # show how BPE 512 cuts the sample
        _wait(app, lambda: False, 0.5)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / ("tokenizer-lab-window.png" if args.window else "tokenizer-lab.png")
        (window if args.window else panel).grab().save(str(path))
        print(path)
        window.session.shutdown()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
