"""The logit-lens view: the model's next-token guess after each layer, for each position of the probe.

Rows are the embeddings and then each layer, columns the probe's positions (the token read there
on top). Each cell holds the top guess, coloured by its probability; a green outline marks where
the true next token first becomes the top guess. The slider picks the evaluation.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ....core.events import InstrumentsResult
from .steps import StepSlider
from .widgets import Cell, TokenGrid, prob_color, shown


class LensView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: InstrumentsResult | None = None
        self.steps = StepSlider(self.tr("Evaluation"), "insideLensStep", self.tr("Evaluation step shown"), self)
        self.summary = QLabel("", self)
        self.summary.setObjectName("insideLensSummary")
        self.summary.setWordWrap(True)
        self.grid = TokenGrid(self)
        self.grid.setObjectName("insideLensGrid")
        scroll = QScrollArea(self)
        scroll.setWidget(self.grid)
        lay = QVBoxLayout(self)
        lay.addWidget(self.steps)
        lay.addWidget(self.summary)
        lay.addWidget(scroll, 1)
        self.steps.changed.connect(lambda _i: self.redraw())

    def set_result(self, result: InstrumentsResult) -> None:
        self.result = result
        self.steps.set_steps([r.step for r in result.records])
        self.redraw()

    def redraw(self) -> None:
        r = self.result
        if r is None or not r.records:
            self.grid.set_grid([], [], [])
            self.summary.setText(r.message if r is not None else "")
            return
        rec = r.records[self.steps.current_index()]
        lens, ids = rec.lens, rec.lens.ids
        piece = lambda t: r.pieces[t] if 0 <= t < len(r.pieces) else f"#{t}"  # noqa: E731
        n_rows = lens.top_ids.shape[0]
        rows = [self.tr("embed")] + [self.tr("layer {0}").format(i) for i in range(1, n_rows)]
        win = lens.first_win
        cells = []
        for layer in range(n_rows):
            row = []
            for j in range(len(ids)):
                t, p = int(lens.top_ids[layer, j]), float(lens.top_probs[layer, j])
                tip = self.tr("{0}, after {1}: guesses {2} ({3:.2f})").format(
                    shown(piece(int(ids[j]))), rows[layer], shown(piece(t)), p)
                if j < len(win):
                    tip += "\n" + self.tr("true next {0}: {1:.2f}").format(
                        shown(piece(int(ids[j + 1]))), float(lens.target_probs[layer, j]))
                row.append(Cell(shown(piece(t), 5), prob_color(p), tip, j < len(win) and win[j] == layer))
            cells.append(row)
        self.grid.set_grid(rows, [shown(piece(int(i)), 5) for i in ids], cells)
        right = int((win == n_rows - 1).sum() + ((win >= 0) & (win < n_rows - 1)).sum())
        final_right = int((lens.top_ids[-1, :-1] == ids[1:]).sum())
        self.summary.setText(self.tr(
            "Step {0:,}: the model's top guess is the true next token at {1} of {2} positions; a green box "
            "marks the layer where it first wins ({3} positions). Colour: the guess's probability.").format(
            rec.step, final_right, len(win), right))
