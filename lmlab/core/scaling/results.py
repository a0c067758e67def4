"""A scaling study's table, without Qt: the numbers and shapes a user types, the rows of a results
table (sweep points or imported runs), and this machine's measured training speed.

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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError, LmlabError
from .data import ScalingData

if TYPE_CHECKING:
    from ..sweep import Sweep

# -- what the user types --------------------------------------------------------------------

_SUFFIX = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "b": 1e9, "t": 1e12, "p": 1e15}
_NUMBER = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([kmgbtp]?)$", re.IGNORECASE)


def parse_numbers(text: str) -> list[float]:
    """Numbers separated by commas, semicolons or spaces; k, M, G (or B), T, P suffixes allowed.

    Example: "1e5, 300k; 2M" -> [100000.0, 300000.0, 2000000.0]. Raises ConfigError naming
    the first item that is not a positive number.
    """
    out = []
    for item in re.split(r"[,;\s]+", text.strip()):
        if not item:
            continue
        m = _NUMBER.match(item.replace("_", ""))
        if not m:
            raise ConfigError("'{item}' is not a number (write e.g. 2e5, 200k or 1.5M).", item=item)
        v = float(m.group(1)) * _SUFFIX[m.group(2).lower()]
        if not (math.isfinite(v) and v > 0):
            raise ConfigError("'{item}' must be a positive number.", item=item)
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
            raise ConfigError("'{item}' is not a shape: write layers x width, e.g. 2x64.", item=item)
        out.append((int(m.group(1)), int(m.group(2))))
    return out


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
