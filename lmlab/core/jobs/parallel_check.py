"""Check the sentence pairs a translation run would train on, before it is created.

The Corpus panel of an encoder-decoder shows what a source holds: how many pairs go to training
and to the held-out part, the length statistics of each side (in characters: the tokenizer is
trained when the run is prepared) and a few example pairs. A file that cannot be used ends in the
``CorpusError`` sentence of ``seq2seq.data`` (naming the file and line), shown at the field.

Example::

    >>> from lmlab.core.jobs.drive import drain
    >>> check = drain(check_parallel(["task:digits->zh:100"]))
    >>> check.pairs_train, check.pairs_val, check.examples[0][1] != ""
    (90, 10, True)
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field

from ..events import PrepareProgress
from ..seq2seq.data import load_source, side_stats

EXAMPLES = 6  # example pairs shown


@dataclass(frozen=True)
class ParallelCheck:
    source: tuple[str, ...]  # a run's corpus entries: ("task:digits->zh:40000",) or file paths
    label: str  # what the source is called (the task, or the file names)
    pairs_train: int
    pairs_val: int
    stats: dict[str, dict] = field(default_factory=dict)  # "source" | "target" -> seq2seq.data.side_stats (chars)
    examples: tuple[tuple[str, str], ...] = ()  # the first training pairs


def check_parallel(source: Sequence[str], val_fraction: float = 0.1,
                   seed: int = 0) -> Generator[PrepareProgress, None, ParallelCheck]:
    """Read ``source`` as a run would (``seq2seq.data.load_source``: same split) and describe it."""
    yield PrepareProgress("reading", -1.0, "Reading the sentence pairs")
    train, val, label = load_source(list(source), val_fraction, seed)
    pairs = train + val
    stats = {side: side_stats(texts, [len(t) for t in texts])
             for side, texts in (("source", [p.source for p in pairs]), ("target", [p.target for p in pairs]))}
    return ParallelCheck(tuple(source), label, len(train), len(val), stats,
                         tuple((p.source, p.target) for p in train[:EXAMPLES]))
