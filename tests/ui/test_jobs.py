"""The one job runner: create_worker wires a generator in one call; JobSlot drops superseded jobs."""

from __future__ import annotations

import threading

from lmlab.ui.jobs import JobSlot, create_worker, running_workers


def counting(n, gate: threading.Event | None = None):
    for i in range(n):
        if gate is not None:
            gate.wait(5)
        yield i
    return f"counted {n}"


def failing():
    yield 1
    raise ValueError("broken on purpose")


def test_callbacks_arrive_on_the_gui_thread_in_order(qtbot):
    seen, threads = [], set()

    def note(kind):
        def cb(*a):
            seen.append((kind, *a))
            threads.add(threading.get_ident())
        return cb

    create_worker(counting, 3, on_yield=note("y"), on_return=note("r"), on_error=note("e"), on_finish=note("f"))
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == ("f",), timeout=5000)
    assert seen == [("y", 0), ("y", 1), ("y", 2), ("r", "counted 3"), ("f",)]
    assert threads == {threading.get_ident()}
    qtbot.waitUntil(lambda: not running_workers())


def test_an_exception_reaches_on_error_and_nothing_is_returned(qtbot):
    errors, returned, finished = [], [], []
    create_worker(failing, on_error=errors.append, on_return=returned.append, on_finish=lambda: finished.append(1))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert [str(e) for e in errors] == ["broken on purpose"] and returned == []


def test_abort_stops_at_the_next_yield(qtbot):
    gate, values, finished = threading.Event(), [], []
    job = create_worker(counting, 1000, gate, on_yield=values.append, on_finish=lambda: finished.append(1))
    job.abort()
    gate.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert len(values) < 1000


def test_a_superseded_job_says_nothing_more(qtbot):
    slot, got = JobSlot("test"), []
    gate = threading.Event()
    slot.start(counting, 5, gate, on_yield=lambda v: got.append(("old", v)), on_return=lambda r: got.append(("old", r)))
    slot.start(counting, 2, on_yield=lambda v: got.append(("new", v)), on_return=lambda r: got.append(("new", r)))
    gate.set()
    qtbot.waitUntil(lambda: ("new", "counted 2") in got, timeout=5000)
    assert slot.shutdown()
    qtbot.waitUntil(lambda: not running_workers())
    assert [g for g in got if g[0] == "old"] == []
