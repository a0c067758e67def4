"""Bootstrap uncertainty for Chinchilla approach-3 fits.

Runs are resampled with replacement and approach 3 is refitted on each resample.
A resample is the full data with a multiplicity per run, so all resamples are fitted
together by the batched optimiser; each starts from a handful of points around the
full-data optimum rather than the full 4500-start grid. Percentile intervals follow
for every parameter and for anything computed from them (compute-optimal allocation,
predicted loss), plus loss bands for plots.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, replace
from collections.abc import Generator
from typing import Any, Sequence

import numpy as np

from ..events import BootstrapProgress
from ..jobs.drive import drain
from .fit import Chinchilla3Fit, _runs, fit_chinchilla
from .optim import LogSumExpModel, levenberg_marquardt

PARAMS = ("E", "A", "B", "alpha", "beta")
BOOT_CHUNK = 25  # bootstrap refits per optimiser batch (and per progress report)


@dataclass(frozen=True)
class Interval:
    """A point estimate (from the full data) with a percentile interval at ``level``."""

    estimate: float
    low: float
    high: float
    level: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True, eq=False)
class LossBand:
    """Predicted loss along ``x`` (the full-data fit) with a bootstrap band ``low``–``high``.

    ``kind``: ``"N,D"`` (loss at the given N and D), ``"C"`` (loss at the compute-optimal
    allocation of each budget; x = C) or ``"N|C"`` (loss of each size N trained with budget C).
    """

    x: np.ndarray
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    level: float
    kind: str


def _percentiles(values: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    tail = 50.0 * (1.0 - level)
    values = np.where(np.isfinite(values), values, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN
        lo, hi = np.nanpercentile(values, [tail, 100.0 - tail], axis=0)
    return lo, hi


@dataclass(frozen=True, eq=False)
class ChinchillaBootstrap:
    """Bootstrap refits of approach 3: ``samples`` is (n_boot, 5) with columns E, A, B, α, β."""

    fit: Chinchilla3Fit
    samples: np.ndarray
    objectives: np.ndarray
    level: float
    seed: int | None
    warnings: tuple[str, ...] = ()

    @property
    def n_boot(self) -> int:
        return len(self.samples)

    def column(self, name: str) -> np.ndarray:
        """Bootstrap values of a parameter, or of ``a``/``b`` (compute-optimal exponents) or ``G``."""
        E, A, B, al, be = self.samples.T
        with np.errstate(all="ignore"):  # a degenerate resample may give a non-finite value
            if name in PARAMS:
                return self.samples[:, PARAMS.index(name)]
            if name == "a":
                return be / (al + be)
            if name == "b":
                return al / (al + be)
            if name == "G":
                return (al * A / (be * B)) ** (1.0 / (al + be))
        raise KeyError(name)

    def _estimate(self, name: str) -> float:
        f = self.fit
        if name in PARAMS:
            return float(getattr(f, name))
        opt = f.compute_optimal(1.0)
        return float(getattr(opt, name))

    def interval(self, name: str, level: float | None = None) -> Interval:
        """Percentile interval of E, A, B, alpha, beta, a, b or G."""
        level = self.level if level is None else level
        lo, hi = _percentiles(self.column(name), level)
        return Interval(self._estimate(name), float(lo), float(hi), level)

    def intervals(self) -> dict[str, Interval]:
        return {name: self.interval(name) for name in (*PARAMS, "a", "b", "G")}

    def at_budget(self, C: float, level: float | None = None) -> dict[str, Interval]:
        """Intervals of N_opt, D_opt, tokens per parameter and predicted loss at budget ``C`` FLOPs."""
        level = self.level if level is None else level
        E, A, B, al, be = self.samples.T
        with np.errstate(all="ignore"):
            G = (al * A / (be * B)) ** (1.0 / (al + be))
            N = G * (C / 6.0) ** (be / (al + be))
            D = C / (6.0 * N)
            L = E + A / N**al + B / D**be
        est = self.fit.compute_optimal(C)
        out = {}
        for name, vals, e in (
            ("N_opt", N, est.N_opt),
            ("D_opt", D, est.D_opt),
            ("tokens_per_param", D / N, est.tokens_per_param),
            ("loss", L, est.loss),
        ):
            lo, hi = _percentiles(vals, level)
            out[name] = Interval(float(e), float(lo), float(hi), level)
        return out

    def loss_band(self, **kw: Any) -> LossBand:
        return predicted_loss_band(self, **kw)


def _local_starts(model: LogSumExpModel, fit: Chinchilla3Fit) -> np.ndarray:
    """The full-data optimum and six perturbations of it (internal coordinates): exponents
    ×0.7 / ×1.4 at fixed term size at the data's centre, and log E ± 0.25."""
    q = model.to_internal(np.array(fit.log_params))[0]
    starts = [q]
    for fa, fb in ((0.7, 0.7), (1.4, 1.4), (0.7, 1.4), (1.4, 0.7)):
        v = q.copy()
        v[3] *= fa
        v[4] *= fb
        starts.append(v)
    for de in (-0.25, 0.25):
        v = q.copy()
        v[2] += de
        starts.append(v)
    return np.array(starts)


def bootstrap_chinchilla(N: Sequence[float], D: Sequence[float], loss: Sequence[float], **options: Any) -> ChinchillaBootstrap:
    """``iter_bootstrap_chinchilla`` run to its end, without progress (same ``options``)."""
    return drain(iter_bootstrap_chinchilla(N, D, loss, **options))


def iter_bootstrap_chinchilla(
    N: Sequence[float],
    D: Sequence[float],
    loss: Sequence[float],
    *,
    fit: Chinchilla3Fit | None = None,
    n_boot: int = 200,
    seed: int | None = 0,
    level: float = 0.95,
    max_iter: int = 200,
    chunk: int = BOOT_CHUNK,
) -> Generator[BootstrapProgress, None, ChinchillaBootstrap]:
    """Resample runs with replacement ``n_boot`` times and refit approach 3 on each, yielding
    ``BootstrapProgress`` after every ``chunk`` refits.

    ``fit`` is the full-data fit (computed with the default grid when None); each refit
    starts from it and six perturbations of it and keeps the lowest objective. ``seed``
    makes the resamples reproducible: all are drawn first, then refitted ``chunk`` at a time
    by the batched optimiser.
    """
    N, D, loss = _runs("bootstrap", 6, N=N, D=D, loss=loss)
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    if fit is None:
        fit = fit_chinchilla(N, D, loss)
    n = len(N)
    rng = np.random.default_rng(seed)
    counts = np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(n_boot)]).astype(np.float64)
    model = LogSumExpModel([np.log(N), np.log(D)], np.log(loss), fit.delta)
    starts = _local_starts(model, fit)
    k = len(starts)
    best, objectives = [], []
    yield BootstrapProgress(0, n_boot)
    for lo in range(0, n_boot, chunk):
        c = counts[lo:lo + chunk]
        m = len(c)
        res = levenberg_marquardt(model, np.tile(starts, (m, 1)), np.repeat(c, k, axis=0), max_iter=max_iter)
        f = res.f.reshape(m, k)
        pick = np.argmin(np.where(np.isfinite(f), f, np.inf), axis=1)
        best.append(res.Q.reshape(m, k, -1)[np.arange(m), pick])
        objectives.append(f[np.arange(m), pick])
        yield BootstrapProgress(lo + m, n_boot)
    a, b, e, al, be = model.to_natural(np.concatenate(best)).T
    samples = np.column_stack([np.exp(e), np.exp(a), np.exp(b), al, be])
    boot = ChinchillaBootstrap(
        fit=fit,
        samples=samples,
        objectives=np.concatenate(objectives),
        level=level,
        seed=seed,
    )
    notes = []
    ia, ib = boot.interval("alpha"), boot.interval("beta")
    if not all(iv.high - iv.low <= max(abs(iv.estimate), 0.05) for iv in (ia, ib)):
        notes.append(
            f"The exponents are poorly determined: {level:.0%} intervals α {ia.low:.3g}–{ia.high:.3g}, "
            f"β {ib.low:.3g}–{ib.high:.3g}. The runs cannot separate the effect of N from that of D; "
            "add runs that vary N at fixed D and D at fixed N."
        )
    return replace(boot, warnings=tuple(notes))


def predicted_loss_band(
    boot: ChinchillaBootstrap,
    *,
    N: Any = None,
    D: Any = None,
    C: Any = None,
    level: float | None = None,
) -> LossBand:
    """Predicted loss with a bootstrap band, for plotting.

    * ``N`` and ``D``: loss of those models (arrays broadcast; x = N);
    * ``C`` only: loss at the compute-optimal allocation of each budget (x = C);
    * ``N`` and ``C``: loss of each size N trained with budget C, ``D = C/(6N)`` (x = N).
    """
    level = boot.level if level is None else level
    with np.errstate(all="ignore"):
        return _band(boot, N, D, C, level)


def _band(boot: ChinchillaBootstrap, N: Any, D: Any, C: Any, level: float) -> LossBand:
    E, A, B, al, be = (boot.samples[:, i][:, None] for i in range(5))
    f = boot.fit
    if N is not None and D is not None:
        Nx, Dx = np.broadcast_arrays(np.asarray(N, dtype=np.float64), np.asarray(D, dtype=np.float64))
        x, kind = Nx.reshape(-1), "N,D"
        Dx = Dx.reshape(-1)
        est = f.predict(x, Dx)
        vals = E + A / x**al + B / Dx**be
    elif C is not None and N is None:
        x, kind = np.asarray(C, dtype=np.float64).reshape(-1), "C"
        est = np.asarray(f.compute_optimal(x).loss).reshape(-1)
        G = (al * A / (be * B)) ** (1.0 / (al + be))
        Nopt = G * (x / 6.0) ** (be / (al + be))
        vals = E + A / Nopt**al + B / (x / (6.0 * Nopt)) ** be
    elif N is not None and C is not None:
        Nx, Cx = np.broadcast_arrays(np.asarray(N, dtype=np.float64), np.asarray(C, dtype=np.float64))
        x, kind = Nx.reshape(-1), "N|C"
        Dx = Cx.reshape(-1) / (6.0 * x)
        est = f.predict(x, Dx)
        vals = E + A / x**al + B / Dx**be
    else:
        raise ValueError("give N and D, or C, or N and C")
    lo, hi = _percentiles(vals, level)
    return LossBand(x=x, estimate=np.asarray(est, dtype=np.float64), low=lo, high=hi, level=level, kind=kind)
