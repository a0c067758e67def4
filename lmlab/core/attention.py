"""Attention maps, head scores, and attention snapshots over training.

Everything here is numpy/torch only (no Qt): the attention jobs (``lmlab.core.jobs.attention``)
compute with these functions, and the training engine calls ``record_snapshot`` at each
evaluation. Reading and writing snapshots is in ``attention_files``; what a heatmap shows
(colour scales, the layer x head grid, token labels) in ``attention_display``.

Shapes: an *attention array* ``maps`` is (L, H, T, T) = (layer, head, query, key);
row ``maps[l, h, i]`` is the probability distribution of query ``i`` over keys
``0..i`` (causal, so everything above the diagonal is 0).

Head scores (each an (L, H) array in [0, 1]):

* ``previous_token``: mean attention from query i to key i-1 (i >= 1).
* ``first_token``: mean attention to key 0 from queries i >= 1 (the "attention sink").
* ``induction``: on random tokens repeated twice ``[r; r]``, mean attention from a
  query at position i of the second copy to key ``i - seq_len + 1``: the token
  *after* the previous occurrence of the current token (Olsson et al., 2022).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import torch

from .attention_files import PROBE_FILE, ProbeSnapshot, attention_dir, save_probe, save_snapshot
from .errors import user_text

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
    "previous_token": user_text(
        "How much each token looks at the token right before it (1 = always). "
        "Such heads let later layers know which token came just before."
    ),
    "first_token": user_text(
        "How much attention goes to the very first token (an 'attention sink'). "
        "Heads use it as a resting place when nothing else in the context is useful."
    ),
    "induction": user_text(
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
    bad = set(tokenizer.unknown_chars(source))
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


# -- one snapshot at an evaluation ------------------------------------------


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

