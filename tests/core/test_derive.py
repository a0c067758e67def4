"""Derived settings (``core.derive``): one rule each for min-lr, warmup and the batch over N processes."""

from __future__ import annotations

import pytest

from lmlab.core.config import preset
from lmlab.core.derive import BatchSplit, batch_split, min_lr_for, warmup_for
from lmlab.core.engine import StepMetrics, lr_at, train
from lmlab.core.errors import ConfigError
from tests.conftest import make_prepared_run, tiny_config


def test_a_120_step_run_reaches_its_peak_learning_rate_well_before_step_100():
    cfg = preset("small").with_changes(train={"max_steps": 120})  # warmup_steps 100, as the app's presets
    assert cfg.train.warmup_steps == 100
    lrs = [lr_at(s, cfg, cfg.total_steps) for s in range(120)]
    peak = lrs.index(max(lrs))
    assert peak == 12 and lrs[peak] == pytest.approx(cfg.train.learning_rate)
    assert lrs[99] < 0.5 * cfg.train.learning_rate  # decaying by then, not still warming up


def test_the_engine_trains_with_the_capped_warmup(tmp_path):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=120, warmup_steps=100, eval_every=1000,
                                                  checkpoint_every=1000, log_every=1))
    lrs = {ev.step: ev.lr for ev in train(run) if isinstance(ev, StepMetrics)}
    assert max(lrs, key=lrs.get) == 13  # StepMetrics.step counts from 1: optimizer step 12


@pytest.mark.parametrize("configured, steps, used", [(100, 120, 12), (100, 2000, 100), (0, 50, 0), (100, 5, 1),
                                                     (2, 30, 2)])
def test_warmup_is_at_most_a_tenth_of_the_run(configured, steps, used):
    assert warmup_for(configured, steps) == used


def test_min_lr_keeps_its_ratio_to_the_peak():
    t = preset("cpu").train  # 3e-3 -> 3e-4
    assert min_lr_for(1e-2, t) == pytest.approx(1e-3)
    assert min_lr_for(1e-4, t) == pytest.approx(1e-5)
    odd = t.__class__(learning_rate=1e-3, min_lr=5e-4)
    assert min_lr_for(2e-3, odd) == pytest.approx(1e-3)  # a ratio the user chose is kept too
    zero = t.__class__(learning_rate=0.0, min_lr=0.0)
    assert min_lr_for(1e-3, zero) == pytest.approx(1e-4)


@pytest.mark.parametrize("batch, accum, n, split", [
    (12, 1, 1, BatchSplit(12, 1)), (12, 1, 2, BatchSplit(6, 1)), (4, 2, 2, BatchSplit(4, 1)),
    (4, 3, 2, BatchSplit(3, 2)), (8, 4, 4, BatchSplit(8, 1)), (2, 8, 8, BatchSplit(2, 1)), (5, 3, 1, BatchSplit(5, 3)),
])
def test_each_process_takes_an_equal_share_of_the_global_batch(batch, accum, n, split):
    got = batch_split(batch, accum, n)
    assert got == split
    assert got.micro_batch * got.micro_batches * n == batch * accum and got.micro_batch <= batch


def test_a_batch_that_cannot_be_shared_says_so():
    with pytest.raises(ConfigError, match="multiple of 2") as e:
        batch_split(3, 3, 2)
    assert e.value.field == "batch_size"
