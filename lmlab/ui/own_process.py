"""Run ▸ Train in a separate process: where the app trains a run, remembered in the settings.

On (the default), a run trains in a child process of its own that the app follows through the run
folder (``core.follow``), so the window never shares a process, and Python's lock, with torch's
threads: the app then trains as fast as headless (``lmlab bench --gui --baseline``, in
``docs/benchmarks.md``). Off, it trains in a worker thread of the app's process, which starts a
second or two sooner (no new Python to start) and is slower on small machines.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from .settings import AppSettings


def install_own_process_action(window: QMainWindow, run_menu: QMenu, settings: AppSettings) -> QAction:
    """Add the checkable action to ``run_menu`` and apply the remembered choice to the window's session."""
    act = QAction(QCoreApplication.translate("OwnProcess", "Train in a separate &process"), window)
    act.setObjectName("ownProcessAction")
    act.setCheckable(True)
    act.setToolTip(QCoreApplication.translate(
        "OwnProcess", "Train each run in a process of its own, so the window never slows it down; off, runs "
        "train inside the app (they start a moment sooner). Applies to the next run."))
    act.setStatusTip(act.toolTip())
    act.setChecked(settings.own_process())
    act.toggled.connect(lambda on: _apply(window, settings, on))
    run_menu.addAction(act)
    _apply(window, settings, act.isChecked())
    return act


def _apply(window, settings: AppSettings, on: bool) -> None:
    if on != settings.own_process():
        settings.set_own_process(on)
    window.session.trainer.own_process = on
    window.training_panel.show_config(window.session.config)  # the device readout says where it trains
