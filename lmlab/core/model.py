"""A decoder-only GPT (GPT-2 style) with two attention paths.

* Training uses fused attention (``scaled_dot_product_attention``), which never
  materialises the attention weights.
* The inspect path (``return_attention=True``) computes softmax(QK^T/sqrt(d))
  explicitly and returns every layer's and head's attention probabilities, for the
  attention panel. A test checks that both paths give the same logits.
* Generation passes a ``KVCache`` so each new token costs one position, not the
  whole context.

The modern options of ``ModelConfig`` (rotary positions, QK-norm, ReLU², zero-initialised
projections, an untied head, logit soft-capping) change the model before the two attention
paths split, so both stay equal under every option (tests/core/test_model.py, per option).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import ModelConfig
from .model_kinds import KindModel


@dataclass
class KVCache:
    """Keys and values of every layer for the tokens seen so far, in buffers allocated once.

    ``k[i]`` and ``v[i]`` have shape (B, nh, capacity, hs) (capacity: the model's context);
    their first ``length`` positions are filled. Each forward writes its new positions in
    place, so a token costs no copy of the whole cache (``torch.cat`` per step would).
    """

    k: list[torch.Tensor | None] = field(default_factory=list)
    v: list[torch.Tensor | None] = field(default_factory=list)
    length: int = 0  # positions filled (the same in every layer)
    capacity: int = 0  # positions allocated; set by the model on first use

    def keys_values(self, layer: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Store ``k``, ``v`` (B, nh, T, hs) after the ``length`` cached positions; return all (B, nh, length+T, hs).

        Example: length 3, T 1 -> writes position 3 and returns views of positions 0..3.
        """
        B, nh, T, hs = k.shape
        past = self.length
        buf_k, buf_v = self.k[layer], self.v[layer]
        if buf_k is None or buf_k.shape[:2] != (B, nh) or buf_k.shape[3] != hs or buf_k.dtype != k.dtype:
            buf_k = k.new_empty((B, nh, self.capacity, hs))  # (B, nh, capacity, hs)
            buf_v = v.new_empty((B, nh, self.capacity, hs))
            if past:  # a change of batch or dtype mid-sequence: keep what was cached
                buf_k[:, :, :past] = self.k[layer][:, :, :past]
                buf_v[:, :, :past] = self.v[layer][:, :, :past]
            self.k[layer], self.v[layer] = buf_k, buf_v
        buf_k[:, :, past:past + T] = k
        buf_v[:, :, past:past + T] = v
        return buf_k[:, :, :past + T], buf_v[:, :, :past + T]  # views, no copy


def rotary_tables(block_size: int, head_size: int, base: float = 10000.0) -> tuple[torch.Tensor, torch.Tensor]:
    """cos and sin (block_size, head_size/2) of RoPE: pair i of a head rotates by pos * base^(-2i/head_size)."""
    inv_freq = base ** (-torch.arange(0, head_size // 2, dtype=torch.float32) * 2 / head_size)  # (hs/2,)
    angles = torch.outer(torch.arange(block_size, dtype=torch.float32), inv_freq)  # (T, hs/2)
    return angles.cos(), angles.sin()


def apply_rotary(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate the (first half, second half) pairs of ``x`` (B, nh, T, hs) by the angles of its positions."""
    x1, x2 = x.chunk(2, dim=-1)  # (B, nh, T, hs/2) each
    cos, sin = cos.to(x.dtype), sin.to(x.dtype)  # (T, hs/2), broadcast over batch and heads
    return torch.cat((x1 * cos - x2 * sin, x1 * sin + x2 * cos), dim=-1)


def attend(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None, *,
    causal: bool = False, return_attention: bool = False, dropout: float = 0.0,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """softmax(q k^T / sqrt(hs)) v for q (B, nh, T, hs), k and v (B, nh, S, hs): (B, nh, T, hs) and the weights.

    ``mask``: True where a query may look, broadcast to (B, nh, T, S) (a causal triangle, a source's
    padding), or None for every key. ``causal``: the fused path's own causal triangle (T == S, no
    ``mask`` needed there); the inspect path (``return_attention``) always takes ``mask``. The fused
    path (``scaled_dot_product_attention``) never forms the weights and returns None for them; the
    inspect path writes the same computation out and returns them (B, nh, T, S), the basis of every
    heatmap. Self-attention of GPT and of the encoder-decoder and its cross-attention all call this.
    """
    if return_attention:
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(q.size(-1)))  # (B, nh, T, S)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        att = F.softmax(scores.float(), dim=-1).to(q.dtype)  # (B, nh, T, S)
        return F.dropout(att, dropout, dropout > 0) @ v, att  # (B, nh, T, hs)
    if causal:
        return F.scaled_dot_product_attention(q, k, v, dropout_p=dropout, is_causal=True), None
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=dropout), None


def causal_mask(T: int, past: int, device: torch.device) -> torch.Tensor:
    """(T, past+T) True where query i (at position past+i) may look: keys 0..past+i."""
    return torch.ones(T, past + T, dtype=torch.bool, device=device).tril(diagonal=past)


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention; causal (GPT, a decoder) or, with ``causal=False``, bidirectional
    (an encoder, whose ``key_mask`` hides the padding)."""

    def __init__(self, cfg: ModelConfig, causal: bool = True):
        super().__init__()
        self.causal = causal  # False: every position sees every other (an encoder); no KV cache then
        self.n_head = cfg.n_head
        self.qk_norm = cfg.qk_norm
        self.causal = causal
        self.qkv = nn.Linear(cfg.n_embd, 3 * cfg.n_embd, bias=cfg.bias)
        self.proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.dropout = cfg.dropout
        self.resid_drop = nn.Dropout(cfg.dropout)

    def forward(
        self,
        x: torch.Tensor,
        *,
        return_attention: bool = False,
        cache: KVCache | None = None,
        layer: int = 0,
        rotary: tuple[torch.Tensor, torch.Tensor] | None = None,
        key_mask: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """``key_mask`` (B, 1, 1, T), True at real tokens: for a bidirectional encoder's padded source."""
        B, T, C = x.shape
        hs = C // self.n_head
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        if self.qk_norm:  # unit RMS per head: the dot products stay bounded
            q, k = F.rms_norm(q, (hs,)), F.rms_norm(k, (hs,))
        if rotary is not None:  # cos, sin of this call's positions (T, hs/2)
            q, k = apply_rotary(q, *rotary), apply_rotary(k, *rotary)
        past = 0
        if cache is not None:
            past = cache.length
            k, v = cache.keys_values(layer, k, v)  # (B, nh, L+T, hs)
        drop = self.dropout if self.training else 0.0
        if not self.causal:
            y, att = attend(q, k, v, key_mask, return_attention=return_attention, dropout=drop)
        elif return_attention or (past and T > 1):
            # Inspect path, or a chunk after the cache: the triangle shifted by the cached positions.
            y, att = attend(q, k, v, causal_mask(T, past, x.device), return_attention=return_attention, dropout=drop)
        else:  # from the start: the fused causal kernel; one query after the cache sees all of it
            y, att = attend(q, k, v, None, causal=past == 0, dropout=drop)  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # (B, T, C)
        y = self.proj(y)
        return (self.resid_drop(y) if drop > 0 else y), att


class MLP(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.up = nn.Linear(cfg.n_embd, 4 * cfg.n_embd, bias=cfg.bias)
        self.down = nn.Linear(4 * cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.drop = nn.Dropout(cfg.dropout)
        self.approximate = "tanh" if cfg.activation == "gelu_tanh" else "none"
        self.relu_squared = cfg.relu_squared

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.up(x)
        y = self.down(F.relu(h).square() if self.relu_squared else F.gelu(h, approximate=self.approximate))
        return self.drop(y) if self.training and self.drop.p > 0 else y  # eval: skip the no-op call


# -- what every model of these blocks shares (GPT, core.seq2seq's encoder-decoder) -------------

# The output projections of the residual branches: GPT-2 scales their initial weights down.
RESIDUAL_OUTPUTS = ("attn.proj.weight", "cross.proj.weight", "mlp.down.weight")


def register_rotary(module: nn.Module, cfg: ModelConfig, positions: int = 0) -> None:
    """RoPE's cos and sin tables for ``positions`` (default: the context) as ``module.rope_cos`` /
    ``rope_sin``: not saved (rebuilt from the shape)."""
    cos, sin = rotary_tables(positions or cfg.block_size, cfg.n_embd // cfg.n_head)
    module.register_buffer("rope_cos", cos, persistent=False)
    module.register_buffer("rope_sin", sin, persistent=False)


def init_weights(module: nn.Module, cfg: ModelConfig) -> None:
    """GPT-2's initialisation: matrices N(0, 0.02), residual outputs scaled by 1/sqrt(2 * n_layer) (zero with
    ``zero_init_proj``), biases 0; in ``named_parameters`` order, so a seed gives the same weights."""
    for name, p in module.named_parameters():
        if p.dim() >= 2:
            scaled = name.endswith(RESIDUAL_OUTPUTS)
            std = 0.02 / math.sqrt(2 * cfg.n_layer) if scaled else 0.02
            nn.init.normal_(p, 0.0, std)
            if scaled and cfg.zero_init_proj:
                nn.init.zeros_(p)
        elif name.endswith(".bias"):
            nn.init.zeros_(p)


def soft_cap(logits: torch.Tensor, cap: float) -> torch.Tensor:
    """``cap * tanh(logits / cap)``, in (-cap, cap), when ``cap`` > 0; the logits as they are otherwise."""
    return cap * torch.tanh(logits / cap) if cap > 0 else logits


class Block(nn.Module):
    """Pre-LayerNorm: x + attention(ln(x)), then x + MLP(ln(x)). ``causal=False``: an encoder's block."""

    def __init__(self, cfg: ModelConfig, causal: bool = True):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.attn = CausalSelfAttention(cfg, causal)
        self.ln2 = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.mlp = MLP(cfg)

    def forward(self, x, *, return_attention=False, cache=None, layer=0, rotary=None, key_mask=None):
        a, att = self.attn(self.ln1(x), return_attention=return_attention, cache=cache, layer=layer, rotary=rotary,
                           key_mask=key_mask)
        x = x + a
        x = x + self.mlp(self.ln2(x))
        return x, att


class GPT(KindModel):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        if cfg.vocab_size < 1:
            raise ValueError("ModelConfig.vocab_size must be set (from the tokenizer) before building a model")
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        if cfg.rope:  # positions enter through the rotation of q and k
            register_rotary(self, cfg)
        else:
            self.pos_emb = nn.Embedding(cfg.block_size, cfg.n_embd)
        self.drop = nn.Dropout(cfg.dropout)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)
        if cfg.tie_embeddings:
            self.head.weight = self.tok_emb.weight
        init_weights(self, cfg)

    # -- forward -------------------------------------------------------------
    def forward(
        self,
        idx: torch.Tensor,
        targets: torch.Tensor | None = None,
        *,
        return_attention: bool = False,
        cache: KVCache | None = None,
    ):
        """Logits (B, T, vocab) and the loss if ``targets`` is given.

        With ``return_attention`` also returns a list (one per layer) of attention
        probabilities (B, nh, T, L+T). With ``cache``, positions continue after the
        cached tokens and the cache is extended in place.
        """
        B, T = idx.shape
        past = cache.length if cache is not None else 0
        if past + T > self.cfg.block_size:
            raise ValueError(f"sequence of {past + T} tokens exceeds the context of {self.cfg.block_size}")
        if cache is not None and not cache.k:
            cache.k = [None] * self.cfg.n_layer
            cache.v = [None] * self.cfg.n_layer
            cache.capacity = self.cfg.block_size
        rotary = None
        if self.cfg.rope:
            rotary = (self.rope_cos[past:past + T], self.rope_sin[past:past + T])  # (T, hs/2) each
            x = self.tok_emb(idx)  # (B, T, C)
        else:
            pos = torch.arange(past, past + T, device=idx.device)  # (T,)
            x = self.tok_emb(idx) + self.pos_emb(pos)  # (B, T, C)
        if self.training and self.drop.p > 0:
            x = self.drop(x)
        atts = []
        for i, blk in enumerate(self.blocks):
            x, att = blk(x, return_attention=return_attention, cache=cache, layer=i, rotary=rotary)
            if return_attention:
                atts.append(att)
        if cache is not None:
            cache.length = past + T
        logits = self.head(self.ln_f(x))  # (B, T, vocab)
        logits = soft_cap(logits, self.cfg.logit_softcap)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)).float(), targets.reshape(-1))
        if return_attention:
            return logits, loss, atts
        return logits, loss

    # -- bookkeeping ---------------------------------------------------------
    def hidden_matrices(self) -> list[torch.Tensor]:
        """The 2-D weights inside the blocks (attention and MLP): what Muon trains. Not embeddings or head."""
        return [p for p in self.blocks.parameters() if p.requires_grad and p.dim() == 2]


# -- sizes, FLOPs, memory (pure arithmetic, no model needed) -------------------


@dataclass(frozen=True)
class ModelSize:
    total_params: int  # every distinct parameter (tied head counted once)
    non_embedding_params: int  # total minus token and position embeddings (Kaplan et al.'s N)
    embedding_params: int
    flops_per_token: float  # training (forward + backward) FLOPs per token, incl. attention and the head
    train_memory_bytes: int  # rough: weights + grads + AdamW state + activations for one micro-batch

    def tokens_per_param(self, tokens: int) -> float:
        return tokens / max(1, self.total_params)


def model_size(cfg: ModelConfig, batch_size: int = 1, fp32: bool = True) -> ModelSize:
    """Parameter counts, FLOPs per token and training memory for a shape.

    Example: 4 layers, width 128, context 64, vocab 65 (tied) ->
    798,720 + 8,320 + 8,192 parameters... see ``tests/core/test_model.py`` for the check
    against ``sum(p.numel())`` of a real model.
    """
    L, d, T, V = cfg.n_layer, cfg.n_embd, cfg.block_size, max(cfg.vocab_size, 1)
    b = 1 if cfg.bias else 0
    ln = d * (1 + b)
    per_block = 2 * ln + (3 * d * d + 3 * d * b) + (d * d + d * b) + (4 * d * d + 4 * d * b) + (4 * d * d + d * b)
    emb = V * d + (0 if cfg.rope else T * d)
    head = 0 if cfg.tie_embeddings else V * d
    non_emb = L * per_block + ln + head
    total = emb + non_emb
    # 6 FLOPs per weight per token (2 forward, 4 backward) over every matmul weight,
    # the head included even when tied, plus attention scores: 6 * 2 * L * T * d (nanoGPT/PaLM).
    matmul = L * 12 * d * d + V * d
    flops = 6.0 * matmul + 12.0 * L * T * d
    bytes_per = 4 if fp32 else 2
    state = total * (4 + 4 + 8)  # fp32 weights, grads, Adam m and v
    # Activations saved for backward per block ~ B*T*(34 d + 5 nh T) values (Korthikanti et al. 2022),
    # plus logits and their gradient.
    act = batch_size * T * (L * (34 * d + 5 * cfg.n_head * T) + 3 * V) * bytes_per
    return ModelSize(total, non_emb, emb, flops, int(state + act))


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
