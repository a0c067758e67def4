"""Screenshot of the Corpus panel's Cleaning tab after cleaning a few web pages: docs/screenshot-cleaning.png.

    QT_QPA_PLATFORM=offscreen python bench/screenshot_cleaning.py [--out docs]

The pages (English and Chinese, with markup, one exact copy and one near copy) are written to a
temporary folder, and the session uses a temporary runs folder: nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def write_pages(folder: Path) -> None:
    rng = random.Random(3)
    words = "the model reads every page and learns which words follow which others in the text".split()

    def page(seed: int, n: int = 12) -> list[str]:
        r = random.Random(seed)
        return [" ".join(r.choice(words) for _ in range(9)).capitalize() + "." for _ in range(n)]

    base = page(1)
    near = list(base)
    near[rng.randrange(len(near))] = "One sentence of this copy is new."
    pages = {"home.html.txt": base, "mirror.txt": base, "copy-edited.txt": near, "about.txt": page(2)}
    for name, sentences in pages.items():
        body = "\n".join(f"<p>{s}</p>" for s in sentences)
        (folder / name).write_text(f"<html><head><style>p {{ margin: 0 }}</style></head><body>\n<h1>Notes &amp; "
                                   f"drafts</h1>\n{body}\n<!-- footer -->\n</body></html>\n", encoding="utf-8")
    (folder / "zh.txt").write_text("<p>　　第一章　開始</p>\n<p>漢語的ＡＢＣ　１２３。</p>\n\n\n\n<p>歡迎   閱讀。</p>\n",
                                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs"))
    ap.add_argument("--size", default="720x900", help="panel size, WIDTHxHEIGHT")
    args = ap.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from lmlab.core.cleaning import CleaningOptions
    from lmlab.ui.panels.corpus import CorpusPanel
    from lmlab.ui.session import Session

    app = QApplication.instance() or QApplication(["lmlab"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder)
        session = Session(Path(tmp) / "runs")
        panel = CorpusPanel(session)
        w, h = (int(v) for v in args.size.split("x"))
        panel.resize(w, h)
        panel.show()
        session.open_corpus([str(folder)])
        _wait(app, lambda: session.corpus_state.loaded)
        session.cleaning.set_options(CleaningOptions.parse("nfkc,whitespace,html,t2s,dedup,near-dedup=0.7"))
        panel.show_cleaning()
        session.clean_corpus()
        _wait(app, lambda: session.cleaning.state.result is not None or bool(session.cleaning.state.error))
        _wait(app, lambda: False, 0.3)
        out = Path(args.out) / "screenshot-cleaning.png"
        panel.grab().save(str(out))
        print(out)
        session.shutdown()
    return 0


def _wait(app, done, seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    raise SystemExit(main())
