"""Labelled texts prepared for the engine: token ids padded to the context, labels, lengths.

A run's ``data/`` of kind "labelled" (``model_kinds.DATA_KINDS``) holds, per part (train, val):
``{part}.ids.npy`` (N, context) int32 token ids, right-padded with 0; ``{part}.len.npy`` (N,) the real
lengths; ``{part}.labels.npy`` (N,) class numbers; ``val.texts.json`` the validation texts (for the
per-example predictions); ``split.json`` which source examples went where (the split is made once,
when the run is created, so a resumed run validates on the very same examples); the tokenizer;
``meta.json``. A batch is ``(x, labels, lengths)``, what the classifiers' ``forward`` takes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ..errors import CorpusError, TokenizerError, user_text
from ..runs import atomic_write_json, atomic_writer
from ..tokenizers import TOKENIZER_FILE, Tokenizer, load_tokenizer
from .labelled import LabelledSet

KIND = "labelled"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class LabelledData:
    folder: Path
    labels: list[str]  # class number -> name
    context: int  # tokens per example (the model's block_size)
    vocab_size: int
    n_train_examples: int
    n_val_examples: int
    truncated: int  # examples cut to the context
    source: str

    @property
    def n_train(self) -> int:  # tokens, as the engine's checks count them
        return self.n_train_examples * self.context

    @property
    def n_val(self) -> int:
        return self.n_val_examples * self.context

    def arrays(self, part: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids (N, context), labels (N,), lengths (N,)) of ``part``."""
        try:
            return tuple(np.load(self.folder / f"{part}.{name}.npy", allow_pickle=False)
                         for name in ("ids", "labels", "len"))
        except (OSError, ValueError) as e:
            raise CorpusError("{folder}: the prepared {part} examples are missing or damaged ({e}).", folder=self.folder, part=part, e=e) from None

    def batches(self, part: str, block_size: int, batch_size: int, device: torch.device) -> "LabelledBatches":
        if block_size != self.context:
            raise CorpusError("{folder}: the examples were prepared for a "
                              "context of {context} tokens, the model has "
                              "{block_size}.", folder=self.folder, context=self.context, block_size=block_size)
        return LabelledBatches(*self.arrays(part), batch_size, device)

    def val_texts(self) -> list[str]:
        return json.loads((self.folder / "val.texts.json").read_text(encoding="utf-8"))

    def tokenizer(self) -> Tokenizer:
        return load_tokenizer(self.folder / TOKENIZER_FILE)

    def sentence(self) -> str:
        cut = f"; {self.truncated:,} longer than {self.context} tokens were cut to it" if self.truncated else ""
        return (f"{self.n_train_examples:,} examples to train on, {self.n_val_examples:,} held out, "
                f"{len(self.labels)} labels{cut}")


class LabelledBatches:
    """Batches of whole examples: random ones to train, a fixed set to evaluate."""

    def __init__(self, ids: np.ndarray, labels: np.ndarray, lengths: np.ndarray, batch_size: int,
                 device: torch.device | None):
        self.ids, self.labels, self.lengths = ids, labels, lengths
        self.batch_size, self.device = batch_size, device

    def sample_starts(self, gen: torch.Generator) -> np.ndarray:
        return torch.randint(len(self.ids), (self.batch_size,), generator=gen).numpy()

    def eval_starts(self, n: int, seed: int) -> np.ndarray:
        """A fixed sample of ``n`` examples (all when there are fewer), the same at every evaluation."""
        order = np.random.default_rng(seed).permutation(len(self.ids))
        return np.sort(order[:n])

    def at(self, starts: np.ndarray) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        x = torch.from_numpy(self.ids[starts].astype(np.int64))  # (B, T)
        y = torch.from_numpy(self.labels[starts].astype(np.int64))  # (B,)
        n = torch.from_numpy(self.lengths[starts].astype(np.int64))  # (B,)
        return x.to(self.device), y.to(self.device), n.to(self.device)


def encode_texts(tokenizer: Tokenizer, texts: list[str], context: int,
                 where: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """(ids (N, context) right-padded with 0, lengths (N,), how many were cut to ``context``).

    Example: context 4, texts "ab", "abcdef" (a char tokenizer) -> lengths [2, 4], 1 cut.
    """
    ids = np.zeros((len(texts), context), dtype=np.int32)
    lengths = np.zeros(len(texts), dtype=np.int32)
    cut = 0
    for i, text in enumerate(texts):
        try:
            tokens = tokenizer.encode(text)
        except TokenizerError as e:
            raise CorpusError("{where}: {e}", where=where[i] if where else user_text("text {n}", n=i + 1), e=e) from None
        if not tokens:
            raise CorpusError("{where}: the text gives no tokens.", where=where[i] if where else user_text("text {n}", n=i + 1))
        cut += len(tokens) > context
        tokens = tokens[:context]
        ids[i, :len(tokens)] = tokens
        lengths[i] = len(tokens)
    return ids, lengths, cut


def write_labelled_data(folder: Path, tokenizer: Tokenizer, examples: LabelledSet, train_idx: list[int],
                        val_idx: list[int], context: int, split_by: str) -> LabelledData:
    """Encode ``examples`` into ``folder`` (a run's data/) for a model with ``context`` tokens."""
    folder.mkdir(parents=True, exist_ok=True)
    names = examples.label_names
    number = {name: k for k, name in enumerate(names)}
    truncated = 0
    for part, idx in (("train", train_idx), ("val", val_idx)):
        ids, lengths, cut = encode_texts(tokenizer, [examples.texts[i] for i in idx], context,
                                         [examples.where[i] for i in idx])
        truncated += cut
        labels = np.array([number[examples.labels[i]] for i in idx], dtype=np.int32)
        for name, arr in (("ids", ids), ("len", lengths), ("labels", labels)):
            with atomic_writer(folder / f"{part}.{name}.npy") as f:
                np.save(f, arr, allow_pickle=False)
    atomic_write_json(folder / "val.texts.json", [examples.texts[i] for i in val_idx])
    atomic_write_json(folder / "split.json", {
        "by": split_by, "train": [examples.where[i] for i in train_idx], "val": [examples.where[i] for i in val_idx]})
    tokenizer.save(folder / TOKENIZER_FILE)
    meta = {"kind": KIND, "schema_version": SCHEMA_VERSION, "labels": names, "context": context,
            "vocab_size": tokenizer.vocab_size, "n_train_examples": len(train_idx), "n_val_examples": len(val_idx),
            "truncated": truncated, "source": examples.source, "split": split_by,
            "counts": {"train": _counts(examples, train_idx), "val": _counts(examples, val_idx)}}
    atomic_write_json(folder / "meta.json", meta)
    return open_labelled(folder, meta)


def _counts(examples: LabelledSet, idx: list[int]) -> dict[str, int]:
    return {name: sum(examples.labels[i] == name for i in idx) for name in examples.label_names}


def open_labelled(folder: Path, meta: dict) -> LabelledData:
    """The prepared labelled data of a run (registered as data kind "labelled" in core.model_kinds)."""
    if meta.get("schema_version", 1) > SCHEMA_VERSION:
        raise CorpusError("{folder}: prepared by a newer lmlab; update lmlab to open it.", folder=folder)
    return LabelledData(Path(folder), [str(x) for x in meta["labels"]], int(meta["context"]), int(meta["vocab_size"]),
                        int(meta["n_train_examples"]), int(meta["n_val_examples"]), int(meta.get("truncated", 0)),
                        str(meta.get("source", "")))
