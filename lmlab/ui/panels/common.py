"""Small pieces the panels share: number formatting, field error marking, a scientific spin box.

    >>> human_count(1_234_567)
    '1.23 M'
    >>> human_duration(200)
    '3 min 20 s'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPalette, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QFrame, QLabel, QSpinBox, QWidget

from ..resources import error_color

# -- accessibility -----------------------------------------------------------------------------


def name_widget(widget: QWidget, object_name: str, accessible: str, description: str = "") -> QWidget:
    """Give a control its objectName (automation) and accessible name/description (screen readers)."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    if description:
        widget.setAccessibleDescription(description)
        if not widget.toolTip():
            widget.setToolTip(description)
    return widget


# -- field errors -------------------------------------------------------------------------------


def set_progress(bar, lo: int, hi: int, value: int, fmt: str) -> None:
    """Show a value on a ``QProgressBar`` without its synchronous repaint.

    ``QProgressBar.setValue`` repaints at once (a few ms with a style sheet), on every training
    event; here only what changed is set, with updates held, and the bar repaints with the
    window's next frame.
    """
    if (bar.minimum(), bar.maximum(), bar.value(), bar.format()) == (lo, hi, value, fmt):
        return
    bar.setUpdatesEnabled(False)
    try:
        if (bar.minimum(), bar.maximum()) != (lo, hi):
            bar.setRange(lo, hi)
        bar.setValue(value)
        bar.setFormat(fmt)
    finally:
        bar.setUpdatesEnabled(True)
    bar.update()


def export_to(path: str | None, suffix: str, write: Callable[[Path], None],
              show_error: Callable[[str], None]) -> Path | None:
    """Write an export where the user chose (``suffix`` added when missing); the path, or None.

    None when no path was chosen, or when writing failed: then ``show_error`` got a sentence
    ("Cannot save /x/plot.png: Permission denied."); an export never raises.
    """
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() != suffix:
        p = p.with_name(p.name + suffix)
    try:
        write(p)
    except OSError as e:
        show_error(QCoreApplication.translate("panels.common", "Cannot save {0}: {1}.").format(p, e.strerror or e))
        return None
    except Exception as e:  # noqa: BLE001 - a rendering problem is reported, never raised
        show_error(QCoreApplication.translate("panels.common", "Cannot save {0}: {1}: {2}").format(p, type(e).__name__, e))
        return None
    return p


class _CloseWatcher(QObject):
    def __init__(self, window: QWidget, on_close: Callable[[], None]):
        super().__init__(window)
        self._window, self._on_close = window, on_close

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 (Qt naming)
        if obj is self._window and ev.type() == QEvent.Type.Close:
            self._on_close()
        return False


def on_window_close(window: QWidget, on_close: Callable[[], None]) -> None:
    """Call ``on_close()`` when ``window`` gets a close event (a panel stops its threads there)."""
    window.installEventFilter(_CloseWatcher(window, on_close))


class MessageLabel(QLabel):
    """A word-wrapped sentence under a field or panel; hidden while empty; red for errors."""

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._level = "error"
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        if text == self.text() and level == self._level and self.isHidden() != bool(text):
            return  # unchanged: a new palette would re-lay and repaint the panel around it
        self._level = level
        self.setText(text)
        spoken = {"error": self.tr("error: {0}"), "warning": self.tr("warning: {0}"), "info": self.tr("info: {0}")}
        self.setAccessibleName(spoken.get(level, "{0}").format(text) if text else "")
        self._apply_color()
        self.setVisible(bool(text))

    def _apply_color(self) -> None:
        pal = self.palette()
        if self._level == "error":
            color = error_color(self.parentWidget().palette() if self.parentWidget() else pal)
        else:
            color = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        pal.setColor(QPalette.ColorRole.WindowText, color)
        self.setPalette(pal)

    def changeEvent(self, ev) -> None:  # noqa: N802
        super().changeEvent(ev)
        if ev.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply_color()


class _InvalidOverlay(QFrame):
    """A red frame drawn over a field; the field itself keeps the platform's look (a style sheet on a
    spin box would replace its native arrows)."""

    def __init__(self, field: QWidget):
        super().__init__(field)
        self.setObjectName("invalidOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        field.installEventFilter(self)
        self._update_style()
        self._fit()

    def _update_style(self) -> None:
        red = error_color(self.parentWidget().palette()).name()
        self.setStyleSheet(f"QFrame#invalidOverlay {{ border: 2px solid {red}; border-radius: 4px; "
                           "background: transparent; }")

    def _fit(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is self.parentWidget():
            if ev.type() == QEvent.Type.Resize:
                self._fit()
            elif ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
                self._update_style()
        return False


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Red frame around a field that holds an impossible value (and the ``invalid`` property)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    overlay = widget.findChild(_InvalidOverlay, "invalidOverlay", Qt.FindChildOption.FindDirectChildrenOnly)
    if invalid:
        overlay = overlay or _InvalidOverlay(widget)
        overlay._fit()
        overlay.show()
    elif overlay is not None:
        overlay.hide()


def compact_combo(combo, chars: int = 10):
    """Let a combo box shrink below its longest item (the popup still shows the whole text)."""
    from PySide6.QtWidgets import QComboBox

    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def hint_label(text: str = "", object_name: str = "") -> QLabel:
    """A muted explanatory label."""
    lab = QLabel(text)
    if object_name:
        lab.setObjectName(object_name)
    lab.setWordWrap(True)
    pal = lab.palette()
    pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
    lab.setPalette(pal)
    return lab


# -- inputs ------------------------------------------------------------------------------------------


class WheelGuard(QObject):
    """Scrolling over an unfocused spin box or combo scrolls the panel instead of changing the value."""

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if ev.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            ev.ignore()
            return True
        return False


def guard_wheel(*widgets: QWidget) -> None:
    for w in widgets:
        guard = w.findChild(WheelGuard) or WheelGuard(w)
        w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        w.installEventFilter(guard)


class _Compact:
    """Spin boxes whose minimum width does not grow with the largest value they allow."""

    COMPACT_WIDTH = 76

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        h = super().minimumSizeHint()
        return QSize(min(h.width(), self.COMPACT_WIDTH), h.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        h = super().sizeHint()
        return QSize(min(h.width(), self.COMPACT_WIDTH + 40), h.height())


class CompactSpinBox(_Compact, QSpinBox):
    pass


class CompactDoubleSpinBox(_Compact, QDoubleSpinBox):
    pass


_FLOAT = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")
_PARTIAL = re.compile(r"^\s*[+-]?(\d*\.?\d*)([eE][+-]?\d*)?\s*$")


class SciSpinBox(QDoubleSpinBox):
    """A spin box for values like learning rates: shows and accepts ``3e-4``; steps multiply by ~2."""

    def __init__(self, minimum: float = 1e-8, maximum: float = 10.0, parent=None):
        super().__init__(parent)
        self.setDecimals(12)  # keep the typed value exact; display is textFromValue's job
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def textFromValue(self, value: float) -> str:  # noqa: N802
        if value == 0:
            return "0"
        if 1e-3 <= abs(value) < 1e4:
            return f"{value:.6g}"
        mant, exp = f"{value:.3e}".split("e")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}e{int(exp)}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        if _FLOAT.match(text):
            v = float(text)
            state = QValidator.State.Acceptable if self.minimum() <= v <= self.maximum() else QValidator.State.Intermediate
            return state, text, pos
        if _PARTIAL.match(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        v = self.value() * (2.0 ** steps)
        self.setValue(min(self.maximum(), max(self.minimum(), v)))
