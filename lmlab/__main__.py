"""``python -m lmlab``, and the entry point of the desktop executable (``lmlab.spec``): ``lmlab.cli.main()``.

The executable is both the app and the CLI, like the installed ``lmlab`` command: with no
arguments it opens the window; ``lmlab train ...``, ``lmlab --version`` and the rest work as usual.

``LMLAB_SMOKE_TEST`` (for packaging checks, see ``tests/packaging``) makes the desktop app quit
by itself and report one line on stderr:

* ``1``: once the window is shown and its corpus is loaded (with a clean settings folder, the
  default Shakespeare corpus), checking the window icon and style sheet were found and that
  every lmlab module imports; the report names the interface language, the first menu's title
  and the CJK font in use (a bundle missing a dependency of a rarely used module fails here,
  not in a user's hands). Exit code 0; 1 if the corpus failed to load, a resource is missing or a
  module does not import; 3 after ``LMLAB_SMOKE_TIMEOUT`` seconds (default 300).
* ``crash``: as ``1``, then raises an exception in a Qt slot and exits 0 only if the crash dialog
  appeared naming the log file, and the log file holds the traceback.
"""

from __future__ import annotations

import os
import sys

SMOKE_ENV = "LMLAB_SMOKE_TEST"
SMOKE_TIMEOUT_ENV = "LMLAB_SMOKE_TIMEOUT"
SMOKE_CRASH_MESSAGE = "lmlab smoke test: a deliberate crash"


def _frozen_argv(argv: list[str]) -> list[str]:
    """The frozen executable is also "the Python" (``sys.executable``): code that starts
    ``sys.executable -m lmlab.cli train ...`` (parallel sweeps) arrives here with ``-m lmlab.cli``,
    and torchrun starts its workers as ``sys.executable -u -m lmlab train ...``."""
    if not getattr(sys, "frozen", False):
        return argv
    rest = argv[1:]
    while rest and rest[0] == "-u":  # unbuffered output: the bundle's streams are set up by lmlab
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] == "-m" and rest[1].split(".")[0] == "lmlab":
        return argv[:1] + rest[2:]
    return argv[:1] + rest


def _frozen_module(argv: list[str]) -> int | None:
    """``-m torch.distributed.run ARGS`` in the frozen executable (the app's multi-GPU runs): run torchrun."""
    if getattr(sys, "frozen", False) and len(argv) >= 3 and argv[1] == "-m" and argv[2] == "torch.distributed.run":
        from torch.distributed.run import main as torchrun_main

        sys.argv = ["torchrun", *argv[3:]]
        torchrun_main(argv[3:])
        return 0
    return None


def install_smoke_test(mode: str, timeout_s: float) -> None:
    """Make ``lmlab.ui.app.main`` quit by itself once its window is up and its corpus loaded."""
    from lmlab.ui import app as app_module

    original = app_module.create_main_window

    def create_main_window(*args, **kwargs):
        window = original(*args, **kwargs)
        _SmokeWatch(window, mode, timeout_s)
        return window

    app_module.create_main_window = create_main_window


class _SmokeWatch:
    def __init__(self, window, mode: str, timeout_s: float):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.window = window
        self.mode = mode
        self.app = QApplication.instance()
        self.done = False
        self.crashed = False
        window._lmlab_smoke = self  # lives as long as the window
        window.session.corpusChanged.connect(lambda _st: self.check())
        self.timer = QTimer(window)
        self.timer.timeout.connect(self.check)
        self.timer.start(200)
        QTimer.singleShot(int(timeout_s * 1000), window, lambda: self.finish(3, f"timed out after {timeout_s:g} s"))

    def finish(self, code: int, message: str) -> None:
        if self.done:
            return
        self.done = True
        self.timer.stop()
        print(f"lmlab smoke test: {'ok' if code == 0 else 'FAILED'}: {message}", file=sys.stderr, flush=True)
        self.app.setQuitOnLastWindowClosed(False)
        self.window.close()  # saves settings and waits for the session's threads
        self.app.exit(code)

    def check(self) -> None:
        if self.done:
            return
        if self.crashed:
            self._check_crash_dialog()
            return
        st = self.window.session.corpus_state
        if st.error and not st.scanning:
            self.finish(1, f"the corpus did not load: {st.error}")
            return
        if not (st.loaded and not st.scanning and self.window.isVisible()):
            return
        problems = []
        if self.app.windowIcon().isNull():
            problems.append("no window icon (resources/ not found)")
        if not self.app.styleSheet():
            problems.append("no style sheet (resources/lmlab.qss not found)")
        imported, failures = import_every_lmlab_module()
        problems += failures
        if imported < 10:
            problems.append(f"only {imported} lmlab modules found to import")
        if problems:
            self.finish(1, "; ".join(problems))
            return
        from PySide6.QtCore import QLocale

        from lmlab.ui.fonts import ensure_cjk_font

        self.report = (f"window shown; corpus {st.label!r} loaded ({'default' if not st.sources else 'chosen'}): "
                       f"{st.stats.characters:,} characters in {st.stats.documents} documents; "
                       f"{imported} lmlab modules import; language {QLocale().name()}, menu "
                       f"{self.window.menuBar().actions()[0].text()!r}, CJK font {ensure_cjk_font() or 'of the system'}")
        if self.mode != "crash":
            self.finish(0, self.report)
            return
        from PySide6.QtCore import QTimer

        self.crashed = True
        QTimer.singleShot(0, self.window, _crash)

    def _check_crash_dialog(self) -> None:
        from PySide6.QtWidgets import QApplication

        for w in QApplication.topLevelWidgets():
            if w.objectName() == "exceptionDialog" and w.isVisible():
                from lmlab.ui.app import log_file_path

                log = log_file_path()
                text = w.informativeText()
                logged = log.is_file() and SMOKE_CRASH_MESSAGE in log.read_text(encoding="utf-8", errors="replace")
                if str(log) in text and logged and SMOKE_CRASH_MESSAGE in w.text():
                    self.finish(0, f"{self.report}; crash dialog shown, naming the log file {log}")
                else:
                    self.finish(1, f"the crash dialog does not name the log file {log} or the log lacks the error "
                                   f"(dialog: {w.text()!r} / {text!r}; logged: {logged})")
                return


def import_every_lmlab_module() -> tuple[int, list[str]]:
    """Import every module of the lmlab package: (how many imported, one line per failure)."""
    import importlib
    import pkgutil

    import lmlab

    imported, failures = 0, []
    for info in pkgutil.walk_packages(lmlab.__path__, "lmlab."):
        if info.name == "lmlab.__main__":
            continue
        try:
            importlib.import_module(info.name)
            imported += 1
        except Exception as e:  # noqa: BLE001 - reported, the smoke test fails
            failures.append(f"{info.name} does not import: {type(e).__name__}: {e}")
    return imported, failures


def _crash() -> None:
    raise RuntimeError(SMOKE_CRASH_MESSAGE)


def main() -> int:
    sys.argv = _frozen_argv(sys.argv)
    code = _frozen_module(sys.argv)
    if code is not None:
        return code
    mode = os.environ.get(SMOKE_ENV, "").strip().lower()
    if mode and mode != "0":
        install_smoke_test(mode, float(os.environ.get(SMOKE_TIMEOUT_ENV, "300")))
    from lmlab.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
