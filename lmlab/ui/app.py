"""Starting the desktop app: ``main()`` for ``lmlab`` with no arguments, ``create_main_window()`` for tests.

``main`` makes the QApplication (name, icon, a font with CJK fallbacks, the style
sheet), logs to the user's log folder, installs a hook that shows any unhandled
exception in a dialog (with the log file's path) instead of vanishing, and opens
the window on the last configuration, or on Shakespeare with the ``small`` preset,
so that pressing Train trains at once.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..core.config import RunConfig, preset
from ..core.errors import LmlabError
from .jobs import GuiGarbageCollector
from .main_window import MainWindow
from .panels import attention, classify, guards, instruments, playground, scaling
from .fonts import ensure_cjk_font
from .i18n import error_text, install_translators
from .resources import app_icon, stylesheet, with_cjk_fallback
from .session import DEFAULT_PRESET, Session
from .settings import AppSettings

log = logging.getLogger("lmlab")


def qt_binding_problem() -> str | None:
    """A sentence if this PySide6 build is known to crash here, else None.

    PySide6 6.12.0 on CPython < 3.12 drops a reference to ``None`` on every call of a
    method that returns nothing; after a few thousand calls Python aborts with
    "Fatal Python error: none_dealloc". (Python 3.12 made ``None`` immortal, so it is harmless there.)
    The probe calls such a method and watches ``None``'s reference count.
    """
    if sys.version_info >= (3, 12):
        return None
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    if lost >= 60:
        return (
            QCoreApplication.translate("app", "PySide6 {0} loses a reference to None on every Qt call on Python {1}.{2}, and the app would crash within seconds. Install another PySide6 (pip install 'PySide6-Essentials<6.12') or use Python 3.12 or newer.").format(pyside_version, sys.version_info.major, sys.version_info.minor)
        )
    return None


def log_file_path() -> Path:
    """The app's log file in the user's log folder (a temp folder if that cannot be written)."""
    import platformdirs

    for folder in (Path(platformdirs.user_log_dir("lmlab", appauthor=False)), Path(tempfile.gettempdir()) / "lmlab"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder / "lmlab.log"
        except OSError:
            continue
    return Path(tempfile.gettempdir()) / "lmlab.log"


def setup_logging(path: Path | None = None) -> tuple[Path, logging.Handler]:
    """Log to ``path`` (default: the user's log folder); returns the path and the handler (to remove it)."""
    path = path or log_file_path()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    log.info("lmlab %s starting", __version__)
    return path, handler


class ExceptionReporter(QObject):
    """Turns unhandled exceptions (any thread) into a dialog on the GUI thread, and a log entry.

    ``install()`` sets ``sys.excepthook`` and ``threading.excepthook``; ``uninstall()`` restores them.
    One dialog at a time: errors that arrive while it is open are logged and counted in it.
    """

    caught = Signal(str, str)  # summary, details (queued to the GUI thread)

    def __init__(self, log_path: Path | None, parent=None):
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._previous = None
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> "ExceptionReporter":
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Unhandled exception\n%s", details)
        summary = error_text(exc) if isinstance(exc, LmlabError) else f"{exc_type.__name__}: {exc}"
        self.caught.emit(summary, details)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        self.count += 1
        if self.dialog is not None:
            self.dialog.setInformativeText(self._informative(self.count))
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("lmlab: something went wrong"),
                          self.tr("An unexpected error happened:\n{0}").format(summary), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("exceptionDialog")
        box.setInformativeText(self._informative(1))
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()  # not exec(): the app keeps running behind it

    def _informative(self, n: int) -> str:
        where = self.tr("The details are in the log file:\n{0}").format(self.log_path) if self.log_path else ""
        more = self.tr("\n({0} errors so far.)").format(n) if n > 1 else ""
        return self.tr("lmlab keeps running; you can carry on or save your work. {0}{1}").format(where, more)

    @Slot()
    def _closed(self) -> None:
        self.dialog = None
        self.count = 0


def _as_settings(settings) -> AppSettings:
    if settings is None:
        return AppSettings()
    if isinstance(settings, AppSettings):
        return settings
    if isinstance(settings, QSettings):
        return AppSettings(settings)
    return AppSettings.at(settings)  # a path to an INI file


def create_main_window(
    runs_dir: str | Path | None = None,
    settings: AppSettings | QSettings | str | Path | None = None,
    *,
    config: RunConfig | None = None,
    corpus: list[str] | None = None,
    extra_panels: bool = False,
) -> MainWindow:
    """The main window on its own session (a QApplication must exist).

    ``runs_dir``: explicit, else ``LMLAB_RUNS_DIR``, else the saved runs folder, else the default.
    ``settings``: an ``AppSettings``, a ``QSettings``, or a path to an INI file (tests); None: the user's.
    ``config`` and ``corpus`` (paths; [] is Shakespeare) override the saved configuration.
    ``extra_panels``: also add the Attention, Playground and Scaling tabs (``install_extra_panels``).
    """
    s = _as_settings(settings)
    runs = runs_dir or os.environ.get("LMLAB_RUNS_DIR") or s.runs_dir()
    cfg = config or s.load_config() or preset(DEFAULT_PRESET)
    session = Session(runs, cfg)
    window = MainWindow(session, s)
    session.setParent(window)
    paths = list(cfg.corpus) if corpus is None else list(corpus)
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        session.notice.emit("warning", QCoreApplication.translate("app", "The last corpus ({0}) is gone; using Shakespeare.").format(missing[0]))
        paths = []
    session.open_corpus(paths)
    if extra_panels:
        install_extra_panels(window)
    return window


def install_extra_panels(window: MainWindow) -> None:
    """Add the Attention, Inside, Playground, Scaling and Classify tabs, in that order."""
    attention.install(window)
    instruments.install(window)
    playground.install(window)
    guards.install(window)  # the Training panel's "open the best checkpoint" goes to the Playground
    scaling.install(window)
    classify.install(window)


_gui_gc: GuiGarbageCollector | None = None  # the app's one collector on the GUI thread (see ui/jobs.py)


def make_application(argv: list[str]) -> QApplication:
    QApplication.setApplicationName("lmlab")
    QApplication.setOrganizationName("lmlab")
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("lmlab")
    app = QApplication.instance() or QApplication(argv)
    app.setWindowIcon(app_icon())
    ensure_cjk_font()  # before the fallbacks are chosen: Chinese must not show as boxes
    app.setFont(with_cjk_fallback(app.font()))
    app.setStyleSheet(stylesheet())
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True)
    import torch

    from ..core.speed_choice import app_threads

    torch.set_num_threads(app_threads()[0])  # one core left to the window on small machines (the device readout says it)
    global _gui_gc
    if _gui_gc is None:
        _gui_gc = GuiGarbageCollector(parent=app).start()
    return app


def main(argv: list[str] | None = None) -> int:
    """Run the desktop app until its window closes; returns the exit code.

    ``argv`` (default ``sys.argv[1:]``): ``--runs-dir FOLDER``, ``--lang zh_CN`` (else ``LMLAB_LANG``, else
    View ▸ Language, else the system's), and Qt's own options (``-style``...).
    """
    problem = qt_binding_problem()
    if problem:
        print(f"lmlab: {problem}", file=sys.stderr)
        return 1
    import argparse

    parser = argparse.ArgumentParser(prog="lmlab", add_help=False)
    parser.add_argument("--runs-dir", default=None)
    parser.add_argument("--lang", default=None)
    opts, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    app = make_application([sys.argv[0] if sys.argv else "lmlab", *qt_args])
    settings = AppSettings()
    lang = install_translators(app, opts.lang, settings.language())
    log_path, handler = setup_logging()
    log.info("interface language: %s", lang)
    reporter = ExceptionReporter(log_path).install()
    try:
        try:
            window = create_main_window(runs_dir=opts.runs_dir, settings=settings, extra_panels=True)
        except Exception as e:  # noqa: BLE001 - before the event loop: say it in a box, not only on stderr
            log.exception("lmlab could not start")
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, QCoreApplication.translate("app", "lmlab could not start"), QCoreApplication.translate("app", "{0}\n\nDetails are in the log file:\n{1}").format(e, log_path))
            return 1
        window.show()
        return app.exec()
    finally:
        reporter.uninstall()
        logging.getLogger().removeHandler(handler)
        handler.close()
