"""One generated token through a ``GPT`` and its ``KVCache``, with as little work per token as possible.

At the app's small shapes a token's arithmetic is tiny (a 4-layer, width-128 model: about
0.2 MFLOP), so the time of ``GPT.forward`` for one position goes to Python and PyTorch's
per-call overhead: some 40 ``nn.Module`` calls and 25 operators per layer. ``Decoder.step``
computes the same thing for one position on weights gathered once (small matrices as contiguous
transposed copies), in 2-D (1, C) tensors, with the residual adds fused into the matmuls: 12
operator calls per layer. The decoder owns the cache's memory: one row of q | k | v per layer and
position, so the qkv matmul writes a new position's keys and values in place (no split, no copy),
and every view a position needs is made once per generation. Its weights (3.1 MB at width 128)
do not stay in a CPU core's L2 between tokens, so a step costs about as much memory traffic as
operator calls (docs/benchmarks.md, "Generation: the one-token step"). ``Decoder.prefill`` runs
the prompt and every re-prefill after a window cut the same way, batched over the window, with the
last layer computed for the last position only. ``tests/core/test_decode.py`` checks both against
``GPT.forward``'s logits under every option of the modern recipe, with and without biases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import torch
import torch.nn.functional as F

from .model import GPT, KVCache, apply_rotary, attend

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


class _Position(NamedTuple):  # a tuple: made for every position of a generation, so made cheaply
    layers: list[tuple[torch.Tensor, ...]]  # per layer: row, q, k, keys, values (see Decoder._position)
    zeros: torch.Tensor  # (nh, 1, p+1)
    pos: torch.Tensor | None  # (1, C), learned positions
    rotary: tuple[torch.Tensor, torch.Tensor] | None  # RoPE's cos, sin (1, hs/2)


def _ln(m) -> tuple[torch.Tensor, torch.Tensor | None, float]:
    return m.weight, m.bias, m.eps


def _lin(m) -> tuple[torch.Tensor, torch.Tensor | None]:
    return _matmul_weight(m.weight), m.bias


def _linear(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | None) -> torch.Tensor:
    return torch.mm(x, w) if b is None else torch.addmm(b, x, w)


_HALF = torch.tensor(0.5)
_SQRT_HALF = torch.tensor(0.5 ** 0.5)


def _twice_gelu(u: torch.Tensor) -> torch.Tensor:
    """2 ``F.gelu(u)`` (exact, erf) as u + u erf(u / sqrt 2): the same values to ~1e-6, in ~3 us instead of 7-11 us.

    At one row of 512 values, torch's GELU kernel costs a fixed ~7 us (measured: 7.1 us for 512 values,
    7.9 us for 4096), while ``erf`` is ~1-2 us; multiplying by 0-d tensors instead of Python floats
    saves another ~2 us per multiplication (no wrapped-number tensor per call). The factor 1/2 is
    folded into the next matrix where that is a copy anyway (exact: a power of two), else applied here.
    """
    return torch.addcmul(u, u, torch.erf(u * _SQRT_HALF))


def _gelu_exact(u: torch.Tensor) -> torch.Tensor:
    return _twice_gelu(u).mul_(_HALF)


def _residual(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor | None) -> torch.Tensor:
    """x + linear(y): one fused matmul-add when there is no bias."""
    return torch.addmm(x, y, w) if b is None else x + torch.addmm(b, y, w)


class Decoder:
    """``prefill(ids, cache)`` then ``step(token, cache)``: the logits (1, vocab) after each token.

    Built for one model in eval mode, for one generation: the small matrices are copied
    (transposed) when it is built, so later changes to the weights are not seen. Call it under
    ``torch.inference_mode()``. The cache comes from ``new_cache()`` and is filled by ``prefill``
    (or by ``GPT.forward``) before the first step. Its rows keep each position's q beside its
    k and v (what the qkv matmul writes): 1.5 times the memory of a ``KVCache`` of the same context.
    """

    def __init__(self, model: GPT):
        cfg = model.cfg
        L, T, C, nh = cfg.n_layer, cfg.block_size, cfg.n_embd, cfg.n_head
        hs = C // nh
        self.n_embd, self.n_head, self.head_size, self.block_size = C, nh, hs, T
        self._shape = (C,)  # what the layer norms normalise
        self.qk_norm = cfg.qk_norm
        self.softcap = cfg.logit_softcap
        self._cap, self._inv_cap = torch.tensor(float(self.softcap)), torch.tensor(1.0 / self.softcap if self.softcap else 0.0)
        self.rope = (model.rope_cos, model.rope_sin) if cfg.rope else None
        approximate = model.blocks[0].mlp.approximate if model.blocks else "none"
        # exact GELU: its 1/2 goes into the down matrix when that is a copy (see _twice_gelu)
        fold = not cfg.relu_squared and approximate == "none" and all(
            b.mlp.down.weight.numel() <= _COPY_UP_TO for b in model.blocks)

        def down(m) -> tuple[torch.Tensor, torch.Tensor | None]:
            w, b = _lin(m)
            return (w * 0.5 if fold else w), b  # w * 0.5: a new tensor, never the module's weight

        self.layers = [
            _Layer(_ln(b.ln1), _lin(b.attn.qkv), _lin(b.attn.proj), _ln(b.ln2), _lin(b.mlp.up), down(b.mlp.down))
            for b in model.blocks
        ]
        if cfg.relu_squared:
            self.activation = lambda u: F.relu(u).square()
        elif approximate == "none":
            self.activation = _twice_gelu if fold else _gelu_exact
        else:
            self.activation = lambda u: F.gelu(u, approximate=approximate)
        self.ln_f = _ln(model.ln_f)
        self.head = _matmul_weight(model.head.weight)
        w = model.tok_emb.weight.detach()
        self.tok = w.view(-1, 1, C)  # [token]: (1, C)
        self.pos = None if cfg.rope else model.pos_emb.weight.detach().view(T, 1, C)
        self._tok_2d, self._pos_2d = w, None if cfg.rope else model.pos_emb.weight.detach()
        self.scale = hs ** -0.5
        # the cache's memory: per layer and position one row q | k | v, as the qkv matmul writes it
        self.rows = w.new_empty((L, T, 3 * C))
        heads = self.rows.view(L, T, 3, nh, hs).permute(0, 2, 3, 1, 4)  # (L, 3, nh, T, hs)
        self._keys, self._values = heads[:, 1].unsqueeze(1), heads[:, 2].unsqueeze(1)  # (L, 1, nh, T, hs)
        self._queries = heads[:, 0].permute(2, 0, 1, 3).unsqueeze(3)  # (T, L, nh, 1, hs)
        self._keys_t, self._values_3d = heads[:, 1].transpose(2, 3), heads[:, 2]  # (L, nh, hs, T), (L, nh, T, hs)
        self._zeros = w.new_zeros((nh, 1, T))  # baddbmm's ignored input (beta 0), one view per length
        self._y = w.new_empty((1, C))  # the attention's output, the heads side by side
        self._y_heads = self._y.view(nh, 1, hs)
        self._at: list[_Position | None] = [None] * T  # built on first use
        self._live: KVCache | None = None

    def new_cache(self) -> KVCache:
        """An empty ``KVCache`` whose key and value buffers (1, nh, T, hs) are views of this decoder's rows.

        The rows are shared: a new cache replaces the previous one, which ``step`` then refuses.
        """
        self._live = KVCache(k=list(self._keys.unbind(0)), v=list(self._values.unbind(0)), capacity=self.block_size)
        return self._live

    def _position(self, p: int) -> _Position:
        """The views position p needs, made with a few calls for all layers at once (not five per layer)."""
        modern = self.qk_norm or self.rope is not None  # they rewrite k after the matmul: a view of it
        at = self._at[p] = _Position(
            list(zip(
                self.rows.narrow(1, p, 1).unbind(0),  # the row (1, 3C) the qkv matmul writes
                self._queries[p].unbind(0),  # its q (nh, 1, hs)
                self._keys.narrow(3, p, 1).unbind(0) if modern else [None] * len(self.layers),  # its k (1, nh, 1, hs)
                self._keys_t.narrow(3, 0, p + 1).unbind(0),  # keys 0..p (nh, hs, p+1)
                self._values_3d.narrow(2, 0, p + 1).unbind(0),  # values 0..p (nh, p+1, hs)
            )),
            self._zeros.narrow(2, 0, p + 1),
            None if self.pos is None else self.pos[p],
            None if self.rope is None else (self.rope[0][p:p + 1], self.rope[1][p:p + 1]),  # (1, hs/2) each
        )
        return at

    def _check(self, cache: KVCache) -> None:
        if cache is not self._live or (cache.k and cache.k[0].data_ptr() != self._keys.data_ptr()):
            raise ValueError("the cache must be this decoder's latest new_cache()")

    def _norm_rotate(self, q: torch.Tensor, k: torch.Tensor, rotary) -> torch.Tensor:
        """qk-norm and RoPE on q and on k, a view of the rows: k is rewritten in place (the cache keeps it so)."""
        kn = k
        if self.qk_norm:
            q, kn = F.rms_norm(q, (self.head_size,)), F.rms_norm(kn, (self.head_size,))
        if rotary is not None:
            q, kn = apply_rotary(q, *rotary), apply_rotary(kn, *rotary)
        k.copy_(kn)
        return q

    def _attend_one(
        self, q: torch.Tensor, keys: torch.Tensor, values: torch.Tensor, zeros: torch.Tensor
    ) -> torch.Tensor:
        """One query's attention (1, C): softmax(q k^T / sqrt(hs)) v as two batched matmuls over the heads.

        At one query the fused kernel's set-up costs more than this (docs/benchmarks.md).
        """
        scores = torch.baddbmm(zeros, q, keys, beta=0, alpha=self.scale)  # (nh, 1, n)
        torch.bmm(torch.softmax(scores, -1), values, out=self._y_heads)
        return self._y  # the heads side by side

    def _rest(self, x: torch.Tensor, y: torch.Tensor, lay: _Layer) -> torch.Tensor:
        """The block after its attention y: the projection and the MLP, each added to x."""
        x = _residual(x, y, *lay.proj)
        u = _linear(torch.layer_norm(x, self._shape, *lay.ln2), *lay.up)
        return _residual(x, self.activation(u), *lay.down)

    def _logits(self, x: torch.Tensor) -> torch.Tensor:
        logits = torch.mm(torch.layer_norm(x, self._shape, *self.ln_f), self.head)  # (1, vocab)
        if self.softcap > 0:
            logits = torch.tanh(logits * self._inv_cap).mul_(self._cap)  # 0-d tensors: no wrapped number per call
        return logits

    def prefill(self, ids: torch.Tensor, cache: KVCache) -> torch.Tensor:
        """The logits (1, vocab) after the tokens ``ids`` (1-D, the whole window), written into an empty ``cache``.

        What ``GPT.forward(ids, cache=cache)`` computes for the last position, in ~2/3 of its time: no
        module calls, the keys and values written by the qkv matmul into the rows, and the last layer's
        attention, projection and MLP (and the head) for the last position only, the one whose logits
        are used.
        """
        self._check(cache)
        T, C = ids.numel(), self.n_embd
        if cache.length or not 1 <= T <= self.block_size:
            raise ValueError(f"a prefill needs an empty cache and 1 to {self.block_size} tokens, not {T}")
        x = self._tok_2d[ids] if self._pos_2d is None else self._tok_2d[ids] + self._pos_2d[:T]  # (T, C)
        at = self._at[T - 1] or self._position(T - 1)
        rotary = None if self.rope is None else (self.rope[0][:T], self.rope[1][:T])
        last = len(self.layers) - 1
        for i, (lay, (_, _, _, keys, values)) in enumerate(zip(self.layers, at.layers)):
            rows = self.rows[i, :T]  # (T, 3C)
            h = torch.layer_norm(x, self._shape, *lay.ln1)
            w, b = lay.qkv
            torch.mm(h, w, out=rows) if b is None else torch.addmm(b, h, w, out=rows)
            q, k, v = rows.view(1, T, 3, self.n_head, self.head_size).permute(2, 0, 3, 1, 4)  # (1, nh, T, hs) each
            if self.qk_norm or rotary is not None:
                q = self._norm_rotate(q, k, rotary)
            if i < last:  # every position's output feeds the next layer's keys and values
                y, _ = attend(q, k, v, None, causal=True)  # GPT.forward's fused causal kernel
                x = self._rest(x, y[0].transpose(0, 1).reshape(T, C), lay)
            else:  # only the last position's output is used
                x = self._rest(x[T - 1:], self._attend_one(q[0, :, T - 1:], keys, values, at.zeros), lay)
        cache.length = T
        return self._logits(x)

    def step(self, token: int, cache: KVCache) -> torch.Tensor:
        """The logits (1, vocab) after ``token`` at the next position of ``cache``.

        The cache was filled by ``prefill`` (or ``GPT.forward``) and earlier steps.
        """
        past = cache.length
        if past < 1 or past >= self.block_size:
            raise ValueError(f"a step needs 1 to {self.block_size - 1} cached positions, not {past}")
        self._check(cache)
        shape = self._shape
        at = self._at[past] or self._position(past)
        x = self.tok[token] if at.pos is None else self.tok[token] + at.pos  # (1, C)
        modern = self.qk_norm or at.rotary is not None
        for lay, (row, q, k, keys, values) in zip(self.layers, at.layers):
            h = torch.layer_norm(x, shape, *lay.ln1)  # torch's, not F's: no Python wrapper per call
            w, b = lay.qkv
            torch.mm(h, w, out=row) if b is None else torch.addmm(b, h, w, out=row)  # q, k, v in place
            if modern:
                q = self._norm_rotate(q, k, at.rotary)
            x = self._rest(x, self._attend_one(q, keys, values, at.zeros), lay)
        cache.length = past + 1
        return self._logits(x)
