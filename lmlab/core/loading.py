"""Loading a trained model back from a run folder (for sampling, attention, the playground).

Only safetensors weights and JSON are read: nothing in a run folder can run code.
``ModelCache`` keeps the last few loaded models by (run, checkpoint step); the app owns one and
every area that shows a model asks it, so a checkpoint is read from disk once. A Hugging Face
model folder (``lmlab.core.interop.hf_load``) is asked for by its path the same way: it has
one "checkpoint", step 0, and no run.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import torch

from .config import RunConfig
from .dataset import load_prepared
from .device import resolve_device
from .errors import LmlabError, RunStoreError, user_text
from .guards.overfit import best_checkpoint
from .interop.hf_load import is_hf_folder, read_hf_folder, weights_stamp
from .model_kinds import build_model, kind_of
from .runs import Checkpoint, Run
from .tokenizers import Tokenizer


@dataclass
class TrainedModel:
    model: torch.nn.Module  # a GPT, or another kind of model (core.model_kinds: cfg.model.arch)
    tokenizer: Tokenizer
    config: RunConfig
    step: int
    run: Run | None  # None: a Hugging Face folder (``source`` is its path), with no run data

    def language_model(self, action: str) -> "TrainedModel":
        """Itself when it is a decoder-only language model; else a sentence saying that ``action``
        ("sampling", "chat", ...) needs one and what to do with this kind instead."""
        return self._refused_unless(self.config.model.arch == "gpt", action)

    def self_attention_model(self, action: str) -> "TrainedModel":
        """Itself when its model gives one stack of self-attention maps as GPT does (GPT, the classifiers:
        the Attention panel's view); else, for an encoder-decoder, the sentence of ``language_model``."""
        return self._refused_unless(kind_of(self.config.model.arch).self_attention, action)

    def _refused_unless(self, ok: bool, action: str) -> "TrainedModel":
        if ok:
            return self
        kind = kind_of(self.config.model.arch)
        name = self.run.name if self.run is not None else user_text("This model")
        if kind.instead:
            raise LmlabError("{name} is a {kind}; {action} needs a language model (decoder-only GPT). Instead, {instead}.",
                             name=name, kind=kind.description, action=action, instead=kind.instead)
        raise LmlabError("{name} is a {kind}; {action} needs a language model (decoder-only GPT).",
                         name=name, kind=kind.description, action=action)


def load_hf_model(path: str | Path) -> TrainedModel:
    """A Hugging Face GPT-2 folder as a ``TrainedModel`` (step 0, no run)."""
    model, tokenizer, cfg = read_hf_folder(path)
    return TrainedModel(model, tokenizer, cfg, 0, None)


def load_trained(run: Run, step: int | None = None, device: str = "cpu") -> TrainedModel:
    """The model of ``run`` at checkpoint ``step`` (default: the latest), in eval mode."""
    cfg = run.read_config()
    data = load_prepared(run.data_dir)
    cfg = cfg.with_changes(model={"vocab_size": data.vocab_size})
    ck = find_checkpoint(run, step)
    model = build_model(cfg.model)
    weights = ck.load_model_tensors()
    mismatch = shape_mismatch(model, weights)
    if mismatch:
        raise RunStoreError("The checkpoint {path} does not fit this run's model shape ({mismatch}).", path=ck.path, mismatch=mismatch)
    try:
        missing, unexpected = model.load_state_dict(weights, strict=False)
    except RuntimeError as e:  # anything shape_mismatch missed: keep the message to one line
        first = str(e).strip().splitlines()[-1].strip()
        raise RunStoreError("The checkpoint {path} does not fit this run's model shape ({first}).", path=ck.path, first=first) from None
    tied = {"head.weight"} if cfg.model.tie_embeddings else set()
    if unexpected or set(missing) - tied:
        raise RunStoreError("The checkpoint {path} does not match this run's model (missing {missing}).", path=ck.path, missing=sorted(missing)[:3])
    model.to(resolve_device(device).torch_device).eval()
    return TrainedModel(model, data.tokenizer(), cfg, ck.step, run)


def shape_mismatch(model: torch.nn.Module, weights: dict[str, torch.Tensor]) -> str | None:
    """The first tensor whose shape differs between ``weights`` and ``model``, as a phrase, or None.

    Example: "tok_emb.weight is 21x32 in the checkpoint, 21x64 in the model".
    """
    own = model.state_dict()
    for name, t in weights.items():
        if name in own and tuple(own[name].shape) != tuple(t.shape):
            fmt = lambda shape: "x".join(map(str, shape)) or "a scalar"  # noqa: E731
            return f"{name} is {fmt(t.shape)} in the checkpoint, {fmt(own[name].shape)} in the model"
    return None


def find_checkpoint(run: Run, step: int | None) -> Checkpoint:
    if step is None:
        ck = run.latest_checkpoint()
        if ck is None:
            raise RunStoreError("The run {name} has no checkpoint yet; train it first.", name=run.name)
        return ck
    for ck in run.checkpoints():
        if ck.step == step:
            return ck
    best = best_checkpoint(run)  # the best by validation loss outlives the rotation (core.guards.overfit)
    if best is not None and best.step == step:
        return best
    have = ", ".join(str(c.step) for c in run.checkpoints()) or "none"
    raise RunStoreError("The run {name} has no checkpoint at step {step} (have: {have}).", name=run.name, step=step, have=have)


@torch.no_grad()
def evaluate_text_loss(tm: TrainedModel, ids: list[int]) -> float:
    """Mean next-token loss of ``tm`` on a token sequence (cropped to the context)."""
    T = tm.config.model.block_size
    x = torch.tensor(ids[: T + 1], dtype=torch.long)[None]
    _, loss = tm.model(x[:, :-1], x[:, 1:])
    return float(loss)


class ModelCache:
    """The last ``capacity`` loaded models, by (run folder, checkpoint step, weights file time); thread-safe.

    ``get`` loads on a miss (call it off the GUI thread); two threads asking for the same
    checkpoint at once wait for one load. ``peek`` answers without loading. A checkpoint
    rewritten on disk (same step, newer file) is loaded again. ``loads`` counts the loads.

    Example: ``cache.get(run_dir, None)`` twice -> one load; the second call returns the same model.
    """

    def __init__(self, capacity: int = 4):
        self.capacity = capacity
        self.loads = 0
        self._lock = threading.Lock()  # guards the dictionaries, never held while loading
        self._models: OrderedDict[tuple, TrainedModel] = OrderedDict()
        self._loading: dict[tuple, threading.Lock] = {}  # one lock per checkpoint being loaded

    @staticmethod
    def _hf_key(path: str | Path) -> tuple:
        return str(Path(path).resolve()), "hf", weights_stamp(path)

    @staticmethod
    def _key(run: Run, ck: Checkpoint) -> tuple:
        try:
            stamp = ck.model_file.stat().st_mtime_ns
        except OSError:
            stamp = 0
        return str(Path(run.path).resolve()), ck.step, stamp

    def _cached(self, key: tuple) -> TrainedModel | None:
        with self._lock:
            tm = self._models.get(key)
            if tm is not None:
                self._models.move_to_end(key)
            return tm

    def peek(self, run_path: str | Path, step: int | None) -> TrainedModel | None:
        """The model if it is loaded already, else None (never loads; None too if there is no such checkpoint)."""
        if is_hf_folder(run_path):
            return self._cached(self._hf_key(run_path))
        run = Run(run_path)
        try:
            ck = find_checkpoint(run, step)
        except RunStoreError:
            return None
        return self._cached(self._key(run, ck))

    def get(self, run_path: str | Path, step: int | None) -> TrainedModel:
        """The model of the run at ``step`` (None: the latest checkpoint), loading it if needed.

        ``run_path`` may be a Hugging Face model folder instead (``step`` is then ignored)."""
        if is_hf_folder(run_path):
            key = self._hf_key(run_path)
            load = lambda: load_hf_model(run_path)  # noqa: E731
        else:
            run = Run(run_path)
            ck = find_checkpoint(run, step)
            key = self._key(run, ck)
            load = lambda: load_trained(run, ck.step)  # noqa: E731
        with self._lock:
            loading = self._loading.setdefault(key, threading.Lock())
        with loading:  # a second caller for this checkpoint waits here, then finds it cached
            tm = self._cached(key)
            if tm is None:
                tm = load()
                with self._lock:
                    self.loads += 1
                    self._models[key] = tm
                    while len(self._models) > self.capacity:
                        self._models.popitem(last=False)
        with self._lock:
            self._loading.pop(key, None)
        return tm

    def clear(self) -> None:
        with self._lock:
            self._models.clear()
