"""Screenshots of the Inside panel's three views on a freshly trained model: docs/screenshot-inside-*.png.

Trains the ``tiny`` preset (2 layers, 2 heads, width 64, context 64) for 400 steps on the default
corpus (Shakespeare, character tokens) at a peak learning rate of 3e-3, with an evaluation (and so
a probe record and a timeline entry) every 50 steps, then shows the Inside panel offscreen and
grabs each tab: per-token loss (in diff mode against the first evaluation), logit lens, timeline.

    python bench/screenshot_instruments.py                        # a minute or two on 2 cores
    python bench/screenshot_instruments.py --runs-dir /tmp/runs   # keep (and reuse) the trained run
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
from lmlab.core.config import preset  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402


def trained_run(store: RunStore, steps: int):
    name = f"tiny-shakespeare-inside-{steps}"
    for run in store.runs():
        if run.name == name and run.read_status().get("status") == "finished":
            return run
    cfg = preset("tiny").with_changes(train={
        "max_steps": steps, "eval_every": 50, "eval_batches": 8, "checkpoint_every": steps,
        "learning_rate": 3e-3, "min_lr": 3e-4, "warmup_steps": 30, "threads": 2})
    run = store.create(cfg, name)
    drain(prepare_run(run))
    for ev in engine.train(run):
        if isinstance(ev, engine.Finished) and ev.status != "finished":
            raise SystemExit(ev.reason)
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs-dir", default=None)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--out-dir", default=str(REPO / "docs"))
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    from lmlab.core.loading import ModelCache
    from lmlab.ui.controllers.instruments import InstrumentsController
    from lmlab.ui.panels.instruments import InsidePanel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        run = trained_run(RunStore(args.runs_dir or tmp), args.steps)
        controller = InstrumentsController(ModelCache())
        panel = InsidePanel(controller)
        panel.resize(1200, 640)
        panel.show()
        controller.set_run(str(run.path))
        while controller.result is None or controller.busy:
            app.processEvents()
        controller.find_hardest()
        while controller.busy:
            app.processEvents()
        out = Path(args.out_dir)
        panel.per_token.compare.setChecked(True)
        panel.tabs.setCurrentWidget(panel.per_token)
        app.processEvents()
        panel.grab().save(str(out / "screenshot-inside-loss-diff.png"))
        panel.per_token.compare.setChecked(False)
        app.processEvents()
        panel.grab().save(str(out / "screenshot-inside-loss.png"))
        panel.tabs.setCurrentWidget(panel.lens)
        app.processEvents()
        panel.grab().save(str(out / "screenshot-inside-lens.png"))
        panel.tabs.setCurrentWidget(panel.timeline)
        panel.timeline.steps.set_index(3)
        app.processEvents()
        panel.grab().save(str(out / "screenshot-inside-timeline.png"))
        controller.shutdown()
        print("\n".join(str(p) for p in sorted(out.glob("screenshot-inside-*.png"))))


if __name__ == "__main__":
    main()
