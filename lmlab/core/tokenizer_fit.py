"""Training a run's tokenizer once: on the training part of the corpus, kept in a cache.

The app's Corpus panel trains the tokenizer before a run exists (to count tokens); preparing
the run must then use that very tokenizer, not train another. Both go through here:

* ``tokenizer_key`` names a tokenizer by what decides it: the corpus text (its fingerprint),
  the kind, the vocabulary size, the unknown-character policy, and the split it is trained on.
* ``fit_tokenizer`` trains it on the training part of that split, yielding progress
  (characters need no training: their vocabulary is the corpus's character set).
* The cache is a folder of ``<key>.json`` files (``<runs>/.cache/tokenizers``): whoever trains
  first stores it there, whoever comes next with the same key copies the file as it is. It keeps
  at most ``CACHE_MAX_BYTES``: storing a tokenizer removes those used longest ago beyond that
  (a file's modification time is its last use; a run keeps its own copy in its ``data/``).

Example::

    key = tokenizer_key(stats, "bpe", 2048, "replace", split)
    path = cached_tokenizer(cache, key)             # None the first time
    tok = yield from fit_tokenizer(corpus, stats, "bpe", 2048, "replace", split)
    store_tokenizer(cache, key, tok)                # the next preparation copies this file
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import threading
from collections.abc import Generator, Iterator
from pathlib import Path

from . import tokenizers
from .corpus import Corpus, CorpusStats
from .errors import LmlabError
from .events import TokenizerProgress
from .split import Split, split_chunks
from .tokenizers import CharTokenizer, Tokenizer

log = logging.getLogger(__name__)

CACHE_FOLDER = (".cache", "tokenizers")  # inside a runs folder
CACHE_MAX_BYTES = 256 * 2**20  # about a hundred tokenizers of 32k tokens, thousands of smaller ones


def tokenizer_cache_dir(runs_root: str | Path) -> Path:
    """Where the runs folder ``runs_root`` keeps its trained tokenizers."""
    return Path(runs_root).joinpath(*CACHE_FOLDER)


def tokenizer_key(stats: CorpusStats, kind: str, vocab_size: int, unk_policy: str, split: Split) -> str:
    """A name for the tokenizer these choices give (hex, 32 characters); only what matters to it counts.

    Example: the same corpus with bpe 2048 and val_fraction 0.1 or 0.1001 (the same cut) -> one key;
    char tokenizers ignore the vocabulary size and the split (their vocabulary is the whole charset).
    """
    char = kind == "char"
    parts = {
        "corpus": stats.fingerprint,
        "kind": kind,
        "vocab_size": 0 if char else int(vocab_size),
        "unk_policy": unk_policy if char else "",
        "split": [] if char else list(split),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()[:32]


def cached_tokenizer(cache_dir: Path | None, key: str) -> Path | None:
    """The cached tokenizer file for ``key``, if one is there."""
    if cache_dir is None:
        return None
    path = cache_dir / f"{key}.json"
    if not path.is_file():
        return None
    try:
        os.utime(path)  # used now: the last to go when the cache is pruned
    except OSError:
        pass
    return path


def store_tokenizer(cache_dir: Path | None, key: str, tok: Tokenizer) -> Path | None:
    """Keep ``tok`` under ``key``; the file, or None when the cache cannot be written (it is only a cache)."""
    if cache_dir is None:
        return None
    path = cache_dir / f"{key}.json"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tok.save(path)
    except (OSError, LmlabError) as e:
        log.warning("cannot keep the tokenizer in %s: %s", cache_dir, e)
        return None
    prune_cache(cache_dir, keep=path)
    return path


def prune_cache(cache_dir: Path, max_bytes: int | None = None, keep: Path | None = None) -> list[Path]:
    """Remove the tokenizers used longest ago until the cache holds at most ``max_bytes`` (by default
    ``CACHE_MAX_BYTES``; never ``keep``); returns what was removed. A file that cannot be read or
    removed is left (it is only a cache)."""
    max_bytes = CACHE_MAX_BYTES if max_bytes is None else max_bytes
    files = []
    for path in cache_dir.glob("*.json"):
        try:
            st = path.stat()
        except OSError:
            continue
        files.append((st.st_mtime, st.st_size, path))
    files.sort(key=lambda f: f[0], reverse=True)  # the last used first
    total, removed = 0, []
    for _, size, path in files:
        total += size
        if total > max_bytes and path != keep:
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed.append(path)
    return removed


def pieces(text: str, size: int = 1 << 16) -> Iterator[str]:
    """Split ``text`` into pieces of about ``size`` characters, at line ends where possible.

    Example: "a\\nb\\nc" with size 2 -> "a\\n", "b\\n", "c".
    """
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            nl = text.rfind("\n", start, end)
            if nl > start:
                end = nl + 1
        yield text[start:end]
        start = end


def fit_tokenizer(
    corpus: Corpus, stats: CorpusStats, kind: str, vocab_size: int, unk_policy: str, split: Split
) -> Generator[TokenizerProgress, None, Tokenizer]:
    """Train a ``kind`` tokenizer on the training part of ``corpus``; closing the generator cancels.

    Hugging Face's trainer cannot be interrupted mid-call, so it runs in a helper thread fed
    from an iterator that checks a cancel flag; progress is the share of training characters fed.
    """
    if kind == "char":
        return CharTokenizer(stats.charset, unk_policy)
    mode, val_doc, val_offset = split
    total = max(1, sum(stats.doc_chars[:val_doc]) + (val_offset if mode == "tail" else 0))
    cancel = threading.Event()
    progress: queue.Queue = queue.Queue()
    out: dict = {}

    def feed() -> Iterator[str]:
        done = 0
        for part, chunk in split_chunks(corpus, split):
            if part != "train":
                continue
            for piece in pieces(chunk):
                if cancel.is_set():
                    return
                yield piece
                done += len(piece)
                progress.put(TokenizerProgress("training", min(1.0, done / total)))
        progress.put(TokenizerProgress("merging", -1.0))

    def work() -> None:
        try:
            out["tok"] = tokenizers.train_tokenizer(kind, feed(), vocab_size, unk_policy)
        except BaseException as e:  # noqa: BLE001 - re-raised in the generator below
            out["error"] = e
        finally:
            progress.put(None)

    helper = threading.Thread(target=work, name="lmlab-tokenizer", daemon=True)
    helper.start()
    try:
        while (item := progress.get()) is not None:
            yield item
    finally:
        cancel.set()  # also when the generator is closed (cancelled)
        helper.join()
    if "error" in out:
        raise out["error"]
    return out["tok"]
