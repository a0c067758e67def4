"""The learning-rate finder: the range test's loss against the rate (log x), the suggestion marked, one
click to use it. A view of ``LrFinderController`` (``controllers/tuning.py``); the test runs off the GUI
thread with a progress bar and Stop."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from ...core.tuning.events import LrFindResult, LrPoint
from ..controllers.tuning import LrFinderController
from ..plots.live import SERIES_COLORS, palette_colors
from .common import MessageLabel, name_widget, set_progress


class LrFinderDialog(QDialog):
    def __init__(self, controller: LrFinderController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("lrFinderDialog")
        self.setWindowTitle(self.tr("Find the learning rate"))
        self.resize(640, 440)
        self._lrs: list[float] = []
        self._losses: list[float] = []
        self._smoothed: list[float] = []

        intro = QLabel(self.tr("A short run of this model on this corpus with the learning rate rising from 1e-6 "
                               "to 1, one step each. The loss falls while the rate helps and climbs once it is too "
                               "large; the suggestion is a third of the rate where it was lowest. Nothing is "
                               "saved: no run is created."))
        intro.setWordWrap(True)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("lrFinderPlot")
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", self.tr("learning rate"))
        self.plot.setLabel("left", self.tr("training loss"))
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        background, foreground = palette_colors(self)
        self.plot.setBackground(background)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setPen(foreground)
            self.plot.getAxis(name).setTextPen(foreground)
        faint = QColor(foreground)
        faint.setAlpha(90)
        self.raw_curve = self.plot.plot([], [], pen=pg.mkPen(faint, width=1))
        self.curve = self.plot.plot([], [], pen=pg.mkPen(SERIES_COLORS[0], width=2))
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(SERIES_COLORS[3], width=2,
                                                                         style=Qt.PenStyle.DashLine))
        self.marker.hide()
        self.plot.addItem(self.marker)
        self.progress = name_widget(QProgressBar(), "lrFinderProgress", self.tr("Learning-rate test progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.result_label = QLabel()
        self.result_label.setObjectName("lrFinderResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = MessageLabel("lrFinderMessage")
        self.start_button = name_widget(QPushButton(self.tr("Start")), "lrFinderStart", self.tr("Start the test"))
        self.stop_button = name_widget(QPushButton(self.tr("Stop")), "lrFinderStop", self.tr("Stop the test"))
        self.use_button = name_widget(QPushButton(self.tr("Use this rate")), "lrFinderUse",
                                      self.tr("Use the suggested learning rate"),
                                      self.tr("Set the Training panel's learning rate to the suggestion."))
        self.use_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.plot, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(self.message)

        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(controller.stop)
        self.use_button.clicked.connect(self._use)
        controller.point.connect(self.on_point)
        controller.preparing.connect(self._preparing)
        controller.finished.connect(self.show_result)
        controller.failed.connect(lambda msg: self.message.show_message(msg))
        controller.busyChanged.connect(self._busy)

    def start(self) -> None:
        self._lrs, self._losses, self._smoothed = [], [], []
        self.raw_curve.setData([], [])
        self.curve.setData([], [])
        self.marker.hide()
        self.use_button.setEnabled(False)
        self.result_label.setText("")
        self.message.show_message("")
        self.controller.start()

    def _preparing(self, stage: str, fraction: float) -> None:
        fmt = self.tr("Preparing the text ({0})… %p%").format(stage)
        if fraction < 0:
            set_progress(self.progress, 0, 0, 0, fmt)
        else:
            set_progress(self.progress, 0, 1000, int(1000 * fraction), fmt)

    def on_point(self, p: LrPoint) -> None:
        self._lrs.append(p.lr)
        self._losses.append(p.loss)
        self._smoothed.append(p.smoothed)
        set_progress(self.progress, 0, p.steps, p.step, self.tr("step {0} / {1}").format(p.step, p.steps))
        if p.step % 5 == 0 or p.step == p.steps:
            self._draw()

    def _draw(self) -> None:
        x = np.asarray(self._lrs)
        self.raw_curve.setData(x, np.asarray(self._losses))
        self.curve.setData(x, np.asarray(self._smoothed))

    def show_result(self, r: LrFindResult) -> None:
        self._lrs, self._losses, self._smoothed = list(r.lrs), list(r.losses), list(r.smoothed)
        self._draw()
        ys = [y for y in r.smoothed if math.isfinite(y)]
        if ys:  # the diverged tail would squash the interesting part
            self.plot.setYRange(min(ys) - 0.1, min(max(ys), r.smoothed[0] * 1.05) + 0.1)
        stop = self.tr("the loss diverged") if r.stopped == "diverged" else self.tr("the test reached 1")
        set_progress(self.progress, 0, 1, 1, self.tr("done: {0} steps").format(len(r.lrs)))
        if r.suggestion is None:
            self.result_label.setText(self.tr("The loss never fell ({0}); try more steps or check the data.")
                                      .format(stop))
            return
        self.marker.setValue(math.log10(r.suggestion))
        self.marker.show()
        self.result_label.setText(self.tr(
            "Suggested learning rate: {0:.2g} ({1}). Lowest loss at {2:.2g}; steepest fall at {3}; {4} after "
            "{5} steps.").format(r.suggestion, r.rule, r.min_loss_lr,
                                 f"{r.steepest_lr:.2g}" if r.steepest_lr else "–", stop, len(r.lrs)))
        self.use_button.setEnabled(True)

    def _busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        if not busy and self.controller.result is None:
            set_progress(self.progress, 0, 1, 0, self.tr("stopped") if self._lrs else "")

    def _use(self) -> None:
        if self.controller.use():
            self.result_label.setText(self.result_label.text() + " " + self.tr("The learning rate is now {0:.2g}.")
                                      .format(self.controller.session.config.train.learning_rate))
            self.use_button.setEnabled(False)

    def closeEvent(self, ev) -> None:  # noqa: N802
        self.controller.stop()
        super().closeEvent(ev)
