"""lmlab.core: everything that knows about language models, and nothing about Qt.

The desktop app (``lmlab.ui``), the command line (``lmlab.cli``) and the tests all
drive these modules; a test checks that importing them never loads PySide6.
"""
