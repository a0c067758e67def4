"""Live curves: growable numpy buffers drawn by a timer, smooth with millions of points.

Two pieces, usable on their own:

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

``LivePlot`` (a ``pyqtgraph.PlotWidget``)
    One ``PlotDataItem`` per series; appending only writes into the series' buffer
    and nothing is drawn then. A ``QTimer`` (``fps``, 25 Hz by default) runs while the
    plot is visible and calls ``setData`` only for series whose buffer changed since
    the last frame. Peak downsampling and clip-to-view are on, the finite check stays
    on (a NaN loss breaks a line instead of the plot). Colours follow the palette, so
    light and dark themes both read::

        plot = LivePlot(title="Loss", y_label="loss", legend=True)
        plot.add_series("train", "train", color=0)                 # one curve per series
        plot.add_series("val", "validation", color=1, symbol="o")
        plot.append("train", step=10, tokens=640, time=0.5, value=4.17)
        plot.set_x_column("tokens")                             # step | tokens | time
        plot.set_log(y=True)
        plot.clear_data()                                       # empty every series

Rows carry every x column at once (``X_COLUMNS``), so switching the x axis never
needs the data again. Works only on the GUI thread, like every widget: feed it from
slots connected to a worker's queued signals.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

X_COLUMNS = ("step", "tokens", "time")
X_LABELS = {"step": "step", "tokens": "tokens seen", "time": "time (s)"}
X_UNITS = {"tokens": "tok"}  # with SI prefixes: "tokens seen (Mtok)" and ticks 0.5, 1.0, ...
DEFAULT_COLUMNS = (*X_COLUMNS, "value")

# Tableau 10: distinct hues that stay legible on light and dark backgrounds.
SERIES_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)


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


def palette_colors(widget) -> tuple[QColor, QColor]:
    """(background, foreground) for plots, from the widget's palette (light or dark theme)."""
    pal = widget.palette()
    return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.WindowText)


class LivePlot(pg.PlotWidget):
    """A plot of live series redrawn by a timer from ``CurveBuffer``s (see the module docstring)."""

    def __init__(
        self, title: str = "", y_label: str = "", *, legend: bool = False, fps: float = 25.0, parent=None
    ):
        super().__init__(parent=parent)
        self._title = title
        self._series: dict[str, tuple[CurveBuffer, pg.PlotDataItem, str]] = {}
        self._drawn: dict[str, int] = {}  # series -> buffer version on screen
        self._x = "step"
        self.redraws = 0  # frames that called setData (tests and the GUI bench read it)
        item = self.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setMenuEnabled(False)
        item.hideButtons()
        for name in ("left", "bottom"):
            item.getAxis(name).enableAutoSIPrefix(False)  # "(x0.001)" next to a label reads as noise
        item.setLabel("left", y_label)
        self._label_x_axis()
        self._legend = item.addLegend(offset=(-8, 8), labelTextSize="8pt") if legend else None
        self.set_title(title)
        self.setMinimumSize(160, 120)
        self._placeholder = QLabel(self)
        self._placeholder.setObjectName("plotPlaceholder")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._placeholder.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(1000 / fps)))
        self._timer.timeout.connect(self.redraw)
        self._apply_palette()

    # -- series ---------------------------------------------------------------
    def add_series(
        self,
        key: str,
        name: str,
        color: int | str = 0,
        *,
        symbol: str | None = None,
        width: float = 1.0,
        columns: Sequence[str] = DEFAULT_COLUMNS,
        y: str = "value",
    ) -> CurveBuffer:
        """A new curve fed from its own buffer; returns the buffer (append to it, or use ``append``).

        Keep ``width`` at 1 for dense series: an antialiased pen wider than one pixel makes Qt's
        stroker some 30 times slower (seconds per frame at a few thousand drawn points).
        """
        if key in self._series:
            raise ValueError(f"series {key!r} exists")
        hexcolor = SERIES_COLORS[color % len(SERIES_COLORS)] if isinstance(color, int) else color
        pen = pg.mkPen(hexcolor, width=width)
        kwargs = {}
        if symbol:
            kwargs = dict(symbol=symbol, symbolSize=6, symbolBrush=hexcolor, symbolPen=pg.mkPen(hexcolor))
        item = self.getPlotItem().plot(name=name, pen=pen, **kwargs)
        buf = CurveBuffer(columns)
        self._series[key] = (buf, item, y)
        self._drawn[key] = -1
        return buf

    def set_placeholder(self, text: str) -> None:
        """A sentence shown in the middle of the plot while it has no data."""
        self._placeholder.setText(text)
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        empty = not any(len(buf) for buf, _, _ in self._series.values())
        self._placeholder.setVisible(empty and bool(self._placeholder.text()))
        self._place_placeholder()

    def _place_placeholder(self) -> None:
        r = self.rect()
        self._placeholder.setGeometry(r.adjusted(r.width() // 8, 0, -r.width() // 8, 0))

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        if "_placeholder" in self.__dict__ and self._placeholder.isVisible():
            self._place_placeholder()

    def buffer(self, key: str) -> CurveBuffer:
        return self._series[key][0]

    def curve(self, key: str) -> pg.PlotDataItem:
        return self._series[key][1]

    def append(self, key: str, **row: float) -> None:
        self._series[key][0].append(**row)

    def clear_data(self) -> None:
        """Empty every series (the curves stay). Not ``clear()``: PlotWidget's removes the curves."""
        for buf, _, _ in self._series.values():
            buf.clear()

    # -- view ----------------------------------------------------------------
    @property
    def x_column(self) -> str:
        return self._x

    def set_x_column(self, column: str) -> None:
        if column not in X_COLUMNS:
            raise ValueError(f"x column must be one of {X_COLUMNS}")
        if column != self._x:
            self._x = column
            self._label_x_axis()
            self._drawn = dict.fromkeys(self._drawn, -1)
            self.redraw()
            self.getPlotItem().enableAutoRange()

    def _label_x_axis(self) -> None:
        axis = self.getPlotItem().getAxis("bottom")
        units = X_UNITS.get(self._x)
        axis.enableAutoSIPrefix(units is not None)
        axis.setLabel(X_LABELS[self._x], units=units)

    def set_log(self, x: bool | None = None, y: bool | None = None) -> None:
        item = self.getPlotItem()
        cx, cy = item.ctrl.logXCheck.isChecked(), item.ctrl.logYCheck.isChecked()
        item.setLogMode(cx if x is None else x, cy if y is None else y)
        item.enableAutoRange()

    def redraw(self) -> None:
        """Push changed buffers to their curves (the timer calls this; cheap when nothing changed)."""
        changed = False
        for key, (buf, item, ycol) in self._series.items():
            if self._drawn[key] == buf.version:
                continue
            self._drawn[key] = buf.version
            if len(buf):
                item.setData(buf[self._x], buf[ycol])
            else:
                item.clear()  # not setData([], []): an empty dataset stops the view's auto-range
            changed = True
        if changed:
            self.redraws += 1
            self._update_placeholder()

    # -- lifecycle -----------------------------------------------------------
    def showEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(ev)
        self.redraw()
        self._timer.start()

    def hideEvent(self, ev) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(ev)

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and "_timer" in self.__dict__:
            self._apply_palette()
        super().changeEvent(ev)

    def _apply_palette(self) -> None:
        bg, fg = palette_colors(self)
        self.setBackground(bg)
        item = self.getPlotItem()
        muted = QColor(fg)
        muted.setAlpha(170)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(muted))
            axis.setTextPen(pg.mkPen(fg))
        item.setTitle(self._title, color=fg.name(), size="10pt")
        self._style_legend()
        pal = self._placeholder.palette()
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
        self._placeholder.setPalette(pal)

    def _style_legend(self) -> None:
        if self._legend is None:
            return
        bg, fg = palette_colors(self)
        fill = QColor(bg)
        fill.setAlpha(200)
        self._legend.setBrush(pg.mkBrush(fill))
        self._legend.setLabelTextColor(fg)

    def set_title(self, title: str) -> None:
        self._title = title
        _, fg = palette_colors(self)
        self.getPlotItem().setTitle(title, color=fg.name(), size="10pt")
