"""The per-token loss view: each token of a text coloured by how surprised the model was by it.

By default the text is the run's probe, recorded at every evaluation: the slider picks the
evaluation, and *Compare* colours what improved (blue) or got worse (red) since an earlier one.
A typed text is scored at the latest checkpoint instead. Hover a token for its loss, the
probability of the true token and the model's top alternatives. *Find hardest tokens* ranks the
token types the latest checkpoint predicts worst across the validation set.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ....core.events import HardTokensResult, InstrumentsResult, TextLosses
from ....core.instruments.per_token import TokenLosses
from ...resources import monospace_font
from ..common import name_widget
from .steps import StepSlider
from .widgets import Cell, TokenStrip, change_color, loss_color, shown
from ...i18n import core_text


def token_tip(tr, losses: TokenLosses, i: int, pieces: list[str], delta: float | None = None) -> str:
    """The hover text of the token predicted at position ``i``."""
    piece = lambda t: shown(pieces[t] if 0 <= t < len(pieces) else f"#{t}")  # noqa: E731
    alts = ", ".join(f"{piece(int(t))} {float(p):.2f}" for t, p in zip(losses.top_ids[i], losses.top_probs[i]))
    tip = tr("{0}: loss {1:.2f} · probability {2:.3f}\nlikeliest: {3}").format(
        piece(int(losses.ids[i + 1])), float(losses.losses[i]), float(losses.probs[i]), alts)
    if delta is not None:
        tip += "\n" + tr("change since the earlier step: {0:+.2f}").format(delta)
    return tip


class PerTokenView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.result: InstrumentsResult | None = None
        self.text_result: TextLosses | None = None
        self.source = "probe"  # probe | text
        self.steps = StepSlider(self.tr("Evaluation"), "insideLossStep", self.tr("Evaluation step shown"), self)
        self.compare = name_widget(QCheckBox(self.tr("Compare with"), self), "insideCompare", self.tr("Diff mode"),
                                   self.tr("Colour what improved (blue) or got worse (red) since an earlier step"))
        self.earlier = StepSlider("", "insideLossEarlierStep", self.tr("Earlier evaluation to compare with"), self)
        self.summary = QLabel("", self)
        self.summary.setObjectName("insideLossSummary")
        self.strip = TokenStrip(self)
        self.strip.setObjectName("insideTokenStrip")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.strip)
        self.text = name_widget(QLineEdit(self), "insideText", self.tr("Your text"),
                                self.tr("Score your own text at a checkpoint"))
        self.text.setPlaceholderText(self.tr("Type a text to score at a checkpoint…"))
        self.at_combo = name_widget(QComboBox(self), "insideTextCheckpoint", self.tr("Checkpoint"),
                                    self.tr("The checkpoint that scores your text"))
        self.vs_combo = name_widget(QComboBox(self), "insideTextCompare", self.tr("Compare with checkpoint"),
                                    self.tr("Also score it at this checkpoint and colour the difference"))
        self.score_button = name_widget(QPushButton(self.tr("Score"), self), "insideScore", self.tr("Score the text"))
        self.probe_button = name_widget(QPushButton(self.tr("Back to the probe"), self), "insideBackToProbe",
                                        self.tr("Show the probe again"),
                                        self.tr("Show the probe recorded at each evaluation instead of your text"))
        self.hard_button = name_widget(QPushButton(self.tr("Find hardest tokens"), self), "insideHardest",
                                       self.tr("Find hardest tokens"),
                                       self.tr("Rank the tokens the latest checkpoint predicts worst on the "
                                               "validation set"))
        self.hard_list = QListWidget(self)
        name_widget(self.hard_list, "insideHardestList", self.tr("Hardest tokens"))
        self.hard_list.setFont(monospace_font())
        self.hard_list.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 26))

        top = QHBoxLayout()
        top.addWidget(self.steps, 3)
        top.addWidget(self.compare)
        top.addWidget(self.earlier, 2)
        typed = QHBoxLayout()
        typed.addWidget(self.text, 1)
        typed.addWidget(QLabel(self.tr("at"), self))
        typed.addWidget(self.at_combo)
        typed.addWidget(QLabel(self.tr("vs"), self))
        typed.addWidget(self.vs_combo)
        typed.addWidget(self.score_button)
        typed.addWidget(self.probe_button)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.summary)
        lv.addWidget(scroll, 1)
        lv.addLayout(typed)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.hard_button)
        rv.addWidget(self.hard_list, 1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(split)
        self.earlier.setEnabled(False)

        self.steps.changed.connect(self._to_probe)
        self.earlier.changed.connect(self._to_probe)
        self.compare.toggled.connect(self._compare_toggled)
        self.score_button.clicked.connect(self._score)
        self.text.returnPressed.connect(self._score)
        self.probe_button.clicked.connect(lambda: self._to_probe())
        self.hard_button.clicked.connect(lambda: controller.find_hardest())
        controller.textScored.connect(self.set_text_result)
        controller.hardestFound.connect(self.set_hardest)

    # -- inputs ----------------------------------------------------------------------------------
    def set_result(self, result: InstrumentsResult) -> None:
        self.result = result
        steps = [r.step for r in result.records]
        self.steps.set_steps(steps)
        self.earlier.set_steps(steps)
        if not self.compare.isChecked():
            self.earlier.set_index(0)
        self._fill_checkpoints()
        if self.source == "probe":
            self.redraw()

    def _fill_checkpoints(self) -> None:
        steps = self.controller.checkpoint_steps()
        for combo, first in ((self.at_combo, self.tr("latest")), (self.vs_combo, self.tr("none"))):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for step in steps:
                combo.addItem(self.tr("step {0:,}").format(step), step)
            combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
            combo.blockSignals(False)

    def set_text_result(self, result: TextLosses) -> None:
        self.text_result, self.source = result, "text"
        self.redraw()

    def set_hardest(self, result: HardTokensResult) -> None:
        self.hard_list.clear()
        self.hard_list.addItem(self.tr("Step {0:,}: loss, times").format(result.step))
        for h in result.tokens:
            piece = result.pieces[h.id] if h.id < len(result.pieces) else f"#{h.id}"
            item = f"{shown(piece):>6}  {h.mean_loss:5.2f}  ×{h.count}"
            self.hard_list.addItem(item)
            self.hard_list.item(self.hard_list.count() - 1).setToolTip(self.tr(
                "{0}: mean loss {1:.2f} over {2} times it comes next in the validation text").format(
                shown(piece), h.mean_loss, h.count))

    def _score(self) -> None:
        self.controller.score_text(self.text.text(), self.at_combo.currentData(), self.vs_combo.currentData())

    def _to_probe(self, *_) -> None:
        self.source = "probe"
        self.redraw()

    def _compare_toggled(self, on: bool) -> None:
        self.earlier.setEnabled(on)
        self.redraw()

    # -- drawing ----------------------------------------------------------------------------------
    def shown_losses(self) -> tuple[TokenLosses | None, TokenLosses | None, int | None, list[str]]:
        """What is drawn now: (losses, earlier losses for the diff or None, the earlier step, pieces)."""
        t = self.text_result
        if self.source == "text" and t is not None:
            return t.losses, t.earlier, t.earlier_step, t.pieces
        r = self.result
        if r is None or not r.records:
            return None, None, None, []
        now = r.records[self.steps.current_index()].losses
        before = r.records[self.earlier.current_index()].losses if self.compare.isChecked() else None
        if before is not None and not np.array_equal(before.ids, now.ids):
            before = None  # the probe changed (a resumed run with another probe length)
        return now, before, self.earlier.current_step(), r.pieces

    def redraw(self) -> None:
        now, before, before_step, pieces = self.shown_losses()
        if now is None:
            self.strip.set_cells([])
            self.summary.setText(core_text(self.result.message) if self.result is not None else "")
            return
        piece = lambda t: pieces[t] if 0 <= t < len(pieces) else f"#{t}"  # noqa: E731
        top = max(1.0, float(np.percentile(now.losses, 98)))
        cells = [Cell(shown(piece(int(now.ids[0]))), self.palette().window().color())]
        if before is None:
            for i, loss in enumerate(now.losses):
                cells.append(Cell(shown(piece(int(now.ids[i + 1]))), loss_color(float(loss), top),
                                  token_tip(self.tr, now, i, pieces)))
            self.summary.setText(self.tr("{0} · mean loss {1:.3f} · white 0, red ≥ {2:.1f} nats").format(
                self._what(), now.mean, top))
        else:
            delta = now.losses - before.losses
            span = max(0.5, float(np.percentile(np.abs(delta), 98)))
            for i, d in enumerate(delta):
                cells.append(Cell(shown(piece(int(now.ids[i + 1]))), change_color(float(d), span),
                                  token_tip(self.tr, now, i, pieces, float(d))))
            better = int((delta < 0).sum())
            self.summary.setText(self.tr(
                "{0} against step {1:,}: mean loss {2:.3f} → {3:.3f}; {4} of {5} tokens improved "
                "(blue), the rest got worse (red), ±{6:.1f} nats at full colour").format(
                self._what(), before_step, before.mean, now.mean, better, len(delta), span))
        self.strip.set_cells(cells)

    def _what(self) -> str:
        if self.source == "text" and self.text_result is not None:
            return self.tr("Your text at checkpoint {0:,}").format(self.text_result.step)
        return self.tr("The probe at step {0:,}").format(self.steps.current_step())

    def mean_loss(self) -> float:
        now = self.shown_losses()[0]
        return now.mean if now is not None else math.nan
