"""The Run box of the Scaling panel: run / pause / resume / stop, the sweep and run progress bars,
status and messages, sweep folders and CSV files, and the fit options. A view: the panel wires
its buttons and writes its labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton

from .common import CompactSpinBox, MessageLabel, guard_wheel, hint_label, name_widget


class SweepRunBox(QGroupBox):
    """Buttons, progress bars and labels for running a sweep (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__("Run", parent)
        self.setObjectName("sweepRunBox")
        self.run_button = name_widget(QPushButton("Run sweep"), "runSweepButton", "Run sweep",
                                      "Create a sweep folder from the plan and train its runs one after another")
        self.pause_button = name_widget(QPushButton("Pause"), "pauseSweepButton", "Pause sweep",
                                        "Pause between two training steps")
        self.resume_button = name_widget(QPushButton("Resume"), "resumeSweepButton", "Resume sweep",
                                         "Continue a paused sweep, or the unfinished runs of an opened one")
        self.stop_button = name_widget(QPushButton("Stop"), "stopSweepButton", "Stop sweep",
                                       "Stop after this step; the run keeps a checkpoint and can resume")
        self.sweep_bar = name_widget(QProgressBar(), "sweepProgress", "Whole sweep progress")
        self.run_bar = name_widget(QProgressBar(), "runProgress", "Current run progress")
        for bar in (self.sweep_bar, self.run_bar):
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setFormat("%p%")
        self.status = QLabel("Plan a sweep, or open one.")
        self.status.setObjectName("sweepStatus")
        self.status.setWordWrap(True)
        self.message = MessageLabel("sweepMessage")
        self.folder_label = hint_label("", "sweepFolderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = name_widget(QPushButton("Open sweep…"), "openSweepButton", "Open sweep",
                                       "Open a sweep folder: see its results, resume its unfinished runs")
        self.save_button = name_widget(QPushButton("Save sweep as…"), "saveSweepButton", "Save sweep as",
                                       "Save the plan (or a copy of the open sweep) in a folder you choose")
        self.import_button = name_widget(QPushButton("Import CSV…"), "importCsvButton", "Import results CSV",
                                         "Fit published or earlier results: columns N, D, loss (C optional)")
        self.export_button = name_widget(QPushButton("Export CSV…"), "exportCsvButton", "Export results CSV",
                                         "Finished runs as CSV: N, D, loss, C")
        self.fit_button = name_widget(QPushButton("Fit"), "fitButton", "Fit scaling laws",
                                      "Fit approach 3 with bootstrap intervals, approach 2 and the power laws again")
        self.boot_spin = name_widget(CompactSpinBox(), "bootstrapSpin", "Bootstrap resamples",
                                     "Resamples of the runs for the intervals (0: no intervals)")
        self.boot_spin.setRange(0, 5000)
        self.boot_spin.setValue(200)
        self.drop_spin = name_widget(CompactSpinBox(), "dropHighestSpin", "Leave out the highest-loss runs",
                                     "Fit without the K runs of highest loss (outliers; Epoch AI leaves out 5 of "
                                     "the Chinchilla runs)")
        self.drop_spin.setRange(0, 1000)
        guard_wheel(self.boot_spin, self.drop_spin)

        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        for i, b in enumerate((self.run_button, self.pause_button, self.resume_button, self.stop_button)):
            grid.addWidget(b, 0, i)
        grid.addWidget(QLabel("Sweep"), 1, 0)
        grid.addWidget(self.sweep_bar, 1, 1, 1, 3)
        grid.addWidget(QLabel("Run"), 2, 0)
        grid.addWidget(self.run_bar, 2, 1, 1, 3)
        grid.addWidget(self.status, 3, 0, 1, 4)
        grid.addWidget(self.message, 4, 0, 1, 4)
        grid.addWidget(self.folder_label, 5, 0, 1, 4)
        grid.addWidget(self.open_button, 6, 0, 1, 2)
        grid.addWidget(self.save_button, 6, 2, 1, 2)
        grid.addWidget(self.import_button, 7, 0, 1, 2)
        grid.addWidget(self.export_button, 7, 2, 1, 2)
        boot_row = QHBoxLayout()
        for text, spin in (("Bootstrap", self.boot_spin), ("Leave out", self.drop_spin)):
            lab = QLabel(text)
            lab.setBuddy(spin)
            boot_row.addWidget(lab)
            boot_row.addWidget(spin)
        boot_row.addWidget(self.fit_button, 1)
        grid.addLayout(boot_row, 8, 0, 1, 4)
