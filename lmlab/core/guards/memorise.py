"""The memorisation check: the longest span of a generated text copied verbatim from the training text.

``CopyIndex(text)`` builds a suffix array of the training text's characters (prefix doubling with
numpy: a few ``argsort``s of n 64-bit keys, about a second for a 1 MB corpus) and answers
``longest_copy(sample)`` by the matching statistics of the sample: for each position i of the
sample, the longest prefix of ``sample[i:]`` that occurs in the text, found by binary search among
the sorted suffixes (O(m log n) slice comparisons for a sample of m characters; milliseconds).

Example::

    >>> CopyIndex("to be or not to be").longest_copy("what not to do")
    CopiedSpan(start=4, end=12, source=8)      # " not to " is in the text at 8

``copy_index(run)`` decodes the run's training tokens to text once and keeps the index for the
last few runs (keyed by the token file's path, size and time), so the Playground asks for every
sample without rebuilding it. ``jobs.memorise.copied_span`` is the user action.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from ..dataset import load_prepared
from ..errors import LmlabError
from ..runs import Run


@dataclass(frozen=True)
class CopiedSpan:
    start: int  # in the sample, characters (Python string indices)
    end: int  # exclusive
    source: int  # where it starts in the training text

    @property
    def length(self) -> int:
        return self.end - self.start


def suffix_array(codes: np.ndarray) -> np.ndarray:
    """Start positions of the suffixes of ``codes`` in sorted order (shorter before longer on a tie).

    Example: the characters of "banana" -> [5, 3, 1, 0, 4, 2] ("a", "ana", "anana", "banana", "na", "nana").
    """
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    _, rank = np.unique(codes, return_inverse=True)
    rank = rank.astype(np.int64)
    k = 1
    while True:
        # 1. sort by (rank of the first k, rank of the next k; -1 past the end) as one 64-bit key
        second = np.full(n, -1, dtype=np.int64)
        second[: n - k] = rank[k:]
        key = rank * (n + 1) + second + 1
        order = np.argsort(key, kind="stable")
        # 2. new ranks: equal keys share one
        sorted_key = key[order]
        new = np.empty(n, dtype=np.int64)
        new[order] = np.concatenate(([0], np.cumsum(sorted_key[1:] != sorted_key[:-1])))
        rank = new
        if rank[order[-1]] == n - 1 or k >= n:  # every suffix has its own rank: sorted
            return order
        k *= 2


class CopyIndex:
    """A suffix array over ``text``, answering the longest verbatim copy of a sample (module docstring)."""

    def __init__(self, text: str):
        self.text = text
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.sa = suffix_array(codes)

    def _longest_at(self, q: str) -> tuple[int, int]:
        """(length, text position) of the longest prefix of ``q`` that occurs in the text."""
        text, sa, m = self.text, self.sa, len(q)
        lo, hi = 0, len(sa)
        while lo < hi:  # the first suffix >= q (compared on m characters)
            mid = (lo + hi) // 2
            if text[sa[mid] : sa[mid] + m] < q:
                lo = mid + 1
            else:
                hi = mid
        best = (0, 0)
        for j in (lo - 1, lo):  # the longest common prefix is with a neighbour of that place
            if 0 <= j < len(sa):
                p = int(sa[j])
                n = len(os.path.commonprefix([text[p : p + m], q]))
                best = max(best, (n, p), key=lambda b: b[0])
        return best

    def longest_copy(self, sample: str) -> CopiedSpan | None:
        """The longest span of ``sample`` found verbatim in the text (the first if several), or None."""
        best: CopiedSpan | None = None
        for i in range(len(sample)):
            if best is not None and len(sample) - i <= best.length:
                break  # nothing left can be longer
            n, p = self._longest_at(sample[i:])
            if n and (best is None or n > best.length):
                best = CopiedSpan(i, i + n, p)
        return best


_CACHE: OrderedDict[tuple, CopyIndex] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 2  # corpora whose index is kept (each about 13 bytes per character)


MAX_CHARS = 10_000_000  # the index of 10 M characters takes about half a GB while it is built


def training_text(run: Run) -> str:
    """The run's training split as text (its tokens decoded); a sentence if it is too long to index."""
    data = load_prepared(run.data_dir)
    too_long = LmlabError("The training text of {name} is too long for the copy check (at most {limit:,} characters).",
                          name=run.name, limit=MAX_CHARS)
    if data.n_train > MAX_CHARS:  # every token is at least one character
        raise too_long
    text = data.tokenizer().decode(int(i) for i in data.train_tokens())
    if len(text) > MAX_CHARS:
        raise too_long
    return text


def copy_index(run: Run) -> CopyIndex:
    """The index of ``run``'s training text, built once per prepared data (see the module docstring)."""
    path = run.data_dir / "train.bin"
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    index = CopyIndex(training_text(run))
    with _CACHE_LOCK:
        _CACHE[key] = index
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return index
