"""The Training panel's pre-flight section: warnings at their fields with a fix that clears them, the
learning-rate finder's dialog, the batch-size finder (real trainers, real widgets)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lmlab.core.config import preset
from lmlab.core.tuning.measure import estimated_bytes
from lmlab.ui.panels.training import TrainingPanel
from lmlab.ui.session import Session


@pytest.fixture
def panel(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # measurements are cached there
    session = Session(tmp_path / "runs", config=preset("small"))
    p = TrainingPanel(session)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    yield p
    p.preflight.shutdown()


def test_a_model_that_will_not_fit_gets_a_warning_at_the_batch_and_its_fix_clears_it(panel, qtbot):
    """The device's free memory is injected as a third of what the small preset needs at batch 8."""
    pre = panel.preflight.controller
    session = panel.session
    need = estimated_bytes(pre.config())
    pre.set_free_bytes(need // 3)
    warning = panel.preflight.field_warnings["batch_size"]
    assert warning.isVisible() and "more than" in warning.label.text() and "free" in warning.label.text()
    assert panel.preflight.memory_label.text().endswith("(estimated)")
    # the warning sits right under the batch size's row
    assert panel.batch_spin.y() < warning.y() < panel.lr_spin.y()
    (fix,) = warning.buttons
    assert fix.text().startswith("Batch ") and "accumulation" in fix.text()
    qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
    t = session.config.train
    assert t.batch_size < 8 and t.batch_size * t.grad_accum == 8  # the same effective batch
    assert panel.batch_spin.value() == t.batch_size
    assert not warning.isVisible() and pre.estimate.fits
    assert not pre.measuring and panel.preflight.measure_button.isVisible()  # measured when the user asks
    qtbot.mouseClick(panel.preflight.measure_button, Qt.MouseButton.LeftButton)
    assert pre.measuring and "Measuring" in panel.preflight.status.text()
    qtbot.waitUntil(lambda: not pre.measuring, timeout=60_000)
    assert panel.preflight.time_label.text().startswith("about ") and not panel.preflight.measure_button.isVisible()


def test_too_many_epochs_are_shown_at_the_training_length_and_fewer_steps_fix_it(panel, qtbot):
    pre, session = panel.preflight.controller, panel.session
    session.update(train={"max_steps": 10_000_000})
    pre.refresh()
    assert not any(w.kind == "epochs" for w in pre.estimate.warnings)  # no corpus read yet: epochs unknown
    assert panel.preflight.epochs_label.text().startswith("–")
    session.use_default_corpus()
    qtbot.waitUntil(lambda: session.corpus_state.loaded and not session.corpus_state.scanning, timeout=30_000)
    pre.refresh()
    warning = panel.preflight.field_warnings["max_steps"]
    assert warning.isVisible() and "beyond 10 passes" in warning.label.text()
    assert panel.budget_spin.y() < warning.y() < panel.eval_spin.y()  # under "Train for"
    fix = next(b for b in warning.buttons if "epochs" in b.text())
    qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
    assert session.config.train.max_steps < 10_000_000 and panel.budget_spin.value() == session.config.train.max_steps
    assert pre.estimate.epochs <= 10 and not warning.isVisible()
    assert panel.preflight.epochs_label.text().endswith("over the corpus")


def test_the_batch_finder_finds_and_uses_the_largest_batch(panel, qtbot):
    pre = panel.preflight.controller
    pre.set_free_bytes(estimated_bytes(pre.config().with_changes(train={"batch_size": 5})) * 2)
    qtbot.mouseClick(panel.preflight.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.preflight.batch_use.isVisible(), timeout=30_000)
    found = panel.preflight.batch_finder.result.batch_size
    assert found >= 5 and "Estimated, not tried" in panel.preflight.batch_result.text()
    qtbot.mouseClick(panel.preflight.batch_use, Qt.MouseButton.LeftButton)
    assert panel.session.config.train.batch_size == found == panel.batch_spin.value()
    pre.shutdown()


def test_the_lr_finder_plots_the_loss_and_uses_the_suggested_rate(panel, qtbot):
    panel.session.apply_preset("tiny")
    panel.preflight.lr_finder.steps = 60
    dialog = panel.preflight.open_lr_finder()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.preflight.lr_finder.busy, timeout=60_000)
    result = panel.preflight.lr_finder.result
    assert result is not None and result.suggestion is not None, dialog.message.text()
    xs, ys = dialog.curve.getData()
    assert len(xs) == len(result.lrs) and dialog.marker.isVisible()
    assert "Suggested learning rate" in dialog.result_label.text()
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    lr = panel.session.config.train.learning_rate
    assert lr == pytest.approx(result.suggestion, rel=0.05) and panel.lr_spin.value() == pytest.approx(lr)
    assert not panel.session.store.runs()  # the test created no run
    dialog.close()
