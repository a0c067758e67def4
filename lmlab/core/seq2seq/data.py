"""Parallel sentences: read, check, tokenise, split, and serve as (src, tgt_in, tgt_out) batches.

Sources (``read_pairs``): a TSV file (``source<TAB>target`` per line), a JSONL file
(``{"source": ..., "target": ...}`` per line), two aligned files (line i of one translates line i
of the other), or an embedded task (``seq2seq.tasks``, ``task:digits->zh``). A problem is one
sentence naming the file and line: text that is not UTF-8, a binary file, a line without its
tab, an empty side, files whose line counts differ, a sentence longer than the context.

``prepare_parallel`` writes a run's ``data/``: the vocabulary (``seq2seq.vocab``: one tokenizer for both
sides or one per side, char / BPE / Unigram, ``<pad> <s> </s>`` as its last three ids), ``{part}.src.npy`` (pairs x
source width, padded) and ``{part}.tgt.npy`` (``<s>`` target ``</s>``, padded), ``val_sample.jsonl``
(the texts the evaluation translates) and ``meta.json`` with ``"kind": "parallel"`` and the
statistics of each side. ``open_parallel`` reads it back for the engine (``core.model_kinds``).
"""

from __future__ import annotations

import json
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ..errors import CorpusError, user_text
from ..events import PrepareProgress
from ..runs import atomic_write_bytes, atomic_write_json
from ..tokenizers import Tokenizer
from .model import IGNORE, special_ids
from .tasks import parse_task_source, task_pairs
from .vocab import PairVocabulary, load_vocabulary, train_vocabulary

META_FILE = "meta.json"
SCHEMA_VERSION = 1
VAL_SAMPLE_FILE = "val_sample.jsonl"
VAL_SAMPLE = 200  # held-out pairs the evaluation translates (BLEU, chrF, exact match)


@dataclass(frozen=True)
class Pair:
    source: str
    target: str
    where: str  # "file, line N" for messages; "" for generated pairs


def _lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file; a sentence naming the line when it is binary or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CorpusError("Cannot read {path}: {reason}.", path=str(path), reason=str(e.strerror or e)) from None
    if b"\0" in raw[:65536]:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise CorpusError("{path} looks like a binary file (a NUL byte on line {line}), not text.", path=str(path), line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise CorpusError("{path}, line {line}: the text is not UTF-8 (byte {byte:#04x}); save the file as UTF-8.",
                          path=str(path), line=line, byte=raw[e.start]) from None
    return text.removeprefix("\ufeff").splitlines()


def _checked(pair: Pair) -> Pair:
    if not pair.source.strip():
        raise CorpusError("{where}: the source side is empty.", where=pair.where)
    if not pair.target.strip():
        raise CorpusError("{where}: the target side is empty.", where=pair.where)
    return pair


def _line(path: Path, n: int) -> str:
    """Where a pair comes from, for the sentences that name it."""
    return user_text("{path}, line {line}", path=str(path), line=n)


def _read_tsv(path: Path) -> list[Pair]:
    pairs = []
    for n, line in enumerate(_lines(path), 1):
        if not line.strip():
            continue
        if line.count("\t") != 1:
            if "\t" not in line:
                raise CorpusError("{path}, line {line}: expected source<TAB>target, found no tab.", path=str(path), line=n)
            raise CorpusError("{path}, line {line}: expected source<TAB>target, found {tabs} tabs.",
                              path=str(path), line=n, tabs=line.count("\t"))
        src, tgt = line.split("\t")
        pairs.append(_checked(Pair(src.strip(), tgt.strip(), _line(path, n))))
    return pairs


def _read_jsonl(path: Path) -> list[Pair]:
    pairs = []
    for n, line in enumerate(_lines(path), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as e:
            raise CorpusError("{path}, line {line}: not valid JSON ({reason}).", path=str(path), line=n, reason=e.msg) from None
        if not (isinstance(rec, dict) and isinstance(rec.get("source"), str) and isinstance(rec.get("target"), str)):
            raise CorpusError('{path}, line {line}: expected {{"source": "...", "target": "..."}}.', path=str(path), line=n)
        pairs.append(_checked(Pair(rec["source"].strip(), rec["target"].strip(), _line(path, n))))
    return pairs


def _read_aligned(src_path: Path, tgt_path: Path) -> list[Pair]:
    src, tgt = _lines(src_path), _lines(tgt_path)
    while src and not src[-1].strip() and len(src) > len(tgt):
        src.pop()
    while tgt and not tgt[-1].strip() and len(tgt) > len(src):
        tgt.pop()
    if len(src) != len(tgt):
        raise CorpusError("{src} has {n_src:,} lines but {tgt} has {n_tgt:,}, line {line} has no partner: "
                          "the files must be aligned line by line.", src=str(src_path), tgt=str(tgt_path),
                          n_src=len(src), n_tgt=len(tgt), line=min(len(src), len(tgt)) + 1)
    pairs = []
    for n, (s, t) in enumerate(zip(src, tgt), 1):
        if not s.strip() and not t.strip():
            continue
        pairs.append(_checked(Pair(s.strip(), t.strip(), _line(src_path if not s.strip() else tgt_path, n))))
    return pairs


def read_pairs(paths: Sequence[str | Path]) -> list[Pair]:
    """The pairs of a TSV file, a JSONL file, or two aligned files (in that order: source, target)."""
    paths = [Path(p) for p in paths]
    if len(paths) == 2:
        pairs = _read_aligned(*paths)
    elif len(paths) == 1:
        pairs = _read_jsonl(paths[0]) if paths[0].suffix.lower() in (".jsonl", ".json") else _read_tsv(paths[0])
    else:
        raise CorpusError("Give one TSV or JSONL file of pairs, or two aligned files (source, then target).")
    if not pairs:
        raise CorpusError("{path} holds no sentence pairs.", path=str(paths[0]))
    return pairs


def split_pairs(pairs: list[Pair], val_fraction: float, seed: int) -> tuple[list[Pair], list[Pair]]:
    """(training, held-out): a seeded shuffle, the first ``val_fraction`` held out (at least one pair)."""
    order = np.random.default_rng(seed).permutation(len(pairs))
    n_val = min(len(pairs) - 1, max(1, round(len(pairs) * val_fraction)))
    if n_val < 1:
        raise CorpusError("At least two sentence pairs are needed: one to train on, one to hold out.")
    return [pairs[i] for i in order[n_val:]], [pairs[i] for i in order[:n_val]]


def load_source(source: Sequence[str], val_fraction: float, seed: int) -> tuple[list[Pair], list[Pair], str]:
    """(training pairs, held-out pairs, a label) of a run's source: an embedded task or files."""
    task = parse_task_source(source[0]) if len(source) == 1 else None
    if task is not None:
        train, val = task_pairs(task[0], task[1], val_fraction, seed)
        return [Pair(s, t, "") for s, t in train], [Pair(s, t, "") for s, t in val], source[0]
    train, val = split_pairs(read_pairs(source), val_fraction, seed)
    return train, val, " + ".join(Path(p).name for p in source)


# -- statistics -------------------------------------------------------------------


def side_stats(texts: Sequence[str], lengths: Sequence[int]) -> dict:
    """Pairs, characters, tokens and token-length percentiles of one side. Example: lengths [2, 4] ->
    {"pairs": 2, ..., "tokens": 6, "p50": 3.0, ..., "max": 4}."""
    n = np.asarray(lengths, dtype=np.int64)
    pct = np.percentile(n, [50, 90, 99]) if len(n) else np.zeros(3)
    return {"pairs": len(texts), "chars": int(sum(len(t) for t in texts)), "tokens": int(n.sum()),
            "p50": float(pct[0]), "p90": float(pct[1]), "p99": float(pct[2]), "max": int(n.max()) if len(n) else 0}


# -- preparing a run's data -------------------------------------------------------------


def _encode_side(tok: Tokenizer, pairs: list[Pair], side: str, limit: int, label: str) -> list[list[int]]:
    """Each pair's ``side`` in token ids; a sentence over ``limit`` tokens is a sentence naming its line."""
    out = []
    for k, p in enumerate(pairs):
        text = p.source if side == "source" else p.target
        ids = tok.encode(text)
        if len(ids) > limit:
            where = p.where or user_text("{label}, pair {n}", label=label, n=k + 1)
            sentence = ("{where}: the source has {n} tokens, more than the {limit} the context allows; raise the "
                        "context length or shorten the sentence." if side == "source" else
                        "{where}: the target has {n} tokens, more than the {limit} the context allows; raise the "
                        "context length or shorten the sentence.")
            raise CorpusError(sentence, where=where, n=len(ids), limit=limit)
        out.append(ids)
    return out


def _padded(rows: list[list[int]], width: int, pad: int) -> np.ndarray:
    a = np.full((len(rows), width), pad, dtype=np.int32)
    for i, r in enumerate(rows):
        a[i, : len(r)] = r
    return a


def prepare_parallel(source: Sequence[str], folder: str | Path, *, tokenizer: str = "char", vocab_size: int = 2048,
                     val_fraction: float = 0.1, block_size: int = 64, seed: int = 0,
                     shared_vocab: bool = True) -> Generator[PrepareProgress, None, "ParallelData"]:
    """Read, split, tokenise and write the parallel data of ``source`` into ``folder``; returns it opened.

    One tokenizer for both sides (``shared_vocab``) or one per side, trained on the training pairs
    (``vocab_size``: each tokenizer's, for BPE / Unigram); a sentence may have up to
    ``block_size`` tokens on the source side and ``block_size - 1`` on the target side (with ``<s>``
    or ``</s>`` added it fills the context).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    yield PrepareProgress("reading", 0.0, "Reading the sentence pairs")
    train, val, label = load_source(source, val_fraction, seed)
    sides = "both sides" if shared_vocab else "each side"
    yield PrepareProgress("tokenizer", -1.0, f"Training a {tokenizer} tokenizer on {sides}")
    vocab, files = train_vocabulary(tokenizer, vocab_size, [p.source for p in train], [p.target for p in train],
                                    shared_vocab)
    for name, tok in files.items():
        tok.save(folder / name)
    pad, bos, eos = special_ids(vocab.size)
    meta: dict = {"schema_version": SCHEMA_VERSION, "kind": "parallel", "source": list(source), "label": label,
                  "tokenizer": tokenizer, "vocabulary": "shared" if shared_vocab else "separate",
                  "vocab_size": vocab.size, "split": {"val_fraction": val_fraction, "seed": seed}}
    stats: dict = {}
    for k, (part, pairs) in enumerate((("train", train), ("val", val))):
        yield PrepareProgress("encoding", k / 2, f"Encoding the {part} pairs")
        src = _encode_side(vocab.source, pairs, "source", block_size, label)
        tgt = _encode_side(vocab.target, pairs, "target", block_size - 1, label)
        src_w = max(len(r) for r in src)
        tgt_rows = [[bos, *r, eos] for r in tgt]
        np.save(folder / f"{part}.src.npy", _padded(src, src_w, pad))
        np.save(folder / f"{part}.tgt.npy", _padded(tgt_rows, max(len(r) for r in tgt_rows), pad))
        stats[part] = {"source": side_stats([p.source for p in pairs], [len(r) for r in src]),
                       "target": side_stats([p.target for p in pairs], [len(r) for r in tgt])}
        meta[f"n_{part}"] = int(sum(len(r) + 1 for r in tgt))  # target tokens the loss sees
        meta[f"pairs_{part}"] = len(pairs)
    sample = "".join(json.dumps({"source": p.source, "target": p.target}, ensure_ascii=False) + "\n"
                     for p in val[:VAL_SAMPLE])
    atomic_write_bytes(folder / VAL_SAMPLE_FILE, sample.encode("utf-8"))
    meta["stats"] = stats
    atomic_write_json(folder / META_FILE, meta)
    yield PrepareProgress("encoding", 1.0)
    return open_parallel(folder, meta)


# -- the prepared data, for the engine -------------------------------------------------------


class PairBatches:
    """Batches of pairs as ``(src, tgt_in, tgt_out)``, each trimmed to its longest sentence.

    ``tgt_in`` is ``<s>`` + target, ``tgt_out`` is target + ``</s>`` with ``IGNORE`` at padding.
    """

    def __init__(self, src: np.ndarray, tgt: np.ndarray, pad: int, batch_size: int, device):
        self.src, self.tgt, self.pad, self.B, self.device = src, tgt, pad, batch_size, device

    def sample_starts(self, gen: torch.Generator) -> np.ndarray:
        return torch.randint(len(self.src), (self.B,), generator=gen).numpy()

    def eval_starts(self, n: int, seed: int) -> np.ndarray:
        """``n`` fixed pairs (every pair when there are fewer)."""
        if n >= len(self.src):
            return np.arange(len(self.src))
        return np.sort(np.random.default_rng(seed).choice(len(self.src), size=n, replace=False))

    def at(self, starts: np.ndarray) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        src, tgt = self.src[starts], self.tgt[starts]
        src = src[:, : max(1, int((src != self.pad).sum(1).max()))]
        tgt = tgt[:, : max(2, int((tgt != self.pad).sum(1).max()))]
        src_t = torch.from_numpy(src.astype(np.int64)).to(self.device)
        tgt_t = torch.from_numpy(tgt.astype(np.int64)).to(self.device)
        tgt_out = tgt_t[:, 1:].masked_fill(tgt_t[:, 1:] == self.pad, IGNORE)
        return src_t, tgt_t[:, :-1], tgt_out


@dataclass(frozen=True)
class ParallelData:
    """A run's prepared parallel data (``meta.json`` "kind": "parallel"), as ``core.model_kinds`` asks."""

    folder: Path
    vocab_size: int
    n_train: int  # target tokens of the training pairs (with </s>)
    n_val: int
    meta: dict

    def vocabulary(self) -> PairVocabulary:
        """The source and target tokenizers (the same one when the vocabulary is shared)."""
        return load_vocabulary(self.folder)

    def tokenizer(self) -> Tokenizer:
        """The source side's tokenizer (``vocabulary()`` has both)."""
        return self.vocabulary().source

    def arrays(self, part: str) -> tuple[np.ndarray, np.ndarray]:
        """(source ids, target ids) of ``part`` ("train" | "val"), padded."""
        try:
            return (np.load(self.folder / f"{part}.src.npy", allow_pickle=False),
                    np.load(self.folder / f"{part}.tgt.npy", allow_pickle=False))
        except (OSError, ValueError) as e:
            raise CorpusError("{folder}: the {part} pairs are missing or damaged ({reason}); prepare the data again.",
                              folder=str(self.folder), part=part, reason=str(e)) from None

    def batches(self, part: str, block_size: int, batch_size: int, device) -> PairBatches:
        src, tgt = self.arrays(part)
        return PairBatches(src, tgt, special_ids(self.vocab_size)[0], batch_size, device)

    def val_sample(self) -> list[tuple[str, str]]:
        """The (source, reference) texts every evaluation translates."""
        lines = (self.folder / VAL_SAMPLE_FILE).read_text(encoding="utf-8").splitlines()
        return [(r["source"], r["target"]) for r in map(json.loads, lines)]


def open_parallel(folder: Path, meta: dict) -> ParallelData:
    return ParallelData(Path(folder), int(meta["vocab_size"]), int(meta["n_train"]), int(meta["n_val"]), meta)


def prepare_for_run(run, cfg) -> Generator[PrepareProgress, None, ParallelData]:
    """The "encdec" kind's preparation (``core.model_kinds``): ``cfg.corpus`` (a task or files) into ``run/data``."""
    return (yield from prepare_parallel(cfg.corpus, run.data_dir, tokenizer=cfg.data.tokenizer,
                                        vocab_size=cfg.data.vocab_size, val_fraction=cfg.data.val_fraction,
                                        block_size=cfg.model.block_size, seed=cfg.train.seed,
                                        shared_vocab=cfg.data.shared_vocab))
