"""Faults met through the GUI: bad corpora dropped on the real corpus panel, closing or restarting while a
run stops, and an out-of-memory error inside the engine during a GUI run. The app must say one clear
thing, keep what it had, stay usable, and leave no QThread running (the UI conftest's check applies here)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from lmlab.core.runs import RunStore  # noqa: E402
from lmlab.ui.jobs import running_workers  # noqa: E402
from tests.faults.test_bad_corpora import BAD  # noqa: E402
# The UI fixtures (offscreen Qt, dangling-QThread check, temporary settings/runs): tests/ui/conftest.py is not
# a conftest of this folder, so its fixtures are imported by name (``import *`` would skip the ``_`` ones).
from tests.ui.conftest import (  # noqa: E402, F401
    OFFSCREEN_NOISE,
    _dangling_qthreads,
    _gui_thread_gc,
    _qt_binding_ok,
    _qt_binding_problem,
    app_settings,
    make_window,
    quick_config,
    small_corpus,
    window,
)
from tests.ui.test_main_window import drop_paths, wait_idle  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

TIMEOUT = 60_000
LONG = dict(max_steps=100_000, eval_every=100_000)


def _nul_bytes(tmp: Path) -> Path:
    p = tmp / "nul.txt"
    p.write_bytes(b"hello\x00world\n" * 100)
    return p


KINDS = {
    kind: BAD[kind]
    for kind in ("empty file", "PNG image", "ZIP archive", "ELF executable", "invalid UTF-8",
                 "UTF-16 without a BOM", "folder without text files", "symlink loop in a folder")
}
KINDS["NUL bytes"] = (_nul_bytes, "NUL bytes")


# -- 1. bad corpora on the corpus panel ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_bad_corpus_dropped_on_the_panel_is_one_message_and_changes_nothing(window, qtbot, tmp_path, kind,
                                                                             small_corpus):
    make, words = KINDS[kind]
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = make(bad_dir)
    s, panel, tp = window.session, window.corpus_panel, window.training_panel
    before, sources, enabled = s.corpus_state.label, s.corpus_state.sources, tp.start_action.isEnabled()
    assert enabled

    assert drop_paths(panel, [bad]).isAccepted()
    qtbot.waitUntil(lambda: panel.error.isVisible() and not s.corpus_state.scanning, timeout=TIMEOUT)
    text = panel.error.text()
    assert words in text, text
    assert bad.name in text, text  # the file (or folder) is named
    assert "Traceback" not in text and "\n" not in text.strip()
    assert f"Still using {before}" in text
    assert words in window.statusBar().currentMessage()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]

    # Nothing changed: the previous corpus is still the one used, and Train is as it was.
    assert s.corpus_state.label == before and s.corpus_state.sources == sources
    assert s.config.corpus == (str(small_corpus),)
    assert tp.start_action.isEnabled() == enabled and tp.train_button.isEnabled() == enabled
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)

    # Still usable: the previous corpus opens again and clears the message.
    drop_paths(panel, [small_corpus])
    qtbot.waitUntil(lambda: not panel.error.isVisible() and not s.corpus_state.scanning, timeout=TIMEOUT)
    assert s.corpus_state.label == before and tp.start_action.isEnabled()


def test_after_several_bad_corpora_the_default_corpus_opens(window, qtbot, tmp_path):
    s, panel = window.session, window.corpus_panel
    for i, kind in enumerate(("PNG image", "symlink loop in a folder", "invalid UTF-8")):
        d = tmp_path / f"bad{i}"
        d.mkdir()
        drop_paths(panel, [KINDS[kind][0](d)])
        qtbot.waitUntil(lambda: panel.error.isVisible() and not s.corpus_state.scanning, timeout=TIMEOUT)
        assert KINDS[kind][1] in panel.error.text()
    s.use_default_corpus()
    qtbot.waitUntil(lambda: not panel.error.isVisible() and not s.corpus_state.scanning, timeout=TIMEOUT)
    assert "Shakespeare" in s.corpus_state.label
    assert window.training_panel.start_action.isEnabled()


def test_a_line_of_megabytes_without_newline_loads(window, qtbot, tmp_path):
    p = tmp_path / "one-line.txt"
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
    p.write_text(words * 40_000, encoding="utf-8")  # 3.1 MB, no newline at all
    s, panel = window.session, window.corpus_panel
    drop_paths(panel, [p])
    qtbot.waitUntil(lambda: s.corpus_state.label == "one-line.txt" and not s.corpus_state.scanning, timeout=TIMEOUT)
    assert not panel.error.isVisible()
    assert s.corpus_state.stats.characters == len(words) * 40_000
    assert panel._stat_values["lines"].text() == "1"
    assert len(panel.preview.toPlainText()) < 100_000  # the preview is a preview, not 3 MB in a text widget
    assert window.training_panel.start_action.isEnabled()


# -- 2. threads ------------------------------------------------------------------------------------------------------


def test_closing_the_window_during_a_run_stops_it_and_no_thread_is_left(make_window, qtbot):
    window = make_window(config=quick_config(**LONG))  # make_window confirms "stop and close?" with Yes
    s = window.session
    window.training_panel.start_action.trigger()
    qtbot.waitUntil(lambda: s.training.phase == "running" and s.training.step >= 1, timeout=TIMEOUT)
    run = s.training.run
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert not running_workers() and not s.training.busy
    assert run.read_status()["status"] == "stopped"


def trainings() -> int:
    return [w.objectName() for w in running_workers()].count("training")


def test_stop_then_train_at_once_neither_deadlocks_nor_crashes(make_window, qtbot):
    window = make_window(config=quick_config(**LONG))
    s, tp, queue = window.session, window.training_panel, window.training_panel.queue_view
    tp.start_action.trigger()
    qtbot.waitUntil(lambda: s.training.phase == "running" and s.training.step >= 1, timeout=TIMEOUT)
    first = s.training.run

    tp.stop_action.trigger()
    tp.start_action.trigger()  # while the first run is still stopping: queued, not a second worker
    tp.train_button.click()
    s.start()
    assert s.training.run is first and trainings() <= 1
    assert len(s.trainer.waiting) == 3 and queue.list.count() == 3

    # As soon as the first has stopped, the queue starts the next run, and only that one.
    qtbot.waitUntil(lambda: s.training.run is not first and s.training.step >= 1, timeout=TIMEOUT)
    assert first.read_status()["status"] == "stopped"
    assert trainings() <= 1 and len(s.trainer.waiting) == 2
    second = s.training.run
    for _ in range(2):  # the user clears the queue
        queue.list.setCurrentRow(0)
        queue.remove_button.click()
    assert not s.trainer.waiting and queue.list.count() == 0
    tp.stop_action.trigger()
    tp.start_action.trigger()  # while the second is stopping: queued again; removed at once
    queue.list.setCurrentRow(0)
    queue.remove_button.click()
    wait_idle(qtbot, window, TIMEOUT)
    assert second.read_status()["status"] == "stopped"
    statuses = sorted(r.read_status()["status"] for r in RunStore(s.store.root).runs())
    assert statuses == ["created", "created", "created", "stopped", "stopped"]  # removed runs were never trained
    assert not running_workers()


# -- 3. out of memory inside the engine --------------------------------------------------------------------------


def test_out_of_memory_in_the_engine_is_shown_and_the_app_stays_usable(window, qtbot, monkeypatch):
    import torch

    from lmlab.core import engine

    real_step, broken = engine._Trainer.train_step, [True]

    def oom(self):
        if broken[0]:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")
        return real_step(self)

    monkeypatch.setattr(engine._Trainer, "train_step", oom)
    window.own_process_action.setChecked(False)  # the injected fault lives in this process: train here
    s, tp = window.session, window.training_panel
    with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
        tp.start_action.trigger()
    ev = finished.args[0]
    assert ev.status == "failed" and "Out of memory" in ev.reason, ev.reason
    wait_idle(qtbot, window, TIMEOUT)
    assert "Out of memory" in tp.message.text() and tp.message.isVisible()
    assert "Out of memory" in window.statusBar().currentMessage()
    assert "Traceback" not in tp.message.text()
    assert s.training.run.read_status()["status"] == "failed"
    assert tp.start_action.isEnabled() and tp.train_button.isEnabled()  # usable again
    assert not running_workers()

    broken[0] = False  # and a normal run works afterwards
    with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
        tp.start_action.trigger()
    assert finished.args[0].status == "finished", finished.args[0].reason
    wait_idle(qtbot, window, TIMEOUT)
