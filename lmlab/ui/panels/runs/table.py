"""The Runs panel's table and the reading of runs behind it.

Rows are ``Run.summary()`` (one summary of a run, in core); the ``format_*`` / ``series``
helpers turn them and the metrics into cells and curves without touching a widget;
``RunsTableModel`` shows the rows. ``curves.py`` draws the curves, ``panel.py`` holds the actions.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication


from ...resources import error_color
from ...i18n import core_text

COLUMNS = (QT_TRANSLATE_NOOP("panels.runs.table", "Name"), QT_TRANSLATE_NOOP("panels.runs.table", "Date"), QT_TRANSLATE_NOOP("panels.runs.table", "Shape"), QT_TRANSLATE_NOOP("panels.runs.table", "Steps"), QT_TRANSLATE_NOOP("panels.runs.table", "Best val loss"), QT_TRANSLATE_NOOP("panels.runs.table", "Status"))
NUMERIC_COLUMNS = {3, 4}
# x-axis choice -> (field in the metrics records, axis label)
X_AXES = {"step": ("step", QT_TRANSLATE_NOOP("panels.runs.table", "step")), "tokens": ("tokens", QT_TRANSLATE_NOOP("panels.runs.table", "tokens seen")), "time": ("elapsed", QT_TRANSLATE_NOOP("panels.runs.table", "wall time (s)"))}
# lower plot choice -> (field in step records, label)
LOWER_PLOTS = {"lr": ("lr", QT_TRANSLATE_NOOP("panels.runs.table", "learning rate")), "tokens_per_s": ("tokens_per_s", QT_TRANSLATE_NOOP("panels.runs.table", "tokens/s")),
               "grad_norm": ("grad_norm", QT_TRANSLATE_NOOP("panels.runs.table", "gradient norm"))}
RESUMABLE = frozenset({"stopped", "failed"})
PROBLEM_STATUSES = frozenset({"failed", "damaged", "unknown"})
# A run's status as the table shows it (run folders keep the English word).
STATUS_NAMES = {
    "created": QT_TRANSLATE_NOOP("panels.runs.table", "created"), "ready": QT_TRANSLATE_NOOP("panels.runs.table", "ready"),
    "preparing": QT_TRANSLATE_NOOP("panels.runs.table", "preparing"),
    "running": QT_TRANSLATE_NOOP("panels.runs.table", "running"), "paused": QT_TRANSLATE_NOOP("panels.runs.table", "paused"),
    "stopping": QT_TRANSLATE_NOOP("panels.runs.table", "stopping"), "stopped": QT_TRANSLATE_NOOP("panels.runs.table", "stopped"),
    "finished": QT_TRANSLATE_NOOP("panels.runs.table", "finished"), "failed": QT_TRANSLATE_NOOP("panels.runs.table", "failed"),
    "damaged": QT_TRANSLATE_NOOP("panels.runs.table", "damaged"), "unknown": QT_TRANSLATE_NOOP("panels.runs.table", "unknown"),
}
REFRESH_MS = 2000

FileSig = tuple[int, int] | None


# -- reading runs (no widgets) ----------------------------------------------------------


def _file_sig(path: Path) -> FileSig:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _number(v) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def format_date(created) -> str:
    """Example: "2026-11-28T17:31:12+00:00" -> "2026-11-28 17:31"; anything unparsable is shown as is."""
    if not isinstance(created, str) or not created:
        return ""
    try:
        return _dt.datetime.fromisoformat(created).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def format_steps(step, total) -> str:
    """Example: (250, 2000) -> "250 / 2,000"; (250, None) -> "250"."""
    s, t = _number(step), _number(total)
    if s is None:
        return ""
    return f"{int(s):,} / {int(t):,}" if t is not None else f"{int(s):,}"


def format_loss(v) -> str:
    """Example: 1.23456 -> "1.2346"; None -> "" (no evaluation yet)."""
    x = _number(v)
    return "" if x is None else f"{x:.4f}"


def series(records: list[dict], x_field: str, y_field: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """x and y of the records of type ``kind`` that have both as numbers.

    Example: ([{"type": "step", "step": 5, "loss": 3.0}, {"type": "eval", "step": 5, ...}], "step", "loss", "step")
    -> (array([5.]), array([3.]))
    """
    xs, ys = [], []
    for r in records:
        if r.get("type") != kind:
            continue
        x, y = _number(r.get(x_field)), _number(r.get(y_field))
        if x is not None and y is not None:
            xs.append(x)
            ys.append(y)
    return np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)


def _mark_lone_point(curve: pg.PlotDataItem) -> None:
    """A line through one point draws nothing (a run stopped at its first log): show it as a dot."""
    lone = curve.xData is not None and len(curve.xData) == 1
    if lone != (curve.opts.get("symbol") is not None):
        color = curve.opts["pen"].color()
        curve.setSymbol("o" if lone else None)
        curve.setSymbolSize(5)
        curve.setSymbolBrush(color)
        curve.setSymbolPen(color)


# -- the table ------------------------------------------------------------------------------


class RunsTableModel(QAbstractTableModel):
    """Rows are run summaries (``Run.summary()``), in the store's order (newest first)."""

    PathRole = Qt.ItemDataRole.UserRole

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> bool:
        """Replace the rows; returns True when the set of runs changed (a model reset, selection lost)."""
        if [r["path"] for r in rows] == [r["path"] for r in self._rows]:
            changed = [i for i, (a, b) in enumerate(zip(rows, self._rows)) if a != b]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def row(self, i: int) -> dict:
        return self._rows[i]

    def row_of(self, path: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["path"] == path), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("panels.runs.table", COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r["name"], format_date(r["created"]), r["shape"], format_steps(r["step"], r["total_steps"]),
                    format_loss(r["best_val_loss"]),
                    QCoreApplication.translate("panels.runs.table", STATUS_NAMES.get(r["status"], str(r["status"]))))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (r["name"], r["path"], core_text(str(r["message"] or ""))) if x)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 5 and r["status"] in PROBLEM_STATUSES:
            return error_color(QGuiApplication.palette())
        if role == self.PathRole:
            return r["path"]
        return None


# -- the panel --------------------------------------------------------------------------------
