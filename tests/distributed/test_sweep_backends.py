"""Sweeps on other backends: a local Ray instance and parallel worker processes (CPU)."""

from __future__ import annotations

import pytest

from lmlab.core.config import preset
from lmlab.core.corpus import corpus_from_texts
from lmlab.core.sweep import Sweep, plan_sizes_by_tokens, run_sweep, shape_for_params
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
