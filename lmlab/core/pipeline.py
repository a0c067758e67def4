"""From a config and a corpus to a run folder ready to train.

``prepare_run`` creates nothing itself: give it a run from ``RunStore.create``.
It reads and tokenises the corpus into ``run/data`` (yielding progress) and
writes the vocabulary size back into the run's config. A tokenizer trained
earlier on the same text and split (the app's Corpus panel, an earlier run) is
taken from the runs folder's tokenizer cache instead of being trained again.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from .config import check, check_against_data
from .corpus import Corpus, load_corpus
from .dataset import PreparedData, prepare
from .events import PrepareProgress
from .model_kinds import preparer
from .runs import Run
from .tokenizer_fit import tokenizer_cache_dir


def prepare_run(
    run: Run, corpus: Corpus | None = None, *, tokenizer_cache: Path | None = None
) -> Generator[PrepareProgress, None, PreparedData]:
    """Tokenise the run's corpus (or ``corpus``) into ``run.data_dir``; returns the prepared data.

    ``tokenizer_cache``: where trained tokenizers are kept; by default the cache of the runs
    folder the run is in (``tokenizer_fit.tokenizer_cache_dir``).
    """
    cfg = check(run.read_config())
    kind_prepare = preparer(cfg.model.arch)
    if kind_prepare is not None:  # a kind with data of its own (sentence pairs...): core.model_kinds
        run.write_status("preparing", step=0)
        data = yield from kind_prepare(run, cfg)
        return _ready(run, cfg, data)
    corpus = corpus if corpus is not None else load_corpus(cfg.corpus)
    run.write_status("preparing", step=0)
    data = yield from prepare(
        corpus,
        run.data_dir,
        tokenizer=cfg.data.tokenizer,
        vocab_size=cfg.data.vocab_size,
        val_fraction=cfg.data.val_fraction,
        unk_policy=cfg.data.unk_policy,
        clean=cfg.data.clean,
        tokenizer_cache=tokenizer_cache if tokenizer_cache is not None else tokenizer_cache_dir(run.path.parent),
    )
    return _ready(run, cfg, data)


def _ready(run: Run, cfg, data):
    """Write the vocabulary into the run's config and mark it ready to train."""
    cfg = cfg.with_changes(model={"vocab_size": data.vocab_size})
    check_against_data(cfg, data.n_train, data.n_val)
    run.write_config(cfg)
    run.write_status("ready", step=0)
    return data
