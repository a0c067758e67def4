"""A controller whose whole state is one frozen dataclass, replaced as a whole and announced once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal


class StateController(QObject):
    """Views read ``state`` and follow ``stateChanged``; the controller changes it with ``_set``,
    which emits only when something really changed (so a view never redraws for nothing)."""

    stateChanged = Signal(object)  # the new state

    def __init__(self, initial: Any, parent: QObject | None = None):
        super().__init__(parent)
        self._state = initial

    @property
    def state(self) -> Any:
        return self._state

    def _set(self, **changes) -> None:
        st = replace(self._state, **changes)
        if st != self._state:
            self._state = st
            self.stateChanged.emit(st)
