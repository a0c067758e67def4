"""``lmlab fit``: a printer over ``lmlab.core.jobs.fit.fit_table``, the fit the Scaling panel shows too.

Progress goes to stderr (a tqdm bar for the bootstrap in a terminal, plain lines when piped);
the report goes to stdout, as text or, with ``--json``, as ``FitReport.to_dict()``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .core.units import format_interval, format_number
from .core.events import BootstrapProgress, FitStage
from .core.jobs.drive import drain
from .core.jobs.fit import check_fit_options, fit_table
from .core.scaling.data import read_results_csv
from .core.scaling.report import FitReport

EXIT_NO_FIT = 1  # approach 3 could not be fitted (the report says why)


def add_fit_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Options of ``lmlab fit``."""
    parser.add_argument("csv", help="results CSV: columns N, D, loss (C optional; Epoch's 'Model Size', 'Training FLOP' work too)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--bootstrap", type=int, default=200, metavar="N", help="bootstrap resamples for intervals (0: none; default 200)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    parser.add_argument("--drop-highest", type=int, default=0, metavar="K", help="drop the K highest-loss runs first (default 0)")
    parser.add_argument("--budget", type=float, default=None, metavar="FLOPS", help="predict N_opt, D_opt and loss at this compute budget")
    parser.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    return parser


def cmd_fit(args: argparse.Namespace) -> int:
    """Run ``lmlab fit``: print the report; exit 1 when approach 3 could not be fitted."""
    check_fit_options(args.bootstrap, args.level, args.budget)  # before reading a large CSV
    data = read_results_csv(args.csv)
    job = fit_table(data, args.bootstrap, args.seed, level=args.level, drop_highest=args.drop_highest,
                    budget=args.budget)
    report = _follow(job, bar=sys.stderr.isatty() and not args.json)
    d = report.to_dict()
    print(json.dumps(d, indent=2) if args.json else format_report(d))
    return 0 if report.approach3 is not None else EXIT_NO_FIT


def _follow(job, bar: bool) -> FitReport:
    """Iterate the fit job, showing its progress on stderr; returns its report."""
    from tqdm import tqdm

    progress = None

    def show(ev) -> None:
        nonlocal progress
        if isinstance(ev, FitStage):
            if progress is not None:
                progress.close()
                progress = None
            if not bar or ev.stage != "bootstrap":
                print(ev.message, file=sys.stderr, flush=True)
        elif isinstance(ev, BootstrapProgress) and bar:
            if progress is None:
                progress = tqdm(total=ev.total, desc="Bootstrap refits", unit="refit", file=sys.stderr)
            progress.update(ev.done - progress.n)

    try:
        return drain(job, show)
    finally:
        if progress is not None:
            progress.close()


def _span(d: dict[str, float | None]) -> str:
    return format_interval(d["estimate"], d["low"], d["high"])


def format_report(report: dict[str, Any]) -> str:
    """``FitReport.to_dict()`` as text for a terminal."""
    lines = [f"Scaling-law fit of {report['source']}: {report['n_runs']} runs"
             + (f" ({report['dropped_highest']} highest-loss runs dropped)" if report["dropped_highest"] else "")]
    a3, boot = report["approach3"], report["bootstrap"]
    if a3:
        lines += ["", "Approach 3 (Chinchilla): L(N, D) = E + A/N^α + B/D^β"]
        if boot:
            lines.append(f"  estimate ({boot['level']:.0%} interval from {boot['n_boot']} bootstrap resamples of the runs)")
        for k, label in {"E": "E", "A": "A", "B": "B", "alpha": "α", "beta": "β"}.items():
            lines.append(f"  {label:<6}{_span(a3['params'][k])}")
        lines.append(f"  Huber objective {a3['objective']:.8g} (δ = {a3['delta']:g}, summed over runs); "
                     f"{a3['n_best']} of {a3['n_starts']} starts reached the best fit.")
        co = report["compute_optimal"]
        lines += ["", "Compute-optimal allocation (C ≈ 6·N·D): N_opt = G·(C/6)^a, D_opt = C/(6·N_opt)",
                  f"  a {_span(co['a'])}   b {_span(co['b'])}   G {_span(co['G'])}"]
    bud = report["budget"]
    if bud:
        lines += [f"  At C = {format_number(bud['C'])} FLOPs ({bud['source']}):",
                  f"    N_opt {_span(bud['N_opt'])} parameters",
                  f"    D_opt {_span(bud['D_opt'])} tokens",
                  f"    tokens per parameter {_span(bud['tokens_per_param'])}"]
        if bud["loss"]:
            lines.append(f"    predicted loss {_span(bud['loss'])}")
        lines += [f"    ({w})" for w in bud["warnings"]]
    for key, what, where in (("law_N", "N", "the lowest-loss envelope"), ("law_D", "D", "the lowest-loss envelope"),
                             ("frontier", "C", "the loss–compute frontier")):
        law = report[key]
        if law:
            lines += ["", f"L({what}) = {format_number(law['E'], 4)} + {format_number(law['A'], 4)}·{what}^-"
                          f"{format_number(law['alpha'], 4)}  ({law['n_points']} runs on {where})"]
    a2 = report["approach2"]
    if a2:
        lines += ["", f"Approach 2 (IsoFLOP parabolas, {len(a2['budgets'])} budgets): "
                      f"N_opt ∝ C^{format_number(a2['a'], 4)}, D_opt ∝ C^{format_number(a2['b'], 4)}"]
        for p in a2["budgets"]:
            mark = "" if p["inside"] else "  (outside the sampled sizes)"
            lines.append(f"  C = {format_number(p['C'])}: N* = {format_number(p['N_opt'])}, "
                         f"D* = {format_number(p['D_opt'])}, loss {format_number(p['loss_opt'], 4)}{mark}")
    for note in report["notes"]:
        lines += ["", note]
    if report["warnings"]:
        lines += ["", "Warnings:"] + [f"  - {w}" for w in report["warnings"]]
    return "\n".join(lines)
