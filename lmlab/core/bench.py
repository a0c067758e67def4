"""Training throughput, measured on the engine's own step (``lmlab bench``).

The timed loop is the engine's ``train_step`` (sampling, forward, backward, clip,
AdamW), with one device sync at the end, exactly like the reference loop in
``shared/bench/reference_gpt.py`` so the two can be compared as a ratio. The result
also carries the model FLOPs utilisation against the device's peak (``core.mfu``).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import torch

from .config import RunConfig, check
from .corpus import Corpus
from .device import resolve_device, synchronize
from .engine import Control, StepMetrics, _Trainer, train
from .jobs.drive import drain
from .mfu import device_peak, mfu
from .model import model_size
from .pipeline import prepare_run
from .runs import RunStore


def measure_throughput(
    cfg: RunConfig, corpus: Corpus | None = None, steps: int = 60, warmup: int = 10, workdir: str | Path | None = None
) -> dict:
    """Train ``warmup`` untimed then ``steps`` timed steps; tokens/s and ms/step as a dict."""
    check(cfg)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        store = RunStore(tmp)
        run = store.create(cfg.with_changes(train={"max_steps": warmup + steps}), "bench")
        data = drain(prepare_run(run, corpus))
        cfg = run.read_config()
        if cfg.train.threads:
            torch.set_num_threads(cfg.train.threads)
        device = resolve_device(cfg.train.device)
        tr = _Trainer(run, cfg, data, device)
        tr.model.train()
        for _ in range(warmup):
            tr.train_step()
        synchronize(device)
        t0 = time.perf_counter()
        for _ in range(steps):
            loss, _ = tr.train_step()
        final = float(loss.item())  # synchronises
        dt = time.perf_counter() - t0
        params = sum(p.numel() for p in tr.model.parameters())
    tokens_per_s = steps * cfg.tokens_per_step / dt
    flops_per_token = model_size(cfg.model).flops_per_token
    peak = device_peak(device, tr.precision.name)
    return {
        "tokens_per_s": tokens_per_s,
        "flops_per_token": flops_per_token,
        "mfu": mfu(flops_per_token, tokens_per_s, peak),
        "peak_flops_per_s": peak.flops_per_s,
        "peak_source": peak.source,
        "ms_per_step": 1000 * dt / steps,
        "params": params,
        "final_loss": final,
        "device": device.kind,
        "device_name": device.name,
        "precision": tr.precision.name,
        "shape": {
            "n_layer": cfg.model.n_layer, "n_head": cfg.model.n_head, "n_embd": cfg.model.n_embd,
            "block_size": cfg.model.block_size, "batch_size": cfg.train.batch_size,
        },
        "steps": steps,
        "warmup": warmup,
        "torch": torch.__version__,
    }


def measure_engine_throughput(
    cfg: RunConfig, corpus: Corpus | None = None, steps: int = 60, warmup: int = 10, workdir: str | Path | None = None
) -> dict:
    """Run the whole engine loop headless, as ``lmlab train`` does, for ``warmup + steps`` steps.

    Returns the median ``tokens_per_s`` of the ``StepMetrics`` after the warmup: the same
    figure the app's training panel shows, measured without any GUI, so ``lmlab bench --gui``
    can report the app's throughput as a ratio of this one.
    """
    check(cfg)
    cfg = cfg.with_changes(train={"max_steps": int(warmup) + int(steps), "token_budget": 0})
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        run = RunStore(tmp).create(cfg, "bench-headless")
        drain(prepare_run(run, corpus))
        if cfg.train.threads:
            torch.set_num_threads(cfg.train.threads)
        samples = [ev.tokens_per_s for ev in train(run, Control()) if isinstance(ev, StepMetrics) and ev.step > warmup]
    return {
        "tokens_per_s": statistics.median(samples) if samples else None,
        "tokens_per_s_samples": len(samples),
    }
