"""The pre-flight estimate, the learning-rate range test and the batch-size finder (core.tuning), on real
trainers and real runs."""

from __future__ import annotations

import statistics
import time

import pytest

from lmlab.core.config import preset
from lmlab.core.engine import Finished, train
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.preflight import batch_find_job, lr_find_job, preflight_job, quick_estimate
from lmlab.core.pipeline import prepare_run
from lmlab.core.runs import RunStore
from lmlab.core.tuning.batch_find import search
from lmlab.core.tuning.events import BatchTry, Measurement
from lmlab.core.tuning.lr_find import smooth, suggest
from lmlab.core.tuning.measure import estimated_bytes
from lmlab.core.tuning.preflight import MAX_EPOCHS, MEMORY_HEADROOM, NIGHT_S, estimate, evaluations


@pytest.mark.slow
def test_the_estimate_is_within_30_percent_of_a_real_run(tmp_path):
    """The estimate of a 60-step cpu-preset run (evaluations and checkpoints included) against the wall time
    of the engine training it. Other processes share this machine, so estimate and run alternate over three
    rounds (a fresh measurement each) and the median ratio is compared. The process is warmed first: its first
    model pays one-time costs (the first allocations, kernels chosen) that a run after the estimate does not."""
    cfg = preset("cpu").with_changes(train={"max_steps": 60, "eval_every": 20, "eval_batches": 5,
                                            "checkpoint_every": 30, "log_every": 10})
    run = RunStore(tmp_path / "runs").create(cfg, "timed")
    data = drain(prepare_run(run))
    cfg = run.read_config()
    drain(preflight_job(cfg, data.n_train, cache_file=tmp_path / "warm.json"))  # the process's first model: warm
    ratios = []
    for i in range(3):
        est = drain(preflight_job(cfg, data.n_train, cache_file=tmp_path / f"cache{i}.json"))
        t0 = time.perf_counter()
        events = list(train(run, resume=False))
        wall = time.perf_counter() - t0
        assert isinstance(events[-1], Finished) and events[-1].status == "finished"
        assert est.eval_s > 0 and est.checkpoint_s > 0 and est.total_steps == 60
        ratios.append(est.seconds / wall)
    assert 0.7 <= statistics.median(ratios) <= 1.3, ratios


def test_a_cached_measurement_is_used_at_once(tmp_path):
    cfg = preset("tiny").with_changes(model={"vocab_size": 65}, train={"max_steps": 100})
    cache = tmp_path / "preflight.json"
    est, wanted = quick_estimate(cfg, 10_000, cache_file=cache)
    assert wanted and est.seconds is None
    measured = drain(preflight_job(cfg, 10_000, cache_file=cache))
    again, wanted = quick_estimate(cfg.with_changes(train={"max_steps": 200}), 10_000, cache_file=cache)
    assert not wanted and again.measurement == measured.measurement
    assert again.train_s == pytest.approx(2 * measured.train_s)
    # another batch is another measurement
    assert quick_estimate(cfg.with_changes(train={"batch_size": 3}), 10_000, cache_file=cache)[1]


def _measurement(step_s: float = 0.01) -> Measurement:
    return Measurement("k", "cpu", "CPU", "fp32", True, step_s=step_s, setup_s=1.0, eval_forward_s=0.002,
                       eval_fixed_s=0.05, checkpoint_s=0.1, steps=10)


def test_the_time_adds_evaluations_and_checkpoints():
    cfg = preset("cpu").with_changes(model={"vocab_size": 65}, train={"max_steps": 45, "eval_every": 20,
                                                                       "checkpoint_every": 30, "eval_batches": 5})
    est = estimate(cfg, _measurement(), 1_000_000, 8 << 30)
    assert evaluations(45, 20) == 3 and evaluations(45, 30) == 2
    assert est.seconds == pytest.approx(1.0 + 45 * 0.01 + 3 * (2 * 5 * 0.002 + 0.05) + 2 * 0.1)
    assert est.tokens == 45 * 12 * 64 and est.epochs == pytest.approx(est.tokens / 1_000_000)
    assert est.tokens_per_param == pytest.approx(est.tokens / est.params) and not est.warnings


def test_a_model_that_does_not_fit_gets_a_smaller_batch_with_the_same_effective_batch():
    cfg = preset("small").with_changes(model={"vocab_size": 65})
    need = estimated_bytes(cfg)
    est = estimate(cfg, None, 1_000_000, need // 3)
    (w,) = est.warnings_at("batch_size")
    assert w.kind == "memory" and not est.fits and "more than" in w.message
    fixed = cfg.with_changes(**w.fixes[0].changes)
    t = fixed.train
    assert t.batch_size < 8 and t.batch_size * t.grad_accum == 8
    assert estimate(fixed, None, 1_000_000, need // 3).fits


def test_a_model_too_large_for_even_one_sequence_gets_a_smaller_model():
    cfg = preset("small").with_changes(model={"vocab_size": 65})
    free = estimated_bytes(cfg, 0) // 2  # not even the weights and the optimizer's state
    (w,) = estimate(cfg, None, 1_000_000, free).warnings
    fixed = cfg.with_changes(**w.fixes[0].changes)
    assert w.fixes[0].label.startswith("Smaller model")
    assert fixed.model.n_embd < cfg.model.n_embd and estimate(fixed, None, 1_000_000, free).fits


def test_too_many_epochs_and_a_run_longer_than_a_night_get_fewer_steps():
    cfg = preset("cpu").with_changes(model={"vocab_size": 65}, train={"max_steps": 100_000})
    est = estimate(cfg, _measurement(step_s=0.5), 1_000_000, 8 << 30)
    kinds = {w.kind: w for w in est.warnings_at("max_steps")}
    assert set(kinds) == {"epochs", "time"}
    assert est.epochs > MAX_EPOCHS and est.seconds > NIGHT_S
    fewer = cfg.with_changes(**kinds["epochs"].fixes[0].changes)
    assert estimate(fewer, _measurement(0.5), 1_000_000, 8 << 30).epochs <= MAX_EPOCHS
    shorter = cfg.with_changes(**kinds["time"].fixes[0].changes)
    assert estimate(shorter, _measurement(0.5), 1_000_000, 8 << 30).seconds <= NIGHT_S


def test_the_lr_finder_suggests_a_rate_near_the_cpu_presets_and_creates_no_run(tmp_path):
    """The cpu preset's 3e-3 was tuned by full 2,000-step runs (docs/benchmarks.md); the range test on the
    default corpus must land within a factor of 3 of it. About 10-20 s here."""
    runs = RunStore(tmp_path / "runs")
    points = []
    result = drain(lr_find_job(preset("cpu"), workdir=tmp_path), points.append)
    assert result.suggestion is not None
    assert 1e-3 <= result.suggestion <= 9e-3, (result.suggestion, result.min_loss_lr, result.steepest_lr)
    assert len(result.lrs) == len(result.losses) > 100 and result.lrs[0] == pytest.approx(1e-6)
    assert all(b > a for a, b in zip(result.lrs, result.lrs[1:]))  # rising exponentially
    assert not runs.runs()  # no run in the runs folder
    assert [p for p in tmp_path.iterdir() if p.name.startswith("lmlab-")] == []  # its temporary folder is gone


def test_smoothing_and_the_suggestion_rule():
    assert smooth([4.0, 2.0], 0.5) == pytest.approx([4.0, (0.25 * 4 + 0.5 * 2) / 0.75])  # 2.67
    lrs = [10 ** (-6 + i * 0.1) for i in range(61)]  # 1e-6 .. 1
    losses = [4.0 - 2.0 / (1 + 10 ** (-(i - 35) / 5)) + (0.02 * (i - 45) ** 2 if i > 45 else 0) for i in range(61)]
    suggestion, min_lr, steepest = suggest(lrs, losses)
    assert min_lr == pytest.approx(lrs[45]) and suggestion == pytest.approx(lrs[45] / 3)
    assert steepest == pytest.approx(lrs[35])
    assert suggest(lrs, [4.0 + i for i in range(61)]) == (None, None, None)  # never fell


def test_batch_search_doubles_then_bisects():
    tried = []

    def fits(b):
        tried.append(b)
        return BatchTry(b, b <= 12, b)

    tries, best = drain(search(fits))
    assert best == 12 and tried == [1, 2, 4, 8, 16, 12, 14, 13]
    assert drain(search(lambda b: BatchTry(b, False, 0)))[1] == 0
    assert drain(search(lambda b: BatchTry(b, True, 0), max_batch=64))[1] == 64


def test_the_batch_finder_on_the_cpu_stays_within_an_injected_memory_limit(tmp_path):
    cfg = preset("cpu").with_changes(model={"vocab_size": 65}, train={"device": "cpu"})
    limit = 150 << 20
    seen = []
    result = drain(batch_find_job(cfg, limit_bytes=limit), seen.append)
    b = result.batch_size
    assert estimated_bytes(cfg, b) <= limit * MEMORY_HEADROOM < estimated_bytes(cfg, b + 1)
    assert not result.measured and "Estimated, not tried" in result.note
    assert [t.batch_size for t in seen] == [t.batch_size for t in result.tries]
    assert drain(batch_find_job(cfg, limit_bytes=1 << 20)).batch_size == 0
