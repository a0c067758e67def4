"""The Corpus area: the panel (drop, statistics, tokenizer) and its Cleaning tab."""

from .panel import CorpusPanel, paths_from_mime

__all__ = ["CorpusPanel", "paths_from_mime"]
