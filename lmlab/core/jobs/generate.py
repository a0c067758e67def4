"""The generation jobs: load a model, stream a generation, read the next-token distribution.

Plain generator functions run by the app's job runner (``lmlab.ui.jobs``) from the playground's
controller; tests call them directly.

Torch threads: these jobs never call ``torch.set_num_threads``. The thread count is
process-wide and a training run may be using it at the same moment; a small model
generates fastest with 1-4 threads (docs/benchmarks_generate.md), which the training
settings (``train.threads``) or ``OMP_NUM_THREADS`` can set for the whole app.
"""

from __future__ import annotations

import math
import time
from collections.abc import Generator
from pathlib import Path

import torch

from ..errors import user_text
from ..events import ModelStage, TokenBatch
from ..generate import GeneratedToken, Generation
from ..loading import ModelCache, TrainedModel


def load_model(cache: ModelCache, run_path: str | Path, step: int | None) -> Generator[ModelStage, None, TrainedModel]:
    """The run's model at ``step`` (None: the latest), through the shared cache (loaded once)."""
    yield ModelStage("Loading the model…")
    return cache.get(run_path, step).language_model(user_text("Generating text"))


def stream_tokens(gen: Generation, interval: float = 0.03) -> Generator[TokenBatch, None, Generation]:
    """Iterate ``gen`` and yield its tokens in batches at most every ``interval`` s (the first at once).

    Batching keeps a fast model from flooding the GUI thread with one event per token; the
    stop flag inside ``gen`` is still checked before every token. Returns ``gen`` (its
    ``finish_reason``, ``tail`` and ``seed`` are then final).
    """
    t0 = time.perf_counter()
    last = -math.inf
    batch: list[GeneratedToken] = []
    for tok in gen:
        batch.append(tok)
        now = time.perf_counter()
        if now - last >= interval:
            yield TokenBatch(batch, now - t0)
            batch, last = [], now
    if batch:
        yield TokenBatch(batch, time.perf_counter() - t0)
    return gen


def next_token_logits(tm: TrainedModel, ids: list[int]) -> Generator[None, None, torch.Tensor]:
    """The next-token logits (float64, CPU, one per tokenizer token) after ``ids`` (its last context window)."""
    model = tm.language_model(user_text("Predicting the next token")).model
    block = model.cfg.block_size
    window = list(ids[-block:]) or [0]
    device = next(model.parameters()).device
    with torch.inference_mode():
        x = torch.tensor([window], dtype=torch.long, device=device)  # (1, T)
        logits = model(x)[0][0, -1].to("cpu", torch.float64, copy=True)  # (vocab,)
    n = min(tm.tokenizer.vocab_size, logits.numel())
    return logits[:n]
    yield  # pragma: no cover
