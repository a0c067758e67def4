"""Scan a corpus: the user dropped files (or chose the default corpus)."""

from __future__ import annotations

from collections.abc import Generator

from ..corpus import iter_scan, load_corpus
from ..events import ScanResult
from .drive import thinned


def scan_corpus(paths: list[str], preview_chars: int = 6000) -> Generator[float, None, ScanResult]:
    """Load and read a corpus (empty ``paths``: the default corpus); yields the fraction read."""
    corpus = load_corpus(paths)
    stats = yield from thinned(iter_scan(corpus))
    return ScanResult(corpus, stats, corpus.preview(preview_chars))
