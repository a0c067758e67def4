"""Per-token loss: how well a model predicts each token of a text.

For a text of T tokens the model predicts T-1 of them (token i+1 from tokens 0..i). Their losses
are ``-log p(true token)``; their mean is exactly the model's loss on the text (a test checks it).
``hardest_tokens`` ranks token types by their mean loss over the validation set.

Example::

    tl = token_losses(model, ids)      # TokenLosses: losses (T-1,), probs, top alternatives
    tl.mean                            # == model(x[:, :-1], x[:, 1:])[1]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from ..attention import _as_id_tensor, _inspecting, _model_device

TOP_ALTERNATIVES = 5


@dataclass
class TokenLosses:
    """Next-token statistics of one text; index i is about predicting ``ids[i + 1]``."""

    ids: np.ndarray  # (T,) int64, the text's tokens
    losses: np.ndarray  # (T-1,) float32, -log p(ids[i+1] | ids[:i+1])
    probs: np.ndarray  # (T-1,) float32, p(ids[i+1] | ids[:i+1])
    top_ids: np.ndarray  # (T-1, k) int64, the k likeliest next tokens, best first
    top_probs: np.ndarray  # (T-1, k) float32

    @property
    def mean(self) -> float:
        return float(self.losses.mean()) if len(self.losses) else float("nan")


@dataclass(frozen=True)
class HardToken:
    """A token type and how badly the model predicts it where it occurs in the validation set."""

    id: int
    mean_loss: float
    count: int  # occurrences scored


def next_token_stats(logits: torch.Tensor, targets: torch.Tensor, k: int = TOP_ALTERNATIVES):
    """(T, V) logits and (T,) targets -> losses, probs, top ids, top probs as numpy (float32 / int64)."""
    logp = F.log_softmax(logits.float(), dim=-1)  # (T, V)
    tgt = logp.gather(-1, targets.long()[:, None])[:, 0]  # (T,)
    k = max(1, min(int(k), logits.shape[-1]))
    top = torch.topk(logp, k, dim=-1)
    return (
        (-tgt).cpu().numpy().astype(np.float32),
        tgt.exp().cpu().numpy().astype(np.float32),
        top.indices.cpu().numpy().astype(np.int64),
        top.values.exp().cpu().numpy().astype(np.float32),
    )


def token_losses(model: torch.nn.Module, ids: Sequence[int] | torch.Tensor, k: int = TOP_ALTERNATIVES) -> TokenLosses:
    """Per-token loss of ``ids`` (its first ``block_size + 1`` tokens) under ``model``, in eval mode."""
    t = _as_id_tensor(ids)[: model.cfg.block_size + 1]
    if t.numel() < 2:
        raise ValueError("a text needs at least two tokens to score a prediction")
    with _inspecting(model):
        logits = model(t[None, :-1].to(_model_device(model)))[0][0]  # (T-1, V)
    losses, probs, top_ids, top_probs = next_token_stats(logits, t[1:].to(logits.device), k)
    return TokenLosses(t.numpy().astype(np.int64), losses, probs, top_ids, top_probs)


def loss_change(before: TokenLosses, after: TokenLosses) -> np.ndarray:
    """After minus before, per token (negative: improved); the texts must be the same tokens."""
    if not np.array_equal(before.ids, after.ids):
        raise ValueError("the two results are about different texts")
    return after.losses - before.losses


def hardest_tokens(
    model: torch.nn.Module,
    tokens: np.ndarray,
    *,
    n: int = 20,
    max_blocks: int = 32,
    min_count: int = 3,
    batch_size: int = 8,
) -> list[HardToken]:
    """The ``n`` token types with the highest mean loss over up to ``max_blocks`` validation blocks.

    Blocks are consecutive and non-overlapping from the start of ``tokens``, so the answer is the
    same for every checkpoint of a run; a type must occur ``min_count`` times to be ranked.
    """
    T = model.cfg.block_size
    tokens = np.asarray(tokens, dtype=np.int64)
    n_blocks = min(max_blocks, (len(tokens) - 1) // T)
    if n_blocks < 1:
        T = len(tokens) - 1
        n_blocks = 1 if T >= 1 else 0
    if n_blocks == 0:
        return []
    V = model.cfg.vocab_size
    loss_sum = np.zeros(V, dtype=np.float64)
    count = np.zeros(V, dtype=np.int64)
    dev = _model_device(model)
    with _inspecting(model):
        for b0 in range(0, n_blocks, batch_size):
            starts = np.arange(b0, min(n_blocks, b0 + batch_size)) * T
            xy = torch.from_numpy(np.stack([tokens[s : s + T + 1] for s in starts])).to(dev)  # (B, T+1)
            logits = model(xy[:, :-1])[0]  # (B, T, V)
            loss = F.cross_entropy(logits.float().reshape(-1, V), xy[:, 1:].reshape(-1), reduction="none")
            tgt = xy[:, 1:].reshape(-1).cpu().numpy()
            loss_sum += np.bincount(tgt, weights=loss.cpu().numpy(), minlength=V)[:V]
            count += np.bincount(tgt, minlength=V)[:V]
    seen = np.flatnonzero(count >= min_count)
    mean = loss_sum[seen] / count[seen]
    order = np.argsort(-mean, kind="stable")[:n]
    return [HardToken(int(seen[i]), float(mean[i]), int(count[seen[i]])) for i in order]
