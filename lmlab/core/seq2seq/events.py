"""What the translation jobs (``core.jobs.translate``) yield and return; numpy and plain values only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TranslatedToken:
    """One token of a translation as it is chosen: its id, its text and its probability (0..1)."""

    id: int
    piece: str
    prob: float


@dataclass(frozen=True)
class Translation:
    """A finished translation of ``source`` by a run's checkpoint at ``step``."""

    source: str
    text: str
    tokens: tuple[TranslatedToken, ...]
    beam: int
    step: int
    finished: bool  # False: the context filled before </s>


@dataclass(frozen=True)
class PairScan:
    """Sentence pairs read and tokenised as a run would, before any run exists (``jobs.translate.scan_pairs``)."""

    label: str  # the task or the file names
    stats: dict  # {"train" | "val": {"source" | "target": {pairs, chars, tokens, p50, p90, p99, max}}}
    vocab_size: int  # the model's vocabulary, specials included
    shared: bool  # one tokenizer for both sides
    preview: tuple[tuple[str, str], ...]  # the first training pairs
