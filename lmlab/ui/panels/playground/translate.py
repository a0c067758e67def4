"""The Playground's Translate mode: a source sentence in, an encoder-decoder run's translation out.

Left: the run (encoder-decoder runs with a checkpoint) and checkpoint, the source text, the beam
width (1: greedy, streamed token by token; more: beam search, shown when the search ends), Translate
(Ctrl+Enter) and Stop (Esc). Right: the translation, each token on the Playground's probability
colours (``text.prob_color``: red for a surprise through yellow to green for what the model
expected), its probability on hover. A view of ``TranslateController``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ....core.seq2seq.events import TranslatedToken, Translation
from ...controllers.translate import TranslateController, is_translator
from ...resources import is_dark, with_cjk_fallback
from ..common import MessageLabel, guard_wheel, hint_label, name_widget
from .text import ProbabilityLegend, prob_color, visible


class TranslateView(QWidget):
    wanted = Signal()  # the window's current run is a translator: the Playground should show this mode

    def __init__(self, controller: TranslateController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("translateView")
        self.setAccessibleName(self.tr("Translate"))
        self.controller = controller
        self._source, self._beam = "", 1  # the text being translated, and how
        self._done: list[str] = []  # the earlier translations' paragraphs, oldest first

        self.run_combo = name_widget(QComboBox(), "translateRunCombo", self.tr("Translator run"),
                                     self.tr("Encoder-decoder runs with a checkpoint"))
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.run_combo.setMinimumContentsLength(14)
        self.step_combo = name_widget(QComboBox(), "translateStepCombo", self.tr("Checkpoint"),
                                      self.tr("Which saved step of the run translates"))
        self.source_edit = name_widget(QPlainTextEdit(), "translateSource", self.tr("Source text"),
                                       self.tr("The sentence to translate"))
        self.source_edit.setPlaceholderText("20345")
        self.source_edit.setFont(with_cjk_fallback(self.source_edit.font()))
        self.source_edit.setTabChangesFocus(True)
        self.source_edit.setMinimumHeight(70)
        self.beam_spin = name_widget(QSpinBox(), "beamWidthSpin", self.tr("Beam width"),
                                     self.tr("1: greedy, the most likely token at each step, streamed as it is "
                                             "chosen. More: beam search keeps that many partial translations and "
                                             "shows the best when it ends."))
        self.beam_spin.setRange(1, 16)
        guard_wheel(self.run_combo, self.step_combo, self.beam_spin)
        self.translate_button = name_widget(QPushButton(self.tr("Translate")), "translateButton",
                                            self.tr("Translate"), self.tr("Translate the source (Ctrl+Enter)"))
        self.translate_button.setDefault(True)
        self.stop_button = name_widget(QPushButton(self.tr("Stop")), "translateStopButton", self.tr("Stop"),
                                       self.tr("Stop after the current token (Esc)"))
        self.message = MessageLabel("translateMessage")
        self.status = hint_label(object_name="translateStatus")
        self.output = name_widget(QTextBrowser(), "translationOutput", self.tr("Translation"),
                                  self.tr("The translation; each token's colour is the model's probability of it"))
        self.output.setFont(with_cjk_fallback(self.output.font()))
        self.output.setOpenLinks(False)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Run"), self.run_combo)
        form.addRow(self.tr("Checkpoint"), self.step_combo)
        form.addRow(self.tr("Beam width"), self.beam_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.translate_button, 1)
        buttons.addWidget(self.stop_button)
        left = QVBoxLayout()
        left.addLayout(form)
        source_label = QLabel(self.tr("Source"))
        source_label.setProperty("role", "heading")
        left.addWidget(source_label)
        left.addWidget(self.source_edit, 1)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left_w = QWidget()
        left_w.setLayout(left)
        left_w.setMaximumWidth(360)
        out_head = QHBoxLayout()
        out_label = QLabel(self.tr("Translation"))
        out_label.setProperty("role", "heading")
        out_head.addWidget(out_label)
        out_head.addWidget(self.status, 1)
        out_head.addWidget(ProbabilityLegend())
        right = QVBoxLayout()
        right.addLayout(out_head)
        right.addWidget(self.output, 1)
        lay = QHBoxLayout(self)
        lay.addWidget(left_w)
        lay.addLayout(right, 1)

        self.run_combo.activated.connect(lambda _i: self._run_chosen())
        self.step_combo.activated.connect(lambda _i: controller.set_step(self.step_combo.currentData()))
        self.translate_button.clicked.connect(self.translate)
        self.stop_button.clicked.connect(controller.stop)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.translate)
        esc = QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(controller.stop)
        controller.tokensAdded.connect(lambda _t: self._render())
        controller.translated.connect(self._translated)
        controller.stopped.connect(self._stopped)
        controller.failed.connect(self._failed)
        controller.progress.connect(self.status.setText)
        controller.busyChanged.connect(lambda _b: self._update_buttons())
        controller.runChanged.connect(lambda _p: self.refresh_runs())
        self._update_buttons()

    # -- runs -----------------------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """List the translator runs again (keeps the chosen one; the first when none is chosen)."""
        runs = self.controller.runs()
        self.run_combo.clear()
        for path, name, _steps in runs:
            self.run_combo.addItem(name, path)
        if self.controller.run_path and self.run_combo.findData(self.controller.run_path) < 0 and runs:
            self.controller.set_run(runs[0][0])
            return
        if not self.controller.run_path and runs:
            self.controller.set_run(runs[0][0])
            return
        self.run_combo.setCurrentIndex(self.run_combo.findData(self.controller.run_path))
        steps = next((s for p, _n, s in runs if p == self.controller.run_path), [])
        self.step_combo.clear()
        self.step_combo.addItem(self.tr("latest (step {0:,})").format(steps[-1]) if steps else self.tr("latest"), None)
        for s in reversed(steps):
            self.step_combo.addItem(self.tr("step {0:,}").format(s), s)
        if not runs:
            self.message.show_message(self.tr("No translator yet: set the Model panel's Kind to encoder-decoder, "
                                              "pick a task in the Corpus dock and press Train."), "info")
        self._update_buttons()

    def follow(self, path: str) -> None:
        """The window's current run changed: a translator run is translated with from now on."""
        if is_translator(path):
            self.controller.set_run(path)
            self.wanted.emit()

    def _run_chosen(self) -> None:
        self.controller.set_run(self.run_combo.currentData() or "")

    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        self.refresh_runs()

    # -- translating --------------------------------------------------------------------------------
    def translate(self) -> None:
        text = self.source_edit.toPlainText().strip()
        if not text:
            self.message.show_message(self.tr("Type a sentence to translate."))
            return
        self.message.show_message("")
        self.status.setText("")
        self._source, self._beam = text, self.beam_spin.value()
        self.controller.translate(text, self.beam_spin.value())

    def _update_buttons(self) -> None:
        busy = self.controller.busy
        self.translate_button.setEnabled(not busy and bool(self.controller.run_path))
        self.stop_button.setEnabled(busy)

    def _paragraph(self) -> str:
        """This translation so far: the source in grey, then one span per token on its probability colour."""
        dark = is_dark(self.palette())
        beam = self.tr(" (beam {0})").format(self._beam) if self._beam > 1 else ""
        spans = [f"<span style='color:gray'>{html.escape(self._source)}{beam} → </span>"]
        for i, t in enumerate(self.controller.tokens):
            bg = prob_color(t.prob, dark, odd=i % 2 == 1).name()
            tip = self.tr("{0}: probability {1:.1%}").format(visible(t.piece, newline_mark=False), t.prob)
            spans.append(f"<span style='background-color:{bg}' title='{html.escape(tip, quote=True)}'>"
                         f"{html.escape(visible(t.piece))}</span>")
        return f"<p style='font-size:large'>{''.join(spans)}</p>"

    def _render(self) -> None:
        """The earlier translations, then this one so far (the newest at the bottom, scrolled to)."""
        self.output.setHtml("".join(self._done) + self._paragraph())
        bar = self.output.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _translated(self, result: Translation) -> None:
        self._render()
        self._done.append(self._paragraph())
        probs = [t.prob for t in result.tokens]
        mean = sum(probs) / len(probs) if probs else 0.0
        ended = self.tr("ended") if result.finished else self.tr("the context filled before the end")
        self.status.setText(self.tr("step {0:,} · beam {1} · {2} tokens, mean probability {3:.0%} · {4}").format(
            result.step, result.beam, len(result.tokens), mean, ended))

    def _stopped(self) -> None:
        self._done.append(self._paragraph())  # what was written stays
        self.status.setText(self.tr("stopped"))

    def _failed(self, message: str) -> None:
        self.status.setText("")
        self.message.show_message(message)

    def tokens(self) -> list[TranslatedToken]:
        return list(self.controller.tokens)
