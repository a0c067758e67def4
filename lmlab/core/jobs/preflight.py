"""Tuning before training: the pre-flight estimate, the learning-rate range test, the batch-size finder.

Each is one job (a generator yielding progress, returning a typed result) run by ``lmlab preflight`` /
``lmlab lr-find`` and by the Training panel's pre-flight section (``ui.controllers.tuning``). None of
them creates a run: they work in a temporary folder that is gone when they end.

    est = drain(preflight_job(cfg, n_train_tokens))          # cfg.model.vocab_size known or guessed
    result = drain(lr_find_job(preset("cpu")))                # the default corpus
    batch = drain(batch_find_job(cfg))
"""

from __future__ import annotations

import tempfile
from collections.abc import Generator
from pathlib import Path

import torch

from ..config import RunConfig, check, check_against_data
from ..corpus import Corpus, load_corpus
from ..dataset import PreparedData, prepare
from ..device import resolve_device
from ..engine import _Trainer
from ..events import PrepareProgress
from ..runs import Run
from ..tuning.batch_find import MAX_BATCH, find_batch_size
from ..tuning.events import BatchFindResult, BatchTry, LrFindResult, LrPoint, MeasureProgress, PreflightEstimate
from ..tuning.lr_find import LR_MAX, LR_MIN, STEPS, range_test
from ..tuning.measure import cached_measurement, free_memory, measure
from ..tuning.preflight import estimate


def quick_estimate(cfg: RunConfig, n_train_tokens: int | None, *, free_bytes: int | None = None,
                   cache_file: Path | None = None) -> tuple[PreflightEstimate, bool]:
    """The estimate from what is known without training (a cached measurement, the memory estimate), and
    whether a measurement is still wanted (not on a CPU the estimate says it would not fit)."""
    device = resolve_device(cfg.train.device)
    free = free_bytes if free_bytes is not None else free_memory(device)
    m = cached_measurement(cfg, device, cache_file)
    est = estimate(cfg, m, n_train_tokens, free, device.kind, device.name)
    return est, m is None and (device.kind != "cpu" or est.fits)


def preflight_job(cfg: RunConfig, n_train_tokens: int | None, *, free_bytes: int | None = None,
                  cache_file: Path | None = None,
                  workdir: str | Path | None = None) -> Generator[MeasureProgress, None, PreflightEstimate]:
    """The pre-flight estimate of ``cfg`` (``model.vocab_size`` known or guessed) for a training text of
    ``n_train_tokens`` (None: unknown): measured now unless a measurement is cached.

    ``free_bytes``: the device's free memory to plan against (default: asked of the device, before the
    benchmark allocates anything).
    """
    check(cfg)
    est, wanted = quick_estimate(cfg, n_train_tokens, free_bytes=free_bytes, cache_file=cache_file)
    if not wanted:
        return est
    if cfg.train.threads:
        torch.set_num_threads(cfg.train.threads)
    m = yield from measure(cfg, cache_file=cache_file, workdir=workdir)
    return estimate(cfg, m, n_train_tokens, est.free_bytes, est.device, est.device_name)


def prepare_text(cfg: RunConfig, corpus: Corpus | None, folder: Path, tokenizer_cache: Path | None = None
                 ) -> Generator[PrepareProgress, None, tuple[RunConfig, PreparedData]]:
    """Tokenise ``corpus`` (default: the config's) into ``folder`` as a run would; returns (cfg with its
    vocabulary, the data). A tokenizer in ``tokenizer_cache`` trained on the same text is reused."""
    check(cfg)
    d = cfg.data
    data = yield from prepare(corpus if corpus is not None else load_corpus(cfg.corpus), folder,
                              tokenizer=d.tokenizer, vocab_size=d.vocab_size, val_fraction=d.val_fraction,
                              unk_policy=d.unk_policy, clean=d.clean, tokenizer_cache=tokenizer_cache)
    cfg = cfg.with_changes(model={"vocab_size": data.vocab_size})
    check_against_data(cfg, data.n_train, data.n_val)
    return cfg, data


def lr_find_job(cfg: RunConfig, corpus: Corpus | None = None, *, steps: int = STEPS, lr_min: float = LR_MIN,
                lr_max: float = LR_MAX, tokenizer_cache: Path | None = None, workdir: str | Path | None = None
                ) -> Generator[PrepareProgress | LrPoint, None, LrFindResult]:
    """The learning-rate range test of ``cfg``'s model on ``corpus`` (``tuning.lr_find``); creates no run."""
    with tempfile.TemporaryDirectory(prefix="lmlab-lr-find-", dir=workdir) as tmp:
        cfg, data = yield from prepare_text(cfg, corpus, Path(tmp) / "data", tokenizer_cache)
        if cfg.train.threads:
            torch.set_num_threads(cfg.train.threads)
        tr = _Trainer(Run(tmp), cfg, data, resolve_device(cfg.train.device))
        return (yield from range_test(tr, steps, lr_min, lr_max))


def batch_find_job(cfg: RunConfig, limit_bytes: int | None = None, max_batch: int = MAX_BATCH,
                   workdir: str | Path | None = None) -> Generator[BatchTry, None, BatchFindResult]:
    """The largest batch of ``cfg``'s shape that fits the device (``tuning.batch_find``); creates no run."""
    check(cfg)
    return (yield from find_batch_size(cfg, limit_bytes, max_batch, workdir))
