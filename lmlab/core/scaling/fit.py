"""Scaling-law fits: power laws, Chinchilla approach 3, compute-optimal allocation.

* ``fit_power_law``: ``L(x) = E + A·x^-α`` (for L(N), L(D), or the loss–compute
  frontier via ``fit_compute_frontier``).
* ``fit_chinchilla``: Hoffmann et al. (2022) approach 3, ``L(N, D) = E + A/N^α + B/D^β``,
  fitted as in their Appendix D.2 (and Besiroglu et al. 2024): the **sum** over runs of
  the Huber loss (δ = 1e-3) of log-loss residuals, the model written in log space as
  ``LSE(a − α log N, b − β log D, e)``, minimised from a grid of 4500 starts.
* ``compute_optimal``: ``N_opt(C) = G·(C/6)^(β/(α+β))``, ``D_opt = C/(6·N_opt)``.

All starts are optimised together (see ``optim``); the best few distinct end
points are then polished with scipy's L-BFGS-B. Numbers are float64 throughout.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from .data import ScalingDataError, _positive_array
from .optim import LogSumExpModel, huber, levenberg_marquardt, polish
from ..errors import user_text

HOFFMANN_GRID: dict[str, tuple[float, ...]] = {
    "a": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
    "b": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
    "e": (-1.0, -0.5, 0.0, 0.5, 1.0),
    "alpha": (0.0, 0.5, 1.0, 1.5, 2.0),
    "beta": (0.0, 0.5, 1.0, 1.5, 2.0),
}
_ORDER = ("a", "b", "e", "alpha", "beta")  # natural parameter layout of the engine
MIN_RUNS_CHINCHILLA = 10


def start_grid(grid: Mapping[str, Sequence[float]] | None = None) -> np.ndarray:
    """All combinations of a start grid as an (S, 5) array of ``(a, b, e, α, β)``.

    >>> start_grid().shape
    (4500, 5)
    """
    grid = HOFFMANN_GRID if grid is None else grid
    missing = [k for k in _ORDER if k not in grid]
    if missing:
        raise ValueError(f"start grid lacks {', '.join(missing)}")
    return np.array(list(itertools.product(*(grid[k] for k in _ORDER))), dtype=np.float64)


def _runs(name: str, n_min: int, **cols: Any) -> list[np.ndarray]:
    arrays = [_positive_array(v, k, name) for k, v in cols.items()]
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise ScalingDataError("{name}: {counts} values.", name=name,
                               counts=", ".join(f"{k} has {len(a)}" for k, a in zip(cols, arrays)))
    if n < n_min:
        raise ScalingDataError("{name} needs at least {n_min} runs, got {n}.", name=name, n_min=n_min, n=n)
    return arrays


def _count_best(f: np.ndarray, f_best: float, rtol: float) -> np.ndarray:
    return f <= f_best + rtol * abs(f_best) + 1e-300


def _distinct_best(Q: np.ndarray, f: np.ndarray, k: int, look: int = 500, within: float = 0.1) -> list[int]:
    """Indices of up to ``k`` lowest-objective end points that differ from each other and
    whose objective is within ``within`` (relative) of the lowest: near-ties worth polishing."""
    picked: list[int] = []
    order = np.argsort(f, kind="stable")[:look]
    cap = f[order[0]] + within * abs(f[order[0]])
    for i in order:
        if f[i] > cap:
            break
        if all(np.max(np.abs(Q[i] - Q[j])) > 1e-4 * (1 + np.max(np.abs(Q[j]))) for j in picked):
            picked.append(int(i))
            if len(picked) == k:
                break
    return picked


def _fit_lse(model: LogSumExpModel, P0: np.ndarray, *, best_rtol: float, n_polish: int, max_iter: int):
    """Run all starts, polish the best distinct end points; return (q, f, end f of every start)."""
    res = levenberg_marquardt(model, model.to_internal(P0), max_iter=max_iter)
    finite = np.where(np.isfinite(res.f), res.f, np.inf)
    best_q, best_f = None, np.inf
    for i in _distinct_best(res.Q, finite, n_polish):
        q, fq = polish(model, res.Q[i])
        if fq < best_f:
            best_q, best_f = q, fq
    if best_q is None:
        raise ScalingDataError("the fit failed: no start reached a finite objective (are the values sensible?).")
    reached = _count_best(finite, best_f, best_rtol)
    return best_q, best_f, finite, reached


# -- single power law -----------------------------------------------------------------


@dataclass(frozen=True)
class PowerLawFit:
    """``L(x) = E + A·x^-alpha``, fitted in log space (Huber with ``delta``, or least squares if None)."""

    E: float
    A: float
    alpha: float
    objective: float
    n_points: int
    n_starts: int
    n_best: int
    delta: float | None
    warnings: tuple[str, ...] = ()

    def predict(self, x: Any) -> np.ndarray:
        """Loss at ``x``.

        >>> fit = PowerLawFit(E=1.0, A=10.0, alpha=0.5, objective=0, n_points=0, n_starts=0, n_best=0, delta=None)
        >>> fit.predict([1.0, 100.0]).tolist()
        [11.0, 2.0]
        """
        return self.E + self.A * np.asarray(x, dtype=np.float64) ** -self.alpha

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["warnings"] = list(self.warnings)
        return d


def _power_law_starts(x: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """Data-scaled starts ``(a, e, α)``: E a fraction of the lowest loss, A so the curve passes
    through the mean loss at the geometric-mean x."""
    lx, lmin, lmean = float(np.mean(np.log(x))), float(np.min(loss)), float(np.mean(loss))
    starts = []
    for alpha in (0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0):
        for frac in (1e-3, 0.3, 0.6, 0.8, 0.9, 0.97):
            E = frac * lmin
            A = max(lmean - E, 1e-3 * lmean) * np.exp(alpha * lx)
            starts.append((np.log(A), np.log(E), alpha))
    return np.array(starts)


def fit_power_law(
    x: Sequence[float],
    loss: Sequence[float],
    *,
    delta: float | None = 1e-3,
    starts: np.ndarray | None = None,
    best_rtol: float = 1e-6,
    name: str = "power-law fit",
) -> PowerLawFit:
    """Fit ``L(x) = E + A·x^-α`` to positive ``x`` and ``loss``.

    Residuals are ``log L̂ − log L`` with ``log L̂ = LSE(log A − α log x, log E)``; the
    objective is their summed Huber loss (``delta``), or half their sum of squares when
    ``delta`` is None. 60 data-scaled starts (``starts``: (S, 3) array of ``(log A, log E, α)``)
    are optimised together and the best is polished.
    """
    xs, ls = _runs(name, 3, x=x, loss=loss)
    d = 1e300 if delta is None else float(delta)  # a huge δ is least squares
    model = LogSumExpModel([np.log(xs)], np.log(ls), d)
    P0 = _power_law_starts(xs, ls) if starts is None else np.atleast_2d(np.asarray(starts, dtype=np.float64))
    q, fq, _, reached = _fit_lse(model, P0, best_rtol=best_rtol, n_polish=3, max_iter=300)
    a, e, alpha = model.to_natural(q)[0]
    warnings = []
    decades = float(np.log10(xs.max() / xs.min()))
    if decades < 1:
        warnings.append(user_text("x spans only {decades:.2g} decades (×{ratio:.3g}); a power law needs at least one decade (×10).", decades=decades, ratio=xs.max() / xs.min()))
    if len(xs) < 5:
        warnings.append(user_text("Only {count} points for three parameters (E, A, α): the fit is barely determined.", count=len(xs)))
    with np.errstate(over="ignore"):
        E_, A_ = float(np.exp(e)), float(np.exp(a))
    return PowerLawFit(
        E=E_,
        A=A_,
        alpha=float(alpha),
        objective=float(fq),
        n_points=len(xs),
        n_starts=len(P0),
        n_best=int(reached.sum()),
        delta=delta,
        warnings=tuple(warnings),
    )


def compute_frontier(C: Sequence[float], loss: Sequence[float]) -> np.ndarray:
    """Indices of the runs on the loss–compute frontier (lower envelope), by increasing C: each
    has a lower loss than every run that used no more compute.

    >>> compute_frontier([1, 2, 3, 4], [5.0, 5.5, 4.0, 4.0]).tolist()
    [0, 2]
    """
    C = np.asarray(C, dtype=np.float64)
    loss = np.asarray(loss, dtype=np.float64)
    order = np.lexsort((loss, C))
    keep, best = [], np.inf
    for i in order:
        if loss[i] < best:
            keep.append(int(i))
            best = loss[i]
    return np.array(keep, dtype=np.int64)


@dataclass(frozen=True)
class FrontierFit:
    """Power law ``L(C) = E + A·C^-α`` through the loss–compute frontier (runs ``index``)."""

    fit: PowerLawFit
    index: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.fit.to_dict(), "index": list(self.index)}


def fit_compute_frontier(C: Sequence[float], loss: Sequence[float], *, delta: float | None = 1e-3) -> FrontierFit:
    """Fit ``L(C) = E + A·C^-α`` to the frontier runs (``compute_frontier``)."""
    C_arr, l_arr = _runs("compute-frontier fit", 1, C=C, loss=loss)
    idx = compute_frontier(C_arr, l_arr)
    if len(idx) < 3:
        raise ScalingDataError("the loss–compute frontier has only {n} runs; at least 3 are needed to fit it.", n=len(idx))
    return FrontierFit(fit=fit_power_law(C_arr[idx], l_arr[idx], delta=delta, name="compute-frontier fit"), index=tuple(int(i) for i in idx))


# -- Chinchilla approach 3 ---------------------------------------------------------------


def chinchilla_objective(params: Sequence[float], N: Any, D: Any, loss: Any, delta: float = 1e-3) -> float:
    """Epoch/Hoffmann objective at ``params = (a, b, e, α, β)``: summed Huber of
    ``LSE(a − α log N, b − β log D, e) − log L`` (a plain reference implementation)."""
    a, b, e, alpha, beta = (float(v) for v in params)
    lN, lD = np.log(np.asarray(N, dtype=np.float64)), np.log(np.asarray(D, dtype=np.float64))
    pred = np.logaddexp(np.logaddexp(a - alpha * lN, b - beta * lD), e)
    return float(np.sum(huber(pred - np.log(np.asarray(loss, dtype=np.float64)), delta)))


def data_warnings(N: Any, D: Any, *, min_runs: int = MIN_RUNS_CHINCHILLA) -> list[str]:
    """Plain-language reasons why runs may not support an approach-3 fit."""
    N, D = np.asarray(N, dtype=np.float64), np.asarray(D, dtype=np.float64)
    out = []
    if len(N) < min_runs:
        out.append(
            f"Only {len(N)} runs: approach 3 fits five numbers (E, A, B, α, β) and needs at least {min_runs} runs to mean much."
        )
    for arr, what, exp in ((N, "model sizes N", "α"), (D, "token counts D", "β")):
        ratio = float(arr.max() / arr.min())
        if ratio < 10:
            out.append(
                f"The {what} span only {np.log10(ratio):.2g} decades (×{ratio:.3g}); estimating {exp} needs at least a decade (×10)."
            )
    if len(N) > 2 and np.std(np.log(N)) > 0 and np.std(np.log(D)) > 0:
        corr = float(np.corrcoef(np.log(N), np.log(D))[0, 1])
        if abs(corr) > 0.95:
            out.append(
                f"Model size and tokens move together (correlation {corr:.2f} in log space), so the fit cannot separate "
                "the effect of N (α) from that of D (β): vary them independently, e.g. several sizes per compute budget."
            )
    return out


@dataclass(frozen=True)
class Chinchilla3Fit:
    """``L(N, D) = E + A/N^alpha + B/D^beta`` (Chinchilla approach 3).

    ``objective``: summed Huber loss at the optimum; ``n_starts``: starts tried;
    ``n_best``: how many of them ended at the best objective (within ``best_rtol``);
    ``on_grid_edge``: every start that reached the best lies on the boundary of the
    start grid (so the grid may be too small); ``best_start``: ``(a, b, e, α, β)`` of the
    start that ended lowest; ``warnings``: plain-language caveats.
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    objective: float
    n_runs: int
    n_starts: int
    n_best: int
    on_grid_edge: bool
    delta: float
    best_start: tuple[float, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def log_params(self) -> tuple[float, float, float, float, float]:
        """``(a, b, e, α, β)`` with ``A = exp(a)``, ``B = exp(b)``, ``E = exp(e)``."""
        return (float(np.log(self.A)), float(np.log(self.B)), float(np.log(self.E)), self.alpha, self.beta)

    def predict(self, N: Any, D: Any) -> np.ndarray:
        """Predicted loss at ``N`` parameters trained on ``D`` tokens (broadcasts).

        >>> fit = Chinchilla3Fit(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0, 0, 0, False, 1e-3)
        >>> float(fit.predict(2.0, 4.0))
        1.75
        """
        N = np.asarray(N, dtype=np.float64)
        D = np.asarray(D, dtype=np.float64)
        return self.E + self.A / N**self.alpha + self.B / D**self.beta

    def compute_optimal(self, C: Any) -> "ComputeOptimal":
        return compute_optimal(self, C)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["best_start"] = list(self.best_start)
        d["warnings"] = list(self.warnings)
        return d


def fit_chinchilla(
    N: Sequence[float],
    D: Sequence[float],
    loss: Sequence[float],
    *,
    delta: float = 1e-3,
    grid: Mapping[str, Sequence[float]] | None = None,
    starts: np.ndarray | None = None,
    best_rtol: float = 1e-6,
    n_polish: int = 3,
    max_iter: int = 300,
) -> Chinchilla3Fit:
    """Fit Chinchilla approach 3 as Hoffmann et al. Appendix D.2 / Epoch AI.

    ``grid`` maps ``a, b, e, alpha, beta`` to starting values (default ``HOFFMANN_GRID``,
    6·6·5·5·5 = 4500 starts), or pass ``starts``, an (S, 5) array of ``(a, b, e, α, β)``.
    All starts are optimised at once; the ``n_polish`` best distinct end points (within 10%
    of the lowest objective) are polished with L-BFGS-B. ``n_best`` counts the starts whose
    end objective is within ``best_rtol`` (relative) of the best.

    Raises ``ScalingDataError`` for non-positive values or fewer than 6 runs.
    """
    N, D, loss = _runs("approach-3 fit", 6, N=N, D=D, loss=loss)
    model = LogSumExpModel([np.log(N), np.log(D)], np.log(loss), delta)
    P0 = start_grid(grid) if starts is None else np.atleast_2d(np.asarray(starts, dtype=np.float64))
    if P0.ndim != 2 or P0.shape[1] != 5:
        raise ValueError("starts must be an (S, 5) array of (a, b, e, alpha, beta)")
    q, _, f_end, reached = _fit_lse(model, P0, best_rtol=best_rtol, n_polish=n_polish, max_iter=max_iter)
    P = model.to_natural(q)[0]
    objective = chinchilla_objective(P, N, D, loss, delta)
    a, b, e, alpha, beta = (float(v) for v in P)

    lo, hi = P0.min(axis=0), P0.max(axis=0)
    edge = np.any((P0 == lo) | (P0 == hi), axis=1) if len(P0) > 1 else np.ones(1, dtype=bool)
    on_edge = bool(reached.any() and np.all(edge[reached]))
    warnings = data_warnings(N, D)
    if on_edge:
        warnings.append(
            user_text("Every start that reached the best fit lies on the edge of the start grid: the grid may not reach the best "
            "solution's basin; try a wider grid.")
        )
    slack = 1e-6 * (1 + hi - lo)
    outside = [name for name, v, l, h, t in zip(("a", "b", "e", "α", "β"), P, lo, hi, slack) if not l - t <= v <= h + t]
    if outside:
        warnings.append(user_text("The best fit has {names} outside the range of the start grid.", names=', '.join(outside)))
    if alpha <= 0.01 or beta <= 0.01:
        warnings.append(
            user_text("A fitted exponent is zero or negative (α = {alpha:.3g}, β = {beta:.3g}): the data do not resolve that term, and the compute-optimal allocation means nothing.", alpha=alpha, beta=beta)
        )
    with np.errstate(over="ignore"):  # a degenerate fit may send A or B off to infinity
        E_, A_, B_ = (float(np.exp(v)) for v in (e, a, b))
    return Chinchilla3Fit(
        E=E_,
        A=A_,
        B=B_,
        alpha=alpha,
        beta=beta,
        objective=objective,
        n_runs=len(N),
        n_starts=len(P0),
        n_best=int(reached.sum()),
        on_grid_edge=on_edge,
        delta=float(delta),
        best_start=tuple(float(v) for v in P0[int(np.argmin(f_end))]),
        warnings=tuple(warnings),
    )


# -- compute-optimal allocation ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ComputeOptimal:
    """Compute-optimal model size and data at budget ``C`` (FLOPs, ``C ≈ 6·N·D``).

    ``N_opt = G·(C/6)^a``, ``D_opt = C/(6·N_opt) = (C/6)^b / G`` with ``a = β/(α+β)``,
    ``b = α/(α+β)``, ``G = (αA/(βB))^(1/(α+β))``; ``loss`` is the predicted loss there.
    Arrays when ``C`` is an array.
    """

    C: Any
    N_opt: Any
    D_opt: Any
    tokens_per_param: Any
    loss: Any
    a: float
    b: float
    G: float


def compute_optimal(fit: Any, C: Any) -> ComputeOptimal:
    """Minimise ``L(N, C/(6N))`` over N in closed form for a fit with ``E, A, B, alpha, beta``.

    >>> fit = Chinchilla3Fit(1.0, 1.0, 1.0, 0.5, 0.5, 0.0, 0, 0, 0, False, 1e-3)
    >>> opt = compute_optimal(fit, 6e8)
    >>> round(opt.N_opt), round(opt.D_opt), opt.a
    (10000, 10000, 0.5)
    """
    E, A, B, al, be = (np.float64(getattr(fit, k)) for k in ("E", "A", "B", "alpha", "beta"))
    C_arr = np.asarray(C, dtype=np.float64)
    with np.errstate(all="ignore"):  # exponents near zero: no finite optimum (inf / nan)
        G = (al * A / (be * B)) ** (1.0 / (al + be))
        a, b = be / (al + be), al / (al + be)
        N = G * (C_arr / 6.0) ** a
        D = C_arr / (6.0 * N)
        L = E + A / N**al + B / D**be

    def out(v: np.ndarray) -> Any:
        return float(v) if np.ndim(v) == 0 else v

    with np.errstate(all="ignore"):
        tpp = D / N
    return ComputeOptimal(
        C=out(C_arr), N_opt=out(N), D_opt=out(D), tokens_per_param=out(tpp), loss=out(L), a=float(a), b=float(b), G=float(G)
    )
