"""Fine-tuning on conversations through the engine: the loss mask, a real tiny fine-tune that beats
its parent on held-out conversations, lineage, and replies that stop at the end of the turn."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lmlab.core.chat.conversations import Conversation, Turn
from lmlab.core.chat.data import grown_weights, write_chat_data
from lmlab.core.chat.reply import reply
from lmlab.core.chat.template import END, with_chat_tokens
from lmlab.core.config import ModelConfig, preset
from lmlab.core.dataset import Batches
from lmlab.core.derive import finetune_defaults
from lmlab.core.engine import Control, EvalMetrics, Finished
from lmlab.core.errors import CorpusError, LmlabError
from lmlab.core.events import FinetuneProgress, ReferenceLoss
from lmlab.core.generate import SamplingOptions
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.finetune import ChatSource, create_finetune
from lmlab.core.jobs.train import prepare_and_train
from lmlab.core.lineage import load_initial_weights, parent_of
from lmlab.core.loading import load_trained
from lmlab.core.model import GPT
from lmlab.core.runs import RunStore
from lmlab.core.tokenizers import CharTokenizer
from tests.conftest import make_prepared_run, tiny_config

QUESTIONS = ["hear me speak", "you are all resolved", "before we proceed", "speak, speak", "any further"]


def conversations(n: int) -> list[Conversation]:
    return [Conversation((Turn("user", QUESTIONS[i % len(QUESTIONS)] + "?" * (1 + i % 3)),
                          Turn("assistant", "Resolved.")), "mem", i + 1) for i in range(n)]


def write_chat_file(path, n: int):
    path.write_text("".join(json.dumps(c.to_dict()) + "\n" for c in conversations(n)), encoding="utf-8")
    return path


def trained_parent(root, steps: int = 60, name: str = "parent"):
    """A tiny character-level run trained ``steps`` steps on the sample text: what fine-tunes start from."""
    run = make_prepared_run(root, tiny_config(max_steps=steps, eval_every=steps, checkpoint_every=steps), name=name)
    events = list(prepare_and_train(run, Control()))
    assert events[-1].status == "finished", events[-1].reason
    return run


@pytest.fixture(scope="module")
def parent(tmp_path_factory):
    return trained_parent(tmp_path_factory.mktemp("runs"))


# -- the mask ------------------------------------------------------------------------------------


def test_loss_ignores_user_tokens_and_sees_assistant_tokens(tmp_path):
    tok = with_chat_tokens(CharTokenizer.train(["".join(QUESTIONS) + "Resolved.?"]))
    data = write_chat_data(tmp_path, tok, conversations(8), conversations(2), block_size=40).data
    batches = data.batches("train", 40, 8, torch.device("cpu"))
    starts = batches.eval_starts(0, 0)
    torch.manual_seed(0)
    model = GPT(ModelConfig(n_layer=1, n_head=2, n_embd=16, block_size=40, vocab_size=tok.vocab_size)).eval()
    x, y = batches.at(starts)
    mask = np.fromfile(tmp_path / "train.mask.bin", dtype=np.uint8)
    with torch.no_grad():
        logits = model(x)[0]
        base = float(model(x, y)[1])

    def loss_with_targets_from(tokens: np.ndarray) -> float:  # the same inputs, the targets taken from ``tokens``
        targets = Batches(tokens, 40, 8, torch.device("cpu"), mask=mask, slot=41).at(starts)[1]
        return float(F.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1)))

    assert loss_with_targets_from(np.asarray(data.train_tokens())) == pytest.approx(base)
    mask = mask.astype(bool)
    user = np.isin(np.asarray(data.train_tokens()), tok.encode("".join(QUESTIONS))) & ~mask
    other = tok.encode("Z")[0] if "Z" in tok.chars else tok.unk_id
    replaced_user = np.where(user, other, data.train_tokens())
    assert user.sum() > 50
    assert loss_with_targets_from(replaced_user) == pytest.approx(base)  # user turns carry no loss
    replaced_assistant = np.where(mask, other, data.train_tokens())
    assert abs(loss_with_targets_from(replaced_assistant) - base) > 0.01  # assistant turns do


def test_new_token_rows_start_as_the_mean_of_the_existing_rows():
    w = {"tok_emb.weight": torch.arange(12.0).reshape(4, 3), "pos_emb.weight": torch.zeros(2, 3)}
    grown = grown_weights(w, 6)
    assert grown["tok_emb.weight"].shape == (6, 3)
    assert torch.equal(grown["tok_emb.weight"][:4], w["tok_emb.weight"])
    assert torch.allclose(grown["tok_emb.weight"][4:], torch.tensor([[4.5, 5.5, 6.5]] * 2))
    assert grown["pos_emb.weight"] is w["pos_emb.weight"]


def test_finetune_defaults_lower_the_rate_warm_up_briefly_and_count_epochs():
    t = preset("cpu").train
    d = finetune_defaults(t, 240, epochs=3)
    assert d["learning_rate"] == pytest.approx(t.learning_rate / 10)
    assert d["min_lr"] == pytest.approx(d["learning_rate"] / 10)
    assert d["max_steps"] == 3 * 20 and d["warmup_steps"] == 3 and d["checkpoint_every"] == 60


# -- a real fine-tune ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def finetuned(parent, tmp_path_factory):
    """(the fine-tune run, its setup events, its training events)."""
    store = RunStore(parent.path.parent)
    events = []
    data = write_chat_file(tmp_path_factory.mktemp("chat") / "c.jsonl", 60)
    run = drain(create_finetune(store, parent, ChatSource(str(data)),
                                train={"learning_rate": 3e-3, "max_steps": 120, "eval_every": 40}), events.append)
    return run, events, list(prepare_and_train(run, Control()))


def test_a_tiny_finetune_beats_its_parent_on_held_out_assistant_tokens_and_answers(parent, finetuned):
    run, events, trained = finetuned
    ref = next(e for e in events if isinstance(e, ReferenceLoss)).val_loss
    assert any(e.message.startswith("60 conversations; turns: 60 user, 60 assistant; tokens: ") for e in events
               if isinstance(e, FinetuneProgress))
    lineage = parent_of(run)
    assert lineage["run"] == parent.id and lineage["step"] == 60 and lineage["reference_val_loss"] == ref
    assert run.summary()["parent"] == "parent"
    start = load_initial_weights(run)["tok_emb.weight"]
    before = load_trained(parent).model.tok_emb.weight.detach()
    assert torch.equal(start[: before.shape[0]], before)  # it starts from the parent's checkpoint
    assert isinstance(trained[-1], Finished) and trained[-1].status == "finished"
    RunStore(parent.path.parent).rename(run, "renamed")  # rewriting the config keeps the lineage
    assert parent_of(run) == lineage and run.summary()["parent"] == "parent"
    evals = [e for e in trained if isinstance(e, EvalMetrics)]
    assert evals[-1].val_loss < ref, (evals[-1].val_loss, ref)
    tm = load_trained(run)
    gen = reply(tm.model, tm.tokenizer, [Turn("user", "hear me speak?")], SamplingOptions(greedy=True, max_new_tokens=30))
    ids = [t.id for t in gen]
    assert gen.finish_reason == "stop_sequence" and ids[-1] == tm.tokenizer.encode(END)[0]
    assert gen.text == "Resolved."


def test_a_conversation_longer_than_the_context_is_left_out_with_its_line(tmp_path):
    tok = with_chat_tokens(CharTokenizer.train(["".join(QUESTIONS) + "Resolved.?"]))
    long = Conversation((Turn("user", "hear me speak " * 10), Turn("assistant", "Resolved.")), "c.jsonl", 7)
    chat = write_chat_data(tmp_path, tok, [*conversations(4), long], conversations(2), block_size=40)
    assert chat.n_train == 4 and len(chat.left_out) == 1
    assert chat.left_out[0].startswith("c.jsonl, line 7: this conversation is ") and "the rest are used" in chat.left_out[0]
    with pytest.raises(CorpusError, match="No conversation fits the context of 40 tokens; nothing was used"):
        write_chat_data(tmp_path / "x", tok, [long], conversations(1), block_size=40)


def test_an_export_carries_the_chat_template_and_tokens(finetuned, tmp_path):
    from lmlab.core.chat.template import CHAT_TEMPLATE, render
    from lmlab.core.jobs.export import export_run

    run = finetuned[0]
    result = drain(export_run(run.path, tmp_path / "hf", None, "hf", "test"))
    config = json.loads((tmp_path / "hf" / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert config["chat_template"] == CHAT_TEMPLATE and config["eos_token"] == END
    assert result.max_abs_diff is None or result.max_abs_diff < 1e-3
    transformers = pytest.importorskip("transformers")
    hf_tok = transformers.AutoTokenizer.from_pretrained(str(tmp_path / "hf"))
    msgs = [{"role": "user", "content": "hear me speak?"}, {"role": "assistant", "content": "Resolved."}]
    text = hf_tok.apply_chat_template(msgs, tokenize=False)
    turns = [Turn(m["role"], m["content"]) for m in msgs]
    assert text == render(turns)
    assert hf_tok(text)["input_ids"] == load_trained(run).tokenizer.encode(text)


def test_a_run_that_is_not_a_language_model_cannot_be_fine_tuned_on_conversations(tmp_path):
    from lmlab.core.jobs.classify import LabelSource, create_classifier
    from tests.core.test_classify import toy_csv

    store = RunStore(tmp_path / "runs")
    base = tiny_config().with_changes(model={"block_size": 32, "n_layer": 1, "n_embd": 32})
    classifier = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), base=base))
    before = {p.name for p in store.root.iterdir()}
    with pytest.raises(LmlabError, match="not a language model .its kind is encoder.: only a GPT run"):
        drain(create_finetune(store, classifier, ChatSource()))
    assert {p.name for p in store.root.iterdir()} == before  # no half-made run is left behind
