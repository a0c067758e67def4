"""Masked-language-model pretraining of the encoder ("encoder-mlm") on plain text through the engine,
then a classifier that starts from its body."""

from __future__ import annotations

import math

import pytest
import torch

from lmlab.core.classify.models import EncoderClassifier, MaskedLM
from lmlab.core.config import ModelConfig
from lmlab.core.engine import EvalMetrics, train
from lmlab.core.errors import LmlabError
from lmlab.core.jobs.classify import LabelSource, create_classifier
from lmlab.core.jobs.drive import drain
from lmlab.core.lineage import load_initial_weights, parent_of
from lmlab.core.loading import load_trained
from lmlab.core.runs import RunStore
from tests.conftest import make_prepared_run, tiny_config
from tests.core.test_classify import SMALL_TRAIN, toy_csv


@pytest.fixture(scope="module")
def mlm_run(tmp_path_factory):
    cfg = tiny_config(max_steps=60, eval_every=30, checkpoint_every=60).with_changes(model={"arch": "encoder-mlm"})
    run = make_prepared_run(tmp_path_factory.mktemp("runs"), cfg, name="mlm")
    events = list(train(run))
    assert events[-1].status == "finished", events[-1].reason
    run.evals = [e for e in events if isinstance(e, EvalMetrics)]
    return run


def test_masked_pretraining_learns_to_fill_in(mlm_run):
    vocab = load_trained(mlm_run).config.model.vocab_size
    first, last = mlm_run.evals[0].val_loss, mlm_run.evals[-1].val_loss
    assert last < first < math.log(vocab) + 0.5  # below guessing among the characters, and falling
    assert isinstance(load_trained(mlm_run).model, MaskedLM)


def test_the_classifier_body_is_the_masked_lm_body():
    cfg = ModelConfig(vocab_size=7, n_layer=2, n_head=2, n_embd=8, block_size=6, n_classes=3)
    body = set(MaskedLM(cfg).state_dict()) - {"mask"}
    assert body == set(EncoderClassifier(cfg).state_dict()) - {"classifier.weight", "classifier.bias"}


def test_a_classifier_from_a_masked_lm_run_keeps_a_frozen_body(mlm_run, tmp_path):
    store = RunStore(tmp_path / "runs")
    run = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), parent=mlm_run,
                                  model={"freeze_layers": 2}, train=SMALL_TRAIN | {"max_steps": 30, "eval_every": 30}))
    assert run.read_config().model.arch == "encoder" and parent_of(run)["run"] == mlm_run.id
    start = load_initial_weights(run)
    pretrained = load_trained(mlm_run).model.state_dict()
    assert all(torch.equal(start[k], pretrained[k]) for k in start if not k.startswith("classifier."))
    assert list(train(run))[-1].status == "finished"
    trained = load_trained(run).model
    for name, p in trained.body_parameters().items():
        assert torch.equal(p, pretrained[name]), name


def test_a_classifier_cannot_start_from_a_classifier(tmp_path, mlm_run):
    store = RunStore(tmp_path / "runs")
    data = LabelSource(str(toy_csv(tmp_path / "toy.csv")))
    clf = drain(create_classifier(store, data, parent=mlm_run, train={"max_steps": 1}))
    with pytest.raises(LmlabError, match=r"\(kind encoder\) cannot be the start of a classifier"):
        drain(create_classifier(store, data, parent=clf))
