"""Scaling laws for small GPTs: fit power laws and Chinchilla's approaches 2 and 3 to run results.

Qt-free, numpy/scipy only. The pieces live in ``scaling_data`` (CSV import/export),
``scaling_fit`` (power laws, approach 3, compute-optimal allocation), ``scaling_isoflop``
(approach 2), ``scaling_bootstrap`` (uncertainty) and ``scaling_optim`` (the batched
optimiser); this module re-exports them and adds the report behind ``lmlab fit``.

Example::

    >>> import numpy as np
    >>> N, D = np.meshgrid(np.logspace(6, 9, 8), np.logspace(7, 11, 8))
    >>> loss = 1.8 + 480 / N**0.35 + 2100 / D**0.37
    >>> fit = fit_chinchilla(N.ravel(), D.ravel(), loss.ravel())
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.35, 0.37)
"""

from __future__ import annotations

import argparse
import json
import math
from os import PathLike
from typing import Any, Mapping, Sequence

from .scaling_bootstrap import (
    ChinchillaBootstrap,
    Interval,
    LossBand,
    bootstrap_chinchilla,
    predicted_loss_band,
)
from .scaling_data import (
    ScalingData,
    ScalingDataError,
    as_scaling_data,
    read_results_csv,
    write_results_csv,
)
from .scaling_fit import (
    HOFFMANN_GRID,
    Chinchilla3Fit,
    ComputeOptimal,
    FrontierFit,
    PowerLawFit,
    chinchilla_objective,
    compute_frontier,
    compute_optimal,
    data_warnings,
    fit_chinchilla,
    fit_compute_frontier,
    fit_power_law,
    start_grid,
)
from .scaling_isoflop import IsoflopFit, IsoflopParabola, fit_isoflop_parabolas, group_by_compute

__all__ = [
    "HOFFMANN_GRID",
    "Chinchilla3Fit",
    "ChinchillaBootstrap",
    "ComputeOptimal",
    "FrontierFit",
    "Interval",
    "IsoflopFit",
    "IsoflopParabola",
    "LossBand",
    "PowerLawFit",
    "ScalingData",
    "ScalingDataError",
    "add_fit_arguments",
    "as_scaling_data",
    "bootstrap_chinchilla",
    "chinchilla_objective",
    "compute_frontier",
    "compute_optimal",
    "data_warnings",
    "fit_chinchilla",
    "fit_compute_frontier",
    "fit_isoflop_parabolas",
    "fit_power_law",
    "fit_report",
    "format_report",
    "group_by_compute",
    "predicted_loss_band",
    "read_results_csv",
    "run_fit_command",
    "start_grid",
    "write_results_csv",
]


def _num(v: Any) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def _interval(estimate: float, iv: Interval | None) -> dict[str, float | None]:
    if iv is None:
        return {"estimate": _num(estimate), "low": None, "high": None}
    return {"estimate": _num(iv.estimate), "low": _num(iv.low), "high": _num(iv.high)}


def fit_report(
    source: str | PathLike[str] | ScalingData | Any,
    *,
    n_boot: int = 200,
    seed: int | None = 0,
    drop_highest: int = 0,
    budget: float | None = None,
    level: float = 0.95,
    delta: float = 1e-3,
    grid: Mapping[str, Sequence[float]] | None = None,
) -> dict[str, Any]:
    """Everything ``lmlab fit`` shows, as a JSON-serialisable dict.

    ``source``: a results CSV path, a ``ScalingData`` or arrays ``(N, D, loss[, C])``.
    Drops the ``drop_highest`` highest-loss runs, fits approach 3 from the 4500-start grid,
    bootstraps it ``n_boot`` times (0: no intervals), derives the compute-optimal
    exponents (and N_opt, D_opt, loss at ``budget`` FLOPs when given), fits the
    loss–compute frontier and, when the runs form IsoFLOP groups, approach 2.
    ``grid`` replaces Hoffmann's start grid (see ``fit_chinchilla``).
    Raises ``ScalingDataError`` when the data cannot be fitted at all.
    """
    data = as_scaling_data(source).drop_highest(drop_highest)
    if budget is not None and not (math.isfinite(budget) and budget > 0):
        raise ScalingDataError(f"the compute budget must be a positive number of FLOPs, got {budget}.")
    fit = fit_chinchilla(data.N, data.D, data.loss, delta=delta, grid=grid)
    boot = bootstrap_chinchilla(data.N, data.D, data.loss, fit=fit, n_boot=n_boot, seed=seed, level=level) if n_boot > 0 else None
    warnings = list(fit.warnings) + (list(boot.warnings) if boot else [])

    def iv(name: str) -> Interval | None:
        return boot.interval(name) if boot else None

    opt = fit.compute_optimal(1.0)
    report: dict[str, Any] = {
        "source": data.source,
        "n_runs": len(data),
        "dropped_highest": drop_highest,
        "approach3": {
            "model": "L(N, D) = E + A/N^alpha + B/D^beta",
            "params": {name: _interval(getattr(fit, name), iv(name)) for name in ("E", "A", "B", "alpha", "beta")},
            "objective": fit.objective,
            "delta": fit.delta,
            "n_starts": fit.n_starts,
            "n_best": fit.n_best,
            "on_grid_edge": fit.on_grid_edge,
        },
        "compute_optimal": {
            "a": _interval(opt.a, iv("a")),
            "b": _interval(opt.b, iv("b")),
            "G": _interval(opt.G, iv("G")),
        },
        "bootstrap": {"n_boot": n_boot, "seed": seed, "level": level} if boot else None,
        "budget": None,
        "frontier": None,
        "approach2": None,
        "notes": [],
        "warnings": warnings,
    }
    if budget is not None:
        at = fit.compute_optimal(budget)
        ivs = boot.at_budget(budget) if boot else {}
        report["budget"] = {"C": float(budget)} | {
            k: _interval(getattr(at, k), ivs.get(k)) for k in ("N_opt", "D_opt", "tokens_per_param", "loss")
        }
    try:
        fr = fit_compute_frontier(data.C, data.loss, delta=delta)
        report["frontier"] = {"E": fr.fit.E, "A": fr.fit.A, "alpha": fr.fit.alpha, "n_points": fr.fit.n_points}
        warnings += [f"Frontier: {w}" for w in fr.fit.warnings]
    except ScalingDataError as exc:
        report["notes"].append(f"Loss–compute frontier not fitted: {exc}")
    try:
        iso = fit_isoflop_parabolas(data.N, data.loss, data.C, budget=data.budget)
        d2 = iso.to_dict()
        report["approach2"] = {k: d2[k] for k in ("a", "b", "N_coef", "D_coef")} | {
            "budgets": [
                {k: p[k] for k in ("C", "n_runs", "N_min", "N_max", "N_opt", "D_opt", "loss_opt", "inside")} for p in d2["parabolas"]
            ]
        }
        warnings += [f"Approach 2: {w}" for w in iso.warnings]
    except ScalingDataError as exc:
        report["notes"].append(f"Approach 2 not fitted: {exc}")
    return report


def _fmt(v: float | None) -> str:
    if v is None:
        return "–"
    a = abs(v)
    if a != 0 and (a >= 1e5 or a < 1e-3):
        return f"{v:.3g}"
    return f"{v:.4g}"


def _span(d: dict[str, float | None]) -> str:
    if d.get("low") is None:
        return _fmt(d["estimate"])
    return f"{_fmt(d['estimate'])} ({_fmt(d['low'])} – {_fmt(d['high'])})"


def format_report(report: dict[str, Any]) -> str:
    """The report of ``fit_report`` as text for a terminal."""
    a3 = report["approach3"]
    boot = report.get("bootstrap")
    lines = [f"Scaling-law fit of {report['source']}: {report['n_runs']} runs"
             + (f" ({report['dropped_highest']} highest-loss runs dropped)" if report.get("dropped_highest") else "")]
    lines.append("")
    lines.append("Approach 3 (Chinchilla): L(N, D) = E + A/N^α + B/D^β")
    if boot:
        lines.append(f"  estimate ({boot['level']:.0%} interval from {boot['n_boot']} bootstrap resamples of the runs)")
    names = {"E": "E", "A": "A", "B": "B", "alpha": "α", "beta": "β"}
    for k, label in names.items():
        lines.append(f"  {label:<6}{_span(a3['params'][k])}")
    lines.append(
        f"  Huber objective {a3['objective']:.8g} (δ = {a3['delta']:g}, summed over runs); "
        f"{a3['n_best']} of {a3['n_starts']} starts reached the best fit."
    )
    co = report["compute_optimal"]
    lines.append("")
    lines.append("Compute-optimal allocation (C ≈ 6·N·D): N_opt = G·(C/6)^a, D_opt = C/(6·N_opt)")
    lines.append(f"  a {_span(co['a'])}   b {_span(co['b'])}   G {_span(co['G'])}")
    bud = report.get("budget")
    if bud:
        lines.append(f"  At C = {bud['C']:.3g} FLOPs:")
        lines.append(f"    N_opt {_span(bud['N_opt'])} parameters")
        lines.append(f"    D_opt {_span(bud['D_opt'])} tokens")
        lines.append(f"    tokens per parameter {_span(bud['tokens_per_param'])}")
        lines.append(f"    predicted loss {_span(bud['loss'])}")
    fr = report.get("frontier")
    if fr:
        lines.append("")
        lines.append(
            f"Loss–compute frontier ({fr['n_points']} runs): L(C) = {_fmt(fr['E'])} + {_fmt(fr['A'])}·C^-{_fmt(fr['alpha'])}"
        )
    a2 = report.get("approach2")
    if a2:
        lines.append("")
        lines.append(f"Approach 2 (IsoFLOP parabolas, {len(a2['budgets'])} budgets): N_opt ∝ C^{_fmt(a2['a'])}, D_opt ∝ C^{_fmt(a2['b'])}")
        for p in a2["budgets"]:
            mark = "" if p["inside"] else "  (outside the sampled sizes)"
            lines.append(f"  C = {p['C']:.3g}: N* = {p['N_opt']:.3g}, D* = {p['D_opt']:.3g}, loss {_fmt(p['loss_opt'])}{mark}")
    for note in report.get("notes", []):
        lines.append("")
        lines.append(note)
    if report["warnings"]:
        lines.append("")
        lines.append("Warnings:")
        lines += [f"  - {w}" for w in report["warnings"]]
    return "\n".join(lines)


def add_fit_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Options of ``lmlab fit`` (for the CLI to attach to its ``fit`` sub-parser)."""
    parser.add_argument("csv", help="results CSV: columns N, D, loss (C optional; Epoch's 'Model Size', 'Training FLOP' work too)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--bootstrap", type=int, default=200, metavar="N", help="bootstrap resamples for intervals (0: none; default 200)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    parser.add_argument("--drop-highest", type=int, default=0, metavar="K", help="drop the K highest-loss runs first (default 0)")
    parser.add_argument("--budget", type=float, default=None, metavar="FLOPS", help="predict N_opt, D_opt and loss at this compute budget")
    parser.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    return parser


def run_fit_command(args: argparse.Namespace) -> int:
    """Run ``lmlab fit`` with parsed ``args``; prints the report, returns the exit status.
    ``ScalingDataError`` propagates for the CLI layer to print."""
    if args.bootstrap < 0:
        raise ScalingDataError("--bootstrap must be 0 or more.")
    if not 0 < args.level < 1:
        raise ScalingDataError("--level must be between 0 and 1, e.g. 0.95.")
    report = fit_report(
        args.csv,
        n_boot=args.bootstrap,
        seed=args.seed,
        drop_highest=args.drop_highest,
        budget=args.budget,
        level=args.level,
    )
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
