"""The main window end to end: corpus drops, field errors, real (tiny) training, pause/stop, closing, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QPlainTextEdit,
    QTabWidget,
)

from lmlab.core.runs import RunStore
from lmlab.ui.jobs import running_workers

from tests.ui.conftest import quick_config

TRAIN_TIMEOUT = 120_000


def drop_paths(widget, paths) -> QDropEvent:
    """A real drag-enter + drop of local files on ``widget``, as the window system would send it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()
    enter = QDragEnterEvent(QPoint(center), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    ev = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)
    return ev


def wait_idle(qtbot, window, timeout=TRAIN_TIMEOUT):
    qtbot.waitUntil(lambda: not window.session.training.busy, timeout=timeout)


# -- corpus -------------------------------------------------------------------------------------------------------


def test_a_file_dropped_on_the_corpus_panel_loads(window, qtbot, tmp_path):
    text = tmp_path / "诗.txt"
    text.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n" * 50, encoding="utf-8")
    ev = drop_paths(window.corpus_panel, [text])
    assert ev.isAccepted()
    st = lambda: window.session.corpus_state  # noqa: E731
    qtbot.waitUntil(lambda: st().label == "诗.txt" and not st().scanning, timeout=10_000)
    panel = window.corpus_panel
    assert st().stats.characters == len("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n") * 50
    assert panel._stat_values["characters"].text() == f"{st().stats.characters:,}"
    assert panel._stat_values["lines"].text() == "100"
    assert panel._stat_values["tokens"].text() == f"{st().stats.characters:,}"  # characters: one token each
    assert "床前明月光" in panel.preview.toPlainText()
    assert panel.title.text() == "诗.txt"
    assert window.session.config.corpus == (str(text),)
    assert not panel.error.isVisible()


def test_a_folder_dropped_on_the_window_loads(window, qtbot, tmp_path):
    folder = tmp_path / "books"
    folder.mkdir()
    for i in range(3):
        (folder / f"b{i}.txt").write_text(f"Book {i}.\n" * 200, encoding="utf-8")
    drop_paths(window, [folder])
    qtbot.waitUntil(lambda: window.session.corpus_state.label == "3 files", timeout=10_000)
    assert window.session.corpus_state.stats.documents == 3


@pytest.mark.parametrize("kind", ["binary", "empty"])
def test_a_bad_file_shows_its_message_and_the_app_stays_usable(window, qtbot, tmp_path, kind):
    bad = tmp_path / ("picture.txt" if kind == "binary" else "nothing.txt")
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) if kind == "binary" else b"")
    before = window.session.corpus_state.label
    drop_paths(window.corpus_panel, [bad])
    error = window.corpus_panel.error
    qtbot.waitUntil(lambda: error.isVisible(), timeout=10_000)
    expected = "a PNG image, not text" if kind == "binary" else "holds no text"
    assert expected in error.text()
    assert ("picture.txt" if kind == "binary" else "nothing.txt") in error.text()
    assert "Traceback" not in error.text()
    assert f"Still using {before}" in error.text()
    # The previous corpus is still in use, and Train still works.
    assert window.session.corpus_state.label == before
    assert window.training_panel.start_action.isEnabled()
    # A good corpus afterwards clears the message.
    window.session.use_default_corpus()
    qtbot.waitUntil(lambda: not error.isVisible() and not window.session.corpus_state.scanning, timeout=30_000)
    assert "Shakespeare" in window.session.corpus_state.label


# -- model fields ------------------------------------------------------------------------------------------------


def test_width_not_divisible_by_heads_marks_the_field_and_disables_train(window, qtbot):
    mp, tp = window.model_panel, window.training_panel
    assert tp.start_action.isEnabled() and tp.train_button.isEnabled()
    mp.fields["n_head"].setValue(3)  # width 32 is not divisible by 3
    assert not tp.start_action.isEnabled()
    assert not tp.train_button.isEnabled()
    err = mp.errors["n_embd"]
    assert err.isVisible() and "divisible" in err.text()
    assert mp.fields["n_embd"].property("invalid") is True
    assert "red" in tp.start_action.toolTip()
    mp.fields["n_head"].setValue(4)
    assert tp.start_action.isEnabled()
    assert not err.isVisible() and mp.fields["n_embd"].property("invalid") is False


def test_a_context_longer_than_the_corpus_is_marked_at_the_field(window, qtbot):
    mp, tp = window.model_panel, window.training_panel
    mp.fields["block_size"].setValue(8192)  # the small corpus has ~2,500 validation characters
    err = mp.errors["block_size"]
    assert err.isVisible() and "validation text" in err.text()
    assert not tp.start_action.isEnabled()
    mp.fields["block_size"].setValue(32)
    assert tp.start_action.isEnabled() and not err.isVisible()


def test_presets_fill_the_fields_and_readouts_follow(window, qtbot):
    mp = window.model_panel
    mp.preset_combo.setCurrentIndex(mp.preset_combo.findData("medium"))
    mp.preset_combo.activated.emit(mp.preset_combo.currentIndex())
    cfg = window.session.config
    assert (cfg.model.n_layer, cfg.model.n_head, cfg.model.n_embd) == (6, 6, 192)
    assert mp.fields["n_layer"].value() == 6
    assert cfg.train.threads == 1  # machine settings survive a preset
    params = mp.readouts["params"].text()
    mp.fields["n_layer"].setValue(12)
    assert mp.readouts["params"].text() != params
    assert mp.preset_combo.currentData() is None  # "custom"
    assert "M" in mp.readouts["params"].text()


def test_invalid_training_values_are_marked_too(window):
    tp = window.training_panel
    window.session.update(train={"eval_every": 0})
    assert tp.field_errors["eval_every"].isVisible()
    assert not tp.start_action.isEnabled()
    window.session.update(train={"eval_every": 5})
    assert tp.start_action.isEnabled()


# -- training ----------------------------------------------------------------------------------------------------


def test_train_button_runs_a_tiny_model_and_the_curves_and_runs_panel_show_it(window, qtbot):
    tp = window.training_panel
    with qtbot.waitSignal(window.session.runFinished, timeout=TRAIN_TIMEOUT) as finished:
        qtbot.mouseClick(tp.train_button, Qt.MouseButton.LeftButton)
        assert window.session.trainer.busy  # one run at a time: Train now adds to the queue, and says so
        assert tp.start_action.text() == "Add to &queue" and "queue" in tp.start_action.toolTip()
    assert finished.args[0].status == "finished", finished.args[0].reason
    wait_idle(qtbot, window)
    loss = tp.loss_plot
    assert len(loss.buffer("train")) == 12  # log_every=1, 12 steps
    assert len(loss.buffer("val")) == 2  # eval_every=6
    qtbot.waitUntil(lambda: loss.curve("train").xData is not None and len(loss.curve("train").xData) == 12)
    assert loss.curve("val").yData[-1] < 5.0
    assert "Finished 12 steps" in tp.message.text()
    assert tp.progress.value() == 12
    assert tp.start_action.isEnabled()  # ready for the next run
    runs = RunStore(window.session.store.root).runs()
    assert len(runs) == 1 and runs[0].read_status()["status"] == "finished"
    rp = window.runs_panel
    assert rp is not None, "the Runs tab is part of the window"
    qtbot.waitUntil(lambda: rp.model.rowCount() == 1 and rp.model.row(0)["path"] == str(runs[0].path))
    assert rp.model.row(0)["status"] == "finished"
    assert "step 12 / 12" in window.status_step.text()


def test_pause_resume_and_stop(make_window, qtbot):
    window = make_window(config=quick_config(max_steps=100_000, eval_every=100_000))
    s, tp = window.session, window.training_panel
    tp.start_action.trigger()
    qtbot.waitUntil(lambda: s.training.phase == "running" and s.training.step >= 2, timeout=TRAIN_TIMEOUT)
    run = s.training.run

    tp.pause_action.trigger()
    assert s.training.phase == "paused" and tp.pause_action.text() == "&Resume"
    qtbot.waitUntil(lambda: run.read_status()["status"] == "paused", timeout=10_000)  # the engine waits
    paused_at = run.read_status()["step"]
    assert s.training.step <= paused_at + 1

    tp.pause_action.trigger()  # resume
    assert s.training.phase == "running" and tp.pause_action.text() == "&Pause"
    qtbot.waitUntil(lambda: s.training.step > paused_at + 2, timeout=10_000)

    with qtbot.waitSignal(s.runFinished, timeout=30_000) as finished:
        tp.stop_action.trigger()
        assert s.training.phase == "stopping"
    assert finished.args[0].status == "stopped"
    wait_idle(qtbot, window)
    assert run.read_status()["status"] == "stopped"
    assert run.latest_checkpoint() is not None  # the engine saved on stop
    assert "Stopped at step" in tp.message.text()
    assert not running_workers()


def test_stop_while_paused(make_window, qtbot):
    window = make_window(config=quick_config(max_steps=100_000, eval_every=100_000))
    s = window.session
    s.start()
    qtbot.waitUntil(lambda: s.training.step >= 1, timeout=TRAIN_TIMEOUT)
    s.trainer.pause()
    qtbot.waitUntil(lambda: s.training.run.read_status()["status"] == "paused", timeout=10_000)
    with qtbot.waitSignal(s.runFinished, timeout=30_000) as finished:
        s.trainer.stop()
    assert finished.args[0].status == "stopped"
    wait_idle(qtbot, window)


def test_closing_during_a_run_stops_it_and_leaves_no_thread(make_window, qtbot):
    window = make_window(config=quick_config(max_steps=100_000, eval_every=100_000))
    s = window.session
    s.start()
    qtbot.waitUntil(lambda: s.training.phase == "running" and s.training.step >= 1, timeout=TRAIN_TIMEOUT)
    run = s.training.run
    assert window.close() is False  # asked, confirmed: stopping first, then the window closes by itself
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert not running_workers()
    assert run.read_status()["status"] == "stopped"
    assert run.latest_checkpoint() is not None


def test_closing_during_a_run_can_be_cancelled(make_window, qtbot, monkeypatch):
    from lmlab.ui.main_window import MainWindow

    window = make_window(config=quick_config(max_steps=100_000, eval_every=100_000))
    monkeypatch.setattr(MainWindow, "confirm_stop_on_close", lambda self: False)
    s = window.session
    s.start()
    qtbot.waitUntil(lambda: s.training.step >= 1, timeout=TRAIN_TIMEOUT)
    assert window.close() is False
    assert window.isVisible() and s.training.phase == "running"
    with qtbot.waitSignal(s.runFinished, timeout=30_000):
        s.trainer.stop()
    wait_idle(qtbot, window)


def test_an_exception_in_the_worker_becomes_a_message(window, qtbot, monkeypatch):
    import lmlab.ui.controllers.training as session_mod

    def broken(run, control, corpus=None, resume=True, processes=1, own_process=False):
        yield from ()
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(session_mod, "prepare_and_train", broken)
    with qtbot.waitSignal(window.session.runFinished, timeout=10_000) as finished:
        window.session.start()
    assert finished.args[0].status == "failed"
    wait_idle(qtbot, window, 10_000)
    msg = window.training_panel.message
    assert msg.isVisible() and "RuntimeError: the disk caught fire" in msg.text()
    assert window.training_panel.start_action.isEnabled()  # usable again


def test_new_run_clears_the_curves(window, qtbot):
    with qtbot.waitSignal(window.session.runFinished, timeout=TRAIN_TIMEOUT):
        window.session.start()
    wait_idle(qtbot, window)
    assert len(window.training_panel.loss_plot.buffer("train")) > 0
    window.new_run_action.trigger()
    assert len(window.training_panel.loss_plot.buffer("train")) == 0
    assert window.session.training.run is None
    assert window.training_panel.progress.format() == "Ready: press Train"


# -- settings, layout, accessibility -------------------------------------------------------------------------------


def test_settings_persist_across_two_windows(make_window, qtbot, tmp_path, app_settings, small_corpus, monkeypatch):
    first = make_window()
    first.model_panel.fields["n_layer"].setValue(3)
    first.training_panel.batch_spin.setValue(6)
    first.set_runs_dir(tmp_path / "elsewhere")
    first.resize(1250, 777)
    first.model_dock.hide()
    geometry = first.saveGeometry()
    first.close()
    assert not first.isVisible()
    assert app_settings.geometry() == geometry

    monkeypatch.delenv("LMLAB_RUNS_DIR")  # it would override the saved runs folder
    second = make_window(config=None, corpus=None, runs_dir=None, show=False)
    second.show()
    cfg = second.session.config
    assert cfg.model.n_layer == 3 and cfg.train.batch_size == 6
    assert second.model_panel.fields["n_layer"].value() == 3
    assert cfg.corpus == (str(small_corpus),)
    assert abs(second.size().height() - 777) < 10  # (the offscreen screen is narrower than the window)
    assert second.model_dock.isHidden()
    assert Path(second.session.store.root) == tmp_path / "elsewhere"


def test_settings_never_touch_the_users_file(app_settings, tmp_path):
    assert Path(app_settings.q.fileName()).parent == tmp_path


def test_menus_and_shortcuts(window):
    tp = window.training_panel
    shortcuts = {a.objectName(): [k.toString() for k in a.shortcuts()]
                 for a in (window.open_action, window.new_run_action, window.quit_action, tp.start_action,
                           tp.stop_action, tp.pause_action)}
    assert shortcuts["openCorpusAction"] == ["Ctrl+O"]
    assert shortcuts["newRunAction"] == ["Ctrl+N"]
    assert shortcuts["quitAction"] == ["Ctrl+Q"]
    assert shortcuts["startAction"] == ["F5", "Ctrl+Return"]
    assert shortcuts["stopAction"] == ["Shift+F5"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Run", "&View", "&Help"]
    assert "Device:" in window.status_device.text()


def test_the_idle_status_bar_names_the_cpu_without_the_windows_thread_count(window):
    # The window's torch threads are not the next run's: it trains in a process of its own (the Training
    # panel's readout says its threads); a busy run shows the device its Started record names.
    assert window.session.config.train.device == "auto" and window._devices[0].kind == "cpu"
    assert window.status_device.text() == "Device: CPU"


def test_add_panel_puts_a_tab_in_the_centre(window):
    from PySide6.QtWidgets import QLabel

    extra = QLabel("attention maps here")
    index = window.add_panel("Attention", extra)
    assert window.tabs.tabText(index) == "Attention"
    assert window.panel("Attention") is extra
    assert extra.objectName() == "attentionPanel"


def test_every_control_has_an_object_name_and_an_accessible_name(window):
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QPlainTextEdit, QCheckBox, QTabWidget)
    mine = [window.corpus_panel, window.model_panel, window.training_panel]
    missing = []
    for panel in mine:
        for w in {id(c): c for kind in kinds for c in panel.findChildren(kind)}.values():
            if w.objectName().startswith("qt_"):
                continue  # Qt's own sub-widgets (spin box line edits, scroll buttons)
            if not w.objectName() or not w.accessibleName():
                missing.append(f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}")
    assert not missing, missing
    for name in ("corpusDropZone", "trainButton", "stopButton", "pauseButton", "lossPlot", "n_embdSpin",
                 "n_headSpin", "n_layerSpin", "block_sizeSpin", "dropoutSpin", "presetCombo", "corpusError"):
        assert window.findChild(object, name) is not None, name


def test_shutdown_during_a_run_waits_for_the_thread(make_window, qtbot):
    window = make_window(config=quick_config(max_steps=100_000, eval_every=100_000))
    s = window.session
    s.start()
    qtbot.waitUntil(lambda: s.training.step >= 1, timeout=TRAIN_TIMEOUT)
    run = s.training.run
    assert s.shutdown() is True
    assert not running_workers()
    assert s.training.phase == "idle"
    assert run.read_status()["status"] == "stopped"
    window.close()  # idle now: closes without asking
    assert not window.isVisible()


def test_resume_from_the_runs_tab_continues_the_run_and_its_curves(make_window, qtbot):
    window = make_window(config=quick_config(max_steps=40, eval_every=20))
    s = window.session
    window.own_process_action.setChecked(False)  # 40 tiny steps outrun a stop sent to a child: stop here
    s.start()
    qtbot.waitUntil(lambda: s.training.step >= 5, timeout=TRAIN_TIMEOUT)
    run = s.training.run
    with qtbot.waitSignal(s.runFinished, timeout=30_000):
        s.trainer.stop()
    wait_idle(qtbot, window)
    stopped_at = run.read_status()["step"]
    assert stopped_at < 40
    window.new_run_action.trigger()
    assert len(window.training_panel.loss_plot.buffer("train")) == 0
    window.own_process_action.setChecked(True)  # continued in a child process (the default), followed
    with qtbot.waitSignal(s.runFinished, timeout=TRAIN_TIMEOUT) as finished:
        window.runs_panel.resume_requested.emit(str(run.path))
        assert s.training.mode == "process"
    assert finished.args[0].status == "finished"
    wait_idle(qtbot, window)
    steps = window.training_panel.loss_plot.buffer("train")["step"]
    assert list(steps) == list(range(1, 41))  # the history before the stop, then the rest, each step once
    assert run.read_status()["status"] == "finished"


# -- the current run: what Attention and Playground open on ------------------------------------------------------


def train_one_run(window, qtbot) -> str:
    """Press Train in the window, wait for the run to finish; its folder."""
    window.new_run()
    with qtbot.waitSignal(window.session.runFinished, timeout=TRAIN_TIMEOUT) as finished:
        window.training_panel.start_action.trigger()
    assert finished.args[0].status == "finished", finished.args[0].reason
    wait_idle(qtbot, window)
    return str(window.session.training.run.path)


def test_attention_and_playground_open_on_the_run_trained_last_and_follow_the_runs_tab(make_window, qtbot):
    import numpy as np

    window = make_window(extra_panels=True)
    first = train_one_run(window, qtbot)
    last = train_one_run(window, qtbot)
    assert first != last and window.runs_controller.current == last
    attention, playground = window.panel("Attention"), window.panel("Playground")

    window.show_panel("Attention")  # opens on the run trained last, with its maps drawn
    qtbot.waitUntil(lambda: attention.result is not None and not attention.busy, timeout=TRAIN_TIMEOUT)
    assert attention.run_path == last and attention.result.request.run_path == last
    assert attention.run_combo.currentData() == last
    weights = attention.shown_weights()
    assert weights is not None and np.isfinite(weights).any() and weights.sum() > 0  # not blank
    window.show_panel("Playground")
    assert playground.primary.run_path() == last
    qtbot.waitUntil(lambda: playground.primary.model() is not None, timeout=TRAIN_TIMEOUT)
    assert window.model_cache.loads == 2  # each run's checkpoint once, though both areas showed the last one

    window.show_panel("Runs")  # the user selects the other run: both follow
    window.runs_panel.select_paths([first])
    assert window.runs_controller.current == first
    assert playground.primary.run_path() == first
    window.show_panel("Attention")
    qtbot.waitUntil(lambda: attention.result is not None and attention.result.request.run_path == first
                    and not attention.busy, timeout=TRAIN_TIMEOUT)
    assert attention.run_combo.currentData() == first
    qtbot.waitUntil(lambda: playground.primary.model() is not None, timeout=TRAIN_TIMEOUT)
    assert window.model_cache.loads == 2  # the first run's model was still in the cache
    window.close()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TRAIN_TIMEOUT)


def test_at_start_up_attention_and_playground_open_on_the_newest_run(make_window, qtbot, tmp_path):
    window = make_window()
    trained = train_one_run(window, qtbot)
    window.close()
    again = make_window(runs_dir=tmp_path / "runs", extra_panels=True)
    assert again.runs_controller.current == trained
    attention, playground = again.panel("Attention"), again.panel("Playground")
    assert attention.run_path == trained and playground.primary.run_path() == trained
    again.show_panel("Attention")
    qtbot.waitUntil(lambda: attention.result is not None and not attention.busy, timeout=TRAIN_TIMEOUT)
    assert attention.result.request.run_path == trained
    again.close()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TRAIN_TIMEOUT)


def test_the_training_panel_says_the_warmup_a_short_run_will_use(make_window):
    window = make_window(config=quick_config(max_steps=120))
    window.session.update(train={"warmup_steps": 100})
    info = window.training_panel.step_info.text()
    assert "Warmup: 12 steps" in info
    window.session.update(train={"max_steps": 5000})
    assert "Warmup" not in window.training_panel.step_info.text()


def test_the_window_with_every_panel_fits_a_1280_pixel_screen(make_window):
    """A laptop user: every tab's minimum width beside the docks stays inside 1280 pixels."""
    window = make_window(extra_panels=True)
    assert window.tabs.count() == 7  # Training, Runs, Attention, Inside, Playground, Scaling, Classify
    assert window.minimumSizeHint().width() <= 1280
