"""Running a sweep through the run queue, and the Run box of the Scaling panel.

``SweepRun`` (a QObject, no widgets) puts a sweep's unfinished points on the training controller's
queue (one entry per point, in plan order) and follows them through the controller's signals: the
panel never trains anything itself, so a sweep and a Train never share the device. Pause / Resume
act on the sweep's run on the device; Stop stops it and takes the sweep's waiting points off the
queue (the sweep resumes later, from its checkpoints).

``SweepRunBox``: run / pause / resume / stop, the sweep and run progress bars, status and messages,
sweep folders and CSV files, and the fit options. A view: the panel wires its buttons and writes
its labels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton

from ....core.units import format_number
from ....core.engine import EvalMetrics, Finished, StepMetrics
from ....core.errors import LmlabError
from ....core.queue import QueueEntry
from ....core.sweep import Sweep, SweepProgress
from ...controllers.training import TrainingController
from ..common import CompactSpinBox, MessageLabel, guard_wheel, hint_label, name_widget


class SweepRun(QObject):
    """One sweep's points on the queue, followed (see the module docstring)."""

    progress = Signal(object)  # SweepProgress of this sweep's point on the device
    pointEnded = Signal(object, object)  # QueueEntry, Finished
    ended = Signal(str)  # sweep-finished | sweep-stopped: none of its points is queued or training any more
    changed = Signal()  # the phase may have changed (buttons)

    def __init__(self, controller: TrainingController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.path: Path | None = None  # the sweep followed
        self._active = False  # points of it were queued and have not all ended
        controller.sweepProgress.connect(self._on_progress)
        controller.entryFinished.connect(self._on_entry_finished)
        controller.stateChanged.connect(lambda _t: self.changed.emit())
        controller.queueChanged.connect(self.changed)

    def _mine(self, entry: QueueEntry | None) -> bool:
        return entry is not None and self.path is not None and Path(entry.sweep_path) == self.path

    @property
    def running(self) -> bool:
        """Points of this sweep are on the queue or on the device."""
        return self._mine(self.controller.current) or any(self._mine(e) for e in self.controller.waiting)

    @property
    def phase(self) -> str:
        """idle | queued (its points wait) | running | paused | stopping (its point on the device)."""
        if not self.running:
            return "idle"
        if not self._mine(self.controller.current):
            return "queued"
        return {"paused": "paused", "stopping": "stopping"}.get(self.controller.state.phase, "running")

    def follow(self, path: Path | None) -> None:
        """Show this sweep's progress (an opened or created sweep)."""
        self.path = Path(path) if path is not None else None
        self._active = self.running
        self.changed.emit()

    def start(self, sweep: Sweep) -> int:
        """Queue the sweep's unfinished points; returns how many."""
        self.follow(sweep.path)
        added = self.controller.enqueue_sweep(sweep)
        self._active = bool(added) or self.running
        self.changed.emit()
        return len(added)

    def pause(self) -> None:
        if self.phase == "running":
            self.controller.pause()

    def resume(self) -> None:
        if self.phase == "paused":
            self.controller.resume()

    def stop(self) -> None:
        """Take the sweep's waiting points off the queue and stop its run on the device (checkpointed)."""
        for e in self.controller.waiting:
            if self._mine(e):
                self.controller.remove(e.id)
        if self._mine(self.controller.current):
            self.controller.stop()
        else:
            self._check_ended()

    def _on_progress(self, entry: QueueEntry, ev: SweepProgress) -> None:
        if self._mine(entry):
            self.progress.emit(ev)

    def _on_entry_finished(self, entry: QueueEntry, end: Finished) -> None:
        if self._mine(entry):
            self.pointEnded.emit(entry, end)
            self._check_ended()

    def _check_ended(self) -> None:
        if not self._active or self.running:
            return
        self._active = False
        try:
            unfinished = Sweep.open(self.path).unfinished()
        except LmlabError:
            unfinished = [0]
        self.ended.emit("sweep-stopped" if unfinished else "sweep-finished")
        self.changed.emit()


class SweepRunBox(QGroupBox):
    """Buttons, progress bars and labels for running a sweep (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__(self.tr("Run"), parent)
        self.setObjectName("sweepRunBox")
        self._speed = ""  # " · 1.2k tokens/s" of the point on the device, once measured
        self.run_button = name_widget(QPushButton(self.tr("Run sweep")), "runSweepButton", self.tr("Run sweep"),
                                      self.tr("Create a sweep folder from the plan and train its runs one after another"))
        self.pause_button = name_widget(QPushButton(self.tr("Pause")), "pauseSweepButton", self.tr("Pause sweep"),
                                        self.tr("Pause between two training steps"))
        self.resume_button = name_widget(QPushButton(self.tr("Resume")), "resumeSweepButton", self.tr("Resume sweep"),
                                         self.tr("Continue a paused sweep, or the unfinished runs of an opened one"))
        self.stop_button = name_widget(QPushButton(self.tr("Stop")), "stopSweepButton", self.tr("Stop sweep"),
                                       self.tr("Stop after this step; the run keeps a checkpoint and can resume"))
        self.sweep_bar = name_widget(QProgressBar(), "sweepProgress", self.tr("Whole sweep progress"))
        self.run_bar = name_widget(QProgressBar(), "runProgress", self.tr("Current run progress"))
        for bar in (self.sweep_bar, self.run_bar):
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setFormat("%p%")
        self.status = QLabel(self.tr("Plan a sweep, or open one."))
        self.status.setObjectName("sweepStatus")
        self.status.setWordWrap(True)
        self.message = MessageLabel("sweepMessage")
        self.folder_label = hint_label("", "sweepFolderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = name_widget(QPushButton(self.tr("Open sweep…")), "openSweepButton", self.tr("Open sweep"),
                                       self.tr("Open a sweep folder: see its results, resume its unfinished runs"))
        self.save_button = name_widget(QPushButton(self.tr("Save sweep as…")), "saveSweepButton", self.tr("Save sweep as"),
                                       self.tr("Save the plan (or a copy of the open sweep) in a folder you choose"))
        self.import_button = name_widget(QPushButton(self.tr("Import CSV…")), "importCsvButton", self.tr("Import results CSV"),
                                         self.tr("Fit published or earlier results: columns N, D, loss (C optional)"))
        self.export_button = name_widget(QPushButton(self.tr("Export CSV…")), "exportCsvButton", self.tr("Export results CSV"),
                                         self.tr("Finished runs as CSV: N, D, loss, C"))
        self.fit_button = name_widget(QPushButton(self.tr("Fit")), "fitButton", self.tr("Fit scaling laws"),
                                      self.tr("Fit approach 3 with bootstrap intervals, approach 2 and the power laws again"))
        self.boot_spin = name_widget(CompactSpinBox(), "bootstrapSpin", self.tr("Bootstrap resamples"),
                                     self.tr("Resamples of the runs for the intervals (0: no intervals)"))
        self.boot_spin.setRange(0, 5000)
        self.boot_spin.setValue(200)
        self.drop_spin = name_widget(CompactSpinBox(), "dropHighestSpin", self.tr("Leave out the highest-loss runs"),
                                     self.tr("Fit without the K runs of highest loss (outliers; Epoch AI leaves out 5 of "
                                     "the Chinchilla runs)"))
        self.drop_spin.setRange(0, 1000)
        guard_wheel(self.boot_spin, self.drop_spin)

        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        for i, b in enumerate((self.run_button, self.pause_button, self.resume_button, self.stop_button)):
            grid.addWidget(b, 0, i)
        grid.addWidget(QLabel(self.tr("Sweep")), 1, 0)
        grid.addWidget(self.sweep_bar, 1, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Run")), 2, 0)
        grid.addWidget(self.run_bar, 2, 1, 1, 3)
        grid.addWidget(self.status, 3, 0, 1, 4)
        grid.addWidget(self.message, 4, 0, 1, 4)
        grid.addWidget(self.folder_label, 5, 0, 1, 4)
        grid.addWidget(self.open_button, 6, 0, 1, 2)
        grid.addWidget(self.save_button, 6, 2, 1, 2)
        grid.addWidget(self.import_button, 7, 0, 1, 2)
        grid.addWidget(self.export_button, 7, 2, 1, 2)
        boot_row = QHBoxLayout()
        for text, spin in ((self.tr("Bootstrap"), self.boot_spin), (self.tr("Leave out"), self.drop_spin)):
            lab = QLabel(text)
            lab.setBuddy(spin)
            boot_row.addWidget(lab)
            boot_row.addWidget(spin)
        boot_row.addWidget(self.fit_button, 1)
        grid.addLayout(boot_row, 8, 0, 1, 4)

    def show_progress(self, ev: SweepProgress, phase: str) -> None:
        """A point's progress: the bars, and where the sweep is (``phase``: the sweep's, for "(paused)")."""
        self.sweep_bar.setValue(int(round(1000 * ev.fraction)))
        self.run_bar.setValue(int(round(1000 * ev.point_fraction)))
        where = self.tr("Run {0} of {1}: {2}").format(ev.index + 1, ev.total, ev.name)
        paused = self.tr(" (paused)") if phase == "paused" else ""
        if ev.status == "preparing":
            self.status.setText(self.tr("Preparing the corpus: {0}").format(ev.message or "").rstrip(": ") + paused)
        elif ev.status == "started":
            self._speed = ""
            self.status.setText(where + paused)
        elif ev.status == "running" and phase != "stopping":
            if isinstance(ev.event, StepMetrics):
                self._speed = self.tr(" · {0} tokens/s").format(format_number(ev.event.tokens_per_s))
            step = ev.event.step if isinstance(ev.event, (StepMetrics, EvalMetrics)) else 0
            if step:
                self.status.setText(self.tr("{0} · step {1}").format(where, f"{step:,}") + self._speed + paused)
