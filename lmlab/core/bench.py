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
from . import speed_choice
from .corpus import Corpus
from .device import DeviceInfo, resolve_device, synchronize
from .engine import Control, StepMetrics, _Trainer, train
from .jobs.drive import drain
from .mfu import device_peak, mfu
from .model import model_size
from .pipeline import prepare_run
from .runs import RunStore


def _timed_steps(run, cfg: RunConfig, data, device: DeviceInfo, steps: int, warmup: int) -> dict:
    """Build the engine's trainer for ``cfg`` and time ``steps`` steps after ``warmup`` untimed ones.

    The first step is timed on its own: with ``compile`` it holds the compilation, reported as
    ``compile_s`` (first step minus a steady step), apart from the steady tokens/s.
    """
    tr = _Trainer(run, cfg, data, device)
    compiled = tr.speed.compile
    tr.model.train()
    t0 = time.perf_counter()
    tr.train_step()
    synchronize(device)
    first = time.perf_counter() - t0
    for _ in range(max(0, warmup - 1)):
        tr.train_step()
    synchronize(device)
    t0 = time.perf_counter()
    for _ in range(steps):
        loss, _ = tr.train_step()
    final = float(loss.item())  # synchronises
    dt = time.perf_counter() - t0
    return {
        "tokens_per_s": steps * cfg.tokens_per_step / dt,
        "ms_per_step": 1000 * dt / steps,
        "final_loss": final,
        "compile_s": max(0.0, first - dt / steps) if compiled else 0.0,
        "compiled": compiled,
        "speed_why": tr.speed.why,
        "precision": tr.precision.name,
        "params": sum(p.numel() for p in tr.model.parameters()),
    }


def speed_candidates(cfg: RunConfig, device: DeviceInfo) -> dict[str, dict]:
    """The ways to run ``cfg`` that ``lmlab bench --choose`` measures: eager, compiled, and bf16 autocast on a
    CPU with native bf16 (AVX512-BF16 or AMX), as changes to ``cfg.train``."""
    out = {"eager": {"compile": "off"}, "compiled": {"compile": "on"}}
    if device.kind == "cpu" and torch.ops.mkldnn._is_mkldnn_bf16_supported():
        out["bf16"] = {"compile": "off", "precision": "bf16"}
    return out


def choose_speed(results: dict[str, list[dict]], tolerance: float = 0.02) -> tuple[str, str]:
    """The fastest candidate whose final loss is within ``tolerance`` of eager's, and why, from interleaved rounds.

    Example: eager 9,000 tok/s, compiled 13,000 (same loss) -> ("compiled", "compiled: 1.44x eager ...").
    """
    eager = results["eager"]
    eager_loss = statistics.median(r["final_loss"] for r in eager)
    best, why = "eager", "eager: nothing else was faster with the same loss"
    best_ratio = 1.0
    for name, runs in results.items():
        if name == "eager":
            continue
        ratio = statistics.median(r["tokens_per_s"] / e["tokens_per_s"] for r, e in zip(runs, eager))
        loss = statistics.median(r["final_loss"] for r in runs)
        if abs(loss - eager_loss) > tolerance:
            continue
        if ratio > best_ratio:
            compile_s = max(r["compile_s"] for r in runs)
            best, best_ratio = name, ratio
            why = (f"{name}: {ratio:.2f}x eager's tokens/s (median of {len(runs)} interleaved rounds), loss "
                   f"{loss:.4f} vs {eager_loss:.4f}" + (f"; compiling took up to {compile_s:.1f} s" if compile_s else ""))
    return best, why


def measure_throughput(
    cfg: RunConfig, corpus: Corpus | None = None, steps: int = 60, warmup: int = 10, workdir: str | Path | None = None,
    choose: bool = False, rounds: int = 3,
) -> dict:
    """Train ``warmup`` untimed then ``steps`` timed steps; tokens/s, ms/step and MFU as a dict.

    With ``choose``, each of ``speed_candidates`` is measured ``rounds`` times, interleaved (the order
    rotating each round, so a change in the machine's load falls on all of them), and the result is the
    fastest one whose loss matches eager's, with the choice, the reason and every candidate's figures.
    """
    check(cfg)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        store = RunStore(tmp)
        run = store.create(cfg.with_changes(train={"max_steps": warmup + steps}), "bench")
        data = drain(prepare_run(run, corpus))
        cfg = run.read_config()
        if cfg.train.threads:
            torch.set_num_threads(cfg.train.threads)
        device = resolve_device(cfg.train.device)
        if not choose:
            result = _timed_steps(run, cfg, data, device, steps, warmup)
            choice = None
        else:
            candidates = speed_candidates(cfg, device)
            names = list(candidates)
            results: dict[str, list[dict]] = {n: [] for n in names}
            for r in range(rounds):
                for name in names[r % len(names):] + names[:r % len(names)]:
                    results[name].append(_timed_steps(run, cfg.with_changes(train=candidates[name]), data, device,
                                                      steps, max(1, warmup)))
            best, why = choose_speed(results)
            speed_choice.record(cfg, device, best, why)  # runs with compile "auto" use it from now on
            cfg = cfg.with_changes(train=candidates[best])
            runs = results[best]
            median = statistics.median(y["tokens_per_s"] for y in runs)
            # the round nearest the median, with the first (coldest) compilation's time
            result = min(runs, key=lambda x: abs(x["tokens_per_s"] - median)) | {
                "compile_s": max(x["compile_s"] for x in runs)}
            choice = {"choice": best, "compile": best == "compiled", "why": why, "candidates": {
                n: {"tokens_per_s": [round(x["tokens_per_s"], 1) for x in rs], "final_loss": rs[0]["final_loss"],
                    "compile_s": [round(x["compile_s"], 2) for x in rs]} for n, rs in results.items()}}
    flops_per_token = model_size(cfg.model).flops_per_token
    peak = device_peak(device, result["precision"], achieved=flops_per_token * result["tokens_per_s"])
    return result | {
        "flops_per_token": flops_per_token,
        "mfu": mfu(flops_per_token, result["tokens_per_s"], peak),
        "peak_flops_per_s": peak.flops_per_s,
        "peak_source": peak.source,
        "compile": result["compiled"],
        "device": device.kind,
        "device_name": device.name,
        "shape": {
            "n_layer": cfg.model.n_layer, "n_head": cfg.model.n_head, "n_embd": cfg.model.n_embd,
            "block_size": cfg.model.block_size, "batch_size": cfg.train.batch_size,
        },
        "steps": steps,
        "warmup": warmup,
        "torch": torch.__version__,
    } | ({"speed_choice": choice} if choice else {})


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
