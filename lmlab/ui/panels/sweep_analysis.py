"""The Scaling panel's arithmetic, without Qt: reading numbers and shapes the user types,
the results table rows, the fit job (run in a worker), the machine's measured speed and
the compute-optimal recommendation.

Everything here is plain Python over ``lmlab.core`` and numpy, so it is tested without
a window and can move into ``lmlab.core`` unchanged.

    >>> parse_numbers("2e4, 50k 1.2M")
    [20000.0, 50000.0, 1200000.0]
    >>> parse_shapes("2x64, 4×128")
    [(2, 64), (4, 128)]
    >>> format_number(1.2345e18), format_number(86400), format_number(0.5)
    ('1.23e18', '86.4k', '0.5')
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ...core.errors import LmlabError
from ...core.jobs.drive import drain
from ...core.scaling import (
    Chinchilla3Fit,
    ChinchillaBootstrap,
    FrontierFit,
    IsoflopFit,
    PowerLawFit,
    ScalingData,
    ScalingDataError,
    bootstrap_chinchilla,
    compute_frontier,
    fit_chinchilla,
    fit_compute_frontier,
    fit_isoflop_parabolas,
    fit_power_law,
)
from ...core.sweep import Sweep

# -- what the user types --------------------------------------------------------------------

_SUFFIX = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "b": 1e9, "t": 1e12, "p": 1e15}
_NUMBER = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([kmgbtp]?)$", re.IGNORECASE)


def parse_numbers(text: str) -> list[float]:
    """Numbers separated by commas, semicolons or spaces; k, M, G (or B), T, P suffixes allowed.

    Example: "1e5, 300k; 2M" -> [100000.0, 300000.0, 2000000.0]. Raises ValueError naming
    the first item that is not a positive number.
    """
    out = []
    for item in re.split(r"[,;\s]+", text.strip()):
        if not item:
            continue
        m = _NUMBER.match(item.replace("_", ""))
        if not m:
            raise ValueError(f"'{item}' is not a number (write e.g. 2e5, 200k or 1.5M).")
        v = float(m.group(1)) * _SUFFIX[m.group(2).lower()]
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"'{item}' must be a positive number.")
        out.append(v)
    return out


def parse_shapes(text: str) -> list[tuple[int, int]]:
    """Shapes as layers x width: "2x64, 4x128" -> [(2, 64), (4, 128)] ("×" works too)."""
    out = []
    for item in re.split(r"[,;\s]+", text.strip()):
        if not item:
            continue
        m = re.fullmatch(r"(\d+)\s*[x×*]\s*(\d+)", item, re.IGNORECASE)
        if not m or int(m.group(1)) < 1 or int(m.group(2)) < 8:
            raise ValueError(f"'{item}' is not a shape: write layers x width, e.g. 2x64.")
        out.append((int(m.group(1)), int(m.group(2))))
    return out


def format_number(x: float | None, digits: int = 3) -> str:
    """Compact: 1.2345e18 -> '1.23e18'; 86400 -> '86.4k'; 1234567 -> '1.23M'; None -> '–'."""
    if x is None or not math.isfinite(x):
        return "–"
    a = abs(x)
    if a >= 1e13 or (0 < a < 1e-3):
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        return f"{mant}e{int(exp)}"
    for div, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            return f"{x / div:.{digits}g}{unit}"
    return f"{x:.{digits}g}"


def format_interval(est: float | None, low: float | None = None, high: float | None = None) -> str:
    """'1.82 (1.77–1.88)', or just the estimate when there is no interval."""
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return format_number(est)
    return f"{format_number(est)} ({format_number(low)}–{format_number(high)})"


# -- results rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    """One row of the results table: a sweep point, or a run from an imported CSV."""

    name: str
    status: str  # pending | running | finished | stopped | failed | imported
    N: float  # non-embedding parameters (what the fits use)
    D: float  # training tokens
    C: float  # training FLOPs, 6·N·D unless the CSV gave them
    N_total: float | None = None
    final_loss: float | None = None
    best_loss: float | None = None
    wall_time: float | None = None
    message: str = ""
    budget: float = 0.0  # IsoFLOP budget the point was planned for (0: none)

    @property
    def usable(self) -> bool:
        return self.status in ("finished", "imported") and self.final_loss is not None and self.final_loss > 0


def rows_from_sweep(sweep: Sweep) -> list[ResultRow]:
    return [
        ResultRow(r["name"], r["status"], float(r["N"]), float(r["D"]), float(r["C"]), float(r["N_total"]),
                  r["final_val_loss"], r["best_val_loss"], r["wall_time"] or None, r["message"], float(r["budget"]))
        for r in sweep.results()
    ]


def rows_from_data(data: ScalingData) -> list[ResultRow]:
    budget = data.budget if data.budget is not None else np.zeros(len(data))
    return [
        ResultRow(f"{data.source} #{i + 1}", "imported", float(data.N[i]), float(data.D[i]), float(data.C[i]),
                  final_loss=float(data.loss[i]), budget=float(budget[i]))
        for i in range(len(data))
    ]


def data_from_rows(rows: Sequence[ResultRow], source: str = "sweep") -> ScalingData | None:
    """The finished rows as ``ScalingData`` (IsoFLOP budgets kept when every row has one)."""
    use = [r for r in rows if r.usable]
    if not use:
        return None
    budget = [r.budget for r in use] if all(r.budget > 0 for r in use) else None
    return ScalingData.from_arrays(N=[r.N for r in use], D=[r.D for r in use], loss=[r.final_loss for r in use],
                                   C=[r.C for r in use], budget=budget, source=source)


# -- fits --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A number with an optional interval (``low``/``high`` None when there is none)."""

    estimate: float
    low: float | None = None
    high: float | None = None

    def text(self) -> str:
        return format_interval(self.estimate, self.low, self.high)


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


@dataclass(frozen=True, eq=False)
class ScalingFits:
    """Every fit of one data set (each None when it could not be made) and the plain-language caveats."""

    data: ScalingData
    approach3: Chinchilla3Fit | None = None
    bootstrap: ChinchillaBootstrap | None = None
    approach2: IsoflopFit | None = None
    frontier: FrontierFit | None = None
    law_N: PowerLawFit | None = None  # L(N) through the lowest loss at each size (lower envelope)
    law_N_index: tuple[int, ...] = ()
    law_D: PowerLawFit | None = None
    law_D_index: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def level(self) -> float:
        return self.bootstrap.level if self.bootstrap else 0.95

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
                f"This budget is {C / c_max:,.0f}× the largest run ({format_number(c_max)} FLOPs): the recommendation "
                "extrapolates the fitted law far beyond the data, so treat it as a rough guide."
            )
        elif C < float(self.data.C.min()) / 10:
            warnings.append("This budget is far below the smallest run of the data: the law may not hold down there.")
        if self.approach3 is not None:
            opt = self.approach3.compute_optimal(C)
            if self.bootstrap is not None:
                iv = self.bootstrap.at_budget(C)

                def est(name: str) -> Estimate:
                    return Estimate(iv[name].estimate, iv[name].low, iv[name].high)

                return Recommendation(C, est("N_opt"), est("D_opt"), est("tokens_per_param"), est("loss"),
                                      "approach 3", tuple(warnings))
            return Recommendation(C, Estimate(opt.N_opt), Estimate(opt.D_opt), Estimate(opt.tokens_per_param),
                                  Estimate(opt.loss), "approach 3", tuple(warnings))
        if self.approach2 is not None:
            n = float(self.approach2.N_opt(C))
            d = C / (6.0 * n)
            return Recommendation(C, Estimate(n), Estimate(d), Estimate(d / n), None, "approach 2",
                                  tuple(warnings) + ("Approach 2 only: no intervals and no predicted loss.",))
        return None


def _envelope_law(x: np.ndarray, loss: np.ndarray, what: str) -> tuple[PowerLawFit | None, tuple[int, ...], str]:
    idx = compute_frontier(x, loss)
    if len(np.unique(x[idx])) < 3:
        return None, (), (f"L({what}) not fitted: fewer than three {what} values improve on the smaller ones "
                          f"(it needs at least three points on the lowest-loss envelope).")
    try:
        law = fit_power_law(x[idx], loss[idx], name=f"L({what}) fit")
    except ScalingDataError as e:
        return None, (), f"L({what}) not fitted: {e}"
    return law, tuple(int(i) for i in idx), ""


def fit_job(data: ScalingData, n_boot: int = 200, seed: int | None = 0) -> Generator[str, None, ScalingFits]:
    """Every fit the panel shows, as a generator of stage sentences (run it in a worker).

    1. approach 3 (needs 6 runs) from the 4,500-start grid, then ``n_boot`` bootstrap refits;
    2. approach 2 when the runs form IsoFLOP groups;
    3. power laws L(N), L(D) through the lowest-loss envelope, and L(C) through the compute frontier.
    Failures become notes or warnings; nothing here raises for data a user can bring.
    """
    warnings: list[str] = []
    notes: list[str] = []
    out: dict = {}
    n = len(data)
    yield f"Approach 3: fitting L(N, D) = E + A/N^α + B/D^β to {n} runs from 4,500 starts"
    if n < 6:
        warnings.append(
            f"Only {n} finished runs: approach 3 (the Chinchilla fit of E, A, B, α and β) needs at least 6, and at "
            "least 10 to mean much. Run more sizes and token budgets before trusting any of these numbers."
        )
    else:
        try:
            fit = fit_chinchilla(data.N, data.D, data.loss)
            out["approach3"] = fit
            warnings += list(fit.warnings)
            if n_boot > 0:
                yield f"Approach 3: {n_boot} bootstrap refits for the intervals"
                boot = bootstrap_chinchilla(data.N, data.D, data.loss, fit=fit, n_boot=n_boot, seed=seed)
                out["bootstrap"] = boot
                warnings += list(boot.warnings)
        except (ScalingDataError, ValueError, FloatingPointError) as e:
            warnings.append(f"Approach 3 could not be fitted: {e}")
    yield "Approach 2: IsoFLOP parabolas"
    try:
        iso = fit_isoflop_parabolas(data.N, data.loss, data.C, budget=data.budget)
        out["approach2"] = iso
        warnings += [f"Approach 2: {w}" for w in iso.warnings]
    except ScalingDataError as e:
        notes.append(f"Approach 2 not fitted: {e}")
    yield "Power laws L(N), L(D) and the loss–compute frontier"
    for x, what, key in ((data.N, "N", "law_N"), (data.D, "D", "law_D")):
        law, idx, note = _envelope_law(x, data.loss, what)
        if law is not None:
            out[key], out[f"{key}_index"] = law, idx
            warnings += [f"L({what}): {w}" for w in law.warnings]
        else:
            notes.append(note)
    try:
        fr = fit_compute_frontier(data.C, data.loss)
        out["frontier"] = fr
        warnings += [f"Loss–compute frontier: {w}" for w in fr.fit.warnings]
    except ScalingDataError as e:
        notes.append(f"Loss–compute frontier not fitted: {e}")
    # The same sentence can come from several fits; show it once.
    seen: set[str] = set()
    unique = [w for w in warnings if not (w in seen or seen.add(w))]
    return ScalingFits(data=data, warnings=tuple(unique), notes=tuple(notes), **out)


def run_fits(data: ScalingData, n_boot: int = 200, seed: int | None = 0) -> ScalingFits:
    """``fit_job`` to its end (scripts and tests)."""
    return drain(fit_job(data, n_boot, seed))


# -- this machine's speed -------------------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    """Training FLOPs per second measured on one run of a sweep (6·N·tokens/s, N non-embedding)."""

    flops_per_s: float
    tokens_per_s: float
    N: float
    run_name: str

    def hours_to_flops(self, hours: float) -> float:
        return hours * 3600.0 * self.flops_per_s

    def flops_to_hours(self, flops: float) -> float:
        return flops / self.flops_per_s / 3600.0


def measured_throughput(sweep: Sweep) -> Throughput | None:
    """The speed of the largest finished run of ``sweep`` (median tokens/s of its logged steps).

    The largest model is the fairest guide to a bigger run: tiny models waste more of each step
    on overhead. None when no finished run logged its speed.
    """
    best: Throughput | None = None
    for row, st in zip(sweep.results(), sweep.states):
        if st.status != "finished" or not st.run_id:
            continue
        try:
            recs = sweep.runs.open(st.run_id).read_metrics()
        except LmlabError:
            continue
        tps = [r["tokens_per_s"] for r in recs if r.get("type") == "step" and r.get("tokens_per_s", 0) > 0]
        if len(tps) > 2:
            tps = tps[1:]  # the first interval includes start-up
        if not tps:
            continue
        t = statistics.median(tps)
        cand = Throughput(6.0 * row["N"] * t, t, float(row["N"]), row["name"])
        if best is None or cand.N > best.N:
            best = cand
    return best
