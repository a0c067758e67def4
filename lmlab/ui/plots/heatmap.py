"""Heatmaps with token labels: a pyqtgraph ``ImageItem`` + ``ColorBarItem`` (as in pyqtgraph's
``examples/MatrixDisplayExample.py``), row 0 at the top, one image cell per matrix entry.

``MatrixHeatmap`` (a ``GraphicsLayoutWidget``)
    ``set_image(values, row_labels, col_labels)`` shows a 2-D float array whose values are
    colour positions in [0, 1]; NaN cells are left blank (the background shows). Cell
    ``(r, c)`` is centred on view coordinates ``(x=c, y=r)``; cells stay square. The mouse wheel zooms, a
    drag pans, a double click shows the whole image again; ``TokenAxis`` labels only as many
    rows/columns as fit, so labels stay readable at every zoom. ``hovered(row, col)``
    reports the cell under the mouse ((-1, -1) outside), ``clicked(row, col)`` a left
    click. Tick labels use a font with CJK fallbacks, so Chinese tokens show wherever
    a CJK font is installed.

        heat = MatrixHeatmap(row_title="query", col_title="key")
        heat.set_image(weights, ["T", "h", "e"], ["T", "h", "e"])
        heat.set_log_ticks(True)           # colour bar labelled 0.001 ... 1 (values are log-scaled)
        heat.hovered.connect(lambda r, c: ...)

Works only on the GUI thread, like every widget.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsRectItem

from ..resources import with_cjk_fallback
from .live import palette_colors

COLOR_MAP = "viridis"  # perceptually uniform; reads in light and dark themes and in grey print
HIGHLIGHT = "#ff3b30"
LOG_FLOOR = 1e-3  # lmlab.core.attention.log_color_scale's default floor


def nice_stride(minimum: float) -> int:
    """A label stride >= ``minimum``: any whole number up to 6, then 8, 10, 15, 20, 25, 50, 100, ...

    >>> [nice_stride(x) for x in (0.3, 1, 1.5, 3, 4.2, 7, 11, 21, 120)]
    [1, 1, 2, 3, 5, 8, 15, 25, 150]
    """
    if minimum <= 6:
        return max(1, math.ceil(minimum))
    if minimum <= 8:
        return 8
    decade = 10 ** math.floor(math.log10(minimum))
    for m in (1, 1.5, 2, 2.5, 5, 10):
        if m * decade >= minimum:
            return int(m * decade)
    return int(10 * decade)  # pragma: no cover - the loop always returns


class TokenAxis(pg.AxisItem):
    """An axis with a text label at chosen positions (default 0, 1, 2, ...), thinned to fit.

    When the labels are closer on screen than a line of text (rows) or the widest label
    (columns), only every 2nd, 5th, 10th, ... one is drawn.
    """

    def __init__(self, orientation: str, **kwargs):
        super().__init__(orientation, **kwargs)
        self._labels: list[str] = []
        self._positions = np.zeros(0)
        self._need_px = 12.0
        self.setStyle(tickFont=with_cjk_fallback(QFont(self.font())), autoExpandTextSpace=True,
                      hideOverlappingLabels=False)

    def set_labels(self, labels: Sequence[str], positions: Sequence[float] | None = None) -> None:
        self._labels = [str(s) for s in labels]
        self._positions = np.arange(len(self._labels), dtype=float) if positions is None else np.asarray(
            positions, dtype=float)
        font = self.style.get("tickFont") or self.font()
        fm = QFontMetrics(font)
        if self.orientation in ("left", "right"):
            self._need_px = fm.height() + 1.0
        else:
            widest = max((fm.horizontalAdvance(s) for s in self._labels), default=0)
            self._need_px = widest + fm.horizontalAdvance(" ") + 2
        self.picture = None
        self.update()

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph API)
        n = len(self._labels)
        if n == 0 or size <= 0:
            return []
        lo, hi = sorted((minVal, maxVal))
        if hi <= lo:
            return []
        spacing = float(self._positions[1] - self._positions[0]) if n > 1 else 1.0
        px_per_label = spacing * size / (hi - lo)
        stride = nice_stride(self._need_px / max(px_per_label, 1e-9))
        idx = np.arange(0, n, stride)
        pos = self._positions[idx]
        visible = (pos >= lo - 1e-9) & (pos <= hi + 1e-9)
        return [(spacing * stride, pos[visible].tolist())]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        out = []
        for v in values:
            i = int(np.argmin(np.abs(self._positions - v))) if len(self._positions) else -1
            out.append(self._labels[i] if i >= 0 and abs(self._positions[i] - v) < 1e-6 else "")
        return out


class MatrixHeatmap(pg.GraphicsLayoutWidget):
    """One matrix as an image with labelled rows and columns, a colour bar, hover and click."""

    _built = False  # palette changes arrive while Qt builds the widget, before its plots exist

    hovered = Signal(int, int)  # (row, col) under the mouse, (-1, -1) when it leaves the image
    clicked = Signal(int, int)  # (row, col) of a left click on the image

    def __init__(self, parent=None, *, row_title: str = "", col_title: str = "", colorbar: bool = True,
                 bar_label: str | None = None):
        super().__init__(parent)
        self.left_axis = TokenAxis("left")
        self.top_axis = TokenAxis("top")
        self.plot = self.addPlot(axisItems={"left": self.left_axis, "top": self.top_axis})
        self.plot.showAxes((True, True, False, False), showValues=(True, True, False, False))
        self.plot.invertY(True)
        self.plot.setDefaultPadding(0.0)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(True)  # square cells
        for side in ("left", "top"):  # the ticks are labels (tokens, classes): "(x0.001)" beside them is noise
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        if row_title:
            self.plot.setLabel("left", row_title)
        if col_title:
            self.plot.setLabel("top", col_title)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.bar = None
        if colorbar:
            self.bar = pg.ColorBarItem(values=(0.0, 1.0), width=14, colorMap=pg.colormap.get(COLOR_MAP),
                                       label=self.tr("attention weight") if bar_label is None else bar_label, interactive=False, colorMapMenu=False)
            self.bar.setImageItem(self.image, insert_in=self.plot)
        else:
            self.image.setColorMap(pg.colormap.get(COLOR_MAP))
        self._highlight = QGraphicsRectItem()
        pen = pg.mkPen(HIGHLIGHT, width=2)
        pen.setCosmetic(True)
        self._highlight.setPen(pen)
        self._highlight.setZValue(10)
        self._highlight.hide()
        self.plot.addItem(self._highlight, ignoreBounds=True)
        self._shape = (0, 0)
        self._hover = (-1, -1)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self.scene().sigMouseClicked.connect(self._mouse_clicked)
        self._apply_palette()
        self._built = True

    # -- data ------------------------------------------------------------------------------------
    def set_image(self, values: np.ndarray, row_labels: Sequence[str], col_labels: Sequence[str], *,
                  row_positions: Sequence[float] | None = None, col_positions: Sequence[float] | None = None,
                  keep_view: bool = False) -> None:
        """Show ``values`` (R, C) with colours for [0, 1] (NaN: blank); labels at rows/columns 0, 1, ..."""
        values = np.asarray(values, dtype=np.float32)
        R, C = values.shape
        changed = (R, C) != self._shape
        self._shape = (R, C)
        self.image.setImage(values, levels=(0.0, 1.0), autoLevels=False)
        self.image.setRect(QRectF(-0.5, -0.5, C, R))
        self.left_axis.set_labels(row_labels, row_positions)
        self.top_axis.set_labels(col_labels, col_positions)
        vb = self.plot.getViewBox()
        vb.setLimits(minXRange=min(C, 3), minYRange=min(R, 3))
        if changed or not keep_view:
            self.reset_view()
        if self._hover != (-1, -1):
            self._hover = (-1, -1)
            self.hovered.emit(-1, -1)

    def clear_image(self) -> None:
        self.image.clear()
        self._shape = (0, 0)
        self.left_axis.set_labels([])
        self.top_axis.set_labels([])
        self._highlight.hide()

    @property
    def values(self) -> np.ndarray | None:
        """What is drawn: the (R, C) array given to ``set_image`` (None when empty)."""
        return self.image.image

    def set_log_ticks(self, log: bool, floor: float = LOG_FLOOR) -> None:
        """Label the colour bar in probabilities when the values are ``log_color_scale``d."""
        if self.bar is None:
            return
        if log:
            decades = round(-math.log10(floor))
            ticks = [(k / decades, f"{10.0 ** (k - decades):g}") for k in range(decades + 1)]
            ticks[0] = (0.0, f"≤{floor:g}")
            self.bar.axis.setTicks([ticks, []])
        else:
            self.bar.axis.setTicks(None)

    def set_highlight(self, rect: QRectF | None) -> None:
        """Outline a region given in cell units (row/column ranges), or hide the outline."""
        if rect is None:
            self._highlight.hide()
            return
        self._highlight.setRect(rect.translated(-0.5, -0.5))
        self._highlight.show()

    def reset_view(self) -> None:
        """Show the whole image again (and keep fitting it while the widget is resized, until a zoom)."""
        vb = self.plot.getViewBox()
        vb.enableAutoRange()
        vb.autoRange(padding=0)

    # -- geometry ----------------------------------------------------------------------------------
    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """(row, col) of the cell under a scene position, or None outside the image."""
        R, C = self._shape
        vb = self.plot.getViewBox()
        if not R or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        row, col = math.floor(p.y() + 0.5), math.floor(p.x() + 0.5)
        if 0 <= row < R and 0 <= col < C:
            return row, col
        return None

    def viewport_pos(self, row: float, col: float) -> QPoint:
        """Where the centre of cell (row, col) is in the viewport's pixels (for tests and tools)."""
        scene = self.plot.getViewBox().mapViewToScene(QPointF(col, row))
        return self.mapFromScene(scene)

    # -- mouse --------------------------------------------------------------------------------------
    def _mouse_moved(self, scene_pos) -> None:
        cell = self.cell_at(scene_pos) or (-1, -1)
        if cell != self._hover:
            self._hover = cell
            self.hovered.emit(*cell)

    def _mouse_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        if ev.double():
            self.reset_view()
            return
        cell = self.cell_at(ev.scenePos())
        if cell is not None:
            self.clicked.emit(*cell)

    def leaveEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        super().leaveEvent(ev)
        if self._hover != (-1, -1):
            self._hover = (-1, -1)
            self.hovered.emit(-1, -1)

    # -- looks ----------------------------------------------------------------------------------------
    def _apply_palette(self) -> None:
        bg, fg = palette_colors(self)
        muted = QColor(fg)
        muted.setAlpha(170)
        self.setBackground(bg)
        for name in ("left", "top", "right", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(muted))
            axis.setTextPen(pg.mkPen(fg))
        self.plot.getViewBox().setBackgroundColor(None)
        if self.bar is not None:
            for name in ("left", "top", "right", "bottom"):
                axis = self.bar.getAxis(name)
                axis.setPen(pg.mkPen(muted))
                axis.setTextPen(pg.mkPen(fg))

    def changeEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self._built:
            self._apply_palette()
        super().changeEvent(ev)
