"""Chinchilla approach 2: IsoFLOP parabolas.

Runs that share a compute budget C (an IsoFLOP group) trace loss against model size;
a parabola of loss in ``log N`` gives the loss-minimising size ``N*(C)`` at its vertex,
and power laws through the vertices give ``N_opt ∝ C^a`` and ``D_opt ∝ C^b``
(``D_opt = C / (6·N_opt)``).

Example::

    >>> C = [1e18] * 5 + [1e19] * 5
    >>> N = [1e7, 2e7, 4e7, 8e7, 1.6e8] * 2
    >>> groups = group_by_compute(C)
    >>> [len(g) for g in groups]
    [5, 5]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Sequence

import numpy as np

from .data import ScalingDataError
from .fit import _runs
from ..errors import user_text


def group_by_compute(
    C: Sequence[float], *, rel_tol: float = 0.05, budget: Sequence[float] | None = None
) -> list[np.ndarray]:
    """Split runs into IsoFLOP groups (index arrays, by increasing compute).

    With ``budget`` labels, runs with equal labels form a group. Otherwise runs are
    chained while consecutive computes (sorted) differ by at most ``rel_tol``; a chain
    whose largest and smallest compute differ by more than ``2·rel_tol`` is not an
    IsoFLOP group (the budgets are spread continuously) and is left out.
    """
    C = np.asarray(C, dtype=np.float64)
    if budget is not None:
        labels = np.asarray(budget)
        groups = [np.flatnonzero(labels == v) for v in np.unique(labels)]
        return sorted(groups, key=lambda g: float(np.median(C[g])))
    order = np.argsort(C, kind="stable")
    logc = np.log(C[order])
    cuts = np.flatnonzero(np.diff(logc) > np.log1p(rel_tol)) + 1
    groups = []
    for chunk in np.split(order, cuts):
        if np.log(C[chunk].max() / C[chunk].min()) <= np.log1p(2 * rel_tol):
            groups.append(np.sort(chunk))
    return groups


@dataclass(frozen=True)
class IsoflopParabola:
    """One IsoFLOP group: ``loss ≈ c0 + c1·t + c2·t²`` with ``t = ln N − t_mid``.

    ``N_opt`` is the vertex, ``inside`` whether it lies within the sampled sizes
    ``N_min``–``N_max``.
    """

    C: float
    n_runs: int
    N_min: float
    N_max: float
    t_mid: float
    coeffs: tuple[float, float, float]
    N_opt: float
    D_opt: float
    loss_opt: float
    inside: bool


@dataclass(frozen=True)
class IsoflopFit:
    """Approach 2: vertices of the IsoFLOP parabolas and ``N_opt = N_coef·C^a``, ``D_opt = D_coef·C^b``."""

    parabolas: tuple[IsoflopParabola, ...]
    a: float
    b: float
    N_coef: float
    D_coef: float
    warnings: tuple[str, ...] = ()

    def N_opt(self, C: Any) -> Any:
        return self.N_coef * np.asarray(C, dtype=np.float64) ** self.a

    def D_opt(self, C: Any) -> Any:
        return self.D_coef * np.asarray(C, dtype=np.float64) ** self.b

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parabolas"] = [asdict(p) for p in self.parabolas]
        d["warnings"] = list(self.warnings)
        return d


def fit_isoflop_parabolas(
    N: Sequence[float],
    loss: Sequence[float],
    C: Sequence[float],
    *,
    budget: Sequence[float] | None = None,
    rel_tol: float = 0.05,
    min_runs: int = 3,
) -> IsoflopFit:
    """Fit a parabola in ``ln N`` per IsoFLOP group (``group_by_compute``), then power laws
    through the vertices. The budget of a group is its label, or the geometric mean of C.

    Groups with fewer than ``min_runs`` distinct sizes, or whose losses do not curve
    upwards, are skipped with a warning. Raises ``ScalingDataError`` when fewer than two
    usable groups remain.
    """
    N, loss, C = _runs("approach-2 fit", 3, N=N, loss=loss, C=C)
    warnings: list[str] = []
    parabolas = []
    groups = group_by_compute(C, rel_tol=rel_tol, budget=budget)
    used = 0
    for g in groups:
        Cg = float(np.asarray(budget, dtype=np.float64)[g][0]) if budget is not None else float(np.exp(np.mean(np.log(C[g]))))
        t = np.log(N[g])
        if len(np.unique(t)) < min_runs:
            continue  # not an IsoFLOP sweep: too few sizes share this budget
        t_mid = float(np.mean(t))
        c2, c1, c0 = np.polyfit(t - t_mid, loss[g], 2)
        if not c2 > 0:
            warnings.append(user_text("At C = {Cg:.3g} FLOPs the loss does not curve upwards in log N (no minimum): skipped.", Cg=Cg))
            continue
        tv = -c1 / (2 * c2)
        Nv = float(np.exp(t_mid + tv))
        inside = bool(N[g].min() <= Nv <= N[g].max())
        if not inside:
            warnings.append(
                user_text("At C = {Cg:.3g} FLOPs the fitted optimum N* = {Nv:.3g} lies outside the sampled sizes ({low:.3g}–{high:.3g}); extend that sweep to bracket the minimum.", Cg=Cg, Nv=Nv, low=N[g].min(), high=N[g].max())
            )
        used += len(g)
        parabolas.append(
            IsoflopParabola(
                C=Cg,
                n_runs=len(g),
                N_min=float(N[g].min()),
                N_max=float(N[g].max()),
                t_mid=t_mid,
                coeffs=(float(c0), float(c1), float(c2)),
                N_opt=Nv,
                D_opt=Cg / (6 * Nv),
                loss_opt=float(c0 - c1 * c1 / (4 * c2)),
                inside=inside,
            )
        )
    if len(parabolas) < 2:
        raise ScalingDataError(
            "approach 2 needs at least two IsoFLOP groups (runs whose compute agrees within "
            "{rel_tol:.0%}, {min_runs}+ sizes each, loss curving upwards); found "
            "{n_parabolas}.", rel_tol=rel_tol, min_runs=min_runs, n_parabolas=len(parabolas)
        )
    if used < len(N) / 2:
        warnings.append(
            user_text("Only {used} of {count} runs fall into IsoFLOP groups ({min_runs}+ sizes at a compute budget agreeing within {rel_tol:.0%}); the rest are not used by approach 2.", used=used, count=len(N), min_runs=min_runs, rel_tol=rel_tol)
        )
    if len(parabolas) < 3:
        warnings.append(user_text("Only two IsoFLOP budgets: the exponents a and b rest on two points."))
    logC = np.log([p.C for p in parabolas])
    a, logk = np.polyfit(logC, np.log([p.N_opt for p in parabolas]), 1)
    b, logkd = np.polyfit(logC, np.log([p.D_opt for p in parabolas]), 1)
    return IsoflopFit(
        parabolas=tuple(parabolas),
        a=float(a),
        b=float(b),
        N_coef=float(np.exp(logk)),
        D_coef=float(np.exp(logkd)),
        warnings=tuple(warnings),
    )
