"""Growable numpy columns for live curves.

``CurveBuffer``
    Named float64 columns that double their capacity when full, so appending is
    amortised O(1) and nothing is re-allocated per point::

        >>> buf = CurveBuffer(("step", "tokens", "time", "value"))
        >>> buf.append(step=10, tokens=640, time=0.5, value=4.17)
        >>> buf.append(step=20, tokens=1280, time=1.0, value=3.90)
        >>> buf["value"]              # a view of the filled part
        array([4.17, 3.9 ])
        >>> len(buf), buf.version     # version grows with every change
        (2, 2)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

X_COLUMNS = ("step", "tokens", "time")
DEFAULT_COLUMNS = (*X_COLUMNS, "value")


class CurveBuffer:
    """Named float64 columns that grow by doubling; ``buf[name]`` is a view of the filled rows."""

    def __init__(self, columns: Sequence[str] = DEFAULT_COLUMNS, capacity: int = 1024):
        self.columns = tuple(columns)
        self._index = {c: i for i, c in enumerate(self.columns)}
        self._data = np.empty((max(1, capacity), len(self.columns)), dtype=np.float64)
        self._n = 0
        self.version = 0  # bumped on every change; the plot redraws when it differs

    def __len__(self) -> int:
        return self._n

    @property
    def capacity(self) -> int:
        return self._data.shape[0]

    def _reserve(self, n: int) -> None:
        cap = self.capacity
        if n <= cap:
            return
        while cap < n:
            cap *= 2
        grown = np.empty((cap, len(self.columns)), dtype=np.float64)
        grown[: self._n] = self._data[: self._n]
        self._data = grown

    def append(self, **values: float) -> None:
        """Add one row; columns not given are NaN."""
        self._reserve(self._n + 1)
        row = self._data[self._n]
        row[:] = np.nan
        for name, v in values.items():
            row[self._index[name]] = v
        self._n += 1
        self.version += 1

    def extend(self, rows: np.ndarray) -> None:
        """Add many rows at once: an array of shape (n, len(columns))."""
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, len(self.columns))
        self._reserve(self._n + len(rows))
        self._data[self._n : self._n + len(rows)] = rows
        self._n += len(rows)
        self.version += 1

    def __getitem__(self, column: str) -> np.ndarray:
        return self._data[: self._n, self._index[column]]

    def last(self, column: str) -> float | None:
        return float(self._data[self._n - 1, self._index[column]]) if self._n else None

    def clear(self) -> None:
        self._n = 0
        self.version += 1
