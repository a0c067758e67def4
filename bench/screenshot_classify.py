"""Screenshot of the Classify panel: docs/screenshots/classify.png.

Trains an encoder classifier (the ``tiny`` preset's shape: 2 layers, width 64, context 64 characters)
from scratch on the embedded genres of the plays for 300 steps, evaluating every 50, then opens the
main window at 1280x800 offscreen on the Classify tab and grabs it.

    python bench/screenshot_classify.py                       # about a minute on 2 loaded cores
    python bench/screenshot_classify.py --runs-dir /tmp/runs  # keep (and reuse) the trained run
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

from lmlab.core.config import preset  # noqa: E402
from lmlab.core.engine import train  # noqa: E402
from lmlab.core.jobs.classify import LabelSource, create_classifier  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402

NAME = "genre encoder (screenshot)"


def trained_classifier(store: RunStore, steps: int):
    for run in store.runs():
        if run.name == NAME and run.read_status().get("status") == "finished":
            return run
    run = drain(create_classifier(store, LabelSource(), base=preset("tiny"), name=NAME,
                                  train={"max_steps": steps, "eval_every": 50, "checkpoint_every": steps,
                                         "device": "cpu"}))
    for ev in train(run):
        if ev.type == "eval":
            print(f"step {ev.step}: accuracy {ev.extra['accuracy']:.3f}", flush=True)
    return run


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs-dir", default=None)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--out", default=str(REPO / "docs" / "screenshots" / "classify.png"))
    a = p.parse_args()
    runs_dir = a.runs_dir or tempfile.mkdtemp(prefix="lmlab-classify-")
    store = RunStore(runs_dir)
    run = trained_classifier(store, a.steps)

    from lmlab.ui.app import create_main_window, make_application

    app = make_application([])
    window = create_main_window(runs_dir=runs_dir, settings=str(Path(runs_dir) / "settings.ini"), extra_panels=True)
    window.resize(1280, 800)
    window.show()
    window.runs_controller.set_current(str(run.path))
    window.show_panel("Classify")
    panel = window.panel("Classify")
    panel.table.sortByColumn(3, panel.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    for _ in range(20):
        app.processEvents()
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(a.out)
    print(f"saved {a.out}")
    window.close()


if __name__ == "__main__":
    main()
