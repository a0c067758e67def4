"""The training engine on real tiny runs: loss falls, resume is exact, failures end cleanly."""

from __future__ import annotations

import json

import pytest
import torch

from lmlab.core import engine
from lmlab.core.config import MODERN, RECIPE_OPTIONS, with_option
from lmlab.core.engine import Checkpointed, Control, EvalMetrics, Finished, Started, StepMetrics, lr_at, train
from lmlab.core.loading import load_trained
from lmlab.core.runs import RunStore
from tests.conftest import make_prepared_run, tiny_config


def run_events(run, control=None, resume=True):
    return list(train(run, control, resume=resume))


def test_short_real_run_loss_falls_and_events_are_typed(tmp_path):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=60, eval_every=30, log_every=5))
    events = run_events(run)
    assert isinstance(events[0], Started) and isinstance(events[-1], Finished)
    assert events[-1].status == "finished", events[-1].reason
    steps = [e for e in events if isinstance(e, StepMetrics)]
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert [e.step for e in evals] == [30, 60]
    assert steps[-1].loss < steps[0].loss - 0.5
    assert evals[-1].val_loss < evals[0].val_loss
    assert all(e.tokens_per_s > 0 and e.grad_norm > 0 for e in steps)
    assert any(isinstance(e, Checkpointed) for e in events)
    # metrics.jsonl holds the same events, one JSON object per line
    recs = run.read_metrics()
    assert [r["step"] for r in recs if r["type"] == "eval"] == [30, 60]
    assert run.read_status()["status"] == "finished"
    # and the checkpoint reloads into a model that reproduces the final validation loss's order of magnitude
    tm = load_trained(run)
    assert tm.step == 60 and not tm.model.training


def test_lr_schedule_warmup_then_cosine():
    cfg = tiny_config(max_steps=2000, warmup_steps=100, learning_rate=1e-3, min_lr=1e-4)
    assert lr_at(0, cfg, 2000) == pytest.approx(1e-3 / 101)
    assert lr_at(99, cfg, 2000) == pytest.approx(1e-3 * 100 / 101)
    assert lr_at(100, cfg, 2000) == pytest.approx(1e-3)
    assert lr_at(1050, cfg, 2000) == pytest.approx(5.5e-4)
    assert lr_at(2000, cfg, 2000) == pytest.approx(1e-4)


# (dropout, recipe option): classic with and without dropout, each modern option alone, all with dropout.
RESUME_CASES = [(0.0, ""), (0.1, ""), *((0.0, name) for name in RECIPE_OPTIONS), (0.1, MODERN)]


@pytest.mark.parametrize(("dropout", "option"), RESUME_CASES)
def test_stop_and_resume_gives_the_same_losses(tmp_path, dropout, option):
    cfg = tiny_config(max_steps=24, eval_every=12, checkpoint_every=100).with_changes(model={"dropout": dropout})
    cfg = with_option(cfg, option)
    full = make_prepared_run(tmp_path / "a", cfg)
    expected = {e.step: e.loss for e in run_events(full) if isinstance(e, StepMetrics)}

    split = make_prepared_run(tmp_path / "b", cfg)
    control = Control()
    first = []
    for ev in train(split, control):
        first.append(ev)
        if isinstance(ev, StepMetrics) and ev.step == 9:
            control.stop()
    assert first[-1].status == "stopped" and first[-1].step == 9
    assert split.latest_checkpoint().step == 9
    second = run_events(split)
    assert isinstance(second[0], Started) and second[0].start_step == 9
    got = {e.step: e.loss for e in first + second if isinstance(e, StepMetrics)}
    assert got == expected  # bit-identical on the CPU
    # the metrics file continues the same curve without duplicates
    steps = [r["step"] for r in split.read_metrics() if r["type"] == "step"]
    assert steps == sorted(set(steps)) == list(range(1, 25))


def test_resume_after_kill_drops_metrics_past_the_checkpoint(tmp_path):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=20, checkpoint_every=10))
    control = Control()
    for ev in train(run, control):
        if isinstance(ev, StepMetrics) and ev.step == 14:
            break  # the consumer vanishes (as if killed): no stop, no checkpoint at 14
    assert run.latest_checkpoint().step == 10
    with open(run.metrics_path, "a", encoding="utf-8") as f:
        f.write('{"type": "step", "step": 15, "lo')  # torn last line
    events = run_events(run)
    assert events[0].start_step == 10 and events[-1].status == "finished"
    steps = [r["step"] for r in run.read_metrics() if r["type"] == "step"]
    assert steps == list(range(1, 21))


def test_pause_and_resume_between_steps(tmp_path):
    import threading

    run = make_prepared_run(tmp_path, tiny_config(max_steps=12))
    control = Control()
    seen = []
    gen = train(run, control)
    for ev in gen:
        seen.append(ev)
        if isinstance(ev, StepMetrics) and ev.step == 3:
            control.pause()
            threading.Timer(0.3, control.resume).start()
    assert seen[-1].status == "finished" and seen[-1].step == 12


def test_nan_loss_stops_with_reason_and_keeps_last_good_checkpoint(tmp_path, monkeypatch):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=30, checkpoint_every=5, log_every=3))
    real_step = engine._Trainer.train_step

    def diverging_step(self):  # simulate divergence from step 8 on (a real lr blow-up is not reproducible)
        loss, norm = real_step(self)
        if self.step >= 8:
            with torch.no_grad():
                for p in self.model.parameters():
                    p.fill_(float("nan"))
            loss = loss * float("nan")
        return loss, norm

    monkeypatch.setattr(engine._Trainer, "train_step", diverging_step)
    events = run_events(run)
    end = events[-1]
    assert end.status == "failed" and "diverged" in end.reason and "nan" in end.reason.lower()
    assert end.step == 9  # detected at the first logged step after it happened
    ck = run.latest_checkpoint()
    assert ck.step == 5
    assert all(torch.isfinite(t).all() for t in ck.load_model_tensors().values())
    assert run.read_status()["status"] == "failed"


def test_out_of_memory_becomes_a_message(tmp_path, monkeypatch):
    run = make_prepared_run(tmp_path)

    def oom(self):  # a simulated CUDA OOM (no GPU here)
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(engine._Trainer, "train_step", oom)
    end = run_events(run)[-1]
    assert end.status == "failed" and "Out of memory" in end.reason and "smaller batch" in end.reason


def test_context_longer_than_corpus_is_refused(tmp_path):
    cfg = tiny_config().with_changes(model={"block_size": 64})
    run = RunStore(tmp_path).create(cfg, "short")
    from lmlab.core.corpus import corpus_from_texts
    from lmlab.core.errors import ConfigError
    from lmlab.core.jobs.drive import drain
    from lmlab.core.pipeline import prepare_run

    with pytest.raises(ConfigError, match="fewer than one block"):
        drain(prepare_run(run, corpus_from_texts(["just a few words of text " * 3])))


def test_config_from_newer_lmlab_fails_clearly(tmp_path):
    run = make_prepared_run(tmp_path)
    raw = json.loads((run.path / "config.json").read_text())
    raw["schema_version"] = 99
    (run.path / "config.json").write_text(json.dumps(raw))
    end = run_events(run)[-1]
    assert end.status == "failed" and "newer lmlab" in end.reason


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"model": {"n_embd": 30, "n_head": 4}}, "n_embd"),
        ({"train": {"max_steps": 0}}, "max_steps"),
        ({"train": {"learning_rate": -1.0}}, "learning_rate"),
        ({"model": {"dropout": 1.0}}, "dropout"),
        ({"data": {"tokenizer": "bpe", "vocab_size": 100}}, "vocab_size"),
    ],
)
def test_impossible_configs_name_the_field(changes, field):
    from lmlab.core.config import validate

    errs = validate(tiny_config().with_changes(**changes))
    assert errs and errs[0].field == field and errs[0].args[0].endswith(".")
