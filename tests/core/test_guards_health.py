"""The health monitor on real tiny runs: an injected divergence is rolled back (or stops the run).

The divergence is injected by monkeypatching ``engine._Trainer.train_step`` in the test: before the
optimizer step that ends at ``at``, every weight is multiplied by 30 (once), so the loss logged at
``at`` jumps far above the recent median. Nothing in lmlab carries a test hook.
"""

from __future__ import annotations

import math

import pytest
import torch

from lmlab.core import engine
from lmlab.core.engine import Checkpointed, Control, Finished, StepMetrics, lr_at, train
from lmlab.core.guards.events import RolledBack
from lmlab.core.guards.monitor import MAX_ROLLBACKS, HealthMonitor, Problem, roll_back
from lmlab.core.runs import read_json
from tests.conftest import make_prepared_run, tiny_config


APPLIED: dict[int, float] = {}  # step -> the learning rate the optimizer used for it (filled by ``inject``)


def inject(monkeypatch, at: int, factor: float = 30.0, times: int = 1) -> list[int]:
    """Corrupt the weights before the step that ends at ``at`` (``times`` times); returns the steps hit.
    Also records the rate each step's optimizer really used in ``APPLIED``."""
    original = engine._Trainer.train_step
    hit: list[int] = []
    APPLIED.clear()

    def train_step(self):
        if self.step == at - 1 and len(hit) < times:
            hit.append(at)
            with torch.no_grad():
                for p in self.model.parameters():
                    p.mul_(factor) if factor == factor else p.fill_(float("nan"))
        out = original(self)
        APPLIED[self.step] = self.optimizer.parts[0][1].param_groups[0]["lr"] / self.optimizer.parts[0][2]
        return out

    monkeypatch.setattr(engine._Trainer, "train_step", train_step)
    return hit


def cfg_for(policy: str, **train):
    return tiny_config(max_steps=40, eval_every=20, checkpoint_every=10, log_every=1, on_divergence=policy, **train)


@pytest.mark.parametrize("at", [25, 30])  # between checkpoints; at a checkpoint step (30 must not be kept as good)
def test_rollback_resumes_from_the_last_good_checkpoint_with_a_lower_rate(tmp_path, monkeypatch, at):
    cfg = cfg_for("rollback")
    clean = {e.step: e for e in train(make_prepared_run(tmp_path / "clean", cfg)) if isinstance(e, StepMetrics)}
    run = make_prepared_run(tmp_path / "spiked", cfg)
    hit = inject(monkeypatch, at)
    events = list(train(run))
    assert hit == [at] and events[-1].status == "finished", events[-1].reason
    backs = [e for e in events if isinstance(e, RolledBack)]
    assert len(backs) == 1
    back = backs[0]
    assert (back.step, back.from_step, back.problem, back.lr_scale, back.rollbacks) == (20, at, "spike", 0.5, 1)
    assert back.loss > 3 * clean[at].loss
    # No checkpoint was ever written from the diverged state: the one at 30 (if any) is from after the roll-back.
    after = events[events.index(back):]
    assert [e.step for e in after if isinstance(e, Checkpointed)][0] == 20  # re-saved with the lower rate
    # The weights and random state are the checkpoint's: the first step after it sees the same batch and
    # the same weights as the clean run (the logged loss is measured before that step's update) ...
    steps = [e for e in after if isinstance(e, StepMetrics)]
    assert steps[0].step == 21 and steps[0].loss == clean[21].loss
    # ... and trains on at half the learning rate from there on.
    for e in steps:
        assert e.lr == APPLIED[e.step] == pytest.approx(0.5 * lr_at(e.step - 1, cfg, 40))
    # metrics.jsonl: the curve continues from 20 without the diverged steps, and holds the event.
    recs = run.read_metrics()
    assert [r["step"] for r in recs if r["type"] == "step"] == list(range(1, 41))
    assert [(r["step"], r["from_step"]) for r in recs if r["type"] == "rollback"] == [(20, at)]
    assert read_json(run.latest_checkpoint().path / "state.json")["health"] == {"lr_scale": 0.5, "rollbacks": 1}


def test_a_resumed_run_keeps_the_lowered_rate(tmp_path, monkeypatch):
    cfg = cfg_for("rollback")
    run = make_prepared_run(tmp_path, cfg)
    inject(monkeypatch, 25)
    control = Control()
    first = []
    for ev in train(run, control):
        first.append(ev)
        if isinstance(ev, RolledBack):
            control.stop()
    assert first[-1].status == "stopped" and first[-1].step == 20
    second = list(train(run))
    assert second[-1].status == "finished"
    lrs = [(e.step, e.lr) for e in second if isinstance(e, StepMetrics)]
    assert lrs[0][0] == 21
    for step, lr in lrs:
        assert lr == APPLIED[step] == pytest.approx(0.5 * lr_at(step - 1, cfg, 40))


def test_stop_policy_stops_as_before(tmp_path, monkeypatch):
    run = make_prepared_run(tmp_path / "spike", cfg_for("stop"))
    inject(monkeypatch, 25)
    events = list(train(run))
    end = events[-1]
    assert isinstance(end, Finished) and end.status == "failed" and end.step == 25
    assert end.reason.startswith("The loss jumped to ") and "training diverged" in end.reason
    assert not any(isinstance(e, RolledBack) for e in events)
    assert run.latest_checkpoint().step == 20  # the last good checkpoint is kept
    monkeypatch.undo()
    run = make_prepared_run(tmp_path / "nan", cfg_for("stop"))
    inject(monkeypatch, 25, factor=math.nan)
    end = list(train(run))[-1]
    assert end.status == "failed" and end.reason == (
        "The loss became nan at step 25: training diverged. Try a lower learning rate or more warmup; "
        "the last good checkpoint is kept.")


def test_rollbacks_are_limited(tmp_path, monkeypatch):
    run = make_prepared_run(tmp_path, cfg_for("rollback"))
    inject(monkeypatch, 25, times=MAX_ROLLBACKS + 1)
    events = list(train(run))
    assert sum(isinstance(e, RolledBack) for e in events) == MAX_ROLLBACKS
    end = events[-1]
    assert end.status == "failed" and f"after {MAX_ROLLBACKS} roll-backs" in end.reason


@pytest.mark.parametrize(("losses", "spike"), [
    ([2.0] * 6 + [6.5], True),
    ([2.0] * 6 + [5.5], False),  # under 3x the median
    ([0.1] * 6 + [0.5], False),  # 5x, but less than 1 nat above: fine-tune noise
    ([2.0] * 3 + [9.0], False),  # too few losses yet to judge
])
def test_spike_rule(losses, spike):
    mon = HealthMonitor(spike_factor=3.0, warmup_steps=0, policy="stop")
    found = [mon.check(i + 1, v, 1.0) for i, v in enumerate(losses)]
    assert (found[-1] is not None and found[-1].kind == "spike") == spike
    assert all(f is None for f in found[:-1])


def test_no_checkpoint_to_roll_back_to_is_a_sentence(tmp_path):
    class Tr:  # a trainer with a run that has no checkpoint
        health = HealthMonitor(3.0, 0, "rollback")
        run = make_prepared_run(tmp_path, cfg_for("rollback"))

    gen = roll_back(Tr(), Problem(5, "non-finite", math.inf, None))
    with pytest.raises(StopIteration) as stop:
        next(gen)
    assert "no good checkpoint" in stop.value.value
