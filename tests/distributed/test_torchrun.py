"""Data-parallel training under torchrun on the CPU (gloo): 2 real processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lmlab.core.runs import Run, RunStore
from lmlab.core.stopfile import request_stop
from tests.conftest import SAMPLE_TEXT
from tests.distributed.equivalence import assert_same_losses, step_losses

ARGS = ["--preset", "tiny", "--layers", "2", "--heads", "2", "--width", "32", "--context", "32",
        "--batch-size", "4", "--grad-accum", "2", "--eval-every", "10", "--log-every", "1", "--lr-warmup", "2",
        "--lr", "3e-3", "--device", "cpu", "--threads", "1", "--seed", "5"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _command(nproc: int, args: list[str]) -> list[str]:
    if nproc == 1:
        return [sys.executable, "-m", "lmlab.cli", *args]
    return [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={nproc}",
            "--master_addr=127.0.0.1", f"--master_port={_free_port()}", "-m", "lmlab.cli", *args]


ENV = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")


def _lmlab(nproc: int, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_command(nproc, args), capture_output=True, text=True, cwd=cwd, env=ENV, timeout=300)


@pytest.fixture
def corpus(tmp_path) -> Path:
    p = tmp_path / "c.txt"
    p.write_text(SAMPLE_TEXT * 80, encoding="utf-8")
    return p


def test_two_processes_give_the_one_process_losses_step_by_step(tmp_path, corpus):
    # 4 sequences x 3 micro-batches = 12 per step: one process runs 3 micro-batches of 4, each of the
    # 2 processes 2 micro-batches of 3 of the same 12 (gradient accumulation split across the ranks).
    args = ["train", "--corpus", str(corpus), "--steps", "30", *ARGS, "--grad-accum", "3"]
    single = _lmlab(1, [*args, "--runs-dir", str(tmp_path / "one")], tmp_path)
    assert single.returncode == 0, single.stderr
    double = _lmlab(2, [*args, "--runs-dir", str(tmp_path / "two"), "--json"], tmp_path)
    assert double.returncode == 0, double.stderr[-3000:]
    one, = RunStore(tmp_path / "one").runs()
    runs = RunStore(tmp_path / "two").runs()
    assert len(runs) == 1  # rank 0 alone created the run folder
    two = runs[0]
    a, b = step_losses(one), step_losses(two)
    assert sorted(b) == list(range(1, 31))  # log_every 1; rank-0-only writing: each step once
    assert_same_losses(a, b)
    assert b[30] < b[1] - 0.5
    # rank 0 printed every event once
    events = [json.loads(line) for line in double.stdout.splitlines() if line.startswith("{")]
    assert [e["type"] for e in events].count("finished") == 1
    assert two.latest_checkpoint().step == 30


def _ranks_of(torchrun_pid: int) -> list[int]:
    """The processes torchrun started (the ranks; each in a session of its own), from /proc."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == torchrun_pid:
            pids.append(int(stat.parent.name))
    return pids


def _stop_after(runs_dir: Path, step: int, job: subprocess.Popen) -> Run:
    """Stop the 2-process ``job`` through its run folder once it has logged ``step``, as the app does.

    The ranks look for the request at most once a second: they are frozen (SIGSTOP) while the
    request is written and that second passes, so the job stops within a step of ``step`` however
    fast the machine is, long before its last step.
    """
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and job.poll() is None:
        runs = RunStore(runs_dir).runs()
        if runs and max(step_losses(runs[0]), default=0) >= step:
            ranks = _ranks_of(job.pid)
            assert len(ranks) == 2, ranks
            for pid in ranks:
                os.kill(pid, signal.SIGSTOP)
            request_stop(runs[0])
            time.sleep(1.1)  # the ranks' next look at the folder, however fast they step
            for pid in ranks:
                os.kill(pid, signal.SIGCONT)
            return runs[0]
        time.sleep(0.005)
    raise AssertionError(f"the job never logged step {step} (exit code {job.poll()})")


# With dropout, so each rank's own dropout generator matters as much as its batch sampler.
RESUME_ARGS = [*ARGS, "--dropout", "0.1", "--steps", "30"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds torchrun's ranks in /proc (Linux)")
def test_a_stopped_two_process_run_resumed_gives_the_uninterrupted_losses(tmp_path, corpus):
    args = ["train", "--corpus", str(corpus), *RESUME_ARGS]
    whole = _lmlab(2, [*args, "--runs-dir", str(tmp_path / "whole")], tmp_path)
    assert whole.returncode == 0, whole.stderr[-3000:]
    with open(tmp_path / "job.log", "wb") as log:
        job = subprocess.Popen(_command(2, [*args, "--runs-dir", str(tmp_path / "parts")]), cwd=tmp_path, env=ENV,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        run = _stop_after(tmp_path / "parts", 3, job)
        assert job.wait(timeout=300) == 0, (tmp_path / "job.log").read_text(errors="replace")[-3000:]
    finally:
        job.kill()
        job.wait()
    ck = run.latest_checkpoint()
    assert run.read_status()["status"] == "stopped" and 3 <= ck.step < 30, (run.read_status(), ck.step)
    assert ck.load_state()["processes"] == 2
    assert {"rng.data", "rank1.rng.data", "rng.torch", "rank1.rng.torch"} <= set(ck.load_optimizer_tensors())
    again = _lmlab(2, ["train", "--resume", run.id, "--runs-dir", str(tmp_path / "parts"), "--json"], tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    started = [json.loads(line) for line in again.stdout.splitlines() if '"started"' in line]
    assert started and started[0]["start_step"] == ck.step
    uninterrupted, = RunStore(tmp_path / "whole").runs()
    expected, got = step_losses(uninterrupted), step_losses(run)
    assert sorted(got) == list(range(1, 31))
    assert_same_losses(expected, got, 0.0)  # loss for loss: the same sums, every rank's state restored
    assert run.read_status()["status"] == "finished"


def test_a_checkpoint_without_every_ranks_state_still_resumes(tmp_path, corpus):
    """A checkpoint from an older lmlab holds rank 0's random state only: the other ranks continue
    rank 0's batch sampler (the same on every rank) and train on."""
    from safetensors.torch import load_file, save_file

    first = _lmlab(2, ["train", "--corpus", str(corpus), *ARGS, "--steps", "4", "--runs-dir", str(tmp_path)], tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    run, = RunStore(tmp_path).runs()
    optim = run.latest_checkpoint().path / "optim.safetensors"
    save_file({k: v for k, v in load_file(optim).items() if not k.startswith("rank")}, optim)
    run.write_config(run.read_config().with_changes(train={"max_steps": 6}))
    again = _lmlab(2, ["train", "--resume", run.id, "--runs-dir", str(tmp_path), "--json"], tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert sorted(step_losses(run)) == list(range(1, 7)) and run.read_status()["status"] == "finished"


def test_torchrun_of_the_cpu_preset_trains_the_one_process_curve(tmp_path):
    """The issue's command: ``torchrun --standalone --nproc_per_node=2 -m lmlab train --preset cpu --steps 30
    --seed 0 --device cpu`` (batch 12, no accumulation): each of the 2 processes takes 6 of the same 12
    sequences one process trains on, so every step's loss is the one-process loss."""
    env = ENV
    args = ["-m", "lmlab", "train", "--preset", "cpu", "--steps", "30", "--seed", "0", "--device", "cpu",
            "--log-every", "1", "--json"]
    single = subprocess.run([sys.executable, *args, "--runs-dir", str(tmp_path / "one")], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=300)
    assert single.returncode == 0, single.stderr[-3000:]
    double = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                             *args, "--runs-dir", str(tmp_path / "two")], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=300)
    assert double.returncode == 0, double.stderr[-3000:]
    one, = RunStore(tmp_path / "one").runs()
    two, = RunStore(tmp_path / "two").runs()  # one run folder, written by rank 0
    assert two.read_config().train.batch_size == 12 and two.read_status()["status"] == "finished"
    a, b = step_losses(one), step_losses(two)
    assert max(b) == 30
    assert_same_losses(a, b)


def test_a_global_batch_that_cannot_be_shared_equally_is_refused(tmp_path, corpus):
    # 3 sequences x 3 micro-batches = 9 per step: 2 processes cannot take equal shares.
    args = list(ARGS)
    args[args.index("--batch-size") + 1] = "3"
    args[args.index("--grad-accum") + 1] = "3"
    out = _lmlab(2, ["train", "--corpus", str(corpus), "--steps", "2", "--runs-dir", str(tmp_path), *args], tmp_path)
    assert out.returncode != 0
    assert "multiple of 2" in out.stdout + out.stderr
