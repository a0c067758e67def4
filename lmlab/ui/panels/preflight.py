"""The Training panel's pre-flight section: what the run will cost before Train, with fixes at the fields.

``PreflightView`` shows ``PreflightController``'s estimate (time to finish, peak memory against the
free memory, tokens per parameter, epochs) under the settings, and each warning at the field it is
about (the batch size, the training length) with a button per fix; a click applies the fix to the
session's configuration, and the estimate that follows clears the warning. Its buttons open the
learning-rate finder (``lr_finder.py``) and run the batch-size finder.

The training panel places it with one call: ``PreflightView(session, form, {"batch_size": spin, ...})``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.tuning.events import BatchFindResult, PreflightEstimate
from ...core.tuning.preflight import CHINCHILLA_TOKENS_PER_PARAM
from ...core.units import human_bytes, human_duration
from ..controllers.tuning import BatchFinderController, LrFinderController, PreflightController
from ..i18n import core_text
from .common import MessageLabel, hint_label, name_widget, on_window_close


class FieldWarning(QWidget):
    """A warning under one field: its sentence and one button per fix."""

    def __init__(self, field: str, apply, parent=None):
        super().__init__(parent)
        self.setObjectName(f"{field}Preflight")
        self._apply = apply
        self.label = MessageLabel(f"{field}PreflightWarning")
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addLayout(self._row)
        self.hide()

    def show_warnings(self, warnings) -> None:
        self.label.show_message(" ".join(core_text(w.message) for w in warnings))
        while self._row.count():  # the old buttons and their stretch
            item = self._row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = []
        for fix in (f for w in warnings for f in w.fixes):
            b = QPushButton(core_text(fix.label))
            name_widget(b, f"{self.objectName()}Fix{len(self.buttons)}", core_text(fix.label),
                        self.tr("Apply this change to the settings"))
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, f=fix: self._apply(f))
            self._row.addWidget(b)
            self.buttons.append(b)
        if self.buttons:
            self._row.addStretch(1)
        self.setVisible(bool(warnings))


class PreflightView(QWidget):
    """The pre-flight readout (see the module docstring); ``anchors``: field -> the widget or layout of its row."""

    FIELDS = ("batch_size", "max_steps")

    def __init__(self, session, form: QFormLayout, anchors: dict, parent=None):
        super().__init__(parent)
        name_widget(self, "preflightView", self.tr("Pre-flight estimate"))
        self.controller = PreflightController(session, self)
        self.lr_finder = LrFinderController(session, self)
        self.batch_finder = BatchFinderController(self.controller, self)
        self._dialog = None
        self._watching = False
        self.field_warnings = {f: FieldWarning(f, self.controller.apply) for f in self.FIELDS}
        self._place(form, anchors)

        heading = QLabel(self.tr("Pre-flight"))
        heading.setProperty("role", "heading")
        self.time_label = QLabel()
        self.memory_label = QLabel()
        self.ratio_label = QLabel()
        self.epochs_label = QLabel()
        grid = QFormLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for name, label, text, tip in (
            ("preflightTime", self.time_label, self.tr("Time"),
             self.tr("Measured on this device: a few real steps, evaluations and checkpoints included.")),
            ("preflightMemory", self.memory_label, self.tr("Memory"),
             self.tr("Training's peak memory against what the device has free.")),
            ("preflightRatio", self.ratio_label, self.tr("Tokens/param"),
             self.tr("Tokens trained on per parameter; Chinchilla's compute-optimal models saw about 20.")),
            ("preflightEpochs", self.epochs_label, self.tr("Epochs"), self.tr("Passes over the training text.")),
        ):
            name_widget(label, name, text, tip)
            label.setWordWrap(True)
            grid.addRow(text, label)
        self.measure_button = name_widget(QPushButton(self.tr("Measure")), "preflightMeasure",
                                          self.tr("Measure the time"),
                                          self.tr("Train a few real steps on the device (a few seconds); "
                                                  "from then on each new shape is measured by itself."))
        self.measure_button.hide()
        self.status = hint_label(object_name="preflightStatus")
        self.message = MessageLabel("preflightMessage")
        self.lr_button = name_widget(QPushButton(self.tr("Find learning rate…")), "lrFinderButton",
                                     self.tr("Find learning rate"),
                                     self.tr("A short run with the rate rising from 1e-6 to 1: where the loss falls best."))
        self.batch_button = name_widget(QPushButton(self.tr("Largest batch")), "batchFinderButton",
                                        self.tr("Find the largest batch"),
                                        self.tr("Try batch sizes (doubling, then bisecting) for the largest that fits."))
        self.batch_result = hint_label(object_name="batchFinderResult")
        self.batch_use = name_widget(QPushButton(), "batchFinderUse", self.tr("Use this batch size"))
        self.batch_use.hide()
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.measure_button)
        buttons.addWidget(self.lr_button)
        buttons.addWidget(self.batch_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.batch_result)
        layout.addWidget(self.batch_use)

        self.controller.estimateChanged.connect(self.show_estimate)
        self.controller.measuringChanged.connect(self._show_measuring)
        self.controller.failed.connect(lambda msg: self.message.show_message(msg))
        self.measure_button.clicked.connect(self.controller.measure)
        self.lr_button.clicked.connect(self.open_lr_finder)
        self.batch_button.clicked.connect(self._find_batch)
        self.batch_finder.finished.connect(self._show_batch)
        self.batch_finder.failed.connect(lambda msg: self.batch_result.setText(msg))
        self.batch_finder.busyChanged.connect(lambda busy: self.batch_button.setEnabled(not busy))
        self.batch_use.clicked.connect(self._use_batch)
        self.controller.refresh()

    def _place(self, form: QFormLayout, anchors: dict) -> None:
        """Insert each field's warning row under the field's row (and its error row, if it has one)."""
        rows = []
        for f, anchor in anchors.items():
            row, _ = form.getLayoutPosition(anchor) if isinstance(anchor, QLayout) else form.getWidgetPosition(anchor)
            if row >= 0:
                rows.append((row, f))
        for row, f in sorted(rows, reverse=True):  # bottom first: the rows above keep their numbers
            below = row + 1
            item = form.itemAt(below, QFormLayout.ItemRole.SpanningRole)
            if item is not None and isinstance(item.widget(), MessageLabel):
                below += 1  # the field's own error row comes first
            form.insertRow(below, self.field_warnings[f])

    # -- showing ---------------------------------------------------------------------------------------
    def show_estimate(self, est: PreflightEstimate | None) -> None:
        self.message.show_message("")
        for f, w in self.field_warnings.items():
            w.show_warnings(est.warnings_at(f) if est else [])
        if est is None:
            self.measure_button.hide()
            for label in (self.time_label, self.memory_label, self.ratio_label, self.epochs_label):
                label.setText("–")
            self.status.setText(self.tr("Fix the settings marked in red for an estimate."))
            return
        if est.seconds is not None:
            self.time_label.setText(self.tr("about {0} · {1:.0f} ms a step").format(
                human_duration(est.seconds), 1000 * est.step_s))
            self.time_label.setToolTip(self.tr("Measured on {0}: training {1}, evaluations {2}, checkpoints {3}.").format(
                est.device_name, human_duration(est.train_s), human_duration(est.eval_s),
                human_duration(est.checkpoint_s)))
        elif not est.fits and est.device == "cpu":
            self.time_label.setText(self.tr("not measured: it would not fit"))
        else:
            self.time_label.setText(self.tr("not measured yet"))
        need = human_bytes(est.peak_bytes)
        how = self.tr("measured") if est.memory_measured else self.tr("estimated")
        if est.free_bytes is None:
            self.memory_label.setText(self.tr("{0} ({1})").format(need, how))
        else:
            self.memory_label.setText(self.tr("{0} of {1} free ({2})").format(need, human_bytes(est.free_bytes), how))
        self.ratio_label.setText(self.tr("{0:.1f} (Chinchilla: ~{1:.0f})").format(
            est.tokens_per_param, CHINCHILLA_TOKENS_PER_PARAM))
        self.epochs_label.setText(self.tr("{0:.1f} over the corpus").format(est.epochs) if est.epochs is not None
                                  else self.tr("– (open a corpus)"))
        self._show_measuring(self.controller.measuring)

    def _show_measuring(self, on: bool) -> None:
        est = self.controller.estimate
        self.measure_button.setVisible(self.controller.wanted and not on)
        if on:
            self.status.setText(self.tr("Measuring a few steps on the device…"))
        elif est is not None and est.seconds is None and self.controller.session.trainer.busy:
            self.status.setText(self.tr("The time is measured when the device is free."))
        else:
            self.status.setText("")

    # -- the finders -------------------------------------------------------------------------------------
    def open_lr_finder(self):
        from .lr_finder import LrFinderDialog

        if self._dialog is None:
            self._dialog = LrFinderDialog(self.lr_finder, self)
        self._dialog.show()
        return self._dialog

    def _find_batch(self) -> None:
        self.batch_use.hide()
        self.batch_result.setText(self.tr("Trying batch sizes…"))
        self.batch_finder.start()

    def _show_batch(self, result: BatchFindResult) -> None:
        if result.batch_size < 1:
            self.batch_result.setText(self.tr("Not even a batch of 1 fits. {0}").format(core_text(result.note)))
            return
        self.batch_result.setText(self.tr("Largest batch: {0}. {1}").format(f"{result.batch_size:,}", core_text(result.note)))
        self.batch_use.setText(self.tr("Use batch {0}").format(f"{result.batch_size:,}"))
        self.batch_use.show()

    def _use_batch(self) -> None:
        if self.batch_finder.use():
            self.batch_use.hide()

    # -- lifecycle ----------------------------------------------------------------------------------------
    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        if not self._watching:  # the window's close ends the section's threads (and waits for them)
            self._watching = True
            on_window_close(self.window(), self.shutdown)
        self.controller.set_active(True)

    def hideEvent(self, ev) -> None:  # noqa: N802
        super().hideEvent(ev)
        self.controller.set_active(False)

    def shutdown(self) -> None:
        """End every thread of the section (the window is closing)."""
        self.controller.shutdown()
        self.lr_finder.shutdown()
        self.batch_finder.shutdown()


