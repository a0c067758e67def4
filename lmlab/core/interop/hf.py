"""lmlab's GPT under GPT-2's Hugging Face names, and every lmlab tokenizer as a ``tokenizer.json``.

lmlab's classic model is GPT-2's architecture (learned positions, pre-LayerNorm, exact GELU, a
head tied to the token embedding by default); only the names and the layout differ:

* GPT-2 keeps its projections in ``Conv1D`` modules whose weight is (in, out): lmlab's
  ``nn.Linear`` weights (out, in) are transposed on the way out and back on the way in;
* lmlab runs without biases by default (``bias=False``): GPT-2 always has them, so they are
  written as zeros, which computes the same thing;
* a tied head is declared (``tie_word_embeddings``) and not written twice.

Example::

    tensors = hf_state_dict(model)             # {"transformer.h.0.attn.c_attn.weight": (C, 3C), ...}
    model.load_state_dict(lmlab_state_dict(tensors, cfg.model), strict=False)
"""

from __future__ import annotations

import json

import torch

from ..config import ModelConfig
from ..errors import LmlabError
from ..tokenizers import CharTokenizer, HFTokenizer, Tokenizer

UNK_TOKEN = "<unk>"  # the char tokenizer's unknown token in tokenizer.json (decoded back to U+FFFD)
LAYER_NORM_EPS = 1e-5  # torch.nn.LayerNorm's default, which lmlab's model uses
# lmlab's activation -> transformers' name: "gelu" is the exact erf GELU, "gelu_new" GPT-2's tanh approximation
HF_ACTIVATION = {"gelu": "gelu", "gelu_tanh": "gelu_new"}
LMLAB_ACTIVATION = {"gelu": "gelu", "gelu_new": "gelu_tanh", "gelu_pytorch_tanh": "gelu_tanh"}

# (lmlab name, HF name, transposed) within block i; biases follow their weights.
_BLOCK = (
    ("ln1", "ln_1", False),
    ("attn.qkv", "attn.c_attn", True),
    ("attn.proj", "attn.c_proj", True),
    ("ln2", "ln_2", False),
    ("mlp.up", "mlp.c_fc", True),
    ("mlp.down", "mlp.c_proj", True),
)


class InteropError(LmlabError):
    """A model or folder cannot be exported or opened (names what and why, in a sentence)."""


def check_gpt2_compatible(m: ModelConfig) -> None:
    """Refuse, in one sentence, a model whose blocks GPT-2 cannot compute (the modern-recipe options).

    Zero-initialised projections and Muon only change training, so such runs export as they are.
    Example: rope=True -> "... rotary positions have no GPT-2 equivalent ...".
    """
    if m.arch != "gpt":  # a classifier (core.classify) has a label head, not GPT-2's next-token head
        raise InteropError("This run is a {arch}, not a language model; only language models export to GPT-2.", arch=m.arch)
    odd = [name for name, on in (("rotary positions (rope)", m.rope), ("QK-norm", m.qk_norm),
                                 ("ReLU² (relu_squared)", m.relu_squared),
                                 ("logit soft-capping", m.logit_softcap > 0)) if on]
    if odd:
        raise InteropError("This run uses {odd}, which GPT-2 (the architecture lmlab exports to, for "
                           "Hugging Face and llama.cpp) has no equivalent for; export a run trained without "
                           "them.", odd=', '.join(odd))


def gpt2_config(m: ModelConfig) -> dict:
    """The ``config.json`` of a ``GPT2LMHeadModel`` with lmlab's shape ``m``."""
    check_gpt2_compatible(m)
    return {
        "architectures": ["GPT2LMHeadModel"],
        "model_type": "gpt2",
        "vocab_size": m.vocab_size,
        "n_positions": m.block_size,
        "n_ctx": m.block_size,
        "n_embd": m.n_embd,
        "n_layer": m.n_layer,
        "n_head": m.n_head,
        "n_inner": 4 * m.n_embd,
        "activation_function": HF_ACTIVATION[m.activation],
        "resid_pdrop": m.dropout,
        "embd_pdrop": m.dropout,
        "attn_pdrop": m.dropout,
        "layer_norm_epsilon": LAYER_NORM_EPS,
        "initializer_range": 0.02,
        "scale_attn_weights": True,
        "scale_attn_by_inverse_layer_idx": False,
        "reorder_and_upcast_attn": False,
        "tie_word_embeddings": m.tie_embeddings,
        "bos_token_id": None,
        "eos_token_id": None,
        "use_cache": True,
        "torch_dtype": "float32",
    }


def _pairs(n_layer: int):
    """(lmlab name, HF name, transposed) for every weight and bias of the model."""
    yield "tok_emb.weight", "transformer.wte.weight", False
    yield "pos_emb.weight", "transformer.wpe.weight", False
    for i in range(n_layer):
        for ours, theirs, t in _BLOCK:
            yield f"blocks.{i}.{ours}.weight", f"transformer.h.{i}.{theirs}.weight", t
            yield f"blocks.{i}.{ours}.bias", f"transformer.h.{i}.{theirs}.bias", False
    yield "ln_f.weight", "transformer.ln_f.weight", False
    yield "ln_f.bias", "transformer.ln_f.bias", False


def hf_state_dict(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The model's weights under GPT-2's names, fp32, contiguous (absent biases as zeros)."""
    own = model.state_dict()
    cfg: ModelConfig = model.cfg
    out: dict[str, torch.Tensor] = {}
    for ours, theirs, transpose in _pairs(cfg.n_layer):
        if ours in own:
            t = own[ours].detach().to("cpu", torch.float32)
            out[theirs] = (t.t() if transpose else t).contiguous()
        else:  # a bias lmlab's model runs without: the matching weight's output size, zeros
            weight = own[ours[: -len("bias")] + "weight"]
            out[theirs] = torch.zeros(weight.shape[0], dtype=torch.float32)
    if not cfg.tie_embeddings:
        out["lm_head.weight"] = own["head.weight"].detach().to("cpu", torch.float32).contiguous()
    return out


def lmlab_state_dict(tensors: dict[str, torch.Tensor], m: ModelConfig) -> dict[str, torch.Tensor]:
    """GPT-2's tensors as lmlab's state dict for shape ``m`` (biases dropped when ``m.bias`` is False)."""
    out: dict[str, torch.Tensor] = {}
    for ours, theirs, transpose in _pairs(m.n_layer):
        if ours.endswith(".bias") and not m.bias:
            continue
        t = tensors.get(theirs)
        if t is None:
            raise InteropError("The weights have no tensor {theirs}, which a GPT-2 model needs.", theirs=theirs)
        out[ours] = (t.t() if transpose else t).float().contiguous()
    if m.tie_embeddings:
        out["head.weight"] = out["tok_emb.weight"]
    else:
        head = tensors.get("lm_head.weight")
        if head is None:
            raise InteropError("The config says the head is not tied, but the weights have no lm_head.weight.")
        out["head.weight"] = head.float().contiguous()
    return out


def has_nonzero_bias(tensors: dict[str, torch.Tensor]) -> bool:
    """Whether any bias of a GPT-2 state dict is not all zeros (then lmlab's model needs ``bias=True``)."""
    return any(name.endswith(".bias") and bool(t.abs().max() > 0) for name, t in tensors.items() if t.numel())


# -- tokenizers -----------------------------------------------------------------------------


def char_tokenizer_json(tok: CharTokenizer) -> str:
    """A Hugging Face ``tokenizer.json`` that encodes and decodes exactly as ``tok``.

    A BPE model with no merges splits text into characters and looks each up: the same ids as
    lmlab's. An unknown character becomes ``<unk>`` (decoded as U+FFFD) under the ``replace``
    policy and is left out otherwise (a tokenizer.json cannot refuse text as ``error`` does).
    The ``Fuse`` decoder joins the pieces with nothing between them.
    """
    from tokenizers import Tokenizer as HFTok, decoders, models

    vocab = {c: i for i, c in enumerate(tok.chars)}
    if tok.unk_id is not None:
        vocab[UNK_TOKEN] = tok.unk_id
    model = models.BPE(vocab=vocab, merges=[], unk_token=UNK_TOKEN if tok.unk_id is not None else None)
    hf = HFTok(model)
    hf.decoder = decoders.Sequence([decoders.Replace(UNK_TOKEN, "\ufffd"), decoders.Fuse()])
    if tok.special_tokens:  # the chat markers, after the characters and <unk>: the same ids as lmlab's
        from tokenizers import AddedToken

        hf.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in tok.special_tokens])
    return hf.to_str()


def tokenizer_json(tok: Tokenizer) -> str:
    """``tokenizer.json`` text for any lmlab tokenizer."""
    if isinstance(tok, CharTokenizer):
        return char_tokenizer_json(tok)
    if isinstance(tok, HFTokenizer):
        return tok.tok.to_str()
    raise InteropError("A {kind} tokenizer has no Hugging Face equivalent yet.", kind=tok.kind)


def tokenizer_config(tok: Tokenizer, block_size: int) -> dict:
    """``tokenizer_config.json``: a fast tokenizer; a run fine-tuned on conversations adds its
    ``chat_template`` (Hugging Face's convention) and ``<|end|>`` as the end-of-sequence token."""
    from ..chat.template import CHAT_TEMPLATE, END

    chat = {"chat_template": CHAT_TEMPLATE, "eos_token": END} if END in tok.special_tokens else {}
    return chat | {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": block_size,
        "clean_up_tokenization_spaces": False,  # else " ." would decode as "." and text would not round-trip
        "add_bos_token": False,
        "add_eos_token": False,
        "lmlab_tokenizer": tok.kind,
    }


def generation_config() -> dict:
    return {"_from_model_config": False, "do_sample": False, "bos_token_id": None, "eos_token_id": None}


def dumps(obj: dict) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
