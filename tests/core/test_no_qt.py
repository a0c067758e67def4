"""lmlab.core and the CLI's core paths never import Qt (DESIGN: the core is Qt-free)."""

import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys, pkgutil, importlib, lmlab.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__):\n"
        "    importlib.import_module('lmlab.core.' + m.name)\n"
        "import lmlab.cli\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
