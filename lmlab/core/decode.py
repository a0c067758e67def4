"""One generated token through a ``GPT`` and its ``KVCache``, with as little work per token as possible.

At the app's small shapes a token's arithmetic is tiny (a 4-layer, width-128 model: about
0.2 MFLOP), so the time of ``GPT.forward`` for one position goes to Python and PyTorch's
per-call overhead: some 40 ``nn.Module`` calls and 25 operators per layer. ``Decoder.step``
computes the same thing for one position with the same operations on weights gathered once
(small matrices as contiguous transposed copies), in 2-D (1, C) tensors, with the residual adds
fused into the matmuls and the new keys and values written in place into the cache: about 17
operator calls per layer, ~40 % less time per token than ``GPT.forward`` (docs/benchmarks.md,
"Generation: the one-token step"). The prompt and every re-prefill still go through
``GPT.forward``, which fills the same cache; ``tests/core/test_decode.py`` checks that each step
gives ``GPT.forward``'s logits under every option of the modern recipe, with and without biases.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .model import GPT, KVCache, apply_rotary

__all__ = ["Decoder"]


_COPY_UP_TO = 1 << 20  # matrices up to this many elements are kept transposed (see ``_matmul_weight``)


def _matmul_weight(w: torch.Tensor) -> torch.Tensor:
    """``w`` (out, in) as the right operand of ``x @ .`` (in, out).

    For one row, a contiguous transposed copy multiplies about 2x faster than ``F.linear``'s
    transposed view (measured: 2.6 vs 4.8 us for 128 x 384), which matters where a token's matmuls
    are tiny; a large matrix is used through the view (no copy, no memory doubled).
    """
    w = w.detach()
    return w.t().contiguous() if w.numel() <= _COPY_UP_TO else w.t()


@dataclass(frozen=True)
class _Layer:
    ln1: tuple[torch.Tensor, torch.Tensor | None, float]  # weight, bias, eps
    qkv: tuple[torch.Tensor, torch.Tensor | None]  # (C, 3C) for x @ w, bias
    proj: tuple[torch.Tensor, torch.Tensor | None]
    ln2: tuple[torch.Tensor, torch.Tensor | None, float]
    up: tuple[torch.Tensor, torch.Tensor | None]
    down: tuple[torch.Tensor, torch.Tensor | None]


def _ln(m) -> tuple[torch.Tensor, torch.Tensor | None, float]:
    return m.weight, m.bias, m.eps


def _lin(m) -> tuple[torch.Tensor, torch.Tensor | None]:
    return _matmul_weight(m.weight), m.bias


def _linear(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | None) -> torch.Tensor:
    return x @ w if b is None else torch.addmm(b, x, w)


_HALF = torch.tensor(0.5)
_SQRT_HALF = torch.tensor(0.5 ** 0.5)


def _gelu_exact(u: torch.Tensor) -> torch.Tensor:
    """``F.gelu(u)`` (exact, erf) as 0.5 (u + u erf(u / sqrt 2)): the same values to ~1e-6, in 3.8 us instead of 7-11 us.

    At one row of 512 values, torch's GELU kernel costs a fixed ~7 us (measured: 7.1 us for 512 values,
    7.9 us for 4096), while ``erf`` is ~1-2 us; multiplying by 0-d tensors instead of Python floats
    saves another ~2 us per multiplication (no wrapped-number tensor per call).
    """
    return torch.addcmul(u, u, torch.erf(u * _SQRT_HALF)).mul_(_HALF)


def _residual(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor | None) -> torch.Tensor:
    """x + linear(y): one fused matmul-add when there is no bias."""
    return torch.addmm(x, y, w) if b is None else x + torch.addmm(b, y, w)


class Decoder:
    """``step(token, cache)``: the logits (1, vocab) after one more token, appended to ``cache``.

    Built for one model in eval mode, for one generation: the small matrices are copied
    (transposed) when it is built, so later changes to the weights are not seen. Call it under
    ``torch.inference_mode()``. The cache must have been filled by ``GPT.forward`` (the prompt).
    """

    def __init__(self, model: GPT):
        cfg = model.cfg
        self.n_embd, self.n_head = cfg.n_embd, cfg.n_head
        self.head_size = cfg.n_embd // cfg.n_head
        self.block_size = cfg.block_size
        self.qk_norm, self.relu_squared = cfg.qk_norm, cfg.relu_squared
        self.softcap = cfg.logit_softcap
        self._cap, self._inv_cap = torch.tensor(float(self.softcap)), torch.tensor(1.0 / self.softcap if self.softcap else 0.0)
        self.rope = (model.rope_cos, model.rope_sin) if cfg.rope else None
        self.pos = None if cfg.rope else model.pos_emb.weight
        self.tok = model.tok_emb.weight
        self.layers = [
            _Layer(_ln(b.ln1), _lin(b.attn.qkv), _lin(b.attn.proj), _ln(b.ln2), _lin(b.mlp.up), _lin(b.mlp.down))
            for b in model.blocks
        ]
        approximate = model.blocks[0].mlp.approximate if model.blocks else "none"
        if cfg.relu_squared:
            self.activation = lambda u: F.relu(u).square()
        elif approximate == "none":
            self.activation = _gelu_exact
        else:
            self.activation = lambda u: F.gelu(u, approximate=approximate)
        self.ln_f = _ln(model.ln_f)
        self.head = _matmul_weight(model.head.weight)

    def step(self, token: int, cache: KVCache) -> torch.Tensor:
        past = cache.length
        if past < 1 or past >= self.block_size:
            raise ValueError(f"a step needs 1 to {self.block_size - 1} cached positions, not {past}")
        C, nh, hs = self.n_embd, self.n_head, self.head_size
        shape = (C,)
        x = self.tok[token] if self.pos is None else self.tok[token] + self.pos[past]
        x = x.view(1, C)  # (1, C)
        rotary = None
        if self.rope is not None:
            cos, sin = self.rope
            rotary = (cos[past:past + 1], sin[past:past + 1])  # (1, hs/2) each
        for i, lay in enumerate(self.layers):
            h = torch.layer_norm(x, shape, *lay.ln1)  # torch's, not F's: no Python wrapper per call
            q, k, v = _linear(h, *lay.qkv).view(3, 1, nh, 1, hs).unbind(0)  # (1, nh, 1, hs) each
            if self.qk_norm:
                q, k = F.rms_norm(q, (hs,)), F.rms_norm(k, (hs,))
            if rotary is not None:
                q, k = apply_rotary(q, *rotary), apply_rotary(k, *rotary)
            buf_k, buf_v = cache.k[i], cache.v[i]  # (1, nh, capacity, hs)
            buf_k.narrow(2, past, 1).copy_(k)
            buf_v.narrow(2, past, 1).copy_(v)
            # 4-D, as GPT.forward calls it: PyTorch's CPU flash kernel (3-D goes to the slow math path)
            y = F.scaled_dot_product_attention(q, buf_k.narrow(2, 0, past + 1), buf_v.narrow(2, 0, past + 1))
            x = _residual(x, y.view(1, C), *lay.proj)  # y (1, nh, 1, hs) is the heads side by side
            u = _linear(torch.layer_norm(x, shape, *lay.ln2), *lay.up)
            x = _residual(x, self.activation(u), *lay.down)
        cache.length = past + 1
        logits = torch.layer_norm(x, shape, *self.ln_f) @ self.head  # (1, vocab)
        if self.softcap > 0:
            logits = torch.tanh(logits * self._inv_cap).mul_(self._cap)  # 0-d tensors: no wrapped number per call
        return logits
