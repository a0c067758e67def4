"""The Scaling area's fit: runs ``core.jobs.fit.fit_table`` on the job runner and holds its report.

    scaling = ScalingController()
    scaling.stage.connect(...)          # "Approach 3: 200 bootstrap refits for the intervals"
    scaling.bootstrapProgress.connect(...)   # (done, total)
    scaling.fitted.connect(...)         # FitReport, or None once a fit failed or was cleared
    scaling.failed.connect(...)         # a sentence
    scaling.fit(data, n_boot=200, seed=0, drop_highest=0)

It is the same job ``lmlab fit`` prints, with the same defaults, so the panel and the command line
show the same numbers for one table. A new fit supersedes a running one (nothing of the old one
arrives). No widgets here: the Scaling panel renders ``report`` and calls ``fit``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ...core.events import BootstrapProgress, FitProgress, FitStage
from ...core.jobs.fit import fit_table
from ...core.scaling.data import ScalingData
from ...core.scaling.report import FitReport
from ..jobs import JobSlot
from ..i18n import core_text, error_text

log = logging.getLogger(__name__)


class ScalingController(QObject):
    stage = Signal(str)
    bootstrapProgress = Signal(int, int)  # refits done, of total
    fitted = Signal(object)  # FitReport | None
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._slot = JobSlot("scaling-fit")
        self._report: FitReport | None = None
        self._data: ScalingData | None = None
        self._running = False  # a fit whose report is still to come
        self._closing = False

    # -- state -------------------------------------------------------------------------------------
    @property
    def report(self) -> FitReport | None:
        """The last fit's report (None before the first, after a failure or ``clear``)."""
        return self._report

    @property
    def data(self) -> ScalingData | None:
        """The table last given to ``fit`` (before any highest-loss runs were dropped)."""
        return self._data

    @property
    def busy(self) -> bool:
        return self._running

    # -- commands -----------------------------------------------------------------------------------
    def fit(self, data: ScalingData, *, n_boot: int = 200, seed: int | None = 0, drop_highest: int = 0) -> bool:
        """Fit ``data`` off the GUI thread; ``fitted`` or ``failed`` reports. False once shut down."""
        if self._closing:
            return False
        self._data = data
        self._slot.start(fit_table, data, n_boot, seed, drop_highest=drop_highest,
                         on_yield=self._on_progress, on_return=self._on_report, on_error=self._on_error,
                         on_finish=self._on_finish)
        self._running = True
        self.busyChanged.emit(True)
        return True

    def clear(self, data: ScalingData | None = None) -> None:
        """Forget the fit (a running one is superseded); ``data`` is the table now shown, if any."""
        self._slot.cancel()
        self._data, self._report, self._running = data, None, False
        self.fitted.emit(None)
        self.busyChanged.emit(False)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Stop any fit and wait for its thread; start none after this."""
        self._closing, self._running = True, False
        return self._slot.shutdown(timeout_ms)

    # -- from the job runner (GUI thread) -----------------------------------------------------------
    def _on_progress(self, ev: FitProgress) -> None:
        if isinstance(ev, FitStage):
            self.stage.emit(core_text(ev.message))
        elif isinstance(ev, BootstrapProgress):
            self.bootstrapProgress.emit(ev.done, ev.total)

    def _on_report(self, report: FitReport) -> None:
        self._report = report
        self.fitted.emit(report)

    def _on_error(self, e: BaseException) -> None:
        log.warning("scaling fit failed: %s", e)
        self._report = None
        self.failed.emit(error_text(e))

    def _on_finish(self) -> None:
        self._running = False
        self.busyChanged.emit(False)
