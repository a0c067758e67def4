"""The pane's memorisation check: **Copied** highlights the longest span of the output found verbatim
in the run's training text (``core.guards.memorise``), and says how long it is.

The check runs as the job ``core.jobs.memorise.copied_span`` on the job runner (the first time for a
run it indexes the training text, a second or so for 1 MB; then milliseconds), again after every
generation and branch shown while the button is down. The span is drawn with a dotted red underline
(the token colours stay), and its length and where it starts are in the label beside the button and
in its tooltip. Only the generated text is checked, not the prompt the user typed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QToolButton

from ....core.errors import LmlabError
from ....core.guards.memorise import CopiedSpan
from ....core.interop.hf_load import is_hf_folder
from ....core.jobs.memorise import copied_span
from ...jobs import JobSlot
from ..common import name_widget
from .text import _utf16_len, visible

MIN_SHOWN = 8  # shorter copies are everyday words and phrases: said, not drawn


class CopiedSpans(QObject):
    """The toggle and its label for one ``OutputPane`` (see the module docstring)."""

    def __init__(self, pane):
        super().__init__(pane)
        self.pane = pane
        self.span: CopiedSpan | None = None  # the last answer for the shown branch
        self.button = name_widget(QToolButton(), f"{pane.name}CopiedButton", self.tr("Show copied spans"),
                                  self.tr("Highlight the longest part of the output copied verbatim from the "
                                          "training text"))
        self.button.setText(self.tr("Copied"))
        self.button.setCheckable(True)
        self.label = QLabel("")
        self.label.setObjectName(f"{pane.name}CopiedLabel")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(8, 0, 0, 0)  # apart from the statistics before it
        self._slot = JobSlot(f"copy-check-{pane.name}")
        self.button.toggled.connect(self._toggled)
        pane.generation_finished.connect(self.refresh)
        pane.branch_shown.connect(self.refresh)

    def _toggled(self, on: bool) -> None:
        if on:
            self.refresh()
        else:
            self._slot.cancel()
            self.span = None
            self.label.setText("")
            if self.pane.current_branch() is not None:
                self.pane.show_branch(self.pane.branch_combo.currentIndex())  # drawn again without the underline

    def refresh(self) -> None:
        """Check the shown branch's output (when the button is down)."""
        b, path = self.pane.current_branch(), self.pane.run_path()
        if not self.button.isChecked() or b is None or path is None:
            return
        if is_hf_folder(path):
            self.label.setText(self.tr("no training text for this model"))
            return
        text = "".join(t.text for t in b.tokens)
        self.label.setText(self.tr("checking…"))
        self._slot.start(copied_span, path, text, on_return=lambda span: self._show(b, span),
                         on_error=self._failed)

    def _failed(self, e: BaseException) -> None:
        self.label.setText(str(e) if isinstance(e, LmlabError) else self.tr("The check failed: {0}").format(e))

    def _show(self, branch, span: CopiedSpan | None) -> None:
        if branch is not self.pane.current_branch() or not self.button.isChecked():
            return  # another branch is shown now: its own check follows
        self.span = span
        n = span.length if span else 0
        self.label.setText(self.tr("longest copy: %n character(s), underlined", "", n) if n >= MIN_SHOWN
                           else self.tr("longest copy: %n character(s)", "", n))
        self.button.setToolTip(self.tr("The longest part of the output found verbatim in the training text: "
                                       "%n character(s)", "", n))
        if span is not None and n >= MIN_SHOWN:
            self._underline(branch, span)

    def _underline(self, branch, span: CopiedSpan) -> None:
        """A dotted red underline over the span's characters in the view (positions in UTF-16 units)."""
        view = self.pane.view
        first = last = None
        offset = 0
        for i, t in enumerate(branch.tokens):  # raw character offset -> document position, per token
            for k in range(len(t.text)):
                if span.start <= offset + k < span.end:
                    end = view._starts[i] + _utf16_len(visible(t.text[: k + 1]))
                    first = view._starts[i] + _utf16_len(visible(t.text[:k])) if first is None else first
                    last = end
            offset += len(t.text)
        if first is None:
            return
        cur = QTextCursor(view.document())
        cur.setPosition(first)
        cur.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor("#d62728"))
        cur.mergeCharFormat(fmt)

    def shutdown(self) -> None:
        self._slot.shutdown()
