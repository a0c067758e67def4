"""The generated text, one coloured span per token.

``TokenView`` shows a branch: the prompt in the normal text colour, then each
generated token on a background from red (unlikely) through yellow to green (likely)
by the model's probability of it (``prob_color``: a log scale, light and dark variants
so the text stays readable). Every token is an anchor ``"<index>"``: hovering shows its top
alternatives (``token_tooltip``), clicking selects it (``token_clicked``), and the
context menu offers the alternatives to branch from there (``branch_requested``).
Newlines inside tokens are shown as ``↵`` followed by the line break, and control
characters (an undertrained byte-level model writes any byte) as their visible
symbols, so every token has something to hover (``visible``).
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from ....core.generate import GeneratedToken
from ...resources import is_dark, with_cjk_fallback
from ....core.branches import display_piece

NEWLINE_MARK = "↵"
# Control characters as Unicode "control pictures" (tab and newline excepted); line and paragraph separators too,
# which a text document would otherwise turn into line breaks.
_VISIBLE = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10)}
_VISIBLE.update({0x7F: "␡", 0x85: "␤", 0x2028: "␤", 0x2029: "¶"})


def visible(text: str, newline_mark: bool = True) -> str:
    """``text`` as the view shows it: 'a\rb\n' -> 'a␍b↵\n' (without the ↵ when ``newline_mark`` is False)."""
    t = text.translate(_VISIBLE)
    return t.replace("\n", NEWLINE_MARK + "\n") if newline_mark else t


def _utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of positions in a QTextDocument: '中' -> 1, '😀' -> 2."""
    return len(text.encode("utf-16-le")) // 2


LOG_FLOOR = 1e-3  # the colour scale is logarithmic from 0.1 % (red) through 3 % (yellow) to 100 % (green)


def prob_position(p: float) -> float:
    """Where ``p`` sits on the colour scale, 0..1: 0.001 -> 0, 0.0316 -> 0.5, 1 -> 1 (0 and NaN -> 0)."""
    if not math.isfinite(p) or p <= LOG_FLOOR:
        return 0.0
    return min(1.0, math.log10(p / LOG_FLOOR) / -math.log10(LOG_FLOOR))


def prob_color(p: float, dark: bool, odd: bool = False) -> QColor:
    """Background for a token of probability ``p``: red (≤ 0.1 %) → yellow (3 %) → green (100 %).

    Logarithmic, because what matters is how surprised the model was: 50 % and 90 % are
    both "expected", 1 % and 0.1 % are both surprises but different ones. Light theme: pale
    tints under dark text; dark theme: deep shades under light text. ``odd`` shifts the
    lightness a little so neighbouring tokens of similar probability stay distinguishable.
    Example: prob_color(1.0, False) is a pale green.
    """
    hue = 120.0 * prob_position(p) / 360.0
    if dark:
        return QColor.fromHslF(hue, 0.55, 0.27 + (0.04 if odd else 0.0))
    return QColor.fromHslF(hue, 0.85, 0.83 - (0.04 if odd else 0.0))


class TokenView(QTextEdit):
    """Read-only, selectable text of one branch with per-token colours, tooltips and a branch menu."""

    token_clicked = Signal(int)  # index of the token clicked
    branch_requested = Signal(int, int)  # token index, alternative token id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setMouseTracking(True)
        font = with_cjk_fallback(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self.tokenizer = None
        self.tokens: list[GeneratedToken] = []
        self.forced: set[int] = set()
        self._starts: list[int] = []  # document position where each token's text starts
        self._selected: int | None = None
        self._press: QPoint | None = None
        self._dark = is_dark(self.palette())

    # -- content ---------------------------------------------------------------------------
    def show_branch(self, prompt: str, tokens: list[GeneratedToken], tail: str, forced: set[int],
                    tokenizer) -> None:
        """Replace the content with ``prompt`` + ``tokens`` (+ ``tail``)."""
        self.tokenizer = tokenizer
        self.tokens = []
        self.forced = set(forced)
        self._starts = []
        self._selected = None
        self._dark = is_dark(self.palette())
        self.clear()
        self.setExtraSelections([])
        cur = self._end_cursor()
        cur.insertText(visible(prompt, newline_mark=False), self._plain_format())
        self.append_tokens(tokens)
        if tail:
            self.append_tail(tail)

    def append_tokens(self, tokens: list[GeneratedToken]) -> None:
        """Add tokens at the end (streaming)."""
        if not tokens:
            return
        sb = self.verticalScrollBar()
        at_bottom = sb.value() >= sb.maximum() - 4
        cur = self._end_cursor()
        cur.beginEditBlock()
        for t in tokens:
            i = len(self.tokens)
            self.tokens.append(t)
            self._starts.append(cur.position())
            if t.text:
                cur.insertText(visible(t.text), self._token_format(i, t))
        cur.endEditBlock()
        if at_bottom:
            sb.setValue(sb.maximum())

    def append_tail(self, tail: str) -> None:
        self._end_cursor().insertText(visible(tail), self._plain_format())

    def _end_cursor(self) -> QTextCursor:
        cur = QTextCursor(self.document())
        cur.movePosition(QTextCursor.MoveOperation.End)
        return cur

    def _plain_format(self) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setForeground(self.palette().color(QPalette.ColorRole.Text))
        return f

    def _token_format(self, i: int, t: GeneratedToken) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setAnchor(True)
        f.setAnchorHref(str(i))
        f.setBackground(prob_color(t.raw_prob, self._dark, odd=i % 2 == 1))
        f.setForeground(self.palette().color(QPalette.ColorRole.Text))
        if i in self.forced:  # chosen by the user: underlined
            f.setFontUnderline(True)
            f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        return f

    def plain_text(self) -> str:
        """The shown text without the newline marks (what Copy puts on the clipboard)."""
        return self.toPlainText().replace(NEWLINE_MARK + "\n", "\n")

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText().replace(NEWLINE_MARK + "\n", "\n"))
        return data

    # -- token lookup -----------------------------------------------------------------------------
    def token_at(self, pos: QPoint) -> int | None:
        """Index of the token under viewport position ``pos``, if any."""
        href = self.anchorAt(pos)
        if href and href.isdigit():
            i = int(href)
            return i if i < len(self.tokens) else None
        return None

    def token_rect_center(self, i: int) -> QPoint:
        """Viewport position inside token ``i`` (for tests and keyboard menus)."""
        cur = QTextCursor(self.document())
        cur.setPosition(self._starts[i] + 1)
        return self.cursorRect(cur).center() - QPoint(2, 0)

    def token_tooltip(self, i: int) -> str:
        """Rich text: the token, its probabilities and its top alternatives."""
        t = self.tokens[i]
        esc = html.escape
        piece = esc(display_piece(self.tokenizer, t.id) if self.tokenizer is not None else t.text)
        rows = []
        for alt_id, alt_piece, p in t.alternatives:
            label = esc(display_piece(self.tokenizer, alt_id, alt_piece) if self.tokenizer is not None else alt_piece)
            mark = " ◀" if alt_id == t.id else ""
            rows.append(f"<tr><td><code>{label}</code></td><td align='right'>&nbsp;{100 * p:.1f}%</td>"
                        f"<td>{mark}</td></tr>")
        if i in self.forced:
            how = self.tr("chosen by you")
        elif math.isfinite(t.prob):
            how = self.tr("sampled with p = {0:.1f}%").format(100 * t.prob)
        else:
            how = ""
        return (self.tr("<b><code>{0}</code></b> &nbsp;token {1} · id {2}<br>model probability {3:.1f}%{4}<table cellspacing='0'>{5}</table><i>Right-click to continue from here with another token.</i>").format(piece, i + 1, t.id, 100 * t.raw_prob, (' · ' + how) if how else '', ''.join(rows)))

    # -- selection ---------------------------------------------------------------------------------
    @property
    def selected(self) -> int | None:
        return self._selected

    def select_token(self, i: int | None) -> None:
        self._selected = i if i is not None and 0 <= i < len(self.tokens) else None
        sels = []
        if self._selected is not None and self.tokens[self._selected].text:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.document())
            start = self._starts[self._selected]
            cur.setPosition(start)
            n = _utf16_len(visible(self.tokens[self._selected].text))
            cur.setPosition(start + n, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            sel.format.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
            sel.format.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
            sels.append(sel)
            self._scroll_to(cur)
        self.setExtraSelections(sels)

    def _scroll_to(self, cur: QTextCursor) -> None:
        """Centre the text at ``cur`` if it is out of sight (the text cursor and selection stay as they are)."""
        rect = self.cursorRect(cur)
        view = self.viewport().rect()
        if rect.top() < view.top() or rect.bottom() > view.bottom():
            sb = self.verticalScrollBar()
            sb.setValue(sb.value() + rect.center().y() - view.center().y())

    # -- events ------------------------------------------------------------------------------------
    def viewportEvent(self, ev) -> bool:  # noqa: N802
        if ev.type() == ev.Type.ToolTip:
            i = self.token_at(ev.pos())
            if i is not None:
                QToolTip.showText(ev.globalPos(), self.token_tooltip(i), self.viewport())
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().viewportEvent(ev)

    def mousePressEvent(self, ev) -> None:  # noqa: N802
        self._press = ev.position().toPoint()
        super().mousePressEvent(ev)

    def mouseReleaseEvent(self, ev) -> None:  # noqa: N802
        super().mouseReleaseEvent(ev)
        pos = ev.position().toPoint()
        moved = self._press is not None and (pos - self._press).manhattanLength() > 4
        self._press = None
        if ev.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            i = self.token_at(pos)
            if i is not None:
                self.select_token(i)
                self.token_clicked.emit(i)

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802
        super().mouseMoveEvent(ev)
        over = self.token_at(ev.position().toPoint()) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor)

    def contextMenuEvent(self, ev) -> None:  # noqa: N802
        i = self.token_at(self.viewport().mapFromGlobal(ev.globalPos()))
        menu = self.createStandardContextMenu() if i is None else self.branch_menu(i)
        menu.exec(ev.globalPos())
        menu.deleteLater()

    def branch_menu(self, i: int) -> QMenu:
        """A menu of token ``i``'s alternatives; choosing one emits ``branch_requested(i, id)``."""
        self.select_token(i)
        self.token_clicked.emit(i)
        menu = QMenu(self)
        menu.setObjectName("tokenBranchMenu")
        menu.setAccessibleName(self.tr("Continue with another token"))
        menu.setToolTipsVisible(True)
        head = menu.addAction(self.tr("Continue from token {0} with…").format(i + 1))
        head.setEnabled(False)
        t = self.tokens[i]
        for alt_id, piece, p in t.alternatives:
            label = display_piece(self.tokenizer, alt_id, piece) if self.tokenizer is not None else piece
            act = menu.addAction(f"{label}\t{100 * p:.1f}%")
            act.setData(alt_id)
            if alt_id == t.id:
                act.setEnabled(False)
            act.triggered.connect(lambda _c=False, a=alt_id: self.branch_requested.emit(i, a))
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"))
        copy.setEnabled(self.textCursor().hasSelection())
        copy.triggered.connect(self.copy)
        return menu


class ProbabilityLegend(QWidget):
    """A small gradient bar, as the token backgrounds: 0.1 % red … 3 % yellow … 100 % green."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("probabilityLegend")
        self.setAccessibleName(self.tr("Colour scale: token probability from 0.1% (red) through 3% (yellow) to 100% (green)"))
        self.setToolTip(self.tr("Token background: the model's probability of that token, on a log scale:\n"
                        "red ≤ 0.1% (a surprise), yellow 3%, green 100% (what the model expected)"))
        fm = self.fontMetrics()
        self.setFixedSize(fm.horizontalAdvance("0.1% ") + 90 + fm.horizontalAdvance(" 100%"), fm.height() + 4)

    def paintEvent(self, _ev) -> None:  # noqa: N802
        p = QPainter(self)
        dark = is_dark(self.palette())
        fm = self.fontMetrics()
        left, right = fm.horizontalAdvance("0.1% "), fm.horizontalAdvance(" 100%")
        bar = self.rect().adjusted(left, 3, -right, -3)
        g = QLinearGradient(bar.left(), 0, bar.right(), 0)
        for k in range(11):
            g.setColorAt(k / 10, prob_color(LOG_FLOOR ** (1 - k / 10), dark))
        p.fillRect(bar, g)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "0.1%")
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, "100%")
        p.end()
