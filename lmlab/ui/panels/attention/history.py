"""Attention over training: the probe's map at each recorded step, and head scores against steps.

``HistoryView`` shows a ``HistoryResult`` (loaded off the GUI thread by the attention
panel). A slider and a Play button scrub through the evaluation steps; the left
heatmap is the probe's map for the selected head at that step, the right plot one
score of every head against steps (the selected head bold, a marker at the current
step), so an induction head shows up as the one line that climbs.

The view holds what it draws and nothing else; the panel tells it which head,
score and colour scale to show with ``set_options``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...plots.heatmap import MatrixHeatmap
from ...plots.live import SERIES_COLORS, palette_colors
from ....core.attention_display import display_values, matrix_labels, select_map
from ....core.events import HistoryResult
from .maps import ViewOptions, describe_cell
from ..common import hint_label, name_widget

PLAY_INTERVAL_MS = 700
SCORE_LABELS = {
    "previous_token": QT_TRANSLATE_NOOP("panels.attention.history", "previous-token score"),
    "first_token": QT_TRANSLATE_NOOP("panels.attention.history", "first-token (sink) score"),
    "induction": QT_TRANSLATE_NOOP("panels.attention.history", "induction score"),
}


class HistoryView(QWidget):
    """Slider + Play over the recorded steps; the probe's map and the score curves."""

    _built = False  # palette changes arrive while Qt builds the widget, before its plots exist

    index_changed = Signal(int)  # the snapshot shown (index into the history's steps)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history: HistoryResult | None = None
        self.options = ViewOptions()
        self._curves: list[pg.PlotDataItem] = []

        self.heatmap = MatrixHeatmap(self, row_title=self.tr("query (probe text)"), col_title=self.tr("key"))
        name_widget(self.heatmap, "attentionHistoryMap", self.tr("Probe attention map at the chosen step"),
                    self.tr("The probe text's attention for the selected head at the chosen training step; "
                    "wheel to zoom, drag to pan"))
        self.plot = pg.PlotWidget(self)
        name_widget(self.plot, "attentionHistoryPlot", self.tr("Head scores over training"))
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot.setYRange(0, 1, padding=0.02)
        self.legend = self.plot.addLegend(offset=(-8, 8), labelTextSize="8pt")
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#ff3b30", width=1.5))
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.dot = pg.ScatterPlotItem(size=9, pen=pg.mkPen("#ff3b30", width=1.5), brush=pg.mkBrush(None))
        self.plot.addItem(self.dot)

        self.play_button = QPushButton(self.tr("▶ Play"), self)
        name_widget(self.play_button, "attentionHistoryPlay", self.tr("Play through training steps"),
                    self.tr("Step through the recorded snapshots one after another"))
        self.play_button.setCheckable(True)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        name_widget(self.slider, "attentionHistorySlider", self.tr("Training step"),
                    self.tr("Choose the training step whose attention is shown"))
        self.slider.setRange(0, 0)
        self.slider.setPageStep(1)
        self.step_label = QLabel("", self)
        self.step_label.setObjectName("attentionHistoryStep")
        self.step_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.tr("step {0:,} ({1} / {2})").format(100000, 10, 10)))
        self.reload_button = QPushButton(self.tr("Reload"), self)
        name_widget(self.reload_button, "attentionHistoryReload", self.tr("Reload snapshots"),
                    self.tr("Read the run's attention snapshots again (a running training adds one per evaluation)"))
        self.message = hint_label("", "attentionHistoryMessage")
        self.hover_label = QLabel(" ", self)
        self.hover_label.setObjectName("attentionHistoryHover")
        self.hover_label.setTextFormat(Qt.TextFormat.PlainText)

        self.timer = QTimer(self, interval=PLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.advance)
        self.play_button.toggled.connect(self._play_toggled)
        self.slider.valueChanged.connect(self._slider_moved)
        self.heatmap.hovered.connect(self._hovered)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.step_label)
        controls.addWidget(self.reload_button)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.heatmap, 1)
        ll.addWidget(self.hover_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        name_widget(splitter, "attentionHistorySplitter", self.tr("Map and scores over training"))
        splitter.addWidget(left)
        splitter.addWidget(self.plot)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(controls)
        self._apply_palette()
        self._built = True
        self.set_history(None)

    # -- data ---------------------------------------------------------------------------------------
    def set_history(self, history: HistoryResult | None) -> None:
        self.stop()
        self.history = history if history is not None and len(history) else None
        text = "" if history is None else history.message
        self.message.setText(text)
        self.message.setVisible(bool(text))
        has = self.history is not None
        for w in (self.slider, self.play_button):
            w.setEnabled(has)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self.history) - 1) if has else 0)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._build_curves()
        if not has:
            self.heatmap.clear_image()
            self.step_label.setText(self.tr("no steps"))
            self.marker.hide()
            self.dot.clear()
            return
        self._show_index(self.slider.value(), keep_view=False)

    def set_options(self, options: ViewOptions) -> None:
        """Which head (or the layer's mean), colour scale and score to show."""
        old, self.options = self.options, options
        if self.history is None:
            return
        if old.score != options.score:
            self._build_curves()
        else:
            self._style_curves()
        self._show_index(self.slider.value(), keep_view=True)

    @property
    def index(self) -> int:
        return self.slider.value()

    def current_step(self) -> int | None:
        return None if self.history is None else int(self.history.steps[self.index])

    def current_weights(self) -> np.ndarray | None:
        """The (T, T) attention weights shown (before the colour scale), or None."""
        if self.history is None:
            return None
        o = self.options
        return select_map(self.history.maps[self.index], o.layer, o.head, o.average)

    def set_index(self, index: int) -> None:
        self.slider.setValue(index)

    # -- playing ------------------------------------------------------------------------------------
    def advance(self) -> None:
        """One step forward; playing stops at the last step."""
        if self.history is None:
            self.stop()
            return
        if self.index >= self.slider.maximum():
            self.stop()
            return
        self.slider.setValue(self.index + 1)
        if self.index >= self.slider.maximum():
            self.stop()

    def stop(self) -> None:
        if self.play_button.isChecked():
            self.play_button.setChecked(False)
        self.timer.stop()

    def _play_toggled(self, on: bool) -> None:
        self.play_button.setText(self.tr("❚❚ Pause") if on else self.tr("▶ Play"))
        self.play_button.setAccessibleName(self.tr("Pause") if on else self.tr("Play through training steps"))
        if not on:
            self.timer.stop()
            return
        if self.history is None:
            self.play_button.setChecked(False)
            return
        if self.index >= self.slider.maximum():
            self.slider.setValue(0)  # play from the start again
        self.timer.start()

    # -- drawing ------------------------------------------------------------------------------------
    def _slider_moved(self, index: int) -> None:
        if self.history is not None:
            self._show_index(index, keep_view=True)
            self.index_changed.emit(index)

    def _show_index(self, index: int, keep_view: bool) -> None:
        h = self.history
        step = int(h.steps[index])
        self.step_label.setText(self.tr("step {0:,} ({1} / {2})").format(step, index + 1, len(h)))
        self.slider.setAccessibleDescription(self.tr("step {0}").format(step))
        o = self.options
        layer, head, average, log, score = o.layer, o.head, o.average, o.log, o.score
        weights = select_map(h.maps[index], layer, head, average)
        labels = matrix_labels(h.pieces)
        self.heatmap.set_image(display_values(weights, log), labels, labels, keep_view=keep_view)
        self.heatmap.set_log_ticks(log)
        self.marker.setValue(step)
        self.marker.show()
        values = h.scores.get(score)
        if values is not None and values.size:
            L, H = values.shape[1:]
            layer = min(layer, L - 1)
            y = values[index, layer].mean() if average else values[index, layer, min(head, H - 1)]
            self.dot.setData([step], [float(y)])
        else:
            self.dot.clear()

    def _build_curves(self) -> None:
        for c in self._curves:
            self.plot.removeItem(c)
        self._curves = []
        self.legend.clear()
        h = self.history
        score = self.options.score
        self.plot.setLabel("left", QCoreApplication.translate("panels.attention.history", SCORE_LABELS.get(score, score)))
        if h is None or score not in h.scores:
            return
        values = h.scores[score]  # (N, L, H)
        _, L, H = values.shape
        top = float(np.nanmax(values)) if values.size else 1.0
        self.plot.setYRange(0, min(1.0, max(0.1, top * 1.15)), padding=0.02)  # small scores stay readable
        for layer in range(L):
            for head in range(H):
                curve = self.plot.plot(h.steps, values[:, layer, head], symbol="o", symbolSize=4)
                curve.setToolTip(self.tr("layer {0}, head {1}").format(layer, head))
                self._curves.append(curve)
                if head == 0:
                    self.legend.addItem(curve, self.tr("layer {0}").format(layer))
        self._style_curves()

    def _style_curves(self) -> None:
        h = self.history
        if h is None or not self._curves:
            return
        layer, head, average, score = self.options.layer, self.options.head, self.options.average, self.options.score
        H = h.scores[score].shape[2] if score in h.scores else 1
        for i, curve in enumerate(self._curves):
            l, hh = divmod(i, H)
            chosen = l == layer and (average or hh == head)
            color = QColor(SERIES_COLORS[l % len(SERIES_COLORS)])
            if not chosen:
                color.setAlpha(90)
            curve.setPen(pg.mkPen(color, width=3 if chosen else 1))
            curve.setSymbolBrush(pg.mkBrush(color))
            curve.setSymbolPen(pg.mkPen(color))
            curve.setZValue(5 if chosen else 0)
        which = self.tr("layer {0}, mean of heads").format(layer) if average else self.tr("layer {0}, head {1}").format(layer, head)
        self.plot.setTitle(self.tr("{0} of every head · bold: {1}").format(QCoreApplication.translate("panels.attention.history", SCORE_LABELS.get(score, score)), which), size="9pt",
                           color=palette_colors(self)[1].name())

    def _hovered(self, row: int, col: int) -> None:
        weights = self.current_weights()
        if weights is None or row < 0:
            self.hover_label.setText(" ")
            self.heatmap.setToolTip(self.heatmap.accessibleDescription())
            return
        text = describe_cell(self.history.pieces, weights, row, col)
        self.hover_label.setText(text)
        self.heatmap.setToolTip(text)

    def _apply_palette(self) -> None:
        bg, fg = palette_colors(self)
        muted = QColor(fg)
        muted.setAlpha(170)
        self.plot.setBackground(bg)
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(muted))
            axis.setTextPen(pg.mkPen(fg))
        fill = QColor(bg)
        fill.setAlpha(200)
        self.legend.setBrush(pg.mkBrush(fill))
        self.legend.setLabelTextColor(fg)

    def changeEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self._built:
            self._apply_palette()
        super().changeEvent(ev)

    def hideEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        self.stop()
        super().hideEvent(ev)
