"""Starting the app: the exception dialog, ``main()`` itself, the Qt binding check, the GUI bench."""

from __future__ import annotations

import os
import sys
import threading

import pytest
import torch
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from lmlab.ui.app import ExceptionReporter, main, qt_binding_problem
from lmlab.ui.main_window import MainWindow
from lmlab.ui.jobs import running_workers
from tests.ui.conftest import quick_config


@pytest.fixture
def reporter(qtbot, tmp_path):
    r = ExceptionReporter(tmp_path / "lmlab.log").install()
    yield r
    r.uninstall()
    if r.dialog is not None:
        r.dialog.close()


def test_an_unhandled_exception_shows_a_dialog_with_the_log_path(reporter, qtbot, tmp_path):
    try:
        raise ZeroDivisionError("the model divided by zero")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    box = reporter.dialog
    assert box.objectName() == "exceptionDialog"
    assert "ZeroDivisionError: the model divided by zero" in box.text()
    assert str(tmp_path / "lmlab.log") in box.informativeText()
    assert "Traceback" in box.detailedText()
    # A second one while the dialog is open is counted, not stacked.
    try:
        raise KeyError("again")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: "2 errors" in box.informativeText())
    box.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)


def test_an_exception_in_a_python_thread_reaches_the_dialog(reporter, qtbot):
    t = threading.Thread(target=lambda: 1 / 0, name="doomed")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "ZeroDivisionError" in reporter.dialog.text()


def test_uninstall_restores_the_hooks(tmp_path):
    before = (sys.excepthook, threading.excepthook)
    r = ExceptionReporter(None).install()
    assert sys.excepthook == r.excepthook
    r.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_this_qt_binding_does_not_lose_references():
    assert qt_binding_problem() is None


def test_main_opens_the_window_on_shakespeare_and_exits_cleanly(qtbot, tmp_path, monkeypatch):
    """``lmlab`` with no arguments: the default corpus, the small preset, Train ready; closing exits 0."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the log file
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    seen = {}

    def check_and_close():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, check_and_close)
            return
        w = windows[0]
        st = w.session.corpus_state
        if st.scanning or not st.loaded:
            QTimer.singleShot(50, check_and_close)
            return
        seen["label"] = st.label
        seen["preset"] = w.session.matching_preset()
        seen["train"] = w.training_panel.start_action.isEnabled()
        seen["tabs"] = [w.tabs.tabText(i) for i in range(w.tabs.count())]
        seen["settings"] = w.settings.q.fileName()
        seen["runs"] = str(w.session.store.root)
        w.close()

    QTimer.singleShot(0, check_and_close)
    assert main(["--runs-dir", str(tmp_path / "my runs")]) == 0
    assert "Shakespeare" in seen["label"]
    assert seen["preset"] == "small"
    assert seen["train"] is True
    assert seen["tabs"][:2] == ["Training", "Runs"]
    assert str(tmp_path / "settings") in seen["settings"]
    assert seen["runs"] == str(tmp_path / "my runs")
    assert not running_workers()
    assert sys.excepthook is sys.__excepthook__ or not isinstance(getattr(sys.excepthook, "__self__", None),
                                                                  ExceptionReporter)


def test_gui_bench_reports_throughput_and_event_loop_lateness(qtbot, tmp_path, small_corpus):
    from lmlab.ui.bench_gui import run_gui_bench

    cfg = quick_config().with_changes(corpus=[str(small_corpus)], train={"threads": 0})  # the app's own count
    # long enough for the window to see it train: the run's child process is followed twice a second
    result = run_gui_bench(cfg, steps=1000, warmup=3, runs_dir=tmp_path / "runs", baseline=True)
    assert result["own_process"] and 0 < result["app_process_cpu_share"] < 1, result
    assert result["status"] == "finished", result
    # the headless engine loop ran beside it, in this process, on the same shape
    assert result["headless_tokens_per_s"] > 0 and len(result["pairs"]) == 1, result
    assert result["ratio"] == pytest.approx(result["tokens_per_s"] / result["headless_tokens_per_s"]), result
    # compared with the best headless thread count: every count from 1 to the cores was measured
    by_threads = result["headless_by_threads"]
    assert sorted(by_threads) == list(range(1, min(8, os.cpu_count() or 1) + 1)), result
    assert result["headless_tokens_per_s"] == pytest.approx(max(v[0] for v in by_threads.values()), abs=0.1), result
    assert result["gui_threads"] == 1 and torch.get_num_threads() == 1, result  # the GUI run's own count, restored
    assert 0 <= result["gui_thread_cpu_share"] < 1 and result["plot_paint_ms_per_frame"] > 0, result
    assert result["tokens_per_s"] > 0 and result["tokens_per_s_samples"] == 1000, result  # steps 4..1003
    lat = result["loop_lateness_ms"]
    assert lat["ticks"] > 0 and 0 <= lat["p50"] <= lat["p99"] <= lat["max"], result
    assert result["params"] > 0 and result["plot_redraws"] >= 1, result
    assert not running_workers()


def test_fonts_keep_the_platform_family_first_and_add_installed_cjk_fallbacks(qapp):
    from PySide6.QtGui import QFontDatabase, QFontInfo

    from lmlab.ui.resources import CJK_FAMILIES, CJK_MONO_FAMILIES, monospace_font, with_cjk_fallback

    font = with_cjk_fallback(qapp.font())
    families = font.families()
    assert families[0] == QFontInfo(qapp.font()).family()  # the real family, never an alias like "Sans Serif"
    installed = set(QFontDatabase.families())
    assert all(f in CJK_FAMILIES and f in installed for f in families[1:])
    assert all(f in CJK_MONO_FAMILIES for f in monospace_font().families()[1:])


def test_resources_are_found(qapp):
    from lmlab.ui.resources import app_icon, resource_path, stylesheet

    assert resource_path("lmlab.svg").is_file() and resource_path("lmlab.png").is_file()
    assert not app_icon().isNull()
    assert "corpusDropZone" in stylesheet()


def test_resources_are_found_in_a_frozen_app(tmp_path, monkeypatch):
    from lmlab.ui import resources

    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "lmlab.qss").write_text("/* frozen */", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.stylesheet() == "/* frozen */"
