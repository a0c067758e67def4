"""Train a tokenizer: the Corpus panel's *Train tokenizer*, and what preparing a run then reuses.

The tokenizer is trained on exactly the text preparing a run trains it on (the training part
of the corpus for the run's validation share), kept in the runs folder's tokenizer cache, and
its tokens are counted exactly as preparing encodes them: the count shown is the run's
train + validation tokens, and the run copies this very file instead of training another.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from ..corpus import Corpus, CorpusStats, iter_scan
from ..dataset import encode_parts, token_dtype
from ..events import TokenizerProgress, TokenizerResult
from ..split import choose_split
from ..tokenizer_fit import cached_tokenizer, fit_tokenizer, store_tokenizer, tokenizer_key
from ..tokenizers import load_tokenizer
from .drive import mapped, thinned


def train_tokenizer_job(
    corpus: Corpus,
    kind: str,
    vocab_size: int,
    *,
    val_fraction: float,
    unk_policy: str = "replace",
    cache_dir: Path | None = None,
    stats: CorpusStats | None = None,
) -> Generator[TokenizerProgress, None, TokenizerResult]:
    """Train (or find in ``cache_dir``) the ``kind`` tokenizer a run with ``val_fraction`` would use,
    then count the corpus's tokens with it; yields progress, and closing it cancels.

    ``stats``: the corpus's scan, when the caller has it (else the corpus is read first).
    ``corpus``: the text a run will see, so a cleaned one (``jobs.clean``) when the run cleans: its
    cleaning is part of the corpus fingerprint, and so of the tokenizer's cache key.
    """
    if stats is None:
        stats = yield from mapped(thinned(iter_scan(corpus)), lambda f: TokenizerProgress("reading", f))
    split = choose_split(stats.doc_chars, val_fraction)
    key = tokenizer_key(stats, kind, vocab_size, unk_policy, split)
    path = cached_tokenizer(cache_dir, key)
    if path is not None:
        tok = load_tokenizer(path)
    else:
        tok = yield from fit_tokenizer(corpus, stats, kind, vocab_size, unk_policy, split)
        path = store_tokenizer(cache_dir, key, tok)

    # Count the tokens as preparing the run encodes them (the same split, chunks and encoder).
    counts = {"train": 0, "val": 0}
    done, total = 0, max(1, stats.characters)
    yield TokenizerProgress("counting", 0.0)
    for part, ids, chars in encode_parts(corpus, tok, split, token_dtype(tok)):
        counts[part] += len(ids)
        done += chars
        yield TokenizerProgress("counting", min(1.0, done / total))
    return TokenizerResult(kind, vocab_size, tok.vocab_size, val_fraction, counts["train"], counts["val"], tok, path)
