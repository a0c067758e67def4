"""The pre-flight micro-benchmark: a few real optimizer steps of the engine's own trainer.

Speed and memory depend on the shape, the batch, the device and the precision, not on which tokens
are trained on; so the benchmark trains on random tokens of the model's vocabulary in a temporary
folder (no run is created, nothing of it stays on disk), and works before a corpus is tokenised.

Each measurement is cached per (shape, batch, device, precision, compile, threads, torch) in the
user's cache folder (``preflight.json``), so a setting changed back reads its answer at once.

Memory: on CUDA the peak is measured (``torch.cuda.max_memory_allocated``) against the free memory
(``torch.cuda.mem_get_info``); on the CPU nothing is tried that might not fit: the peak is estimated
from the parameters, the optimizer's state and the activations (``model.model_size``) against the
available RAM (``/proc/meminfo``'s MemAvailable where there is one).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Generator
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import torch

from ..config import RunConfig
from ..dataset import PreparedData, token_dtype
from ..device import DeviceInfo, is_out_of_memory, release_memory, resolve_device, resolve_precision, synchronize
from ..engine import _Trainer
from ..model import model_size
from ..runs import RunStore, atomic_write_json
from ..tokenizers import TOKENIZER_FILE, CharTokenizer
from .events import Measurement, MeasureProgress

CACHE_VERSION = 1
MIN_STEPS = 3  # timed steps at least
MAX_STEPS = 40  # and at most
MIN_SECONDS = 1.0  # timed steps go on until this much time has passed (or MAX_STEPS)
WARMUP_STEPS = 2  # untimed steps after the first (allocator, kernel choice)


# -- memory ----------------------------------------------------------------------------------------


def estimated_bytes(cfg: RunConfig, batch_size: int | None = None) -> int:
    """Training's peak memory from the shape: fp32 weights, gradients and AdamW's two moments, plus the
    activations kept for the backward pass of one micro-batch (``model.model_size``).

    Example: the cpu preset (vocabulary 65) at batch 12 -> about 0.1 GiB.
    """
    bf = cfg.train.precision in ("bf16", "fp16")
    return model_size(cfg.model, cfg.train.batch_size if batch_size is None else batch_size, fp32=not bf).train_memory_bytes


def available_ram() -> int | None:
    """Bytes of RAM a new allocation can have without swapping (MemAvailable), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil  # not a dependency: present on many machines (macOS, Windows)

        return int(psutil.virtual_memory().available)
    except ImportError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def free_memory(device: DeviceInfo) -> int | None:
    """What ``device`` has free for a new run now: CUDA's free memory, the CPU's available RAM; None for MPS."""
    if device.kind == "cuda":
        return int(torch.cuda.mem_get_info(device.index)[0])
    if device.kind == "cpu":
        return available_ram()
    return None


# -- the cache -------------------------------------------------------------------------------------


def default_cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("lmlab", appauthor=False)) / "preflight.json"


def measurement_key(cfg: RunConfig, device: DeviceInfo) -> str:
    """What a measurement depends on: the model's shape (every field), the batch and its accumulation,
    the optimizer, the device, precision, compile, threads and torch's version."""
    t = cfg.train
    parts = {
        "model": asdict(cfg.model), "batch": t.batch_size, "accum": t.grad_accum, "optimizer": t.optimizer,
        "device": f"{device.kind}:{device.name}", "precision": resolve_precision(t.precision, device).name,
        "compile": t.compile, "threads": t.threads or torch.get_num_threads(), "torch": torch.__version__,
        "snapshots": t.attention_snapshots, "version": CACHE_VERSION,
    }
    return json.dumps(parts, sort_keys=True)


def _read_cache(path: Path) -> dict:
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return table if isinstance(table, dict) else {}


def cached_measurement(cfg: RunConfig, device: DeviceInfo, cache_file: Path | None = None) -> Measurement | None:
    """The measurement of this shape on this device, if one was made before."""
    key = measurement_key(cfg, device)
    entry = _read_cache(cache_file or default_cache_file()).get(key)
    if not isinstance(entry, dict):
        return None
    try:
        return Measurement(**entry)
    except TypeError:
        return None  # written by another version: measure again


def store_measurement(m: Measurement, cache_file: Path | None = None) -> None:
    path = cache_file or default_cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_json(path, _read_cache(path) | {m.key: asdict(m)})
    except OSError:
        pass  # a read-only cache costs the next estimate a measurement, nothing more


# -- synthetic data --------------------------------------------------------------------------------


def synthetic_data(folder: Path, vocab_size: int, block_size: int, seed: int = 0) -> PreparedData:
    """Random tokens of ``vocab_size`` in ``folder`` (train.bin, val.bin, a character tokenizer of that size):
    what the engine needs to train, for a benchmark that does not depend on the text."""
    folder.mkdir(parents=True, exist_ok=True)
    tok = CharTokenizer([chr(0x4E00 + i) for i in range(max(1, vocab_size - 1))])  # + the unknown token
    dtype = token_dtype(tok)
    n = max(4 * (block_size + 1), 65_536)
    rng = np.random.default_rng(seed)
    for part in ("train", "val"):
        rng.integers(0, tok.vocab_size, size=n).astype(dtype).tofile(folder / f"{part}.bin")
    tok.save(folder / TOKENIZER_FILE)
    return PreparedData(folder, tok.vocab_size, dtype, n, n, None, "char", "tail")


def bench_config(cfg: RunConfig, vocab_size: int) -> RunConfig:
    """``cfg`` as the benchmark trains it: the vocabulary filled in, one evaluation batch, one checkpoint kept."""
    return cfg.with_changes(model={"vocab_size": vocab_size}, train={"eval_batches": 1, "keep_checkpoints": 1})


# -- the benchmark ---------------------------------------------------------------------------------


def measure(cfg: RunConfig, *, cache_file: Path | None = None, workdir: str | Path | None = None,
            min_seconds: float = MIN_SECONDS) -> Generator[MeasureProgress, None, Measurement]:
    """Time the engine's own steps for ``cfg`` (``model.vocab_size`` must be known or guessed), cache it.

    The steps run until ``min_seconds`` have passed (at least ``MIN_STEPS``, at most ``MAX_STEPS``) after
    ``WARMUP_STEPS`` untimed ones; then one evaluation and one checkpoint are timed. Yields the fraction
    done between steps (a stop request ends it there); an out-of-memory error returns ``fits=False``.
    """
    device = resolve_device(cfg.train.device)
    if cfg.model.vocab_size < 1:
        raise ValueError("measure() needs the vocabulary size in cfg.model.vocab_size")
    key = measurement_key(cfg, device)
    precision = resolve_precision(cfg.train.precision, device).name
    base = Measurement(key, device.kind, device.name, precision, fits=True)
    bcfg = bench_config(cfg, cfg.model.vocab_size)
    tr = None
    with tempfile.TemporaryDirectory(prefix="lmlab-preflight-", dir=workdir) as tmp:
        try:
            data = synthetic_data(Path(tmp) / "data", cfg.model.vocab_size, cfg.model.block_size, cfg.train.seed)
            run = RunStore(Path(tmp) / "runs").create(bcfg, "preflight")
            if device.kind == "cuda":
                torch.cuda.reset_peak_memory_stats(device.index)
            yield MeasureProgress(0.0)
            # 1. build the trainer and take the first step (it holds torch.compile's compilation)
            t0 = time.perf_counter()
            tr = _Trainer(run, bcfg, data, device)
            tr.model.train()
            tr.train_step()
            synchronize(device)
            first = time.perf_counter() - t0
            for i in range(WARMUP_STEPS):
                yield MeasureProgress(0.1 + 0.1 * i / WARMUP_STEPS)
                tr.train_step()
            synchronize(device)
            # 2. steady steps, timed
            steps, t0 = 0, time.perf_counter()
            while steps < MAX_STEPS and (steps < MIN_STEPS or time.perf_counter() - t0 < min_seconds):
                loss, _ = tr.train_step()
                steps += 1
                yield MeasureProgress(0.2 + 0.6 * min(1.0, max(steps / MAX_STEPS, (time.perf_counter() - t0)
                                                                / min_seconds)))
            loss.item()  # synchronises
            step_s = (time.perf_counter() - t0) / steps
            peak = int(torch.cuda.max_memory_allocated(device.index)) if device.kind == "cuda" else 0
            # 3. an evaluation's forward pass per batch, and what an evaluation costs beyond its batches
            yield MeasureProgress(0.85)
            forward_s = _forward_seconds(tr, device)
            t0 = time.perf_counter()
            tr.evaluate()  # one batch of each part, the probe and the instruments, as the engine runs it
            eval_fixed = max(0.0, time.perf_counter() - t0 - 2 * forward_s)
            yield MeasureProgress(0.95)
            t0 = time.perf_counter()
            tr.save()
            checkpoint_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            release_memory(device)  # what the engine does when a run ends (a garbage collection)
            finish_s = time.perf_counter() - t0
        except Exception as e:
            if not is_out_of_memory(e):
                raise
            m = replace(base, fits=False)
        else:
            m = replace(base, step_s=step_s, setup_s=max(0.0, first - step_s) + finish_s, eval_forward_s=forward_s,
                        eval_fixed_s=eval_fixed, checkpoint_s=checkpoint_s, peak_bytes=peak, steps=steps)
        finally:
            del tr
            release_memory(device)
    store_measurement(m, cache_file)
    return m


@torch.no_grad()
def _forward_seconds(tr: _Trainer, device: DeviceInfo, repeat: int = 3) -> float:
    """Seconds of one evaluation batch's forward pass (the engine's autocast, the model in eval mode)."""
    tr.model.eval()
    x, y = tr.train_batches.at(tr.eval_starts["train"][:1].repeat(tr.cfg.train.batch_size))
    with tr.precision.autocast(device):
        tr.forward(x, y)  # warm
    synchronize(device)
    t0 = time.perf_counter()
    for _ in range(repeat):
        with tr.precision.autocast(device):
            tr.forward(x, y)
    synchronize(device)
    tr.model.train()
    return (time.perf_counter() - t0) / repeat
