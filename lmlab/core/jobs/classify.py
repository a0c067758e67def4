"""Text classification as user actions: create a classifier run, and classify texts with one.

``create_classifier`` reads labelled examples (a file or folder, or the embedded genres of the plays),
checks them, makes the stratified split once (stored in the run's data/), and creates a run of one of
two kinds (``core.classify.models``):

* with a ``parent`` run: "gpt-classifier", the parent's body and tokenizer with a new head; the run
  starts from the parent's checkpoint (``core.lineage``: ``parent.safetensors``, the parent recorded
  in config.json), as a chat fine-tune does;
* with a masked-language-model ``parent`` ("encoder-mlm", ``classify.models.MaskedLM``): "encoder",
  that pretrained body with a new head, the same way;
* without: "encoder", a bidirectional encoder trained from scratch on a tokenizer of the training texts.

The run is then trained like any other (``jobs.train.prepare_and_train``: the same engine, queue and
plots); each evaluation writes the confusion matrix and the predictions (``core.classify.metrics``).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass

import torch

from ..classify.data import LabelledData, encode_texts, write_labelled_data
from ..classify.events import ClassifyProgress, Prediction
from ..classify.genres import DEFAULT_LABEL, default_labelled
from ..classify.labelled import LabelledSet, read_labelled
from ..classify.metrics import predict
from ..classify.split import stratified_split
from ..config import RunConfig, check, preset
from ..dataset import load_prepared
from ..derive import FINETUNE_EPOCHS, finetune_defaults, with_choices
from ..errors import LmlabError
from ..lineage import write_initial_weights
from ..loading import find_checkpoint, load_trained
from ..model_kinds import build_model
from ..runs import Run, RunStore
from ..tokenizers import train_tokenizer


CLASSIFIER_OF = {"gpt": "gpt-classifier", "encoder-mlm": "encoder"}  # a parent's kind -> its classifier's
PRETRAINING_HEADS = ("head.weight", "mask")  # a parent's weights a classifier does not take (its own head)


@dataclass(frozen=True)
class LabelSource:
    """Where the labelled examples come from: ``path`` None is the embedded genres of the plays."""

    path: str | None = None
    text_column: str = "text"  # tables and JSON lines: the column (field) holding the text
    label_column: str = "label"  # ... and the one holding the label

    @property
    def label(self) -> str:
        return self.path or DEFAULT_LABEL

    def read(self) -> LabelledSet:
        return default_labelled() if self.path is None else read_labelled(self.path, self.text_column, self.label_column)


def create_classifier(store: RunStore, source: LabelSource, *, parent: Run | None = None, step: int | None = None,
                      base: RunConfig | None = None, model: dict | None = None, train: dict | None = None,
                      epochs: int = FINETUNE_EPOCHS, name: str = ""
                      ) -> Generator[ClassifyProgress, None, Run]:
    """A new classifier run in ``store``, ready to train.

    ``parent``: fine-tune that run (its checkpoint ``step``, default the latest); else an encoder of
    ``base``'s shape (default: the tiny preset) from scratch. ``model``: classifier settings
    (``pooling``, ``freeze_layers``, or a shape for the encoder); ``train``: settings that replace the
    defaults (``epochs`` passes over the training examples, evaluation twice an epoch).
    """
    if epochs < 1:
        raise LmlabError("Train for at least one epoch.")
    yield ClassifyProgress("read", f"Reading labelled examples from {source.label}")
    examples = source.read()
    examples.check()
    counts = examples.counts()
    yield ClassifyProgress("read", f"{len(examples.texts):,} examples: " +
                           ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    warning = examples.imbalance_warning()
    if warning:
        yield ClassifyProgress("warn", warning)
    pcfg = parent.read_config() if parent is not None else (base or preset("tiny"))
    seed = pcfg.train.seed
    train_idx, val_idx = stratified_split(examples.labels, pcfg.data.val_fraction, seed, examples.groups)
    split_by = "groups" if examples.groups else "examples"
    yield ClassifyProgress("split", f"{len(train_idx):,} to train on, {len(val_idx):,} held out"
                                    + (" (whole plays held out)" if examples.groups else " (stratified by label)"))
    defaults = finetune_defaults(pcfg.train, len(train_idx), epochs)
    if parent is None:  # from scratch: the base's own learning rate, not a fine-tune's tenth
        defaults |= {"learning_rate": pcfg.train.learning_rate, "min_lr": pcfg.train.min_lr}
    ck = None
    if parent is not None:
        arch = CLASSIFIER_OF.get(pcfg.model.arch)
        if arch is None:
            raise LmlabError("{name} (kind {arch}) cannot be the start of a classifier; start from a "
                             "language model (gpt) or a masked-language-model encoder (encoder-mlm).", name=parent.name, arch=pcfg.model.arch)
        ck = find_checkpoint(parent, step)
        tokenizer = load_prepared(parent.data_dir).tokenizer()  # the parent's: its embeddings mean its tokens
    else:
        yield ClassifyProgress("tokenize", f"Training a {pcfg.data.tokenizer} tokenizer on the training texts")
        tokenizer = train_tokenizer(pcfg.data.tokenizer, [examples.texts[i] for i in train_idx],
                                    pcfg.data.vocab_size, pcfg.data.unk_policy)
        arch = "encoder"
    cfg = with_choices(pcfg, model={"arch": arch, "n_classes": len(counts), "vocab_size": tokenizer.vocab_size}
                       | (model or {}), train=defaults | (train or {}))
    cfg = cfg.with_changes(name=name or (f"{parent.name} classifier" if parent else "encoder classifier"),
                           corpus=(source.path,) if source.path else ())
    check(cfg)
    run = store.create(cfg)
    try:
        yield ClassifyProgress("tokenize", f"Tokenising {len(examples.texts):,} examples")
        data = write_labelled_data(run.data_dir, tokenizer, examples, train_idx, val_idx, cfg.model.block_size,
                                   split_by)
        yield ClassifyProgress("tokenize", data.sentence())
        if parent is not None:
            yield ClassifyProgress("weights", f"Starting from {parent.name} at step {ck.step:,}")
            torch.manual_seed(seed)
            clf = build_model(cfg.model)
            weights = {k: v for k, v in ck.load_model_tensors().items() if k not in PRETRAINING_HEADS}
            missing, unexpected = clf.load_state_dict(weights, strict=False)
            if unexpected or [k for k in missing if not k.startswith("classifier.")]:
                raise LmlabError("The checkpoint {path} does not fit a classifier of {name}'s shape.", path=ck.path, name=parent.name)
            write_initial_weights(run, clf.state_dict())
            run.write_config(cfg, parent={"run": parent.id, "name": parent.name, "step": ck.step,
                                          "data": source.label, "epochs": epochs, "task": "classify"})
        run.write_status("ready", step=0, total_steps=cfg.total_steps, message=warning)
    except BaseException as e:
        run.write_status("failed", step=0, message=str(e))
        raise
    yield ClassifyProgress("ready", f"Ready to train: {cfg.total_steps:,} steps")
    return run


def classify(run: Run, texts: list[str], step: int | None = None, device: str = "cpu") -> list[Prediction]:
    """The label each of ``texts`` gets from the classifier ``run`` (its checkpoint ``step``, default the latest)."""
    tm = load_trained(run, step, device)
    data = load_prepared(run.data_dir)
    if not isinstance(data, LabelledData):
        raise LmlabError("{name} is a language model, not a classifier; create one with lmlab classify-new.", name=run.name)
    labels = data.labels
    ids, lengths, _ = encode_texts(tm.tokenizer, texts, tm.config.model.block_size)
    probs = predict(tm.model, ids, lengths, tm.config.train.batch_size)
    out = []
    for text, p in zip(texts, probs):
        k = int(p.argmax())
        out.append(Prediction(text, labels[k], float(p[k]), {name: float(q) for name, q in zip(labels, p)}))
    return out
