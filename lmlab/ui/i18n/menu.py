"""View ▸ Language: follow the system, English, 简体中文; remembered in the settings, applied at the next start.

The window's texts are set once when it is built, so a new language takes effect when lmlab starts
again; the app says so when one is chosen. Each language is named in itself, as language menus do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from ..settings import AppSettings
from . import LANGUAGES, SYSTEM, resolve_language


def install_language_menu(window: QMainWindow, view_menu: QMenu, settings: AppSettings) -> QMenu:
    """Add the Language submenu to ``view_menu``; returns it (its actions are named ``language_<code>``)."""
    menu = view_menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = settings.language()
    names = {SYSTEM: QCoreApplication.translate("LanguageMenu", "Follow the system"), **LANGUAGES}
    for code, name in names.items():
        act = QAction(name, menu)
        act.setObjectName(f"language_{code or 'system'}")
        act.setCheckable(True)
        act.setChecked(code == chosen)
        act.setToolTip(QCoreApplication.translate("LanguageMenu", "The interface language; it applies when lmlab "
                                                                  "starts again"))
        act.triggered.connect(lambda _checked=False, c=code: _choose(window, settings, c))
        group.addAction(act)
        menu.addAction(act)
    return menu


def _choose(window: QMainWindow, settings: AppSettings, code: str) -> None:
    if code == settings.language():
        return
    settings.set_language(code)
    settings.sync()
    shown = LANGUAGES[resolve_language(None, code)]
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("LanguageMenu", "Language"),
                      QCoreApplication.translate("LanguageMenu", "lmlab will show {0} when it starts again.").format(shown),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("languageRestartNotice")
    box.open()
