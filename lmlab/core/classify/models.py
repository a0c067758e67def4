"""The two classifiers, both trained by the one engine (``core.model_kinds``), both called as
``model(x, labels, lengths)`` -> ``(logits (B, n_classes), loss)``.

* ``GPTClassifier`` ("gpt-classifier"): a GPT body (``core.model.GPT``, the same modules and
  state-dict keys, so a pretrained run's checkpoint loads into it as it is) with a linear head on its
  last real token or the mean of its tokens (``ModelConfig.pooling``). ``ModelConfig.freeze_layers``
  keeps the embeddings and the lowest blocks frozen (``requires_grad`` off: no optimizer sees them).
* ``EncoderClassifier`` ("encoder"): the same blocks with bidirectional attention
  (``model.Block(cfg, causal=False)``), a learned [CLS] vector at position 0 whose final state
  the head reads, trained from scratch or from a ``MaskedLM`` run ("encoder-mlm": the same body
  pretrained to fill in masked tokens of plain text).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from ..config import ModelConfig
from ..model import GPT, Block, init_weights as gpt2_init, register_rotary
from ..model_kinds import KindModel


def _loss(logits: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor | None:
    return F.cross_entropy(logits.float(), labels) if labels is not None else None


def _lengths(x: torch.Tensor, lengths: torch.Tensor | None) -> torch.Tensor:
    return lengths if lengths is not None else torch.full((x.shape[0],), x.shape[1], device=x.device)


def run_blocks(model, h: torch.Tensor, rotary, return_attention: bool) -> tuple[torch.Tensor, list]:
    """Embedding dropout, ``model``'s blocks and final norm over ``h`` (B, T, C): (final states, attentions)."""
    if model.training and model.drop.p > 0:
        h = model.drop(h)
    atts = []
    for i, blk in enumerate(model.blocks):
        h, att = blk(h, return_attention=return_attention, layer=i, rotary=rotary)
        atts.append(att)
    return model.ln_f(h), atts


def freeze_body(model, layers: int, vectors: tuple[nn.Parameter, ...] = ()) -> None:
    """Freeze a body's embeddings (and its learned ``vectors``: [CLS], padding) with its lowest ``layers``
    blocks, and its final norm too when ``layers`` is n_layer; 0 trains everything. Frozen weights have
    ``requires_grad`` off, so no optimizer group holds them (``KindModel.param_groups``)."""
    if layers <= 0:
        return
    body = [model.tok_emb, *([] if model.cfg.rope else [model.pos_emb]), *model.blocks[:layers]]
    if layers >= model.cfg.n_layer:
        body.append(model.ln_f)
    for part in (*body, *vectors):
        part.requires_grad_(False)


class GPTClassifier(GPT):
    """A classification head on a decoder-only GPT's final hidden states."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        del self.head  # the next-token head: a classifier never uses it
        self.classifier = nn.Linear(cfg.n_embd, cfg.n_classes)
        nn.init.normal_(self.classifier.weight, 0.0, 0.02)
        nn.init.zeros_(self.classifier.bias)
        self.freeze(cfg.freeze_layers)

    def freeze(self, layers: int) -> None:
        freeze_body(self, layers)

    def body_parameters(self) -> dict[str, torch.Tensor]:
        """Every parameter but the head's, by name (what ``freeze_layers`` = n_layer keeps)."""
        return {n: p for n, p in self.named_parameters() if not n.startswith("classifier.")}

    def features(self, x: torch.Tensor, return_attention: bool = False):
        """Final hidden states (B, T, C) after the last norm, and each layer's attention when asked."""
        T = x.shape[1]
        if T > self.cfg.block_size:
            raise ValueError(f"sequence of {T} tokens exceeds the context of {self.cfg.block_size}")
        rotary = None
        if self.cfg.rope:
            rotary = (self.rope_cos[:T], self.rope_sin[:T])  # (T, hs/2) each
            h = self.tok_emb(x)  # (B, T, C)
        else:
            h = self.tok_emb(x) + self.pos_emb(torch.arange(T, device=x.device))  # (B, T, C)
        return run_blocks(self, h, rotary, return_attention)

    def forward(self, x: torch.Tensor, labels: torch.Tensor | None = None, lengths: torch.Tensor | None = None,
                *, return_attention: bool = False):
        """Logits (B, n_classes) and the loss when ``labels`` are given; with ``return_attention`` also
        each layer's attention (B, nh, T, T), as ``GPT.forward`` gives them (the Attention panel reads
        them; the last token's row is what a "last" head reads)."""
        h, atts = self.features(x, return_attention)  # (B, T, C)
        n = _lengths(x, lengths)  # (B,)
        if self.cfg.pooling == "mean":
            real = (torch.arange(x.shape[1], device=x.device)[None, :] < n[:, None]).to(h.dtype)  # (B, T)
            pooled = (h * real[..., None]).sum(1) / n[:, None].to(h.dtype)  # (B, C)
        else:  # the last real token: under causal attention the one that has read the whole text
            pooled = h[torch.arange(x.shape[0], device=x.device), n - 1]  # (B, C)
        logits = self.classifier(pooled)  # (B, n_classes)
        if return_attention:
            return logits, _loss(logits, labels), atts
        return logits, _loss(logits, labels)


class EncoderBody(KindModel):
    """A bidirectional Transformer encoder: token embeddings, a learned [CLS] vector at position 0 and a
    learned padding vector (not tokens of the vocabulary, so any tokenizer serves), the blocks of
    ``core.model`` with ``causal=False``, a final norm. Positions run 0..context, [CLS] being 0.
    ``EncoderClassifier`` reads [CLS]; ``MaskedLM`` pretrains the same body (the same state-dict keys)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        if cfg.vocab_size < 1:
            raise ValueError("ModelConfig.vocab_size must be set (from the tokenizer) before building a model")
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.cls = nn.Parameter(torch.zeros(cfg.n_embd))
        self.pad = nn.Parameter(torch.zeros(cfg.n_embd))
        if cfg.rope:  # one more position than the context: [CLS] comes first
            register_rotary(self, cfg, cfg.block_size + 1)
        else:
            self.pos_emb = nn.Embedding(cfg.block_size + 1, cfg.n_embd)
        self.drop = nn.Dropout(cfg.dropout)
        self.blocks = nn.ModuleList(Block(cfg, causal=False) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)

    def init_weights(self) -> None:
        gpt2_init(self, self.cfg)  # GPT-2's initialisation, residual projections scaled by depth
        nn.init.normal_(self.cls, 0.0, 0.02)
        nn.init.normal_(self.pad, 0.0, 0.02)

    def embed(self, x: torch.Tensor, lengths: torch.Tensor | None) -> torch.Tensor:
        """Token embeddings (B, T, C), the padding vector after each text's length."""
        real = torch.arange(x.shape[1], device=x.device)[None, :] < _lengths(x, lengths)[:, None]  # (B, T)
        return torch.where(real[..., None], self.tok_emb(x), self.pad)

    def features(self, x: torch.Tensor, lengths: torch.Tensor | None = None, return_attention: bool = False,
                 embedded: torch.Tensor | None = None):
        """Final states (B, 1 + T, C), [CLS] first, and each layer's attention when asked."""
        B, T = x.shape
        if T > self.cfg.block_size:
            raise ValueError(f"sequence of {T} tokens exceeds the context of {self.cfg.block_size}")
        h = self.embed(x, lengths) if embedded is None else embedded  # (B, T, C)
        h = torch.cat([self.cls.expand(B, 1, -1), h], dim=1)  # (B, 1 + T, C)
        rotary = None
        if self.cfg.rope:
            rotary = (self.rope_cos[:T + 1], self.rope_sin[:T + 1])
        else:
            h = h + self.pos_emb(torch.arange(T + 1, device=x.device))
        return run_blocks(self, h, rotary, return_attention)

    def freeze(self, layers: int) -> None:
        freeze_body(self, layers, (self.cls, self.pad))


class EncoderClassifier(EncoderBody):
    """An encoder whose head reads the [CLS] position's final state; trained from scratch, or from a
    masked-language-model run's body (``ModelConfig.freeze_layers`` as for ``GPTClassifier``)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.classifier = nn.Linear(cfg.n_embd, max(cfg.n_classes, 2))
        self.init_weights()
        self.freeze(cfg.freeze_layers)

    def body_parameters(self) -> dict[str, torch.Tensor]:
        return {n: p for n, p in self.named_parameters() if not n.startswith("classifier.")}

    def forward(self, x: torch.Tensor, labels: torch.Tensor | None = None, lengths: torch.Tensor | None = None,
                *, return_attention: bool = False):
        """Logits (B, n_classes) from [CLS], the loss when ``labels`` are given; with ``return_attention``
        also each layer's attention (B, nh, 1 + T, 1 + T), [CLS] first (its row: what the head reads)."""
        h, atts = self.features(x, lengths, return_attention)  # (B, 1 + T, C)
        logits = self.classifier(h[:, 0])  # (B, n_classes), from [CLS]
        if return_attention:
            return logits, _loss(logits, labels), atts
        return logits, _loss(logits, labels)


MASK_SHARE = 0.15  # of the tokens a masked language model hides and predicts (BERT's share)
EVAL_MASK_SEED = 0  # evaluation hides the same tokens every time, so validation losses compare


class MaskedLM(EncoderBody):
    """Masked-language-model pretraining of the encoder body ("encoder-mlm"), on plain text.

    It trains on the language model's own prepared token stream: of each window ``x`` (the engine's
    ``(x, y)`` batch; ``y`` is not used), ``MASK_SHARE`` of the tokens are replaced by a learned [MASK]
    vector and predicted from both sides (output weights tied to the token embeddings). Training
    draws the masks from torch's generator (seeded by the run, restored on resume); evaluation uses a
    fixed one. BERT also leaves 10 % of the chosen tokens as they are and swaps 10 %; this one always masks.
    """

    def __init__(self, cfg: ModelConfig):
        super().__init__(cfg)
        self.mask = nn.Parameter(torch.zeros(cfg.n_embd))
        self.init_weights()
        nn.init.normal_(self.mask, 0.0, 0.02)

    def forward(self, x: torch.Tensor, _next_tokens: torch.Tensor | None = None, *, return_attention: bool = False):
        if self.training:
            u = torch.rand(x.shape, device=x.device)  # (B, T)
        else:
            g = torch.Generator(device=x.device).manual_seed(EVAL_MASK_SEED)
            u = torch.rand(x.shape, device=x.device, generator=g)
        hidden = u < MASK_SHARE  # (B, T)
        hidden[:, 0] |= ~hidden.any(1)  # at least one token per window to predict
        e = torch.where(hidden[..., None], self.mask, self.tok_emb(x))  # (B, T, C)
        h, atts = self.features(x, None, return_attention, embedded=e)
        logits = h[:, 1:] @ self.tok_emb.weight.T  # (B, T, vocab)
        targets = torch.where(hidden, x, torch.full_like(x, -1))
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)).float(), targets.reshape(-1), ignore_index=-1)
        if return_attention:
            return logits, loss, atts
        return logits, loss
