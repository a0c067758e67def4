"""Fit a results table with every approach the project has: the one scaling fit of lmlab.

``lmlab fit X.csv`` prints it and the Scaling panel draws it (through its controller), so both
always show the same numbers for the same table, bootstrap seed and options::

    report = drain(fit_table(read_results_csv("runs.csv"), n_boot=200, seed=0))
    report.to_dict()["approach3"]["params"]["alpha"]   # {'estimate': ..., 'low': ..., 'high': ...}
"""

from __future__ import annotations

import math
from collections.abc import Generator, Mapping, Sequence

import numpy as np

from ..events import FitProgress, FitStage
from ..scaling.bootstrap import iter_bootstrap_chinchilla
from ..scaling.data import ScalingData, ScalingDataError
from ..scaling.fit import (
    PowerLawFit,
    compute_frontier,
    fit_chinchilla,
    fit_compute_frontier,
    fit_power_law,
)
from ..scaling.isoflop import fit_isoflop_parabolas
from ..scaling.report import FitReport
from ..errors import user_text

MIN_RUNS_APPROACH3 = 6  # five parameters need more runs than that (fit_chinchilla refuses fewer)


def check_fit_options(n_boot: int, level: float, budget: float | None) -> None:
    """Raise ``ScalingDataError`` with a sentence for an option no fit can use."""
    if n_boot < 0:
        raise ScalingDataError("the number of bootstrap resamples must be 0 or more.")
    if not 0 < level < 1:
        raise ScalingDataError("the interval level must be between 0 and 1, e.g. 0.95.")
    if budget is not None and not (math.isfinite(budget) and budget > 0):
        raise ScalingDataError("the compute budget must be a positive number of FLOPs, got {budget}.", budget=budget)


def fit_table(
    data: ScalingData,
    n_boot: int = 200,
    seed: int | None = 0,
    *,
    level: float = 0.95,
    drop_highest: int = 0,
    budget: float | None = None,
    delta: float = 1e-3,
    grid: Mapping[str, Sequence[float]] | None = None,
) -> Generator[FitProgress, None, FitReport]:
    """Every fit of ``data``, yielding a ``FitStage`` per stage and ``BootstrapProgress``.

    0. drop the ``drop_highest`` highest-loss runs (when at least 3 runs remain);
    1. approach 3, L(N, D) = E + A/N^α + B/D^β, from Hoffmann's 4,500-start grid (or ``grid``),
       then ``n_boot`` bootstrap refits (resamples drawn from ``seed``) for ``level`` intervals;
    2. approach 2 when the runs form IsoFLOP groups;
    3. power laws L(N) and L(D) through the lowest-loss envelopes, L(C) through the compute frontier.
    ``budget``: the compute budget the report recommends a run for (``FitReport.recommend``).
    A fit that cannot be made becomes a note or a warning; only bad options raise (``ScalingDataError``).
    """
    check_fit_options(n_boot, level, budget)
    warnings: list[str] = []
    notes: list[str] = []
    out: dict = {}
    dropped = 0
    if drop_highest > 0:
        if drop_highest <= len(data) - 3:
            data, dropped = data.drop_highest(drop_highest), drop_highest
        else:
            notes.append(f"The {drop_highest} highest-loss runs were kept: dropping them would leave fewer than 3 runs.")
    n = len(data)
    yield FitStage("approach3", user_text("Approach 3: fitting L(N, D) = E + A/N^α + B/D^β to {n} runs from 4,500 starts", n=n))
    if n < MIN_RUNS_APPROACH3:
        warnings.append(
            user_text("Only {n} finished runs: approach 3 (the Chinchilla fit of E, A, B, α and β) needs at least {minimum}, and at least 10 to mean much. Run more sizes and token budgets before trusting any of these numbers.", n=n, minimum=MIN_RUNS_APPROACH3)
        )
    else:
        try:
            fit = fit_chinchilla(data.N, data.D, data.loss, delta=delta, grid=grid)
            out["approach3"] = fit
            warnings += list(fit.warnings)
            if n_boot > 0:
                yield FitStage("bootstrap", user_text("Approach 3: {n_boot} bootstrap refits for the intervals", n_boot=n_boot))
                boot = yield from iter_bootstrap_chinchilla(data.N, data.D, data.loss, fit=fit, n_boot=n_boot,
                                                            seed=seed, level=level)
                out["bootstrap"] = boot
                warnings += list(boot.warnings)
        except (ScalingDataError, ValueError, FloatingPointError) as e:
            warnings.append(user_text("Approach 3 could not be fitted: {e}", e=e))
    yield FitStage("approach2", user_text("Approach 2: IsoFLOP parabolas"))
    try:
        iso = fit_isoflop_parabolas(data.N, data.loss, data.C, budget=data.budget)
        out["approach2"] = iso
        warnings += [f"Approach 2: {w}" for w in iso.warnings]
    except ScalingDataError as e:
        notes.append(f"Approach 2 not fitted: {e}")
    yield FitStage("laws", user_text("Power laws L(N), L(D) and the loss–compute frontier"))
    for x, what, key in ((data.N, "N", "law_N"), (data.D, "D", "law_D")):
        law, idx, note = _envelope_law(x, data.loss, what)
        if law is not None:
            out[key], out[f"{key}_index"] = law, idx
            warnings += [f"L({what}): {w}" for w in law.warnings]
        else:
            notes.append(note)
    try:
        fr = fit_compute_frontier(data.C, data.loss, delta=delta)
        out["frontier"] = fr
        warnings += [f"Loss–compute frontier: {w}" for w in fr.fit.warnings]
    except ScalingDataError as e:
        notes.append(f"Loss–compute frontier not fitted: {e}")
    # The same sentence can come from several fits; show it once.
    seen: set[str] = set()
    unique = [w for w in warnings if not (w in seen or seen.add(w))]
    return FitReport(data=data, dropped_highest=dropped, warnings=tuple(unique), notes=tuple(notes), level=level,
                     budget=budget, **out)


def _envelope_law(x: np.ndarray, loss: np.ndarray, what: str) -> tuple[PowerLawFit | None, tuple[int, ...], str]:
    """L(x) through the lowest loss at each x that improves on every smaller x."""
    idx = compute_frontier(x, loss)
    if len(np.unique(x[idx])) < 3:
        return None, (), (f"L({what}) not fitted: fewer than three {what} values improve on the smaller ones "
                          f"(it needs at least three points on the lowest-loss envelope).")
    try:
        law = fit_power_law(x[idx], loss[idx], name=f"L({what}) fit")
    except ScalingDataError as e:
        return None, (), f"L({what}) not fitted: {e}"
    return law, tuple(int(i) for i in idx), ""
