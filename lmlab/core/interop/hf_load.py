"""Open a GPT-2-family Hugging Face folder on disk as lmlab's own model and tokenizer.

Only JSON and safetensors are read, never a pickle (``pytorch_model.bin`` is refused with a
sentence), and nothing is fetched: the folder must hold ``config.json``, ``model.safetensors``
(or safetensors shards with their index) and ``tokenizer.json``. Every problem is one sentence
(an ``InteropError``).

    model, tokenizer, cfg = read_hf_folder("exports/shakespeare-hf")
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import torch

from ..config import DataConfig, ModelConfig, RunConfig
from ..errors import TokenizerError, user_text
from ..model import GPT
from ..tokenizers import TOKENIZER_FILE, Tokenizer, load_tokenizer
from .hf import LAYER_NORM_EPS, LMLAB_ACTIVATION, InteropError, has_nonzero_bias, lmlab_state_dict

HF_CONFIG = "config.json"
WEIGHTS = "model.safetensors"
WEIGHTS_INDEX = "model.safetensors.index.json"
PICKLES = ("pytorch_model.bin", "pytorch_model.bin.index.json", "model.ckpt", "tf_model.h5", "flax_model.msgpack")


def is_hf_folder(path: str | Path) -> bool:
    """Whether ``path`` looks like a Hugging Face model folder rather than an lmlab run (no file is parsed
    beyond config.json's first level)."""
    p = Path(path)
    if any((p / name).is_file() for name in (WEIGHTS, WEIGHTS_INDEX, *PICKLES)):
        return True
    try:
        raw = json.loads((p / HF_CONFIG).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(raw, dict) and ("model_type" in raw or "architectures" in raw)


def weights_stamp(path: str | Path) -> int:
    """The modification time of the folder's weights (ns; 0 if unreadable): a rewritten export reloads."""
    p = Path(path)
    for name in (WEIGHTS, WEIGHTS_INDEX):
        try:
            return (p / name).stat().st_mtime_ns
        except OSError:
            continue
    return 0


def _read_json(path: Path, what: str) -> dict:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InteropError("{parent} has no {name}, so it is not a Hugging Face model folder.", parent=path.parent, name=path.name) from None
    except OSError as e:
        raise InteropError("Cannot read {path}: {reason}.", path=path, reason=e.strerror or e) from None
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise InteropError("{path} is not valid JSON ({what}): {e}.", path=path, what=what, e=e) from None
    if not isinstance(raw, dict):
        raise InteropError("{path} is not a {what}.", path=path, what=what)
    return raw


def model_config_of(hf: dict, folder: Path) -> ModelConfig:
    """lmlab's shape for a GPT-2 ``config.json``; an architecture lmlab cannot run is refused by name."""
    arch = ", ".join(map(str, hf.get("architectures") or [])) or "no architecture named"
    kind = hf.get("model_type")
    if kind != "gpt2":
        raise InteropError("{folder} holds a {kind} model ({arch}); lmlab can open only GPT-2-family models."
                           if kind else
                           "{folder} holds a model of unknown type model ({arch}); lmlab can open only GPT-2-family models.",
                           folder=folder, kind=kind, arch=arch)
    act = hf.get("activation_function", "gelu_new")
    if act not in LMLAB_ACTIVATION:
        raise InteropError("{folder} uses the {act} activation, which "
                           "lmlab's GPT does not have (it has {choices}).", folder=folder, act=act, choices=', '.join(sorted(LMLAB_ACTIVATION)))
    try:
        n_embd, n_layer, n_head = int(hf["n_embd"]), int(hf["n_layer"]), int(hf["n_head"])
        vocab, ctx = int(hf["vocab_size"]), int(hf.get("n_positions", hf.get("n_ctx")))
    except (KeyError, TypeError, ValueError):
        raise InteropError("The config.json in {folder} lacks GPT-2's sizes "
                           "(n_embd, n_layer, n_head, vocab_size, "
                           "n_positions).", folder=folder) from None
    inner = hf.get("n_inner")
    odd = []
    if inner not in (None, 4 * n_embd):
        odd.append(f"an MLP width of {inner} (lmlab's is 4 x {n_embd})")
    if abs(float(hf.get("layer_norm_epsilon", LAYER_NORM_EPS)) - LAYER_NORM_EPS) > 1e-12:
        odd.append(f"a LayerNorm epsilon of {hf.get('layer_norm_epsilon')}")
    if hf.get("scale_attn_by_inverse_layer_idx") or hf.get("add_cross_attention") or hf.get("scale_attn_weights") is False:
        odd.append("a different attention scaling or cross-attention")
    if min(n_embd, n_layer, n_head, vocab, ctx) < 1 or n_embd % n_head:
        odd.append(f"the impossible shape {n_layer} layers, {n_head} heads, width {n_embd}")
    if odd:
        raise InteropError("{folder} is a GPT-2 variant lmlab's model cannot run: {odd}.", folder=folder, odd=', '.join(odd))
    return ModelConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, block_size=ctx, dropout=0.0, bias=True,
                       tie_embeddings=bool(hf.get("tie_word_embeddings", True)), vocab_size=vocab,
                       activation=LMLAB_ACTIVATION[act])


def _weight_files(folder: Path) -> list[Path]:
    if (folder / WEIGHTS).is_file():
        return [folder / WEIGHTS]
    if (folder / WEIGHTS_INDEX).is_file():
        index = _read_json(folder / WEIGHTS_INDEX, user_text("safetensors index"))
        names = sorted({str(v) for v in (index.get("weight_map") or {}).values()})
        files = [folder / n for n in names]
        if not files or any(Path(n).name != n or not f.is_file() for n, f in zip(names, files)):
            raise InteropError("The safetensors index in {folder} names shards that are not in the folder.", folder=folder)
        return files
    pickles = [n for n in PICKLES if (folder / n).exists()]
    if pickles:
        raise InteropError("{folder} holds its weights as {pickles}, a format that can run code when it is "
                           "loaded; lmlab opens only model.safetensors (save the model with "
                           "safe_serialization).", folder=folder, pickles=pickles[0])
    raise InteropError("{folder} has no model.safetensors, so there are no weights to open.", folder=folder)


def _read_weights(files: list[Path]) -> dict[str, torch.Tensor]:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    tensors: dict[str, torch.Tensor] = {}
    for f in files:
        try:
            tensors.update(load_file(str(f)))
        except (SafetensorError, OSError, ValueError, RuntimeError) as e:
            raise InteropError("{file} is not a valid safetensors file ({e}).", file=f, e=e) from None
    # The original GPT-2 checkpoints name their tensors without "transformer." and keep the causal mask.
    out = {}
    for name, t in tensors.items():
        if name.endswith((".attn.bias", ".attn.masked_bias")) and t.dim() > 1:
            continue
        out[name if name.startswith(("transformer.", "lm_head.")) else f"transformer.{name}"] = t
    return out


def check_hf_folder(path: str | Path) -> ModelConfig:
    """The shape of the model in ``path`` if lmlab can open it (weights are not read), else an InteropError."""
    folder = Path(path)
    if not folder.is_dir():
        raise InteropError("{folder} is not a folder.", folder=folder)
    _weight_files(folder)  # a pickle is refused before anything else is read
    m = model_config_of(_read_json(folder / HF_CONFIG, user_text("Hugging Face model config")), folder)
    if not (folder / TOKENIZER_FILE).is_file():
        raise InteropError("{folder} has no tokenizer.json; lmlab needs the fast tokenizer's file.", folder=folder)
    return m


def read_hf_folder(path: str | Path) -> tuple[GPT, Tokenizer, RunConfig]:
    """The folder's model (eval mode, fp32, CPU), its tokenizer and an lmlab configuration describing it."""
    folder = Path(path)
    m = check_hf_folder(folder)
    tensors = _read_weights(_weight_files(folder))
    m = dataclasses.replace(m, bias=has_nonzero_bias(tensors))
    state = lmlab_state_dict(tensors, m)
    model = GPT(m)
    own = model.state_dict()
    for name, t in state.items():
        if tuple(own[name].shape) != tuple(t.shape):
            raise InteropError("The weights in {folder} do not fit its "
                               "config.json ({name} is {got}, the config asks "
                               "for {expected}).", folder=folder, name=name, got='x'.join(map(str, t.shape)), expected='x'.join(map(str, own[name].shape)))
    model.load_state_dict(state, strict=False)
    model.eval()
    try:
        tok = load_tokenizer(folder / TOKENIZER_FILE)
    except TokenizerError as e:
        raise InteropError(e.template, **e.params) from None
    if tok.vocab_size > m.vocab_size:
        raise InteropError("The tokenizer in {folder} has {vocab_size} tokens but the model only {model_vocab}.", folder=folder, vocab_size=tok.vocab_size, model_vocab=m.vocab_size)
    cfg = RunConfig(name=folder.name, model=m, data=DataConfig(tokenizer=tok.kind))
    return model, tok, cfg
