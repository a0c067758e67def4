"""The guards in the window: the divergence policy reaches the config, a roll-back shows on the loss
curve and in the alert bar, and the overfitting alert opens the best checkpoint in the Playground."""

from __future__ import annotations

import pyqtgraph as pg

from lmlab.core.guards.events import OverfitAlert, RolledBack
from lmlab.core.guards.overfit import best_checkpoint
from lmlab.core.runs import Run
from lmlab.ui.jobs import running_workers
from lmlab.ui.panels.runs.curves import RunCurves
from tests.core.test_guards_health import inject
from tests.ui.conftest import quick_config

TIMEOUT = 60_000


def wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.session.training.busy and not running_workers(), timeout=TIMEOUT)


def test_policy_choice_reaches_the_config_and_a_rollback_shows_on_the_curve(make_window, qtbot, monkeypatch):
    window = make_window(config=quick_config(max_steps=16))
    panel = window.training_panel
    combo = panel.divergence_combo
    assert window.session.config.train.on_divergence == "stop" and combo.currentData() == "stop"
    combo.setCurrentIndex(combo.findData("rollback"))
    assert window.session.config.train.on_divergence == "rollback"
    window.own_process_action.setChecked(False)  # the injected fault lives in this process: train here
    hit = inject(monkeypatch, 10)  # the weights x30 before step 10 (tests/core/test_guards_health.py)
    window.session.start()
    qtbot.waitUntil(lambda: window.session.training.phase != "idle", timeout=TIMEOUT)
    wait_idle(qtbot, window)
    assert hit == [10]
    run = window.session.training.run
    assert run.read_status()["status"] == "finished"
    # The curve went back to the last good checkpoint (the best at the evaluation at step 6) without the
    # diverged steps, and a labelled line marks where.
    (x, line), = panel.curves.rollbacks
    assert x["step"] == 6 and x["tokens"] == 6 * window.session.config.tokens_per_step
    assert "rolled back" in line.label.textItem.toPlainText()
    steps = list(panel.loss_plot.buffer("train")["step"])
    assert steps == sorted(set(steps)) and steps[-1] == 16
    assert isinstance(panel.guards.last, RolledBack) and not panel.guards.alert.isHidden()
    assert "rolled back to the checkpoint at step 6" in panel.guards.alert.text()
    assert panel.guards.best_button.isHidden()
    # The status line counts epochs over the training text.
    assert "epochs" in panel.status_label.text()
    # A run opened again draws the same marker from its metrics.jsonl, and so does the Runs panel's history.
    panel.curves.load_run(run)
    assert len(panel.curves.rollbacks) == 1
    history = RunCurves(lambda path: Run(path).read_metrics())
    qtbot.addWidget(history)
    history.redraw([{"path": str(run.path), "name": run.name, "parent": ""}], "tokens", "lr")
    lines = [i for i in history.loss_plot.items if isinstance(i, pg.InfiniteLine) and i.objectName() == "rollbackLine"]
    assert [line.value() for line in lines] == [6 * window.session.config.tokens_per_step]
    assert "rolled back" in lines[0].toolTip()


def test_overfitting_alert_opens_the_best_checkpoint_in_the_playground(make_window, qtbot):
    window = make_window(config=quick_config(max_steps=12, eval_every=4), extra_panels=True)
    window.session.start()
    qtbot.waitUntil(lambda: window.session.training.phase != "idle", timeout=TIMEOUT)
    wait_idle(qtbot, window)
    run = window.session.training.run
    best = best_checkpoint(run)
    assert best is not None
    bar = window.training_panel.guards
    assert bar.alert.isHidden() and bar.best_button.isHidden()
    # The alert as the engine sends it (the rule on real runs: tests/core/test_guards_overfit.py).
    alert = OverfitAlert(12, best.load_state()["best_val_loss"] * 1.1, best.step, best.load_state()["best_val_loss"],
                         "Overfitting: the validation loss rose.")
    window.session.trainingEvent.emit(alert)
    assert bar.alert.text() == alert.message and not bar.alert.isHidden()
    assert bar.best_button.isVisibleTo(window) and f"step {best.step:,}" in bar.best_button.text()
    with qtbot.waitSignal(bar.openBest, timeout=5_000) as sig:
        bar.best_button.click()
    assert sig.args == [str(run.path), best.step]
    playground = window.panel("Playground")
    assert window.tabs.currentWidget().widget() is playground or window.tabs.currentWidget() is playground
    assert playground.primary.source() == (str(run.path), best.step)
    qtbot.waitUntil(lambda: playground.primary.model() is not None, timeout=TIMEOUT)
    assert playground.primary.model().step == best.step
