"""Screenshot of the training plots on ``lmlab demo induction``: docs/screenshot-induction-marker.png.

Runs the induction demo (``lmlab.core.attention_demo``: a 2-layer GPT on random tokens with a
repeated stretch) for ``--steps`` steps with an evaluation every ``--eval-every``, stores each
evaluation's induction scores as an attention snapshot, and feeds the loss and the snapshots to
the Training panel's plots (``TrainingPlots``) as the engine's events would. The induction marker
should sit where the loss drops off its plateau (Olsson et al. 2022's bump).

    python bench/screenshot_induction_marker.py        # about 4 minutes on one loaded core
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

import numpy as np  # noqa: E402

from lmlab.core.attention_demo import induction_demo  # noqa: E402
from lmlab.core.attention_files import save_snapshot  # noqa: E402
from lmlab.core.engine import EvalMetrics, Started  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--eval-every", type=int, default=25)
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshot-induction-marker.png"))
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    from lmlab.ui.panels.training_plots import TrainingPlots

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d:
        evals = []

        def progress(step: int, loss: float, scores: np.ndarray) -> None:
            save_snapshot(d, step, np.zeros((1, 1, 1, 1)), {"induction": scores})
            evals.append((step, loss))
            print(f"step {step}: loss {loss:.3f}, best induction {scores.max():.2f}", flush=True)

        result = induction_demo(steps=args.steps, eval_every=args.eval_every, stop_at=None, progress=progress)
        plots = TrainingPlots()
        plots.resize(1100, 520)
        plots.show()
        tokens_per_step = 32 * 63
        plots.on_event(Started(d, 0, result["steps"], "cpu", "cpu", "fp32", 0, 0, tokens_per_step))
        for step, loss in evals:
            plots.on_event(EvalMetrics(step, step * tokens_per_step, loss, loss, 0.0))
        for _ in range(20):
            app.processEvents()
        for p in plots.plots:
            p.redraw()
        plots.grab().save(args.out)
        print({k: (m.step, m.layer, m.head, m.value) for k, (m, _) in plots.markers.items()}, args.out)


if __name__ == "__main__":
    main()
