"""Two painted widgets of the Inside area: a wrapping strip of coloured tokens, and a labelled grid.

``TokenStrip`` lays tokens out like text (a newline token ends its line), each on a background
of its own colour, and shows a per-token tooltip under the mouse. ``TokenGrid`` paints rows x
columns of cells, each with a short text on a colour, an optional outline, and a tooltip.
Both take plain lists, so the views decide what the colours mean.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ....core.attention_display import display_token
from ...resources import monospace_font

PAD = 3  # pixels inside a token's box, either side


def loss_color(loss: float, top: float) -> QColor:
    """White (0) to red (``top`` or more)."""
    t = max(0.0, min(1.0, loss / max(top, 1e-6)))
    return QColor.fromRgbF(1.0, 1.0 - 0.75 * t, 1.0 - 0.8 * t)


def change_color(delta: float, top: float) -> QColor:
    """Blue where the loss fell (improved), red where it rose, white unchanged."""
    t = max(-1.0, min(1.0, delta / max(top, 1e-6)))
    if t < 0:
        return QColor.fromRgbF(1.0 + 0.75 * t, 1.0 + 0.45 * t, 1.0)
    return QColor.fromRgbF(1.0, 1.0 - 0.75 * t, 1.0 - 0.8 * t)


def prob_color(p: float) -> QColor:
    """White (0) to a deep blue (1)."""
    p = max(0.0, min(1.0, p))
    return QColor.fromRgbF(1.0 - 0.8 * p, 1.0 - 0.6 * p, 1.0 - 0.15 * p)


def larger_monospace(scale: float = 1.25):
    font = monospace_font()
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


def text_on(color: QColor) -> QColor:
    return QColor("black") if color.lightnessF() > 0.55 else QColor("white")


@dataclass
class Cell:
    text: str
    color: QColor
    tip: str = ""
    outline: bool = False


def paint_cell(p: QPainter, r: QRect, c: Cell) -> None:
    """One cell: its colour, a green outline if marked, its text in black or white for contrast."""
    p.fillRect(r, c.color)
    if c.outline:
        p.setPen(QPen(QColor("#2a9d3a"), 2))
        p.drawRect(r.adjusted(1, 1, -1, -1))
    p.setPen(text_on(c.color))
    p.drawText(r, Qt.AlignmentFlag.AlignCenter, c.text)


class TokenStrip(QWidget):
    """Tokens as coloured boxes, wrapped like text; hover for a tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFont(larger_monospace())
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.cells: list[Cell] = []
        self._rects: list[QRect] = []
        self._laid_for = -1

    def set_cells(self, cells: list[Cell]) -> None:
        self.cells = cells
        self._laid_for = -1
        self.updateGeometry()
        self.update()

    def _layout(self, width: int) -> int:
        """Place the cells for ``width``; returns the height used."""
        fm = self.fontMetrics()
        h = fm.height() + 2 * PAD
        x = y = 0
        self._rects = []
        for c in self.cells:
            w = fm.horizontalAdvance(c.text) + 2 * PAD
            if x and x + w > width:
                x, y = 0, y + h + 2
            self._rects.append(QRect(x, y, w, h))
            x += w + 1
            if c.text.endswith("⏎"):
                x, y = 0, y + h + 2
        self._laid_for = width
        return y + h if self.cells else h

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._layout(width)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, self._layout(max(200, self.width())))

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self.setMinimumHeight(self._layout(self.width()))

    def paintEvent(self, ev) -> None:  # noqa: N802
        if self._laid_for != self.width():
            self.setMinimumHeight(self._layout(self.width()))
        p = QPainter(self)
        for c, r in zip(self.cells, self._rects):
            paint_cell(p, r, c)
        p.end()

    def index_at(self, pos: QPoint) -> int:
        return next((i for i, r in enumerate(self._rects) if r.contains(pos)), -1)

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802
        i = self.index_at(ev.position().toPoint())
        if i >= 0 and self.cells[i].tip:
            QToolTip.showText(ev.globalPosition().toPoint(), self.cells[i].tip, self, self._rects[i])
        else:
            QToolTip.hideText()


class TokenGrid(QWidget):
    """Rows x columns of labelled, coloured cells with row and column headers; hover for a tooltip."""

    CELL_CHARS = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFont(larger_monospace())
        self.setMouseTracking(True)
        self.rows: list[str] = []
        self.columns: list[str] = []
        self.cells: list[list[Cell]] = []

    def set_grid(self, rows: list[str], columns: list[str], cells: list[list[Cell]]) -> None:
        self.rows, self.columns, self.cells = rows, columns, cells
        self.setFixedSize(self.sizeHint())
        self.update()

    def _metrics(self) -> tuple[int, int, int, int]:
        fm = self.fontMetrics()
        cw = fm.horizontalAdvance("M" * self.CELL_CHARS) + 2 * PAD
        ch = fm.height() + 2 * PAD
        head_w = max([fm.horizontalAdvance(r) for r in self.rows] + [40]) + 2 * PAD
        return cw, ch, head_w, ch

    def sizeHint(self) -> QSize:  # noqa: N802
        cw, ch, head_w, head_h = self._metrics()
        return QSize(head_w + cw * max(1, len(self.columns)), head_h + ch * max(1, len(self.rows)))

    def cell_rect(self, row: int, col: int) -> QRect:
        cw, ch, head_w, head_h = self._metrics()
        return QRect(head_w + col * cw, head_h + row * ch, cw - 1, ch - 1)

    def paintEvent(self, ev) -> None:  # noqa: N802
        p = QPainter(self)
        cw, ch, head_w, head_h = self._metrics()
        fg = self.palette().windowText().color()
        p.setPen(fg)
        for j, label in enumerate(self.columns):
            p.drawText(QRect(head_w + j * cw, 0, cw, head_h), Qt.AlignmentFlag.AlignCenter, label)
        for i, label in enumerate(self.rows):
            p.setPen(fg)
            p.drawText(QRect(0, head_h + i * ch, head_w - PAD, ch), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, label)
            for j, c in enumerate(self.cells[i]):
                paint_cell(p, self.cell_rect(i, j), c)
        p.end()

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802
        pos = ev.position().toPoint()
        cw, ch, head_w, head_h = self._metrics()
        i, j = (pos.y() - head_h) // ch, (pos.x() - head_w) // cw
        if pos.y() >= head_h and pos.x() >= head_w and 0 <= i < len(self.rows) and 0 <= j < len(self.columns):
            tip = self.cells[i][j].tip
            if tip:
                QToolTip.showText(ev.globalPosition().toPoint(), tip, self, self.cell_rect(i, j))
                return
        QToolTip.hideText()


def shown(piece: str, max_chars: int = 12) -> str:
    """A token as it is drawn in a box: whitespace visible, a newline as ⏎."""
    return display_token(piece, max_chars)
