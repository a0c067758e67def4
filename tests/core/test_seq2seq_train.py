"""A translation run end to end through the one engine: it learns (exact match far above chance), it
resumes exactly, the queue's path prepares it, and the jobs translate and show its attention."""

from __future__ import annotations

import pytest

from lmlab.core.config import ModelConfig, RunConfig, TrainConfig
from lmlab.core.engine import Control, EvalMetrics, Finished, Started, StepMetrics, train
from lmlab.core.errors import LmlabError
from lmlab.core.events import event_from_dict
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.train import prepare_and_train
from lmlab.core.jobs.translate import attention_maps, new_translation_run, translate
from lmlab.core.loading import load_trained
from lmlab.core.runs import RunStore
from lmlab.core.seq2seq.data import ParallelData
from lmlab.core.seq2seq.evaluate import read_translations, translation_scores
from lmlab.core.seq2seq.events import TranslatedToken
from lmlab.core.seq2seq.model import EncoderDecoder
from lmlab.core.seq2seq.snapshots import load_seq2seq_snapshots
from lmlab.core.seq2seq.tasks import chinese_numeral

TASK = "task:zh->digits:2000"


def config(steps: int, eval_every: int, **train) -> RunConfig:
    return RunConfig(
        model=ModelConfig(n_layer=1, n_head=2, n_embd=48, block_size=12),
        train=TrainConfig(**{**dict(batch_size=32, max_steps=steps, eval_every=eval_every, log_every=10,
                                    learning_rate=3e-3, min_lr=3e-4, warmup_steps=10, weight_decay=0.0, eval_batches=2,
                                    checkpoint_every=1000, device="cpu"), **train}),
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    run, data = drain(new_translation_run(RunStore(root), config(150, 50), TASK, "zh-digits"))
    events = list(train(run))
    return run, data, events


def test_a_tiny_translator_learns_far_above_chance(trained):
    run, data, events = trained
    assert isinstance(data, ParallelData) and run.read_config().model.arch == "encdec"
    assert isinstance(events[0], Started) and events[-1].status == "finished", events[-1].reason
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert [e.step for e in evals] == [50, 100, 150]
    assert evals[0].extra["exact"] < 0.2 and evals[-1].extra["exact"] > 0.6  # chance: ~1 in 100,000
    assert evals[-1].extra["chrf"] > evals[0].extra["chrf"] and evals[-1].val_loss < evals[0].val_loss
    # the scores reach metrics.jsonl; the decoded sample and the probe's attention are in the run folder
    assert [event_from_dict(r) for r in run.read_metrics() if r["type"] == "eval"] == evals
    lines = read_translations(run.path)
    assert [r["step"] for r in lines] == [50, 100, 150] and len(lines[-1]["items"]) == 200
    assert lines[-1]["exact"] == evals[-1].extra["exact"]
    item = lines[-1]["items"][0]
    assert set(item) == {"source", "reference", "output"} and chinese_numeral(int(item["reference"])) == item["source"]
    snaps = load_seq2seq_snapshots(run.path)
    assert [s.step for s in snaps] == [50, 100, 150]
    S, T = len(snaps[0].source_tokens), len(snaps[0].target_tokens)
    assert snaps[0].target_tokens[0] == "<s>" and snaps[-1].cross.shape == (1, 2, T, S)
    assert snaps[-1].encoder.shape == (1, 2, S, S) and snaps[-1].decoder.shape == (1, 2, T, T)


def test_translate_streams_tokens_greedy_and_beam(trained):
    run, data, _ = trained
    source, reference = data.val_sample()[0]
    tokens = []
    result = drain(translate(run.path, source), lambda ev: tokens.append(ev) if isinstance(ev, TranslatedToken) else 0)
    assert result.text == "".join(t.piece for t in tokens) and result.step == 150 and result.finished
    assert all(0 < t.prob <= 1 for t in tokens)
    beam1 = drain(translate(run.path, source, beam=1))
    assert beam1.text == result.text
    assert drain(translate(run.path, source, beam=4)).text.isdigit()
    maps = drain(attention_maps(run.path, source))
    assert "".join(maps.source_tokens) == source and maps.target_tokens == ["<s>", *result.text]
    assert maps.cross.shape == (1, 2, len(result.text) + 1, len(source))
    with pytest.raises(LmlabError, match="empty"):
        drain(translate(run.path, "  "))
    with pytest.raises(LmlabError, match="never seen 'xyz'"):
        drain(translate(run.path, "xyz"))


@pytest.mark.parametrize("data", [{}, {"shared_vocab": False, "tokenizer": "bpe", "vocab_size": 300}],
                         ids=["shared-char", "separate-bpe"])
def test_the_queue_path_prepares_and_trains_a_translation_run(tmp_path, data):
    cfg = config(6, 3).with_changes(model={"arch": "encdec"}, corpus=[TASK], data=data)
    run = RunStore(tmp_path).create(cfg, "queued")
    events = list(prepare_and_train(run, Control()))
    assert isinstance(events[-1], Finished) and events[-1].status == "finished", events[-1].reason
    prepared = next(e for e in events if isinstance(e, ParallelData))
    assert prepared.meta["vocabulary"] == ("separate" if data else "shared")
    tm = load_trained(run)
    assert isinstance(tm.model, EncoderDecoder) and tm.step == 6
    out = drain(translate(run.path, "三百"))  # untrained: any digits, but through both tokenizers
    assert out.step == 6 and len(out.tokens) <= 12


def test_a_bad_source_fails_the_queued_run_with_its_sentence(tmp_path):
    bad = tmp_path / "pairs.tsv"
    bad.write_text("one\tun\ntwo deux\n", encoding="utf-8")
    run = RunStore(tmp_path / "runs").create(config(6, 3).with_changes(model={"arch": "encdec"}, corpus=[str(bad)]), "b")
    events = list(prepare_and_train(run, Control()))
    assert events[-1].status == "failed" and events[-1].reason == f"{bad}, line 2: expected source<TAB>target, found no tab."


@pytest.mark.parametrize("dropout", [0.0, 0.1])
def test_stop_and_resume_gives_the_same_losses(tmp_path, dropout):
    cfg = config(24, 12, log_every=1).with_changes(model={"dropout": dropout})

    def prepared(name):
        return drain(new_translation_run(RunStore(tmp_path / name), cfg, "task:zh->digits:300", name))[0]

    expected = {e.step: e.loss for e in train(prepared("a")) if isinstance(e, StepMetrics)}
    split = prepared("b")
    control = Control()
    first = []
    for ev in train(split, control):
        first.append(ev)
        if isinstance(ev, StepMetrics) and ev.step == 9:
            control.stop()
    assert first[-1].status == "stopped" and split.latest_checkpoint().step == 9
    second = list(train(split))
    assert isinstance(second[0], Started) and second[0].start_step == 9
    got = {e.step: e.loss for e in first + second if isinstance(e, StepMetrics)}
    assert got == expected and len(got) == 24  # bit-identical on the CPU
    assert [r["step"] for r in read_translations(split.path)] == [12, 24]


def test_scores_of_known_translations():
    assert translation_scores(["一百零一", "十"], ["一百零一", "十"]) == pytest.approx({"bleu": 100.0, "chrf": 100.0, "exact": 1.0})
    s = translation_scores(["12345", "2021-03-04"], ["12345", "2021-03-03"])
    assert s["exact"] == 0.5 and 0 < s["bleu"] < 100 and 0 < s["chrf"] < 100


def test_translating_with_a_language_model_run_is_a_sentence(tmp_path):
    from tests.conftest import make_prepared_run, tiny_config

    gpt = make_prepared_run(tmp_path, tiny_config(max_steps=2, eval_every=2, checkpoint_every=2))
    list(train(gpt))
    with pytest.raises(LmlabError, match=r"is a gpt model, not a translator; choose an encoder-decoder run\."):
        drain(translate(gpt.path, "hello"))
