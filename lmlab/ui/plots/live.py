"""Live curves: growable numpy buffers drawn by a timer, smooth with millions of points.

``CurveBuffer`` (buffer.py) holds each series' rows; ``FrameClock`` (frame_clock.py) decides
which plot draws when.

``LivePlot`` (a ``pyqtgraph.PlotWidget``)
    One ``PlotDataItem`` per series; appending only writes into the series' buffer
    and nothing is drawn then. While the plot is visible the shared frame clock (at most
    ``fps``, 25 Hz by default) calls ``setData`` only for series whose buffer changed since
    the last frame. Drawing is paced so the GUI thread stays light while a run trains
    in the same process (PySide holds the GIL through every paint, so each millisecond
    painting is a millisecond the training thread may wait): a plot spends at most
    ``paint_budget`` of the wall time painting (it measures its own frames), and the
    visible plots take turns, at most one new frame per timer tick, so one event-loop
    iteration never paints them all. Peak downsampling and clip-to-view are on, the
    finite check stays on (a NaN loss breaks a line instead of the plot). Colours follow the palette, so
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

import time
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsItem, QLabel

from .buffer import DEFAULT_COLUMNS, X_COLUMNS, CurveBuffer  # noqa: F401 (CurveBuffer: part of this module's API)
from .frame_clock import frame_clock


X_LABELS = {"step": QT_TRANSLATE_NOOP("plots.live", "step"), "tokens": QT_TRANSLATE_NOOP("plots.live", "tokens seen"), "time": QT_TRANSLATE_NOOP("plots.live", "time (s)")}
X_UNITS = {"tokens": "tok"}  # with SI prefixes: "tokens seen (Mtok)" and ticks 0.5, 1.0, ...

# Tableau 10: distinct hues that stay legible on light and dark backgrounds.
SERIES_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)


def palette_colors(widget) -> tuple[QColor, QColor]:
    """(background, foreground) for plots, from the widget's palette (light or dark theme)."""
    pal = widget.palette()
    return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.WindowText)


class LivePlot(pg.PlotWidget):
    """A plot of live series redrawn by a timer from ``CurveBuffer``s (see the module docstring)."""

    def __init__(
        self,
        title: str = "",
        y_label: str = "",
        *,
        legend: bool = False,
        fps: float = 25.0,
        paint_budget: float = 0.01,
        parent=None,
    ):
        super().__init__(parent=parent)
        self._title = title
        self._series: dict[str, tuple[CurveBuffer, pg.PlotDataItem, str]] = {}
        self._drawn: dict[str, int] = {}  # series -> buffer version on screen
        self._x = "step"
        self.redraws = 0  # frames that called setData (tests and the GUI bench read it)
        self.paint_seconds = 0.0  # CPU seconds spent in paint events (the GUI bench reads it)
        item = self.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setMenuEnabled(False)
        item.hideButtons()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.enableAutoSIPrefix(False)  # "(x0.001)" next to a label reads as noise
            # Axes (with their grid lines) change only when the range does: paint them from a pixmap.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # The y axis may widen for a longer tick label but never narrows again: each change of
        # width re-lays and repaints the whole plot, and a live curve's labels come and go.
        item.getAxis("left").setStyle(autoReduceTextSpace=False)
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
        self._min_interval = 1.0 / max(0.1, float(fps))
        self._budget = max(1e-4, float(paint_budget))
        self._paint_cost = 0.0  # seconds spent painting since the last frame was pushed
        self._frame_cost = 0.0  # smoothed paint seconds per frame
        self._last_frame = -1e9  # time.perf_counter() of the last pushed frame
        self._following = True  # the view follows the data until the user pans or zooms
        self._x_extent: dict[str, float] = {}  # x column -> where the data will end (set_x_extent)
        vb = item.getViewBox()
        vb.disableAutoRange()  # LivePlot ranges the view itself (see _follow_data)
        vb.sigRangeChangedManually.connect(self._on_manual_range)
        self.setToolTip(self.tr("Drag to pan, wheel to zoom; double-click to follow the data again"))
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
        """Add a row to series ``key``; a row whose step is not past the series' last is dropped (a run
        followed from its folder can hand over records that a reload from the file already drew)."""
        buf = self._series[key][0]
        last = buf.last("step") if "step" in row and "step" in buf.columns else None
        if last is not None and row["step"] <= last:
            return
        buf.append(**row)
        if self.isVisible():
            frame_clock().wake()

    def clear_data(self) -> None:
        """Empty every series (the curves stay) and follow the next data from scratch.

        Not ``clear()``: PlotWidget's removes the curves."""
        for buf, _, _ in self._series.values():
            buf.clear()
        self._x_extent.clear()
        self._following = True

    def drop_after(self, step: float) -> None:
        """Forget every row past ``step`` (a run rolled back there continues its curves from it)."""
        for buf, _, _ in self._series.values():
            keep = buf["step"] <= step
            if not keep.all():
                rows = np.stack([buf[c] for c in buf.columns], axis=1)[keep]
                buf.clear()
                buf.extend(rows)
        if self.isVisible():
            frame_clock().wake()

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
            self.follow()

    def _label_x_axis(self) -> None:
        axis = self.getPlotItem().getAxis("bottom")
        units = X_UNITS.get(self._x)
        axis.enableAutoSIPrefix(units is not None)
        axis.setLabel(QCoreApplication.translate("plots.live", X_LABELS[self._x]), units=units)

    def set_log(self, x: bool | None = None, y: bool | None = None) -> None:
        item = self.getPlotItem()
        cx, cy = item.ctrl.logXCheck.isChecked(), item.ctrl.logYCheck.isChecked()
        item.setLogMode(cx if x is None else x, cy if y is None else y)
        self.follow()

    @property
    def following(self) -> bool:
        """Whether the view ranges itself over the data (until the user pans or zooms)."""
        return self._following

    def follow(self) -> None:
        """Range the view over all the data now and keep following it as it grows."""
        self._following = True
        self._follow_data(force=True)

    def set_x_extent(self, **ends: float | None) -> None:
        """Where each x column will end (``step=total_steps, tokens=...``): the view spans it at once.

        A live run of known length then fills its plot from left to right and the x axis never
        moves; columns not given (or ``None``) grow with the data instead.
        """
        for column, end in ends.items():
            if column not in X_COLUMNS:
                raise ValueError(f"x column must be one of {X_COLUMNS}")
            if end is None:
                self._x_extent.pop(column, None)
            else:
                self._x_extent[column] = float(end)
        if self._following:
            self._follow_data(force=True)

    def _on_manual_range(self, *_) -> None:
        self._following = False

    def mouseDoubleClickEvent(self, ev) -> None:  # noqa: N802
        super().mouseDoubleClickEvent(ev)
        self.follow()
        ev.accept()

    def _data_bounds(self) -> tuple[float, float, float, float] | None:
        """(x0, x1, y0, y1) of the finite data of the shown curves, in view coordinates (log10 on log axes)."""
        item = self.getPlotItem()
        logx, logy = item.ctrl.logXCheck.isChecked(), item.ctrl.logYCheck.isChecked()
        bounds = []
        for buf, curve, ycol in self._series.values():
            if not len(buf) or not curve.isVisible():
                continue
            x, y = buf[self._x], buf[ycol]
            ok = np.isfinite(x) & np.isfinite(y)
            if logx:
                ok &= x > 0
            if logy:
                ok &= y > 0
            if ok.any():
                x, y = x[ok], y[ok]
                bounds.append((x.min(), x.max(), y.min(), y.max()))
        if not bounds:
            return None
        x0, x1, y0, y1 = (f(b[i] for b in bounds) for i, f in enumerate((min, max, min, max)))
        if logx:
            x0, x1 = np.log10(x0), np.log10(x1)
        if logy:
            y0, y1 = np.log10(y0), np.log10(y1)
        return float(x0), float(x1), float(y0), float(y1)

    def _follow_data(self, force: bool = False) -> None:
        """Keep the data in view, changing the range only when the data leaves it or fills it poorly.

        pyqtgraph's auto-range moves the view on every frame, and a moved view re-lays its axes
        and paints the plot twice; a live curve that grows to the right and settles downwards
        needs a new range only now and then (room is left on the right for the steps to come).
        """
        b = self._data_bounds()
        if b is None:
            return
        x0, x1, y0, y1 = b
        (vx0, vx1), (vy0, vy1) = self.getPlotItem().getViewBox().viewRange()

        def span(lo: float, hi: float) -> float:
            return hi - lo if hi > lo else max(abs(hi) * 0.1, 1e-6)

        sx, sy = span(x0, x1), span(y0, y1)
        end = self._x_extent.get(self._x)
        if end is not None and end > x1 and not self.getPlotItem().ctrl.logXCheck.isChecked():
            # The run's length is known: the x axis spans it from the start and never moves.
            start = min(0.0, x0)
            target = (start - 0.01 * (end - start), end + 0.02 * (end - start))
            refit_x = force or abs(vx0 - target[0]) + abs(vx1 - target[1]) > 1e-3 * (target[1] - target[0])
        else:
            target = (x0 - 0.02 * sx, x1 + 0.25 * sx)
            refit_x = force or x0 < vx0 or x1 > vx1 or sx < 0.5 * (vx1 - vx0)
        refit_y = force or y0 < vy0 or y1 > vy1 or sy < 0.4 * (vy1 - vy0)
        if not (refit_x or refit_y):
            return
        x_range = target if refit_x else (vx0, vx1)
        # Leave more room on the side the data is moving towards (a falling loss, a rising lr).
        below = 0.25 if not force and y0 < vy0 else 0.08
        above = 0.25 if not force and y1 > vy1 else 0.08
        y_range = (y0 - below * sy, y1 + above * sy) if refit_y else (vy0, vy1)
        self.getPlotItem().getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0)

    def dirty(self) -> bool:
        """Some series has data that is not on screen yet."""
        return any(self._drawn[key] != buf.version for key, (buf, _, _) in self._series.items())

    def seconds_to_frame(self, now: float) -> float:
        """How long until the paint budget allows this plot its next frame."""
        return max(0.0, self._last_frame + self.frame_interval() - now)

    def frame_interval(self) -> float:
        """Seconds between frames now: ``1/fps``, or longer when frames are costly."""
        return max(self._min_interval, self._frame_cost / self._budget)

    def frame_due(self, now: float) -> bool:
        """Data changed and the paint budget allows a frame now (the frame clock asks)."""
        return now - self._last_frame >= self.frame_interval() and self.dirty()

    def paintEvent(self, ev) -> None:  # noqa: N802
        t = time.thread_time()  # CPU time: waiting for the GIL is not the plot's cost
        super().paintEvent(ev)
        dt = time.thread_time() - t
        self._paint_cost += dt
        self.paint_seconds += dt

    def redraw(self) -> None:
        """Push changed buffers to their curves now (the timer calls this through its pacing)."""
        if self._last_frame > 0:  # what the previous frame cost, smoothed
            self._frame_cost = 0.7 * self._frame_cost + 0.3 * self._paint_cost if self._frame_cost else self._paint_cost
        self._paint_cost = 0.0
        self._last_frame = time.perf_counter()
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
            if self._following:
                self._follow_data()

    # -- lifecycle -----------------------------------------------------------
    def showEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(ev)
        self.redraw()
        frame_clock().add(self)

    def hideEvent(self, ev) -> None:  # noqa: N802
        frame_clock().remove(self)
        super().hideEvent(ev)

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and "_budget" in self.__dict__:
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
