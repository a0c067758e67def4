"""One scaling-law fit of a results table, every approach together: ``FitReport``.

``lmlab.core.jobs.fit.fit_table`` makes it; ``lmlab fit`` prints it (``--json`` prints
``to_dict()``) and the Scaling panel draws it, so both always show the same numbers.

    >>> Estimate(2.0, 1.5, 2.5).to_dict()
    {'estimate': 2.0, 'low': 1.5, 'high': 2.5}
    >>> Estimate(float("nan")).text()
    '–'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..units import format_interval, format_number
from .bootstrap import ChinchillaBootstrap, Interval
from .data import ScalingData
from .fit import Chinchilla3Fit, FrontierFit, PowerLawFit
from .isoflop import IsoflopFit
from ..errors import user_text

CHINCHILLA_MODEL = "L(N, D) = E + A/N^alpha + B/D^beta"


def _num(v: Any) -> float | None:
    """A float for JSON: NaN and infinities become None."""
    v = float(v)
    return v if math.isfinite(v) else None


@dataclass(frozen=True)
class Estimate:
    """A number with an optional interval (``low``/``high`` None when there is none)."""

    estimate: float
    low: float | None = None
    high: float | None = None

    @classmethod
    def of(cls, estimate: float, iv: Interval | None) -> "Estimate":
        """The point estimate alone, or with the bootstrap interval ``iv``."""
        return cls(float(estimate)) if iv is None else cls(iv.estimate, iv.low, iv.high)

    def text(self) -> str:
        return format_interval(self.estimate, self.low, self.high)

    def to_dict(self) -> dict[str, float | None]:
        return {"estimate": _num(self.estimate),
                "low": None if self.low is None else _num(self.low),
                "high": None if self.high is None else _num(self.high)}


@dataclass(frozen=True)
class Recommendation:
    """Compute-optimal allocation of ``C`` FLOPs: N and D (with intervals), predicted loss."""

    C: float
    N: Estimate
    D: Estimate
    tokens_per_param: Estimate
    loss: Estimate | None
    source: str  # "approach 3" | "approach 2"
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"C": self.C, "source": self.source, "N_opt": self.N.to_dict(), "D_opt": self.D.to_dict(),
                "tokens_per_param": self.tokens_per_param.to_dict(),
                "loss": self.loss.to_dict() if self.loss else None, "warnings": list(self.warnings)}


@dataclass(frozen=True, eq=False)
class FitReport:
    """Every fit of one results table (each None when it could not be made) and the caveats.

    ``data`` are the runs fitted (after dropping the ``dropped_highest`` highest-loss ones);
    ``law_N_index`` / ``law_D_index`` are the runs of the lowest-loss envelopes the power laws
    L(N) and L(D) go through; ``budget`` is the compute budget a recommendation was asked for.
    """

    data: ScalingData
    dropped_highest: int = 0
    approach3: Chinchilla3Fit | None = None
    bootstrap: ChinchillaBootstrap | None = None
    approach2: IsoflopFit | None = None
    frontier: FrontierFit | None = None
    law_N: PowerLawFit | None = None
    law_N_index: tuple[int, ...] = ()
    law_D: PowerLawFit | None = None
    law_D_index: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    level: float = 0.95
    budget: float | None = None

    def estimate(self, name: str) -> Estimate:
        """E, A, B, alpha, beta of approach 3, or a, b, G of its compute-optimal allocation."""
        if self.approach3 is None:
            raise ValueError("approach 3 was not fitted")
        if name in ("E", "A", "B", "alpha", "beta"):
            value = getattr(self.approach3, name)
        else:
            value = getattr(self.approach3.compute_optimal(1.0), name)
        return Estimate.of(value, self.bootstrap.interval(name) if self.bootstrap else None)

    def recommend(self, C: float) -> Recommendation | None:
        """N_opt, D_opt and the loss at ``C`` FLOPs: approach 3 (bootstrap intervals) or else approach 2."""
        if not (math.isfinite(C) and C > 0):
            return None
        with np.errstate(all="ignore"):  # degenerate bootstrap refits give NaN, left out of the percentiles
            return self._recommend(C)

    def _recommend(self, C: float) -> Recommendation | None:
        warnings = []
        c_max = float(self.data.C.max())
        if C > 10 * c_max:
            warnings.append(
                user_text("This budget is {ratio:,.0f}× the largest run ({largest} FLOPs): the recommendation extrapolates the fitted law far beyond the data, so treat it as a rough guide.", ratio=C / c_max, largest=format_number(c_max))
            )
        elif C < float(self.data.C.min()) / 10:
            warnings.append(user_text("This budget is far below the smallest run of the data: the law may not hold down there."))
        if self.approach3 is not None:
            opt = self.approach3.compute_optimal(C)
            iv = self.bootstrap.at_budget(C) if self.bootstrap is not None else {}

            def est(name: str) -> Estimate:
                return Estimate.of(getattr(opt, name), iv.get(name))

            return Recommendation(C, est("N_opt"), est("D_opt"), est("tokens_per_param"), est("loss"),
                                  "approach 3", tuple(warnings))
        if self.approach2 is not None:
            n = float(self.approach2.N_opt(C))
            d = C / (6.0 * n)
            return Recommendation(C, Estimate(n), Estimate(d), Estimate(d / n), None, "approach 2",
                                  tuple(warnings) + ("Approach 2 only: no intervals and no predicted loss.",))
        return None

    # -- as JSON (``lmlab fit --json``) -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Every number of the report, JSON-serialisable (non-finite numbers become None)."""
        a3 = self.approach3
        rec = self.recommend(self.budget) if self.budget is not None else None
        return {
            "source": self.data.source,
            "n_runs": len(self.data),
            "dropped_highest": self.dropped_highest,
            "approach3": None if a3 is None else {
                "model": CHINCHILLA_MODEL,
                "params": {k: self.estimate(k).to_dict() for k in ("E", "A", "B", "alpha", "beta")},
                "objective": a3.objective, "delta": a3.delta, "n_starts": a3.n_starts, "n_best": a3.n_best,
                "on_grid_edge": a3.on_grid_edge,
            },
            "compute_optimal": None if a3 is None else {k: self.estimate(k).to_dict() for k in ("a", "b", "G")},
            "bootstrap": None if self.bootstrap is None else {
                "n_boot": self.bootstrap.n_boot, "seed": self.bootstrap.seed, "level": self.bootstrap.level},
            "budget": None if rec is None else rec.to_dict(),
            "approach2": None if self.approach2 is None else {
                "a": self.approach2.a, "b": self.approach2.b, "N_coef": self.approach2.N_coef,
                "D_coef": self.approach2.D_coef,
                "budgets": [{"C": p.C, "n_runs": p.n_runs, "N_min": p.N_min, "N_max": p.N_max, "N_opt": p.N_opt,
                             "D_opt": p.D_opt, "loss_opt": p.loss_opt, "inside": p.inside}
                            for p in self.approach2.parabolas]},
            "law_N": _law(self.law_N, self.law_N_index),
            "law_D": _law(self.law_D, self.law_D_index),
            "frontier": None if self.frontier is None else _law(self.frontier.fit, self.frontier.index),
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


def _law(law: PowerLawFit | None, index: tuple[int, ...]) -> dict[str, Any] | None:
    if law is None:
        return None
    return {"E": _num(law.E), "A": _num(law.A), "alpha": _num(law.alpha), "n_points": law.n_points,
            "index": list(index)}
