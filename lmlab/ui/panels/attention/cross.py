"""The Attention panel of an encoder-decoder run: encoder, decoder and cross-attention.

For a sentence the user types the run translates it and shows one of three maps, per layer and head
(or the layer's mean): the **cross-attention** as a target × source heatmap (each row is a target
token, here the decoder's input: ``<s>`` then the translation, spreading its attention over the
source tokens; on digits → Chinese numerals the 千 / 百 / 十 rows light up their digits), the
encoder's self-attention (source × source) and the decoder's causal self-attention (target × target).

The slider goes over training: over the run's checkpoints for the typed sentence (each step is
computed from that checkpoint), or over every evaluation for the probe pair the run recorded while
it trained (``seq2seq.snapshots``: the first validation pair). A view of ``PairAttentionController``;
``install_pair_view(panel, window)`` puts it in the Attention panel, shown for encoder-decoder runs.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ....core.seq2seq.snapshots import PairMaps
from ...controllers.translate import PairAttentionController, is_translator
from ...plots.heatmap import MatrixHeatmap
from ...resources import with_cjk_fallback
from ..common import MessageLabel, guard_wheel, hint_label, name_widget, on_window_close

MAP_LABELS = {  # map -> (name, rows, columns); translated where shown
    "cross": (QT_TRANSLATE_NOOP("PairAttentionView", "cross-attention (target × source)"), QT_TRANSLATE_NOOP("PairAttentionView", "target: the token being written"),
              QT_TRANSLATE_NOOP("PairAttentionView", "source")),
    "encoder": (QT_TRANSLATE_NOOP("PairAttentionView", "encoder self-attention"), QT_TRANSLATE_NOOP("PairAttentionView", "source (query)"), QT_TRANSLATE_NOOP("PairAttentionView", "source (key)")),
    "decoder": (QT_TRANSLATE_NOOP("PairAttentionView", "decoder self-attention"), QT_TRANSLATE_NOOP("PairAttentionView", "target: the token being written"),
                QT_TRANSLATE_NOOP("PairAttentionView", "target written so far")),
}
TYPING_DELAY_MS = 500


def _tr(text: str) -> str:
    return QCoreApplication.translate("PairAttentionView", text)


def map_labels(maps: PairMaps, name: str) -> tuple[list[str], list[str]]:
    """(row labels, column labels) of ``name``'s map: cross is target x source.

    A decoder row's query sits on its input token and writes the next one, so rows are labelled with
    the token being written (the decoder's inputs shifted by one, ``</s>`` last): ``<s> 三 万`` -> ``三 万 </s>``.
    """
    src, inputs = [t.replace("\n", "↵") for t in maps.source_tokens], [t.replace("\n", "↵") for t in maps.target_tokens]
    written = inputs[1:] + ["</s>"]
    return {"cross": (written, src), "encoder": (src, src), "decoder": (written, inputs)}[name]


def shown_map(maps: PairMaps, name: str, layer: int, head: int | None) -> np.ndarray:
    """One (rows, cols) map: ``head`` of ``layer``, or the layer's mean over heads (``head`` None)."""
    a = np.asarray(getattr(maps, name), dtype=np.float32)[layer]  # (H, q, k)
    return a.mean(axis=0) if head is None else a[head]


class PairAttentionView(QWidget):
    def __init__(self, controller: PairAttentionController, parent=None):
        super().__init__(parent)
        self.setObjectName("pairAttentionView")
        self.setAccessibleName(self.tr("Encoder-decoder attention"))
        self.controller = controller
        self.maps: PairMaps | None = None  # what is drawn
        self._steps: list[int] = []  # the slider's steps

        self.run_combo = name_widget(QComboBox(), "pairRunCombo", self.tr("Run"), self.tr("Encoder-decoder runs"))
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.run_combo.setMinimumContentsLength(14)
        self.map_combo = name_widget(QComboBox(), "pairMapCombo", self.tr("Map"),
                                     self.tr("Cross-attention (which source tokens each target token reads), or "
                                             "either stack's self-attention"))
        for name in ("cross", "encoder", "decoder"):
            self.map_combo.addItem(_tr(MAP_LABELS[name][0]), name)
        self.layer_combo = name_widget(QComboBox(), "pairLayerCombo", self.tr("Layer"))
        self.head_combo = name_widget(QComboBox(), "pairHeadCombo", self.tr("Head"))
        self.average_check = name_widget(QCheckBox(self.tr("Average heads")), "pairAverageHeads",
                                         self.tr("Average over heads"))
        self.text_edit = name_widget(QLineEdit(), "pairText", self.tr("Source sentence"),
                                     self.tr("The sentence the run translates; the maps follow as you type"))
        self.text_edit.setPlaceholderText(self.tr("Type a source sentence, e.g. 20345"))
        self.text_edit.setFont(with_cjk_fallback(self.text_edit.font()))
        self.probe_check = name_widget(QCheckBox(self.tr("Recorded probe pair")), "pairProbeCheck",
                                       self.tr("Show the probe pair recorded at every evaluation"),
                                       self.tr("The first held-out pair, as the run saw it at each evaluation "
                                               "(no checkpoint needed)"))
        self.step_slider = name_widget(QSlider(Qt.Orientation.Horizontal), "pairStepSlider",
                                       self.tr("Training step"), self.tr("Move through training"))
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("step 000,000 (latest)"))
        self.status = hint_label(object_name="pairStatus")
        self.message = MessageLabel("pairMessage")
        self.heatmap = MatrixHeatmap(row_title=_tr(MAP_LABELS["cross"][1]), col_title=_tr(MAP_LABELS["cross"][2]))
        self.heatmap.setObjectName("crossAttentionHeatmap")
        self.heatmap.setMinimumHeight(240)
        self.hover_label = hint_label(object_name="pairHover")
        guard_wheel(self.run_combo, self.map_combo, self.layer_combo, self.head_combo)

        row1 = QHBoxLayout()
        for label, w in ((self.tr("Run"), self.run_combo), (self.tr("Map"), self.map_combo),
                         (self.tr("Layer"), self.layer_combo), (self.tr("Head"), self.head_combo)):
            row1.addWidget(QLabel(label))
            row1.addWidget(w)
        row1.addWidget(self.average_check)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(self.tr("Sentence")))
        row2.addWidget(self.text_edit, 1)
        row2.addWidget(self.probe_check)
        row3 = QHBoxLayout()
        row3.addWidget(QLabel(self.tr("Over training")))
        row3.addWidget(self.step_slider, 1)
        row3.addWidget(self.step_label)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addLayout(row3)
        lay.addWidget(self.message)
        lay.addWidget(self.status)
        lay.addWidget(self.heatmap, 1)
        lay.addWidget(self.hover_label)

        self._debounce = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._debounce.timeout.connect(self.compute)
        self.text_edit.textEdited.connect(self._typed)
        self.text_edit.returnPressed.connect(self.compute)
        for combo in (self.map_combo, self.layer_combo, self.head_combo):
            combo.activated.connect(lambda _i: self.redraw())
        self.average_check.toggled.connect(lambda _on: self.redraw())
        self.probe_check.toggled.connect(lambda _on: self._fill_steps())
        self.step_slider.valueChanged.connect(self._step_moved)
        self.heatmap.hovered.connect(self._hovered)
        controller.computed.connect(self._computed)
        controller.history_loaded.connect(lambda _h: self._fill_steps())
        controller.failed.connect(self._failed)
        controller.progress.connect(self.status.setText)
        controller.runChanged.connect(self._run_changed)

    # -- runs ---------------------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        self.run_combo.clear()
        for path, name, _steps in self.controller.runs():
            self.run_combo.addItem(name, path)
        self.run_combo.setCurrentIndex(self.run_combo.findData(self.controller.run_path))

    def _run_changed(self, path: str) -> None:
        self.refresh_runs()
        self.maps = None
        self.heatmap.clear_image()
        self.controller.reload_history()
        self._fill_steps()
        if not self.text_edit.text().strip():
            self.probe_check.setChecked(True)  # something to see at once: what the run recorded

    def checkpoint_steps(self) -> list[int]:
        return next((s for p, _n, s in self.controller.runs() if p == self.controller.run_path), [])

    def _fill_steps(self) -> None:
        """The slider's steps: every recorded evaluation (probe pair) or every checkpoint (typed text)."""
        probe = self.probe_check.isChecked()
        self._steps = [m.step for m in self.controller.history] if probe else self.checkpoint_steps()
        self.step_slider.blockSignals(True)
        self.step_slider.setRange(0, max(0, len(self._steps) - 1))
        self.step_slider.setValue(self.step_slider.maximum())
        self.step_slider.blockSignals(False)
        self.step_slider.setEnabled(len(self._steps) > 1)
        self._step_moved(self.step_slider.value())

    def _step_moved(self, index: int) -> None:
        if not self._steps:
            self.step_label.setText(self.tr("no steps yet"))
            return
        step = self._steps[min(index, len(self._steps) - 1)]
        latest = index >= len(self._steps) - 1
        self.step_label.setText(self.tr("step {0:,} (latest)").format(step) if latest
                                else self.tr("step {0:,}").format(step))
        if self.probe_check.isChecked():
            self._show(self.controller.history[index])
            self.text_edit.setText("".join(self.controller.history[index].source_tokens))
        else:
            self.controller.set_step(None if latest else step)
            self.compute()

    # -- computing ------------------------------------------------------------------------------------
    def _typed(self) -> None:
        if self.probe_check.isChecked():
            self.probe_check.setChecked(False)  # a sentence of one's own: over the checkpoints, computed now
        else:
            self._debounce.start()

    def compute(self) -> None:
        """The typed sentence's maps at the slider's checkpoint (nothing while the probe pair is shown)."""
        self._debounce.stop()
        if not self.probe_check.isChecked() and self.controller.compute(self.text_edit.text()):
            self.status.setText(self.tr("Computing…"))

    def _computed(self, maps: PairMaps) -> None:
        self.message.show_message("")
        self.status.setText(self.tr("step {0:,} · {1} source tokens · translation: {2}").format(
            maps.step, len(maps.source_tokens), "".join(maps.target_tokens[1:])))
        self._show(maps)

    def _failed(self, message: str) -> None:
        self.status.setText("")
        self.message.show_message(message)

    # -- drawing ----------------------------------------------------------------------------------------
    def _show(self, maps: PairMaps) -> None:
        old, self.maps = self.maps, maps
        L, H = maps.cross.shape[:2]
        if old is None or old.cross.shape[:2] != (L, H):
            for combo, n, word in ((self.layer_combo, L, self.tr("layer {0}")), (self.head_combo, H, self.tr("head {0}"))):
                keep = max(0, combo.currentIndex())
                combo.clear()
                combo.addItems([word.format(i) for i in range(n)])
                combo.setCurrentIndex(min(keep, n - 1))
        self.redraw()

    def redraw(self) -> None:
        name = self.map_combo.currentData()
        self.head_combo.setEnabled(not self.average_check.isChecked())
        if self.maps is None:
            return
        head = None if self.average_check.isChecked() else max(0, self.head_combo.currentIndex())
        values = shown_map(self.maps, name, max(0, self.layer_combo.currentIndex()), head)
        rows, cols = map_labels(self.maps, name)
        _title, row_title, col_title = MAP_LABELS[name]
        self.heatmap.plot.setLabel("left", _tr(row_title))
        self.heatmap.plot.setLabel("top", _tr(col_title))
        self.heatmap.set_image(values, rows, cols)

    def shown_weights(self) -> np.ndarray | None:
        return self.heatmap.values

    def _hovered(self, row: int, col: int) -> None:
        if self.maps is None or row < 0:
            self.hover_label.setText("")
            return
        rows, cols = map_labels(self.maps, self.map_combo.currentData())
        w = self.heatmap.values[row, col]
        self.hover_label.setText(self.tr("{0} → {1}: {2:.3f}").format(rows[row], cols[col], w))


def install_pair_view(panel, window) -> PairAttentionView:
    """Give the Attention panel its encoder-decoder page, shown whenever the panel's run is a translator."""
    controller = PairAttentionController(window.session.store, window.model_cache, parent=window)
    view = PairAttentionView(controller)
    panel.pages.addWidget(view)

    def run_changed(path: str) -> None:
        translator = is_translator(path)
        panel.pages.setCurrentWidget(view if translator else panel.gpt_page)
        if translator:
            controller.set_run(path)

    panel.controller.runChanged.connect(run_changed)
    view.run_combo.activated.connect(lambda _i: panel.set_run(view.run_combo.currentData() or ""))
    window.session.trainingEvent.connect(controller.training_event)
    window.runs_folder_changed.connect(controller.set_store)
    on_window_close(window, controller.shutdown)
    run_changed(panel.controller.run_path)
    return view
