"""The Inside area's state and commands: what the current run recorded, and texts scored on demand.

The controller follows the current run (``RunsController.currentRunChanged``) and the training
events (``Session.trainingEvent``): every ``InstrumentsRecorded`` (or ``EvalMetrics`` of a run
followed elsewhere) reads the run's ``instruments/`` again, off the GUI thread, so the views fill
while the model trains. It builds no widget: the Inside panel renders it, tests drive it alone.

    inside = InstrumentsController(cache)
    inside.loaded.connect(show)                 # an InstrumentsResult
    inside.set_run(path)                        # then reload()
    session.trainingEvent.connect(inside.training_event)
    inside.score_text("ROMEO: ...", step=None)  # textScored: a TextLosses
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal, Slot

from ...core.errors import LmlabError
from ...core.events import (
    EvalMetrics,
    Finished,
    HardTokensResult,
    InstrumentsRecorded,
    InstrumentsResult,
    ModelStage,
    Started,
    TextLosses,
)
from ...core.instruments.timeline import save_prompts
from ...core.jobs.instruments import find_hardest, load_instruments, score_text
from ...core.loading import ModelCache
from ...core.runs import Run
from ..jobs import JobSlot
from ..i18n import core_text, error_text


def same_path(a: str, b: str) -> bool:
    return bool(a) and bool(b) and os.path.realpath(a) == os.path.realpath(b)


class InstrumentsController(QObject):
    runChanged = Signal(str)
    progress = Signal(str)  # a sentence: what the running job does now
    loaded = Signal(object)  # InstrumentsResult of the current run
    textScored = Signal(object)  # TextLosses of the newest typed text
    hardestFound = Signal(object)  # HardTokensResult
    failed = Signal(str)  # a sentence: why the newest request gave nothing

    def __init__(self, cache: ModelCache, parent: QObject | None = None):
        super().__init__(parent)
        self.cache = cache
        self.run_path = ""
        self.result: InstrumentsResult | None = None
        self.text_result: TextLosses | None = None
        self.reloads = 0  # reads started (tests check the views refresh during training)
        self._training_run = ""  # the run the training events are about (from Started)
        self._recorded_here = False  # its InstrumentsRecorded arrive (trained in this process, not followed)
        self._load = JobSlot("instruments")
        self._text = JobSlot("instruments-text")
        self._hard = JobSlot("instruments-hardest")

    # -- state ------------------------------------------------------------------------------------
    @Slot(str)
    def set_run(self, path: str) -> None:
        """Show the run at ``path`` (read what it recorded); again for the same path reads it again."""
        path = str(path)
        if path != self.run_path:
            self.run_path = path
            self.result = self.text_result = None
            self.runChanged.emit(path)
        self.reload()

    def checkpoint_steps(self) -> list[int]:
        try:
            return [ck.step for ck in Run(self.run_path).checkpoints()] if self.run_path else []
        except (OSError, LmlabError):
            return []

    @Slot(object)
    def training_event(self, ev) -> None:
        """An engine event of the run training now: read the instruments again after each evaluation."""
        if isinstance(ev, Started):
            self._training_run, self._recorded_here = ev.run_dir, False
        elif isinstance(ev, (InstrumentsRecorded, EvalMetrics, Finished)):
            if self._training_run and not same_path(self._training_run, self.run_path):
                return  # another run trains; the user looks at this one
            if isinstance(ev, InstrumentsRecorded):
                self._recorded_here = True
            elif isinstance(ev, EvalMetrics) and self._recorded_here:
                return  # trained in this process: InstrumentsRecorded follows with everything stored
            self.reload()  # (a run followed from its folder says only EvalMetrics; the files are written)

    # -- commands ----------------------------------------------------------------------------------
    def reload(self) -> None:
        if self.run_path:
            self.reloads += 1
            self._load.start(load_instruments, self.run_path, on_yield=self._progress, on_return=self._loaded,
                             on_error=self._failed)

    def score_text(self, text: str, step: int | None = None, earlier_step: int | None = None) -> bool:
        """Per-token loss of a typed ``text`` at checkpoint ``step`` (None: the latest), and at
        ``earlier_step`` too when given (the diff)."""
        if not self.run_path or not text:
            return False
        self._text.start(score_text, self.run_path, step, text, self.cache, earlier_step, on_yield=self._progress,
                         on_return=self._text_scored, on_error=self._failed)
        return True

    def find_hardest(self, step: int | None = None) -> bool:
        if not self.run_path:
            return False
        self._hard.start(find_hardest, self.run_path, step, self.cache, on_yield=self._progress,
                         on_return=self._hard_found, on_error=self._failed)
        return True

    def set_prompts(self, prompts: list[str]) -> None:
        """The run's timeline prompts from the next evaluation on (blank lines are left out)."""
        prompts = [p for p in prompts if p.strip()]
        try:
            save_prompts(self.run_path, prompts)
        except LmlabError as e:
            self.failed.emit(error_text(e))
            return
        self.reload()

    @property
    def busy(self) -> bool:
        return self._load.busy or self._text.busy or self._hard.busy

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        for slot in (self._load, self._text, self._hard):
            slot.shutdown(timeout_ms)

    # -- job callbacks (GUI thread) ---------------------------------------------------------------------
    def _progress(self, stage: ModelStage) -> None:
        self.progress.emit(core_text(stage.message))

    def _loaded(self, result: InstrumentsResult) -> None:
        if result.run_path == self.run_path:
            self.result = result
            self.loaded.emit(result)

    def _text_scored(self, result: TextLosses) -> None:
        if result.run_path == self.run_path:
            self.text_result = result
            self.textScored.emit(result)

    def _hard_found(self, result: HardTokensResult) -> None:
        if result.run_path == self.run_path:
            self.hardestFound.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(error_text(error) if isinstance(error, LmlabError) else self.tr(
            "Could not compute: {0}: {1}").format(type(error).__name__, error))
