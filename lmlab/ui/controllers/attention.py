"""The Attention area's state and commands: which run, checkpoint and text, and the maps computed for them.

The controller runs ``lmlab.core.jobs.attention`` on the job runner, one job of a kind at a
time (a newer request supersedes an older one), and loads models through the app's shared
``ModelCache``. It builds no widget: the Attention panel renders it, and tests drive it alone.

    attention = AttentionController(store, cache)
    attention.computed.connect(show)        # an AttentionResult
    attention.set_run(path)                 # runChanged; then compute() and reload_history()
    attention.set_text("ROMEO: ...")        # compute on typed text instead of the validation set
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from ...core.errors import LmlabError
from ...core.events import AttentionRequest, AttentionResult, EvalMetrics, HistoryResult, ModelStage, Started
from ...core.jobs.attention import compute_attention, load_history
from ...core.loading import ModelCache
from ...core.runs import Run, RunStore
from ..jobs import JobSlot
from .instruments import same_path
from .translate import is_translator
from ..i18n import core_text, error_text

DEFAULT_LENGTH = 64  # tokens taken from the validation set


class AttentionController(QObject):
    runChanged = Signal(str)  # the run now chosen (its path)
    progress = Signal(str)  # a sentence: what the running job does now
    computed = Signal(object)  # the AttentionResult of the newest request
    history_loaded = Signal(object)  # the HistoryResult of the chosen run
    failed = Signal(str)  # a sentence: why the newest request gave nothing to show

    def __init__(self, store: RunStore, cache: ModelCache, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.cache = cache
        self.run_path = ""
        self.step: int | None = None  # checkpoint; None = the latest
        self.source = "val"  # "val": a slice of the validation tokens; "text": the typed text
        self.text = ""
        self.val_offset = 0
        self.length = DEFAULT_LENGTH
        self.result: AttentionResult | None = None
        self.history: HistoryResult | None = None
        self._rng = np.random.default_rng(0)
        self._maps = JobSlot("attention")
        self._history = JobSlot("attention-history")
        self._training_run = ""  # the run the training events are about (from Started)

    # -- state ------------------------------------------------------------------------------------
    def set_store(self, store: RunStore) -> None:
        self.store = store

    @Slot(str)
    def set_run(self, path: str) -> None:
        """Choose the run at ``path`` (the latest checkpoint, a fresh validation slice when no text is typed)."""
        path = str(path)
        if not path or path == self.run_path:
            return
        self.run_path = path
        self.step = None
        self.val_offset = 0
        if not self.text.strip():
            self.source = "val"
        self.result = self.history = None
        self.runChanged.emit(path)

    def set_step(self, step: int | None) -> None:
        self.step = step

    def set_text(self, text: str) -> None:
        """Compute on typed ``text`` from now on."""
        self.text = text
        self.source = "text"

    def set_length(self, length: int) -> None:
        self.length = int(length)

    def take_validation_text(self) -> None:
        """Use the validation set: a new slice of it when one is shown already."""
        if self.source == "val" and self.result is not None and self.result.request.text is None:
            self.val_offset = int(self._rng.integers(0, 1 << 30))
        self.source = "val"

    def block_size(self) -> int | None:
        """The chosen run's context length, or None if its configuration cannot be read."""
        try:
            return Run(self.run_path).read_config().model.block_size if self.run_path else None
        except LmlabError:
            return None

    def checkpoint_steps(self) -> list[int]:
        return [ck.step for ck in Run(self.run_path).checkpoints()] if self.run_path else []

    def request(self) -> AttentionRequest | None:
        """What ``compute`` would ask for now (None without a run, or for an encoder-decoder: cross.py's)."""
        if not self.run_path or is_translator(self.run_path):
            return None
        text = None if self.source == "val" else self.text
        return AttentionRequest(self.run_path, self.step, text, self.val_offset, self.length)

    # -- commands ----------------------------------------------------------------------------------
    def compute(self) -> bool:
        """Compute the maps for the current request off the GUI thread; False if there is nothing to ask."""
        request = self.request()
        if request is None:
            return False
        if request.text is not None and not request.text:
            self.failed.emit(self.tr("Type a text, or take one from the validation set."))
            return False
        self._maps.start(compute_attention, request, self.cache, on_yield=self._progress,
                         on_return=self._computed, on_error=self._failed)
        return True

    def reload_history(self) -> None:
        """Read the chosen run's attention snapshots again, off the GUI thread."""
        if self.run_path:
            path = self.run_path
            self._history.start(load_history, path, on_return=self._history_read,
                                on_error=lambda e: self._history_failed(path, e))

    @Slot(object)
    def training_event(self, ev) -> None:
        """An engine event (``Session.trainingEvent``): each evaluation of the shown run stored a snapshot,
        so the history is read again and the Over-training view updates live."""
        if isinstance(ev, Started):
            self._training_run = ev.run_dir
        elif isinstance(ev, EvalMetrics) and (not self._training_run or same_path(self._training_run, self.run_path)):
            self.reload_history()

    @property
    def busy(self) -> bool:
        return self._maps.busy or self._history.busy

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop both jobs and wait for their threads (before the window closes, and in tests)."""
        self._maps.shutdown(timeout_ms)
        self._history.shutdown(timeout_ms)

    # -- job callbacks (GUI thread) ---------------------------------------------------------------------
    def _progress(self, stage: ModelStage) -> None:
        self.progress.emit(core_text(stage.message))

    def _computed(self, result: AttentionResult) -> None:
        if result.request.run_path != self.run_path:
            return  # answered for a run no longer chosen
        self.result = result
        if result.request.text is None:
            self.text = result.text
        self.computed.emit(result)

    def _failed(self, error: BaseException) -> None:
        text = error_text(error) if isinstance(error, LmlabError) else self.tr(
            "Could not compute attention: {0}: {1}").format(type(error).__name__, error)
        self.result = None  # what was shown belongs to another request: don't leave it looking current
        self.failed.emit(text)

    def _history_read(self, history: HistoryResult) -> None:
        if history.run_path != self.run_path:
            return
        self.history = history
        self.history_loaded.emit(history)

    def _history_failed(self, path: str, error: BaseException) -> None:
        message = self.tr("Cannot read the attention snapshots: {0}").format(error)
        self._history_read(HistoryResult(path, np.zeros(0, dtype=np.int64), [], message=message))
