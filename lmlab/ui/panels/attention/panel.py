"""The Attention panel: where a trained model looks, head by head, and how that changed while it trained.

For the chosen run and checkpoint and an input text (typed, or a slice of the validation
tokens) the panel shows one head's map large (``maps.MapsView``: tokens as labels, zoomable,
the weight under the mouse), every layer x head as small maps (a click opens one large), the
head scores as a table, and over training the probe's map at each evaluation next to the head
scores against steps (``history.HistoryView``).

The panel is a view of an ``AttentionController`` (``lmlab.ui.controllers.attention``),
which holds the run, checkpoint and text and runs the model work off the GUI thread; the
results are numpy arrays, drawn here on the GUI thread.

``install(window)`` adds the panel to the main window; it follows the window's current run
(the run trained last, or the one selected in Runs).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core.attention import SCORE_EXPLANATIONS, SCORE_NAMES
from ....core.events import AttentionRequest, AttentionResult, HistoryResult
from ....core.runs import Run, RunStore
from ...controllers.attention import DEFAULT_LENGTH, AttentionController
from ...resources import monospace_font
from ..common import MessageLabel, export_to, guard_wheel, name_widget, on_window_close
from .cross import install_pair_view
from .export import EXPORTS, export_menu, write_export
from .history import HistoryView
from .maps import SCORE_TITLES, MapsView, ViewOptions
from ...i18n import core_text

TYPING_DELAY_MS = 500  # compute this long after the last key press


class AttentionPanel(QWidget):
    """Attention maps and head scores of one run (see the module docstring)."""

    computed = Signal(object)  # the AttentionResult now shown
    history_loaded = Signal(object)  # the HistoryResult now shown
    failed = Signal(str)  # a sentence: why nothing new could be shown

    def __init__(self, controller: AttentionController, parent=None):
        super().__init__(parent)
        self.setObjectName("attentionPanel")
        self.setAccessibleName(self.tr("Attention panel"))
        self.controller = controller
        controller.progress.connect(self.status_text)
        controller.computed.connect(self._show_result)
        controller.failed.connect(self._show_error_message)
        controller.history_loaded.connect(self._show_history)
        controller.runChanged.connect(self._run_changed)
        self._shown: AttentionResult | None = None  # the result on screen (to keep the view on a new one)
        self._last_dir = str(Path.home())
        self._stale = False  # a run was chosen while hidden: compute when shown
        self._debounce = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._debounce.timeout.connect(self.compute)
        self._build()
        self.refresh_runs()
        if controller.run_path:
            self._run_changed(controller.run_path)

    # -- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.run_combo = name_widget(QComboBox(self), "attentionRun", self.tr("Run"), self.tr("The run whose model is shown"))
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.run_combo.setMinimumContentsLength(16)
        self.run_combo.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 48))
        self.checkpoint_combo = name_widget(QComboBox(self), "attentionCheckpoint", self.tr("Checkpoint"),
                                            self.tr("Which saved step of the run to load"))
        self.checkpoint_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QLabel("", self)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # may be cut, never widens
        self.status.setObjectName("attentionStatus")
        self.status.setAccessibleName(self.tr("Attention status"))

        self.text_edit = name_widget(QPlainTextEdit(self), "attentionText", self.tr("Input text"),
                                     self.tr("The text the model reads; the maps update shortly after you stop typing "
                                     "(Ctrl+Return: now)"))
        self.text_edit.setPlaceholderText(self.tr("Type a text here, or take one from the validation set…"))
        self.text_edit.setFont(monospace_font())
        lines = self.text_edit.fontMetrics().lineSpacing()
        self.text_edit.setFixedHeight(int(lines * 3.4) + 12)
        self.val_button = name_widget(QPushButton(self.tr("From validation set"), self), "attentionFromValidation",
                                      self.tr("Take text from the validation set"),
                                      self.tr("Take a slice of the run's validation text (a new one on every click)"))
        self.length_spin = name_widget(QSpinBox(self), "attentionLength", self.tr("Validation slice length in tokens"),
                                       self.tr("How many tokens to take from the validation set"))
        self.length_spin.setRange(2, 4096)
        self.length_spin.setValue(DEFAULT_LENGTH)
        self.length_spin.setSuffix(self.tr(" tokens"))
        self.compute_button = name_widget(QPushButton(self.tr("Compute"), self), "attentionCompute", self.tr("Compute attention"),
                                          self.tr("Compute the maps for this text now (Ctrl+Return)"))

        self.layer_combo = name_widget(QComboBox(self), "attentionLayer", self.tr("Layer"), self.tr("The layer of the large map"))
        self.head_combo = name_widget(QComboBox(self), "attentionHead", self.tr("Head"), self.tr("The head of the large map"))
        self.average_check = name_widget(QCheckBox(self.tr("Average heads"), self), "attentionAverageHeads",
                                         self.tr("Average over heads"), self.tr("Show the mean of each layer's heads"))
        self.one_layer_check = name_widget(QCheckBox(self.tr("Only this layer"), self), "attentionOneLayer",
                                           self.tr("Overview of one layer only"),
                                           self.tr("The overview shows only the selected layer's heads, larger"))
        self.log_check = name_widget(QCheckBox(self.tr("Log colours"), self), "attentionLogScale", self.tr("Logarithmic colour scale"),
                                     self.tr("Colour weights on a log scale from 0.001 to 1, so small ones show too"))
        self.score_combo = name_widget(QComboBox(self), "attentionScore", self.tr("Head score"),
                                       self.tr("Which head score the table and the over-training plot show"))
        for i, name in enumerate(SCORE_NAMES):
            self.score_combo.addItem(QCoreApplication.translate("panels.attention.maps", SCORE_TITLES[name]), name)
            self.score_combo.setItemData(i, core_text(SCORE_EXPLANATIONS[name]), Qt.ItemDataRole.ToolTipRole)
        self.score_combo.setCurrentIndex(SCORE_NAMES.index("induction"))
        guard_wheel(self.run_combo, self.checkpoint_combo, self.length_spin, self.layer_combo, self.head_combo,
                    self.score_combo)

        self.export_button, self.export_actions = export_menu(self)
        self.message = MessageLabel("attentionMessage", self)

        self.maps_view = MapsView(self)
        self.history_view = HistoryView(self)
        self.heatmap = self.maps_view.heatmap  # the large map, the overview and the table, for tools and tests
        self.overview_map = self.maps_view.overview_map
        self.score_table = self.maps_view.score_table
        self.hover_label = self.maps_view.hover_label

        # Wiring.
        self.run_combo.activated.connect(lambda _i: self.set_run(self.run_combo.currentData() or ""))
        self.checkpoint_combo.activated.connect(lambda _i: self.compute())
        self.text_edit.textChanged.connect(self._text_edited)
        self.val_button.clicked.connect(self.take_validation_text)
        self.compute_button.clicked.connect(self.compute)
        self.length_spin.editingFinished.connect(self._length_changed)
        compute_now = QAction(self.tr("Compute now"), self.text_edit)
        compute_now.setShortcut(QKeySequence("Ctrl+Return"))
        compute_now.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        compute_now.triggered.connect(self.compute)
        self.text_edit.addAction(compute_now)
        for combo in (self.layer_combo, self.head_combo, self.score_combo):
            combo.currentIndexChanged.connect(lambda _i: self._options_changed())
        for check in (self.average_check, self.one_layer_check, self.log_check):
            check.toggled.connect(lambda _on: self._options_changed())
        self.maps_view.head_clicked.connect(self.select_head)
        self.history_view.reload_button.clicked.connect(self.reload_history)
        for key, act in self.export_actions.items():
            act.triggered.connect(lambda _checked=False, k=key: self.export(k))

        # Layout.
        top = QHBoxLayout()
        for text, w in ((self.tr("&Run:"), self.run_combo), (self.tr("C&heckpoint:"), self.checkpoint_combo)):
            label = QLabel(text, self)
            label.setBuddy(w)
            top.addWidget(label)
            top.addWidget(w)
        top.addWidget(self.status, 1)
        top.addWidget(self.export_button)
        side = QVBoxLayout()
        side.addWidget(self.val_button)
        side.addWidget(self.length_spin)
        side.addWidget(self.compute_button)
        side.addStretch(1)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text_edit, 1)
        text_row.addLayout(side)
        options = QHBoxLayout()
        for text, w in ((self.tr("&Layer:"), self.layer_combo), (self.tr("H&ead:"), self.head_combo)):
            label = QLabel(text, self)
            label.setBuddy(w)
            options.addWidget(label)
            options.addWidget(w)
        for w in (self.average_check, self.one_layer_check, self.log_check):
            options.addWidget(w)
        label = QLabel(self.tr("&Score:"), self)
        label.setBuddy(self.score_combo)
        options.addSpacing(8)
        options.addWidget(label)
        options.addWidget(self.score_combo)
        options.addStretch(1)

        self.tabs = name_widget(QTabWidget(self), "attentionTabs", self.tr("Attention views"))
        self.tabs.addTab(self.maps_view, self.tr("Maps"))
        self.tabs.addTab(self.history_view, self.tr("Over training"))
        self.tabs.setTabToolTip(1, self.tr("The probe text's attention at each evaluation while the run trained"))

        self.gpt_page = QWidget(self)  # a language model's maps; an encoder-decoder's page: cross.py
        layout = QVBoxLayout(self.gpt_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(text_row)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.gpt_page)
        QVBoxLayout(self).addWidget(self.pages)
        self._options_changed()

    # -- runs and checkpoints ------------------------------------------------------------------
    def set_store(self, store: RunStore) -> None:
        """Use another runs folder (the main window's changed)."""
        self.controller.set_store(store)
        self.refresh_runs()

    def refresh_runs(self) -> None:
        """List the runs folder's runs in the run selector (keeps the current one)."""
        path = self.controller.run_path
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        try:
            runs = self.controller.store.runs()
        except Exception as e:  # noqa: BLE001 - an unreadable folder is a sentence, not a crash
            runs = []
            self.message.show_message(self.tr("Cannot read the runs folder: {0}").format(e))
        for run in runs:
            self.run_combo.addItem(run.name, str(run.path))
            self.run_combo.setItemData(self.run_combo.count() - 1, str(run.path), Qt.ItemDataRole.ToolTipRole)
        if path and self.run_combo.findData(path) < 0:
            self.run_combo.addItem(Run(path).name, path)
        self.run_combo.setCurrentIndex(self.run_combo.findData(path) if path else -1)
        self.run_combo.blockSignals(False)

    def _refresh_checkpoints(self) -> int | None:
        """List the run's checkpoints (keeps the chosen one); returns the latest step, or None."""
        current = self.checkpoint_combo.currentData()
        self.checkpoint_combo.blockSignals(True)
        self.checkpoint_combo.clear()
        steps = self.controller.checkpoint_steps()
        self.checkpoint_combo.addItem(self.tr("latest (step {0:,})").format(steps[-1]) if steps else self.tr("latest"),
                                      None)
        for s in reversed(steps):
            self.checkpoint_combo.addItem(self.tr("step {0:,}").format(s), s)
        i = self.checkpoint_combo.findData(current) if current is not None else 0
        self.checkpoint_combo.setCurrentIndex(max(0, i))
        self.checkpoint_combo.blockSignals(False)
        return steps[-1] if steps else None

    @Slot(str)
    def set_run(self, path: str) -> None:
        """Show the run at ``path``; the same run again: its newest checkpoint."""
        path = str(path)
        if path and path == self.controller.run_path:
            self._run_changed(path)
        else:
            self.controller.set_run(path)  # runChanged -> _run_changed

    @Slot(str)
    def _run_changed(self, path: str) -> None:
        if self.run_combo.findData(path) < 0:
            self.refresh_runs()
        self.run_combo.blockSignals(True)
        self.run_combo.setCurrentIndex(self.run_combo.findData(path))
        self.run_combo.blockSignals(False)
        self._refresh_checkpoints()
        block = self.controller.block_size()
        if block is not None:
            self.length_spin.setMaximum(max(2, block))
        if not self.isVisible():
            self._stale = True  # nothing to see yet: load the model when the panel is shown
            return
        self.reload_history()
        self.compute()

    @property
    def run_path(self) -> str:
        return self.controller.run_path

    @property
    def result(self) -> AttentionResult | None:
        return self.controller.result

    @property
    def history(self) -> HistoryResult | None:
        return self.controller.history

    # -- requests ---------------------------------------------------------------------------------
    def take_validation_text(self) -> None:
        """Compute on a new slice of the validation tokens (its text goes into the text box)."""
        self.controller.take_validation_text()
        self.compute()

    def set_text(self, text: str) -> None:
        """Type ``text`` into the input (the maps follow after the typing delay, or call ``compute``)."""
        self.text_edit.setPlainText(text)

    def _text_edited(self) -> None:
        self.controller.set_text(self.text_edit.toPlainText())
        self._debounce.start()

    def _length_changed(self) -> None:
        r = self.result
        if self.controller.source == "val" and r is not None and len(r.ids) != self.length_spin.value():
            self.compute()

    def request(self) -> AttentionRequest | None:
        """What ``compute`` would ask for now (None without a run)."""
        self.controller.set_step(self.checkpoint_combo.currentData())
        self.controller.set_length(self.length_spin.value())
        return self.controller.request()

    @Slot()
    def compute(self) -> None:
        """Compute the maps for the current run, checkpoint and text, off the GUI thread."""
        self._debounce.stop()
        if self.request() is None:
            return
        if self.controller.compute():
            self.status.setText(self.tr("Computing…"))

    def reload_history(self) -> None:
        """Read the run's attention snapshots again, off the GUI thread."""
        self.controller.reload_history()

    @property
    def busy(self) -> bool:
        return self.controller.busy

    @Slot(str)
    def status_text(self, text: str) -> None:
        self.status.setText(text)

    @Slot(str)
    def _show_error_message(self, text: str) -> None:
        self.status.setText("")
        if self.controller.source == "text" and not self.controller.text:
            self.message.show_message(text, "info")  # nothing typed yet: a hint, not an error
            return
        self.message.show_message(text)
        self._shown = None
        self.maps_view.set_result(None)
        self._enable_export(False)
        self.failed.emit(text)

    def _show_history(self, history: HistoryResult) -> None:
        self.history_view.set_history(history)
        self.history_view.set_options(self.options())
        self.history_loaded.emit(history)

    # -- showing ------------------------------------------------------------------------------------
    def _show_result(self, result: AttentionResult) -> None:
        old, self._shown = self._shown, result
        L, H, T = result.n_layer, result.n_head, len(result.ids)
        if old is None or (old.n_layer, old.n_head) != (L, H):
            self._fill_selectors(L, H)
        if result.request.text is None:
            self.text_edit.blockSignals(True)
            self.text_edit.setPlainText(result.text)
            self.text_edit.blockSignals(False)
        self.message.show_message(result.notice, "info")
        if result.request.text is None:
            self.status.setText(self.tr("step {0:,} · {1} tokens of validation text").format(result.step, T))
        else:
            self.status.setText(self.tr("step {0:,} · {1} tokens of your text").format(result.step, T))
        self._enable_export(True)
        self.maps_view.set_result(result, keep_view=old is not None and len(old.ids) == T)
        self.computed.emit(result)

    def _fill_selectors(self, L: int, H: int) -> None:
        for combo, n, text in ((self.layer_combo, L, self.tr("layer {0}")), (self.head_combo, H, self.tr("head {0}"))):
            keep = combo.currentIndex()
            combo.blockSignals(True)
            combo.clear()
            for i in range(n):
                combo.addItem(text.format(i), i)
            combo.setCurrentIndex(min(max(0, keep), n - 1))
            combo.blockSignals(False)
        self._options_changed()

    def options(self) -> ViewOptions:
        """What the maps show now, read from the controls."""
        return ViewOptions(max(0, self.layer_combo.currentIndex()), max(0, self.head_combo.currentIndex()),
                           self.average_check.isChecked(), self.one_layer_check.isChecked(),
                           self.log_check.isChecked(), self.score_combo.currentData() or "induction")

    def _options_changed(self) -> None:
        o = self.options()
        self.head_combo.setEnabled(not o.average)
        self.score_combo.setToolTip(core_text(SCORE_EXPLANATIONS.get(o.score, "")))
        self.maps_view.set_options(o)
        self.history_view.set_options(o)

    def select_head(self, layer: int, head: int) -> None:
        """Open one head large (head -1: keep the head; overview and score-table clicks land here)."""
        for combo in (self.layer_combo, self.head_combo):
            combo.blockSignals(True)
        self.layer_combo.setCurrentIndex(layer)
        if head >= 0:
            self.head_combo.setCurrentIndex(head)
        for combo in (self.layer_combo, self.head_combo):
            combo.blockSignals(False)
        self._options_changed()

    def shown_weights(self) -> np.ndarray | None:
        """The (T, T) attention weights of the large map (a head, or the layer's mean)."""
        return self.maps_view.shown_weights()

    # -- export ---------------------------------------------------------------------------------------
    def _enable_export(self, on: bool) -> None:
        self.export_button.setEnabled(on)
        for act in self.export_actions.values():
            act.setEnabled(on)

    def _export_source(self):
        """(heatmap, weights, token pieces, file name stem) of the map on screen, or None."""
        if self.tabs.currentWidget() is self.history_view:
            h, weights = self.history_view.history, self.history_view.current_weights()
            if h is None or weights is None:
                return None
            return self.history_view.heatmap, weights, h.pieces, f"probe-step{self.history_view.current_step()}"
        if self.result is None:
            return None
        return self.heatmap, self.shown_weights(), self.result.pieces, f"step{self.result.step}"

    def export(self, kind: str) -> Path | None:
        """Ask where, then save the map on screen as ``kind`` (png, svg, npy, csv); the path, or None."""
        source = self._export_source()
        if source is None:
            self._show_error(self.tr("There is no map to export yet."))
            return None
        heatmap, weights, pieces, stem = source
        spec, o = EXPORTS[kind], self.options()
        which = "mean" if o.average else f"h{o.head}"
        name = f"{Path(self.controller.run_path).name}-{stem}-l{o.layer}{which}{spec.suffix}"
        path = self._ask_save_path(spec.caption, str(Path(self._last_dir) / name), spec.filter)
        if path:
            self._last_dir = str(Path(path).parent)
        return export_to(path, spec.suffix, lambda p: write_export(kind, p, heatmap, weights, pieces), self._show_error)

    def export_png(self) -> Path | None:
        return self.export("png")

    def export_svg(self) -> Path | None:
        return self.export("svg")

    def export_npy(self) -> Path | None:  # the shown map's (T, T) float32 weights (rows: queries)
        return self.export("npy")

    def export_csv(self) -> Path | None:  # the weights, with the tokens as row and column labels
        return self.export("csv")

    # -- dialogs (replaced in tests) ----------------------------------------------------------------
    def _ask_save_path(self, caption: str, suggested: str, filter_: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return path or None

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self, "Attention", text)

    # -- lifecycle ---------------------------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop the workers and wait for their threads (before the window closes, and in tests)."""
        self._debounce.stop()
        self.history_view.stop()
        self.controller.shutdown(timeout_ms)

    def showEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(ev)
        if self.controller.run_path:
            latest = self._refresh_checkpoints()
            r = self.result
            if (r is not None and latest is not None and self.checkpoint_combo.currentData() is None
                    and r.step != latest):
                self._stale = True  # the run trained on while the panel was hidden: show its newest state
        if self._stale:
            self._stale = False
            self.reload_history()
            self.compute()


def install(window) -> AttentionPanel:
    """Add the Attention panel to ``window``, on the window's model cache, following its current run."""
    controller = AttentionController(window.session.store, window.model_cache, parent=window)
    panel = AttentionPanel(controller)
    window.add_panel(QCoreApplication.translate("AttentionPanel", "Attention"), panel)
    install_pair_view(panel, window)  # encoder-decoder runs: cross-attention
    window.runs_controller.currentRunChanged.connect(panel.set_run)
    window.session.trainingEvent.connect(controller.training_event)  # the history updates at each evaluation
    on_window_close(window, panel.shutdown)
    window.runs_folder_changed.connect(panel.set_store)
    window.session.runsChanged.connect(panel.refresh_runs)
    if window.runs_controller.current:
        panel.set_run(window.runs_controller.current)
    return panel
