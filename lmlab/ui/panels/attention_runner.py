"""``LatestJob``: run one generator job at a time off the GUI thread; the newest request wins.

The attention panel computes whenever the run, checkpoint or text changes. Starting
a thread per keystroke and showing whichever finishes last would flicker and waste
the CPU, so ``submit`` asks a running job to stop at its next yield and queues the
new one (replacing any older queued one); only the newest job's signals are passed on.

    jobs = LatestJob("attention", parent=panel)
    jobs.result.connect(panel.show_result)        # on the GUI thread
    jobs.submit(compute_attention, request, cache)
    jobs.submit(compute_attention, newer, cache)  # the first stops at its next yield; only this one reports
    jobs.shutdown()                               # stop and wait (before closing, and in tests)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ..jobs import GeneratorWorker


class LatestJob(QObject):
    progress = Signal(object)  # what the newest job yielded
    result = Signal(object)  # what the newest job returned
    error = Signal(object)  # the exception the newest job raised

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._name = name
        self._serial = 0  # of the newest submitted job
        self._running_serial = 0
        self._worker: GeneratorWorker | None = None
        self._pending: tuple | None = None

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def submit(self, func: Callable, *args) -> None:
        self._serial += 1
        job = (self._serial, func, args)
        if self._worker is None:
            self._start(job)
        else:
            self._pending = job
            self._worker.abort()

    def _start(self, job: tuple) -> None:
        serial, func, args = job
        worker = GeneratorWorker(func, *args, name=self._name)
        queued = Qt.ConnectionType.QueuedConnection
        worker.yielded.connect(self._on_yielded, queued)
        worker.returned.connect(self._on_returned, queued)
        worker.errored.connect(self._on_errored, queued)
        worker.finished.connect(self._on_finished, queued)
        self._worker, self._running_serial = worker, serial
        worker.start()

    def _current(self) -> bool:
        return self._running_serial == self._serial

    @Slot(object)
    def _on_yielded(self, value) -> None:
        if self._current():
            self.progress.emit(value)

    @Slot(object)
    def _on_returned(self, value) -> None:
        if self._current():
            self.result.emit(value)

    @Slot(object)
    def _on_errored(self, error) -> None:
        if self._current():
            self.error.emit(error)

    @Slot()
    def _on_finished(self) -> None:
        self._worker = None
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start(pending)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Drop the queued job, stop the running one at its next yield and wait for its thread."""
        self._pending = None
        self._serial += 1  # whatever still arrives is stale
        if self._worker is not None:
            self._worker.abort()
            self._worker.wait(timeout_ms)
            self._worker = None
