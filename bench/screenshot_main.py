"""Screenshots of the main window after a short real run: docs/screenshot-main.png (1280x800)
and docs/screenshot-main-1080.png (1920x1080).

    QT_QPA_PLATFORM=offscreen python bench/screenshot_main.py [--steps 150] [--out docs]

Trains the ``tiny`` preset on the default Shakespeare corpus in a temporary runs folder
(with temporary settings), so nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs"))
    ap.add_argument("--dark", action="store_true", help="use a dark palette (Fusion style)")
    args = ap.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer

    from lmlab.core.config import preset
    from lmlab.ui.app import create_main_window, make_application

    app = make_application(["lmlab"])
    if args.dark:
        from PySide6.QtGui import QColor, QPalette

        app.setStyle("Fusion")
        pal = QPalette()
        for role, color in ((QPalette.ColorRole.Window, "#2b2b2e"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                            (QPalette.ColorRole.Base, "#1e1e20"), (QPalette.ColorRole.AlternateBase, "#2b2b2e"),
                            (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#35353a"),
                            (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#4c6ef5"),
                            (QPalette.ColorRole.PlaceholderText, "#9a9aa0"), (QPalette.ColorRole.Mid, "#5a5a60")):
            pal.setColor(role, QColor(color))
        app.setPalette(pal)
    tmp = Path(tempfile.mkdtemp(prefix="lmlab-shot-"))
    cfg = preset("tiny").with_changes(train={"max_steps": args.steps, "eval_every": 25, "log_every": 2})
    win = create_main_window(tmp / "runs", tmp / "settings.ini", config=cfg, corpus=[], extra_panels=True)
    win.resize(1280, 800)
    win.show()

    def spin(until, timeout: float) -> None:
        """Run the event loop (idle, not busy: the training thread needs the GIL) until ``until()``."""
        end = time.monotonic() + timeout
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: loop.quit() if until() or time.monotonic() > end else None)
        timer.start(50)
        loop.exec()
        timer.stop()

    s = win.session
    spin(lambda: s.corpus_state.loaded and not s.corpus_state.scanning, 60)
    s.start()
    spin(lambda: not s.training.busy, 600)
    for p in win.training_panel.plots:
        p.redraw()
    curve = win.training_panel.loss_plot.curve("train")
    print("loss points:", len(win.training_panel.loss_plot.buffer("train")), "on the curve:",
          0 if curve.xData is None else len(curve.xData), win.training_panel.loss_plot.getPlotItem().vb.viewRange(),
          win.training_panel.loss_plot.getPlotItem().vb.autoRangeEnabled(), win.training_panel.loss_plot.isVisible())
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if args.dark else ""
    for (w, h), name in (((1280, 800), f"screenshot-main{suffix}.png"), ((1920, 1080), f"screenshot-main{suffix}-1080.png")):
        win.resize(w, h)
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        win.grab().save(str(out / name))
        print(out / name)
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
