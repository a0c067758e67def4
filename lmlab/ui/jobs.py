"""The one job runner: a core generator -> its own QThread -> callbacks on the GUI thread.

Every long piece of work in lmlab is a plain generator in ``lmlab.core`` that yields progress
and returns a result (``lmlab.core.jobs``). The UI runs it here, wired in one call (the shape of
superqt's ``create_worker``)::

    job = create_worker(core_jobs.scan_corpus, paths,
                        on_yield=self._progress,      # each yielded value, on the GUI thread
                        on_return=self._done,         # the generator's return value
                        on_error=self._failed,        # an exception it raised
                        on_finish=self._cleanup)      # always last, once the thread has ended
    job.abort()                                        # ask it to stop at its next yield
    job.wait()                                         # block until its thread has ended

A ``JobSlot`` holds at most one job of a kind (the attention maps, one pane's generation):
``slot.start(...)`` supersedes the job running there, which is asked to stop, and whatever the
superseded job still sends is dropped by the runner: a caller never checks which worker spoke.

Callbacks are delivered through a small relay ``QObject`` that lives on the GUI thread, so they
may be any callable (a bound method of a widget or of a controller, a lambda). Nothing here
touches a widget.

Python's garbage collector must not free Qt objects from a worker thread: the app runs it on the
GUI thread (``GuiGarbageCollector``).

A started worker keeps itself alive until its thread has finished (the module holds a
reference), so dropping the last Python reference can never destroy a running QThread.
``running_workers()`` lists those still running: tests fail if one outlives them, and the main
window waits for them before it closes.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from ..core.errors import LmlabError

log = logging.getLogger(__name__)

_alive: set["GeneratorWorker"] = set()  # started and not yet cleaned up (strong references)


def running_workers() -> list["GeneratorWorker"]:
    """Workers whose thread is still running."""
    return [w for w in list(_alive) if w.isRunning()]


class GeneratorWorker(QThread):
    """Runs ``func(*args, **kwargs)`` (a generator function) in its own thread.

    Signals (emitted from the worker thread; connect GUI slots with a queued connection):
    ``yielded(value)``, ``returned(value)``, ``errored(exception)``, ``aborted()``, then
    QThread's own ``finished()``.
    """

    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    aborted = Signal()

    def __init__(self, func: Callable[..., Generator], *args, name: str = "", **kwargs):
        super().__init__()
        self._func, self._args, self._kwargs = func, args, kwargs
        self._abort = threading.Event()
        self.setObjectName(name or getattr(func, "__name__", "worker"))
        self.finished.connect(self._cleanup)

    def start(self, *args) -> None:  # keep a reference for as long as the thread runs
        _alive.add(self)
        super().start(*args)

    def abort(self) -> None:
        """Ask the generator to stop at its next yield (thread-safe)."""
        self._abort.set()

    @property
    def abort_requested(self) -> bool:
        return self._abort.is_set()

    def run(self) -> None:  # the worker thread
        try:
            gen = self._func(*self._args, **self._kwargs)
            while True:
                if self._abort.is_set():
                    gen.close()
                    self.aborted.emit()
                    return
                try:
                    value = next(gen)
                except StopIteration as stop:
                    self.returned.emit(stop.value)
                    return
                self.yielded.emit(value)
        except Exception as e:  # noqa: BLE001 - every failure reaches the GUI as a signal
            if not isinstance(e, LmlabError):
                log.exception("worker %s failed", self.objectName())
            self.errored.emit(e)

    @Slot()
    def _cleanup(self) -> None:
        # The thread has ended: from here the worker lives as long as someone holds it (Python owns it).
        self.wait()
        _alive.discard(self)


class GuiGarbageCollector(QObject):
    """Run Python's cyclic garbage collector on the GUI thread only.

    Left automatic, the collector runs in whichever thread happens to allocate, often a
    worker; if it frees an unreachable Qt object there, Qt complains ("Timers cannot be
    started from another thread") or crashes. This turns automatic collection off and
    collects from a GUI-thread timer instead, with the same thresholds (the recipe of
    pyqtgraph's ``GarbageCollector``). ``stop()`` turns automatic collection back on.
    """

    def __init__(self, interval_ms: int = 500, parent=None):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> "GuiGarbageCollector":
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def check(self) -> None:
        c0, c1, c2 = gc.get_count()
        if c0 > self.threshold[0]:
            gc.collect(0)
            if c1 > self.threshold[1]:
                gc.collect(1)
                if c2 > self.threshold[2]:
                    gc.collect(2)


# -- wiring ----------------------------------------------------------------------------------------

Callback = Callable[..., object] | None
_relays: set["_Relay"] = set()  # relays whose worker has not yet reported finished()


class _Relay(QObject):
    """Lives on the GUI thread; calls the job's callbacks unless the job was superseded."""

    def __init__(self, on_yield: Callback, on_return: Callback, on_error: Callback, on_finish: Callback):
        super().__init__()
        self.on_yield, self.on_return, self.on_error, self.on_finish = on_yield, on_return, on_error, on_finish
        self.superseded = False

    @Slot(object)
    def yielded(self, value) -> None:
        if self.on_yield is not None and not self.superseded:
            self.on_yield(value)

    @Slot(object)
    def returned(self, value) -> None:
        if self.on_return is not None and not self.superseded:
            self.on_return(value)

    @Slot(object)
    def errored(self, error) -> None:
        if self.on_error is not None and not self.superseded:
            self.on_error(error)

    @Slot()
    def finished(self) -> None:
        _relays.discard(self)
        if self.on_finish is not None and not self.superseded:
            self.on_finish()


class Job:
    """A running (or finished) generator: its worker thread and the relay that calls back."""

    def __init__(self, worker: GeneratorWorker, relay: _Relay):
        self.worker, self._relay = worker, relay

    @property
    def running(self) -> bool:
        return self.worker.isRunning()

    @property
    def abort_requested(self) -> bool:
        return self.worker.abort_requested

    def abort(self) -> None:
        """Ask the generator to stop at its next yield (its ``finally`` blocks run there)."""
        self.worker.abort()

    def supersede(self) -> None:
        """Drop every callback still to come and ask the generator to stop."""
        self._relay.superseded = True
        self.worker.abort()

    def wait(self, timeout_ms: int = -1) -> bool:
        return self.worker.wait() if timeout_ms < 0 else self.worker.wait(timeout_ms)


def create_worker(func: Callable[..., Generator], *args, on_yield: Callback = None, on_return: Callback = None,
                  on_error: Callback = None, on_finish: Callback = None, name: str = "", start: bool = True,
                  **kwargs) -> Job:
    """Run ``func(*args, **kwargs)`` (a generator function) in its own thread, wired in one call.

    Each callback runs on the GUI thread: ``on_yield(value)`` for every yielded value,
    ``on_return(result)`` or ``on_error(exception)`` once, then ``on_finish()`` after the thread
    has ended (also after an abort). ``start=False`` returns the job unstarted (``job.worker.start()``).
    """
    worker = GeneratorWorker(func, *args, name=name, **kwargs)
    relay = _Relay(on_yield, on_return, on_error, on_finish)
    _relays.add(relay)  # until its worker's finished() has been delivered
    queued = Qt.ConnectionType.QueuedConnection
    worker.yielded.connect(relay.yielded, queued)
    worker.returned.connect(relay.returned, queued)
    worker.errored.connect(relay.errored, queued)
    worker.finished.connect(relay.finished, queued)
    if start:
        worker.start()
    return Job(worker, relay)


class JobSlot:
    """At most one live job of a kind: starting a new one supersedes the old one.

    The superseded job is asked to stop and nothing more of it reaches its callbacks, so a
    slow answer to an old question can never overwrite the answer to the new one.
    """

    def __init__(self, name: str):
        self.name = name
        self.job: Job | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def start(self, func: Callable[..., Generator], *args, **kwargs) -> Job:
        self.cancel()
        kwargs.setdefault("name", self.name)
        self.job = create_worker(func, *args, **kwargs)
        return self.job

    def cancel(self) -> None:
        """Supersede the current job, if any (it stops at its next yield; nothing of it arrives)."""
        if self.job is not None:
            self.job.supersede()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the thread; False if it did not end in time."""
        job, self.job = self.job, None
        if job is None:
            return True
        job.supersede()
        return job.wait(timeout_ms)
