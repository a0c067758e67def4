"""The run queue (Qt-free): order, reorder, remove, pause, and its file: a round trip, a restart in the
middle of a run (that run comes back first, to resume), and a damaged file (a sentence, an empty queue)."""

from __future__ import annotations

import json

import pytest

from lmlab.core.queue import QUEUE_FILE, QueueEntry, RunQueue
from lmlab.core.runs import RunStore
from tests.conftest import tiny_config


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs")


def entries_for(store, names, **kw):
    return [QueueEntry.for_run(store.create(tiny_config(max_steps=7 + i), name), **kw) for i, name in enumerate(names)]


def names(q, which="entries"):
    return [e.name for e in getattr(q, which)]


def test_entries_carry_what_training_needs(store):
    (e,) = entries_for(store, ["a"], corpus=["book.txt"], processes=2)
    assert e.name == "a" and e.steps == 7 and e.shape == "2L × 32d"
    assert e.corpus == ("book.txt",) and e.processes == 2 and not e.resume and e.run.path.exists()


def test_order_reorder_remove_and_pause(store):
    q = RunQueue.load(store.root)
    assert len(q) == 0 and not q.paused and q.next() is None and not q.problem
    a, b, c = (q.add(e) for e in entries_for(store, ["a", "b", "c"]))
    assert names(q) == ["a", "b", "c"] and q.next() == a
    assert q.move(c.id, -1) and names(q) == ["a", "c", "b"]
    assert not q.move(a.id, -1) and names(q) == ["a", "c", "b"]  # already first
    assert q.move(a.id, +5) and names(q) == ["c", "b", "a"]
    assert q.remove(b.id) and names(q) == ["c", "a"] and not q.remove(b.id)

    head = q.mark_running(q.next().id)
    assert head.running and q.running == head and names(q, "waiting") == ["a"]
    assert q.next() is None  # one at a time
    assert not q.remove(head.id) and not q.move(head.id, 1)  # the running one is stopped, not removed
    assert q.move(a.id, -1) is False and names(q) == ["c", "a"]  # moves stay among the waiting
    q.finish(head.id)
    assert names(q) == ["a"] and q.next() == a
    q.set_paused(True)
    assert q.next() is None
    q.set_paused(False)
    assert q.next() == a


def test_round_trip_and_a_restart_mid_run(store):
    q = RunQueue.load(store.root)
    for e in entries_for(store, ["a", "b", "c"], corpus=["x.txt"]):
        q.add(e)
    running = q.mark_running(q.entries[1].id)  # b trains now; the app dies here
    raw = json.loads((store.root / QUEUE_FILE).read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1 and [e["name"] for e in raw["entries"]] == ["b", "a", "c"]

    again = RunQueue.load(store.root)
    assert names(again) == ["b", "a", "c"] and again.running is None
    head = again.entries[0]
    assert head.id == running.id and head.resume and not head.running  # back first, to resume
    assert not again.entries[1].resume and again.entries[1].corpus == ("x.txt",)
    assert again.paused and again.next() is None  # a restored queue waits for the user
    again.set_paused(False)
    assert again.next() == head

    # an interrupted run (the window closes) goes back first too
    started = again.mark_running(head.id)
    again.requeue(started.id)
    assert again.entries[0].id == started.id and again.entries[0].resume and again.running is None

    # an empty queue comes back empty and not paused
    for e in again.entries:
        again.finish(e.id)
    last = RunQueue.load(store.root)
    assert len(last) == 0 and not last.paused


@pytest.mark.parametrize("text", ["{not json", '{"entries": 3}', '{"entries": [{"name": "no id"}]}',
                                  '{"schema_version": 99, "entries": []}', "[]"])
def test_a_damaged_file_gives_a_sentence_and_an_empty_queue(store, text):
    store.root.mkdir(parents=True)
    (store.root / QUEUE_FILE).write_text(text, encoding="utf-8")
    q = RunQueue.load(store.root)
    assert len(q) == 0 and not q.paused
    assert q.problem.startswith("The run queue could not be read back:") and "starts empty" in q.problem
    assert "Traceback" not in q.problem
    assert (store.root / (QUEUE_FILE + ".damaged")).read_text(encoding="utf-8") == text  # kept for the user
    q.add(entries_for(store, ["a"])[0])  # and the queue works again
    assert names(RunQueue.load(store.root)) == ["a"]
