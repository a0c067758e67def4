"""The run queue in the app: one training controller owns the device.

Controller tests build no widget (three real tiny runs in order, reordered; a failed run does not
block the queue; pause lets the run finish and starts nothing). Window tests: Train while a sweep
runs is queued, never a second training; the queue survives closing and reopening the window;
Scaling's *Create this run* queues the recommended run.
"""

from __future__ import annotations

import json

import pytest

from lmlab.core.engine import Started
from lmlab.core.queue import QUEUE_FILE
from lmlab.core.runs import RunStore
from lmlab.core.sweep import Sweep, shape_for_params
from lmlab.ui.controllers.training import TrainingController
from lmlab.ui.jobs import running_workers
from tests.ui.conftest import quick_config

TIMEOUT = 120_000


def trainings() -> int:
    """Training threads running now (the controller's jobs are all named "training")."""
    return [w.objectName() for w in running_workers()].count("training")


@pytest.fixture
def trainer(tmp_path, qapp):
    t = TrainingController(RunStore(tmp_path / "runs"))
    yield t
    t.shutdown()


def record(trainer) -> list[tuple]:
    """What the controller did, in order; asserts at every start that nothing else trains."""
    log = []

    def started(entry):
        assert trainings() <= 1, "a run started while another was training"  # itself, at most
        log.append(("start", entry.name))

    trainer.entryStarted.connect(started)
    trainer.entryFinished.connect(lambda entry, end: log.append((end.status, entry.name)))
    return log


# -- the controller, without a widget ---------------------------------------------------------------------


def test_the_queue_runs_three_queued_runs_in_order(trainer, small_corpus, qtbot):
    log = record(trainer)
    trainer.set_queue_paused(True)
    for i, name in enumerate(("a", "b", "c")):
        cfg = quick_config(max_steps=6 + i, eval_every=3).with_changes(corpus=[str(small_corpus)])
        assert trainer.enqueue_config(cfg, name) is not None
    assert not trainer.busy and [e.name for e in trainer.waiting] == ["a", "b", "c"]
    c = trainer.waiting[2]
    assert trainer.move(c.id, -1)  # reordered: a, c, b
    assert [e.name for e in trainer.waiting] == ["a", "c", "b"]
    assert trainer.enqueue_run(c.run, resume=True) is None  # a run is never queued twice
    assert len(trainer.waiting) == 3

    with qtbot.waitSignal(trainer.runFinished, timeout=TIMEOUT):
        trainer.set_queue_paused(False)
    qtbot.waitUntil(lambda: len(log) == 6, timeout=TIMEOUT)
    assert log == [("start", "a"), ("finished", "a"), ("start", "c"), ("finished", "c"), ("start", "b"),
                   ("finished", "b")]
    assert not trainer.busy and not trainer.waiting and trainer.state.phase == "idle"
    steps = {r.name: r.read_status()["step"] for r in trainer.store.runs()}
    assert steps == {"a": 6, "b": 7, "c": 8}
    saved = json.loads((trainer.store.root / QUEUE_FILE).read_text(encoding="utf-8"))
    assert saved["entries"] == []


def test_a_failed_run_does_not_block_the_queue_and_pause_lets_the_run_finish(trainer, small_corpus, qtbot):
    log = record(trainer)
    corpus = [str(small_corpus)]
    trainer.set_queue_paused(True)
    trainer.enqueue_config(quick_config().with_changes(corpus=corpus, model={"block_size": 100_000}), "too long")
    trainer.enqueue_config(quick_config(max_steps=4).with_changes(corpus=corpus), "fine")
    trainer.enqueue_config(quick_config(max_steps=4).with_changes(corpus=corpus), "later")
    notices = []
    trainer.notice.connect(lambda level, text: notices.append((level, text)))
    trainer.set_queue_paused(False)
    qtbot.waitUntil(lambda: ("start", "fine") in log, timeout=TIMEOUT)
    trainer.set_queue_paused(True)  # "fine" trains to its end; "later" waits
    qtbot.waitUntil(lambda: ("finished", "fine") in log, timeout=TIMEOUT)
    assert log[:2] == [("start", "too long"), ("failed", "too long")]
    assert any(level == "error" for level, _ in notices)
    qtbot.waitUntil(lambda: not trainer.busy, timeout=TIMEOUT)
    assert [e.name for e in trainer.waiting] == ["later"] and ("start", "later") not in log


def test_halt_keeps_the_run_at_the_head_to_resume_from_its_checkpoint(trainer, small_corpus, qtbot):
    cfg = quick_config(max_steps=100_000, eval_every=100_000, checkpoint_every=1000)
    entry = trainer.enqueue_config(cfg.with_changes(corpus=[str(small_corpus)]), "long")
    qtbot.waitUntil(lambda: trainer.state.step >= 2, timeout=TIMEOUT)
    with qtbot.waitSignal(trainer.entryFinished, timeout=TIMEOUT) as ended:
        trainer.halt()
    assert ended.args[1].status == "stopped"
    qtbot.waitUntil(lambda: not trainer.busy, timeout=TIMEOUT)
    head = trainer.waiting[0]
    assert head.id == entry.id and head.resume and trainer.queue_paused
    stopped_at = entry.run.read_status()["step"]
    starts = []
    trainer.event.connect(lambda ev: starts.append(ev) if isinstance(ev, Started) else None)
    trainer.set_queue_paused(False)
    qtbot.waitUntil(lambda: bool(starts), timeout=TIMEOUT)
    assert starts[0].start_step == stopped_at > 0  # continued from its checkpoint
    trainer.stop()
    qtbot.waitUntil(lambda: not trainer.busy, timeout=TIMEOUT)
    assert not trainer.waiting  # stopped by the user: it leaves the queue


# -- the real window --------------------------------------------------------------------------------------


def test_train_while_a_sweep_runs_queues_instead_of_competing(make_window, small_corpus, qtbot):
    from lmlab.ui.panels.scaling import install
    from tests.ui.test_sweep_panel import tiny_plan

    window = make_window()
    window.own_process_action.setChecked(False)  # a 3-step point in a child ends before Pause reaches it
    s, tp, trainer = window.session, window.training_panel, window.session.trainer
    panel = install(window)
    log = record(trainer)
    try:
        tiny_plan(panel, small_corpus, "3e3")  # one size on two budgets: two runs
        panel.run_button.click()
        assert panel.running and [e.sweep_index for e in trainer.waiting] == [1]
        assert trainer.current is not None and trainer.current.sweep_index == 0
        assert tp.start_action.text() == "Add to &queue"
        # Hold the sweep's first run on the device (its 3 steps would otherwise end before Train is
        # pressed on a fast or a slow machine alike), so Train is pressed while it holds the device.
        trainer.pause()
        qtbot.waitUntil(lambda: s.training.phase == "paused", timeout=TIMEOUT)

        run = s.start()  # Train while the sweep's first run is on the device: queued after the sweep's runs
        assert run is not None and trainer.current.sweep_index == 0 and trainings() <= 1
        assert [(e.sweep_index, e.run_path) for e in trainer.waiting] == [(1, trainer.waiting[0].run_path),
                                                                         (-1, str(run.path))]
        assert tp.queue_view.list.count() == 2
        trainer.resume()

        with qtbot.waitSignal(panel.sweepEnded, timeout=TIMEOUT) as ended:
            pass
        assert ended.args == ["sweep-finished"]
        qtbot.waitUntil(lambda: not trainer.busy and not trainer.waiting, timeout=TIMEOUT)
        names = [name for what, name in log if what == "start"]
        assert names[2] == run.name and len(names) == 3  # the sweep's two runs, then the Train
        assert all(what in ("start", "finished") for what, _ in log)
        assert [st.status for st in Sweep.open(panel.sweep_path).states] == ["finished", "finished"]
        assert run.read_status()["status"] == "finished"
    finally:
        panel.shutdown()


def test_the_queue_survives_closing_and_reopening_the_window(make_window, qtbot):
    long = quick_config(max_steps=100_000, eval_every=100_000, checkpoint_every=1000)
    window = make_window(config=long)
    s, tp = window.session, window.training_panel
    tp.start_action.trigger()
    qtbot.waitUntil(lambda: s.training.phase == "running" and s.training.step >= 2, timeout=TIMEOUT)
    first = s.training.run
    tp.start_action.trigger()
    tp.start_action.trigger()
    waiting = [e.run_path for e in s.trainer.waiting]
    assert len(waiting) == 2 and tp.queue_view.list.count() == 2
    window.close()  # confirmed: the run stops with a checkpoint and keeps its place
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert not running_workers() and first.read_status()["status"] == "stopped"

    again = make_window(config=long)
    trainer, view = again.session.trainer, again.training_panel.queue_view
    assert [e.run_path for e in trainer.waiting] == [str(first.path), *waiting]
    assert trainer.waiting[0].resume and not trainer.busy and trainer.queue_paused  # waits for the user
    assert view.list.count() == 3 and "Resume queue" in view.pause_action.text()
    assert again.training_panel.start_action.text() == "Add to &queue"  # the queue is paused
    starts = []
    again.session.trainingEvent.connect(lambda ev: starts.append(ev) if isinstance(ev, Started) else None)
    view.pause_button.click()  # Resume queue
    qtbot.waitUntil(lambda: bool(starts), timeout=TIMEOUT)
    assert again.session.training.run.path == first.path and starts[0].start_step > 0
    assert view.list.count() == 2 and "Pause queue" in view.pause_action.text()


def test_create_this_run_queues_the_recommended_run_in_the_real_window(make_window, tmp_path, qtbot):
    from lmlab.ui.panels.scaling import install
    from tests.ui.test_sweep_panel import chinchilla_like_csv

    window = make_window()
    panel = install(window)
    trainer, view = window.session.trainer, window.training_panel.queue_view
    try:
        chinchilla_like_csv(tmp_path / "chinchilla.csv")
        panel.boot_spin.setValue(0)
        with qtbot.waitSignal(panel.fitFinished, timeout=TIMEOUT):
            assert panel.import_csv(tmp_path / "chinchilla.csv")
        view.pause_button.click()  # Pause queue: the recommended run is far too big to train in a test
        assert trainer.queue_paused
        box = panel.recommendation
        box.set_budget(1e15)
        rec = box.recommendation
        assert rec is not None and box.create_button.isEnabled()
        box.create_button.click()

        assert view.list.count() == 1 and not trainer.busy
        (entry,) = trainer.waiting
        cfg = entry.run.read_config()
        assert entry.run.path.parent == window.session.store.root  # a run of the Runs tab
        want = shape_for_params(rec.N.estimate, 81, cfg.model.block_size)
        assert (cfg.model.n_layer, cfg.model.n_head, cfg.model.n_embd) == (want.n_layer, want.n_head, want.n_embd)
        assert cfg.train.token_budget == round(rec.D.estimate)
        assert entry.steps == cfg.total_steps and f"{want.n_layer}L" in view.list.item(0).text()
    finally:
        panel.shutdown()
