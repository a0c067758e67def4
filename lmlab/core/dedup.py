"""Finding duplicates while streaming: exact hashes, and MinHash signatures for near duplicates.

Only hashes are kept: 8 bytes per distinct line or document for exact de-duplication, and for
near duplicates a MinHash signature of ``NUM_PERM`` 64-bit values per kept document, indexed by
``datasketch``'s locality-sensitive hashing (an optional dependency, imported when needed).

Signatures are computed here, vectorised with numpy and deterministic across processes (so a
re-prepared run drops the very same documents): the shingles are the 5-character windows of the
lower-cased text with whitespace runs collapsed, hashed by a polynomial over code points, and
permuted by multiply-shift hashing with fixed odd multipliers.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from .errors import ConfigError

NUM_PERM = 64
SHINGLE = 5
PENDING = 1 << 16  # characters gathered before hashing them
_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)
_rng = np.random.default_rng(20240607)
_A = _rng.integers(1, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
_SPACE = re.compile(r"\s+")


def hash64(text: str) -> int:
    """A stable 64-bit hash of ``text`` (the same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class Signature:
    """The MinHash signature of one document, fed its text block by block."""

    def __init__(self):
        self.values = np.full(NUM_PERM, _MAX, dtype=np.uint64)
        self.tail = ""  # the last SHINGLE-1 characters, so windows cross block boundaries
        self.empty = True
        self.pending: list[str] = []  # text not hashed yet (hashed in pieces of PENDING characters)
        self.pending_chars = 0

    def update(self, text: str) -> None:
        self.pending.append(text)
        self.pending_chars += len(text)
        if self.pending_chars >= PENDING:
            self._flush()

    def _flush(self) -> None:
        text, self.pending, self.pending_chars = "".join(self.pending), [], 0
        text = self.tail + _SPACE.sub(" ", text.lower())
        if len(text) < SHINGLE:
            self.tail = text
            return
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
        n = len(cps) - SHINGLE + 1
        h = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(SHINGLE):
                h = h * np.uint64(1_000_003) + cps[j:j + n]
            h.sort()  # distinct shingles only (sorting beats np.unique's hashing here)
            h = h[np.concatenate(([True], h[1:] != h[:-1]))]
            # One permutation at a time: a row that stays in cache is faster than an (n, 64) matrix.
            mins = np.fromiter(((h * _A[i] + _B[i]).min() for i in range(NUM_PERM)), np.uint64, NUM_PERM)
            self.values = np.minimum(self.values, mins)
        self.tail = text[-(SHINGLE - 1):]
        self.empty = False

    def finish(self) -> np.ndarray:
        self._flush()
        if self.empty and self.tail:  # shorter than one shingle: the whole text is its shingle
            tail, self.tail = self.tail, ""
            self.pending = [tail + " " * (SHINGLE - len(tail))]
            self._flush()
        return self.values


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate."""
    return float(np.mean(a == b))


class NearDuplicates:
    """An index of kept documents' signatures: ``match`` finds an earlier one at least ``threshold`` alike."""

    def __init__(self, threshold: float):
        try:
            from datasketch import LeanMinHash, MinHashLSH
        except ImportError:
            raise ConfigError("Near-duplicate detection needs datasketch: pip install 'lmlab[clean]' "
                              "(or pip install datasketch).", "clean") from None
        self._lean = LeanMinHash
        self.threshold = threshold
        # The index finds candidates from a lower similarity on (fewer misses); signatures then decide.
        self.lsh = MinHashLSH(threshold=max(0.2, min(threshold, 0.99) - 0.15), num_perm=NUM_PERM)
        self.signatures: dict[int, np.ndarray] = {}

    def match(self, key: int, sig: np.ndarray) -> int | None:
        """The key of the most similar earlier document at or over the threshold; else None (and ``key`` is kept)."""
        m = self._lean(seed=1, hashvalues=sig, scheme="legacy")  # our own values: any fixed scheme name
        best, best_sim = None, self.threshold
        for other in self.lsh.query(m):
            sim = similarity(sig, self.signatures[other])
            if sim >= best_sim:
                best, best_sim = other, sim
        if best is None:
            self.lsh.insert(key, m, check_duplication=False)
            self.signatures[key] = sig
        return best
