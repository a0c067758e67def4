"""The learning-rate range test (Smith 2017, "Cyclical Learning Rates"; fastai's ``lr_find``).

A short run of the engine's own trainer in which the learning rate rises exponentially, step by
step, from ``lr_min`` to ``lr_max``; the loss is smoothed (an exponential moving average with bias
correction) and the test stops once it diverges (the smoothed loss above ``DIVERGE`` times its
minimum, or not finite).

The suggestion: **a third of the rate where the smoothed loss was lowest** (Smith's own rule: the
maximum rate is where the loss stops falling, the rate to train with a factor 3 to 4 below it).
Where the loss is lowest the steps are already at the edge of stability; a run of thousands of
steps at the peak rate needs a margin, but not fastai's factor of 10: the range test gives each
rate only a few steps, so its curve falls late, and min-loss / 10 or the point of steepest descent
(both reported) land a factor of 3 to 4 below the rate that long runs prefer. Measured on the ``cpu``
preset (150 steps, two seeds): lowest smoothed loss at 6.7e-3 and 9.7e-3 -> suggestions 2.2e-3 and
3.2e-3, against the 3e-3 tuned by full runs (docs/benchmarks.md); min-loss / 10 gave 8e-4 and 1e-3,
the steepest descent 6.6e-4 and 1.1e-3. tests/core/test_tuning.py keeps it within a factor of 3.
"""

from __future__ import annotations

import math
import time
from collections.abc import Generator

import numpy as np

from ..engine import _Trainer
from ..optim import OptimizerSet
from .events import LrFindResult, LrPoint

LR_MIN = 1e-6
LR_MAX = 1.0
STEPS = 150
SMOOTHING = 0.9  # EMA factor of the loss: a window of ~10 steps; more lags the curve towards larger rates
DIVERGE = 4.0  # stop once the smoothed loss is this many times its minimum (or above where it began)
FELL = 0.9  # ... once it has fallen below this share of where it began
RULE = "a third of the rate where the smoothed loss was lowest"
MARGIN = 3.0  # the suggestion is the min-loss rate divided by this


class RangeTestRate(OptimizerSet):
    """The run's optimizers, with the learning rate set by the range test instead of the engine's schedule."""

    def __init__(self, inner: OptimizerSet):
        super().__init__(inner.parts)
        self.rate = 0.0

    def set_lr(self, lr: float) -> None:  # the engine's scheduled rate is ignored
        super().set_lr(self.rate)


def rate_at(i: int, steps: int, lr_min: float = LR_MIN, lr_max: float = LR_MAX) -> float:
    """The rate at step ``i`` of ``steps``: exponential from ``lr_min`` to ``lr_max``.

    Example: 1e-6 -> 1 over 7 steps: 1e-6, 1e-5, ..., 1 (one decade a step).
    """
    return lr_min * (lr_max / lr_min) ** (i / max(1, steps - 1))


def smooth(losses: list[float], beta: float = SMOOTHING) -> list[float]:
    """Exponential moving average with bias correction: [4, 2] with beta 0.5 -> [4, 2.67]."""
    out, avg = [], 0.0
    for i, x in enumerate(losses):
        avg = beta * avg + (1 - beta) * x
        out.append(avg / (1 - beta ** (i + 1)))
    return out


def suggest(lrs: list[float], smoothed: list[float], skip: int = 5) -> tuple[float | None, float | None, float | None]:
    """(suggestion, min-loss rate, steepest-descent rate) of a range test; Nones when the loss never fell.

    ``skip``: the first steps are left out (the average is still settling). The steepest descent is
    the most negative slope of the smoothed loss against log(rate), before the minimum.
    """
    if len(smoothed) <= skip + 2:
        return None, None, None
    ys = np.asarray(smoothed[skip:])
    xs = np.log10(np.asarray(lrs[skip:]))
    i_min = int(np.nanargmin(ys))
    if ys[i_min] >= ys[0]:
        return None, None, None
    min_lr = float(10 ** xs[i_min])
    slopes = np.gradient(ys[: i_min + 1], xs[: i_min + 1]) if i_min >= 2 else np.zeros(1)
    steepest = float(10 ** xs[int(np.argmin(slopes))]) if i_min >= 2 else None
    return min_lr / MARGIN, min_lr, steepest


def range_test(tr: _Trainer, steps: int = STEPS, lr_min: float = LR_MIN,
               lr_max: float = LR_MAX) -> Generator[LrPoint, None, LrFindResult]:
    """Run the range test on ``tr`` (a fresh trainer; its model is trained by the test); yields each step."""
    opt = RangeTestRate(tr.optimizer)
    tr.optimizer = opt
    tr.model.train()
    lrs: list[float] = []
    losses: list[float] = []
    smoothed: list[float] = []
    stopped, best = "end", math.inf
    t0 = time.perf_counter()
    for i in range(steps):
        opt.rate = rate_at(i, steps, lr_min, lr_max)
        loss, _ = tr.train_step()
        value = float(loss.item())
        lrs.append(opt.rate)
        losses.append(value)
        smoothed = smooth(losses)  # a few hundred values: recomputing keeps one definition
        s = smoothed[-1]
        yield LrPoint(i + 1, steps, opt.rate, value, s)
        fell = best < FELL * smoothed[0]  # the loss has come down: climbing back above the start is divergence
        if not math.isfinite(s) or s > DIVERGE * best or (fell and s > smoothed[0]):
            stopped = "diverged"
            break
        best = min(best, s)
    suggestion, min_lr, steepest = suggest(lrs, smoothed)
    return LrFindResult(tuple(lrs), tuple(losses), tuple(smoothed), suggestion, min_lr, steepest, stopped, RULE,
                        tr.device.name, time.perf_counter() - t0)
