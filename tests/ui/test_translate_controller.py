"""The translation controllers without widgets: parallel data checks, translating, attention maps."""

from __future__ import annotations

import pytest

from lmlab.core.config import preset
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.train import prepare_and_train
from lmlab.core.engine import Control
from lmlab.core.loading import ModelCache
from lmlab.core.runs import RunStore
from lmlab.ui.controllers.parallel import ParallelDataController
from lmlab.ui.controllers.translate import PairAttentionController, TranslateController, translator_runs


@pytest.fixture(scope="module")
def translator(tmp_path_factory):
    """A tiny digits -> Chinese numerals run, trained for a few steps: two evaluations, a checkpoint at the
    end and one kept at the first evaluation (the best so far, core.guards.overfit)."""
    store = RunStore(tmp_path_factory.mktemp("runs"))
    cfg = preset("tiny").with_changes(
        corpus=["task:digits->zh:400"], model={"arch": "encdec", "n_embd": 32, "block_size": 32},
        train={"max_steps": 16, "eval_every": 8, "batch_size": 8, "log_every": 4, "threads": 1, "warmup_steps": 2})
    run = store.create(cfg, "numerals")
    drain(prepare_and_train(run, Control()))
    return store, run


def test_a_task_is_tokenised_as_the_run_will_be_and_follows_the_configuration(qtbot):
    data = ParallelDataController()
    cfg = preset("tiny").with_changes(model={"arch": "encdec", "block_size": 64})
    data.set_config(cfg)
    with qtbot.waitSignal(data.stateChanged, check_params_cb=lambda st: st.ready, timeout=30_000):
        data.use_task("en->digits", 200)
    st = data.state
    assert st.source == ("task:en->digits:200",) and st.direction == "en->digits"
    assert (st.pairs("train"), st.pairs("val")) == (180, 20)
    train = st.scan.stats["train"]
    assert train["source"]["p50"] > train["target"]["p50"]  # words are longer than digits, in characters too
    assert st.scan.preview[0][1].isdigit() and st.scan.shared
    with qtbot.waitSignal(data.stateChanged, check_params_cb=lambda st: st.ready, timeout=30_000):
        data.set_config(cfg.with_changes(data={"shared_vocab": False}))  # the same pairs, one tokenizer per side
    assert not data.state.scan.shared and data.state.scan.vocab_size > st.scan.vocab_size
    with qtbot.waitSignal(data.stateChanged, check_params_cb=lambda st: not st.checking, timeout=30_000):
        data.set_config(cfg.with_changes(model={"block_size": 16}))  # "seventy-seven thousand ..." no longer fits
    assert not data.state.ready and "more than the 16 the context allows" in data.state.error
    data.shutdown()


@pytest.mark.parametrize("files, expected", [
    ({"p.tsv": "1\tone\n2 two\n"}, "p.tsv, line 2: expected source<TAB>target, found no tab."),
    ({"p.jsonl": '{"source": "1", "target": "one"}\n{"source": "2"}\n'}, "p.jsonl, line 2"),
    ({"a.txt": "1\n2\n3\n", "b.txt": "one\ntwo\n"}, "b.txt has 2, line 3 has no partner"),
    ({"p.tsv": "1\tone\n2\t \n"}, "p.tsv, line 2: the target side is empty."),
])
def test_bad_parallel_files_end_in_one_sentence_naming_file_and_line(tmp_path, qtbot, files, expected):
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    data = ParallelDataController()
    with qtbot.waitSignal(data.stateChanged, check_params_cb=lambda st: not st.checking, timeout=30_000):
        data.open_files(paths)
    assert not data.state.ready and expected in data.state.error and "\n" not in data.state.error
    data.shutdown()


def test_translate_streams_tokens_and_beam_search_returns_the_best(translator, qtbot):
    store, run = translator
    assert translator_runs(store) == [(str(run.path), run.name, [8, 16])]
    tr = TranslateController(store, ModelCache())
    failures = []
    tr.failed.connect(failures.append)
    streamed = []
    tr.tokensAdded.connect(streamed.extend)
    assert not tr.translate("123")  # no run chosen: a sentence says what to do
    assert "encoder-decoder" in failures.pop()
    tr.set_run(str(run.path))
    with qtbot.waitSignal(tr.translated, timeout=60_000) as done:
        assert tr.translate("123")
    greedy = done.args[0]
    assert streamed == list(greedy.tokens) == tr.tokens and greedy.step == 16 and not tr.busy
    with qtbot.waitSignal(tr.translated, timeout=60_000) as done:
        tr.translate("123", beam=3)
    assert done.args[0].beam == 3
    with qtbot.waitSignal(tr.failed, timeout=60_000) as failed:
        tr.translate("abc")  # letters the model never saw
    assert "never seen" in failed.args[0] and failures == [failed.args[0]]  # one sentence, nothing before it
    with qtbot.waitSignal(tr.stopped, timeout=5_000):
        tr.translate("123")
        tr.stop()  # Stop: nothing more of that translation arrives
    assert not tr.busy
    with qtbot.assertNotEmitted(tr.translated, wait=500):
        pass
    tr.shutdown()


def test_pair_attention_of_a_typed_sentence_and_the_recorded_probe(translator, qtbot):
    store, run = translator
    att = PairAttentionController(store, ModelCache())
    att.set_run(str(run.path))
    with qtbot.waitSignal(att.history_loaded, timeout=60_000) as loaded:
        att.reload_history()
    assert [m.step for m in loaded.args[0]] == [8, 16]
    with qtbot.waitSignal(att.computed, timeout=60_000) as computed:
        assert att.compute("407")
    maps = computed.args[0]
    L, H, T, S = maps.cross.shape
    assert maps.source_tokens == ["4", "0", "7"] and S == 3 and T == len(maps.target_tokens)
    assert maps.target_tokens[0] == "<s>" and maps.encoder.shape == (L, H, 3, 3)
    assert not att.compute("  ")  # nothing to compute
    att.shutdown()
