"""The encoder-decoder Transformer of Vaswani et al. (2017), built from GPT's blocks.

* The **encoder** is a stack of GPT's ``Block`` with bidirectional self-attention (``causal=False``):
  every source token sees every other one, except padding (a key mask).
* The **decoder** is a stack of ``DecoderBlock``: GPT's causal block plus a cross-attention between
  its self-attention and its MLP, whose keys and values come from the encoder's output.
* One vocabulary for both sides (``seq2seq.data``): one token table feeds the encoder, the decoder and
  (tied) the output head. Its last three ids are the specials ``<pad>``, ``<s>``, ``</s>``
  (``special_ids``), so the model needs no field of its own to know them.

Both depths are ``ModelConfig.n_layer``; the other options (rope, qk_norm, ReLU², zero-initialised
projections, untied head, soft-cap, dropout) mean what they mean for GPT. As GPT, two attention paths:
the fused one (training) and the inspect one (``return_attention``), which returns every map and
gives the same logits (tests/core/test_seq2seq_model.py). Decoding passes a ``Seq2SeqCache``: the
source is encoded once, each layer's cross-attention keys and values are computed once, and the
decoder's self-attention keeps GPT's ``KVCache``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..config import ModelConfig
from ..model import Block, KVCache, ModelSize, attend, init_weights, register_rotary, soft_cap
from ..model_kinds import KindModel

SPECIALS = ("<pad>", "<s>", "</s>")  # appended last to the shared vocabulary, in this order
IGNORE = -100  # a target position the loss skips (padding)


def special_ids(vocab_size: int) -> tuple[int, int, int]:
    """(pad, bos, eos): the last three ids of the vocabulary. Example: 40 -> (37, 38, 39)."""
    return vocab_size - 3, vocab_size - 2, vocab_size - 1


class CrossAttention(nn.Module):
    """Queries from the decoder, keys and values from the encoder's output (the "memory")."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.n_head = cfg.n_head
        self.qk_norm = cfg.qk_norm
        self.q = nn.Linear(cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.kv = nn.Linear(cfg.n_embd, 2 * cfg.n_embd, bias=cfg.bias)
        self.proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.dropout = cfg.dropout
        self.resid_drop = nn.Dropout(cfg.dropout)

    def keys_values(self, memory: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Keys and values (B, nh, S, hs) of the encoder's output (B, S, C): once per source."""
        B, S, C = memory.shape
        hs = C // self.n_head
        k, v = self.kv(memory).split(C, dim=2)
        k = k.view(B, S, self.n_head, hs).transpose(1, 2)  # (B, nh, S, hs)
        v = v.view(B, S, self.n_head, hs).transpose(1, 2)  # (B, nh, S, hs)
        if self.qk_norm:
            k = F.rms_norm(k, (hs,))
        return k, v

    def forward(self, x, k, v, key_mask, *, return_attention=False):
        B, T, C = x.shape
        hs = C // self.n_head
        q = self.q(x).view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        if self.qk_norm:
            q = F.rms_norm(q, (hs,))
        drop = self.dropout if self.training else 0.0
        y, att = attend(q, k, v, key_mask, return_attention=return_attention, dropout=drop)  # att (B, nh, T, S)
        y = self.proj(y.transpose(1, 2).contiguous().view(B, T, C))  # (B, T, C)
        return (self.resid_drop(y) if drop > 0 else y), att


class DecoderBlock(Block):
    """GPT's causal block with a cross-attention to the source between self-attention and MLP."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg, causal=True)
        self.ln_c = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.cross = CrossAttention(cfg)

    def forward(self, x, k, v, src_mask, *, return_attention=False, cache=None, layer=0, rotary=None):
        a, att = self.attn(self.ln1(x), return_attention=return_attention, cache=cache, layer=layer, rotary=rotary)
        x = x + a
        c, cross = self.cross(self.ln_c(x), k, v, src_mask, return_attention=return_attention)
        x = x + c
        x = x + self.mlp(self.ln2(x))
        return x, att, cross


@dataclass
class Seq2SeqCache:
    """What decoding keeps between steps: the decoder's self-attention ``KVCache``, and per layer the
    cross-attention keys and values of the encoded source with its padding mask (made on first use)."""

    self_cache: KVCache = field(default_factory=KVCache)
    cross: list[tuple[torch.Tensor, torch.Tensor]] = field(default_factory=list)
    src_mask: torch.Tensor | None = None  # (B, 1, 1, S) True at real source tokens

    @property
    def length(self) -> int:
        return self.self_cache.length

    def select(self, index: torch.Tensor) -> None:
        """Keep rows ``index`` (B',) of every cached tensor (beam search: the surviving beams' histories)."""
        sc = self.self_cache
        sc.k = [t.index_select(0, index) if t is not None else None for t in sc.k]
        sc.v = [t.index_select(0, index) if t is not None else None for t in sc.v]
        self.cross = [(k.index_select(0, index), v.index_select(0, index)) for k, v in self.cross]
        if self.src_mask is not None:
            self.src_mask = self.src_mask.index_select(0, index)


class EncoderDecoder(KindModel):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        if cfg.vocab_size < 4:
            raise ValueError("ModelConfig.vocab_size must be set (from the tokenizer) before building a model")
        self.cfg = cfg
        self.pad_id, self.bos_id, self.eos_id = special_ids(cfg.vocab_size)
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        if cfg.rope:
            register_rotary(self, cfg)
        else:  # one position table per side: source and target positions mean different things
            self.enc_pos = nn.Embedding(cfg.block_size, cfg.n_embd)
            self.dec_pos = nn.Embedding(cfg.block_size, cfg.n_embd)
        self.drop = nn.Dropout(cfg.dropout)
        self.encoder = nn.ModuleList(Block(cfg, causal=False) for _ in range(cfg.n_layer))
        self.ln_enc = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.decoder = nn.ModuleList(DecoderBlock(cfg) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)
        if cfg.tie_embeddings:
            self.head.weight = self.tok_emb.weight
        init_weights(self, cfg)  # as GPT's (model.RESIDUAL_OUTPUTS names the cross-attention's too)

    def _embed(self, ids: torch.Tensor, past: int, pos: nn.Embedding | None):
        """Token (+ learned position) embeddings of ``ids`` (B, T) at positions past.., and rope's angles."""
        T = ids.shape[1]
        if past + T > self.cfg.block_size:
            raise ValueError(f"sequence of {past + T} tokens exceeds the context of {self.cfg.block_size}")
        x = self.tok_emb(ids)  # (B, T, C)
        rotary = None
        if self.cfg.rope:
            rotary = (self.rope_cos[past:past + T], self.rope_sin[past:past + T])  # (T, hs/2) each
        else:
            x = x + pos(torch.arange(past, past + T, device=ids.device))
        return (self.drop(x) if self.training and self.drop.p > 0 else x), rotary

    def encode(self, src: torch.Tensor, return_attention: bool = False):
        """The encoder's output (B, S, C), the source mask (B, 1, 1, S) and its maps [(B, nh, S, S)] per layer."""
        src_mask = (src != self.pad_id)[:, None, None, :]  # (B, 1, 1, S)
        x, rotary = self._embed(src, 0, None if self.cfg.rope else self.enc_pos)
        maps = []
        for blk in self.encoder:
            x, att = blk(x, return_attention=return_attention, rotary=rotary, key_mask=src_mask)
            maps.append(att)
        return self.ln_enc(x), src_mask, maps

    def forward(self, src, tgt_in, tgt_out=None, *, return_attention=False, cache: Seq2SeqCache | None = None):
        """Logits (B, T, vocab) for the target given so far, and the loss when ``tgt_out`` is given.

        ``src`` (B, S): source ids, right-padded with ``<pad>``; ``tgt_in`` (B, T): ``<s>`` then the
        target; ``tgt_out`` (B, T): the target then ``</s>``, ``IGNORE`` at padding. With
        ``return_attention`` also a dict of lists (one per layer): "encoder" (B, nh, S, S), "decoder"
        (B, nh, T, L+T), "cross" (B, nh, T, S). With ``cache``, the source is encoded on the first
        call only ("encoder" is empty after it) and target positions continue after the cached ones.
        """
        enc_maps: list = []
        if cache is None or not cache.cross:
            memory, src_mask, enc_maps = self.encode(src, return_attention)
            cross_kv = [blk.cross.keys_values(memory) for blk in self.decoder]
            if cache is not None:
                cache.cross, cache.src_mask = cross_kv, src_mask
                sc = cache.self_cache
                sc.k, sc.v, sc.capacity = [None] * self.cfg.n_layer, [None] * self.cfg.n_layer, self.cfg.block_size
        else:
            cross_kv, src_mask = cache.cross, cache.src_mask
        past = cache.length if cache is not None else 0
        x, rotary = self._embed(tgt_in, past, None if self.cfg.rope else self.dec_pos)
        self_cache = cache.self_cache if cache is not None else None
        dec_maps, cross_maps = [], []
        for i, blk in enumerate(self.decoder):
            k, v = cross_kv[i]
            x, att, cross = blk(x, k, v, src_mask, return_attention=return_attention, cache=self_cache, layer=i,
                                rotary=rotary)
            dec_maps.append(att)
            cross_maps.append(cross)
        if self_cache is not None:
            self_cache.length = past + tgt_in.shape[1]
        logits = self.head(self.ln_f(x))  # (B, T, vocab)
        logits = soft_cap(logits, self.cfg.logit_softcap)
        loss = None
        if tgt_out is not None:
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)).float(), tgt_out.reshape(-1),
                                   ignore_index=IGNORE)
        if return_attention:
            return logits, loss, {"encoder": enc_maps, "decoder": dec_maps, "cross": cross_maps}
        return logits, loss


def encdec_size(cfg: ModelConfig, batch_size: int = 1, fp32: bool = True) -> ModelSize:
    """Parameters, training FLOPs per target token (source as long as the target) and memory of a shape.

    Per layer: an encoder block is GPT's block (12 d² weights); a decoder block adds a cross-attention
    (4 d²) and its LayerNorm. Example: 2+2 layers, width 128, context 32, vocab 40, tied, no bias ->
    encoder 2 x 196,864, decoder 2 x 262,528, norms 256, embeddings 40 x 128 + 2 x 32 x 128.
    """
    L, d, T, V = cfg.n_layer, cfg.n_embd, cfg.block_size, max(cfg.vocab_size, 1)
    b = 1 if cfg.bias else 0
    ln = d * (1 + b)
    attn = 4 * d * d + 4 * d * b
    mlp = 8 * d * d + 5 * d * b
    enc_block = 2 * ln + attn + mlp
    dec_block = enc_block + ln + attn
    emb = V * d + (0 if cfg.rope else 2 * T * d)
    head = 0 if cfg.tie_embeddings else V * d
    non_emb = L * (enc_block + dec_block) + 2 * ln + head
    total = emb + non_emb
    # 6 FLOPs per weight per token over every matmul (encoder and decoder see one token each per target
    # token), plus the scores of three attentions per layer pair (encoder self, decoder self, cross).
    matmul = L * 12 * d * d + L * 16 * d * d + V * d
    flops = 6.0 * matmul + 3 * 12.0 * L * T * d
    bytes_per = 4 if fp32 else 2
    state = total * (4 + 4 + 8)
    act = batch_size * T * (2 * L * (34 * d + 5 * cfg.n_head * T) + L * (10 * d + 5 * cfg.n_head * T)
                            + 3 * V) * bytes_per
    return ModelSize(total, non_emb, emb, flops, int(state + act))
