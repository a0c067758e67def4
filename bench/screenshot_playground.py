"""Screenshot of the Playground panel on a model trained a little: docs/screenshot-playground.png.

    QT_QPA_PLATFORM=offscreen python bench/screenshot_playground.py [--steps 1000] [--out docs] [--dark]
    python bench/screenshot_playground.py --runs /tmp/shot-runs   # keep (and reuse) the trained run

Trains the ``tiny`` preset (about 40 s on one CPU thread) on the default Shakespeare corpus (characters) in a temporary
runs folder, generates from "ROMEO:" with a fixed seed, branches once at a token, selects
that token so the distribution chart and the alternatives show it, and grabs the panel
offscreen. Nothing of the user's is touched.
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


def trained_run(root: Path, steps: int):
    """The newest run in ``root`` with a checkpoint, else a new one trained for ``steps`` steps."""
    from lmlab.core import engine
    from lmlab.core.config import preset
    from lmlab.core.jobs.drive import drain
    from lmlab.core.pipeline import prepare_run
    from lmlab.core.runs import RunStore

    store = RunStore(root)
    for run in store.runs():
        if run.checkpoints():
            return store
    cfg = preset("tiny").with_changes(
        name="tiny · Shakespeare",
        train={"max_steps": steps, "eval_every": max(1, steps // 2), "checkpoint_every": max(1, steps // 2),
               "log_every": 50, "threads": 1},
    )
    run = store.create(cfg, "tiny · Shakespeare")
    t0 = time.perf_counter()
    drain(prepare_run(run))
    for ev in engine.train(run):
        if ev.type == "finished":
            print(f"trained {steps} steps in {time.perf_counter() - t0:.0f} s: {ev}")
    return store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs"))
    ap.add_argument("--runs", default="", help="runs folder to train into / reuse (default: a temporary one)")
    ap.add_argument("--dark", action="store_true", help="use a dark palette (Fusion style)")
    ap.add_argument("--size", default="1280x780")
    args = ap.parse_args(argv)

    import torch
    from PySide6.QtCore import QEventLoop, QTimer

    from lmlab.ui.app import make_application
    from lmlab.core.loading import ModelCache
    from lmlab.ui.controllers.playground import PlaygroundController
    from lmlab.ui.panels.playground import PlaygroundPanel

    torch.set_num_threads(1)
    app = make_application(["lmlab"])
    if args.dark:
        from PySide6.QtGui import QColor, QPalette

        app.setStyle("Fusion")
        pal = QPalette()
        for role, color in ((QPalette.ColorRole.Window, "#2b2b2e"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                            (QPalette.ColorRole.Base, "#1e1e20"), (QPalette.ColorRole.AlternateBase, "#2b2b2e"),
                            (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#35353a"),
                            (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#4c6ef5"),
                            (QPalette.ColorRole.HighlightedText, "#ffffff"),
                            (QPalette.ColorRole.PlaceholderText, "#9a9aa0"), (QPalette.ColorRole.Mid, "#5a5a60")):
            pal.setColor(role, QColor(color))
        app.setPalette(pal)

    root = Path(args.runs) if args.runs else Path(tempfile.mkdtemp(prefix="lmlab-shot-")) / "runs"
    store = trained_run(root, args.steps)

    def spin(until, timeout: float) -> None:
        end = time.monotonic() + timeout
        while not until() and time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    panel = PlaygroundPanel(PlaygroundController(store, ModelCache()))
    w, h = (int(v) for v in args.size.split("x"))
    panel.resize(w, h)
    panel.show()
    spin(lambda: panel.primary.model() is not None, 60)
    panel.prompt_edit.setPlainText("ROMEO:\n")
    panel.max_tokens.setValue(400)
    panel.random_seed.setChecked(False)
    panel.seed_edit.setText("7")
    panel.top_k.setValue(20)
    panel.stop_edit.setText("THE END, \\n\\n\\n\\n")
    panel.generate()
    spin(lambda: not panel.busy, 120)

    # Branch once: at the first token whose model probability is low, take the most likely alternative.
    pane = panel.primary
    b = pane.current_branch()
    k = next((i for i, t in enumerate(b.tokens) if i > 40 and t.raw_prob < 0.25 and t.text.strip()), 45)
    alt = next(a for a, _p, _q in b.tokens[k].alternatives if a != b.tokens[k].id)
    panel.branch(pane, k, alt)
    spin(lambda: not panel.busy, 120)

    # Select a token in the new branch so the chart shows its distribution.
    view = pane.view
    j = next((i for i, t in enumerate(view.tokens) if i > k + 8 and t.text.strip() and t.raw_prob < 0.5), k + 10)
    view.verticalScrollBar().setValue(0)  # show the prompt
    view.select_token(j)
    view.token_clicked.emit(j)
    spin(lambda: panel.dist_view.caption.text().startswith(f"At token {j + 1}"), 30)
    settle()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / ("screenshot-playground-dark.png" if args.dark else "screenshot-playground.png")
    panel.grab().save(str(path))
    print(path)
    panel.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
