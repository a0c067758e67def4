"""Benchmark: Chinchilla approach-3 fit, plain scipy loop vs lmlab's batched fit.

On the 240 Chinchilla runs of Epoch AI's reconstruction (245 runs, the 5 highest-loss
dropped) this times

1. the plain fit: ``scipy.optimize.minimize(method="L-BFGS-B")`` from each of the
   4500 grid starts in turn, objective as in Epoch's code (numerical gradient);
   ``--plain-starts K`` times an evenly spaced subset of K starts and extrapolates;
2. ``lmlab.core.scaling.fit_chinchilla`` (all starts at once, then polishing),

checks that both reach the same optimum (objective within ``--rtol``, default 1e-6,
relative) and prints one JSON line (also written to ``--out`` when given).

Run from the repository root::

    python bench/bench_fit.py                     # full plain loop (minutes)
    python bench/bench_fit.py --plain-starts 450  # a tenth of it, extrapolated
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lmlab.core.scaling import fit_chinchilla, read_results_csv, start_grid  # noqa: E402


def shared_data() -> Path:
    base = os.environ.get("LMLAB_SHARED")
    base = Path(base) if base else ROOT.parent / "shared"
    return base / "data" / "chinchilla_svg_extracted.csv"


def plain_loop(N, D, loss, starts, jac: bool):
    """Epoch-style fit: one L-BFGS-B run per start, scipy defaults."""
    lN, lD, lL = np.log(N), np.log(D), np.log(loss)

    def objective(p):
        a, b, e, alpha, beta = p
        pred = np.logaddexp.reduce([a - alpha * lN, b - beta * lD, e * np.ones_like(lN)])
        return np.sum(huber(1e-3, pred - lL))

    def objective_grad(p):
        a, b, e, alpha, beta = p
        u = np.stack([a - alpha * lN, b - beta * lD, np.full_like(lN, e)])
        pred = np.logaddexp.reduce(u)
        r = pred - lL
        w = np.exp(u - pred)
        psi = np.clip(r, -1e-3, 1e-3)
        g = np.array([psi @ w[0], psi @ w[1], psi @ w[2], -(psi * w[0]) @ lN, -(psi * w[1]) @ lD])
        return np.sum(huber(1e-3, r)), g

    best_f, best_x, fs = np.inf, None, []
    for x0 in starts:
        if jac:
            res = minimize(objective_grad, x0, jac=True, method="L-BFGS-B")
        else:
            res = minimize(objective, x0, method="L-BFGS-B")
        fs.append(res.fun)
        if res.fun < best_f:
            best_f, best_x = float(res.fun), res.x
    return best_f, best_x, np.array(fs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plain-starts", type=int, default=4500, metavar="K", help="starts for the plain loop (default: all 4500)")
    ap.add_argument("--plain-jac", action="store_true", help="give the plain loop the analytic gradient (not Epoch's way)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of lmlab's fit (default 3; the median is reported)")
    ap.add_argument("--rtol", type=float, default=1e-6, help="allowed relative objective difference (default 1e-6)")
    ap.add_argument("--out", type=Path, default=None, help="also write the JSON figures here")
    args = ap.parse_args(argv)

    path = shared_data()
    if not path.exists():
        print(f"no data at {path} (set LMLAB_SHARED)", file=sys.stderr)
        return 2
    data = read_results_csv(path).drop_highest(5)
    grid = start_grid()
    k = max(1, min(args.plain_starts, len(grid)))
    pick = np.unique(np.linspace(0, len(grid) - 1, k).round().astype(int))

    lm_wall, lm_cpu, fit = [], [], None
    for _ in range(max(1, args.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        fit = fit_chinchilla(data.N, data.D, data.loss)
        lm_wall.append(time.perf_counter() - t0)
        lm_cpu.append(time.process_time() - c0)

    t0, c0 = time.perf_counter(), time.process_time()
    plain_f, plain_x, plain_fs = plain_loop(data.N, data.D, data.loss, grid[pick], args.plain_jac)
    plain_wall, plain_cpu = time.perf_counter() - t0, time.process_time() - c0
    scale = len(grid) / len(pick)

    rel = (fit.objective - plain_f) / plain_f
    figures = {
        "runs": len(data),
        "starts": len(grid),
        "plain_starts": int(len(pick)),
        "plain_gradient": "analytic" if args.plain_jac else "numerical (scipy default)",
        "plain_wall_s": round(plain_wall, 2),
        "plain_cpu_s": round(plain_cpu, 2),
        "plain_wall_s_all_starts": round(plain_wall * scale, 1),
        "plain_objective": plain_f,
        "plain_n_best": int(np.sum(plain_fs <= plain_f * (1 + 1e-6))),
        "plain_params": [float(v) for v in plain_x],
        "lmlab_wall_s_median": round(float(np.median(lm_wall)), 2),
        "lmlab_wall_s": [round(t, 2) for t in lm_wall],
        "lmlab_cpu_s_median": round(float(np.median(lm_cpu)), 2),
        "lmlab_objective": fit.objective,
        "lmlab_n_best": fit.n_best,
        "lmlab_params": {"E": fit.E, "A": fit.A, "B": fit.B, "alpha": fit.alpha, "beta": fit.beta},
        "objective_rel_diff": rel,
        "same_optimum": bool(abs(rel) <= args.rtol),
        "lmlab_not_worse": bool(rel <= args.rtol),
        "speedup_vs_all_starts": round(plain_wall * scale / float(np.median(lm_wall)), 1),
        "cpus": os.cpu_count(),
        "loadavg_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }
    line = json.dumps(figures)
    print(line)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["lmlab_not_worse"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
