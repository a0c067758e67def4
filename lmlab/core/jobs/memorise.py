"""The memorisation check as a user action: the longest span of a text copied from a run's training text."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path

from ..guards.events import CopyCheckProgress
from ..guards.memorise import CopiedSpan, copy_index
from ..runs import Run


def copied_spans(run_path: str | Path, texts: Sequence[str]
                 ) -> Generator[CopyCheckProgress, None, list[CopiedSpan | None]]:
    """Index the run's training text (once per prepared data, cached) and return, for each of ``texts``,
    the longest span found in it verbatim (None when nothing of it is)."""
    run = Run(run_path)
    yield CopyCheckProgress("indexing")
    index = copy_index(run)
    yield CopyCheckProgress("searching")
    return [index.longest_copy(t) for t in texts]


def copied_span(run_path: str | Path, text: str) -> Generator[CopyCheckProgress, None, CopiedSpan | None]:
    """``copied_spans`` for one text (the Playground's output)."""
    return (yield from copied_spans(run_path, [text]))[0]
