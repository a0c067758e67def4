"""Sweeps on other backends: a local Ray instance and parallel worker processes (CPU)."""

from __future__ import annotations

import json

import pytest

from lmlab.core.config import preset
from lmlab.core.corpus import corpus_from_texts
from lmlab.core.engine import EvalMetrics, Finished, StepMetrics, event_to_dict
from lmlab.core.sweep import Sweep, plan_sizes_by_tokens, run_sweep, shape_for_params
from lmlab.core.sweep_parallel import process_result
from tests.conftest import SAMPLE_TEXT


def _sweep(folder) -> Sweep:
    base = preset("tiny").with_changes(
        model={"block_size": 32},
        train={"batch_size": 4, "eval_every": 10, "log_every": 5, "eval_batches": 2, "threads": 1},
    )
    shapes = [shape_for_params(n, 40, 32) for n in (5e3, 2e4)]
    return Sweep.create(folder, base, plan_sizes_by_tokens(base, shapes, [2000, 3000]))


def _losses(sw: Sweep) -> dict[str, float]:
    return {r["name"]: r["final_val_loss"] for r in Sweep.open(sw.path).results()}


@pytest.fixture(scope="module")
def local_losses(tmp_path_factory):
    sw = _sweep(tmp_path_factory.mktemp("local") / "sw")
    events = list(run_sweep(sw, corpus=corpus_from_texts([SAMPLE_TEXT * 60])))
    assert events[-1].status == "sweep-finished"
    return _losses(sw)


def test_ray_backend_matches_local(tmp_path, local_losses):
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install lmlab[ray]")
    from lmlab.core.sweep_parallel import run_sweep_ray

    sw = _sweep(tmp_path / "sw")
    events = list(run_sweep_ray(sw, corpus=corpus_from_texts([SAMPLE_TEXT * 60])))
    assert events[-1].status == "sweep-finished"
    got = _losses(sw)
    assert set(got) == set(local_losses)
    for name, loss in local_losses.items():
        assert got[name] == pytest.approx(loss, abs=2e-3)  # same seeds; only thread scheduling differs
    assert all(s.status == "finished" for s in Sweep.open(sw.path).states)


def test_parallel_processes_match_local(tmp_path, local_losses):
    from lmlab.core.sweep_parallel import run_sweep_processes

    sw = _sweep(tmp_path / "sw")
    events = list(run_sweep_processes(sw, slots=2, corpus=corpus_from_texts([SAMPLE_TEXT * 60])))
    assert events[-1].status == "sweep-finished"
    got = _losses(sw)
    for name, loss in local_losses.items():
        assert got[name] == pytest.approx(loss, abs=2e-3)


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
