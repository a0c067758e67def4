"""Data-parallel training under torchrun on the CPU (gloo): 2 real processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from lmlab.core.runs import RunStore
from tests.conftest import SAMPLE_TEXT

ARGS = ["--preset", "tiny", "--layers", "2", "--heads", "2", "--width", "32", "--context", "32",
        "--batch-size", "4", "--grad-accum", "2", "--eval-every", "10", "--log-every", "1", "--lr-warmup", "2",
        "--lr", "3e-3", "--device", "cpu", "--threads", "1", "--seed", "5"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lmlab(nproc: int, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")
    if nproc == 1:
        cmd = [sys.executable, "-m", "lmlab.cli", *args]
    else:
        cmd = [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={nproc}",
               "--master_addr=127.0.0.1", f"--master_port={_free_port()}", "-m", "lmlab.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture
def corpus(tmp_path) -> Path:
    p = tmp_path / "c.txt"
    p.write_text(SAMPLE_TEXT * 80, encoding="utf-8")
    return p


def _step_losses(run) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in run.read_metrics() if r["type"] == "step"}


def test_two_processes_match_one_process_with_the_same_global_batch(tmp_path, corpus):
    single = _lmlab(1, ["train", "--corpus", str(corpus), "--steps", "30", "--runs-dir", str(tmp_path / "one"),
                        *ARGS], tmp_path)
    assert single.returncode == 0, single.stderr
    double = _lmlab(2, ["train", "--corpus", str(corpus), "--steps", "30", "--runs-dir", str(tmp_path / "two"),
                        "--json", *ARGS], tmp_path)
    assert double.returncode == 0, double.stderr[-3000:]
    one, = RunStore(tmp_path / "one").runs()
    runs = RunStore(tmp_path / "two").runs()
    assert len(runs) == 1  # rank 0 alone created the run folder
    two = runs[0]
    a, b = _step_losses(one), _step_losses(two)
    assert sorted(b) == list(range(1, 31))  # rank-0-only writing: each step once
    # Same global batch (2 x 4 sequences), drawn as one process draws it: the curves agree.
    late = range(21, 31)
    mean_a = sum(a[s] for s in late) / len(late)
    mean_b = sum(b[s] for s in late) / len(late)
    assert abs(mean_a - mean_b) < 0.15, (mean_a, mean_b)
    assert b[30] < b[1] - 0.5
    # rank 0 printed every event once
    events = [json.loads(line) for line in double.stdout.splitlines() if line.startswith("{")]
    assert [e["type"] for e in events].count("finished") == 1
    assert two.latest_checkpoint().step == 30


def test_two_process_run_resumes(tmp_path, corpus):
    first = _lmlab(2, ["train", "--corpus", str(corpus), "--steps", "10", "--runs-dir", str(tmp_path), *ARGS],
                   tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    run, = RunStore(tmp_path).runs()
    cfg = run.read_config()
    run.write_config(cfg.with_changes(train={"max_steps": 16}))
    again = _lmlab(2, ["train", "--resume", run.id, "--runs-dir", str(tmp_path), "--json"], tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    started = [json.loads(line) for line in again.stdout.splitlines() if '"started"' in line]
    assert started and started[0]["start_step"] == 10
    assert sorted(_step_losses(run)) == list(range(1, 17))
    assert run.read_status()["status"] == "finished"


def test_torchrun_of_the_cpu_preset_trains_the_one_process_curve(tmp_path):
    """The issue's command: ``torchrun --standalone --nproc_per_node=2 lmlab train --preset cpu`` (batch 12,
    no accumulation) used to fail on "gradient accumulation (1) must be a multiple of 2"; now each of the
    2 processes takes 6 of the same 12 sequences one process would train on, so the curve is that one's."""
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")
    args = ["-m", "lmlab", "train", "--preset", "cpu", "--steps", "30", "--device", "cpu", "--json"]
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
    a, b = _step_losses(one), _step_losses(two)
    assert sorted(b) == sorted(a) and max(b) == 30
    for step in a:  # the same batches, summed in another order: equal to float rounding
        assert b[step] == pytest.approx(a[step], abs=1e-4), (step, a[step], b[step])


def test_a_global_batch_that_cannot_be_shared_equally_is_refused(tmp_path, corpus):
    # 3 sequences x 3 micro-batches = 9 per step: 2 processes cannot take equal shares.
    args = list(ARGS)
    args[args.index("--batch-size") + 1] = "3"
    args[args.index("--grad-accum") + 1] = "3"
    out = _lmlab(2, ["train", "--corpus", str(corpus), "--steps", "2", "--runs-dir", str(tmp_path), *args], tmp_path)
    assert out.returncode != 0
    assert "multiple of 2" in out.stdout + out.stderr
