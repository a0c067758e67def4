"""The sentence pairs a translation run trains on: state and commands, no widgets.

An encoder-decoder run's data is an embedded task (``task:digits->zh:40000``: numbers in
digits to Chinese numerals, dates to ISO, ...) or parallel files (one TSV or JSONL file, or two
aligned files). Choosing one runs ``core.jobs.parallel_check.check_parallel`` on the job runner
(latest wins): the state then holds its statistics and examples, or the sentence saying why the
files cannot be used. ``Session.start`` trains on ``state.source`` once ``ready``.

    data = ParallelDataController()
    data.stateChanged.connect(view.show_state)     # ParallelState
    data.use_task("digits->zh")                    # or data.open_files(["pairs.tsv"])
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from ...core.errors import LmlabError
from ...core.jobs.parallel_check import ParallelCheck, check_parallel
from ...core.seq2seq.tasks import DEFAULT_PAIRS, task_source
from ..jobs import JobSlot

DEFAULT_DIRECTION = "digits->zh"


@dataclass(frozen=True)
class ParallelState:
    source: tuple[str, ...] = ()  # what a run would train on
    checking: bool = False
    check: ParallelCheck | None = None  # the statistics of ``source``, once read
    error: str = ""  # why ``source`` cannot be used (names the file and line)

    @property
    def ready(self) -> bool:
        return self.check is not None and self.check.source == self.source and not self.checking

    @property
    def direction(self) -> str:
        """The task's direction ("digits->zh"), or "" for files."""
        entry = self.source[0] if len(self.source) == 1 else ""
        return entry.split(":")[1] if entry.startswith("task:") else ""


class ParallelDataController(QObject):
    stateChanged = Signal(object)  # ParallelState

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._state = ParallelState()
        self._slot = JobSlot("parallel-check")

    @property
    def state(self) -> ParallelState:
        return self._state

    def _set(self, **changes) -> None:
        self._state = replace(self._state, **changes)
        self.stateChanged.emit(self._state)

    def use_task(self, direction: str = DEFAULT_DIRECTION, pairs: int = DEFAULT_PAIRS) -> None:
        """Train on an embedded task in ``direction`` (e.g. "zh->digits", "dates->iso")."""
        self._check((task_source(direction, pairs),))

    def open_files(self, paths: list[str]) -> None:
        """Train on one TSV / JSONL file of pairs, or two aligned files (source first)."""
        self._check(tuple(str(p) for p in paths))

    def _check(self, source: tuple[str, ...]) -> None:
        if source == self._state.source and (self._state.ready or self._state.checking):
            return
        self._set(source=source, checking=True, error="")
        self._slot.start(check_parallel, source, on_return=self._checked, on_error=self._failed)

    def _checked(self, check: ParallelCheck) -> None:
        if check.source == self._state.source:
            self._set(checking=False, check=check, error="")

    def _failed(self, e: BaseException) -> None:
        message = str(e) if isinstance(e, LmlabError) else self.tr("Cannot read the pairs: {0}").format(e)
        self._set(checking=False, check=None, error=message)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel a check and wait for its thread; False if it did not end in time."""
        return self._slot.shutdown(timeout_ms)
