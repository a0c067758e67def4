"""The batch-size finder: the largest micro-batch that fits the device's memory, found by trying.

The batch doubles from 1 until one does not fit (or ``MAX_BATCH``), then the gap between the last
that fitted and the first that did not is bisected: about 2 log2(B) tries.

* On CUDA each try is real: the engine's trainer takes two optimizer steps (the second with the
  optimizer's state allocated) on random tokens; ``torch.OutOfMemoryError`` (or a peak above
  ``limit_bytes``, when one is given) means it does not fit.
* On the CPU a batch that does not fit would not fail cleanly: the machine would swap, or the
  system would end the process. So nothing is tried there: each candidate's memory is estimated
  from the shape (weights, gradients, AdamW's moments, activations) against the available RAM
  (or ``limit_bytes``), and the result says so.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Generator
from pathlib import Path

import torch

from ..config import RunConfig
from ..errors import user_text
from ..device import DeviceInfo, is_out_of_memory, release_memory, resolve_device
from ..engine import _Trainer
from ..runs import RunStore
from ..units import human_bytes
from .events import BatchFindResult, BatchTry
from .measure import bench_config, estimated_bytes, free_memory, synthetic_data
from .preflight import MEMORY_HEADROOM

MAX_BATCH = 65536  # the Training panel's largest batch


def search(fits: Callable[[int], BatchTry],
           max_batch: int = MAX_BATCH) -> Generator[BatchTry, None, tuple[tuple[BatchTry, ...], int]]:
    """Doubling, then bisecting: (every try, the largest ``b`` with ``fits(b).fits``, 0 if not even 1).

    Yields each try. Example: fits up to 12 -> tries 1, 2, 4, 8, 16, 12, 14, 13 -> 12.
    """
    tries: list[BatchTry] = []

    def attempt(b: int) -> BatchTry:
        tries.append(fits(b))
        return tries[-1]

    lo, hi, b = 0, None, 1
    while b <= max_batch:
        yield attempt(b)
        if not tries[-1].fits:
            hi = b
            break
        lo, b = b, b * 2
    while hi is not None and hi - lo > 1:
        mid = (lo + hi) // 2
        yield attempt(mid)
        lo, hi = (mid, hi) if tries[-1].fits else (lo, mid)
    return tuple(tries), lo


def find_batch_size(cfg: RunConfig, limit_bytes: int | None = None, max_batch: int = MAX_BATCH,
                    workdir: str | Path | None = None) -> Generator[BatchTry, None, BatchFindResult]:
    """The largest batch of ``cfg``'s shape (``model.vocab_size`` known or guessed) that fits; see the module docstring."""
    device = resolve_device(cfg.train.device)
    if device.kind == "cuda":
        with tempfile.TemporaryDirectory(prefix="lmlab-batch-", dir=workdir) as tmp:
            data = synthetic_data(Path(tmp) / "data", cfg.model.vocab_size, cfg.model.block_size)
            store = RunStore(Path(tmp) / "runs")
            tries, b = yield from search(lambda b: _try_cuda(cfg, b, device, data, store, limit_bytes), max_batch)
        limit = limit_bytes or free_memory(device)
        note = (user_text("Tried on {device}: batch {b:,} trains, batch {next:,} runs out of memory.",
                          device=device.name, b=b, next=b + 1) if b < max_batch else
                user_text("Tried on {device}: batch {b:,} trains, and no larger one was tried.", device=device.name, b=b))
        return BatchFindResult(b, tries, limit, True, note)
    limit = limit_bytes if limit_bytes is not None else free_memory(device)
    if limit is None:
        return BatchFindResult(0, (), None, False, user_text(
            "{device} does not say how much memory it has free; nothing was tried.", device=device.name))
    budget = int(limit * MEMORY_HEADROOM)

    def estimated(b: int) -> BatchTry:
        need = estimated_bytes(cfg, b)
        return BatchTry(b, need <= budget, need)

    tries, b = yield from search(estimated, max_batch)
    sizes = {"need": human_bytes(estimated_bytes(cfg, max(1, b))), "usable": human_bytes(budget),
             "share": MEMORY_HEADROOM, "limit": human_bytes(limit)}
    note = (user_text("Estimated, not tried: on the CPU a batch too large would make the machine swap instead of "
                      "failing. Batch {b:,} needs about {need} of the {usable} usable ({share:.0%} of {limit} "
                      "available).", b=b, **sizes) if b else
            user_text("Estimated, not tried: on the CPU a batch too large would make the machine swap instead of "
                      "failing. Batch 1 needs about {need}, more than the {usable} usable ({share:.0%} of {limit} "
                      "available).", **sizes))
    return BatchFindResult(b, tries, limit, False, note)


def _try_cuda(cfg: RunConfig, b: int, device: DeviceInfo, data, store: RunStore, limit: int | None) -> BatchTry:
    """Two real optimizer steps at batch ``b``: does it fit, and its peak."""
    tr = None
    torch.cuda.reset_peak_memory_stats(device.index)
    try:
        c = bench_config(cfg.with_changes(train={"batch_size": b, "grad_accum": 1}), cfg.model.vocab_size)
        tr = _Trainer(store.create(c, f"batch-{b}"), c, data, device)
        for _ in range(2):
            tr.train_step()
        torch.cuda.synchronize(device.index)
        peak = int(torch.cuda.max_memory_allocated(device.index))
        return BatchTry(b, limit is None or peak <= limit, peak)
    except Exception as e:
        if not is_out_of_memory(e):
            raise
        return BatchTry(b, False, int(torch.cuda.max_memory_allocated(device.index)))
    finally:
        del tr
        release_memory(device)
