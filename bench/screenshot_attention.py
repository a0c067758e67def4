"""Screenshot of the Attention panel on a freshly trained model: docs/screenshot-attention.png.

Trains the ``tiny`` preset (2 layers, 2 heads, width 64, context 64) for 300 steps on
the default corpus (Shakespeare, character tokens) through ``lmlab.core``, at a peak
learning rate of 3e-3 (warm-up 30 steps), with an evaluation (and so an attention
snapshot) every 50 steps, then shows the Attention
panel offscreen on 64 tokens of the validation text with the strongest
previous-token head opened large, and grabs it.

    python bench/screenshot_attention.py                       # about a minute on 2 cores
    python bench/screenshot_attention.py --runs-dir /tmp/runs  # keep (and reuse) the trained run
    python bench/screenshot_attention.py --tab history --out /tmp/attention-history.png
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from lmlab.core import engine  # noqa: E402
from lmlab.core.attention import top_heads  # noqa: E402
from lmlab.core.config import preset  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402

def trained_run(store: RunStore, steps: int, lr: float):
    name = f"tiny-shakespeare-{steps}-lr{lr:g}"
    for run in store.runs():
        if run.name == name and run.read_status().get("status") == "finished":
            return run
    cfg = preset("tiny").with_changes(train={
        "max_steps": steps, "eval_every": 50, "eval_batches": 8, "checkpoint_every": steps,
        "learning_rate": lr, "min_lr": lr / 10, "warmup_steps": 30})
    run = store.create(cfg, name)
    drain(prepare_run(run))
    for ev in engine.train(run):
        if ev.type == "eval":
            print(f"step {ev.step}: val loss {ev.val_loss:.3f}", flush=True)
        if ev.type == "finished" and ev.status != "finished":
            raise SystemExit(f"training failed: {ev.reason}")
    return run


def wait_for(app, signal):
    from PySide6.QtCore import QEventLoop, QTimer

    got = []
    loop = QEventLoop()
    signal.connect(lambda value: (got.append(value), loop.quit()))
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    if not got:
        raise SystemExit("timed out waiting for the panel")
    return got[-1]


def main(argv: list[str] | None = None) -> Path:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshot-attention.png"))
    ap.add_argument("--runs-dir", default="", help="where to train (default: a temporary folder)")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--lr", type=float, default=3e-3, help="peak learning rate (the preset's 1e-3 learns "
                    "little attention in 300 steps)")
    ap.add_argument("--tab", choices=("maps", "history"), default="maps")
    ap.add_argument("--size", default="1400x900")
    args = ap.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from lmlab.core.loading import ModelCache
    from lmlab.ui.controllers.attention import AttentionController
    from lmlab.ui.panels.attention import AttentionPanel
    from lmlab.ui.resources import stylesheet, with_cjk_fallback

    app = QApplication.instance() or QApplication([])
    app.setFont(with_cjk_fallback(app.font()))
    app.setStyleSheet(stylesheet())
    with tempfile.TemporaryDirectory(prefix="lmlab-shot-") as tmp:
        store = RunStore(args.runs_dir or tmp)
        run = trained_run(store, args.steps, args.lr)
        panel = AttentionPanel(AttentionController(store, ModelCache()))
        w, h = (int(v) for v in args.size.split("x"))
        panel.resize(w, h)
        panel.show()
        app.processEvents()
        panel.set_run(str(run.path))
        result = wait_for(app, panel.computed)
        if panel.history is None:
            wait_for(app, panel.history_loaded)
        layer, head, _ = top_heads(result.scores["previous_token"], 1)[0]
        panel.score_combo.setCurrentIndex(panel.score_combo.findData("previous_token"))
        panel.select_head(layer, head)
        if args.tab == "history":
            panel.tabs.setCurrentWidget(panel.history_view)
        for _ in range(5):
            app.processEvents()
        if args.tab == "maps":  # point at one cell, so the hover line shows what it reads
            from PySide6.QtTest import QTest

            T = len(result.ids)
            QTest.mouseMove(panel.heatmap.viewport(), panel.heatmap.viewport_pos(T - 12, T // 3))
            for _ in range(5):
                app.processEvents()
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not panel.grab().save(str(out), "PNG"):
            raise SystemExit(f"cannot write {out}")
        panel.shutdown()
        panel.close()
    print(out)
    return out


if __name__ == "__main__":
    main()
