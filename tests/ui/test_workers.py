"""GeneratorWorker and the jobs it runs: signals, errors, aborting, stopping during preparation."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Qt, Slot

from lmlab.core.corpus import corpus_from_texts
from lmlab.core.engine import Control, Finished
from lmlab.core.runs import RunStore
from lmlab.ui.workers import GeneratorWorker, _pieces, prepare_and_train, running_workers, scan_corpus
from tests.ui.conftest import quick_config


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


def test_pieces_split_at_line_ends():
    assert list(_pieces("a\nb\nc", 2)) == ["a\n", "b\n", "c"]
    assert "".join(_pieces("x" * 1000 + "\n" + "y" * 10, 64)) == "x" * 1000 + "\n" + "y" * 10


def test_scan_corpus_yields_fractions_and_returns_stats(small_corpus):
    gen = scan_corpus([str(small_corpus)])
    fractions = []
    while True:
        try:
            fractions.append(next(gen))
        except StopIteration as stop:
            result = stop.value
            break
    assert fractions and fractions[-1] == pytest.approx(1.0)
    assert result.stats.characters == len(small_corpus.read_text(encoding="utf-8"))
    assert result.preview.startswith("ROMEO:")


def test_prepare_and_train_honours_stop_during_preparation(tmp_path):
    store = RunStore(tmp_path / "runs")
    run = store.create(quick_config(), "stopped early")
    control = Control()
    control.stop()
    events = list(prepare_and_train(run, control, corpus_from_texts(["some text " * 500])))
    assert isinstance(events[-1], Finished) and events[-1].status == "stopped"
    assert run.read_status()["status"] == "stopped"


def test_prepare_and_train_reports_a_corpus_problem_as_a_failed_run(tmp_path):
    store = RunStore(tmp_path / "runs")
    run = store.create(quick_config(), "too short")
    events = list(prepare_and_train(run, Control(), corpus_from_texts(["tiny"])))
    last = events[-1]
    assert isinstance(last, Finished) and last.status == "failed"
    assert "fewer than one block" in last.reason
    assert run.read_status()["status"] == "failed"
