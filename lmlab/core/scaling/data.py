"""Training-run results for scaling-law fits: validation and CSV import/export.

A results table has one row per finished run: parameters ``N``, training tokens
``D``, final ``loss`` and, optionally, training compute ``C`` (FLOPs) and an IsoFLOP
``budget`` label. Headers are case-insensitive. Epoch AI's Chinchilla file is read
as is: ``Model Size`` → N, ``Training FLOP`` → C, and ``D = C / (6 N)`` when there is
no D column. Without C, ``C = 6 N D`` is used.

Example::

    >>> data = ScalingData.from_arrays(N=[1e6, 1e7], D=[2e7, 2e8], loss=[4.1, 3.3])
    >>> data.C.tolist()
    [120000000000000.0, 1.2e+16]
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import LmlabError

# header (lower-cased, stripped) → column
_ALIASES = {
    "n": "N",
    "params": "N",
    "parameters": "N",
    "model size": "N",
    "d": "D",
    "tokens": "D",
    "loss": "loss",
    "c": "C",
    "compute": "C",
    "flops": "C",
    "training flop": "C",
    "budget": "budget",
}


class ScalingDataError(LmlabError, ValueError):
    """Results cannot be used for a scaling fit (names the column, row or file and why)."""


@dataclass(frozen=True, eq=False)
class ScalingData:
    """Validated run results (all float64 arrays of equal length, every value positive and finite).

    ``C_given`` says whether compute came from the data (else it is ``6·N·D``);
    ``budget`` holds IsoFLOP group labels, or None.
    """

    N: np.ndarray
    D: np.ndarray
    loss: np.ndarray
    C: np.ndarray
    C_given: bool = False
    budget: np.ndarray | None = None
    source: str = "arrays"

    def __len__(self) -> int:
        return len(self.loss)

    @classmethod
    def from_arrays(
        cls,
        N: Sequence[float],
        D: Sequence[float] | None = None,
        loss: Sequence[float] | None = None,
        C: Sequence[float] | None = None,
        budget: Sequence[float] | None = None,
        source: str = "arrays",
    ) -> "ScalingData":
        """Check and wrap arrays; D may be omitted when C is given (``D = C / 6N``)."""
        if N is None or loss is None:
            raise ScalingDataError("{source}: need N (parameters) and loss values.", source=source)
        cols = {"N": N, "loss": loss}
        if D is not None:
            cols["D"] = D
        if C is not None:
            cols["C"] = C
        if budget is not None:
            cols["budget"] = budget
        arrays = {name: _positive_array(values, name, source) for name, values in cols.items()}
        n = len(arrays["loss"])
        for name, arr in arrays.items():
            if len(arr) != n:
                raise ScalingDataError("{source}: column {name} has {count} values but loss has {n}.", source=source, name=name, count=len(arr), n=n)
        if "D" not in arrays:
            if "C" not in arrays:
                raise ScalingDataError("{source}: need a D (tokens) column, or a C (compute) column to derive D = C / (6 N).", source=source)
            arrays["D"] = arrays["C"] / (6.0 * arrays["N"])
        C_given = "C" in arrays
        if not C_given:
            arrays["C"] = 6.0 * arrays["N"] * arrays["D"]
        return cls(
            N=arrays["N"],
            D=arrays["D"],
            loss=arrays["loss"],
            C=arrays["C"],
            C_given=C_given,
            budget=arrays.get("budget"),
            source=source,
        )

    def drop_highest(self, k: int) -> "ScalingData":
        """Without the ``k`` runs of highest loss (ties broken by row order, as a stable sort would)."""
        if k < 0:
            raise ScalingDataError("cannot drop {k} runs: the count must be zero or more.", k=k)
        if k == 0:
            return self
        if k >= len(self):
            raise ScalingDataError("{source}: cannot drop the {k} highest-loss runs out of {n}.", source=self.source, k=k, n=len(self))
        keep = np.sort(np.argsort(self.loss, kind="stable")[: len(self) - k])
        return self.subset(keep)

    def subset(self, index: np.ndarray) -> "ScalingData":
        """The runs at ``index`` (integer positions or a boolean mask)."""
        return ScalingData(
            N=self.N[index],
            D=self.D[index],
            loss=self.loss[index],
            C=self.C[index],
            C_given=self.C_given,
            budget=None if self.budget is None else self.budget[index],
            source=self.source,
        )


def _positive_array(values: Any, name: str, source: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ScalingDataError("{source}: column {name} holds values that are not numbers.", source=source, name=name) from None
    bad = np.flatnonzero(~np.isfinite(arr) | (arr <= 0))
    if bad.size:
        i = int(bad[0])
        raise ScalingDataError(
            "{source}: {name} must be a positive number in every row, but value {i} is {value!r} ({n} such values)."
            if bad.size > 1 else
            "{source}: {name} must be a positive number in every row, but value {i} is {value!r}.",
            source=source, name=name, i=i + 1, value=arr[i], n=bad.size,
        )
    return arr


def read_results_csv(path: str | PathLike[str], *, min_rows: int = 1) -> ScalingData:
    """Read a results CSV (see the module docstring for the columns it understands).

    Raises ``ScalingDataError`` naming the file, the column or the row: missing file or
    column, a value that is not a positive number, fewer than ``min_rows`` rows.
    """
    path = Path(path)
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise ScalingDataError("{name} is empty: expected a header row with the columns N, D, loss (C optional).", name=name)
            rows = [row for row in reader if any(cell.strip() for cell in row)]
    except FileNotFoundError:
        raise ScalingDataError("{path} does not exist.", path=path) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ScalingDataError("{name} cannot be read as CSV: {e}", name=name, e=exc) from None
    where: dict[str, int] = {}
    for i, head in enumerate(header):
        col = _ALIASES.get(head.strip().lower())
        if col is not None and col not in where:
            where[col] = i
    found = ", ".join(h.strip() for h in header) or "(none)"
    for col in ("N", "loss"):
        if col not in where:
            raise ScalingDataError("{name} has no '{col}' column (or 'Model Size'); its columns are: {found}." if col == "N" else
                                   "{name} has no '{col}' column; its columns are: {found}.", name=name, col=col, found=found)
    if "D" not in where and "C" not in where:
        raise ScalingDataError(
            "{name} has no 'D' (tokens) column and no 'C' / 'Training FLOP' column to derive it from; its columns are: {found}.", name=name, found=found
        )
    if len(rows) < min_rows:
        raise ScalingDataError("{name} has {n_rows} data rows; at least {min_rows} are needed.", name=name, n_rows=len(rows), min_rows=min_rows)
    values: dict[str, list[float]] = {col: [] for col in where}
    for r, row in enumerate(rows, start=2):
        for col, i in where.items():
            cell = row[i].strip() if i < len(row) else ""
            try:
                v = float(cell)
            except ValueError:
                raise ScalingDataError("{name}, line {line}: {col} is {cell!r}, not a number." if cell else
                                       "{name}, line {line}: {col} is empty.", name=name, line=r, col=col, cell=cell) from None
            if not (math.isfinite(v) and v > 0):
                raise ScalingDataError("{name}, line {line}: {col} must be a positive number, got {cell}.", name=name, line=r, col=col, cell=cell)
            values[col].append(v)
    return ScalingData.from_arrays(
        N=values["N"],
        D=values.get("D"),
        loss=values["loss"],
        C=values.get("C"),
        budget=values.get("budget"),
        source=name,
    )


def write_results_csv(path: str | PathLike[str], data: ScalingData) -> None:
    """Write ``N, D, loss, C`` (and ``budget`` when present) with full float precision."""
    cols = ["N", "D", "loss", "C"] + (["budget"] if data.budget is not None else [])
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(cols)
        for i in range(len(data)):
            writer.writerow([repr(float(getattr(data, c)[i])) for c in cols])


def as_scaling_data(source: Any) -> ScalingData:
    """Accept a ``ScalingData``, a CSV path, or a mapping / tuple of arrays ``(N, D, loss[, C])``."""
    if isinstance(source, ScalingData):
        return source
    if isinstance(source, (str, PathLike)):
        return read_results_csv(source)
    if isinstance(source, dict):
        lower = {str(k).lower(): v for k, v in source.items()}
        return ScalingData.from_arrays(
            N=lower.get("n"), D=lower.get("d"), loss=lower.get("loss"), C=lower.get("c"), budget=lower.get("budget")
        )
    if isinstance(source, (tuple, list)) and len(source) in (3, 4):
        return ScalingData.from_arrays(*source)
    raise ScalingDataError("expected a CSV path, a ScalingData, or arrays (N, D, loss[, C]).")
