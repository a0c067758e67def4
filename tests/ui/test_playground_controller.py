"""The Playground controller alone (no widget), and the model cache it shares with Attention."""

from __future__ import annotations

import pytest
import torch

from lmlab.core.generate import SamplingOptions
from lmlab.core.loading import ModelCache
from lmlab.core.runs import RunStore
from lmlab.ui.controllers.attention import AttentionController
from lmlab.ui.controllers.playground import PlaygroundController
from lmlab.ui.jobs import running_workers
from tests.ui.test_attention_controller import WAIT_MS, trained  # noqa: F401 - the same real trained run


@pytest.fixture
def cache():
    return ModelCache()


@pytest.fixture
def controller(qtbot, trained, cache):
    c = PlaygroundController(RunStore(trained.path.parent), cache)
    yield c
    c.shutdown()
    qtbot.waitUntil(lambda: not running_workers(), timeout=WAIT_MS)


def source(run) -> tuple[str, int]:
    return str(run.path), run.latest_checkpoint().step


def test_runs_lists_runs_with_their_checkpoints(controller, trained):
    assert controller.runs() == [(str(trained.path), "english", [10, 20])]


def test_generate_loads_the_model_then_streams_tokens_into_a_branch(controller, qtbot, trained):
    streamed, busy = [], []
    controller.tokensAdded.connect(lambda pane, i, toks: streamed.append((pane, i, len(toks))))
    controller.busyChanged.connect(lambda pane, on: busy.append((pane, on)))
    src = source(trained)
    assert controller.model(src) is None  # nothing loaded yet
    with qtbot.waitSignal(controller.generationFinished, timeout=WAIT_MS) as finished:
        assert controller.generate("primary", src, "english · step 20", "All:", SamplingOptions(max_new_tokens=8,
                                                                                                  seed=1))
        assert controller.busy("primary")
    assert finished.args == ["primary"]
    tree = controller.tree("primary")
    assert len(tree) == 1 and len(tree[0].tokens) == 8 and tree[0].finish_reason == "max_tokens"
    assert [t.index for t in tree[0].tokens] == list(range(8)) and tree[0].seed == 1
    assert sum(n for _p, _i, n in streamed) == 8 and {p for p, _i, _n in streamed} == {"primary"}
    assert busy[0] == ("primary", True) and busy[-1] == ("primary", False) and not controller.busy("primary")
    assert controller.model(src) is tree[0].model  # loaded once, kept in the cache
    assert len(controller.tree("compare")) == 0


def test_fork_continues_from_a_chosen_token_and_keeps_the_parent(controller, qtbot, trained):
    opts = SamplingOptions(max_new_tokens=6, seed=2)
    with qtbot.waitSignal(controller.generationFinished, timeout=WAIT_MS):
        controller.generate("primary", source(trained), "x", "All:", opts)
    parent = controller.tree("primary")[0]
    k = 2
    alt = next(a for a, _s, _q in parent.tokens[k].alternatives if a != parent.tokens[k].id)
    with qtbot.waitSignal(controller.generationFinished, timeout=WAIT_MS):
        assert controller.fork("primary", 0, k, alt, opts)
    tree = controller.tree("primary")
    child = tree[1]
    assert child.parent == 0 and child.fork_index == k and child.forced == {k}
    assert [t.id for t in child.tokens[:k]] == [t.id for t in parent.tokens[:k]] and child.tokens[k].id == alt
    assert len(child.tokens) == k + 1 + 6 and len(parent.tokens) == 6  # the parent is unchanged


def test_stop_ends_a_long_generation(controller, qtbot, trained):
    controller.generate("primary", source(trained), "x", "All:", SamplingOptions(max_new_tokens=1_000_000, seed=3))
    qtbot.waitUntil(lambda: len(controller.tree("primary")) == 1 and len(controller.tree("primary")[0].tokens) >= 3,
                    timeout=WAIT_MS)
    with qtbot.waitSignal(controller.generationFinished, timeout=WAIT_MS):
        controller.stop("primary")
    b = controller.tree("primary")[0]
    assert b.finish_reason == "stopped" and len(b.tokens) < 1_000_000


def test_logits_after_a_context_arrive_with_their_payload(controller, qtbot, trained, cache):
    tm = cache.get(*source(trained))
    ids = tm.tokenizer.encode("All:")
    with qtbot.waitSignal(controller.logitsReady, timeout=WAIT_MS) as ready:
        controller.request_logits(tm, ids, "first")
        controller.request_logits(tm, ids, "newest")  # supersedes the first: only this one answers
    payload, logits = ready.args
    assert payload == "newest"
    assert logits.shape == (tm.tokenizer.vocab_size,) and logits.dtype == torch.float64


def test_a_missing_checkpoint_says_so(controller, qtbot, trained):
    failed = []
    controller.modelFailed.connect(lambda path, step, msg: failed.append(msg))
    with qtbot.waitSignal(controller.busyChanged, timeout=WAIT_MS, check_params_cb=lambda pane, on: not on):
        assert controller.generate("primary", (str(trained.path), 999), "x", "All:", SamplingOptions())
    assert failed and "no checkpoint at step 999" in failed[0]
    assert not controller.busy("primary") and len(controller.tree("primary")) == 0


def test_attention_and_playground_on_one_cache_load_a_checkpoint_once(qtbot, trained, cache, controller):
    attention = AttentionController(RunStore(trained.path.parent), cache)
    try:
        attention.set_run(str(trained.path))
        with qtbot.waitSignals([attention.computed, controller.generationFinished], timeout=WAIT_MS):
            attention.compute()  # both at once: the second waits for the first's load
            controller.generate("primary", source(trained), "x", "All:", SamplingOptions(max_new_tokens=4, seed=1))
        assert cache.loads == 1
        assert controller.tree("primary")[0].model is cache.peek(*source(trained))
    finally:
        attention.shutdown()


def test_the_prompt_history_is_kept_in_the_settings_newest_first(trained, cache, tmp_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "lmlab.ini"), QSettings.Format.IniFormat)
    first = PlaygroundController(RunStore(trained.path.parent), cache, settings)
    for prompt in ("All:", "ROMEO:\n", "   ", "All:"):
        first.remember(prompt)
    assert first.history() == ["All:", "ROMEO:\n"]  # blank prompts are not kept; a repeat moves first
    assert PlaygroundController(RunStore(trained.path.parent), cache, settings).history() == ["All:", "ROMEO:\n"]
