"""The Runs panel's curves: the loss of the selected runs (overlaid, one colour each) over a smaller plot.

The lower plot shows the learning rate, tokens/s or gradient norm; the x axis is steps, tokens or
wall time. While a run trains only its curves' data change, so the user's zoom is kept. A fine-tune
also shows its parent's loss on the same held-out conversations as a dotted horizontal line.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ....core.lineage import parent_of
from ....core.runs import Run
from ...plots.live import SERIES_COLORS, palette_colors
from ..guards import rollback_lines
from .table import LOWER_PLOTS, X_AXES, _file_sig, _mark_lone_point, series


class RunCurves(pg.GraphicsLayoutWidget):
    """The loss plot over the lower plot; ``metrics(path)`` gives a run's records (or a sentence why not)."""

    def __init__(self, metrics: Callable[[str], list[dict] | str], parent=None):
        super().__init__(parent)
        self.metrics = metrics
        self._curves: dict[tuple[str, str], pg.PlotDataItem] = {}
        self.references: dict[str, tuple[float, pg.InfiniteLine]] = {}  # run path -> the parent's loss, its line
        self._log = False
        self._drawn_key: tuple | None = None
        self.loss_plot = self.addPlot(row=0, col=0)
        self.lower_plot = self.addPlot(row=1, col=0)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 1)
        self.lower_plot.setXLink(self.loss_plot)
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.legend = self.loss_plot.addLegend(offset=(-8, 8), labelTextSize="8pt")
        for p in (self.loss_plot, self.lower_plot):
            p.setDownsampling(auto=True, mode="peak")
            p.setClipToView(True)
            p.showGrid(x=True, y=True, alpha=0.15)
        self.apply_palette()

    def apply_palette(self) -> None:
        bg, fg = palette_colors(self)
        muted = QColor(fg)
        muted.setAlpha(170)
        self.setBackground(bg)
        for p in (self.loss_plot, self.lower_plot):
            for side in ("left", "bottom"):
                p.getAxis(side).setPen(pg.mkPen(muted))
                p.getAxis(side).setTextPen(pg.mkPen(fg))
        fill = QColor(bg)
        fill.setAlpha(200)
        self.legend.setBrush(pg.mkBrush(fill))
        self.legend.setLabelTextColor(fg)

    def curves(self) -> dict[tuple[str, str], pg.PlotDataItem]:
        """The drawn curves, keyed by (run path, "train" | "val" | "lower")."""
        return dict(self._curves)

    def redraw(self, rows: list[dict], x_key: str, lower_key: str, force: bool = False) -> None:
        """Draw these runs' curves (table rows); when only their metrics grew, update the curves in place."""
        layout = (tuple((r["path"], r["name"]) for r in rows), x_key, lower_key)
        data = tuple(_file_sig(Run(r["path"]).metrics_path) for r in rows)
        if not force and self._drawn_key is not None and layout == self._drawn_key[0]:
            if data != self._drawn_key[1]:  # a run is training: keep the user's zoom
                self._drawn_key = (layout, data)
                for r in rows:
                    for part, xy in self._series_of(r["path"], x_key, lower_key).items():
                        self._curves[(r["path"], part)].setData(*xy)
                        _mark_lone_point(self._curves[(r["path"], part)])
            return
        self._drawn_key = (layout, data)
        for p in (self.loss_plot, self.lower_plot):
            p.clear()
        self._curves.clear()
        self.references.clear()
        several = len(rows) > 1
        for i, r in enumerate(rows):
            name = html.escape(r["name"])  # legend labels are rich text
            c_train = SERIES_COLORS[i % len(SERIES_COLORS)]
            c_val = c_train if several else SERIES_COLORS[1]
            parts = self._series_of(r["path"], x_key, lower_key)
            self._curves[(r["path"], "train")] = self.loss_plot.plot(
                *parts["train"], pen=pg.mkPen(c_train, width=1.6),
                name=self.tr("{0} · train").format(name) if several else self.tr("train loss"))
            self._curves[(r["path"], "val")] = self.loss_plot.plot(
                *parts["val"],
                pen=pg.mkPen(c_val, width=1.6, style=Qt.PenStyle.DashLine if several else Qt.PenStyle.SolidLine),
                symbol="o", symbolSize=5, symbolBrush=c_val, symbolPen=pg.mkPen(c_val),
                name=self.tr("{0} · val").format(name) if several else self.tr("val loss"))
            self._curves[(r["path"], "lower")] = self.lower_plot.plot(
                *parts["lower"], pen=pg.mkPen(c_train, width=1.2))
            for part in ("train", "lower"):
                _mark_lone_point(self._curves[(r["path"], part)])
            self._add_reference(r, c_val)
            records = self.metrics(r["path"])  # roll-backs (core.guards) as dotted lines
            for line in rollback_lines([] if isinstance(records, str) else records, X_AXES[x_key][0], c_train):
                self.loss_plot.addItem(line)
        _, fg = palette_colors(self)
        self.loss_plot.setTitle(html.escape(rows[0]["name"]) if len(rows) == 1 else None, color=fg.name(),
                                size="10pt")
        for p, y in ((self.loss_plot, self.tr("loss")), (self.lower_plot, QCoreApplication.translate("panels.runs.table", LOWER_PLOTS[lower_key][1]))):
            p.setLabel("bottom", QCoreApplication.translate("panels.runs.table", X_AXES[x_key][1]))
            p.setLabel("left", y)
            p.enableAutoRange()

    def _series_of(self, path: str, x_key: str, lower_key: str) -> dict:
        """{"train" | "val" | "lower": (x, y)} for one run; empty arrays when its metrics are unreadable."""
        records = self.metrics(path)
        records = [] if isinstance(records, str) else records
        x_field = X_AXES[x_key][0]
        wanted = {"train": ("loss", "step"), "val": ("val_loss", "eval"), "lower": (LOWER_PLOTS[lower_key][0], "step")}
        return {part: series(records, x_field, y, kind) for part, (y, kind) in wanted.items()}

    def _add_reference(self, row: dict, color) -> None:
        ref = parent_of(Run(row["path"])).get("reference_val_loss")
        if not isinstance(ref, float) or not ref > 0:
            return
        label = self.tr("{0} (parent) on these conversations").format(row["parent"])
        line = pg.InfiniteLine(pos=math.log10(ref) if self._log else ref, angle=0, label=label,
                               pen=pg.mkPen(color, width=1.2, style=Qt.PenStyle.DotLine),
                               labelOpts={"position": 0.85, "color": color})
        self.loss_plot.addItem(line)
        self.references[row["path"]] = (ref, line)

    def set_log(self, on: bool) -> None:
        self._log = on
        self.loss_plot.setLogMode(False, on)
        for ref, line in self.references.values():  # an InfiniteLine is placed in the plot's own (log) units
            line.setValue(math.log10(ref) if on else ref)
        self.loss_plot.enableAutoRange()
