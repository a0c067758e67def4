"""The health monitor: loss spikes and non-finite values, then stop or roll back (``train.on_divergence``).

The engine calls ``HealthMonitor.check`` at each logged step (the only GPU sync) and, when it returns
a ``Problem``, runs ``roll_back``, which either rolls the run back or says why it stops.

A **spike** is a logged loss, after the warmup and at least ``MIN_LOGS`` logged losses, that is above
``spike_factor`` times the median of the last ``WINDOW`` logged losses *and* at least ``MIN_JUMP`` nats
above it (a low loss doubling, 0.1 -> 0.3 in a fine-tune, is batch noise, not divergence). Example
(spike_factor 3): recent losses around 2.0, a logged 6.5 is a spike, 5.5 is not. **Non-finite**: a
loss that is nan or inf, or a gradient norm that is (unless fp16's loss scaler is in use: it skips
such steps itself while it calibrates).

A checkpoint is **good** when the check passed at its step: the engine logs (and checks) every
checkpoint step before it saves, so a checkpoint is never written from a state already diverged;
``roll_back`` takes the newest one at or before the last step that passed, and before the problem.

**Roll back**: restore that checkpoint (weights, optimizer, random state, step), multiply the
learning rate by ``LR_FACTOR`` (through ``lr_scale``, applied on top of ``engine.lr_at``), drop the
metrics after it, record ``RolledBack``, and save the checkpoint again so that it carries the lower
rate (a resume keeps it). After ``MAX_ROLLBACKS`` roll-backs the run stops with a sentence.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..errors import user_text
from .events import RolledBack

WINDOW = 20  # logged losses the median is taken over
MIN_LOGS = 5  # logged losses needed before a spike can be judged
MIN_JUMP = 1.0  # nats above the median a spike must also be
LR_FACTOR = 0.5  # the learning rate after each roll-back, relative to before
MAX_ROLLBACKS = 3  # then stop: lowering the rate again and again is not going to help


@dataclass(frozen=True)
class Problem:
    step: int
    kind: str  # "spike" | "non-finite"
    loss: float
    median: float | None  # of the recent losses (a spike), else None
    what: str = "loss"  # "loss" | "gradient norm" (which value was not finite)

    def sentence(self) -> str:
        """What happened, in one sentence without advice."""
        if self.kind == "spike":
            return user_text("The loss jumped to {loss:.3f} at step {step:,}, {times:.1f} times the recent median "
                             "{median:.3f}", loss=self.loss, step=self.step, times=self.loss / self.median,
                             median=self.median)
        if self.what == "gradient norm":
            return user_text("The gradient norm became {value} at step {step:,}", value=self.loss, step=self.step)
        return user_text("The loss became {value} at step {step:,}", value=self.loss, step=self.step)


class HealthMonitor:
    """Watches the logged losses of one run (see the module docstring)."""

    def __init__(self, spike_factor: float, warmup_steps: int, policy: str, check_grad: bool = True):
        self.spike_factor, self.warmup, self.policy, self.check_grad = spike_factor, warmup_steps, policy, check_grad
        self.lr_scale = 1.0  # applied on top of engine.lr_at; lowered by each roll-back
        self.rollbacks = 0
        self.last_ok_step: int | None = None  # the last logged step that passed (None: none this session)
        self._recent: deque[tuple[int, float]] = deque(maxlen=WINDOW)

    def check(self, step: int, loss: float, grad_norm: float) -> Problem | None:
        """None if this logged step looks healthy (it joins the recent losses), else the problem."""
        if not math.isfinite(loss):
            return Problem(step, "non-finite", loss, None)
        if self.check_grad and not math.isfinite(grad_norm):
            return Problem(step, "non-finite", grad_norm, None, "gradient norm")
        if self.spike_factor > 0 and step > self.warmup and len(self._recent) >= MIN_LOGS:
            median = statistics.median(v for _, v in self._recent)
            if loss > self.spike_factor * median and loss > median + MIN_JUMP:
                return Problem(step, "spike", loss, median)
        self._recent.append((step, loss))
        self.last_ok_step = step
        return None

    def forget_after(self, step: int) -> None:
        """The run went back to ``step``: the losses logged after it are no longer part of its history."""
        kept = [(s, v) for s, v in self._recent if s <= step]
        self._recent = deque(kept, maxlen=WINDOW)
        self.last_ok_step = step

    def state(self) -> dict:
        return {"lr_scale": self.lr_scale, "rollbacks": self.rollbacks}

    def load_state(self, state: dict | None) -> None:
        """From a checkpoint's ``state.json`` (one written before the monitor existed has none)."""
        state = state if isinstance(state, dict) else {}
        scale = state.get("lr_scale", 1.0)
        self.lr_scale = float(scale) if isinstance(scale, (int, float)) and 0 < scale <= 1 else 1.0
        n = state.get("rollbacks", 0)
        self.rollbacks = int(n) if isinstance(n, int) and n >= 0 else 0


def roll_back(tr, problem: Problem) -> Iterator:
    """Roll ``tr`` (the engine's ``_Trainer``) back from ``problem``, yielding ``RolledBack`` and the
    re-saved ``Checkpointed``; returns None to go on, or the sentence the run stops with."""
    health = tr.health
    if health.policy != "rollback":
        return user_text("{problem}: training diverged. Try a lower learning rate or more warmup; the last good "
                         "checkpoint is kept.", problem=problem.sentence())
    if health.rollbacks >= MAX_ROLLBACKS:
        return user_text("{problem}: training diverged again after {n} roll-backs (learning rate already "
                         "x{scale:g}), so it stops here. Try a lower learning rate or more warmup; the last good "
                         "checkpoint is kept.", problem=problem.sentence(), n=health.rollbacks, scale=health.lr_scale)
    limit = problem.step - 1 if health.last_ok_step is None else min(problem.step - 1, health.last_ok_step)
    good = [ck for ck in tr.run.checkpoints() if ck.step <= limit]
    if not good:
        return user_text("{problem}: training diverged, and there is no good checkpoint to roll back to. Try a lower "
                         "learning rate or more warmup; the last good checkpoint is kept.", problem=problem.sentence())
    ck = good[-1]
    scale, count = health.lr_scale * LR_FACTOR, health.rollbacks + 1
    tr.restore(ck)  # weights, optimizer, random state, step; drops the metrics after it
    health.lr_scale, health.rollbacks = scale, count
    health.forget_after(ck.step)
    tr.start_clock()
    ev = RolledBack(ck.step, problem.step, problem.kind, float(problem.loss), scale, count,
                    user_text("{problem}: rolled back to the checkpoint at step {step:,} and continues with the "
                              "learning rate x{scale:g} (roll-back {count} of at most {most}).",
                              problem=problem.sentence(), step=ck.step, scale=scale, count=count, most=MAX_ROLLBACKS))
    tr.run.append_metrics(asdict(ev))
    yield ev
    yield tr.save()  # the checkpoint carries the lower rate now: a resume keeps it
    return None
