"""The session's training half: one run at a time, in a thread, in torchrun processes, or followed.

``TrainingMixin`` is mixed into ``Session`` (the signals and the worker bookkeeping live
there); it starts, pauses, stops and follows runs and turns their events into the
``TrainingState`` the training panel shows. Three kinds of run (``TrainingState.mode``):

* ``thread``: prepare and train in a ``GeneratorWorker`` of this process (the usual case);
* ``processes``: prepare here, then train under torchrun in N processes (``use N GPUs``),
  followed through the run folder (``core.follow``); Stop reaches every rank through it;
* ``external``: a run another job writes (a cluster's shared folder), followed until it ends
  or ``detach()``; Stop asks that job to stop through the folder.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot

from ..core.corpus import Corpus
from ..core.dataset import PreparedData
from ..core.derive import batch_split
from ..core.events import PrepareProgress
from ..core.engine import Control, EvalMetrics, Finished, Started, StepMetrics
from ..core.errors import LmlabError
from ..core.follow import RunStatus, follow, local_run_path, metrics_size
from ..core.runs import Run
from ..core.jobs.train import prepare_and_train
from .jobs import GeneratorWorker


@dataclass(frozen=True)
class TrainingState:
    """What the training panel shows besides the curves."""

    phase: str = "idle"  # idle | preparing | running | paused | stopping
    run: Run | None = None
    mode: str = "thread"  # thread (this process) | processes (torchrun, started here) | external (a job elsewhere)
    processes: int = 1
    step: int = 0
    total_steps: int = 0
    tokens: int = 0
    elapsed: float = 0.0
    tokens_per_s: float = 0.0
    device_name: str = ""
    message: str = ""  # what happened last ("Finished 2,000 steps.", a failure reason...)
    message_level: str = "info"  # info | warning | error
    prepare_stage: str = ""
    prepare_fraction: float = 0.0

    @property
    def busy(self) -> bool:
        return self.phase != "idle"


class _Relay(QObject):
    """Brings one training worker's signals to the session on the GUI thread, naming the worker.

    (The session must know which worker spoke: a stopped run's last events can arrive after
    the next run has started. Slots of a QObject subclass are real Qt slots, so the queued
    connections land on the GUI thread, where this object lives.)
    """

    def __init__(self, session, worker: GeneratorWorker):
        super().__init__(session)
        self._session, self._worker = session, worker
        queued = Qt.ConnectionType.QueuedConnection
        worker.yielded.connect(self.on_yielded, queued)
        worker.errored.connect(self.on_errored, queued)
        worker.finished.connect(self.on_finished, queued)

    @Slot(object)
    def on_yielded(self, ev) -> None:
        self._session._on_train_event(self._worker, ev)

    @Slot(object)
    def on_errored(self, e) -> None:
        self._session._on_train_error(self._worker, e)

    @Slot()
    def on_finished(self) -> None:
        self._session._on_train_thread_finished(self._worker)
        self.deleteLater()


class TrainingMixin:
    """Training for ``Session`` (see the module docstring)."""

    @property
    def training(self) -> TrainingState:
        return self._training

    def _set_training(self, **changes) -> None:
        self._training = replace(self._training, **changes)
        self.trainingChanged.emit(self._training)

    @property
    def processes(self) -> int:
        """Training processes for new runs (``use N GPUs``); 1 trains in this process."""
        return self._processes

    def set_processes(self, n: int) -> None:
        n = max(1, int(n))
        if n != self._processes:
            self._processes = n
            self.problemsChanged.emit(self.problems())

    def start(self) -> Run | None:
        """Create a new run from the current configuration and corpus, and train it in a worker."""
        if not self.can_start():
            return None
        cfg, n = self._config, self._processes
        name = f"{cfg.model.n_layer}L-{cfg.model.n_embd}d {self._corpus.label.split(' (')[0]}"
        try:
            run = self.store.create(cfg.with_changes(corpus=list(self._corpus.sources)), name)
        except LmlabError as e:
            self.notice.emit("error", str(e))
            return None
        self._launch(run, self._corpus, resume=False, processes=n)
        return run

    def follow_run(self, path: str | Path) -> Run | None:
        """Show a run that a job elsewhere writes (a cluster's shared folder), live, until it ends.

        Stop then asks that job to stop through the folder; ``detach`` only stops following.
        """
        if self._training.busy:
            return None
        try:
            run = Run(local_run_path(path))
            status = run.read_status()
        except LmlabError as e:
            self.notice.emit("error", str(e))
            return None
        control, detach = Control(), threading.Event()
        offset = metrics_size(run)  # what the curves show from the file; the follower reads on from there
        w = GeneratorWorker(follow, run, control, start_offset=offset, detached=detach.is_set, name="following")
        total = status.get("total_steps") if isinstance(status.get("total_steps"), int) else 0
        step = status.get("step") if isinstance(status.get("step"), int) else 0
        self._start_worker(w, control, TrainingState(phase="running", run=run, mode="external", step=step,
                                                     total_steps=total, message=""))
        self._detach = detach
        return run

    def detach(self) -> None:
        """Stop following an external run (the job itself goes on)."""
        if self._detach is not None:
            self._detach.set()

    def continue_run(self, run: Run) -> bool:
        """Train an existing run on from its latest checkpoint (its own config and data)."""
        if self._training.busy:
            return False
        n = self._processes
        try:  # N processes share each step's batch (derive.batch_split): the run's must split N ways
            t = run.read_config().train
            batch_split(t.batch_size, t.grad_accum, n)
        except LmlabError:
            n = 1
        self._launch(run, None, resume=True, processes=n)
        return True

    def _launch(self, run: Run, corpus: Corpus | None, resume: bool, processes: int = 1) -> None:
        control = Control()
        w = GeneratorWorker(prepare_and_train, run, control, corpus, resume, processes, name="training")
        try:
            total = run.read_config().total_steps
        except LmlabError:
            total = self._config.total_steps
        self._start_worker(w, control, TrainingState(
            phase="preparing", run=run, total_steps=total, message="",
            mode="processes" if processes > 1 else "thread", processes=processes))

    def _start_worker(self, w: GeneratorWorker, control: Control, state: TrainingState) -> None:
        _Relay(self, w)
        self._train, self._control, self._detach = w, control, None
        self._training = state
        self.runStarted.emit(state.run)
        self.trainingChanged.emit(self._training)
        self.runsChanged.emit()
        self.problemsChanged.emit(self.problems())
        gc.collect()  # on the GUI thread: the engine's own collection in the worker then finds no Qt objects
        w.start()

    def reset_training(self) -> None:
        """Forget the last run (not while one trains): the training view starts from a clean page."""
        if not self._training.busy:
            self._training = TrainingState()
            self.trainingChanged.emit(self._training)

    def pause(self) -> None:
        """Pause between two steps (runs in this process only: other processes cannot wait for us)."""
        if self._training.mode != "thread":
            return
        if self._control and self._training.phase in ("running", "preparing"):
            self._control.pause()
            self._set_training(phase="paused", message="Paused; the run waits between two steps.")

    def resume(self) -> None:
        if self._control and self._training.phase == "paused":
            self._control.resume()
            self._set_training(phase="running" if self._training.device_name else "preparing", message="")

    def toggle_pause(self) -> None:
        if self._training.phase == "paused":
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """Stop at the next step; the engine saves a checkpoint first."""
        if self._control and self._training.busy and self._training.phase != "stopping":
            self._control.stop()
            self._set_training(phase="stopping", message="Stopping after this step…")

    def _on_train_event(self, worker: GeneratorWorker, ev) -> None:
        if worker is not self._train:  # a late event of a run already let go
            return
        t = self._training
        if isinstance(ev, PrepareProgress):
            label = {"reading": "Reading the corpus", "tokenizer": "Training the tokenizer",
                     "encoding": "Encoding tokens"}.get(ev.stage, ev.stage)
            self._set_training(prepare_stage=label, prepare_fraction=ev.fraction)
        elif isinstance(ev, PreparedData):
            d = self._config.data
            if ev.tokenizer_kind != "char" and self._corpus is not None:
                self._prepared = (ev.tokenizer_kind, d.vocab_size, ev.vocab_size, ev.n_train + ev.n_val)
                self._set_corpus_state(self._with_tokens(self._corpus_state))
                self.sizeChanged.emit(self.model_size())
        elif isinstance(ev, Started):
            phase = t.phase if t.phase in ("paused", "stopping") else "running"
            self._set_training(phase=phase, step=ev.start_step, total_steps=ev.total_steps,
                               tokens=ev.start_step * ev.tokens_per_step, device_name=ev.device_name)
        elif isinstance(ev, StepMetrics):
            self._training = replace(t, step=ev.step, tokens=ev.tokens, elapsed=ev.elapsed,
                                     tokens_per_s=ev.tokens_per_s)
            self.trainingChanged.emit(self._training)
        elif isinstance(ev, EvalMetrics):
            self._training = replace(t, step=ev.step, tokens=ev.tokens, elapsed=ev.elapsed)
        elif isinstance(ev, RunStatus):  # a run written by other processes says how it goes
            if ev.status == "running" and t.phase == "preparing":
                self._set_training(phase="running")
            if ev.total_steps and ev.step >= t.step:
                self._set_training(step=ev.step, total_steps=ev.total_steps)
        elif isinstance(ev, Finished):
            level = {"finished": "info", "stopped": "warning"}.get(ev.status, "error")
            self._set_training(message=ev.reason, message_level=level, step=ev.step or t.step)
            self.notice.emit(level, ev.reason)
            self.runFinished.emit(ev)
        self.trainingEvent.emit(ev)

    def _on_train_error(self, worker: GeneratorWorker, e: BaseException) -> None:
        if worker is not self._train:
            return
        msg = str(e) if isinstance(e, LmlabError) else f"Training stopped by an error: {type(e).__name__}: {e}"
        self._set_training(message=msg, message_level="error")
        self.notice.emit("error", msg)
        self.runFinished.emit(Finished("failed", msg, self._training.step, None, self._training.elapsed))

    def _on_train_thread_finished(self, worker: GeneratorWorker) -> None:
        if worker is not self._train:
            return
        self._train, self._control, self._detach = None, None, None
        self._set_training(phase="idle", prepare_stage="")
        self.runsChanged.emit()
        self.problemsChanged.emit(self.problems())
