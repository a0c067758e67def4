"""Sweeps on other backends: a local Ray instance and parallel worker processes (CPU)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lmlab.core.config import preset
from lmlab.core.engine import EvalMetrics, Finished, StepMetrics, event_to_dict
from lmlab.core.sweep import Sweep, plan_sizes_by_tokens, run_sweep, shape_for_params
from lmlab.core.sweep_parallel import process_result
from tests.conftest import SAMPLE_TEXT


def _sweep(folder, corpus: Path) -> Sweep:
    base = preset("tiny").with_changes(
        model={"block_size": 32}, corpus=[str(corpus)],
        train={"batch_size": 4, "eval_every": 10, "log_every": 1, "eval_batches": 2, "threads": 1},
    )
    shapes = [shape_for_params(n, 40, 32) for n in (5e3, 2e4)]
    return Sweep.create(folder, base, plan_sizes_by_tokens(base, shapes, [2000, 3000]))


def _runs(sw: Sweep) -> dict[str, dict]:
    """Each run of the sweep by name: its status, final and best validation loss and every step's loss."""
    sw = Sweep.open(sw.path)
    out = {}
    for row in sw.results():
        metrics = sw.runs.open(row["run_id"]).read_metrics()
        out[row["name"]] = {"status": row["status"], "final_val_loss": row["final_val_loss"],
                            "best_val_loss": row["best_val_loss"],
                            "losses": {r["step"]: r["loss"] for r in metrics if r["type"] == "step"}}
    return out


def _assert_same_runs(got: dict[str, dict], expected: dict[str, dict]) -> None:
    # The same configs and seeds, one thread each, in another process: the same floats, run by run.
    assert set(got) == set(expected) and len(got) == 4
    for name, want in expected.items():
        assert want["status"] == "finished" and len(want["losses"]) > 10, (name, want)
        assert got[name] == want, name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("corpus") / "c.txt"
    p.write_text(SAMPLE_TEXT * 60, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def local_runs(tmp_path_factory, corpus):
    sw = _sweep(tmp_path_factory.mktemp("local") / "sw", corpus)
    events = list(run_sweep(sw))  # what `lmlab sweep run DIR` does with the local backend
    assert events[-1].status == "sweep-finished"
    return _runs(sw)


def test_lmlab_sweep_on_ray_gives_the_local_runs_run_by_run(tmp_path, corpus, local_runs):
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install lmlab[ray]")
    sw = _sweep(tmp_path / "sw", corpus)
    env = dict(os.environ, OMP_NUM_THREADS="1", RAY_DISABLE_USAGE_STATS="1")
    out = subprocess.run([sys.executable, "-m", "lmlab", "sweep", "run", str(sw.path), "--backend", "ray", "--json"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, (out.stdout[-2000:], out.stderr[-3000:])
    _assert_same_runs(_runs(sw), local_runs)


def test_parallel_processes_match_local(tmp_path, corpus, local_runs):
    from lmlab.core.sweep_parallel import run_sweep_processes

    sw = _sweep(tmp_path / "sw", corpus)
    events = list(run_sweep_processes(sw, slots=2))
    assert events[-1].status == "sweep-finished"
    _assert_same_runs(_runs(sw), local_runs)


def test_worker_output_is_read_as_engine_events(tmp_path):
    """A worker's `lmlab train --json` output, decoded with the engine's own event serialisation:
    stray lines (a warning on stderr, a torn last line) are skipped; no Finished event is a failure."""
    events = [StepMetrics(10, 1280, 3.1, 1e-3, 0.9, 5000.0, 1.0), EvalMetrics(10, 1280, 3.0, 2.9, 1.2),
              EvalMetrics(20, 2560, 2.7, 2.6, 2.3), Finished("finished", "Done.", 20, 2.6, 2.4)]
    lines = ["UserWarning: something on stderr"] + [json.dumps(event_to_dict(e)) for e in events] + ['{"type": "st']
    log = tmp_path / "worker.jsonl"
    log.write_text("\n".join(lines), encoding="utf-8")
    assert process_result(log, 0, 3.5) == {"status": "finished", "reason": "Done.", "best_val_loss": 2.6,
                                           "final_val_loss": 2.6, "wall_time": 3.5}
    log.write_text("\n".join(lines[:3]), encoding="utf-8")  # killed before it finished
    got = process_result(log, -9, 1.0)
    assert got["status"] == "failed" and "code -9" in got["reason"] and got["final_val_loss"] is None
