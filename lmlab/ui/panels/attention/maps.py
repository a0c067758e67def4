"""The Attention panel's "Maps" view: one head large, every head small, and the head scores.

``MapsView`` draws an ``AttentionResult`` for the ``ViewOptions`` the panel gives it:

* the large map (query rows x key columns, token labels, colour bar); the hover label
  (and tooltip) names the query token, the key token and the weight under the mouse;
* the overview: every layer x head (or each layer's mean, or one layer's heads) tiled
  into one image; clicking a tile emits ``head_clicked(layer, head)``;
* the chosen head score of every head as a layers x heads table coloured like the
  maps, its explanation one hover away (and written under the table).

It draws and reports; it decides nothing (the panel owns the selection).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.attention import SCORE_EXPLANATIONS
from ...plots.heatmap import COLOR_MAP, HIGHLIGHT, MatrixHeatmap
from ....core.attention_display import Overview, display_token, display_values, matrix_labels, overview, select_map
from ....core.events import AttentionResult
from ..common import hint_label, name_widget
from ...i18n import core_text

SCORE_TITLES = {
    "previous_token": QT_TRANSLATE_NOOP("panels.attention.maps", "Previous token"),
    "first_token": QT_TRANSLATE_NOOP("panels.attention.maps", "First token (sink)"),
    "induction": QT_TRANSLATE_NOOP("panels.attention.maps", "Induction"),
}


@dataclass(frozen=True)
class ViewOptions:
    """What the maps show: which head (or the layer's mean), which layers, colour scale, score."""

    layer: int = 0
    head: int = 0
    average: bool = False  # the mean of the layer's heads instead of one head
    one_layer: bool = False  # the overview shows only ``layer``
    log: bool = False  # colours on a log scale (lmlab.core.attention.log_color_scale)
    score: str = "induction"


def describe_cell(pieces: list[str], weights: np.ndarray, row: int, col: int) -> str:
    """The hover text for one cell: query token, key token, weight.

    >>> describe_cell(["a", " ", "b"], np.array([[1, 0, 0], [.5, .5, 0], [.2, .3, .5]]), 2, 1)
    'query 2 “b” → key 1 “␣”: 0.300'
    """
    q, k = display_token(pieces[row], 16), display_token(pieces[col], 16)
    if col > row:
        return QCoreApplication.translate("panels.attention.maps", "query {0} “{1}” cannot see key {2} “{3}” (a later token)").format(row, q, col, k)
    return QCoreApplication.translate("panels.attention.maps", "query {0} “{1}” → key {2} “{3}”: {4:.3f}").format(row, q, col, k, float(weights[row, col]))


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    lab = QLabel(text, parent)
    lab.setObjectName(name)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    return lab


class ScoreCellDelegate(QStyledItemDelegate):
    """Paints a score cell in its own colour; the selected head gets an outline, not a selection fill."""

    def paint(self, painter, option, index) -> None:
        bg, fg = index.data(Qt.ItemDataRole.BackgroundRole), index.data(Qt.ItemDataRole.ForegroundRole)
        painter.save()
        painter.fillRect(option.rect, bg if isinstance(bg, (QBrush, QColor)) else option.palette.base())
        painter.setPen(fg.color() if isinstance(fg, QBrush) else option.palette.text().color())
        painter.drawText(option.rect, Qt.AlignmentFlag.AlignCenter, str(index.data() or ""))
        if option.state & QStyle.StateFlag.State_Selected:
            pen = QPen(QColor(HIGHLIGHT), 3)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.restore()


class MapsView(QWidget):
    head_clicked = Signal(int, int)  # (layer, head) of a clicked overview tile or score cell; head -1: the mean

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: AttentionResult | None = None
        self.options = ViewOptions()
        self.overview: Overview | None = None

        self.map_title = _label("", "attentionMapTitle", self)
        self.heatmap = name_widget(MatrixHeatmap(self, row_title=self.tr("query"), col_title=self.tr("key")), "attentionMap",
                                   self.tr("Attention map"), self.tr("Rows: the token that looks; columns: the tokens it looks at. "
                                   "Wheel to zoom, drag to pan"))
        self.hover_label = _label(" ", "attentionHover", self)
        self.hover_label.setAccessibleName(self.tr("Weight under the mouse"))
        self.overview_map = name_widget(MatrixHeatmap(self, colorbar=False), "attentionOverview",
                                        self.tr("Every layer and head"), self.tr("Click a map to open it large"))
        self.score_title = _label("", "attentionScoreTitle", self)
        self.score_table = name_widget(QTableWidget(self), "attentionScores", self.tr("Head scores"),
                                       self.tr("One score per layer (rows) and head (columns); click a cell to open that head"))
        self.score_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.score_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.score_table.setItemDelegate(ScoreCellDelegate(self.score_table))
        self.score_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.score_table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.score_help = hint_label("", "attentionScoreHelp")

        self.heatmap.hovered.connect(self._map_hovered)
        self.overview_map.clicked.connect(self._overview_clicked)
        self.overview_map.hovered.connect(self._overview_hovered)
        self.score_table.cellClicked.connect(lambda l, h: self.head_clicked.emit(l, -1 if self.options.average else h))

        big = QWidget(self)
        bl = QVBoxLayout(big)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.map_title)
        bl.addWidget(self.heatmap, 1)
        bl.addWidget(self.hover_label)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(_label(self.tr("Every layer × head (click one to open it):"), "attentionOverviewTitle", self))
        rl.addWidget(self.overview_map, 1)
        rl.addWidget(self.score_title)
        rl.addWidget(self.score_table)
        rl.addWidget(self.score_help)
        split = name_widget(QSplitter(Qt.Orientation.Horizontal, self), "attentionMapsSplitter", self.tr("Map and overview"))
        split.addWidget(big)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([1100, 900])  # scaled to the real width when shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)
        self._describe_score()

    # -- state -------------------------------------------------------------------------------------
    def set_result(self, result: AttentionResult | None, keep_view: bool = False) -> None:
        self.result = result
        if result is None:
            self.map_title.setText("")
            self.hover_label.setText(" ")
            self.heatmap.clear_image()
            self.overview_map.clear_image()
            self.score_table.setRowCount(0)
            self.overview = None
            return
        self._draw_map(keep_view)
        self._draw_overview()
        self._draw_scores()

    def set_options(self, options: ViewOptions) -> None:
        """Redraw what the change of options touches (no model work: slicing and colouring only)."""
        old, self.options = self.options, options
        if old.score != options.score:
            self._describe_score()
        if self.result is None:
            return
        self._draw_map(keep_view=True)
        if (old.average, old.log, old.one_layer) != (options.average, options.log, options.one_layer) or (
                options.one_layer and old.layer != options.layer):
            self._draw_overview()
        else:
            self._highlight_overview()
        if old.score != options.score:
            self._draw_scores()
        else:
            self._mark_score_cell()

    def shown_weights(self) -> np.ndarray | None:
        """The (T, T) attention weights of the large map (a head, or the layer's mean)."""
        if self.result is None:
            return None
        o = self.options
        return select_map(self.result.maps, o.layer, o.head, o.average)

    # -- drawing ------------------------------------------------------------------------------------
    def _draw_map(self, keep_view: bool) -> None:
        r, o = self.result, self.options
        labels = matrix_labels(r.pieces)
        self.heatmap.set_image(display_values(self.shown_weights(), o.log), labels, labels, keep_view=keep_view)
        self.heatmap.set_log_ticks(o.log)
        which = self.tr("mean of {0} heads").format(r.n_head) if o.average else self.tr("head {0}").format(min(o.head, r.n_head - 1))
        self.map_title.setText(self.tr("Layer {0}, {1}: where each token (row) looks (columns)").format(o.layer, which))
        self.hover_label.setText(" ")

    def _draw_overview(self) -> None:
        o = self.options
        ov = overview(self.result.maps, average=o.average, layer=o.layer if o.one_layer else None, log=o.log)
        self.overview = ov
        rows = [f"L{l}" for l in ov.layers]
        cols = [self.tr("mean")] if o.average else [f"H{h}" for h in range(ov.n_cols)]
        self.overview_map.set_image(ov.image, rows, cols, row_positions=[ov.centre(i) for i in range(len(rows))],
                                    col_positions=[ov.centre(i) for i in range(len(cols))])
        self._highlight_overview()

    def _highlight_overview(self) -> None:
        ov, o = self.overview, self.options
        if ov is None or o.layer not in ov.layers:
            self.overview_map.set_highlight(None)
            return
        step = ov.T + ov.gap
        col = 0 if o.average else o.head
        self.overview_map.set_highlight(QRectF(col * step, ov.layers.index(o.layer) * step, ov.T, ov.T))

    def _describe_score(self) -> None:
        name = self.options.score
        text = core_text(SCORE_EXPLANATIONS.get(name, ""))
        self.score_help.setText(text)
        self.score_title.setText(self.tr("{0} score of every head:").format(QCoreApplication.translate("panels.attention.maps", SCORE_TITLES.get(name, name))))
        self.score_table.setToolTip(text)

    def _draw_scores(self) -> None:
        name = self.options.score
        values = self.result.scores[name]
        L, H = values.shape
        table = self.score_table
        table.blockSignals(True)
        table.setRowCount(L)
        table.setColumnCount(H)
        table.setHorizontalHeaderLabels([self.tr("head {0}").format(h) for h in range(H)])
        table.setVerticalHeaderLabels([self.tr("layer {0}").format(l) for l in range(L)])
        cmap = pg.colormap.get(COLOR_MAP)
        explanation = core_text(SCORE_EXPLANATIONS.get(name, ""))
        title = QCoreApplication.translate("panels.attention.maps", SCORE_TITLES.get(name, name)).lower()
        for l in range(L):
            for h in range(H):
                v = float(values[l, h])
                item = QTableWidgetItem(f"{v:.2f}")
                item.setData(Qt.ItemDataRole.UserRole, v)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                bg = cmap.map(min(max(v, 0.0), 1.0), mode="qcolor")
                item.setBackground(bg)
                item.setForeground(QColor("black") if bg.lightness() > 120 else QColor("white"))
                item.setToolTip(self.tr("Layer {0}, head {1}: {2} score {3:.3f}\n\n{4}").format(l, h, title, v, explanation))
                table.setItem(l, h, item)
        table.blockSignals(False)
        fit = table.horizontalHeader().height() + L * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()
        table.setMaximumHeight(fit + 2)
        self._mark_score_cell()

    def _mark_score_cell(self) -> None:
        table, o = self.score_table, self.options
        if table.rowCount() == 0:
            return
        table.blockSignals(True)
        if o.average:
            table.clearSelection()
            table.selectRow(o.layer)
        else:
            table.setCurrentCell(o.layer, o.head)
        table.blockSignals(False)

    # -- mouse -------------------------------------------------------------------------------------
    def _map_hovered(self, row: int, col: int) -> None:
        if self.result is None or row < 0:
            self.hover_label.setText(" ")
            self.heatmap.setToolTip(self.heatmap.accessibleDescription())
            return
        text = describe_cell(self.result.pieces, self.shown_weights(), row, col)
        self.hover_label.setText(text)
        self.heatmap.setToolTip(text)

    def _overview_clicked(self, row: int, col: int) -> None:
        tile = self.overview.tile_at(row, col) if self.overview is not None else None
        if tile is not None:
            layer, col = tile
            self.head_clicked.emit(layer, -1 if self.options.average else col)

    def _overview_hovered(self, row: int, col: int) -> None:
        tile = self.overview.tile_at(row, col) if self.overview is not None and row >= 0 else None
        if tile is None:
            self.overview_map.setToolTip(self.overview_map.accessibleDescription())
            return
        layer, col = tile
        which = self.tr("mean of heads") if self.options.average else self.tr("head {0}").format(col)
        self.overview_map.setToolTip(self.tr("Layer {0}, {1}: click to open it large").format(layer, which))
