"""The current run: the one every panel that shows a run opens on.

It is the run the user trained last, or the one they selected in Runs; at start-up the most
recent run of the runs folder (with a checkpoint, when one has). The Attention and Playground
controllers follow ``currentRunChanged``; it is emitted again, with the same path, when the
current run ends training, so a follower loads its newest checkpoint.

    runs = RunsController(session)
    runs.currentRunChanged.connect(attention.set_run)
    runs.set_current(path)              # the Runs panel's selection
    runs.open_model_folder(hf_dir)      # a Hugging Face model folder, shown read-only (InteropError if not)
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from ...core.errors import LmlabError
from ...core.interop.hf_load import check_hf_folder
from ...core.runs import Run, RunStore


def newest_run(store: RunStore) -> str:
    """The most recent run in ``store`` that has a checkpoint, else the most recent run, else ""."""
    try:
        runs = store.runs()  # newest first
    except (OSError, LmlabError):
        return ""
    with_checkpoint = next((r for r in runs if r.latest_checkpoint() is not None), None)
    chosen = with_checkpoint or (runs[0] if runs else None)
    return str(chosen.path) if chosen is not None else ""


class RunsController(QObject):
    """Owns the current run (a run folder's path; "" when the runs folder is empty)."""

    currentRunChanged = Signal(str)  # the current run's path; again when it ended training

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._current = newest_run(session.store)
        session.runStarted.connect(self._run_started)
        session.runFinished.connect(self._run_finished)

    @property
    def current(self) -> str:
        return self._current

    @Slot(str)
    def set_current(self, path: str) -> None:
        """Make the run at ``path`` current (the Runs panel's selection, a started run)."""
        path = str(path)
        if path and path != self._current:
            self._current = path
            self.currentRunChanged.emit(path)

    def open_model_folder(self, path: str) -> None:
        """Show a Hugging Face model folder (read-only) where the current run is shown: Attention and
        Playground open it like a run with one checkpoint. A folder lmlab cannot open raises an
        ``InteropError`` with the sentence saying why (nothing changes then)."""
        check_hf_folder(path)
        self.set_current(str(path))

    def reset_to_newest(self) -> None:
        """The runs folder changed: the current run is its most recent one."""
        self._current = ""
        newest = newest_run(self._session.store)
        if newest:
            self.set_current(newest)
        else:
            self.currentRunChanged.emit("")

    @Slot(object)
    def _run_started(self, run: Run) -> None:
        self.set_current(str(run.path))

    @Slot(object)
    def _run_finished(self, _finished) -> None:
        if self._current:
            self.currentRunChanged.emit(self._current)  # it has a new (final) checkpoint now
