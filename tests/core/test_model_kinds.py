"""A model kind other than GPT trains through the one engine (core.model_kinds).

The kind below is defined here, in the test, on purpose: it is the smallest thing that keeps the
registry's promise (its own prepared data with ``meta.json`` "kind", batches as a tuple, a model
called as ``model(*batch)``, extra evaluation metrics), so the test shows what a new kind needs and
fails when the engine, the data loader or the model loader name GPT again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from lmlab.core import model_kinds
from lmlab.core.config import ModelConfig, RunConfig, TrainConfig, validate
from lmlab.core.engine import EvalMetrics, Finished, Started, train
from lmlab.core.events import event_from_dict
from lmlab.core.loading import load_trained
from lmlab.core.runs import RunStore
from lmlab.core.tokenizers import CharTokenizer

T = 6  # tokens per example


class FirstTokenClassifier(model_kinds.KindModel):
    """Reads T tokens, predicts the first one (a task a mean of embeddings learns quickly)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.emb = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.pos = nn.Parameter(torch.randn(T, cfg.n_embd) * 0.1)
        self.out = nn.Linear(cfg.n_embd, cfg.vocab_size)

    def forward(self, x, labels=None):
        logits = self.out((self.emb(x) * self.pos).mean(1))
        return logits, (F.cross_entropy(logits, labels) if labels is not None else None)


class ToyBatches:
    def __init__(self, x: np.ndarray, batch_size: int):
        self.x, self.B = x, batch_size

    def sample_starts(self, gen):
        return torch.randint(len(self.x), (self.B,), generator=gen).numpy()

    def eval_starts(self, n, seed):
        return np.arange(min(n, len(self.x)))

    def at(self, starts):
        x = torch.from_numpy(self.x[starts].astype(np.int64))
        return x, x[:, 0].clone()


@dataclass(frozen=True)
class ToyData:
    folder: Path
    vocab_size: int
    n_train: int
    n_val: int

    def batches(self, part, block_size, batch_size, device):
        return ToyBatches(np.load(self.folder / f"{part}.npy"), batch_size)

    def tokenizer(self):
        return CharTokenizer.train("abcdefgh")


def open_toy(folder: Path, meta: dict) -> ToyData:
    return ToyData(folder, meta["vocab_size"], meta["n_train"], meta["n_val"])


def accuracy(model, data, cfg, run_path, step) -> dict[str, float]:
    x, y = data.batches("val", 0, 256, None).at(np.arange(data.n_val))
    return {"accuracy": float((model(x)[0].argmax(-1) == y).float().mean())}


def test_a_registered_kind_trains_evaluates_and_reloads(tmp_path, monkeypatch):
    monkeypatch.setitem(model_kinds.KINDS, "toy", model_kinds.ModelKind(
        "toy", f"{__name__}:FirstTokenClassifier", evaluate=f"{__name__}:accuracy", records_attention=False))
    monkeypatch.setitem(model_kinds.DATA_KINDS, "toy", f"{__name__}:open_toy")
    cfg = RunConfig(
        model=ModelConfig(arch="toy", n_layer=1, n_head=1, n_embd=16, block_size=T),
        train=TrainConfig(batch_size=32, max_steps=150, eval_every=75, log_every=25, learning_rate=3e-2,
                          warmup_steps=5, min_lr=3e-3, eval_batches=2, device="cpu"),
    )
    assert validate(cfg) == []
    run = RunStore(tmp_path / "runs").create(cfg, "toy")
    run.data_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for part, n in (("train", 512), ("val", 128)):
        np.save(run.data_dir / f"{part}.npy", rng.integers(0, 8, size=(n, T)))
    (run.data_dir / "meta.json").write_text(json.dumps({"kind": "toy", "vocab_size": 8, "n_train": 512 * T,
                                                        "n_val": 128}))
    events = list(train(run))
    assert isinstance(events[0], Started) and events[0].params == 8 * 16 + T * 16 + 16 * 8 + 8
    assert isinstance(events[-1], Finished) and events[-1].status == "finished", events[-1].reason
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert [e.step for e in evals] == [75, 150]
    assert evals[-1].extra["accuracy"] > 0.9  # chance is 1/8
    # the kind's metric is in metrics.jsonl and reads back as the same event
    back = [event_from_dict(r) for r in run.read_metrics() if r["type"] == "eval"]
    assert back == evals
    assert not (run.path / "attention").exists()  # no GPT probe for a kind that does not record attention
    tm = load_trained(run)
    assert isinstance(tm.model, FirstTokenClassifier) and tm.step == 150


def test_old_eval_records_without_extra_still_read():
    rec = {"type": "eval", "step": 5, "tokens": 10, "train_loss": 2.0, "val_loss": 2.1, "elapsed": 1.0}
    assert event_from_dict(rec) == EvalMetrics(5, 10, 2.0, 2.1, 1.0)


def test_an_unknown_architecture_is_a_sentence():
    errs = validate(RunConfig(model=ModelConfig(arch="lstm")))
    assert [e.field for e in errs] == ["arch"] and "Unknown architecture 'lstm'" in str(errs[0])
