"""Attention maps, head scores, and attention snapshots over training.

Everything here is numpy/torch only (no Qt): the attention panel draws what these
functions return, and the training engine calls ``record_snapshot`` at each
evaluation.

Shapes: an *attention array* ``maps`` is (L, H, T, T) = (layer, head, query, key);
row ``maps[l, h, i]`` is the probability distribution of query ``i`` over keys
``0..i`` (causal, so everything above the diagonal is 0).

Head scores (each an (L, H) array in [0, 1]):

* ``previous_token``: mean attention from query i to key i-1 (i >= 1).
* ``first_token``: mean attention to key 0 from queries i >= 1 (the "attention sink").
* ``induction``: on random tokens repeated twice ``[r; r]``, mean attention from a
  query at position i of the second copy to key ``i - seq_len + 1``: the token
  *after* the previous occurrence of the current token (Olsson et al., 2022).

Snapshots are written to ``run_dir/attention/step_000000250.npz`` (numpy only,
loaded with ``allow_pickle=False``) next to ``run_dir/attention/probe.json`` (the
probe's token ids and pieces). Every file is written to a temporary name and then
renamed, so a reader never sees half a file; a torn or corrupt one is skipped.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from .runs import atomic_writer

ATTENTION_DIR = "attention"
PROBE_FILE = "probe.json"
SNAPSHOT_PATTERN = re.compile(r"^step_(\d+)\.npz$")
DEFAULT_PROBE_LENGTH = 64
DEFAULT_INDUCTION_SEQ_LEN = 32
DEFAULT_INDUCTION_SEQS = 8

# One repeated sentence: short, plain ASCII (a char tokenizer trained on English text
# knows every character), and repeated, so induction heads have something to do on it.
DEFAULT_PROBE_TEXT = (
    "When the cat sat on the mat, the dog ran off. When the cat sat on the mat, the dog ran off."
)

SCORE_NAMES = ("previous_token", "first_token", "induction")

SCORE_EXPLANATIONS: dict[str, str] = {
    "previous_token": (
        "How much each token looks at the token right before it (1 = always). "
        "Such heads let later layers know which token came just before."
    ),
    "first_token": (
        "How much attention goes to the very first token (an 'attention sink'). "
        "Heads use it as a resting place when nothing else in the context is useful."
    ),
    "induction": (
        "On random text shown twice, how much a token looks at what followed its earlier occurrence "
        "(1 = always). Such heads let the model copy a sequence it has already seen."
    ),
}


# -- computing maps -------------------------------------------------------------


@contextlib.contextmanager
def _inspecting(model: torch.nn.Module) -> Iterator[None]:
    """Eval mode and no autograd; the model's training flag is restored afterwards."""
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            yield
    finally:
        model.train(was_training)


def _model_device(model: torch.nn.Module) -> torch.device:
    try:
        return next(model.parameters()).device
    except StopIteration:  # pragma: no cover - a GPT always has parameters
        return torch.device("cpu")


def _batch_maps(model: torch.nn.Module, idx: torch.Tensor) -> np.ndarray:
    """(B, T) token ids -> attention probabilities (B, L, H, T, T) float32; caller sets the mode."""
    _, _, atts = model(idx.to(_model_device(model)), return_attention=True)
    return torch.stack(atts, dim=1).float().cpu().numpy()  # (B, L, H, T, T)


def _as_id_tensor(ids: Sequence[int] | torch.Tensor | np.ndarray) -> torch.Tensor:
    t = torch.as_tensor(ids if isinstance(ids, torch.Tensor) else np.asarray(ids, dtype=np.int64))
    if t.dim() == 2 and t.shape[0] == 1:
        t = t[0]
    if t.dim() != 1:
        raise ValueError(f"expected one sequence of token ids, got shape {tuple(t.shape)}")
    if t.numel() == 0:
        raise ValueError("cannot compute attention for an empty sequence")
    return t.long()


def attention_maps(model: torch.nn.Module, ids: Sequence[int] | torch.Tensor) -> np.ndarray:
    """Attention probabilities of every layer and head for one sequence: (L, H, T, T) float32.

    Uses the model's explicit inspect path under ``torch.inference_mode()`` in eval
    mode (the training flag is restored). Only the last ``block_size`` tokens are used.
    """
    t = _as_id_tensor(ids)[-model.cfg.block_size :]
    with _inspecting(model):
        return _batch_maps(model, t[None])[0]


# -- head scores (pure numpy) ---------------------------------------------------


def previous_token_score(maps: np.ndarray) -> np.ndarray:
    """Mean attention from query i to key i-1 over i >= 1; (..., T, T) -> (...).

    >>> T = 5
    >>> prev = np.zeros((1, 1, T, T)); prev[0, 0, 0, 0] = 1
    >>> prev[0, 0, np.arange(1, T), np.arange(T - 1)] = 1
    >>> previous_token_score(prev)
    array([[1.]])
    >>> uniform = np.tril(np.ones((T, T))) / np.arange(1, T + 1)[:, None]
    >>> round(float(previous_token_score(uniform)), 3)  # (1/2 + 1/3 + 1/4 + 1/5) / 4
    0.321
    """
    maps = np.asarray(maps)
    T = maps.shape[-1]
    if T < 2:
        return np.zeros(maps.shape[:-2])
    i = np.arange(1, T)
    return maps[..., i, i - 1].mean(axis=-1)


def first_token_score(maps: np.ndarray) -> np.ndarray:
    """Mean attention to key 0 from queries i >= 1 (the "attention sink"); (..., T, T) -> (...).

    >>> sink = np.zeros((4, 4)); sink[:, 0] = 1
    >>> float(first_token_score(sink))
    1.0
    >>> float(first_token_score(np.eye(4)))
    0.0
    """
    maps = np.asarray(maps)
    T = maps.shape[-1]
    if T < 2:
        return np.zeros(maps.shape[:-2])
    return maps[..., 1:, 0].mean(axis=-1)


def induction_score_from_maps(maps: np.ndarray, seq_len: int) -> np.ndarray:
    """Induction score of attention maps computed on sequences ``[r; r]`` with ``len(r) == seq_len``.

    Mean attention from each query i in the second copy (``seq_len <= i < 2*seq_len``)
    to key ``i - seq_len + 1``. ``maps`` is (..., L, H, T, T) with T >= 2*seq_len;
    leading batch axes beyond (L, H) are averaged: (B, L, H, T, T) -> (L, H).

    >>> n = 3; T = 2 * n
    >>> ind = np.zeros((T, T)); ind[np.arange(n), np.arange(n)] = 1
    >>> ind[np.arange(n, T), np.arange(1, n + 1)] = 1
    >>> float(induction_score_from_maps(ind, n))
    1.0
    """
    maps = np.asarray(maps)
    T = maps.shape[-1]
    if seq_len < 1 or 2 * seq_len > T:
        raise ValueError(f"seq_len {seq_len} does not fit twice in {T} positions")
    q = np.arange(seq_len, 2 * seq_len)
    per_query = maps[..., q, q - seq_len + 1].mean(axis=-1)  # (..., L, H) or (...,)
    if per_query.ndim > 2:
        per_query = per_query.reshape(-1, *per_query.shape[-2:]).mean(axis=0)
    return per_query


def repeated_random_tokens(n_seqs: int, seq_len: int, vocab_size: int, seed: int = 0) -> np.ndarray:
    """(n_seqs, 2*seq_len) int64: random tokens ``r`` followed by ``r`` again.

    Tokens within ``r`` are distinct when the vocabulary allows it, so every token
    of the second copy has exactly one earlier occurrence.

    >>> x = repeated_random_tokens(2, 4, 10, seed=1)
    >>> x.shape, bool((x[:, :4] == x[:, 4:]).all()), len(set(x[0, :4].tolist()))
    ((2, 8), True, 4)
    """
    rng = np.random.default_rng(seed)
    if seq_len <= vocab_size:
        r = rng.random((n_seqs, vocab_size)).argsort(axis=1)[:, :seq_len].astype(np.int64)
    else:
        r = rng.integers(0, vocab_size, size=(n_seqs, seq_len), dtype=np.int64)
    return np.concatenate([r, r], axis=1)


def _default_seq_len(model: torch.nn.Module) -> int:
    return max(1, min(DEFAULT_INDUCTION_SEQ_LEN, model.cfg.block_size // 2))


def induction_score(
    model: torch.nn.Module,
    seq_len: int | None = None,
    n_seqs: int = DEFAULT_INDUCTION_SEQS,
    seed: int = 0,
    vocab_size: int | None = None,
) -> np.ndarray:
    """Induction score (L, H) of every head, measured on ``n_seqs`` random sequences shown twice.

    See ``repeated_random_tokens`` and ``induction_score_from_maps``.

    ``seq_len`` defaults to min(32, block_size // 2); tokens are drawn from
    ``range(vocab_size)`` (default: the model's vocabulary) with ``seed``. All
    sequences go through the model as one batch.
    """
    seq_len = _default_seq_len(model) if seq_len is None else int(seq_len)
    if seq_len < 1 or 2 * seq_len > model.cfg.block_size:
        raise ValueError(f"two copies of {seq_len} tokens do not fit in the context of {model.cfg.block_size}")
    vocab = model.cfg.vocab_size if vocab_size is None else int(vocab_size)
    x = torch.from_numpy(repeated_random_tokens(n_seqs, seq_len, vocab, seed))
    with _inspecting(model):
        maps = _batch_maps(model, x)  # (B, L, H, 2n, 2n)
    return induction_score_from_maps(maps, seq_len)


def random_probe_ids(vocab_size: int, length: int, seed: int = 0) -> list[int]:
    """``length`` random token ids, reproducible from ``seed``."""
    return np.random.default_rng(seed).integers(0, vocab_size, size=length).tolist()


def head_scores(
    model: torch.nn.Module,
    probe_ids: Sequence[int] | torch.Tensor | None = None,
    *,
    maps: np.ndarray | None = None,
    seq_len: int | None = None,
    n_seqs: int = DEFAULT_INDUCTION_SEQS,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """All head scores, each (L, H) float32: ``previous_token``, ``first_token``, ``induction``.

    Previous-token and first-token scores are measured on ``maps`` if given (the
    probe's maps, already computed), else on ``probe_ids``, else on 64 random tokens
    (``seed``). The induction score always uses random repeated sequences.
    """
    if maps is None:
        if probe_ids is None:
            n = min(DEFAULT_PROBE_LENGTH, model.cfg.block_size)
            probe_ids = random_probe_ids(model.cfg.vocab_size, n, seed)
        maps = attention_maps(model, probe_ids)
    return {
        "previous_token": previous_token_score(maps).astype(np.float32),
        "first_token": first_token_score(maps).astype(np.float32),
        "induction": induction_score(model, seq_len=seq_len, n_seqs=n_seqs, seed=seed).astype(np.float32),
    }


def top_heads(scores: np.ndarray, k: int = 3) -> list[tuple[int, int, float]]:
    """The ``k`` highest-scoring heads of an (L, H) score array as (layer, head, score), best first.

    >>> top_heads(np.array([[0.1, 0.9], [0.5, 0.2]]), k=2)
    [(0, 1, 0.9), (1, 0, 0.5)]
    """
    scores = np.asarray(scores)
    order = np.argsort(-scores, axis=None, kind="stable")[:k]
    return [(int(l), int(h), float(scores[l, h])) for l, h in zip(*np.unravel_index(order, scores.shape))]


# -- helpers for drawing --------------------------------------------------------


def average_heads(maps: np.ndarray) -> np.ndarray:
    """Mean over heads: (L, H, T, T) -> (L, T, T). Rows still sum to 1."""
    return np.asarray(maps).mean(axis=-3)


def future_mask(T: int) -> np.ndarray:
    """(T, T) bool, True above the diagonal: keys a query cannot see (draw them blank)."""
    return np.triu(np.ones((T, T), dtype=bool), k=1)


def log_color_scale(maps: np.ndarray, floor: float = 1e-3) -> np.ndarray:
    """Map probabilities to [0, 1] on a log scale: ``floor`` and below -> 0, 1 -> 1.

    Small attention weights stay visible next to large ones.

    >>> log_color_scale(np.array([0.0, 1e-3, 3.1623e-2, 1.0])).round(3).tolist()
    [0.0, 0.0, 0.5, 1.0]
    """
    if not 0 < floor < 1:
        raise ValueError("floor must be between 0 and 1")
    lo = math.log10(floor)
    x = np.log10(np.clip(np.asarray(maps, dtype=np.float64), floor, 1.0))
    return ((x - lo) / -lo).astype(np.float32)


def layer_head_grid(maps: np.ndarray, gap: int = 1, fill: float = np.nan) -> np.ndarray:
    """Tile (L, H, T, T) into one 2-D image: layers as rows, heads as columns, ``gap`` cells between.

    The result is (L*T + (L-1)*gap, H*T + (H-1)*gap), float32; gaps hold ``fill``.
    Map (l, h) starts at row ``l*(T+gap)``, column ``h*(T+gap)``.

    >>> layer_head_grid(np.ones((2, 3, 4, 4))).shape
    (9, 14)
    """
    maps = np.asarray(maps, dtype=np.float32)
    L, H, T, _ = maps.shape
    step = T + gap
    grid = np.full((L * step - gap, H * step - gap), fill, dtype=np.float32)
    for l in range(L):
        for h in range(H):
            grid[l * step : l * step + T, h * step : h * step + T] = maps[l, h]
    return grid


def grid_cell_at(row: int, col: int, T: int, gap: int = 1) -> tuple[int, int, int, int] | None:
    """Inverse of ``layer_head_grid``: (layer, head, query, key) under a grid cell, or None in a gap."""
    step = T + gap
    l, q = divmod(row, step)
    h, k = divmod(col, step)
    if row < 0 or col < 0 or q >= T or k >= T:
        return None
    return l, h, q, k


# -- probe ----------------------------------------------------------------------


def default_probe_ids(tokenizer, text: str | None = None, length: int = DEFAULT_PROBE_LENGTH) -> list[int]:
    """A fixed probe of at most ``length`` token ids.

    Uses the start of ``text`` (e.g. the corpus's validation text) when given,
    else ``DEFAULT_PROBE_TEXT`` (an English sentence said twice). Characters a char
    tokenizer has never seen are left out; if nothing is left, the first ``length``
    token ids are used.
    """
    source = text if text and text.strip() else DEFAULT_PROBE_TEXT
    source = source[: max(length * 16, 256)]  # enough characters for ``length`` tokens
    unknown = getattr(tokenizer, "unknown_chars", None)
    if unknown is not None:
        bad = set(unknown(source))
        source = "".join(c for c in source if c not in bad)
    ids: list[int] = []
    if source:
        try:
            ids = list(tokenizer.encode(source))[:length]
        except Exception:  # a tokenizer that refuses the text: fall back below
            ids = []
    if not ids:
        ids = list(range(min(length, tokenizer.vocab_size)))
    return ids


# -- snapshots over training ----------------------------------------------------


@dataclass
class ProbeSnapshot:
    """Attention on the probe at one training step."""

    step: int
    maps: np.ndarray  # (L, H, T, T) float16
    scores: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (L, H)


def attention_dir(run_dir: str | Path) -> Path:
    return Path(run_dir) / ATTENTION_DIR


def _atomic_write_bytes(path: Path, write) -> None:
    """Call ``write(file)`` on a temporary file next to ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path) as f:
        write(f)


def save_probe(run_dir: str | Path, ids: Sequence[int], tokens: Sequence[str] | None = None) -> Path:
    """Write the probe's token ids and pieces (for axis labels) to ``attention/probe.json``."""
    ids = [int(i) for i in ids]
    pieces = [str(t) for t in tokens] if tokens is not None else [str(i) for i in ids]
    if len(pieces) != len(ids):
        raise ValueError(f"{len(ids)} token ids but {len(pieces)} token pieces")
    data = {"version": 1, "ids": ids, "tokens": pieces, "text": "".join(pieces)}
    path = attention_dir(run_dir) / PROBE_FILE
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    _atomic_write_bytes(path, lambda f: f.write(payload))
    return path


def load_probe(run_dir: str | Path) -> dict | None:
    """``{"ids": [...], "tokens": [...], "text": str}`` or None if missing or unreadable."""
    try:
        data = json.loads((attention_dir(run_dir) / PROBE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("ids"), list):
        return None
    return data


def snapshot_path(run_dir: str | Path, step: int) -> Path:
    return attention_dir(run_dir) / f"step_{int(step):09d}.npz"


def save_snapshot(run_dir: str | Path, step: int, maps: np.ndarray, scores: dict[str, np.ndarray]) -> Path:
    """Write one snapshot (maps stored as float16) atomically; returns its path."""
    arrays = {"step": np.asarray(int(step), dtype=np.int64), "maps": np.asarray(maps, dtype=np.float16)}
    for name, value in scores.items():
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"score name {name!r} must be letters, digits and underscores")
        arrays[f"score_{name}"] = np.asarray(value, dtype=np.float32)
    path = snapshot_path(run_dir, step)
    _atomic_write_bytes(path, lambda f: np.savez_compressed(f, **arrays))
    return path


def _load_snapshot(path: Path) -> ProbeSnapshot:
    with open(path, "rb") as f, np.load(f, allow_pickle=False) as z:
        maps = z["maps"]
        if maps.ndim != 4 or maps.shape[-1] != maps.shape[-2]:
            raise ValueError(f"maps of shape {maps.shape}")
        scores = {k[len("score_") :]: z[k] for k in z.files if k.startswith("score_")}
        return ProbeSnapshot(step=int(z["step"]), maps=maps, scores=scores)


def load_snapshots(run_dir: str | Path) -> list[ProbeSnapshot]:
    """Every readable snapshot of a run, sorted by step; torn or corrupt files are skipped."""
    folder = attention_dir(run_dir)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out = []
    for name in names:
        if not SNAPSHOT_PATTERN.match(name):
            continue
        try:
            out.append(_load_snapshot(folder / name))
        except Exception:  # torn, corrupt, pickled or foreign: skip it, never crash the panel
            continue
    out.sort(key=lambda s: s.step)
    return out


def record_snapshot(
    model: torch.nn.Module,
    probe_ids: Sequence[int] | torch.Tensor,
    run_dir: str | Path,
    step: int,
    *,
    tokens: Sequence[str] | None = None,
) -> ProbeSnapshot:
    """Compute the probe's maps and all head scores, save them, and return the snapshot.

    Cheap enough for every evaluation (one short probe plus one small batch for the
    induction score, no autograd). Writes ``probe.json`` too if it is missing.
    """
    ids = _as_id_tensor(probe_ids)[-model.cfg.block_size :]
    if not (attention_dir(run_dir) / PROBE_FILE).exists():
        save_probe(run_dir, ids.tolist(), None if tokens is None else list(tokens)[-len(ids) :])
    maps = attention_maps(model, ids)
    scores = head_scores(model, maps=maps)
    save_snapshot(run_dir, step, maps, scores)
    return ProbeSnapshot(step=int(step), maps=maps.astype(np.float16), scores=scores)


def score_history(snapshots: Sequence[ProbeSnapshot], name: str) -> tuple[np.ndarray, np.ndarray]:
    """Steps (N,) and one score over training (N, L, H), for plotting a head's score against steps."""
    snaps = [s for s in snapshots if name in s.scores]
    if not snaps:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0, 0), dtype=np.float32)
    return np.array([s.step for s in snaps], dtype=np.int64), np.stack([s.scores[name] for s in snaps])


# -- export ---------------------------------------------------------------------


def save_map_npy(path: str | Path, array: np.ndarray) -> Path:
    """Save an array as ``.npy`` (no pickling), atomically."""
    path = Path(path)
    arr = np.asarray(array)
    _atomic_write_bytes(path, lambda f: np.save(f, arr, allow_pickle=False))
    return path


def save_map_csv(
    path: str | Path,
    array: np.ndarray,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    corner: str = "query \\ key",
) -> Path:
    """Save a 2-D map as UTF-8 CSV with labelled rows and columns (tokens may be any text)."""
    arr = np.asarray(array)
    if arr.ndim != 2:
        raise ValueError(f"a CSV holds one 2-D map, not shape {arr.shape}")
    if len(row_labels) != arr.shape[0] or len(col_labels) != arr.shape[1]:
        raise ValueError(
            f"map is {arr.shape[0]}x{arr.shape[1]} but got {len(row_labels)} row and {len(col_labels)} column labels"
        )
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([corner, *map(str, col_labels)])
    for label, row in zip(row_labels, arr):
        w.writerow([str(label), *(f"{float(v):.6g}" for v in row)])
    payload = buf.getvalue().encode("utf-8")
    path = Path(path)
    _atomic_write_bytes(path, lambda f: f.write(payload))
    return path
