"""Finding duplicates while streaming: exact hashes, and MinHash signatures for near duplicates.

Only hashes are kept: 8 bytes per distinct line or document for exact de-duplication, and for
near duplicates a MinHash signature of ``NUM_PERM`` 64-bit values per kept document, indexed by
locality-sensitive hashing in numpy arrays (``NearDuplicates``).

Signatures are computed here, vectorised with numpy and deterministic across processes (so a
re-prepared run drops the very same documents): the shingles are the 5-character windows of the
lower-cased text with whitespace runs collapsed, hashed by a polynomial over code points, and
permuted by multiply-shift hashing with fixed odd multipliers.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np


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


class NearDuplicates:
    """Kept documents' signatures, indexed by LSH bands: ``match`` finds an earlier one at least ``threshold`` alike.

    Banding: the 64 values make ``BANDS`` bands of ``ROWS``; documents sharing any band are
    candidates (likely from a similarity of about (1/16)^(1/4) = 0.5 on), and their signatures decide.
    The index is numpy arrays (16 bytes per band, 8 per value; recent entries sit in small dicts,
    merged into sorted arrays now and then): under 1.5 KB per kept document with the arrays'
    headroom, where datasketch's MinHashLSH (a Python set per bucket) took 4.7 KB.
    """

    BANDS, ROWS = 16, 4
    MERGE_EVERY = 1 << 15

    def __init__(self, threshold: float):
        self.threshold = threshold
        self.sigs = np.empty((1024, NUM_PERM), dtype=np.uint64)
        self.keys = np.empty(1024, dtype=np.int64)
        self.n = 0
        self.sorted_hash = [np.empty(0, dtype=np.uint64) for _ in range(self.BANDS)]
        self.sorted_row = [np.empty(0, dtype=np.int64) for _ in range(self.BANDS)]
        self.recent: list[dict[int, list[int]]] = [{} for _ in range(self.BANDS)]
        self.pending = 0

    def _bands(self, sig: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return (sig.reshape(self.BANDS, self.ROWS) * _A[: self.ROWS]).sum(axis=1, dtype=np.uint64)

    def match(self, key: int, sig: np.ndarray) -> int | None:
        """The key of the most similar earlier document at or over the threshold; else None (and ``key`` is kept)."""
        bands = self._bands(sig)
        rows: set[int] = set()
        for b, h in enumerate(bands):
            hs = self.sorted_hash[b]
            lo, hi = np.searchsorted(hs, h, "left"), np.searchsorted(hs, h, "right")
            rows.update(self.sorted_row[b][lo:hi].tolist())
            rows.update(self.recent[b].get(int(h), ()))
        if rows:
            cand = np.fromiter(rows, dtype=np.int64, count=len(rows))
            sims = (self.sigs[cand] == sig).mean(axis=1)
            best = int(np.argmax(sims))
            if sims[best] >= self.threshold:
                return int(self.keys[cand[best]])
        self._add(key, sig, bands)
        return None

    def _add(self, key: int, sig: np.ndarray, bands: np.ndarray) -> None:
        if self.n == len(self.keys):
            self.sigs = np.concatenate([self.sigs, np.empty_like(self.sigs)])
            self.keys = np.concatenate([self.keys, np.empty_like(self.keys)])
        self.sigs[self.n], self.keys[self.n] = sig, key
        for b, h in enumerate(bands):
            self.recent[b].setdefault(int(h), []).append(self.n)
        self.n += 1
        self.pending += 1
        if self.pending >= self.MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        for b in range(self.BANDS):
            pairs = [(h, r) for h, rows in self.recent[b].items() for r in rows]
            hs = np.concatenate([self.sorted_hash[b], np.array([h for h, _ in pairs], dtype=np.uint64)])
            rs = np.concatenate([self.sorted_row[b], np.array([r for _, r in pairs], dtype=np.int64)])
            order = np.argsort(hs, kind="stable")
            self.sorted_hash[b], self.sorted_row[b] = hs[order], rs[order]
            self.recent[b] = {}
        self.pending = 0
