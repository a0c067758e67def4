"""Cross-attention of a trained digits -> Chinese numerals translator: docs/screenshot-translate-cross.png.

Takes a run trained by ``bench/bench_translate.py`` (its folder), translates a held-out-style number
and draws the first decoder layer's cross-attention, one heatmap per head (rows: the Chinese token
being written; columns: the digits), with lmlab's own heatmap widget offscreen (matplotlib is not a
dependency). The Attention panel's encoder-decoder view (issue 16, UI part) shows the same arrays
(``core.jobs.translate.attention_maps``).

    python bench/screenshot_translate_attention.py RUN_FOLDER [--text 20345] [--layer 0]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget  # noqa: E402

from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.jobs.translate import attention_maps  # noqa: E402
from lmlab.ui.plots.heatmap import MatrixHeatmap  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("--text", default="34567")
    ap.add_argument("--numbers", type=int, default=100, help="random 5-digit numbers for the alignment table")
    ap.add_argument("--layer", type=int, default=0)
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshot-translate-cross.png"))
    a = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    maps = drain(attention_maps(a.run, a.text))
    written = maps.target_tokens[1:] + ["</s>"]  # row t: attention while writing token t
    print("translation:", "".join(maps.target_tokens[1:]))
    page = QWidget()
    page.setStyleSheet("background: white; color: black;")
    grid = QGridLayout(page)
    title = QLabel(f"Cross-attention, decoder layer {a.layer + 1}: {a.text} -> {''.join(written[:-1])} "
                   f"(rows: the token being written; columns: the source digits), step {maps.step}")
    grid.addWidget(title, 0, 0, 1, maps.cross.shape[1])
    for h in range(maps.cross.shape[1]):
        heat = MatrixHeatmap(row_title="writing", col_title=f"head {h + 1}: source", colorbar=h == maps.cross.shape[1] - 1)
        heat.set_image(maps.cross[a.layer, h], written, maps.source_tokens)
        heat.setMinimumSize(260 if h < maps.cross.shape[1] - 1 else 330, 380)
        grid.addWidget(heat, 1, h)
    page.resize(1280, 440)
    page.show()
    app.processEvents()
    page.grab().save(a.out)
    print("saved", a.out)
    alignment_table(a.run, a.layer, a.numbers)


UNITS = {"万": 4, "千": 3, "百": 2, "十": 1}  # the place (power of ten) each unit names


def alignment_table(run: str, layer: int, numbers: int) -> None:
    """For each unit character: how often each head's strongest source position, while writing it, is
    the digit of that place (e.g. 千 -> the thousands digit), over random 5-digit numbers."""
    import numpy as np

    from lmlab.core.seq2seq.tasks import chinese_numeral

    hits: dict[str, np.ndarray] = {}
    counts = dict.fromkeys(UNITS, 0)
    for n in np.random.default_rng(5).integers(10_000, 100_000, numbers):
        text = str(n)
        maps = drain(attention_maps(run, text, target=chinese_numeral(int(n))))
        for t, token in enumerate(maps.target_tokens[1:]):
            if token in UNITS:
                right = maps.cross[layer, :, t].argmax(-1) == len(text) - 1 - UNITS[token]
                hits[token] = hits.get(token, 0) + right
                counts[token] += 1
    H = next(iter(hits.values())).shape[0]
    print("| writing | " + " | ".join(f"head {h + 1}" for h in range(H)) + " |")
    print("|---" * (H + 1) + "|")
    for unit, c in counts.items():
        print(f"| {unit} ({c}) | " + " | ".join(f"{100 * v / c:.0f} %" for v in hits[unit]) + " |")


if __name__ == "__main__":
    main()
