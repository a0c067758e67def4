"""The Scaling panel's plots: six log–log views of the runs and their fitted laws (pyqtgraph).

    plots = ScalingPlots()
    plots.show_fits(data, fits)        # ScalingData and FitReport (either may be None)
    plots.set_recommendation(rec)      # mark a compute-optimal recommendation
    plots.export("loss_c", "loss.png") # one plot, or "all", as PNG or SVG

Conventions in every plot: runs are points coloured by model size (viridis, small = dark);
a fitted curve is solid over the range of the data and dashed where it extrapolates; a
shaded band is the bootstrap interval of approach 3 (it widens away from the data).
Residuals are in percent, so only their x axis is logarithmic. Widgets only: the fits
are computed elsewhere (``core.jobs.fit.fit_table``) and handed in.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.units import format_number
from ...core.scaling.report import FitReport, Recommendation
from ..panels.common import name_widget
from .export import export_png, export_svg
from .live import SERIES_COLORS, palette_colors

PLOTS = (
    ("loss_n", QT_TRANSLATE_NOOP("plots.scaling_plots", "Loss vs model size N")),
    ("loss_d", QT_TRANSLATE_NOOP("plots.scaling_plots", "Loss vs training tokens D")),
    ("isoflop", QT_TRANSLATE_NOOP("plots.scaling_plots", "IsoFLOP profiles (approach 2)")),
    ("optimal", QT_TRANSLATE_NOOP("plots.scaling_plots", "Compute-optimal N and D")),
    ("loss_c", QT_TRANSLATE_NOOP("plots.scaling_plots", "Loss vs compute C")),
    ("residuals", QT_TRANSLATE_NOOP("plots.scaling_plots", "Residuals of approach 3")),
)
AXES = {
    "loss_n": (QT_TRANSLATE_NOOP("plots.scaling_plots", "N, non-embedding parameters"), QT_TRANSLATE_NOOP("plots.scaling_plots", "loss")),
    "loss_d": (QT_TRANSLATE_NOOP("plots.scaling_plots", "D, training tokens"), QT_TRANSLATE_NOOP("plots.scaling_plots", "loss")),
    "isoflop": (QT_TRANSLATE_NOOP("plots.scaling_plots", "N, non-embedding parameters"), QT_TRANSLATE_NOOP("plots.scaling_plots", "loss")),
    "optimal": (QT_TRANSLATE_NOOP("plots.scaling_plots", "C, training FLOPs"), QT_TRANSLATE_NOOP("plots.scaling_plots", "N or D")),
    "loss_c": (QT_TRANSLATE_NOOP("plots.scaling_plots", "C, training FLOPs"), QT_TRANSLATE_NOOP("plots.scaling_plots", "loss")),
    "residuals": (QT_TRANSLATE_NOOP("plots.scaling_plots", "C, training FLOPs"), QT_TRANSLATE_NOOP("plots.scaling_plots", "residual, %")),
}
SIZE_MAP = pg.colormap.get("viridis")
BAND_ALPHA = 45
EXTEND_LOW, EXTEND_HIGH = 1 / 3, 10.0  # how far fitted curves reach beyond the data (dashed)


def size_colors(N: np.ndarray) -> list[QColor]:
    """Colours for runs by model size: dark purple (smallest) to green-yellow (largest)."""
    N = np.asarray(N, dtype=np.float64)
    if len(N) == 0:
        return []
    lo, hi = np.log(N.min()), np.log(N.max())
    t = np.zeros_like(N) if hi <= lo else (np.log(N) - lo) / (hi - lo)
    return [SIZE_MAP.mapToQColor(0.05 + 0.8 * v) for v in t]


def log_grid(lo: float, hi: float, n: int = 80) -> np.ndarray:
    return np.geomspace(lo, hi, n)


def segments(lo: float, hi: float, n: int = 60) -> list[tuple[np.ndarray, bool]]:
    """(x, inside) pieces: dashed below the data, solid over it, dashed above (log spaced).

    Example: segments(10, 100) -> [(x from 3.3 to 10, False), (10..100, True), (100..1000, False)].
    """
    return [(log_grid(lo * EXTEND_LOW, lo, n // 3), False), (log_grid(lo, hi, n), True),
            (log_grid(hi, hi * EXTEND_HIGH, n // 2), False)]


def color(i: int) -> QColor:
    return QColor(SERIES_COLORS[i % len(SERIES_COLORS)])


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class LogAxis(pg.AxisItem):
    """Log-axis ticks that read like a scaling-law paper: 10⁶, 10⁷… over wide ranges (minor ticks
    unlabelled), plain 2, 3, 4 over narrow ones such as a loss axis. No SI prefix rescaling."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)
        self._span = 10.0

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802 (pyqtgraph's name)
        self._span = maxVal - minVal
        lo, hi = int(np.floor(minVal)), int(np.ceil(maxVal))
        minor = [v + math.log10(m) for v in range(lo, hi) for m in range(2, 10)]
        minor = [x for x in minor if minVal <= x <= maxVal]
        if self._span < 1.5:
            major = [float(v) for v in range(lo, hi + 1) if minVal <= v <= maxVal]
            return [(1.0, major), (None, minor)]
        step = max(1, int(math.ceil(self._span / max(2.0, size / 55.0))))
        major = [float(v) for v in range(lo, hi + 1) if minVal <= v <= maxVal and v % step == 0]
        return [(float(step), major), (None, minor if step == 1 else [])]

    def logTickStrings(self, values, scale, spacing):  # noqa: N802
        out = []
        for v in values:
            k = round(v)
            if abs(v - k) < 1e-6:
                out.append(f"{10.0 ** k:g}" if (self._span < 1.5 or 0 <= k <= 2) else f"10{str(k).translate(_SUPERSCRIPT)}")
            else:
                out.append(f"{10.0 ** v:.2g}" if self._span < 1.5 else "")
        return out


class ScalingPlots(QWidget):
    """Six plots in one ``GraphicsLayoutWidget`` (2 × 3) with an export row."""

    exported = Signal(str)  # path written

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        name_widget(self.view, "scalingPlots", self.tr("Scaling plots"),
                    self.tr("Six log–log plots of the runs and the fitted scaling laws"))
        self.view.setMinimumSize(480, 320)
        self._plots: dict[str, pg.PlotItem] = {}
        self._legends: dict[str, pg.LegendItem] = {}
        self._notes: dict[str, pg.TextItem] = {}
        self._marks: list = []
        for i, (key, title) in enumerate(PLOTS):
            axes = {"bottom": LogAxis("bottom"), "left": LogAxis("left") if key != "residuals" else pg.AxisItem("left")}
            item = self.view.addPlot(row=i // 3, col=i % 3, axisItems=axes)
            item.setLogMode(x=True, y=key != "residuals")
            item.showGrid(x=True, y=True, alpha=0.12)
            item.setLabel("bottom", QCoreApplication.translate("plots.scaling_plots", AXES[key][0]), **{"font-size": "8pt"})
            item.setLabel("left", QCoreApplication.translate("plots.scaling_plots", AXES[key][1]), **{"font-size": "8pt"})
            for name in ("bottom", "left"):
                item.getAxis(name).setStyle(tickFont=self._tick_font())
            item.hideButtons()
            self._plots[key] = item
            self._legends[key] = item.addLegend(offset=(-2, 2), labelTextSize="7pt", verSpacing=-8)
        self._titles = {k: QCoreApplication.translate("plots.scaling_plots", t) for k, t in PLOTS}
        self._data = None
        self._fits: FitReport | None = None
        self._rec: Recommendation | None = None

        self.choice = name_widget(QComboBox(), "plotExportChoice", self.tr("Plot to export"))
        self.choice.addItem(self.tr("All six plots"), "all")
        for key, title in PLOTS:
            self.choice.addItem(QCoreApplication.translate("plots.scaling_plots", title), key)
        self.export_button = name_widget(QPushButton(self.tr("Export plot…")), "exportPlotButton", self.tr("Export plot"),
                                         self.tr("Save the chosen plot as PNG or SVG"))
        self.export_button.clicked.connect(self.export_dialog)
        legend = QLabel(self.tr("Points: runs, coloured by model size (dark = small). Solid: fit over the data; "
                        "dashed: extrapolation; shaded: bootstrap interval."))
        legend.setObjectName("plotLegendHint")
        legend.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(legend, 1)
        row.addWidget(self.choice)
        row.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        self._apply_palette()
        self.show_fits(None, None)

    def _tick_font(self):
        f = self.font()
        f.setPointSizeF(max(6.5, f.pointSizeF() * 0.8))
        return f

    # -- access -------------------------------------------------------------------------------
    def plot_item(self, key: str) -> pg.PlotItem:
        return self._plots[key]

    def keys(self) -> list[str]:
        return [k for k, _ in PLOTS]

    # -- drawing --------------------------------------------------------------------------------
    def show_fits(self, data, fits: FitReport | None) -> None:
        """Redraw everything for ``data`` (ScalingData or None) and ``fits`` (FitReport or None)."""
        self._data, self._fits = data, fits
        self._titles = {k: QCoreApplication.translate("plots.scaling_plots", t) for k, t in PLOTS}
        for key, item in self._plots.items():
            item.clear()
            self._legends[key].clear()
            self._note(key, "")
        self._marks = []
        if data is None or len(data) == 0:
            for key in self._plots:
                self._note(key, self.tr("No runs yet: run a sweep or import a CSV."))
            self._set_titles()
            return
        cols = size_colors(data.N)
        # Bootstrap refits of a few noisy runs can be degenerate (an exponent near 0): their
        # NaNs drop out of the percentiles and must not raise.
        with np.errstate(all="ignore"):
            self._draw_loss_along("N", data, fits, cols)
            self._draw_loss_along("D", data, fits, cols)
            self._draw_isoflop(data, fits, cols)
            self._draw_optimal(data, fits)
            self._draw_loss_c(data, fits, cols)
            self._draw_residuals(data, fits, cols)
        self._set_titles()
        self.set_recommendation(self._rec)
        for item in self._plots.values():
            item.enableAutoRange()

    def set_recommendation(self, rec: Recommendation | None) -> None:
        """Mark the recommended N and D at the chosen budget on the compute-optimal plot."""
        self._rec = rec
        item = self._plots["optimal"]
        for m in self._marks:
            item.removeItem(m)
        self._marks = []
        if rec is None or self._data is None:
            return
        for val, col in ((rec.N.estimate, color(0)), (rec.D.estimate, color(1))):
            m = pg.PlotDataItem([rec.C], [val], pen=None, symbol="d", symbolSize=13,
                                symbolBrush=pg.mkBrush(col), symbolPen=pg.mkPen(self._fg(), width=1.5))
            item.addItem(m)
            self._marks.append(m)
        v = pg.InfiniteLine(pos=math.log10(rec.C), angle=90, pen=pg.mkPen(self._muted(), width=1, style=Qt.PenStyle.DotLine))
        item.addItem(v)
        self._marks.append(v)

    def _set_titles(self) -> None:
        fg = self._fg().name()
        for key, item in self._plots.items():
            item.setTitle(self._titles[key], color=fg, size="9pt")

    def _note(self, key: str, text: str) -> None:
        """A sentence in the top-left corner of a plot (fixed to the view, not the data)."""
        old = self._notes.pop(key, None)
        if old is not None and old.scene() is not None:
            old.scene().removeItem(old)
        if not text:
            return
        bg = QColor(palette_colors(self)[0])
        bg.setAlpha(215)
        t = pg.TextItem(text, color=self._fg(), anchor=(0, 0), fill=pg.mkBrush(bg))
        t.setParentItem(self._plots[key].vb)
        t.setPos(6, 4)
        t.setTextWidth(max(160.0, self._plots[key].vb.width() - 12))
        self._notes[key] = t

    def _points(self, key: str, x, y, cols, name: str | None = None, size: int = 7, symbol: str = "o"):
        item = pg.PlotDataItem(np.asarray(x, float), np.asarray(y, float), pen=None, symbol=symbol, symbolSize=size,
                               symbolBrush=[pg.mkBrush(c) for c in cols],
                               symbolPen=pg.mkPen(QColor(0, 0, 0, 90), width=0.6), name=name)
        self._plots[key].addItem(item)
        return item

    def _curve(self, key: str, x, y, col: QColor, inside: bool = True, name: str | None = None, width: float = 1.8,
               style=None):
        pen = pg.mkPen(col, width=width, style=style or (Qt.PenStyle.SolidLine if inside else Qt.PenStyle.DashLine))
        item = pg.PlotDataItem(np.asarray(x, float), np.asarray(y, float), pen=pen, name=name if inside else None)
        self._plots[key].addItem(item)
        return item

    def _band(self, key: str, x, low, high, col: QColor) -> None:
        ok = np.isfinite(low) & np.isfinite(high) & (low > 0) & (high > 0)
        if ok.sum() < 2:
            return
        clear = pg.mkPen(QColor(0, 0, 0, 0))
        a = pg.PlotDataItem(np.asarray(x)[ok], np.asarray(low)[ok], pen=clear)
        b = pg.PlotDataItem(np.asarray(x)[ok], np.asarray(high)[ok], pen=clear)
        fill = QColor(col)
        fill.setAlpha(BAND_ALPHA)
        item = self._plots[key]
        item.addItem(a)
        item.addItem(b)
        item.addItem(pg.FillBetweenItem(a, b, brush=pg.mkBrush(fill)))

    def _law(self, key: str, law, x_fit: np.ndarray, col: QColor, name: str) -> None:
        """A single-variable power law, solid over the points it was fitted to, dashed beyond."""
        for x, inside in segments(float(x_fit.min()), float(x_fit.max())):
            self._curve(key, x, law.predict(x), col, inside, name=name)

    def _approach3_slices(self, key: str, data, fits: FitReport | None, along: str) -> int:
        """Approach-3 curves L(N) at each token budget (or L(D) at each size) when there are few of them."""
        if fits is None or fits.approach3 is None:
            return 0
        fixed = data.D if along == "N" else data.N
        values = np.unique(fixed)
        if len(values) > 5:
            return 0
        x_all = data.N if along == "N" else data.D
        for i, v in enumerate(values):
            col = color(i + 2)
            sel = fixed == v
            x_lo, x_hi = float(x_all[sel].min()), float(x_all[sel].max())
            if x_hi <= x_lo:
                x_lo, x_hi = float(x_all.min()), float(x_all.max())
            label = self.tr("fit, D = {0}").format(format_number(v)) if along == "N" else self.tr("fit, N = {0}").format(format_number(v))
            for x, inside in segments(x_lo, x_hi):
                N, D = (x, np.full_like(x, v)) if along == "N" else (np.full_like(x, v), x)
                if fits.bootstrap is not None:
                    band = fits.bootstrap.loss_band(N=N, D=D)
                    self._band(key, x, band.low, band.high, col)
                self._curve(key, x, fits.approach3.predict(N, D), col, inside, name=label)
        return len(values)

    def _draw_loss_along(self, along: str, data, fits, cols) -> None:
        """Loss against N (``along="N"``) or D: the points, approach 3's slices and the envelope law."""
        key, x = ("loss_n", data.N) if along == "N" else ("loss_d", data.D)
        self._points(key, x, data.loss, cols)
        self._approach3_slices(key, data, fits, along)
        law = (fits.law_N if along == "N" else fits.law_D) if fits else None
        if law is not None:
            index = fits.law_N_index if along == "N" else fits.law_D_index
            self._law(key, law, x[list(index)], self._fg(), self.tr("L({0}) envelope: α_{1} = {2:.3g}").format(along, along, law.alpha))

    def _draw_isoflop(self, data, fits, cols) -> None:
        iso = fits.approach2 if fits else None
        self._points("isoflop", data.N, data.loss, cols)
        if iso is None:
            self._note("isoflop", self.tr("No IsoFLOP groups in these runs: plan by compute budgets (IsoFLOP), "
                                  "three or more sizes per budget, to see approach 2."))
            return
        for i, p in enumerate(iso.parabolas):
            col = color(i)
            c0, c1, c2 = p.coeffs
            for x, inside in ((log_grid(p.N_min / 2, p.N_min, 20), False), (log_grid(p.N_min, p.N_max, 60), True),
                              (log_grid(p.N_max, p.N_max * 2, 20), False)):
                t = np.log(x) - p.t_mid
                y = c0 + c1 * t + c2 * t * t
                ok = y > 0
                label = f"C = {format_number(p.C)}" if len(iso.parabolas) <= 4 else None
                self._curve("isoflop", x[ok], y[ok], col, inside, name=label)
            self._points("isoflop", [p.N_opt], [p.loss_opt], [col], size=14, symbol="star")

    def _draw_optimal(self, data, fits) -> None:
        key = "optimal"
        c_lo, c_hi = float(data.C.min()), float(data.C.max())
        a3 = fits.approach3 if fits else None
        drew = False
        if a3 is not None:
            for x, inside in segments(c_lo, c_hi):
                opt = a3.compute_optimal(x)
                if fits.bootstrap is not None:
                    s = fits.bootstrap.samples
                    s = s[np.all(np.isfinite(s), axis=1) & (s[:, 3] > 0) & (s[:, 4] > 0)]
                    E, A, B, al, be = (s[:, i][:, None] for i in range(5))
                    G = (al * A / (be * B)) ** (1.0 / (al + be))
                    Nb = G * (x[None, :] / 6.0) ** (be / (al + be))
                    Db = x[None, :] / (6.0 * Nb)
                    tail = 50.0 * (1 - fits.bootstrap.level)
                    for vals, col in ((Nb, color(0)), (Db, color(1))):
                        if len(vals) >= 2:
                            lo, hi = np.percentile(vals, [tail, 100 - tail], axis=0)
                            self._band(key, x, lo, hi, col)
                    self._curve(key, x, opt.N_opt, color(0), inside, name="N_opt")
                self._curve(key, x, opt.D_opt, color(1), inside, name="D_opt")
            drew = True
        iso = fits.approach2 if fits else None
        if iso is not None:
            Cv = np.array([p.C for p in iso.parabolas])
            self._points(key, Cv, [p.N_opt for p in iso.parabolas], [color(0)] * len(Cv), size=12, symbol="star",
                         name=self.tr("N*, approach 2"))
            self._points(key, Cv, [p.D_opt for p in iso.parabolas], [color(1)] * len(Cv), size=12, symbol="star",
                         name=self.tr("D*, approach 2"))
            x = log_grid(Cv.min() * EXTEND_LOW, Cv.max() * EXTEND_HIGH)
            self._curve(key, x, iso.N_opt(x), color(0), True, width=1.0, style=Qt.PenStyle.DashDotLine)
            self._curve(key, x, iso.D_opt(x), color(1), True, width=1.0, style=Qt.PenStyle.DashDotLine)
            drew = True
        # Chinchilla's rule of thumb: D = 20 N, so C = 6·N·20N and N = sqrt(C / 120).
        x = log_grid(c_lo * EXTEND_LOW, c_hi * EXTEND_HIGH)
        ref = self._muted()
        self._curve(key, x, np.sqrt(x / 120.0), ref, True, width=1.2, style=Qt.PenStyle.DotLine, name="D = 20 N")
        self._curve(key, x, 20 * np.sqrt(x / 120.0), ref, True, width=1.2, style=Qt.PenStyle.DotLine)
        if not drew:
            self._note(key, self.tr("Needs approach 3 (6+ runs) or approach 2 (IsoFLOP groups); dotted: D/N = 20."))

    def _draw_loss_c(self, data, fits, cols) -> None:
        key = "loss_c"
        self._points(key, data.C, data.loss, cols)
        if fits is None:
            return
        if fits.frontier is not None:
            idx = list(fits.frontier.index)
            self._points(key, data.C[idx], data.loss[idx], [QColor(0, 0, 0, 0)] * len(idx), size=12)
            law = fits.frontier.fit
            self._law(key, law, data.C[idx], self._fg(),
                      self.tr("frontier: α_C = {0:.3g}").format(law.alpha))
        a3 = fits.approach3
        if a3 is not None:
            col = color(3)
            for x, inside in segments(float(data.C.min()), float(data.C.max())):
                if fits.bootstrap is not None:
                    band = fits.bootstrap.loss_band(C=x)
                    self._band(key, x, band.low, band.high, col)
                self._curve(key, x, a3.compute_optimal(x).loss, col, inside, name=self.tr("optimal loss"))
            if a3.E > 0.2 * float(data.loss.min()):
                e_line = pg.InfiniteLine(pos=math.log10(a3.E), angle=0,
                                         pen=pg.mkPen(self._muted(), width=1.2, style=Qt.PenStyle.DashLine))
                self._plots[key].addItem(e_line)
                label = pg.TextItem(f"E = {a3.E:.3g}", color=self._muted(), anchor=(0, 1))
                label.setPos(math.log10(float(data.C.min()) * EXTEND_LOW), math.log10(a3.E))
                self._plots[key].addItem(label)
            else:  # an asymptote near 0 is no asymptote the data resolve: drawing it would squash the plot
                self._legends[key].addItem(pg.PlotDataItem(pen=None), self.tr("E = {0:.2g}: not resolved").format(a3.E))

    def _draw_residuals(self, data, fits, cols) -> None:
        key = "residuals"
        a3 = fits.approach3 if fits else None
        if a3 is None:
            self._note(key, self.tr("Residuals need approach 3 (at least 6 finished runs)."))
            return
        pred = a3.predict(data.N, data.D)
        res = 100.0 * (data.loss - pred) / pred
        zero = pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(self._muted(), width=1))
        self._plots[key].addItem(zero)
        self._points(key, data.C, res, cols)
        rms = float(np.sqrt(np.mean(res**2)))
        self._titles[key] = self.tr("Residuals of approach 3 (rms {0:.2g} %)").format(rms)

    # -- export --------------------------------------------------------------------------------------
    def export(self, key: str, path) -> Path:
        """Write plot ``key`` (or ``"all"``) to ``path``; the suffix (.png or .svg) picks the format."""
        path = Path(path)
        item = self.view.ci if key == "all" else self._plots[key]
        if path.suffix.lower() == ".svg":
            out = export_svg(item, path)
        else:
            if path.suffix.lower() != ".png":
                path = path.with_suffix(".png")
            out = export_png(item, path)
        self.exported.emit(str(out))
        return out

    def export_dialog(self) -> Path | None:
        key = self.choice.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plot"), f"scaling-{key}.png",
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return None
        return self.export(key, path)

    # -- theme ------------------------------------------------------------------------------------------
    def _fg(self) -> QColor:
        return palette_colors(self)[1]

    def _muted(self) -> QColor:
        c = QColor(self._fg())
        c.setAlpha(150)
        return c

    def _apply_palette(self) -> None:
        bg, fg = palette_colors(self)
        self.view.setBackground(bg)
        for item in self._plots.values():
            for name in ("left", "bottom"):
                axis = item.getAxis(name)
                axis.setPen(pg.mkPen(self._muted()))
                axis.setTextPen(pg.mkPen(fg))
        for legend in self._legends.values():
            fill = QColor(bg)
            fill.setAlpha(200)
            legend.setBrush(pg.mkBrush(fill))
            legend.setLabelTextColor(fg)

    def changeEvent(self, ev) -> None:  # noqa: N802
        super().changeEvent(ev)
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and "view" in self.__dict__:
            self._apply_palette()
            self.show_fits(self._data, self._fits)
