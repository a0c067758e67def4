"""The next-token distribution: a horizontal bar chart, the alternatives list, and the logits behind them.

For one position (after the last token, or at a selected token) the chart shows the
``TOP_N`` tokens the model finds most likely: a wide grey bar for the model's raw
probability (temperature 1, no filters) and, inside it, a narrow coloured bar for what
repetition penalty, temperature, top-k and top-p leave of it, renormalised
(``filter_distribution``: exactly what sampling draws from). Changing a sampling
control re-filters the same logits at once; only a new position needs the model, and the
playground's controller runs that forward pass off the GUI thread (the newest request wins).
``AlternativesList`` lists the same tokens with both probabilities and lets the user
continue the text with one of them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.errors import LmlabError
from ....core.generate import SamplingOptions, filter_distribution
from ...resources import is_dark, with_cjk_fallback
from ..common import hint_label, name_widget
from ....core.branches import display_piece
from ...i18n import error_text

TOP_N = 20
LABEL_CHARS = 12


class DistributionView(QWidget):
    """Raw and filtered probabilities of the most likely next tokens."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("distributionView")
        self.setAccessibleName(self.tr("Next-token distribution"))
        self._logits: torch.Tensor | None = None
        self._context: list[int] = []
        self._chosen: int | None = None
        self._tokenizer = None
        self._options = SamplingOptions()
        self._ids = np.zeros(0, dtype=np.int64)
        self._raw = np.zeros(0)
        self._final = np.zeros(0)
        self.kept = 0  # tokens with nonzero probability after filtering (whole vocabulary)

        self.caption = QLabel(self.tr("Next-token distribution: generate, or click a token."))
        self.caption.setObjectName("distributionCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("distributionPlot")
        self.plot.setAccessibleName(self.tr("Bar chart of the most likely next tokens"))
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(180)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        pi = self.plot.getPlotItem()
        pi.invertY(True)
        pi.setLabel("bottom", self.tr("probability (%)"))
        pi.getAxis("bottom").enableAutoSIPrefix(False)
        pi.showGrid(x=True, y=False, alpha=0.25)
        self.raw_bars = pg.BarGraphItem(x0=[], y=[], height=0.8, width=[])
        self.final_bars = pg.BarGraphItem(x0=[], y=[], height=0.42, width=[])
        self.chosen_bar = pg.BarGraphItem(x0=[], y=[], height=0.86, width=[])
        legend = pi.addLegend(offset=(-8, -8), labelTextSize="8pt")
        for item in (self.raw_bars, self.final_bars, self.chosen_bar):
            pi.addItem(item)
        legend.addItem(self.raw_bars, self.tr("model (raw)"))
        legend.addItem(self.final_bars, self.tr("sampled from (after the controls)"))
        self._style()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addWidget(self.plot, 1)

    def _style(self) -> None:
        pal = self.palette()
        dark = is_dark(pal)
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        fg = pal.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            ax = self.plot.getPlotItem().getAxis(name)
            ax.setTextPen(fg)
            ax.setPen(pg.mkPen(pal.color(QPalette.ColorRole.Mid)))
        grey = QColor(fg)
        grey.setAlphaF(0.30 if dark else 0.22)
        self.raw_bars.setOpts(brush=pg.mkBrush(grey), pen=pg.mkPen(None))
        accent = QColor("#4dabf7") if dark else QColor("#1c7ed6")
        self.final_bars.setOpts(brush=pg.mkBrush(accent), pen=pg.mkPen(None))
        self.chosen_bar.setOpts(brush=pg.mkBrush(None), pen=pg.mkPen(QColor("#f59f00"), width=2))

    def changeEvent(self, ev) -> None:  # noqa: N802
        super().changeEvent(ev)
        if ev.type() in (ev.Type.PaletteChange, ev.Type.ApplicationPaletteChange):
            self._style()

    # -- data ----------------------------------------------------------------------------------
    def set_logits(self, logits: torch.Tensor, context: list[int], tokenizer, chosen: int | None,
                   caption: str) -> None:
        """Show the distribution of ``logits`` (one position) after ``context``; mark ``chosen`` if given."""
        self._logits, self._context, self._tokenizer, self._chosen = logits, list(context), tokenizer, chosen
        self._caption_head = caption
        self._redraw()

    def set_options(self, options: SamplingOptions) -> None:
        self._options = options
        if self._logits is not None:
            self._redraw()

    def clear(self, message: str) -> None:
        self._logits = None
        self._ids, self._raw, self._final = np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
        self.kept = 0
        for item in (self.raw_bars, self.final_bars, self.chosen_bar):
            item.setOpts(x0=[], y=[], width=[])
        self.plot.getPlotItem().getAxis("left").setTicks([[]])
        self.caption.setText(message)

    @property
    def has_data(self) -> bool:
        return self._logits is not None

    def raw_heights(self) -> np.ndarray:
        """Raw probabilities of the bars shown, most likely first."""
        return self._raw.copy()

    def filtered_heights(self) -> np.ndarray:
        """Filtered probabilities of the same bars (0 where the controls remove the token)."""
        return self._final.copy()

    def shown_ids(self) -> list[int]:
        return self._ids.tolist()

    def _redraw(self) -> None:
        try:
            raw, final = filter_distribution(self._logits, self._options, self._context)
        except LmlabError as e:
            self.clear(error_text(e))
            return
        n = min(TOP_N, raw.numel())
        order = torch.sort(raw, descending=True, stable=True).indices[:n].tolist()
        if self._chosen is not None and self._chosen not in order and 0 <= self._chosen < raw.numel():
            order[-1] = self._chosen
        self._ids = np.array(order, dtype=np.int64)
        self._raw = raw[order].numpy()
        self._final = final[order].numpy()
        self.kept = int((final > 0).sum())
        y = np.arange(len(order), dtype=float)
        self.raw_bars.setOpts(x0=np.zeros(len(order)), y=y, width=100 * self._raw)
        self.final_bars.setOpts(x0=np.zeros(len(order)), y=y, width=100 * self._final)
        if self._chosen is not None and self._chosen in order:
            j = order.index(self._chosen)
            self.chosen_bar.setOpts(x0=[0.0], y=[float(j)], width=[100 * max(self._raw[j], self._final[j])])
        else:
            self.chosen_bar.setOpts(x0=[], y=[], width=[])
        ticks = []
        for j, tid in enumerate(order):
            label = display_piece(self._tokenizer, tid) if self._tokenizer is not None else str(tid)
            if len(label) > LABEL_CHARS:
                label = label[: LABEL_CHARS - 1] + "…"
            ticks.append((float(j), label))
        pi = self.plot.getPlotItem()
        pi.getAxis("left").setTicks([ticks])
        top = float(max(self._raw.max(initial=0.0), self._final.max(initial=0.0)))
        pi.setXRange(0.0, 100 * min(1.0, max(0.05, top * 1.08)), padding=0)
        pi.setYRange(-0.6, max(len(order), 1) - 0.4, padding=0)
        vocab = raw.numel()
        what = self.tr("every token") if self.kept == vocab else self.tr("{0:,} of {1:,} tokens").format(self.kept, vocab)
        self.caption.setText(self.tr("{0} — sampling keeps {1}.").format(self._caption_head, what))


class AlternativesList(QWidget):
    """The tokens of the chart with their model and sampling probabilities; "Continue with this token"."""

    continue_requested = Signal(int, float)  # token id, its model probability

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("alternativesBox")
        self.caption = hint_label(self.tr("Click a token in the text to see what else the model considered there."),
                                  "alternativesCaption")
        self.tree = name_widget(QTreeWidget(), "alternativesList", self.tr("Alternatives"),
                                self.tr("The most likely tokens at this position: the model's probability and what "
                                "sampling with the current controls gives; pick one to continue with it"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([self.tr("Token"), self.tr("Model"), self.tr("Sampling")])
        self.tree.setFont(with_cjk_fallback(self.tree.font()))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.button = name_widget(QPushButton(self.tr("Continue with this token")), "branchButton",
                                  self.tr("Continue with this token"),
                                  self.tr("Start a new branch: the text up to here, then this token, then the model "
                                  "continues (double-clicking a token does the same)"))
        self.button.clicked.connect(self._continue)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self._continue())
        self.tree.currentItemChanged.connect(lambda *_a: self.set_enabled(self._enabled))
        self._enabled = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.button)
        self.setMinimumWidth(200)
        self.set_enabled(False)

    def fill(self, view: DistributionView | None, tokenizer, chosen: int | None, caption: str,
             keep_selection: bool = False) -> None:
        """Show ``view``'s tokens (none if ``view`` is None); ``chosen`` is marked as the generated one."""
        current = self.selected() if keep_selection else None
        self.tree.clear()
        if view is not None and view.has_data:
            for tid, p, q in zip(view.shown_ids(), view.raw_heights(), view.filtered_heights()):
                mark = self.tr("  ◀ generated") if tid == chosen else ""
                item = QTreeWidgetItem([f"{display_piece(tokenizer, tid)}{mark}", f"{100 * p:.1f}%",
                                        f"{100 * q:.1f}%" if q > 0 else "–"])
                for col in (1, 2):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(0, Qt.ItemDataRole.UserRole, (int(tid), float(p)))
                self.tree.addTopLevelItem(item)
                if current is not None and tid == current[0]:
                    self.tree.setCurrentItem(item)
        self.caption.setText(caption)
        self.set_enabled(self._enabled)

    def selected(self) -> tuple[int, float] | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def set_enabled(self, enabled: bool) -> None:
        """Whether continuing is possible now (a branch is shown and nothing is generating)."""
        self._enabled = enabled
        self.button.setEnabled(enabled and self.selected() is not None)

    def _continue(self) -> None:
        sel = self.selected()
        if sel is not None and self.button.isEnabled():
            self.continue_requested.emit(*sel)
