"""The model export's state and commands: one export at a time, run on the job runner.

The Runs panel's *Export model…* asks for a folder and calls ``export``; the controller runs
``lmlab.core.jobs.export.export_run`` off the GUI thread and reports what it does. It builds no
widget, and tests drive it alone.

    exports = ExportController()
    exports.progress.connect(bar_and_label)   # (fraction 0..1, sentence)
    exports.finished.connect(done)            # an ExportResult
    exports.failed.connect(show_error)        # a sentence
    exports.export(run_path, out_dir, fmt="hf")
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.errors import LmlabError
from ...core.events import ExportProgress, ExportResult
from ...core.jobs.export import export_run
from ...core.runs import Run
from ..jobs import Job, create_worker
from ..i18n import core_text, error_text


def output_folder(chosen: str | Path, run_path: str | Path, fmt: str) -> Path:
    """Where to export into ``chosen``: the folder itself when it is empty, else a new
    "<run name>-<format>" folder inside it (numbered when that is taken too)."""
    chosen = Path(chosen)
    try:
        empty = chosen.is_dir() and not any(chosen.iterdir())
    except OSError:
        empty = False
    if empty:
        return chosen
    base = f"{Run(run_path).name}-{fmt}".replace("/", "-")
    out, n = chosen / base, 1
    while out.exists():
        n += 1
        out = chosen / f"{base}-{n}"
    return out


class ExportController(QObject):
    started = Signal(str)  # the output folder
    progress = Signal(float, str)  # fraction of the export done (0..1), a sentence
    finished = Signal(object)  # the ExportResult
    failed = Signal(str)  # a sentence: why nothing was exported
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._job: Job | None = None
        self._answered = False  # the running export returned or failed (else, when it ends, it was cancelled)
        self.result: ExportResult | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def export(self, run_path: str, out_dir: str | Path, step: int | None = None, fmt: str = "hf") -> bool:
        """Start exporting the run; False (nothing started) while another export runs."""
        if self.busy:
            return False
        self.result, self._answered = None, False
        self._job = create_worker(export_run, str(run_path), str(out_dir), step, fmt, name="export",
                                  on_yield=self._progress, on_return=self._finished, on_error=self._failed,
                                  on_finish=self._ended)
        self.started.emit(str(out_dir))
        self.busyChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Stop the export at its next stage; it leaves no output behind (``failed`` says so)."""
        if self._job is not None:
            self._job.abort()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel a running export and wait for its thread (before the window closes, and in tests)."""
        if self._job is not None:
            self._job.abort()
            self._job.wait(timeout_ms)

    def _progress(self, ev: ExportProgress) -> None:
        self.progress.emit(ev.fraction, core_text(ev.message))

    def _finished(self, result: ExportResult) -> None:
        self._answered = True
        self.result = result
        self.finished.emit(result)

    def _ended(self) -> None:
        self._job = None
        if not self._answered:
            self.failed.emit(self.tr("The export was cancelled; nothing was written."))
        self.busyChanged.emit(False)

    def _failed(self, error: BaseException) -> None:
        self._answered = True
        text = error_text(error) if isinstance(error, LmlabError) else self.tr("The export failed: {0}: {1}").format(
            type(error).__name__, error)
        self.failed.emit(text)
