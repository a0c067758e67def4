"""The overfitting alert and the best checkpoint, on real runs, and the epochs counter."""

from __future__ import annotations

import time

import pytest

from lmlab.core.config import preset
from lmlab.core.corpus import corpus_from_texts, default_corpus
from lmlab.core.engine import EvalMetrics, StepMetrics, train
from lmlab.core.guards.events import OverfitAlert
from lmlab.core.guards.overfit import best_checkpoint, epochs_seen, overfitting
from lmlab.core.jobs.drive import drain
from lmlab.core.loading import find_checkpoint, load_trained
from lmlab.core.pipeline import prepare_run
from lmlab.core.runs import RunStore


def prepared(tmp_path, cfg, corpus):
    run = RunStore(tmp_path).create(cfg, "t")
    drain(prepare_run(run, corpus))
    return run


def test_the_alert_fires_on_a_tiny_corpus_with_a_large_model_and_the_best_checkpoint_is_kept(tmp_path):
    """1 000 characters of Shakespeare (900 to train on) for the `small` preset's 4-layer, 128-wide model
    (context 32, batch 8): within a hundred steps it recites its training text and the validation loss
    climbs (measured: best val 2.85 at step 80, 3.19 at 120 while train fell from 2.18 to 1.80)."""
    text = default_corpus().preview(1000)
    cfg = preset("small").with_changes(
        model={"block_size": 32},
        train={"batch_size": 8, "max_steps": 160, "eval_every": 20, "eval_batches": 4, "checkpoint_every": 1000,
               "keep_checkpoints": 1, "warmup_steps": 10, "learning_rate": 3e-3, "min_lr": 3e-4,
               "attention_snapshots": False})
    run = prepared(tmp_path, cfg, corpus_from_texts([text]))
    events = list(train(run))
    assert events[-1].status == "finished", events[-1].reason
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    alerts = [e for e in events if isinstance(e, OverfitAlert)]
    assert alerts, [(e.step, round(e.train_loss, 3), round(e.val_loss, 3)) for e in evals]
    alert = alerts[0]
    best = min(evals, key=lambda e: e.val_loss)
    assert (alert.best_step, alert.best_val_loss) == (best.step, best.val_loss)
    assert alert.val_loss > alert.best_val_loss * 1.02 and "Overfitting" in alert.message
    assert [r["step"] for r in run.read_metrics() if r["type"] == "overfit"] == [a.step for a in alerts]
    # The rotation (keep 1) has deleted step_<best>, but the best is kept apart and loads by its step.
    assert [c.step for c in run.checkpoints()] == [160]
    ck = best_checkpoint(run)
    assert ck is not None and ck.step == best.step and ck.load_state()["best_val_loss"] == best.val_loss
    assert find_checkpoint(run, best.step).path == ck.path
    assert load_trained(run, best.step).step == best.step
    # epochs: 160 steps of 256 tokens over the 900 training tokens
    last = [e for e in events if isinstance(e, StepMetrics)][-1]
    assert epochs_seen(last.tokens, 900) == pytest.approx(160 * 256 / 900)


@pytest.mark.slow
def test_no_alert_on_the_default_corpus_with_the_small_preset(tmp_path):
    """The `small` preset on the default corpus (1 MB of Shakespeare), cut to 160 steps with an evaluation
    every 32 (and 4 evaluation batches, no attention snapshots, to stay near half a minute on a shared
    CPU): its validation loss keeps falling, so no alert. A fraction of an epoch, as a real small run's
    first part is."""
    cfg = preset("small").with_changes(train={"max_steps": 160, "eval_every": 32, "eval_batches": 4,
                                              "checkpoint_every": 1000, "attention_snapshots": False})
    run = prepared(tmp_path, cfg, None)
    t0 = time.perf_counter()
    events = list(train(run))
    assert events[-1].status == "finished", events[-1].reason
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert len(evals) == 5
    assert not any(isinstance(e, OverfitAlert) for e in events), [(e.step, e.val_loss) for e in evals]
    assert best_checkpoint(run).step == min(evals, key=lambda e: e.val_loss).step
    print(f"small preset, 160 steps: {time.perf_counter() - t0:.1f} s")


@pytest.mark.parametrize(("evals", "fires"), [
    ([(100, 1.45, 1.50), (200, 1.30, 1.56), (300, 1.22, 1.60)], True),
    ([(100, 1.45, 1.50), (200, 1.30, 1.56)], False),  # once above the best: not yet
    ([(100, 1.45, 1.50), (200, 1.30, 1.52), (300, 1.22, 1.60)], False),  # 1.52 is within 2 % of the best
    ([(100, 1.45, 1.50), (200, 1.50, 1.56), (300, 1.55, 1.60)], False),  # training rises too: not overfitting
    ([(100, 1.45, 1.50), (200, 1.30, 1.56), (300, 1.22, 1.49)], False),  # a new best
])
def test_overfitting_rule(evals, fires):
    alert = overfitting(evals)
    assert (alert is not None) == fires
    if fires:
        assert (alert.step, alert.best_step, alert.best_val_loss) == (300, 100, 1.50)


def test_epochs_counter():
    assert epochs_seen(3_000_000, 1_000_000) == 3.0
    assert epochs_seen(10, 0) == 0.0
