"""The Attention controller alone (no widget): a real tiny trained run, real maps, real snapshots."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lmlab.core import engine
from lmlab.core.loading import ModelCache
from lmlab.core.runs import RunStore
from lmlab.ui.controllers.attention import AttentionController
from lmlab.ui.jobs import running_workers
from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One real run, trained once per module (checkpoints and attention snapshots at steps 10 and 20)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        cfg = tiny_config(max_steps=20, checkpoint_every=10, eval_every=10)
        run = make_prepared_run(tmp_path_factory.mktemp("runs"), cfg, text=SAMPLE_TEXT * 40, name="english")
        for _ev in engine.train(run):
            pass
    finally:
        torch.set_num_threads(threads)
    return run


@pytest.fixture
def controller(qtbot, trained):
    c = AttentionController(RunStore(trained.path.parent), ModelCache())
    yield c
    c.shutdown()
    qtbot.waitUntil(lambda: not running_workers(), timeout=WAIT_MS)


def test_choosing_a_run_and_computing_gives_every_layers_maps_and_the_head_scores(controller, qtbot, trained):
    stages = []
    controller.progress.connect(stages.append)
    with qtbot.waitSignal(controller.runChanged) as changed:
        controller.set_run(str(trained.path))
    assert changed.args == [str(trained.path)]
    with qtbot.waitSignal(controller.computed, timeout=WAIT_MS) as computed:
        assert controller.compute()
    r = computed.args[0]
    assert r is controller.result and r.request.run_path == str(trained.path) and r.request.text is None
    cfg = trained.read_config().model
    T = len(r.ids)
    assert r.maps.shape == (cfg.n_layer, cfg.n_head, T, T) and T == min(controller.length, cfg.block_size)
    np.testing.assert_allclose(r.maps.sum(-1), 1.0, atol=1e-4)  # each query's weights sum to 1
    assert np.all(np.triu(r.maps, k=1) == 0)  # causal: nothing above the diagonal
    assert set(r.scores) == {"previous_token", "first_token", "induction"}
    assert r.step == trained.latest_checkpoint().step
    assert stages[0] == "Loading the model…" and "Computing attention…" in stages
    assert controller.text == r.text  # the validation slice's text, for the view to show


def test_typed_text_and_a_newer_request_supersede_the_older_ones(controller, qtbot, trained):
    controller.set_run(str(trained.path))
    shown = []
    controller.computed.connect(shown.append)
    for text in ("First", "First Citizen", "All:\nSpeak."):
        controller.set_text(text)
        controller.compute()
    qtbot.waitUntil(lambda: not controller.busy and bool(shown), timeout=WAIT_MS)
    assert [r.request.text for r in shown] == ["All:\nSpeak."]
    assert len(shown[0].ids) == len("All:\nSpeak.")  # characters: one token each


def test_the_history_holds_the_snapshots_of_every_evaluation(controller, qtbot, trained):
    controller.set_run(str(trained.path))
    with qtbot.waitSignal(controller.history_loaded, timeout=WAIT_MS) as loaded:
        controller.reload_history()
    h = loaded.args[0]
    assert h is controller.history and h.message == ""
    assert h.steps.tolist() == [10, 20]
    assert h.maps[0].shape[-1] == len(h.pieces)


def test_a_run_without_a_checkpoint_fails_with_a_sentence(controller, qtbot, tmp_path):
    fresh = RunStore(tmp_path / "other").create(tiny_config(), "fresh")
    controller.set_run(str(fresh.path))
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as failed:
        controller.compute()
    assert "no checkpoint" in failed.args[0] and controller.result is None
    with qtbot.waitSignal(controller.history_loaded, timeout=WAIT_MS) as loaded:
        controller.reload_history()
    assert "No attention snapshots yet" in loaded.args[0].message


def test_empty_typed_text_asks_for_one_and_computes_nothing(controller, qtbot, trained):
    controller.set_run(str(trained.path))
    controller.set_text("")
    with qtbot.waitSignal(controller.failed) as failed:
        assert not controller.compute()
    assert "Type a text" in failed.args[0] and not controller.busy
