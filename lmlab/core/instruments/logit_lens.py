"""The logit lens (nostalgebraist, 2020): what the model would predict if it stopped after each layer.

The residual stream after the embeddings and after each block goes through the model's final norm
and unembedding (``head(ln_f(x))``), as the last block's output does in ``GPT.forward``. Row 0 is
the embeddings alone, row L the model's own output (a test checks they are equal). The residual
stream is read with forward hooks on the blocks, so the fused training path is used unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from ..attention import _as_id_tensor, _inspecting, _model_device


@dataclass
class LogitLens:
    """Top predictions per layer; rows: embeddings then each block, columns: positions."""

    ids: np.ndarray  # (T,) int64
    top_ids: np.ndarray  # (L+1, T) int64, the likeliest next token read out at each row
    top_probs: np.ndarray  # (L+1, T) float32, its probability
    target_probs: np.ndarray  # (L+1, T-1) float32, probability of the true next token ids[i+1]
    final_logits: np.ndarray | None = None  # (T, V) float32, the last row's logits (None when not kept)

    @property
    def first_win(self) -> np.ndarray:
        """(T-1,) the first row where the true next token is the top prediction, -1 where none."""
        wins = self.top_ids[:, :-1] == self.ids[None, 1:]  # (L+1, T-1)
        return np.where(wins.any(axis=0), wins.argmax(axis=0), -1)


def residual_stream(model: torch.nn.Module, idx: torch.Tensor) -> tuple[list[torch.Tensor], torch.Tensor]:
    """The residual stream (L+1 tensors (B, T, C)) and the model's logits (B, T, V); caller sets the mode."""
    stream: list[torch.Tensor] = []
    blocks = model.blocks
    hooks = [blocks[0].register_forward_pre_hook(lambda _m, args: stream.append(args[0]))]
    hooks += [b.register_forward_hook(lambda _m, _a, out: stream.append(out[0])) for b in blocks]
    try:
        logits = model(idx)[0]
    finally:
        for h in hooks:
            h.remove()
    return stream, logits


def lens_logits(model: torch.nn.Module, stream: Sequence[torch.Tensor]) -> torch.Tensor:
    """(L+1, B, T, V): each row of the residual stream through the final norm and the unembedding."""
    return torch.stack([model.head(model.ln_f(x)) for x in stream])


def logit_lens(model: torch.nn.Module, ids: Sequence[int] | torch.Tensor, *, keep_logits: bool = False) -> LogitLens:
    """The logit lens of one sequence (its last ``block_size`` tokens), in eval mode without autograd."""
    t = _as_id_tensor(ids)[-model.cfg.block_size :]
    with _inspecting(model):
        stream, logits = residual_stream(model, t[None].to(_model_device(model)))
        probs = lens_logits(model, stream)[:, 0].float().softmax(-1)  # (L+1, T, V)
        top_p, top_i = probs.max(dim=-1)  # (L+1, T)
        tgt = t[1:].to(probs.device)
        target = probs[:, :-1].gather(-1, tgt[None, :, None].expand(probs.shape[0], -1, 1))[..., 0]
        return LogitLens(
            t.numpy().astype(np.int64),
            top_i.cpu().numpy().astype(np.int64),
            top_p.cpu().numpy().astype(np.float32),
            target.cpu().numpy().astype(np.float32),
            logits[0].float().cpu().numpy() if keep_logits else None,
        )
