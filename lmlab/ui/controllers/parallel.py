"""The sentence pairs a translation run trains on: state and commands, no widgets.

An encoder-decoder run's data is an embedded task (``task:digits->zh:40000``: numbers in
digits to Chinese numerals, dates to ISO, ...) or parallel files (one TSV or JSONL file, or two
aligned files). Choosing one, or changing the tokenizer, vocabulary or context, runs
``core.jobs.translate.scan_pairs`` on the job runner (latest wins): the pairs are read, split and
tokenised as the run would, so the state then holds each side's statistics in tokens and a preview,
or the sentence saying why they cannot be used (a file and line, a sentence longer than the context).
``Session.start`` trains on ``state.source`` once ``ready``.

    data = ParallelDataController()
    data.stateChanged.connect(view.show_state)     # ParallelState
    data.set_config(cfg)                           # the tokenizer and context the run will use
    data.use_task("digits->zh")                    # or data.open_files(["pairs.tsv"])
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from ...core.config import RunConfig
from ...core.errors import LmlabError
from ...core.jobs.translate import scan_pairs
from ...core.seq2seq.events import PairScan
from ...core.seq2seq.tasks import DEFAULT_PAIRS, TASK_PREFIX, task_source
from ..i18n import error_text
from ..jobs import JobSlot

DEFAULT_DIRECTION = "digits->zh"


@dataclass(frozen=True)
class ParallelState:
    source: tuple[str, ...] = ()  # what a run would train on
    checking: bool = False
    scan: PairScan | None = None  # the statistics of ``source`` as the configuration tokenises it
    error: str = ""  # why ``source`` cannot be used (names the file and line)

    @property
    def ready(self) -> bool:
        return self.scan is not None and not self.checking and not self.error

    @property
    def direction(self) -> str:
        """The task's direction ("digits->zh"), or "" for files."""
        entry = self.source[0] if len(self.source) == 1 else ""
        return entry[len(TASK_PREFIX):].split(":")[0] if entry.startswith(TASK_PREFIX) else ""

    def pairs(self, part: str) -> int:
        """Pairs in ``part`` ("train" | "val"); 0 before a scan."""
        return self.scan.stats[part]["source"]["pairs"] if self.scan is not None else 0


class ParallelDataController(QObject):
    stateChanged = Signal(object)  # ParallelState

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._state = ParallelState()
        self._slot = JobSlot("parallel-scan")
        self._cfg: RunConfig | None = None
        self._scanned: tuple | None = None  # what the shown scan (or running one) was asked for

    @property
    def state(self) -> ParallelState:
        return self._state

    def _set(self, **changes) -> None:
        self._state = replace(self._state, **changes)
        self.stateChanged.emit(self._state)

    def set_config(self, cfg: RunConfig) -> None:
        """The configuration a run would use: its tokenizer, vocabulary, split and context decide the scan."""
        self._cfg = cfg
        if self._state.source:
            self._scan(self._state.source)

    def use_task(self, direction: str = DEFAULT_DIRECTION, pairs: int = DEFAULT_PAIRS) -> None:
        """Train on an embedded task in ``direction`` (e.g. "zh->digits", "dates->iso")."""
        self._scan((task_source(direction, pairs),))

    def open_files(self, paths: list[str]) -> None:
        """Train on one TSV / JSONL file of pairs, or two aligned files (source first)."""
        self._scan(tuple(str(p) for p in paths), again=True)

    def _scan(self, source: tuple[str, ...], again: bool = False) -> None:
        cfg = self._cfg or RunConfig()
        key = (source, cfg.data, cfg.model.block_size, cfg.train.seed)
        if key == self._scanned and not again:
            return
        self._scanned = key
        self._set(source=source, checking=True, error="")
        self._slot.start(scan_pairs, source, cfg.data, cfg.model.block_size, cfg.train.seed, 6,
                         on_return=self._scanned_ok, on_error=self._failed)

    def _scanned_ok(self, scan: PairScan) -> None:
        self._set(checking=False, scan=scan, error="")

    def _failed(self, e: BaseException) -> None:
        message = error_text(e) if isinstance(e, LmlabError) else self.tr("Cannot read the pairs: {0}").format(e)
        self._set(checking=False, scan=None, error=message)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel a scan and wait for its thread; False if it did not end in time."""
        return self._slot.shutdown(timeout_ms)
