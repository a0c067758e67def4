"""Screenshot of the Scaling panel: docs/screenshot-sweep.png (1280 x 800).

    QT_QPA_PLATFORM=offscreen python bench/screenshot_sweep.py [--csv FILE | --sweep FOLDER] [--out docs]

By default imports Epoch AI's reconstruction of the Chinchilla runs
(``shared/data/chinchilla_svg_extracted.csv`` beside the repository), fits it without its five
highest-loss runs, as Epoch AI did (approach 3 with 200 bootstrap resamples, approach 2, the power laws) and asks for a recommendation
at 1e22 FLOPs. ``--sweep`` opens a sweep folder instead (e.g. one written by
``bench/default_sweep.py --folder``). Nothing of the user's is touched: runs and sweeps go
to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHINCHILLA = Path(__file__).resolve().parents[2] / "shared/data/chinchilla_svg_extracted.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", default=str(CHINCHILLA), help="results CSV to import and fit")
    ap.add_argument("--sweep", default="", help="open this sweep folder instead of importing a CSV")
    ap.add_argument("--budget", type=float, default=1e22, help="compute budget of the recommendation (FLOPs)")
    ap.add_argument("--drop", type=int, default=5, help="leave out the K highest-loss runs of the CSV (Epoch AI: 5)")
    ap.add_argument("--size", default="1280x800")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    args = ap.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer

    from lmlab.ui.app import make_application
    from lmlab.core.runs import RunStore
    from lmlab.ui.controllers.training import TrainingController
    from lmlab.ui.panels.scaling import SweepPanel

    app = make_application(["lmlab"])
    tmp = Path(tempfile.mkdtemp(prefix="lmlab-sweep-shot-"))
    panel = SweepPanel(TrainingController(RunStore(tmp / "runs")))
    w, h = (int(v) for v in args.size.split("x"))
    panel.resize(w, h)
    panel.show()

    def spin(until, timeout: float) -> None:
        end = time.monotonic() + timeout
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: loop.quit() if until() or time.monotonic() > end else None)
        timer.start(50)
        loop.exec()
        timer.stop()

    if not args.sweep:
        panel.drop_spin.setValue(args.drop)
    t0 = time.perf_counter()
    ok = panel.open_sweep(args.sweep) if args.sweep else panel.import_csv(args.csv)
    if not ok:
        print("could not load:", panel.message.text(), file=sys.stderr)
        return 1
    spin(lambda: panel.fits is not None and not panel.busy, 600)
    print(f"fitted in {time.perf_counter() - t0:.1f} s; warnings: {len(panel.fits.warnings) if panel.fits else '-'}")
    if args.sweep and panel._throughput is not None:
        panel.recommendation.set_budget(1.0, "hours")
    else:
        panel.recommendation.set_budget(args.budget, "flops")
    spin(lambda: False, 0.5)  # let the layout settle
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "screenshot-sweep.png"
    panel.grab().save(str(path))
    print("wrote", path)
    panel.shutdown()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
