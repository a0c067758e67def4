"""The pre-flight estimate: will this run finish, fit and make sense? With the fix for each "no".

``estimate(cfg, measurement, n_train_tokens, free_bytes)`` turns a micro-benchmark
(``tuning.measure``) into

* the time to finish the budget: steps x seconds per step, plus the evaluations (``eval_batches``
  forward passes of each of the two parts every ``eval_every`` steps, and the probe), the checkpoints,
  and building the model;
* the peak memory against the device's free memory (measured on CUDA, estimated elsewhere);
* tokens per parameter against Chinchilla's ~20 (Hoffmann et al. 2022);
* epochs: passes over the training text.

and into warnings, each with its fixes as data (``Fix(label, changes)``), which the Training
panel turns into buttons and ``lmlab preflight`` prints:

* it will not fit in memory -> a smaller batch with gradient accumulation keeping the effective
  batch (the same optimisation, in more, smaller passes); a smaller model when even one sequence does not fit;
* more than ``MAX_EPOCHS`` passes over the text -> fewer steps;
* longer than a night (``NIGHT_S``) -> fewer steps.

Worked example (the ``cpu`` preset, 2,000 steps of 12 x 64 tokens, 0.8 M parameters, on the
1.0 M-character Shakespeare training text): 1.5 M tokens = 1.5 epochs, 1.9 tokens per parameter.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ..config import RunConfig
from ..errors import user_text
from ..model import model_size
from ..units import human_bytes, human_duration
from .events import Fix, Measurement, PreflightEstimate, PreflightWarning
from .measure import estimated_bytes

CHINCHILLA_TOKENS_PER_PARAM = 20.0
MAX_EPOCHS = 10  # beyond ~10 passes a small model mostly memorises its text
NIGHT_S = 8 * 3600.0  # "longer than a night"
MEMORY_HEADROOM = 0.9  # plan to use at most this share of the free memory (the allocator, the app, the OS)


def evaluations(total_steps: int, every: int) -> int:
    """How many evaluations the engine runs: every ``every`` steps and once at the end.

    Example: 2,000 steps every 250 -> 8; 45 every 20 -> 3 (20, 40, 45).
    """
    return total_steps // every + (1 if total_steps % every else 0)


def estimate(cfg: RunConfig, measurement: Measurement | None, n_train_tokens: int | None,
             free_bytes: int | None, device: str = "cpu", device_name: str = "") -> PreflightEstimate:
    """The pre-flight estimate of ``cfg`` (``model.vocab_size`` filled in or guessed); see the module docstring.

    ``measurement`` None: no time yet (the memory is then the estimate from the shape).
    """
    t = cfg.train
    total = cfg.total_steps
    tokens = total * cfg.tokens_per_step
    params = model_size(cfg.model).total_params
    epochs = tokens / n_train_tokens if n_train_tokens else None
    measured = measurement is not None and measurement.fits and measurement.peak_bytes > 0
    peak = measurement.peak_bytes if measured else estimated_bytes(cfg)
    est = PreflightEstimate(
        total_steps=total, tokens=tokens, params=params, tokens_per_param=tokens / max(1, params), epochs=epochs,
        peak_bytes=peak, memory_measured=measured, free_bytes=free_bytes,
        device=measurement.device if measurement else device,
        device_name=measurement.device_name if measurement else device_name, measurement=measurement,
    )
    per_eval = 0.0
    if measurement is not None and measurement.fits:
        per_eval = 2 * t.eval_batches * measurement.eval_forward_s + measurement.eval_fixed_s
        train_s = total * measurement.step_s
        eval_s = evaluations(total, t.eval_every) * per_eval
        ckpt_s = evaluations(total, t.checkpoint_every) * measurement.checkpoint_s
        est = _with(est, seconds=measurement.setup_s + train_s + eval_s + ckpt_s, train_s=train_s, eval_s=eval_s,
                    checkpoint_s=ckpt_s, step_s=measurement.step_s)
    warnings = []
    memory = _memory_warning(cfg, est, measurement)
    if memory:
        warnings.append(memory)
    if epochs is not None and epochs > MAX_EPOCHS:
        steps = max(1, int(MAX_EPOCHS * n_train_tokens / cfg.tokens_per_step))
        warnings.append(PreflightWarning(
            "epochs", "max_steps",
            user_text("{total:,} steps read the training text {epochs:.0f} times; beyond {most} passes a model "
                      "mostly memorises it.", total=total, epochs=epochs, most=MAX_EPOCHS),
            (Fix(user_text("Train {steps:,} steps ({epochs} epochs)", steps=steps, epochs=MAX_EPOCHS),
                 _steps_change(steps)),)))
    if est.seconds is not None and est.seconds > NIGHT_S and measurement is not None:
        per_step = measurement.step_s + per_eval / t.eval_every + measurement.checkpoint_s / t.checkpoint_every
        steps = max(1, int((NIGHT_S - measurement.setup_s) / max(per_step, 1e-9)))
        warnings.append(PreflightWarning(
            "time", "max_steps",
            user_text("This run would take about {time}, longer than a night ({night}).",
                      time=human_duration(est.seconds), night=human_duration(NIGHT_S)),
            (Fix(user_text("Train {steps:,} steps (~{night})", steps=steps, night=human_duration(NIGHT_S)),
                 _steps_change(steps)),)))
    return _with(est, warnings=tuple(warnings))


def _with(est: PreflightEstimate, **changes) -> PreflightEstimate:
    return replace(est, **changes)


def _steps_change(steps: int) -> dict:
    return {"train": {"max_steps": steps, "token_budget": 0}}


def _memory_warning(cfg: RunConfig, est: PreflightEstimate, m: Measurement | None) -> PreflightWarning | None:
    """Out of memory (measured), or an estimate above the free memory: the batch that fits, else a smaller model."""
    oom = m is not None and not m.fits
    free = est.free_bytes
    if not oom and (free is None or est.peak_bytes <= free):
        return None
    budget = int((free or 0) * MEMORY_HEADROOM)
    t = cfg.train
    per_seq, fixed = _memory_per_sequence(cfg, est)
    where = est.device_name or est.device
    if oom:
        msg = user_text("This model and batch ran out of memory on {device}.", device=where)
    elif est.memory_measured:
        msg = user_text("Training needs about {need}, more than the {free} free on {device}.",
                        need=human_bytes(est.peak_bytes), free=human_bytes(free), device=where)
    else:
        msg = user_text("Training needs about {need} (estimated), more than the {free} free on {device}.",
                        need=human_bytes(est.peak_bytes), free=human_bytes(free), device=where)
    fixes = []
    fit_batch = int((budget - fixed) // per_seq) if per_seq > 0 and budget > fixed else 0
    if oom and free is None:
        fit_batch = t.batch_size // 2
    effective = t.batch_size * t.grad_accum
    micro = max((b for b in range(1, min(fit_batch, t.batch_size - 1) + 1) if effective % b == 0), default=0)
    if micro:
        fixes.append(Fix(user_text("Batch {micro} × {accum} accumulation", micro=micro, accum=effective // micro),
                         {"train": {"batch_size": micro, "grad_accum": effective // micro}}))
    else:
        smaller = _smaller_model(cfg, budget)
        if smaller is not None:
            m2 = smaller.model
            fixes.append(Fix(user_text("Smaller model: depth {depth}, width {width}, batch 1 × {accum}",
                                       depth=m2.n_layer, width=m2.n_embd, accum=effective),
                             {"model": {"n_layer": m2.n_layer, "n_embd": m2.n_embd, "n_head": m2.n_head},
                              "train": {"batch_size": 1, "grad_accum": effective}}))
    return PreflightWarning("memory", "batch_size", msg, tuple(fixes))


def _memory_per_sequence(cfg: RunConfig, est: PreflightEstimate) -> tuple[float, float]:
    """(bytes per sequence of the micro-batch, bytes that do not depend on it), scaled to the measured peak."""
    b = cfg.train.batch_size
    fixed = estimated_bytes(cfg, 0)  # weights, gradients, optimizer state
    per_seq = (estimated_bytes(cfg, b) - fixed) / b
    if est.memory_measured and est.peak_bytes > fixed:
        per_seq = (est.peak_bytes - fixed) / b
    return per_seq, fixed


def _smaller_model(cfg: RunConfig, budget: int) -> RunConfig | None:
    """Halve the width (and the heads, when the width would no longer divide), then the depth, until batch 1 fits."""
    c = cfg.with_changes(train={"batch_size": 1})
    for _ in range(12):
        m = c.model
        if m.n_embd >= 2 * max(8, m.n_head) and m.n_embd % 2 == 0:
            heads = m.n_head if (m.n_embd // 2) % m.n_head == 0 else max(1, math.gcd(m.n_embd // 2, m.n_head))
            c = c.with_changes(model={"n_embd": m.n_embd // 2, "n_head": heads})
        elif m.n_layer > 1:
            c = c.with_changes(model={"n_layer": m.n_layer // 2})
        else:
            return None
        if estimated_bytes(c) <= budget:
            return c
    return None
