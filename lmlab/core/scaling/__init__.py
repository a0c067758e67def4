"""Scaling laws for small GPTs: fit power laws and Chinchilla's approaches 2 and 3 to run results.

Qt-free, numpy/scipy only. The pieces: ``data`` (CSV import/export), ``fit`` (power laws,
approach 3, compute-optimal allocation), ``isoflop`` (approach 2), ``bootstrap`` (uncertainty),
``optim`` (the batched optimiser), ``report`` (``FitReport``: every approach for one table) and
``results`` (a study's table: typed numbers, result rows, measured speed). This package re-exports
the fitting API; the one fit of a table, behind both ``lmlab fit`` and the Scaling panel, is
``lmlab.core.jobs.fit.fit_table``.

Example::

    >>> import numpy as np
    >>> N, D = np.meshgrid(np.logspace(6, 9, 8), np.logspace(7, 11, 8))
    >>> loss = 1.8 + 480 / N**0.35 + 2100 / D**0.37
    >>> fit = fit_chinchilla(N.ravel(), D.ravel(), loss.ravel())
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.35, 0.37)
"""

from __future__ import annotations

from .bootstrap import (
    ChinchillaBootstrap,
    Interval,
    LossBand,
    bootstrap_chinchilla,
    iter_bootstrap_chinchilla,
    predicted_loss_band,
)
from .data import (
    ScalingData,
    ScalingDataError,
    as_scaling_data,
    read_results_csv,
    write_results_csv,
)
from .fit import (
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
from .isoflop import IsoflopFit, IsoflopParabola, fit_isoflop_parabolas, group_by_compute
from .report import Estimate, FitReport, Recommendation

__all__ = [
    "HOFFMANN_GRID",
    "Chinchilla3Fit",
    "ChinchillaBootstrap",
    "ComputeOptimal",
    "Estimate",
    "FitReport",
    "FrontierFit",
    "Interval",
    "IsoflopFit",
    "IsoflopParabola",
    "LossBand",
    "PowerLawFit",
    "Recommendation",
    "ScalingData",
    "ScalingDataError",
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
    "group_by_compute",
    "iter_bootstrap_chinchilla",
    "predicted_loss_band",
    "read_results_csv",
    "start_grid",
    "write_results_csv",
]
