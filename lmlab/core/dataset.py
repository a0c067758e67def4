"""Corpus -> tokenizer + token memmaps (train/val), and random batches from them.

``prepare`` is a generator: it yields ``PrepareProgress`` events (stage, fraction)
and returns a ``PreparedData``; the CLI prints the events, the app turns them into
a progress bar, and nothing holds the whole corpus in memory: text streams through
in chunks, token ids go straight to ``train.bin`` / ``val.bin`` (``uint16``, or
``uint32`` when the vocabulary needs it).

The split is ``split.choose_split``; the tokenizer is trained on the training part
(``tokenizer_fit``), or copied from the cache when one was trained on the same text before.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .corpus import Corpus, CorpusStats, iter_scan
from .errors import CorpusError, LmlabError, RunStoreError, user_text
from .events import PrepareProgress
from .jobs.clean import clean_corpus
from .jobs.drive import mapped, thinned
from .model_kinds import open_data_kind
from .runs import atomic_write_bytes, atomic_write_json, atomic_writer
from .split import Split, choose_split, split_chunks
from .tokenizer_fit import cached_tokenizer, fit_tokenizer, store_tokenizer, tokenizer_key
from .tokenizers import TOKENIZER_FILE, CharTokenizer, Tokenizer, load_tokenizer

META_FILE = "meta.json"
DATA_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class PreparedData:
    folder: Path
    vocab_size: int
    dtype: str
    n_train: int
    n_val: int
    stats: CorpusStats | None
    tokenizer_kind: str
    split: str  # "documents" | "tail"
    # Conversations (core.chat.data): one per slot of ``slot`` tokens (context + 1), and
    # ``{part}.mask.bin`` saying which tokens are training targets (the assistant's). 0: plain text.
    slot: int = 0

    def train_tokens(self) -> np.memmap:
        return _open_tokens(self.folder / "train.bin", self.dtype)

    def val_tokens(self) -> np.memmap:
        return _open_tokens(self.folder / "val.bin", self.dtype)

    def batches(self, part: str, block_size: int, batch_size: int, device: torch.device) -> "Batches":
        """Random blocks of the ``part`` ("train" | "val") tokens, with the loss mask when there is one."""
        tokens = self.train_tokens() if part == "train" else self.val_tokens()
        mask = _open_tokens(self.folder / f"{part}.mask.bin", "uint8") if self.slot else None
        return Batches(tokens, block_size, batch_size, device, mask=mask, slot=self.slot)

    def tokenizer(self) -> Tokenizer:
        return load_tokenizer(self.folder / TOKENIZER_FILE)

    def to_dict(self) -> dict:
        d = {
            "schema_version": DATA_SCHEMA_VERSION,
            "vocab_size": self.vocab_size,
            "dtype": self.dtype,
            "n_train": self.n_train,
            "n_val": self.n_val,
            "tokenizer": self.tokenizer_kind,
            "split": self.split,
        }
        if self.slot:
            d["slot"] = self.slot
        if self.stats:
            d["stats"] = self.stats.to_dict() | {"tokens": self.n_train + self.n_val}
        return d


TOKEN_DTYPES = ("uint16", "uint32")


def _open_tokens(path: Path, dtype: str) -> np.memmap | np.ndarray:
    try:
        if path.stat().st_size == 0:
            return np.zeros(0, dtype=dtype)
        return np.memmap(path, dtype=dtype, mode="r")
    except FileNotFoundError:
        raise CorpusError("{path} is missing; prepare the corpus again.", path=path) from None
    except (OSError, ValueError) as e:  # ValueError: a size that is not a whole number of tokens
        raise CorpusError("{path} cannot be read or is damaged ({e}); prepare the corpus again.", path=path, e=e) from None


def load_prepared(folder: str | Path) -> PreparedData:
    """Re-open a prepared data folder (the ``data/`` of a run): a token stream, or a model kind's own data."""
    folder = Path(folder)
    try:
        if not stat.S_ISREG(os.stat(folder / META_FILE).st_mode):  # a pipe would block forever
            raise ValueError(f"{META_FILE} is not a regular file")
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise TypeError(f"{META_FILE} is not a JSON object")
        if meta.get("schema_version", 1) > DATA_SCHEMA_VERSION:
            raise CorpusError("{folder}: prepared by a newer lmlab; update lmlab to open it.", folder=folder)
        if "kind" in meta:  # parallel sentences, labelled texts...: the model kind's own data (core.model_kinds)
            return open_data_kind(str(meta["kind"]), folder, meta)
        data = PreparedData(
            folder, int(meta["vocab_size"]), str(meta["dtype"]), int(meta["n_train"]), int(meta["n_val"]),
            None, str(meta["tokenizer"]), str(meta.get("split", "tail")), int(meta.get("slot", 0)),
        )
        if data.dtype not in TOKEN_DTYPES:
            raise ValueError(f"token type {data.dtype!r} is not one of {', '.join(TOKEN_DTYPES)}")
        return data
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as e:
        raise CorpusError("{folder}: the prepared data is missing or damaged ({e}).", folder=folder, e=e) from None


def prepare(
    corpus: Corpus,
    folder: str | Path,
    tokenizer: str = "char",
    vocab_size: int = 2048,
    val_fraction: float = 0.1,
    unk_policy: str = "replace",
    *,
    tokenizer_cache: Path | None = None,
    clean: str = "",
) -> Generator[PrepareProgress, None, PreparedData]:
    """Check and tokenise ``corpus`` into ``folder`` (train.bin, val.bin, tokenizer.json, meta.json).

    ``clean``: a cleaning spec (``core.cleaning``); the corpus is cleaned first, streaming into a
    temporary file, and everything after (statistics, tokenizer, tokens) sees only the cleaned text.

    ``tokenizer_cache``: a folder of tokenizers trained earlier (``tokenizer_fit``); one trained on
    this very text and split is copied from there instead of training another, and one trained
    here is kept there for the next time.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RunStoreError("Cannot create {folder}: {reason}.", folder=folder, reason=e.strerror or e) from None

    # 0. Clean (the original files are only read; the cleaned text is spooled beside the run's data).
    if clean:
        yield PrepareProgress("cleaning", 0.0, user_text("Cleaning {corpus} ({clean})", corpus=corpus.label or 'corpus', clean=clean))
        cleaned = yield from mapped(clean_corpus(corpus, clean, spool_dir=folder),
                                    lambda p: PrepareProgress("cleaning", p.fraction))
        corpus = cleaned.corpus

    # 1. Read once: statistics, per-document sizes, character set (also refuses empty text).
    yield PrepareProgress("reading", 0.0, user_text("Reading {corpus}", corpus=corpus.label or 'corpus'))
    stats = yield from mapped(thinned(iter_scan(corpus)), lambda f: PrepareProgress("reading", f))
    split = choose_split(stats.doc_chars, val_fraction)

    # 2. Tokenizer: the one trained earlier on this text and split, else train it on the training part.
    key = tokenizer_key(stats, tokenizer, vocab_size, unk_policy, split)
    tok = _copy_cached(cached_tokenizer(tokenizer_cache, key), folder / TOKENIZER_FILE)
    if tok is None:
        if tokenizer != "char":
            yield PrepareProgress("tokenizer", -1.0, user_text("Training a {tokenizer} tokenizer ({vocab_size:,} tokens)", tokenizer=tokenizer, vocab_size=vocab_size))
        fitting = fit_tokenizer(corpus, stats, tokenizer, vocab_size, unk_policy, split)
        tok = yield from mapped(fitting, lambda p: PrepareProgress("tokenizer", p.fraction))
        tok.save(folder / TOKENIZER_FILE)
        store_tokenizer(tokenizer_cache, key, tok)
    dtype = token_dtype(tok)

    # 3. Encode, streaming ids into temp files that replace train.bin / val.bin once complete.
    yield PrepareProgress("encoding", 0.0, user_text("Encoding tokens"))
    counts = {"train": 0, "val": 0}
    done = 0
    total = max(1, stats.characters)
    with contextlib.ExitStack() as files:
        out = {part: files.enter_context(atomic_writer(folder / f"{part}.bin")) for part in counts}
        for part, ids, chars in encode_parts(corpus, tok, split, dtype):
            try:
                ids.tofile(out[part])
            except OSError as e:
                raise RunStoreError("Cannot write {path}: {reason}.", path=folder / f'{part}.bin', reason=e.strerror or e) from None
            counts[part] += len(ids)
            done += chars
            yield PrepareProgress("encoding", min(1.0, done / total))
        if done != stats.characters:
            raise CorpusError(
                "{corpus} changed while it was being prepared ({characters:,} characters when read, {done:,} when encoded); try again once nothing is writing to it.",
            corpus=corpus.label or 'The corpus', characters=stats.characters, done=done)
    data = PreparedData(folder, tok.vocab_size, dtype, counts["train"], counts["val"], stats, tok.kind, split[0])
    atomic_write_json(folder / META_FILE, data.to_dict())
    return data


def _copy_cached(cached: Path | None, target: Path) -> Tokenizer | None:
    """Copy a cached tokenizer file into the run as it is (same bytes); None if there is none or it is damaged."""
    if cached is None:
        return None
    try:
        tok = load_tokenizer(cached)
        raw = cached.read_bytes()
    except (OSError, LmlabError):
        return None  # a damaged cache entry is trained again (and replaced)
    atomic_write_bytes(target, raw)
    return tok


def token_dtype(tok: Tokenizer) -> str:
    """The smallest token type that holds every id of ``tok``."""
    return "uint16" if tok.vocab_size <= 65535 else "uint32"


def encode_parts(corpus: Corpus, tok: Tokenizer, split: Split, dtype: str) -> Iterator[tuple[str, np.ndarray, int]]:
    """("train" | "val", token ids, characters encoded) chunk by chunk: how a run's tokens are made
    (and counted, by the tokenizer job, so that its count is the run's)."""
    for part, chunk in split_chunks(corpus, split):
        yield part, encode_array(tok, chunk, dtype), len(chunk)


def encode_array(tok: Tokenizer, text: str, dtype: str) -> np.ndarray:
    """Token ids of ``text`` as a numpy array; vectorised for character tokenizers."""
    if isinstance(tok, CharTokenizer) and tok.unk_policy == "replace" and not tok.special_tokens:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        table = np.frombuffer("".join(tok.chars).encode("utf-32-le"), dtype=np.uint32)
        pos = np.searchsorted(table, cps)
        pos_c = np.minimum(pos, len(table) - 1)
        known = table[pos_c] == cps
        return np.where(known, pos_c, tok.unk_id).astype(dtype)
    return np.asarray(tok.encode(text), dtype=dtype)


# -- batches --------------------------------------------------------------------


IGNORE = -100  # a target the loss skips (torch's cross_entropy ignore_index)


class Batches:
    """Random (x, y) blocks from a token array, reproducible from a torch.Generator.

    x[b] = tokens[i_b : i_b + T], y[b] = tokens[i_b + 1 : i_b + T + 1].

    With a ``mask`` (one byte per token, 1 = a training target) the targets it leaves out are
    ``IGNORE``, so they carry no loss (chat fine-tuning: only the assistant's tokens). With a
    ``slot`` every block starts at a multiple of it: one conversation per slot, never half of one.
    """

    def __init__(self, tokens: np.ndarray, block_size: int, batch_size: int, device: torch.device,
                 mask: np.ndarray | None = None, slot: int = 0):
        if len(tokens) < block_size + 1:
            raise CorpusError("Only {tokens:,} tokens: fewer than one block of {block:,}.", tokens=len(tokens), block=block_size + 1)
        self.tokens = tokens
        self.mask = mask
        self.slot = slot
        self.T = block_size
        self.B = batch_size
        self.device = device
        self.offsets = np.arange(block_size + 1)
        self.pin = device.type == "cuda"

    def sample_starts(self, gen: torch.Generator) -> np.ndarray:
        """``batch_size`` random block starts (one micro-batch, as ``at`` takes them)."""
        if self.slot:
            return torch.randint(len(self.tokens) // self.slot, (self.B,), generator=gen).numpy() * self.slot
        return torch.randint(len(self.tokens) - self.T, (self.B,), generator=gen).numpy()

    def eval_starts(self, n: int, seed: int) -> np.ndarray:
        """The fixed starts an evaluation uses: ``n`` reproducible ones, or every conversation (slots)."""
        if self.slot:
            return np.arange(len(self.tokens) // self.slot) * self.slot
        return fixed_starts(len(self.tokens), self.T, n, seed)

    def at(self, starts: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        index = starts[:, None] + self.offsets
        block = torch.from_numpy(self.tokens[index].astype(np.int64))  # (B, T+1)
        if self.mask is not None:  # inputs and targets side by side: (B, 2T), the targets masked
            keep = torch.from_numpy(self.mask[index[:, 1:]].astype(bool))
            block = torch.cat([block[:, :-1], block[:, 1:].masked_fill(~keep, IGNORE)], dim=1)
        if self.pin:
            block = block.pin_memory()
        block = block.to(self.device, non_blocking=True)
        if self.mask is not None:
            return block[:, : self.T], block[:, self.T :]
        return block[:, :-1], block[:, 1:]


def fixed_starts(n_tokens: int, block_size: int, n: int, seed: int) -> np.ndarray:
    """``n`` reproducible block start positions (for evaluation on the same text every time)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, max(1, n_tokens - block_size), size=n)


def steps_for_tokens(tokens: int, tokens_per_step: int) -> int:
    return max(1, math.ceil(tokens / tokens_per_step))
