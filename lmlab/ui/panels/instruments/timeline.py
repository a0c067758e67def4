"""The sample timeline view: the run's prompts continued at each evaluation, with a fixed seed.

Drag the slider to watch the same continuation go from noise to words; the validation loss of
that step is beside it. The prompts can be changed for the evaluations still to come.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ....core.events import InstrumentsResult
from ...resources import monospace_font
from ..common import name_widget
from .copies import CopiedToggle, marked_html
from .steps import StepSlider
from .widgets import larger_monospace


class TimelineView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.result: InstrumentsResult | None = None
        self.steps = StepSlider(self.tr("Evaluation"), "insideTimelineStep", self.tr("Evaluation step shown"), self)
        self.loss = QLabel("", self)
        self.loss.setObjectName("insideTimelineLoss")
        self.samples = QLabel("", self)
        self.samples.setObjectName("insideTimelineSamples")
        self.samples.setTextFormat(Qt.TextFormat.RichText)
        self.samples.setWordWrap(True)
        self.samples.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.samples.setFont(larger_monospace(1.15))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.samples)
        self.prompts = QPlainTextEdit(self)
        self.prompts.setObjectName("insidePrompts")
        self.prompts.setAccessibleName(self.tr("Timeline prompts, one per line"))
        self.prompts.setFont(monospace_font())
        self.prompts.setFixedHeight(self.prompts.fontMetrics().lineSpacing() * 4 + 12)
        self.save_prompts = name_widget(QPushButton(self.tr("Use these prompts"), self), "insideSavePrompts",
                                        self.tr("Use these prompts"),
                                        self.tr("Sample these prompts (one per line) from the next evaluation on"))
        edit = QHBoxLayout()
        edit.addWidget(QLabel(self.tr("Prompts"), self))
        edit.addWidget(self.prompts, 1)
        edit.addWidget(self.save_prompts)
        top = QHBoxLayout()
        top.addWidget(self.steps, 1)
        top.addWidget(self.loss)
        self.copied = CopiedToggle(self, self.redraw)  # copies.py: the longest span copied from the training text
        top.addWidget(self.copied)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(scroll, 1)
        lay.addLayout(edit)
        self.steps.changed.connect(lambda _i: self.redraw())
        self.save_prompts.clicked.connect(self._save_prompts)

    def set_result(self, result: InstrumentsResult) -> None:
        self.result = result
        self.steps.set_steps([e.step for e in result.timeline])
        if not self.prompts.hasFocus():
            self.prompts.setPlainText("\n".join(p.replace("\n", "\\n") for p in result.prompts))
        self.redraw()

    def _save_prompts(self) -> None:
        lines = self.prompts.toPlainText().splitlines()
        self.controller.set_prompts([line.replace("\\n", "\n") for line in lines])

    def redraw(self) -> None:
        r = self.result
        if r is None or not r.timeline:
            self.samples.setText(html.escape(r.message if r is not None else ""))
            self.loss.setText("")
            return
        e = r.timeline[self.steps.current_index()]
        loss = e.val_loss if e.val_loss is not None else r.val_loss.get(e.step)
        self.loss.setText(self.tr("validation loss {0:.3f}").format(loss)
                          if loss is not None and math.isfinite(loss) else "")
        esc = lambda s: html.escape(s).replace("\n", "<br>")  # noqa: E731
        prompt = lambda p: html.escape(p).replace("\n", "⏎<br>")  # noqa: E731  (a newline prompt stays visible)
        spans = self.copied.spans_for(r.run_path, e.step, e.samples)
        parts = [f"<p><b>{prompt(p)}</b>{marked_html(s, spans.get(i), esc)}</p>"
                 for i, (p, s) in enumerate(zip(e.prompts, e.samples))]
        self.samples.setText("<hr>".join(parts))

    def shown_samples(self) -> tuple[str, ...]:
        r = self.result
        return r.timeline[self.steps.current_index()].samples if r is not None and r.timeline else ()
