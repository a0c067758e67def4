"""A one-line label for text that changes while a run trains (step, tokens/s), without re-laying out the window.

``QLabel.setText`` always calls ``updateGeometry()``, and every layout above it passes that on up to
the main window (``QLayout::activate`` ends in ``updateGeometry()`` on its widget), so a status line
updated at each logged step re-laid out the whole window and repainted the training panel's buttons,
combo boxes and plots: ``lmlab bench --gui`` counted 650 paint events in 100 steps, 250 without it,
and that work is taken from training. ``SteadyLabel`` paints its own text: a new text only repaints
the label, and its size hint grows (in steps of 40 pixels) only when a text no longer fits.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

GROW_PX = 40


class SteadyLabel(QWidget):
    """``text()`` / ``setText()`` like a QLabel's; elided on the right when narrower than its text."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, object_name: str = ""):
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self._text = ""
        self._width = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        if text == self._text:
            return
        self._text = text
        self.setAccessibleDescription(text)
        self.setToolTip(text)  # whole, where the label is too narrow for it
        m = self.contentsMargins()
        need = self.fontMetrics().horizontalAdvance(text) + m.left() + m.right()
        if need > self._width:  # grow in steps: a number that gains a digit does not re-lay out each time
            self._width = need + GROW_PX - need % GROW_PX
            self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        m = self.contentsMargins()
        return QSize(self._width, self.fontMetrics().height() + m.top() + m.bottom() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        if not self._text:
            return
        p = QPainter(self)
        r = self.contentsRect()
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, r.width())
        p.drawText(r, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        p.end()
