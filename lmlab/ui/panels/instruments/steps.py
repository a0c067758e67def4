"""A slider over the steps a run recorded, that keeps to the newest while it is there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget


class StepSlider(QWidget):
    changed = Signal(int)  # the index now chosen

    def __init__(self, title: str, object_name: str, accessible: str, parent=None):
        super().__init__(parent)
        self.steps: list[int] = []
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName(object_name)
        self.slider.setAccessibleName(accessible)
        self.slider.setEnabled(False)
        self.title = QLabel(title, self)
        self.label = QLabel("", self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("step 000,000"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.label)
        self.slider.valueChanged.connect(self._moved)

    def set_steps(self, steps: list[int]) -> None:
        """New steps; the slider stays on its step, or on the newest if it was there."""
        at_end = not self.steps or self.slider.value() >= len(self.steps) - 1
        old = self.current_step()
        self.steps = list(steps)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(steps) - 1))
        self.slider.setEnabled(len(steps) > 1)
        if at_end or old not in self.steps:
            self.slider.setValue(len(steps) - 1)
        else:
            self.slider.setValue(self.steps.index(old))
        self.slider.blockSignals(False)
        self._moved(self.slider.value(), emit=False)

    def current_index(self) -> int:
        return self.slider.value() if self.steps else -1

    def current_step(self) -> int | None:
        return self.steps[self.slider.value()] if self.steps else None

    def set_index(self, i: int) -> None:
        self.slider.setValue(i)

    def _moved(self, i: int, emit: bool = True) -> None:
        self.label.setText(self.tr("step {0:,}").format(self.steps[i]) if self.steps else "")
        if emit:
            self.changed.emit(i)
