"""When live plots draw: one shared timer that gives at most one plot a frame per tick."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from .live import LivePlot


class FrameClock(QObject):
    """One timer for all visible ``LivePlot``s: each tick gives at most one due plot a frame.

    Plots register while visible. Per-plot timers would wake the GUI thread (and take the
    GIL from a training thread) once per plot per tick and paint every plot in the same
    event-loop iteration; one clock taking turns does neither. Between frames it sleeps
    until the next plot is due, and it idles at ``idle_fps`` while no plot has new data
    (appending through a plot wakes it at once).
    """

    def __init__(self, fps: float = 25.0, idle_fps: float = 4.0, parent: QObject | None = None):
        super().__init__(parent)
        self._plots: list[LivePlot] = []
        self._next = 0
        self._fast_ms = max(1, int(1000 / fps))
        self._idle_ms = max(self._fast_ms, int(1000 / idle_fps))
        self._timer = QTimer(self)
        self._timer.setInterval(self._fast_ms)
        self._timer.timeout.connect(self.tick)

    @property
    def interval_s(self) -> float:
        return self._fast_ms / 1000.0

    def add(self, plot: "LivePlot") -> None:
        if plot not in self._plots:
            self._plots.append(plot)
        self.wake()

    def remove(self, plot: "LivePlot") -> None:
        if plot in self._plots:
            self._plots.remove(plot)
        if not self._plots:
            self._timer.stop()

    def wake(self) -> None:
        """New data: tick soon (not later than one fast interval from now)."""
        if self._plots and (not self._timer.isActive() or self._timer.interval() > self._fast_ms):
            self._timer.start(self._fast_ms)

    def tick(self) -> None:
        self._plots = [p for p in self._plots if shiboken6.isValid(p)]  # a plot deleted while shown
        if not self._plots:
            self._timer.stop()
            return
        n = len(self._plots)
        now = time.perf_counter()
        for i in range(n):
            plot = self._plots[(self._next + i) % n]
            if plot.frame_due(now):
                self._next = (self._next + i + 1) % n
                plot.redraw()
                break
        waits = [p.seconds_to_frame(now) for p in self._plots if p.dirty()]
        wait_ms = int(1000 * min(waits)) + 1 if waits else self._idle_ms
        self._timer.setInterval(min(self._idle_ms, max(self._fast_ms, wait_ms)))


_clock: FrameClock | None = None


def frame_clock() -> FrameClock:
    """The GUI thread's shared ``FrameClock`` (made on first use)."""
    global _clock
    if _clock is None or not shiboken6.isValid(_clock):
        _clock = FrameClock(parent=QCoreApplication.instance())  # ends with the application
    return _clock
