"""SIGKILL at any moment leaves a run folder that opens and resumes.

Real child processes train tiny real runs and die by SIGKILL: some kill themselves at a
precise point (mid-step, half-way through each file of a checkpoint, a torn metrics line;
see ``_killable_train.py``), others are killed from outside at a moment they do not choose.
Afterwards, in this process: the latest complete checkpoint loads with ``load_trained``,
``metrics.jsonl`` reads, and ``engine.train`` resumes from that checkpoint and finishes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from lmlab.core.engine import Finished, Started, train
from lmlab.core.loading import load_trained
from lmlab.core.runs import Run
from tests.conftest import REPO, make_prepared_run, tiny_config

TOTAL = 30
CFG = dict(max_steps=TOTAL, checkpoint_every=5, eval_every=10, log_every=1)

# name -> (--die point, checkpoint step the run must reopen at; None: no complete checkpoint)
SELF_KILLS = {
    "inside-step-12": ("step:12", 10),
    "mid-model-write-2nd-checkpoint": ("model:2", 5),
    "mid-optim-write-2nd-checkpoint": ("optim:2", 5),
    "mid-state-json-2nd-checkpoint": ("state:2", 5),
    "mid-latest-json-2nd-checkpoint": ("latest:2", 10),  # step_000010 was already renamed into place
    "torn-metrics-line-step-12": ("metrics:12", 10),
    "mid-model-write-1st-checkpoint": ("model:1", None),
}


def start_child(run: Run, log: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=str(REPO))
    with open(log, "wb") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "tests.faults._killable_train", str(run.path), *args],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )


def wait_killed(proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    try:
        proc.wait(timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, log.read_text(errors="replace")


def assert_reopens_and_resumes(run: Run, expect_step: int | None) -> None:
    run = Run(run.path)  # as a new process would see it
    assert run.read_config().train.max_steps == TOTAL
    assert run.summary()["status"] == "running"  # what it was doing when it died
    records = run.read_metrics()  # a torn last line is skipped, not an error
    assert records and all(isinstance(r, dict) for r in records)
    ck = run.latest_checkpoint()
    if expect_step is None:
        assert ck is None
    else:
        assert ck is not None and ck.step == expect_step
        tm = load_trained(run)
        assert tm.step == expect_step
        assert all(torch.isfinite(p).all() for p in tm.model.parameters())

    events = list(train(run))
    assert isinstance(events[0], Started) and events[0].start_step == (expect_step or 0)
    end = events[-1]
    assert isinstance(end, Finished) and end.status == "finished", end.reason
    assert end.step == TOTAL and run.latest_checkpoint().step == TOTAL
    assert load_trained(run).step == TOTAL
    if expect_step is not None:  # (a restart from scratch keeps the dead attempt's lines; see below)
        steps = [r["step"] for r in run.read_metrics() if r["type"] == "step"]
        assert steps == list(range(1, TOTAL + 1))
    leftovers = sorted(p.name for p in run.checkpoints_dir.iterdir() if p.name.startswith("."))
    assert leftovers == []  # temp folders and files of the dead process are gone


@pytest.fixture(scope="module")
def self_killed(tmp_path_factory):
    """All self-killing children, started at once (they are independent; this halves the wait)."""
    started = {}
    try:
        for name, (die, _) in SELF_KILLS.items():
            root = tmp_path_factory.mktemp(name)
            run = make_prepared_run(root, tiny_config(**CFG))
            log = root / "child.log"
            started[name] = (run, start_child(run, log, "--die", die), log)
        yield started
    finally:
        for _, proc, _ in started.values():
            if proc.poll() is None:
                proc.kill()
            proc.wait()


@pytest.mark.parametrize("name", list(SELF_KILLS))
def test_killed_at_a_precise_moment_reopens_and_resumes(self_killed, name):
    run, proc, log = self_killed[name]
    wait_killed(proc, log)
    assert_reopens_and_resumes(run, SELF_KILLS[name][1])


def _first_checkpoint(run: Run) -> bool:
    return bool(run.checkpoints())


def _step_17_logged(run: Run) -> bool:
    return any(r.get("step", 0) >= 17 for r in run.read_metrics())


@pytest.mark.parametrize("when", [_first_checkpoint, _step_17_logged], ids=["first-checkpoint", "step-17"])
def test_killed_from_outside_reopens_and_resumes(tmp_path, when):
    run = make_prepared_run(tmp_path, tiny_config(**CFG | {"max_steps": 100}))
    log = tmp_path / "child.log"
    proc = start_child(run, log)
    deadline = time.monotonic() + 120
    try:
        while not when(run):  # poll the run folder; the child does not know when it will die
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the child never got there"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        wait_killed(proc, log)
    ck = Run(run.path).latest_checkpoint()
    assert ck is not None and ck.step % 5 == 0
    # resume to the end of the 100 steps
    run = Run(run.path)
    records = run.read_metrics()
    assert records
    tm = load_trained(run)
    assert tm.step == ck.step
    events = list(train(run))
    assert events[0].start_step == ck.step and events[-1].status == "finished", events[-1].reason
    steps = [r["step"] for r in run.read_metrics() if r["type"] == "step"]
    assert steps == list(range(1, 101))
    assert not [p for p in run.checkpoints_dir.iterdir() if p.name.startswith(".")]


def test_restart_from_scratch_after_kill_has_one_clean_curve(self_killed):
    run, proc, log = self_killed["mid-model-write-1st-checkpoint"]
    wait_killed(proc, log)
    if Run(run.path).latest_checkpoint() is None:  # not yet resumed by the other test
        list(train(Run(run.path)))
    steps = [r["step"] for r in Run(run.path).read_metrics() if r["type"] == "step"]
    assert steps == list(range(1, TOTAL + 1))
