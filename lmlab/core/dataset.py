"""Corpus -> tokenizer + token memmaps (train/val), and random batches from them.

``prepare`` is a generator: it yields ``PrepareProgress`` events (stage, fraction)
and returns a ``PreparedData``; the CLI prints the events, the app turns them into
a progress bar, and nothing holds the whole corpus in memory: text streams through
in chunks, token ids go straight to ``train.bin`` / ``val.bin`` (``uint16``, or
``uint32`` when the vocabulary needs it).

The split: with several documents, whole documents at the end of the corpus are
held out until they make up ``val_fraction`` of the characters; with one document
(or when whole documents cannot come close to the share), the tail of the text is.
"""

from __future__ import annotations

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
from .errors import CorpusError, RunStoreError
from .tokenizers import TOKENIZER_FILE, CharTokenizer, Tokenizer, load_tokenizer, train_tokenizer

META_FILE = "meta.json"
DATA_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class PrepareProgress:
    stage: str  # "reading" | "tokenizer" | "encoding"
    fraction: float  # 0..1 within the stage, or -1 when unknown
    message: str = ""


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

    def train_tokens(self) -> np.memmap:
        return _open_tokens(self.folder / "train.bin", self.dtype)

    def val_tokens(self) -> np.memmap:
        return _open_tokens(self.folder / "val.bin", self.dtype)

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
        raise CorpusError(f"{path} is missing; prepare the corpus again.") from None
    except (OSError, ValueError) as e:  # ValueError: a size that is not a whole number of tokens
        raise CorpusError(f"{path} cannot be read or is damaged ({e}); prepare the corpus again.") from None


def load_prepared(folder: str | Path) -> PreparedData:
    """Re-open a prepared data folder (the ``data/`` of a run)."""
    folder = Path(folder)
    try:
        if not stat.S_ISREG(os.stat(folder / META_FILE).st_mode):  # a pipe would block forever
            raise ValueError(f"{META_FILE} is not a regular file")
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise TypeError(f"{META_FILE} is not a JSON object")
        if meta.get("schema_version", 1) > DATA_SCHEMA_VERSION:
            raise CorpusError(f"{folder}: prepared by a newer lmlab; update lmlab to open it.")
        data = PreparedData(
            folder, int(meta["vocab_size"]), str(meta["dtype"]), int(meta["n_train"]), int(meta["n_val"]),
            None, str(meta["tokenizer"]), str(meta.get("split", "tail")),
        )
        if data.dtype not in TOKEN_DTYPES:
            raise ValueError(f"token type {data.dtype!r} is not one of {', '.join(TOKEN_DTYPES)}")
        return data
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as e:
        raise CorpusError(f"{folder}: the prepared data is missing or damaged ({e}).") from None


def choose_split(doc_chars: tuple[int, ...], val_fraction: float) -> tuple[str, int, int]:
    """Where validation starts: ("documents", first_val_doc, 0) or ("tail", doc, char offset in it).

    Example: docs of 50, 30, 10, 10 chars, 20% -> ("documents", 2, 0): the last two documents.
    Example: one doc of 100 chars, 10% -> ("tail", 0, 90).
    """
    total = sum(doc_chars)
    target = val_fraction * total
    if len(doc_chars) >= 2:
        acc = 0
        for i in range(len(doc_chars) - 1, 0, -1):
            acc += doc_chars[i]
            if acc >= target:
                if acc <= 2 * target and acc < total:
                    return "documents", i, 0
                break
    # Tail split: validation starts at character total - target.
    cut = total - max(1, int(round(target)))
    acc = 0
    for i, n in enumerate(doc_chars):
        if acc + n > cut:
            return "tail", i, cut - acc
        acc += n
    return "tail", len(doc_chars) - 1, 0


def prepare(
    corpus: Corpus,
    folder: str | Path,
    tokenizer: str = "char",
    vocab_size: int = 2048,
    val_fraction: float = 0.1,
    unk_policy: str = "replace",
    existing_tokenizer: Tokenizer | None = None,
) -> Generator[PrepareProgress, None, PreparedData]:
    """Check and tokenise ``corpus`` into ``folder`` (train.bin, val.bin, tokenizer.json, meta.json)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RunStoreError(f"Cannot create {folder}: {e.strerror or e}.") from None

    # 1. Read once: statistics, per-document sizes, character set (also refuses empty text).
    yield PrepareProgress("reading", 0.0, f"Reading {corpus.label or 'corpus'}")
    scanning = iter_scan(corpus)
    last = 0.0
    while True:
        try:
            frac = next(scanning)
        except StopIteration as stop:
            stats: CorpusStats = stop.value
            break
        if frac - last >= 0.01:
            last = frac
            yield PrepareProgress("reading", frac)
    mode, val_doc, val_offset = choose_split(stats.doc_chars, val_fraction)

    # 2. Tokenizer: characters come from the scan; subwords train on the training part.
    if existing_tokenizer is not None:
        tok = existing_tokenizer
    elif tokenizer == "char":
        tok = CharTokenizer(stats.charset, unk_policy)
    else:
        yield PrepareProgress("tokenizer", -1.0, f"Training a {tokenizer} tokenizer ({vocab_size:,} tokens)")
        train_chunks = (c for part, c in _split_chunks(corpus, mode, val_doc, val_offset) if part == "train")
        tok = train_tokenizer(tokenizer, train_chunks, vocab_size=vocab_size)
    tok.save(folder / TOKENIZER_FILE)
    dtype = "uint16" if tok.vocab_size <= 65535 else "uint32"

    # 3. Encode, streaming ids to disk (temp files, renamed into place once complete).
    yield PrepareProgress("encoding", 0.0, "Encoding tokens")
    counts = {"train": 0, "val": 0}
    done = 0
    total = max(1, stats.characters)
    tmp = {part: folder / f".{part}.bin.tmp" for part in counts}
    files: dict = {}
    current = folder
    try:
        for part in counts:
            current = tmp[part]
            files[part] = open(tmp[part], "wb")
        for part, chunk in _split_chunks(corpus, mode, val_doc, val_offset):
            ids = encode_array(tok, chunk, dtype)
            current = tmp[part]
            ids.tofile(files[part])
            counts[part] += len(ids)
            done += len(chunk)
            yield PrepareProgress("encoding", min(1.0, done / total))
        if done != stats.characters:
            raise CorpusError(
                f"{corpus.label or 'The corpus'} changed while it was being prepared ({stats.characters:,} "
                f"characters when read, {done:,} when encoded); try again once nothing is writing to it."
            )
        for part, f in files.items():
            current = tmp[part]
            f.flush()
            os.fsync(f.fileno())
            f.close()
        for part in counts:
            current = folder / f"{part}.bin"
            os.replace(tmp[part], current)
        current = folder / META_FILE
        data = PreparedData(folder, tok.vocab_size, dtype, counts["train"], counts["val"], stats, tok.kind, mode)
        _write_json(current, data.to_dict())
    except OSError as e:
        raise RunStoreError(f"Cannot write {current}: {e.strerror or e}.") from None
    finally:
        for part, f in files.items():
            try:
                f.close()
            except OSError:
                pass
            try:
                tmp[part].unlink()
            except OSError:
                pass
    return data


def encode_array(tok: Tokenizer, text: str, dtype: str) -> np.ndarray:
    """Token ids of ``text`` as a numpy array; vectorised for character tokenizers."""
    if isinstance(tok, CharTokenizer) and tok.unk_policy == "replace":
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        table = np.frombuffer("".join(tok.chars).encode("utf-32-le"), dtype=np.uint32)
        pos = np.searchsorted(table, cps)
        pos_c = np.minimum(pos, len(table) - 1)
        known = table[pos_c] == cps
        return np.where(known, pos_c, tok.unk_id).astype(dtype)
    return np.asarray(tok.encode(text), dtype=dtype)


def _split_chunks(corpus: Corpus, mode: str, val_doc: int, val_offset: int) -> Iterator[tuple[str, str]]:
    """("train" | "val", chunk) over the corpus, cut at the split point."""
    for i, doc in enumerate(corpus.documents):
        if i < val_doc:
            for c in doc.chunks():
                yield "train", c
        elif i > val_doc or mode == "documents":
            for c in doc.chunks():
                yield "val", c
        else:
            pos = 0
            for c in doc.chunks():
                if pos + len(c) <= val_offset:
                    yield "train", c
                elif pos >= val_offset:
                    yield "val", c
                else:
                    k = val_offset - pos
                    yield "train", c[:k]
                    yield "val", c[k:]
                pos += len(c)


def _write_json(path: Path, obj: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(obj, f, indent=1, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


# -- batches --------------------------------------------------------------------


class Batches:
    """Random (x, y) blocks from a token array, reproducible from a torch.Generator.

    x[b] = tokens[i_b : i_b + T], y[b] = tokens[i_b + 1 : i_b + T + 1].
    """

    def __init__(self, tokens: np.ndarray, block_size: int, batch_size: int, device: torch.device):
        if len(tokens) < block_size + 1:
            raise CorpusError(f"Only {len(tokens):,} tokens: fewer than one block of {block_size + 1:,}.")
        self.tokens = tokens
        self.T = block_size
        self.B = batch_size
        self.device = device
        self.offsets = np.arange(block_size + 1)
        self.pin = device.type == "cuda"

    def sample(self, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        starts = torch.randint(len(self.tokens) - self.T, (self.B,), generator=gen).numpy()
        return self.at(starts)

    def at(self, starts: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        block = torch.from_numpy(self.tokens[starts[:, None] + self.offsets].astype(np.int64))  # (B, T+1)
        if self.pin:
            block = block.pin_memory()
        block = block.to(self.device, non_blocking=True)
        return block[:, :-1], block[:, 1:]


def fixed_starts(n_tokens: int, block_size: int, n: int, seed: int) -> np.ndarray:
    """``n`` reproducible block start positions (for evaluation on the same text every time)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, max(1, n_tokens - block_size), size=n)


def steps_for_tokens(tokens: int, tokens_per_step: int) -> int:
    return max(1, math.ceil(tokens / tokens_per_step))
