"""Run ▸ Train in a separate process: the app trains a run in a child process of its own by default.

The other window tests train through the same default (real child processes); these check the choice
itself: where the run trains, what the device readout says, and that the setting is remembered.
"""

from __future__ import annotations

from lmlab.core.follow import PROCESS_LOG_FILE
from tests.ui.conftest import quick_config

TIMEOUT = 120_000


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.session.training.busy, timeout=TIMEOUT)


def test_a_run_trains_in_its_own_process_unless_the_menu_says_otherwise(make_window, qtbot, app_settings):
    window = make_window(config=quick_config(max_steps=8, eval_every=4))
    act, s = window.own_process_action, window.session
    assert act.isChecked() and app_settings.own_process()
    assert "process of its own" in window.training_panel.device_readout.label.text()
    with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
        window.training_panel.start_action.trigger()
        assert s.training.mode == "process"
    assert finished.args[0].status == "finished", finished.args[0].reason
    wait_idle(qtbot, window)
    first = s.training.run
    assert (first.path / PROCESS_LOG_FILE).exists()  # the child's output
    assert len(window.training_panel.loss_plot.buffer("train")) == 8  # followed live, each step once

    act.trigger()  # off: the next run trains inside the app
    assert not app_settings.own_process() and not s.trainer.own_process
    assert "process of its own" not in window.training_panel.device_readout.label.text()
    window.new_run()
    with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
        window.training_panel.start_action.trigger()
        assert s.training.mode == "thread"
    assert finished.args[0].status == "finished"
    wait_idle(qtbot, window)
    assert not (s.training.run.path / PROCESS_LOG_FILE).exists()
    # the same seed and settings: both places train the same curve
    here = [r["loss"] for r in s.training.run.read_metrics() if r["type"] == "step"]
    child = [r["loss"] for r in first.read_metrics() if r["type"] == "step"]
    assert here == child and len(here) == 8


def test_the_choice_is_remembered_by_the_next_window(make_window, app_settings):
    first = make_window()
    first.own_process_action.setChecked(False)
    second = make_window()
    assert not second.own_process_action.isChecked() and not second.session.trainer.own_process
