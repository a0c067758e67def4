"""GeneratorWorker, the thread under the job runner: signals on the GUI thread, errors, aborting.

(The jobs it runs are tested without Qt in tests/core/test_corpus_jobs.py.)
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Slot

from lmlab.ui.jobs import GeneratorWorker, running_workers


class Sink(QObject):
    """Receives a worker's signals on the GUI thread, and notes which thread it was."""

    def __init__(self):
        super().__init__()
        self.values, self.result, self.error, self.threads = [], None, None, set()

    @Slot(object)
    def on_value(self, v):
        self.values.append(v)
        self.threads.add(threading.get_ident())

    @Slot(object)
    def on_result(self, v):
        self.result = v

    @Slot(object)
    def on_error(self, e):
        self.error = e


def connect(worker: GeneratorWorker, sink: Sink) -> None:
    q = Qt.ConnectionType.QueuedConnection
    worker.yielded.connect(sink.on_value, q)
    worker.returned.connect(sink.on_result, q)
    worker.errored.connect(sink.on_error, q)


def counting(n):
    for i in range(n):
        yield i
    return "done"


def test_values_and_the_result_arrive_on_the_gui_thread(qtbot):
    sink = Sink()
    w = GeneratorWorker(counting, 5)
    connect(w, sink)
    with qtbot.waitSignal(w.finished, timeout=5000):
        w.start()
    qtbot.waitUntil(lambda: sink.result == "done")
    assert sink.values == [0, 1, 2, 3, 4]
    assert sink.threads == {threading.get_ident()}
    qtbot.waitUntil(lambda: not running_workers())


def test_an_exception_arrives_as_a_signal(qtbot):
    def broken():
        yield 1
        raise ValueError("bad value")

    sink = Sink()
    w = GeneratorWorker(broken)
    connect(w, sink)
    with qtbot.waitSignal(w.finished, timeout=5000):
        w.start()
    qtbot.waitUntil(lambda: sink.error is not None)
    assert isinstance(sink.error, ValueError) and sink.values == [1]


def test_abort_closes_the_generator_at_its_next_yield(qtbot):
    closed = threading.Event()
    entered = threading.Event()
    gate = threading.Event()

    def endless():
        try:
            entered.set()
            while True:
                gate.wait(5)
                yield 0
        finally:
            closed.set()

    w = GeneratorWorker(endless)
    with qtbot.waitSignal(w.aborted, timeout=5000):
        w.start()
        assert entered.wait(5)
        w.abort()
        gate.set()
    assert w.wait(5000)
    assert closed.is_set()
