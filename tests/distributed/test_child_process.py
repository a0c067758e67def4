"""Training one run in a child process of its own, as the app does (``prepare_and_train(own_process=True)``).

Real processes throughout (``python -m lmlab train --resume RUN``), followed through the run folder:
the same curve as training in this process, Pause and Stop through the folder, a failure quoted,
and a child whose app is killed stops with a checkpoint instead of training on unseen.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

from lmlab.core.engine import Control, EvalMetrics, Finished, StepMetrics
from lmlab.core.follow import RunStatus, child_command
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.train import prepare_and_train
from lmlab.core.runs import Run
from lmlab.core.stopfile import PAUSE_REQUEST_FILE, STOP_REQUEST_FILE
from tests.conftest import REPO, make_prepared_run, tiny_config


def _run(tmp_path, name="t", **train):
    cfg = tiny_config(device="cpu", threads=1, **train)
    return make_prepared_run(tmp_path / "runs", cfg, name=name)


def _losses(events):
    return [(e.step, e.loss) for e in events if isinstance(e, StepMetrics)]


def _end(events) -> Finished:
    ends = [e for e in events if isinstance(e, Finished)]
    assert len(ends) == 1, events[-5:]
    return ends[0]


def test_a_child_process_trains_the_curve_this_process_trains(tmp_path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    here, child = _run(tmp_path, "here"), _run(tmp_path, "child")
    assert child_command(child)[1:] == ["-m", "lmlab", "train", "--resume", str(child.path)]
    in_thread = []
    drain(prepare_and_train(here, Control()), in_thread.append)
    own = []
    drain(prepare_and_train(child, Control(), own_process=True), own.append)
    assert _end(own).status == "finished", (_end(own), (child.path / "processes.log").read_text()[-2000:])
    assert (child.path / "processes.log").exists()  # it did run in another process
    assert len(_losses(own)) == 20
    assert _losses(own) == _losses(in_thread)  # bit for bit: same seed, same one thread
    evals = [(e.step, e.val_loss) for e in own if isinstance(e, EvalMetrics)]
    assert evals == [(e.step, e.val_loss) for e in in_thread if isinstance(e, EvalMetrics)] and len(evals) == 2
    assert child.checkpoints()[-1].step == 20
    assert not (child.path / PAUSE_REQUEST_FILE).exists() and not (child.path / STOP_REQUEST_FILE).exists()


def test_pause_and_stop_reach_the_child_through_the_run_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    run = _run(tmp_path, max_steps=100_000, eval_every=100_000, checkpoint_every=100_000)
    control, events = Control(), []
    seen_paused = threading.Event()

    def watch(ev):
        events.append(ev)
        steps = sum(isinstance(e, StepMetrics) for e in events)
        if steps == 5 and not control.paused and not seen_paused.is_set():
            control.pause()
        if isinstance(ev, RunStatus) and ev.status == "paused":
            seen_paused.set()
            paused_at = ev.step
            time.sleep(1.0)  # paused: no step may arrive meanwhile
            assert run.read_status()["step"] == paused_at and run.read_status()["status"] == "paused"
            control.resume()
        if seen_paused.is_set() and steps >= 12:
            control.stop()

    drain(prepare_and_train(run, control, own_process=True), watch)
    end = _end(events)
    assert seen_paused.is_set()
    assert end.status == "stopped", end
    assert end.step >= 12 and run.checkpoints()[-1].step == end.step  # a checkpoint to resume from
    assert not (run.path / PAUSE_REQUEST_FILE).exists()


def test_a_child_that_fails_ends_in_a_sentence_and_the_run_says_failed(tmp_path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    run = _run(tmp_path)
    (run.data_dir / "train.bin").write_bytes(b"\x00")  # the prepared tokens are damaged after preparation
    events = []
    drain(prepare_and_train(run, Control(), own_process=True), events.append)
    end = _end(events)
    assert end.status == "failed" and end.reason
    assert "Traceback" not in end.reason
    assert run.read_status()["status"] == "failed"


def test_a_child_whose_app_is_killed_stops_with_a_checkpoint(tmp_path):
    run = _run(tmp_path, max_steps=100_000, eval_every=100_000, checkpoint_every=100_000)
    app = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        from lmlab.core.follow import launch_child
        from lmlab.core.runs import Run
        proc = launch_child(Run({str(run.path)!r}))
        print(proc.pid, flush=True)
        time.sleep(600)
    """)
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=str(REPO))
    parent = subprocess.Popen([sys.executable, "-c", app], stdout=subprocess.PIPE, text=True, env=env)
    try:
        child_pid = int(parent.stdout.readline())
        deadline = time.monotonic() + 120
        while len(Run(run.path).read_metrics()) < 4:  # training, in the child: Started and 3 steps
            assert time.monotonic() < deadline, (run.path / "processes.log").read_text()[-2000:]
            time.sleep(0.1)
        parent.send_signal(signal.SIGKILL)  # the app dies without a word
        parent.wait(10)
        deadline = time.monotonic() + 60
        while _alive(child_pid):
            assert time.monotonic() < deadline, "the child trained on after its app died"
            time.sleep(0.1)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(10)
        parent.stdout.close()
    status = Run(run.path).read_status()
    assert status["status"] == "stopped", status
    assert run.checkpoints()[-1].step == status["step"] >= 3


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (killed parent: init reaps it soon) counts as gone
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def test_a_sweep_point_trained_in_a_child_records_the_result_this_process_records(tmp_path, monkeypatch):
    from lmlab.core import sweep as sweep_mod
    from lmlab.core.sweep import Sweep
    from tests.core.test_sweep import CORPUS, tiny_base, tiny_plan

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    base = tiny_base()
    results = []
    for name, own in (("here", False), ("child", True)):
        sw = Sweep.create(tmp_path / name, base, tiny_plan(base))
        events = list(sweep_mod.train_point(Sweep.open(sw.path), 3, Control(), CORPUS, own_process=own))
        assert events[-1].status == "finished", events[-1]
        fracs = [e.point_fraction for e in events if e.status == "running"]
        assert fracs == sorted(fracs) and fracs[-1] == 1.0  # the point's progress only moves on
        st = Sweep.open(sw.path).states[3]
        assert st.status == "finished"
        results.append((st.final_val_loss, st.best_val_loss))
        assert (Sweep.open(sw.path).run_for(3).path / "processes.log").exists() == own
    assert results[0] == results[1]  # the same point, the same numbers, wherever it trained
