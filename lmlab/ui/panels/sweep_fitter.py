"""Runs the Scaling panel's fits off the GUI thread, one at a time.

    fitter = ScalingFitter(threads)        # ``threads``: the panel's list of live workers (for shutdown)
    fitter.stage.connect(...)              # "Approach 3: 200 bootstrap refits…"
    fitter.fitted.connect(...)             # ScalingFits
    fitter.failed.connect(...)             # a sentence
    fitter.fit(data, n_boot=200)

A new fit replaces a running one: the old worker is asked to stop at its next stage and its
result is ignored. Every signal reaches the GUI thread queued.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ...core.scaling import ScalingData
from ..jobs import GeneratorWorker
from .sweep_analysis import ScalingFits, fit_job

log = logging.getLogger(__name__)
QUEUED = Qt.ConnectionType.QueuedConnection


class ScalingFitter(QObject):
    stage = Signal(str)
    fitted = Signal(object)  # ScalingFits
    failed = Signal(str)
    idle = Signal()  # the fit thread has ended

    def __init__(self, threads: list[GeneratorWorker], parent=None):
        super().__init__(parent)
        self._threads = threads
        self._worker: GeneratorWorker | None = None
        self.closing = False  # set on shutdown: start nothing more

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def fit(self, data: ScalingData, n_boot: int, seed: int | None = 0) -> bool:
        if self.closing:
            return False
        if self._worker is not None:
            self._worker.abort()
        w = GeneratorWorker(fit_job, data, n_boot, seed, name="scaling-fit")
        w.yielded.connect(self._on_stage, QUEUED)
        w.returned.connect(self._on_done, QUEUED)
        w.errored.connect(self._on_error, QUEUED)
        w.finished.connect(self._on_thread_finished, QUEUED)
        self._worker = w
        self._threads.append(w)
        w.start()
        return True

    def forget(self) -> None:
        """After the threads were stopped and waited for (shutdown)."""
        self._worker = None

    @Slot(object)
    def _on_stage(self, text: str) -> None:
        if self.sender() is self._worker:
            self.stage.emit(text)

    @Slot(object)
    def _on_done(self, fits: ScalingFits) -> None:
        if self.sender() is self._worker:
            self.fitted.emit(fits)

    @Slot(object)
    def _on_error(self, e: BaseException) -> None:
        if self.sender() is self._worker:
            log.warning("scaling fit failed: %s", e)
            self.failed.emit(str(e))

    @Slot()
    def _on_thread_finished(self) -> None:
        w = self.sender()
        if w in self._threads:
            self._threads.remove(w)
        if w is self._worker:
            self._worker = None
            self.idle.emit()
