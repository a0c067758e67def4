"""Which model a run trains and what its prepared data looks like: one entry per kind.

A run's ``model.arch`` names its kind (``ModelConfig.arch``: "gpt" by default). The engine, the
model loader and the data loader ask this registry instead of naming GPT, so a new kind of model
(an encoder-decoder translator, a text classifier) is a module of its own plus one line in
``KINDS`` below, and it trains through the same engine, queue, checkpoints and live plots.

What a kind promises the engine:

- **Model**: a ``KindModel`` (what the optimizers need), built as ``Class(cfg.model)``; called as ``model(*batch)`` it returns ``(logits, loss)``
  for a batch as its data's ``at(starts)`` returns it (a tuple of tensors). GPT's batch is ``(x, y)``.
- **Prepared data** (``data``: opens the run's ``data/`` folder whose ``meta.json`` names the kind's
  data under ``"kind"``; a plain token stream has none): ``vocab_size``, ``n_train``, ``n_val``,
  ``tokenizer()``, and ``batches(part, block_size, batch_size, device)`` giving an object with
  ``sample_starts(gen)``, ``eval_starts(n, seed)`` and ``at(starts)``, as ``dataset.Batches`` does.
- **Evaluation extras** (``evaluate``, optional): ``fn(model, data, cfg, run_path, step)`` returns
  ``{metric name: value}`` recorded in the evaluation's ``EvalMetrics.extra`` (BLEU, accuracy, ...),
  so they reach ``metrics.jsonl``, the Runs panel and the live plots with no code of their own.
- ``prepare`` (optional): how a run of the kind prepares its ``data/`` from ``cfg.corpus`` (pairs of
  sentences, labelled texts), instead of tokenising a text corpus (``pipeline.prepare_run``).
- ``size`` (optional): parameter counts, FLOPs per token and memory of a shape, for the readouts.
- ``records_attention``: the probe-text attention snapshots and learning instruments, which read a
  causal language model's next-token predictions; other kinds record their own views.

Example::

    >>> from lmlab.core.config import ModelConfig
    >>> build_model(ModelConfig(vocab_size=10, n_layer=1, n_head=1, n_embd=8, block_size=4)).__class__.__name__
    'GPT'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .errors import ConfigError, user_text


@dataclass(frozen=True)
class ModelKind:
    name: str
    model: str  # "module:Class", built as Class(cfg.model)
    evaluate: str = ""  # "module:function" giving extra evaluation metrics; "" for none
    records_attention: bool = True  # probe snapshots and instruments (causal language models)
    size: str = ""  # "module:function" (model_cfg, batch_size) -> model.ModelSize; "" counts the built model
    prepare: str = ""  # "module:function" (run, cfg) -> generator of PrepareProgress returning the data; "" tokenises a corpus
    # what a user calls it, in a sentence such as "this run is a translation model (encoder-decoder)"
    description: str = user_text("language model")
    # its model returns one stack of self-attention maps as GPT's does (return_attention): the Attention view
    self_attention: bool = True
    # where a user goes instead when a language-model action (sample, chat, export...) meets this kind
    instead: str = ""


class KindModel(nn.Module):
    """What every kind's model gives the optimizers (core.optim): its AdamW groups and Muon's matrices."""

    def param_groups(self, weight_decay: float, exclude: tuple[torch.Tensor, ...] = ()) -> list[dict]:
        """AdamW groups: decay matrices (dim >= 2), not biases or norm weights; ``exclude``: left out.
        Frozen parameters (``requires_grad`` off, e.g. a classifier's body) are in no group."""
        skip = {id(p) for p in exclude}
        params = [p for p in self.parameters() if p.requires_grad and id(p) not in skip]
        return [
            {"params": [p for p in params if p.dim() >= 2], "weight_decay": weight_decay},
            {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
        ]

    def hidden_matrices(self) -> list[torch.Tensor]:
        """The 2-D weights of the linear layers inside the model's stacks of blocks (every ``nn.ModuleList``):
        what Muon trains; embeddings and output heads stay with AdamW."""
        return [p for stack in self.modules() if isinstance(stack, nn.ModuleList)
                for layer in stack.modules() if isinstance(layer, nn.Linear)
                for p in layer.parameters() if p.requires_grad and p.dim() == 2]


_CLASSIFY_INSTEAD = user_text("classify with it: the Classify tab, or lmlab classify RUN FILE")

# model.arch -> its kind. A new kind of model adds one line here.
KINDS: dict[str, ModelKind] = {
    "gpt": ModelKind("gpt", "lmlab.core.model:GPT", size="lmlab.core.model:model_size"),
    "encdec": ModelKind("encdec", "lmlab.core.seq2seq.model:EncoderDecoder", evaluate="lmlab.core.seq2seq.evaluate:evaluate",
                        records_attention=False, self_attention=False, size="lmlab.core.seq2seq.model:encdec_size",
                        prepare="lmlab.core.seq2seq.data:prepare_for_run",
                        description=user_text("translation model (encoder-decoder)"),
                        instead=user_text("translate with it: the Playground's Translate mode, or lmlab translate RUN TEXT")),
    "gpt-classifier": ModelKind("gpt-classifier", "lmlab.core.classify.models:GPTClassifier",
                                evaluate="lmlab.core.classify.metrics:evaluate", records_attention=False,
                                description=user_text("text classifier (a head on a language model)"),
                                instead=_CLASSIFY_INSTEAD),
    "encoder": ModelKind("encoder", "lmlab.core.classify.models:EncoderClassifier",
                         evaluate="lmlab.core.classify.metrics:evaluate", records_attention=False,
                         description=user_text("text classifier (encoder)"), instead=_CLASSIFY_INSTEAD),
    "encoder-mlm": ModelKind("encoder-mlm", "lmlab.core.classify.models:MaskedLM", records_attention=False,
                             description=user_text("masked language model (an encoder's pretraining)"),
                             instead=user_text("start a classifier from it in the Classify tab")),
}

# meta.json "kind" of a prepared data folder -> "module:function" opening it as fn(folder, meta).
# A plain token stream (language modelling, chat) has no "kind" and is dataset.PreparedData.
DATA_KINDS: dict[str, str] = {
    "parallel": "lmlab.core.seq2seq.data:open_parallel",
    "labelled": "lmlab.core.classify.data:open_labelled",
}


def _resolve(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def kind_of(arch: str) -> ModelKind:
    try:
        return KINDS[arch]
    except KeyError:
        raise ConfigError("Unknown architecture {arch!r}; choose one of {choices}.", "arch", arch=arch, choices=', '.join(KINDS)) from None


def build_model(model_cfg) -> nn.Module:
    """A fresh model of ``model_cfg.arch`` with its initial weights (on torch's current default device)."""
    return _resolve(kind_of(model_cfg.arch).model)(model_cfg)


def parameter_counts(model: nn.Module, cfg) -> Any:
    """``model.ModelSize`` for a run: from the kind's ``size`` function of the shape (what the Model panel
    shows before anything is built), else counted on the built model, its embedding tables being the
    non-hidden part and 6 FLOPs per hidden weight per token."""
    from .model import ModelSize

    spec = kind_of(cfg.model.arch).size
    if spec:
        return _resolve(spec)(cfg.model, cfg.train.batch_size)
    total = sum(p.numel() for p in model.parameters())
    embedding = sum(m.weight.numel() for m in model.modules() if isinstance(m, nn.Embedding))
    return ModelSize(total, total - embedding, embedding, 6.0 * (total - embedding), total * 16)


def evaluator(arch: str) -> Callable | None:
    """The kind's extra-metrics function, or None when it has none."""
    spec = kind_of(arch).evaluate
    return _resolve(spec) if spec else None


def preparer(arch: str) -> Callable | None:
    """The kind's own data preparation ``fn(run, cfg)``, or None when it trains on a tokenised corpus."""
    spec = kind_of(arch).prepare
    return _resolve(spec) if spec else None


def open_data_kind(kind: str, folder: Path, meta: dict) -> Any:
    """Open a prepared data folder of a kind other than the plain token stream."""
    spec = DATA_KINDS.get(kind)
    if spec is None:
        raise ValueError(f"data of kind {kind!r} is not one this lmlab knows ({', '.join(DATA_KINDS) or 'none'})")
    return _resolve(spec)(folder, meta)
