"""The Inside area: its controller on a real run, and its views filling while a tiny run trains in the window."""

from __future__ import annotations

import pytest

from lmlab.core.engine import InstrumentsRecorded, Started, train
from lmlab.core.instruments.timeline import load_prompts
from lmlab.core.loading import ModelCache
from lmlab.ui.controllers.instruments import InstrumentsController
from lmlab.ui.panels.instruments import InsidePanel
from tests.conftest import make_prepared_run, tiny_config
from tests.ui.conftest import quick_config

WAIT_MS = 60_000


@pytest.fixture
def trained_run(tmp_path):
    run = make_prepared_run(tmp_path / "runs", tiny_config(max_steps=20, eval_every=10, checkpoint_every=10))
    events = list(train(run))
    assert events[-1].status == "finished"
    return run


def test_controller_reads_the_runs_instruments_and_follows_its_evaluations(trained_run, qtbot, tmp_path):
    c = InstrumentsController(ModelCache())
    with qtbot.waitSignal(c.loaded, timeout=WAIT_MS) as got:
        c.set_run(str(trained_run.path))
    result = got.args[0]
    assert [r.step for r in result.records] == [10, 20] and [e.step for e in result.timeline] == [10, 20]
    assert result.val_loss[20] == pytest.approx(result.timeline[-1].val_loss)
    # another run's training events do not reload this one; this run's evaluations do
    c.training_event(Started(str(tmp_path / "other"), 0, 10, "cpu", "cpu", "fp32", 1, 1, 1))
    before = c.reloads
    c.training_event(InstrumentsRecorded(30, 1.0, 1.0, ("a",)))
    assert c.reloads == before
    c.training_event(Started(str(trained_run.path), 20, 40, "cpu", "cpu", "fp32", 1, 1, 1))
    with qtbot.waitSignal(c.loaded, timeout=WAIT_MS):
        c.training_event(InstrumentsRecorded(30, 1.0, 1.0, ("a",)))
    assert c.reloads == before + 1
    # a typed text is scored at the latest checkpoint; prompts are stored with the run
    with qtbot.waitSignal(c.textScored, timeout=WAIT_MS) as scored:
        assert c.score_text("All: Speak, speak.")
    assert scored.args[0].step == 20 and len(scored.args[0].losses.losses) == len("All: Speak, speak.") - 1
    with qtbot.waitSignal(c.hardestFound, timeout=WAIT_MS) as hard:
        assert c.find_hardest()
    assert hard.args[0].tokens and hard.args[0].tokens[0].mean_loss >= hard.args[0].tokens[-1].mean_loss
    with qtbot.waitSignal(c.loaded, timeout=WAIT_MS):
        c.set_prompts(["Speak", "  ", "All:\n"])
    assert load_prompts(trained_run.path) == ("Speak", "All:\n")
    c.shutdown()


def test_views_show_tokens_lens_and_timeline_with_hover_and_diff(trained_run, qtbot):
    c = InstrumentsController(ModelCache())
    panel = InsidePanel(c)
    qtbot.addWidget(panel)
    panel.resize(1100, 600)
    panel.show()
    with qtbot.waitSignal(c.loaded, timeout=WAIT_MS):
        c.set_run(str(trained_run.path))
    rec = c.result.records[-1]
    pt = panel.per_token
    assert len(pt.strip.cells) == len(rec.losses.ids)
    assert pt.mean_loss() == pytest.approx(rec.losses.mean)
    assert "loss" in pt.strip.cells[1].tip and "likeliest" in pt.strip.cells[1].tip
    pt.compare.setChecked(True)
    assert "improved" in pt.summary.text() and "change since" in pt.strip.cells[1].tip
    assert len(panel.lens.grid.rows) == trained_run.read_config().model.n_layer + 1
    assert len(panel.lens.grid.columns) == len(rec.lens.ids)
    panel.timeline.steps.set_index(0)
    assert panel.timeline.shown_samples() == c.result.timeline[0].samples
    assert "validation loss" in panel.timeline.loss.text()
    c.shutdown()


def test_inside_tab_fills_while_a_run_trains_in_the_window(make_window, qtbot):
    # long enough that the run, in its own process and followed twice a second, is seen at several evaluations
    window = make_window(config=quick_config(max_steps=800, eval_every=100), extra_panels=True)
    panel = window.panel("Inside")
    assert isinstance(panel, InsidePanel)
    tabs = window.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Inside"))
    seen = []  # what the views showed at each read, and whether training was still going

    def loaded(result):
        seen.append((len(result.records), window.session.training.busy, len(panel.per_token.strip.cells),
                     len(panel.lens.grid.rows), len(panel.timeline.shown_samples())))

    panel.controller.loaded.connect(loaded)
    window.session.start()
    qtbot.waitUntil(lambda: not window.session.training.busy, timeout=120_000)
    qtbot.waitUntil(lambda: seen and seen[-1][0] == 8 and not panel.controller.busy, timeout=WAIT_MS)
    live = [s for s in seen if s[1] and s[0] > 0]
    assert live, seen  # filled during training, not only after
    assert all(cells > 0 and rows > 0 and samples > 0 for _, _, cells, rows, samples in live)
    assert len({s[0] for s in live}) >= 2  # and updated at more than one evaluation
    window.session.shutdown()


def test_attention_history_is_read_again_at_each_evaluation_of_the_shown_run(trained_run, qtbot, tmp_path):
    from lmlab.core.engine import EvalMetrics
    from lmlab.core.runs import RunStore
    from lmlab.ui.controllers.attention import AttentionController

    c = AttentionController(RunStore(trained_run.path.parent), ModelCache())
    c.set_run(str(trained_run.path))
    with qtbot.waitSignal(c.history_loaded, timeout=WAIT_MS) as got:
        c.training_event(EvalMetrics(20, 0, 1.0, 1.0, 1.0))
    assert got.args[0].steps.tolist() == [10, 20]
    c.training_event(Started(str(tmp_path / "other"), 0, 10, "cpu", "cpu", "fp32", 1, 1, 1))
    with qtbot.assertNotEmitted(c.history_loaded, wait=300):
        c.training_event(EvalMetrics(30, 0, 1.0, 1.0, 1.0))  # another run's evaluation
    c.shutdown()


def test_training_plots_show_head_scores_and_a_marker_where_induction_appears(tmp_path, qtbot):
    import numpy as np

    from lmlab.core.attention_files import save_snapshot
    from lmlab.core.engine import EvalMetrics
    from lmlab.ui.panels.training_plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    best_induction = [0.05, 0.2, 0.45, 0.7]  # crosses 0.3 at the third evaluation, step 300
    for k, v in enumerate(best_induction):
        scores = {"previous_token": np.full((2, 2), 0.1, np.float32), "first_token": np.full((2, 2), 0.2, np.float32),
                  "induction": np.array([[0.0, 0.0], [v, 0.01]], np.float32)}
        save_snapshot(tmp_path, 100 * (k + 1), np.zeros((2, 2, 4, 4)), scores)
    plots.on_event(Started(str(tmp_path), 0, 400, "cpu", "cpu", "fp32", 1, 1, 10))
    for k in range(4):
        plots.on_event(EvalMetrics(100 * (k + 1), 1000 * (k + 1), 2.0, 2.0, float(k + 1)))
        if k == 1:
            assert plots.markers == {}  # not yet
    assert list(plots.markers) == ["induction"]
    marker, line = plots.markers["induction"]
    assert (marker.step, marker.layer, marker.head) == (300, 1, 0) and line.value() == 300
    assert len(plots.heads_plot.buffer("induction")) == 4
    plots.x_combo.setCurrentIndex(plots.x_combo.findData("tokens"))
    assert line.value() == 3000  # the marker follows the x axis
    plots.clear()
    assert plots.markers == {}


def test_training_plots_read_head_scores_and_layer_updates_of_a_run(trained_run, qtbot):
    from lmlab.ui.panels.training_plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.load_run(trained_run)
    assert len(plots.heads_plot.buffer("induction")) == 2  # the evaluations at 10 and 20
    assert [k for k in ("embed", "layer 1", "layer 2", "head") if len(plots.update_plot.buffer(k)) == 1] == [
        "embed", "layer 1", "layer 2", "head"]
    assert len(plots.update_plot.buffer("layer 1")) == 1  # at 20: the first evaluation has nothing to compare with
    assert [len(plots.layer_grad_plot.buffer(k)) for k in ("embed", "layer 1", "layer 2", "head")] == [2] * 4
    plots.show()
    plots.grad_view.setCurrentIndex(plots.grad_view.findData("updates"))
    assert plots.update_plot.isVisible() and not plots.grad_plot.isVisible()
    plots.grad_view.setCurrentIndex(plots.grad_view.findData("layers"))
    assert plots.layer_grad_plot.isVisible() and not plots.update_plot.isVisible()


def test_a_typed_text_is_scored_at_two_checkpoints_and_diffed(tmp_path, qtbot):
    run = make_prepared_run(tmp_path / "runs", tiny_config(max_steps=20, eval_every=10, checkpoint_every=10))
    list(train(run))
    c = InstrumentsController(ModelCache())
    panel = InsidePanel(c)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(c.loaded, timeout=WAIT_MS):
        c.set_run(str(run.path))
    pt = panel.per_token
    assert [pt.vs_combo.itemData(i) for i in range(pt.vs_combo.count())] == [None, 10, 20]
    pt.text.setText("All: Speak, speak.")
    pt.vs_combo.setCurrentIndex(1)
    with qtbot.waitSignal(c.textScored, timeout=WAIT_MS) as got:
        pt.score_button.click()
    t = got.args[0]
    assert (t.step, t.earlier_step) == (20, 10)
    assert "checkpoint 20 against step 10" in pt.summary.text()
    assert pt.mean_loss() == pytest.approx(t.losses.mean) and t.earlier.mean != t.losses.mean
    c.shutdown()


def test_every_inside_control_has_an_object_name_and_accessible_name(qtbot):
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox,
                                   QComboBox, QLineEdit, QPlainTextEdit, QTabWidget, QWidget)

    panel = InsidePanel(InstrumentsController(ModelCache()))
    qtbot.addWidget(panel)
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QPlainTextEdit, QLineEdit,
             QAbstractItemView, QTabWidget)
    controls = [w for w in panel.findChildren(QWidget) if isinstance(w, kinds) and w.window() is panel
                and not isinstance(w.parent(), (QAbstractItemView, QAbstractSlider, QComboBox))
                and not type(w).__name__.startswith(("QScrollBar", "QTabBar"))]
    assert len(controls) >= 12
    missing = [f"{type(w).__name__} {w.objectName()!r}" for w in controls if not w.objectName() or not w.accessibleName()]
    assert missing == []
