"""The Inside panel: what the model has learned, live: per-token loss, the logit lens, a sample timeline.

A view of an ``InstrumentsController`` (``lmlab.ui.controllers.instruments``), which follows the
current run and reads what the engine records at each evaluation; ``install(window)`` adds it
to the main window as a tab.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ....core.events import InstrumentsResult
from ...controllers.instruments import InstrumentsController
from ..common import MessageLabel, name_widget, on_window_close
from .lens import LensView
from .per_token import PerTokenView
from .timeline import TimelineView
from ...i18n import core_text


class InsidePanel(QWidget):
    def __init__(self, controller: InstrumentsController, parent=None):
        super().__init__(parent)
        self.setObjectName("insidePanel")
        self.setAccessibleName(self.tr("Inside panel"))
        self.controller = controller
        self.status = QLabel("", self)
        self.status.setObjectName("insideStatus")
        self.error = MessageLabel("insideError", self)
        self.per_token = PerTokenView(controller, self)
        self.lens = LensView(self)
        self.timeline = TimelineView(controller, self)
        self.tabs = name_widget(QTabWidget(self), "insideTabs", self.tr("Inside views"))
        self.tabs.addTab(self.per_token, self.tr("Per-token loss"))
        self.tabs.addTab(self.lens, self.tr("Logit lens"))
        self.tabs.addTab(self.timeline, self.tr("Sample timeline"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addWidget(self.tabs, 1)
        controller.loaded.connect(self.show_result)
        controller.progress.connect(self.status.setText)
        controller.failed.connect(self.error.show_message)
        controller.runChanged.connect(lambda _p: self.error.show_message(""))
        controller.textScored.connect(lambda _r: self._done())
        controller.hardestFound.connect(lambda _r: self._done())
        controller.failed.connect(lambda _m: self._done())

    def _done(self) -> None:
        """A job ended: the status line says what is shown again, not the job's last stage."""
        if self.controller.result is not None:
            self.show_status(self.controller.result)
        else:
            self.status.setText("")

    def show_status(self, result: InstrumentsResult) -> None:
        n = len(result.records)
        self.status.setText(self.tr("{0} · {1} evaluations recorded").format(Path(result.run_path).name, n)
                            if n else core_text(result.message))

    def show_result(self, result: InstrumentsResult) -> None:
        self.show_status(result)
        self.error.show_message("")
        self.per_token.set_result(result)
        self.lens.set_result(result)
        self.timeline.set_result(result)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        self.controller.shutdown(timeout_ms)
        self.timeline.copied.shutdown()


def install(window) -> InsidePanel:
    """Add the Inside tab to ``window``: it follows the current run and the training events."""
    controller = InstrumentsController(window.model_cache, parent=window)
    panel = InsidePanel(controller)
    window.add_panel(QCoreApplication.translate("InsidePanel", "Inside"), panel)
    window.runs_controller.currentRunChanged.connect(controller.set_run)
    window.session.trainingEvent.connect(controller.training_event)
    on_window_close(window, panel.shutdown)
    if window.runs_controller.current:
        controller.set_run(window.runs_controller.current)
    return panel
