"""A GGUF file for llama.cpp (its ``gpt2`` architecture), written and read back with the ``gguf`` package.

Tensors keep lmlab's (out, in) layout, which is what llama.cpp's gpt2 graph expects (GGUF stores
the dimensions reversed); biases lmlab runs without are written as zeros, since llama.cpp's gpt2
requires them. llama.cpp's gpt2 graph computes GELU with the tanh approximation, so a
run with lmlab's exact GELU differs there in the last digits (~1e-3 of an activation). The vocabulary is the byte-level BPE one (``tokenizer.ggml.model = gpt2``): a
character-level or Unigram run has no llama.cpp tokenizer to match it and is refused with a sentence.

    tensors = write_gguf(path, model, tokenizer, "shakespeare")
    check_gguf(path, tensors, tokenizer)          # names, shapes, values and tokens read back
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..model import GPT
from ..tokenizers import HFTokenizer, Tokenizer
from .hf import LAYER_NORM_EPS, InteropError, hf_state_dict

ARCH = "gpt2"
_GLOBAL = {"transformer.wte.weight": "token_embd.weight", "transformer.wpe.weight": "position_embd.weight",
           "transformer.ln_f.weight": "output_norm.weight", "transformer.ln_f.bias": "output_norm.bias",
           "lm_head.weight": "output.weight"}
# HF block module -> (llama.cpp name, Conv1D weight to transpose back)
_BLOCK = {"ln_1": ("attn_norm", False), "attn.c_attn": ("attn_qkv", True), "attn.c_proj": ("attn_output", True),
          "ln_2": ("ffn_norm", False), "mlp.c_fc": ("ffn_up", True), "mlp.c_proj": ("ffn_down", True)}


def gguf_tensors(model: GPT) -> dict[str, np.ndarray]:
    """The model's tensors under llama.cpp's gpt2 names, float32 numpy."""
    out: dict[str, np.ndarray] = {}
    for name, t in hf_state_dict(model).items():
        if name in _GLOBAL:
            out[_GLOBAL[name]] = t.numpy()
            continue
        _, _, layer, rest = name.split(".", 3)  # transformer.h.{i}.{module}.{weight|bias}
        module, kind = rest.rsplit(".", 1)
        new, transpose = _BLOCK[module]
        out[f"blk.{layer}.{new}.{kind}"] = (t.t().contiguous() if transpose and kind == "weight" else t).numpy()
    return out


def _vocabulary(tokenizer: Tokenizer) -> tuple[list[str], list[str]]:
    """(tokens by id, merges "a b") of a byte-level BPE tokenizer; any other is refused."""
    if not isinstance(tokenizer, HFTokenizer) or tokenizer.kind != "bpe":
        raise InteropError("GGUF export needs a BPE tokenizer: llama.cpp has no {kind} vocabulary "
                           "like lmlab's. Export to hf instead, or train the run with --tokenizer "
                           "bpe.", kind=tokenizer.kind)
    raw = json.loads(tokenizer.tok.to_str())
    vocab = raw["model"]["vocab"]
    tokens = [""] * len(vocab)
    for piece, i in vocab.items():
        tokens[i] = piece
    merges = [m if isinstance(m, str) else " ".join(m) for m in raw["model"].get("merges", [])]
    return tokens, merges


def write_gguf(path: str | Path, model: GPT, tokenizer: Tokenizer, name: str) -> dict[str, np.ndarray]:
    """Write ``model`` and its tokenizer to ``path``; returns the tensors written."""
    import gguf

    tokens, merges = _vocabulary(tokenizer)
    m = model.cfg
    if len(tokens) != m.vocab_size:
        raise InteropError("The tokenizer has {n_tokens} tokens but the model {vocab_size}; GGUF needs both equal.", n_tokens=len(tokens), vocab_size=m.vocab_size)
    tensors = gguf_tensors(model)
    w = gguf.GGUFWriter(str(path), ARCH)
    try:
        w.add_name(name)
        w.add_context_length(m.block_size)
        w.add_embedding_length(m.n_embd)
        w.add_feed_forward_length(4 * m.n_embd)
        w.add_block_count(m.n_layer)
        w.add_head_count(m.n_head)
        w.add_layer_norm_eps(LAYER_NORM_EPS)
        w.add_file_type(gguf.LlamaFileType.ALL_F32)
        w.add_tokenizer_model("gpt2")
        w.add_tokenizer_pre("gpt-2")
        w.add_token_list(tokens)
        w.add_token_types([gguf.TokenType.NORMAL] * len(tokens))
        w.add_token_merges(merges)
        w.add_add_bos_token(False)
        for tname, arr in tensors.items():
            w.add_tensor(tname, arr)
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
    finally:
        w.close()
    return tensors


def _field_strings(reader, key: str) -> list[str]:
    field = reader.fields.get(key)
    if field is None:
        return []
    return [bytes(field.parts[i]).decode("utf-8") for i in field.data]


def check_gguf(path: str | Path, tensors: dict[str, np.ndarray], tokenizer: Tokenizer) -> None:
    """Read ``path`` back with ``gguf.GGUFReader``: the same tensor names, shapes, values and tokens, or an InteropError."""
    import gguf

    reader = gguf.GGUFReader(str(path))
    arch = _field_strings(reader, "general.architecture")
    if arch != [ARCH]:
        raise InteropError("The GGUF file {path} reads back as architecture {arch}, not {expected}.", path=path, arch=arch, expected=ARCH)
    got = {t.name: t for t in reader.tensors}
    if set(got) != set(tensors):
        raise InteropError("The GGUF file {path} reads back with other tensors ({tensors}).", path=path, tensors=sorted(set(got) ^ set(tensors))[:3])
    for tname, arr in tensors.items():
        data = np.asarray(got[tname].data)
        if data.shape != arr.shape:
            raise InteropError("The tensor {tname} reads back from {path} as {got}, not {expected}.", tname=tname, path=path, got=data.shape, expected=arr.shape)
        if not np.array_equal(data, arr):
            raise InteropError("The tensor {tname} reads back from {path} with other values.", tname=tname, path=path)
    if _field_strings(reader, "tokenizer.ggml.tokens") != _vocabulary(tokenizer)[0]:
        raise InteropError("The vocabulary reads back from {path} differently.", path=path)
