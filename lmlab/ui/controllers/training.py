"""The one owner of the device: the run queue and the run training now.

Train, a sweep's runs and Scaling's recommended run all go on the queue (``core.queue``); the
controller trains its entries one after another on the job runner (``ui.jobs.create_worker``) and
reports through signals. Nothing else in the app trains, so two runs never share the device.

    trainer = TrainingController(RunStore(folder))
    trainer.stateChanged.connect(view.show_training)          # TrainingState
    trainer.enqueue_run(run, corpus=corpus)                   # starts at once when the device is free
    trainer.enqueue_sweep(sweep)                              # one entry per unfinished point, in plan order
    trainer.move(entry_id, -1); trainer.remove(entry_id); trainer.set_queue_paused(True)
    trainer.pause(); trainer.resume(); trainer.stop()         # the run on the device
    trainer.follow_run("/shared/runs/big-run")                # a run a job elsewhere writes, live
    trainer.shutdown()                                        # stop (the run keeps its place), wait

When a run ends, the next waiting entry starts, whether the run finished, failed or was stopped:
Stop means "stop this run", and the queue goes on (Pause queue, or ``halt``, stops the queue).
``halt()`` (closing the window) stops the run and pauses the queue, and the run keeps its place at
the head, to continue from its checkpoint when the queue resumes (also after a restart).

Four kinds of run (``TrainingState.mode``):

* ``process``: prepare in a worker thread, then train in one child process of its own (a run or a
  sweep point), followed through the run folder (``core.follow``), Pause and Stop through it too:
  the usual case (``own_process``, on by default), so the window never shares a process, and
  Python's lock, with torch's threads (``docs/benchmarks.md``: the app trains as fast as headless);
* ``thread``: prepare and train in a worker thread of this process (``own_process`` off);
* ``processes``: prepare here, then train under torchrun in N processes (``use N GPUs``),
  followed through the run folder (``core.follow``); Stop reaches every rank through it;
* ``external``: a run another job writes (a cluster's shared folder), followed until it ends
  or ``detach()``; Stop asks that job to stop through the folder. Queued runs wait meanwhile.
"""

from __future__ import annotations

import gc
import threading
from functools import partial
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QObject, QTimer, Signal, Slot

from ...core.config import RunConfig
from ...core.corpus import Corpus
from ...core.events import PrepareProgress
from ...core.engine import Control, EvalMetrics, Finished, Started, StepMetrics
from ...core.errors import LmlabError
from ...core.follow import RunStatus, follow, local_run_path, metrics_size
from ...core.queue import QueueEntry, RunQueue
from ...core.runs import Run, RunStore
from ...core.sweep import Sweep, SweepProgress, train_point
from ..jobs import Job, create_worker
from ...core.jobs.train import prepare_and_train
from ..i18n import core_text, error_text


@dataclass(frozen=True)
class TrainingState:
    """What the training panel shows besides the curves."""

    phase: str = "idle"  # idle | preparing | running | paused | stopping
    run: Run | None = None
    mode: str = "thread"  # process (a child) | thread (this process) | processes (torchrun) | external (elsewhere)
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


def train_sweep_entry(sweep_path: str, index: int, control: Control, own_process: bool = False):
    """A queued sweep point: open its sweep in the worker and train the point (``core.sweep.train_point``)."""
    yield from train_point(Sweep.open(sweep_path), index, control, own_process=own_process)


PREPARE_STAGES = {"cleaning": QT_TRANSLATE_NOOP("controllers.training", "Cleaning the corpus"), "reading": QT_TRANSLATE_NOOP("controllers.training", "Reading the corpus"), "tokenizer": QT_TRANSLATE_NOOP("controllers.training", "Training the tokenizer"), "encoding": QT_TRANSLATE_NOOP("controllers.training", "Encoding tokens")}


def prepare_stage_text(stage: str) -> str:
    """A ``PrepareProgress`` stage ("tokenizer") or the core's sentence, in the user's language."""
    if stage in PREPARE_STAGES:
        return QCoreApplication.translate("controllers.training", PREPARE_STAGES[stage])
    return core_text(stage)


class TrainingController(QObject):
    stateChanged = Signal(object)  # TrainingState
    event = Signal(object)  # every engine event of the run on the device (StepMetrics, EvalMetrics, ...)
    runStarted = Signal(object)  # Run: a run is about to train (new or continued); views reset their curves
    runFinished = Signal(object)  # Finished
    entryStarted = Signal(object)  # QueueEntry now on the device
    entryFinished = Signal(object, object)  # QueueEntry, Finished (its thread has ended)
    sweepProgress = Signal(object, object)  # QueueEntry, SweepProgress: a sweep point's own progress
    queueChanged = Signal()  # entries added, removed, moved, started or ended; paused or resumed
    runsChanged = Signal()  # a run was created or ended
    notice = Signal(str, str)  # level (info | warning | error), sentence

    def __init__(self, store: RunStore, parent=None):
        super().__init__(parent)
        self._store = store
        self._queue = RunQueue.load(store.root)
        self._state = TrainingState()
        self._job: Job | None = None
        self._token = 0  # which launch the callbacks belong to (a stopped run's late events are dropped)
        self._control: Control | None = None
        self._detach: threading.Event | None = None  # set to stop following an external run
        self._current: QueueEntry | None = None
        self._last_end: Finished | None = None
        self._halting = False  # the run on the device goes back to the head when it ends
        self._corpora: dict[str, Corpus] = {}  # entry id -> the corpus already read in this session
        self.own_process = True  # train a single-process run in a child process (the app's setting)
        QTimer.singleShot(0, self._report_restored)

    # -- state ------------------------------------------------------------------------------------------
    @property
    def store(self) -> RunStore:
        return self._store

    @property
    def state(self) -> TrainingState:
        return self._state

    @property
    def busy(self) -> bool:
        """A run is on the device (or followed)."""
        return self._job is not None

    @property
    def current(self) -> QueueEntry | None:
        """The queue entry on the device (None when idle or following a job elsewhere)."""
        return self._current

    @property
    def waiting(self) -> tuple[QueueEntry, ...]:
        return self._queue.waiting

    @property
    def queue_paused(self) -> bool:
        return self._queue.paused

    def _set_state(self, **changes) -> None:
        self._state = replace(self._state, **changes)
        self.stateChanged.emit(self._state)

    @Slot()
    def _report_restored(self) -> None:
        if self._queue.problem:
            self.notice.emit("warning", self._queue.problem)
        elif self._queue.waiting:
            n = len(self._queue.waiting)
            self.notice.emit("info", self.tr("%n run(s) wait in the queue: press Resume queue to train them.", "", n))

    def set_store(self, store: RunStore) -> bool:
        """Another runs folder (and its queue); refused while a run trains."""
        if self.busy:
            return False
        self._store, self._queue = store, RunQueue.load(store.root)
        self._corpora.clear()
        self.queueChanged.emit()
        self._report_restored()
        return True

    # -- the queue ---------------------------------------------------------------------------------------
    def _changed(self, change, *args) -> bool:
        """Apply a change to the queue (it saves itself); a disk problem becomes a notice."""
        try:
            result = change(*args)
        except LmlabError as e:
            self.notice.emit("error", error_text(e))
            return False
        self.queueChanged.emit()
        return result

    def _queued(self, run_path: str | Path) -> bool:
        return any(Path(e.run_path) == Path(run_path) for e in self._queue.entries)

    def enqueue(self, entry: QueueEntry, corpus: Corpus | None = None) -> QueueEntry | None:
        """Put an entry on the queue; it starts at once if the device is free and the queue runs.

        A run already on the queue (or training) is not queued twice: None, and a notice says so.
        """
        if self._queued(entry.run_path):
            self.notice.emit("info", self.tr("{0} is already on the run queue.").format(entry.name))
            return None
        if not self._changed(self._queue.add, entry):
            return None
        added = self._queue.entries[-1]
        if corpus is not None:
            self._corpora[added.id] = corpus
        self._start_next()
        return added

    def enqueue_run(self, run: Run, corpus: Corpus | None = None, resume: bool = False,
                    processes: int = 1) -> QueueEntry | None:
        """Queue ``run`` (created, with its config); ``corpus``: already read (else read from its config)."""
        try:
            cfg = run.read_config()
            entry = QueueEntry.for_run(run, corpus=cfg.corpus, resume=resume, processes=processes)
        except LmlabError as e:
            self.notice.emit("error", error_text(e))
            return None
        return self.enqueue(entry, corpus)

    def enqueue_config(self, cfg: RunConfig, name: str | None = None, corpus: Corpus | None = None,
                       processes: int = 1) -> QueueEntry | None:
        """Create a run from ``cfg`` in the runs folder and queue it."""
        try:
            run = self._store.create(cfg, name)
        except LmlabError as e:
            self.notice.emit("error", error_text(e))
            return None
        self.runsChanged.emit()
        return self.enqueue_run(run, corpus, processes=processes)

    def enqueue_sweep(self, sweep: Sweep) -> list[QueueEntry]:
        """One entry per unfinished point of ``sweep``, in plan order (each point's run is created now)."""
        added = []
        try:
            for i in sweep.unfinished():
                run = sweep.run_for(i)
                if self._queued(run.path):
                    continue
                entry = QueueEntry.for_run(run, corpus=sweep.base.corpus, resume=True, sweep_path=str(sweep.path),
                                           sweep_index=i)
                added.append(self._queue.add(entry))
        except LmlabError as e:
            self.notice.emit("error", error_text(e))
        self.queueChanged.emit()
        self._start_next()
        return added

    def remove(self, entry_id: str) -> bool:
        self._corpora.pop(entry_id, None)
        return self._changed(self._queue.remove, entry_id)

    def move(self, entry_id: str, delta: int) -> bool:
        return self._changed(self._queue.move, entry_id, delta)

    def set_queue_paused(self, paused: bool) -> None:
        """Pause the queue (the run on the device goes on; nothing new starts) or resume it."""
        self._changed(self._queue.set_paused, paused)
        if not paused:
            self._halting = False
            self._start_next()

    def halt(self) -> None:
        """Pause the queue and stop the run on the device; that run keeps its place, to continue later."""
        self.set_queue_paused(True)
        if self._current is not None and self._control is not None:
            self._halting = True
            self.stop()

    # -- the run on the device --------------------------------------------------------------------------
    def _start_next(self) -> None:
        if self.busy:
            return
        entry = self._queue.next()
        if entry is None:
            return
        try:
            entry = self._queue.mark_running(entry.id)
            total = entry.run.read_config().total_steps
        except (LmlabError, KeyError) as e:
            self.notice.emit("error", self.tr("{0}: {1}").format(entry.name, e))
            self._changed(self._queue.finish, entry.id)
            self._start_next()
            return
        control = Control()
        corpus = self._corpora.pop(entry.id, None)
        child = self.own_process and entry.processes == 1
        mode = "processes" if entry.processes > 1 else "process" if child else "thread"
        if entry.sweep_path:
            job = (train_sweep_entry, entry.sweep_path, entry.sweep_index, control, child)
        else:
            job = (partial(prepare_and_train, own_process=child), entry.run, control, corpus, entry.resume,
                   entry.processes)
        self._current, self._halting = entry, False
        self._launch(job, control, TrainingState(
            phase="preparing", run=entry.run, total_steps=total, message="", mode=mode, processes=entry.processes))
        self.entryStarted.emit(entry)
        self.queueChanged.emit()

    def _launch(self, job: tuple, control: Control, state: TrainingState) -> None:
        self._token += 1
        token = self._token
        self._control, self._detach, self._last_end = control, None, None
        self._state = state
        self.runStarted.emit(state.run)
        self.stateChanged.emit(self._state)
        self.runsChanged.emit()
        gc.collect()  # on the GUI thread: the engine's own collection in the worker then finds no Qt objects
        self._job = create_worker(
            *job, name="training",
            on_yield=lambda ev: self._on_event(token, ev),
            on_error=lambda e: self._on_error(token, e),
            on_finish=lambda: self._on_finish(token),
        )

    def follow_run(self, path: str | Path) -> Run | None:
        """Show a run that a job elsewhere writes (a cluster's shared folder), live, until it ends.

        Stop then asks that job to stop through the folder; ``detach`` only stops following.
        """
        if self.busy:
            return None
        try:
            run = Run(local_run_path(path))
            status = run.read_status()
        except LmlabError as e:
            self.notice.emit("error", error_text(e))
            return None
        control, detach = Control(), threading.Event()
        offset = metrics_size(run)  # what the curves show from the file; the follower reads on from there
        total = status.get("total_steps") if isinstance(status.get("total_steps"), int) else 0
        step = status.get("step") if isinstance(status.get("step"), int) else 0
        self._current = None
        job = (partial(follow, start_offset=offset, detached=detach.is_set), run, control)
        self._launch(job, control, TrainingState(
            phase="running", run=run, mode="external", step=step, total_steps=total, message=""))
        self._detach = detach
        return run

    def detach(self) -> None:
        """Stop following an external run (the job itself goes on)."""
        if self._detach is not None:
            self._detach.set()

    def reset(self) -> None:
        """Forget the last run (not while one trains): the training view starts from a clean page."""
        if not self.busy:
            self._state = TrainingState()
            self.stateChanged.emit(self._state)

    def pause(self) -> None:
        """Pause between two steps (a run in this process or in its own child process; torchrun's ranks
        and a job elsewhere cannot wait for us)."""
        if self._state.mode not in ("thread", "process"):
            return
        if self._control and self._state.phase in ("running", "preparing"):
            self._control.pause()
            self._set_state(phase="paused", message=self.tr("Paused; the run waits between two steps."))

    def resume(self) -> None:
        if self._control and self._state.phase == "paused":
            self._control.resume()
            self._set_state(phase="running" if self._state.device_name else "preparing", message="")

    def toggle_pause(self) -> None:
        if self._state.phase == "paused":
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """Stop at the next step; the engine saves a checkpoint first. The queue goes on (unless halted)."""
        if self._control and self._state.busy and self._state.phase != "stopping":
            self._control.stop()
            self._set_state(phase="stopping", message=self.tr("Stopping after this step…"))

    # -- what the worker says ----------------------------------------------------------------------------
    def _on_event(self, token: int, ev) -> None:
        if token != self._token:  # a late event of a run already let go
            return
        if isinstance(ev, SweepProgress):
            self.sweepProgress.emit(self._current, ev)
            if ev.status == "preparing":
                ev = PrepareProgress(ev.message or "preparing", ev.point_fraction)
            elif ev.event is None:
                return
            else:
                ev = ev.event
        t = self._state
        if isinstance(ev, PrepareProgress):
            self._set_state(prepare_stage=prepare_stage_text(ev.stage), prepare_fraction=ev.fraction)
        elif isinstance(ev, Started):
            phase = t.phase if t.phase in ("paused", "stopping") else "running"
            self._set_state(phase=phase, step=ev.start_step, total_steps=ev.total_steps,
                            tokens=ev.start_step * ev.tokens_per_step, device_name=ev.device_name)
        elif isinstance(ev, StepMetrics):
            self._state = replace(t, step=ev.step, tokens=ev.tokens, elapsed=ev.elapsed, tokens_per_s=ev.tokens_per_s)
            self.stateChanged.emit(self._state)
        elif isinstance(ev, EvalMetrics):
            self._state = replace(t, step=ev.step, tokens=ev.tokens, elapsed=ev.elapsed)
        elif isinstance(ev, RunStatus):  # a run written by other processes says how it goes
            if ev.status == "running" and t.phase == "preparing":
                self._set_state(phase="running")
            if ev.total_steps and ev.step >= t.step:
                self._set_state(step=ev.step, total_steps=ev.total_steps)
        elif isinstance(ev, Finished):
            self._finished(ev)
        self.event.emit(ev)

    def _finished(self, ev: Finished) -> None:
        level = {"finished": "info", "stopped": "warning"}.get(ev.status, "error")
        self._last_end = ev
        reason = core_text(ev.reason)
        self._set_state(message=reason, message_level=level, step=ev.step or self._state.step)
        self.notice.emit(level, reason)
        self.runFinished.emit(ev)

    def _on_error(self, token: int, e: BaseException) -> None:
        if token != self._token:
            return
        msg = error_text(e) if isinstance(e, LmlabError) else self.tr("Training stopped by an error: {0}: {1}").format(
            type(e).__name__, e)
        self._finished(Finished("failed", msg, self._state.step, None, self._state.elapsed))

    def _on_finish(self, token: int) -> None:
        if token != self._token:
            return
        entry, end = self._current, self._last_end
        self._job, self._control, self._detach, self._current = None, None, None, None
        if entry is not None:
            if self._halting:
                self._changed(self._queue.requeue, entry.id)
            else:
                self._changed(self._queue.finish, entry.id)
        self._halting = False
        self._set_state(phase="idle", prepare_stage="")
        self.runsChanged.emit()
        if entry is not None:
            self.entryFinished.emit(entry, end or Finished("stopped", "", self._state.step, None, 0.0))
        self._start_next()

    # -- lifecycle ---------------------------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Stop the run on the device (it keeps its place in the queue, to resume) and wait for its thread.

        A followed job elsewhere goes on without us. Returns False only if ``timeout_ms`` ran out.
        """
        if self._detach is not None:
            self._detach.set()
        elif self._control is not None:
            self._control.stop()
        if self._job is None:
            return True
        if not self._job.wait(timeout_ms):
            return False
        entry = self._current
        self._token += 1  # what the ended thread still sends is dropped
        self._job, self._control, self._detach, self._current = None, None, None, None
        if entry is not None:
            self._changed(self._queue.requeue, entry.id)
        self._set_state(phase="idle", prepare_stage="")
        return True
