"""GUI test setup: offscreen Qt, no QThread outliving its test, temporary settings and runs.

Tests use pytest-qt (``qtbot.waitUntil`` / ``waitSignal``, never sleep). Every test
here runs with ``_dangling_qthreads`` (as napari does): a QThread still running at
teardown fails the test, after it has been given a chance to end so the next test
is not hurt.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QThread  # noqa: E402

# The offscreen platform says this when a dock or a main window lays itself out; it is no problem of ours.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"
UI_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if UI_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def _qt_binding_problem():
    from lmlab.ui.app import qt_binding_problem

    return qt_binding_problem()


@pytest.fixture(autouse=True)
def _qt_binding_ok(_qt_binding_problem):
    """Fail clearly (instead of aborting the whole run) on a PySide6 build that crashes Python."""
    if _qt_binding_problem:
        pytest.fail(_qt_binding_problem, pytrace=False)


@pytest.fixture(autouse=True)
def _dangling_qthreads(monkeypatch, qapp):
    """Fail a test that leaves a QThread running (napari's ``_dangling_qthreads``)."""
    import shiboken6

    started: list[QThread] = []
    original = QThread.start

    def start(self, *args):
        started.append(self)
        return original(self, *args)

    monkeypatch.setattr(QThread, "start", start)
    yield

    def running() -> list[QThread]:
        return [t for t in started if shiboken6.isValid(t) and t.isRunning()]

    dangling = running()
    if dangling:
        names = ", ".join(t.objectName() or type(t).__name__ for t in dangling)
        for t in dangling:  # let them end, so they cannot crash the tests that follow
            t.wait(30_000)
        pytest.fail(f"QThread(s) still running after the test: {names}", pytrace=False)


@pytest.fixture(autouse=True)
def _gui_thread_gc(qapp):
    """As in the app: Python's garbage collector runs on the GUI thread only, never in a worker
    (where freeing a Qt object left over from an earlier test makes Qt warn or crash)."""
    import gc

    from lmlab.ui.jobs import GuiGarbageCollector

    gc.collect()
    collector = GuiGarbageCollector(parent=qapp).start()
    yield
    collector.stop()
    collector.deleteLater()
    gc.collect()


@pytest.fixture
def app_settings(tmp_path):
    """Settings in a temporary INI file: never the user's."""
    from lmlab.ui.settings import AppSettings

    return AppSettings.at(tmp_path / "lmlab-test.ini")


CORPUS_LINES = (
    "ROMEO:\nBut soft, what light through yonder window breaks?\n",
    "JULIET:\nO Romeo, Romeo, wherefore art thou Romeo?\n",
    "MERCUTIO:\nA plague on both your houses! They have made worms' meat of me.\n",
    "NURSE:\nFaith, I can tell how to look sad enough.\n",
)


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """About 25,000 characters of text: enough for a context of 32 tokens, quick to prepare."""
    p = tmp_path / "play.txt"
    p.write_text("\n".join(CORPUS_LINES) * 120, encoding="utf-8")
    return p


def quick_config(**train):
    """The tiny preset made smaller still: a step costs milliseconds on one CPU thread."""
    from lmlab.core.config import preset

    t = dict(max_steps=12, batch_size=4, eval_every=6, eval_batches=2, log_every=1, checkpoint_every=1000,
             warmup_steps=2, threads=1)
    t.update(train)
    return preset("tiny").with_changes(model={"block_size": 32, "n_embd": 32}, train=t)


@pytest.fixture
def make_window(qtbot, tmp_path, app_settings, small_corpus, monkeypatch):
    """Build main windows on temporary runs/settings; closing during a run is confirmed automatically."""
    from lmlab.ui.app import create_main_window
    from lmlab.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "confirm_stop_on_close", lambda self: True)
    windows = []

    def make(config="quick", corpus="small", settings=None, show=True, wait_corpus=True, **kwargs):
        """``config=None`` / ``corpus=None``: what the settings remember (as the real app starts)."""
        w = create_main_window(
            runs_dir=kwargs.pop("runs_dir", tmp_path / "runs"),
            settings=settings or app_settings,
            config=quick_config() if config == "quick" else config,
            corpus=[str(small_corpus)] if corpus == "small" else corpus,
            **kwargs,
        )
        qtbot.addWidget(w)
        windows.append(w)
        if show:
            w.resize(1280, 800)
            w.show()
        if wait_corpus:
            qtbot.waitUntil(lambda: w.session.corpus_state.loaded and not w.session.corpus_state.scanning,
                            timeout=30_000)
        return w

    yield make
    import shiboken6

    for w in windows:
        if shiboken6.isValid(w):
            w.session.shutdown()


@pytest.fixture
def window(make_window):
    return make_window()
