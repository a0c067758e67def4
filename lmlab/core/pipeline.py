"""From a config and a corpus to a run folder ready to train.

``prepare_run`` creates nothing itself: give it a run from ``RunStore.create``.
It reads and tokenises the corpus into ``run/data`` (yielding progress) and
writes the vocabulary size back into the run's config.
"""

from __future__ import annotations

from collections.abc import Generator

from .config import check, check_against_data
from .corpus import Corpus, load_corpus
from .dataset import PreparedData, PrepareProgress, prepare
from .runs import Run
from .tokenizers import Tokenizer


def prepare_run(
    run: Run, corpus: Corpus | None = None, tokenizer: Tokenizer | None = None
) -> Generator[PrepareProgress, None, PreparedData]:
    """Tokenise the run's corpus (or ``corpus``) into ``run.data_dir``; returns the prepared data.

    ``tokenizer``: one already trained on this corpus (the app's Corpus panel), used as is.
    """
    cfg = check(run.read_config())
    corpus = corpus if corpus is not None else load_corpus(cfg.corpus)
    run.write_status("preparing", step=0)
    data = yield from prepare(
        corpus,
        run.data_dir,
        tokenizer=cfg.data.tokenizer,
        vocab_size=cfg.data.vocab_size,
        val_fraction=cfg.data.val_fraction,
        unk_policy=cfg.data.unk_policy,
        existing_tokenizer=tokenizer,
    )
    cfg = cfg.with_changes(model={"vocab_size": data.vocab_size})
    check_against_data(cfg, data.n_train, data.n_val)
    run.write_config(cfg)
    run.write_status("ready", step=0)
    return data


def drain(gen: Generator):
    """Run a generator to its end and return its return value (ignoring the events)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value
