"""Following a run that other processes write, and stopping it through its folder (core.follow).

Real processes throughout: ``lmlab train --resume RUN`` as "a job elsewhere", and the app's
torchrun launch (2 CPU processes, gloo) as a multi-GPU run would be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from lmlab.core.engine import Control, EvalMetrics, Finished, Started, StepMetrics
from lmlab.core.follow import (
    PROCESS_LOG_FILE,
    MetricsTail,
    Reloaded,
    RunStatus,
    follow,
    launch_processes,
    process_command,
)
from lmlab.core.stopfile import STOP_REQUEST_FILE, request_stop, stop_requested
from tests.conftest import make_prepared_run, tiny_config

ENV = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")


def _long_run(tmp_path, **train):
    cfg = tiny_config(max_steps=100_000, eval_every=5, checkpoint_every=100_000, device="cpu", threads=1, **train)
    return make_prepared_run(tmp_path / "runs", cfg)


def _follow_and_stop_after(run, steps: int, **kw) -> list:
    control, events = Control(), []
    for ev in follow(run, control, poll_s=0.1, **kw):
        events.append(ev)
        if sum(isinstance(e, StepMetrics) for e in events) >= steps:
            control.stop()
    return events


def _finished(events) -> Finished:
    ends = [e for e in events if isinstance(e, Finished)]
    assert len(ends) == 1, events[-5:]
    return ends[0]


def test_the_tail_reads_new_records_waits_for_a_torn_line_and_starts_again_after_a_rewrite(tmp_path):
    run = make_prepared_run(tmp_path / "runs")
    tail = MetricsTail(run)
    assert tail.read_new() == []  # no metrics file yet
    run.append_metrics({"type": "step", "step": 1})
    with open(run.metrics_path, "a", encoding="utf-8") as f:
        f.write('{"type": "step", "st')  # the writer is mid-line
    assert [r["step"] for r in tail.read_new()] == [1]
    with open(run.metrics_path, "a", encoding="utf-8") as f:
        f.write('ep": 2}\nnot json\n')  # the rest of the line, then a damaged one
    assert [r["step"] for r in tail.read_new()] == [2] and not tail.reloaded
    run.truncate_metrics_after(1)  # what a resume does: the file is replaced
    assert [r["step"] for r in tail.read_new()] == [1] and tail.reloaded
    # starting at an offset skips what is already shown
    assert MetricsTail(run, offset=run.metrics_path.stat().st_size).read_new() == []


def test_a_job_elsewhere_is_followed_live_and_stops_when_asked_through_its_folder(tmp_path):
    run = _long_run(tmp_path)
    request_stop(run)  # a stale request from an earlier attempt must not stop this one
    with open(tmp_path / "job.log", "wb") as log:
        job = subprocess.Popen([sys.executable, "-m", "lmlab", "train", "--resume", str(run.path)], env=ENV,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        # follow it as the app follows a cluster's job: no process handle, only the folder
        events = _follow_and_stop_after(run, 8)
        assert job.wait(timeout=120) == 0, (tmp_path / "job.log").read_text()
    finally:
        job.kill()
    kinds = [type(e) for e in events]
    assert Started in kinds and EvalMetrics in kinds and RunStatus in kinds
    steps = [e.step for e in events if isinstance(e, StepMetrics)]
    assert steps == sorted(steps) and len(steps) >= 8
    end = _finished(events)
    assert end.status == "stopped", end
    assert run.checkpoints() and run.checkpoints()[-1].step == end.step  # it saved where it stopped
    assert not stop_requested(run) and run.read_status()["status"] == "stopped"


def test_following_a_run_that_has_already_ended_returns_soon(tmp_path):
    from lmlab.core.follow import metrics_size
    from lmlab.core.jobs.drive import drain
    from lmlab.core.engine import train

    run = make_prepared_run(tmp_path / "runs", tiny_config(max_steps=3, device="cpu", threads=1))
    drain(train(run))
    events = list(follow(run, Control(), poll_s=0.05, start_offset=metrics_size(run)))
    assert events and all(isinstance(e, RunStatus) for e in events) and events[-1].status == "finished"


def test_detaching_ends_the_following_and_leaves_the_job_alone(tmp_path):
    run = _long_run(tmp_path)
    events = list(follow(run, Control(), poll_s=0.05, detached=lambda: True))
    assert all(isinstance(e, RunStatus) for e in events)
    assert not (run.path / STOP_REQUEST_FILE).exists()


def test_processes_that_die_without_finishing_end_in_a_failure_that_quotes_their_log(tmp_path):
    run = make_prepared_run(tmp_path / "runs")
    with open(run.path / PROCESS_LOG_FILE, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-c", "import sys; print('RuntimeError: NCCL error: boom'); "
                                 "sys.exit(3)"], stdout=log, stderr=subprocess.STDOUT)
    events = list(follow(run, Control(), process=proc, poll_s=0.05))
    end = _finished(events)
    assert end.status == "failed"
    assert "exit code 3" in end.reason and "NCCL error: boom" in end.reason and PROCESS_LOG_FILE in end.reason
    assert run.read_status()["status"] == "failed"


def test_the_app_launch_trains_in_two_processes_that_all_stop_together(tmp_path):
    # what "use 2 GPUs" does, on CPUs: the batch of 4 is shared as 2 processes x 1 micro-batch of 2
    run = _long_run(tmp_path, batch_size=2, grad_accum=2)
    cmd = process_command(run, 2)
    assert cmd[1:4] == ["-m", "torch.distributed.run", "--standalone"] and "--nproc-per-node=2" in cmd
    proc = launch_processes(run, 2, env=ENV)
    try:
        events = _follow_and_stop_after(run, 6, process=proc, stop_grace_s=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    log = (run.path / PROCESS_LOG_FILE).read_text(errors="replace")
    end = _finished(events)
    assert end.status == "stopped", (end, log[-2000:])
    assert proc.returncode == 0, log[-2000:]
    assert run.checkpoints()[-1].step == end.step
    started = next(e for e in events if isinstance(e, Started))
    assert started.tokens_per_step == 4 * 32  # the global batch: 2 processes x 2 sequences of 32 tokens
    records = [json.loads(line) for line in run.metrics_path.read_text().splitlines()]
    assert sum(r["type"] == "started" for r in records) == 1  # rank 0 alone wrote
    assert not any(isinstance(e, Reloaded) for e in events)


def test_stopping_before_the_job_answers_keeps_the_request_for_it(tmp_path):
    run = _long_run(tmp_path)  # nothing trains it: the request waits in the folder
    control = Control()
    control.stop()
    t0 = time.monotonic()
    events = list(follow(run, control, poll_s=0.05, stop_grace_s=0.3))
    assert time.monotonic() - t0 < 10 and not any(isinstance(e, Finished) for e in events)
    assert stop_requested(run)


class _ScriptedProcess:
    """A training process seen only through ``poll()``: the follower calls it once per read of the
    folder, and each call here first does what the real process would have written by the next read."""

    def __init__(self, *steps):
        self.steps, self.returncode = list(steps), None

    def poll(self):
        if self.returncode is None:
            if self.steps:
                self.steps.pop(0)()
            else:
                self.returncode = 0
        return self.returncode


def test_a_resume_read_before_it_writes_its_start_does_not_end_on_the_stop_it_resumes(tmp_path):
    # Seen in CI: the follower read the metrics just after a resumed child had rewritten them (its
    # history up to the stop's checkpoint) and before its Started record: it took the stop, kept in
    # that history, for the end of the new attempt.
    from lmlab.core.events import event_to_dict
    from lmlab.core.follow import metrics_size

    run = make_prepared_run(tmp_path / "runs")

    def attempt(first_step, end_step, status, attempt_id):
        run.append_metrics(event_to_dict(Started(str(run.path), first_step, 10, "cpu", "CPU", "fp32", 1, 1, 4))
                           | {"step": first_step, "attempt": attempt_id})
        run.append_metrics(event_to_dict(StepMetrics(end_step, 4 * end_step, 2.0, 1e-3, 1.0, 100.0, 1.0)))
        run.append_metrics(event_to_dict(Finished(status, status, end_step, None, 1.0)))

    attempt(0, 4, "stopped", "first")
    offset = metrics_size(run)  # the app launches the resume here
    proc = _ScriptedProcess(
        lambda: None,                                # the child imports torch
        lambda: run.truncate_metrics_after(4),       # it restores the checkpoint: the history is rewritten
        lambda: attempt(4, 10, "finished", "resumed"),  # then it starts, trains and ends
    )
    events = list(follow(run, Control(), process=proc, poll_s=0.01, start_offset=offset))
    kinds = [type(e) for e in events]
    assert Reloaded in kinds and kinds.index(Reloaded) < kinds.index(Started)
    assert [e.start_step for e in events if isinstance(e, Started)] == [4]
    assert _finished(events).status == "finished"
