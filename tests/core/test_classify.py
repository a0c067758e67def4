"""Text classification through the one engine: real tiny runs on a separable toy set (an encoder from
scratch, a head on a pretrained GPT run), freezing, the stratified split kept across a resume, and the
metrics a person reads."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
import torch

from lmlab.core.classify.data import LabelledData
from lmlab.core.classify.metrics import confusion, evaluations, macro_f1, read_evaluation
from lmlab.core.classify.models import EncoderClassifier, GPTClassifier
from lmlab.core.classify.split import stratified_split
from lmlab.core.config import ModelConfig, validate
from lmlab.core.dataset import load_prepared
from lmlab.core.engine import Control, EvalMetrics, Finished, StepMetrics, train
from lmlab.core.jobs.classify import LabelSource, classify, create_classifier
from lmlab.core.jobs.drive import drain
from lmlab.core.lineage import load_initial_weights, parent_of
from lmlab.core.loading import load_trained
from lmlab.core.runs import RunStore
from tests.conftest import make_prepared_run, tiny_config

CALM = ["hear", "speak", "proceed", "before", "any"]
GRIM = ["die", "famish", "resolved", "rather", "all"]


def toy_csv(path, n: int = 120, seed: int = 0, flipped: int = 0):
    """Texts of five words; "calm" ones use only CALM words, "grim" ones only GRIM: separable by any word.
    With ``flipped`` k, every k-th example carries the other label (a model that learnt the words gets
    those "wrong")."""
    rng = random.Random(seed)
    rows = ["text,label"]
    for i in range(n):
        label = "calm" if i % 3 else "grim"  # 2:1, so the majority baseline is 2/3
        words = CALM if label == "calm" else GRIM
        if flipped and i % flipped == 1:
            label = {"calm": "grim", "grim": "calm"}[label]
        rows.append(f"{' '.join(rng.choice(words) for _ in range(5))},{label}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


SMALL_TRAIN = {"batch_size": 16, "eval_batches": 2, "log_every": 5, "warmup_steps": 2, "learning_rate": 3e-3,
               "min_lr": 3e-4, "device": "cpu"}


@pytest.fixture(scope="module")
def parent(tmp_path_factory):
    """A tiny character GPT trained a few steps on the sample text (whose characters the toy set uses)."""
    run = make_prepared_run(tmp_path_factory.mktemp("runs"), tiny_config(max_steps=30, eval_every=30,
                                                                         checkpoint_every=30), name="parent")
    assert list(train(run))[-1].status == "finished"
    return run


def train_all(run, control=None):
    events = list(train(run, control or Control()))
    assert isinstance(events[-1], Finished) and events[-1].status in ("finished", "stopped"), events[-1].reason
    return events


def test_an_encoder_from_scratch_beats_the_majority_baseline(tmp_path):
    store = RunStore(tmp_path / "runs")
    base = tiny_config().with_changes(model={"block_size": 32, "n_layer": 1, "n_embd": 32})
    run = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), base=base,
                                  train=SMALL_TRAIN | {"max_steps": 60, "eval_every": 30}))
    assert run.read_config().model.arch == "encoder"
    evals = [e for e in train_all(run) if isinstance(e, EvalMetrics)]
    last = evals[-1].extra
    assert last["majority"] == pytest.approx(2 / 3, abs=0.05)
    assert last["accuracy"] >= 0.95 > last["majority"] and last["macro_f1"] >= 0.9
    # the evaluation files: a confusion matrix over the labels and every validation example
    ev = read_evaluation(evaluations(run.path)[-1])
    assert ev["labels"] == ["calm", "grim"] and np.sum(ev["confusion"]) == len(ev["examples"])
    assert {"text", "label", "predicted", "probability", "right"} <= set(ev["examples"][0])
    # classify() on new texts; the run reloads as its kind
    preds = classify(run, ["die die famish all rather", "hear speak any before proceed"])
    assert [p.label for p in preds] == ["grim", "calm"] and all(p.probability > 0.5 for p in preds)
    assert isinstance(load_trained(run).model, EncoderClassifier)


@pytest.mark.parametrize("pooling", ["last", "mean"])
def test_a_frozen_body_is_bit_identical_after_training(tmp_path, parent, pooling):
    store = RunStore(tmp_path / "runs")
    layers = parent.read_config().model.n_layer
    run = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), parent=parent,
                                  model={"freeze_layers": layers, "pooling": pooling},
                                  train=SMALL_TRAIN | {"max_steps": 40, "eval_every": 40}))
    assert parent_of(run)["run"] == parent.id and parent_of(run)["task"] == "classify"
    assert load_prepared(run.data_dir).tokenizer().vocab_size == load_prepared(parent.data_dir).tokenizer().vocab_size
    train_all(run)
    trained = load_trained(run).model
    assert isinstance(trained, GPTClassifier)
    before = load_trained(parent).model.state_dict()
    for name, p in trained.body_parameters().items():
        assert torch.equal(p, before[name]), name
    assert not torch.equal(trained.classifier.weight, load_initial_weights(run)["classifier.weight"])


def test_a_fine_tuned_gpt_beats_the_majority_baseline(tmp_path, parent):
    store = RunStore(tmp_path / "runs")
    run = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), parent=parent,
                                  train=SMALL_TRAIN | {"max_steps": 60, "eval_every": 60}))
    assert run.read_config().model.arch == "gpt-classifier"
    last = [e for e in train_all(run) if isinstance(e, EvalMetrics)][-1].extra
    assert last["accuracy"] >= 0.9 > last["majority"]


def test_layers_above_k_train_and_those_below_stay(tmp_path, parent):
    store = RunStore(tmp_path / "runs")
    run = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), parent=parent,
                                  model={"freeze_layers": 1}, train=SMALL_TRAIN | {"max_steps": 5, "eval_every": 5}))
    train_all(run)
    after, before = load_trained(run).model.state_dict(), load_trained(parent).model.state_dict()
    assert torch.equal(after["blocks.0.attn.qkv.weight"], before["blocks.0.attn.qkv.weight"])
    assert torch.equal(after["tok_emb.weight"], before["tok_emb.weight"])
    assert not torch.equal(after["blocks.1.attn.qkv.weight"], before["blocks.1.attn.qkv.weight"])


def test_the_split_is_stratified():
    labels = ["a"] * 80 + ["b"] * 20
    train_idx, val_idx = stratified_split(labels, 0.1, seed=3)
    held = [labels[i] for i in val_idx]
    assert held.count("a") == 8 and held.count("b") == 2
    assert sorted(train_idx + val_idx) == list(range(100))
    assert stratified_split(labels, 0.1, seed=3) == (train_idx, val_idx)  # the same seed, the same split
    groups = [f"g{i // 10}" for i in range(100)]  # ten groups of ten
    _, val_g = stratified_split(labels, 0.25, seed=3, groups=groups)
    assert {groups[i] for i in val_g}.isdisjoint({groups[i] for i in range(100) if i not in set(val_g)})


def test_the_split_is_stable_across_resume(tmp_path):
    store = RunStore(tmp_path / "runs")
    base = tiny_config().with_changes(model={"block_size": 32, "n_layer": 1, "n_embd": 32})
    run = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), base=base,
                                  train=SMALL_TRAIN | {"max_steps": 20, "eval_every": 5, "checkpoint_every": 5}))
    split = (run.data_dir / "split.json").read_bytes()
    control = Control()
    for ev in train(run, control):
        if isinstance(ev, StepMetrics) and ev.step >= 5:
            control.stop()
    assert run.read_status()["status"] == "stopped"
    first = read_evaluation(evaluations(run.path)[0])
    train_all(run)  # resumes from its checkpoint
    assert (run.data_dir / "split.json").read_bytes() == split
    last = read_evaluation(evaluations(run.path)[-1])
    assert last["step"] == 20 and [e["text"] for e in last["examples"]] == [e["text"] for e in first["examples"]]
    held = json.loads(split)["val"]
    assert len(held) == len(first["examples"]) and sum(e["label"] == "grim" for e in first["examples"]) >= 1


def test_metrics_by_hand():
    m = confusion(np.array([0, 0, 1]), np.array([0, 1, 1]), 2)
    assert m.tolist() == [[1, 1], [0, 1]] and macro_f1(m) == pytest.approx(2 / 3)
    # always answering the commoner label: F1 6/7 for it, 0 for the other
    assert macro_f1(confusion(np.array([0, 0, 0, 1]), np.array([0, 0, 0, 0]), 2)) == pytest.approx(3 / 7)


def test_the_embedded_default_is_genres_with_whole_plays_held_out(tmp_path):
    store = RunStore(tmp_path / "runs")
    base = tiny_config().with_changes(model={"block_size": 64, "n_layer": 1, "n_embd": 32})
    run = drain(create_classifier(store, LabelSource(), base=base, train={"max_steps": 1}))
    data = load_prepared(run.data_dir)
    assert isinstance(data, LabelledData) and data.labels == ["comedy", "history", "tragedy"]
    split = json.loads((run.data_dir / "split.json").read_text(encoding="utf-8"))
    plays = lambda where: {w.split(",")[0] for w in where}  # noqa: E731
    assert split["by"] == "groups" and plays(split["train"]).isdisjoint(plays(split["val"]))
    assert len(plays(split["train"]) | plays(split["val"])) == 38
    meta = json.loads((run.data_dir / "meta.json").read_text(encoding="utf-8"))
    assert all(n > 0 for n in meta["counts"]["val"].values())  # every genre is validated


def test_classifier_settings_are_checked():
    errs = validate(tiny_config().with_changes(model={"arch": "gpt-classifier", "n_classes": 1, "pooling": "max",
                                                      "freeze_layers": 9}))
    assert {e.field for e in errs} == {"n_classes", "pooling", "freeze_layers"}
    assert GPTClassifier(ModelConfig(vocab_size=5, n_layer=1, n_head=1, n_embd=8, block_size=4, n_classes=2,
                                     arch="gpt-classifier")).classifier.out_features == 2
