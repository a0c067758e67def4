"""lmlab.ui: the desktop app (PySide6 + pyqtgraph), the only package that imports Qt.

``lmlab.ui.app.main()`` runs it; ``create_main_window()`` builds the window for tests.
Panels are thin views over ``session.Session``; long work runs in ``workers``.
See docs/ui.md for the layout and the object names used by tests and automation.
"""


def main(argv=None) -> int:
    from .app import main as _main

    return _main(argv)
