"""Tuning before training, for the Training panel's pre-flight section: state and commands, no widgets.

* ``PreflightController``: the pre-flight estimate of the session's configuration, kept current as the
  settings change (debounced). What is known at once (a cached measurement, the memory estimate) is
  shown at once. The micro-benchmark runs off the GUI thread in a ``JobSlot`` (latest wins) once the
  user asks for it (``measure()``: a few seconds of the device, never by surprise when the app opens
  or a corpus is read); from then on every change of shape is measured again by itself, while the view
  is shown and the device is free. ``apply(fix)`` puts a warning's fix into the session's config.
* ``LrFinderController``: the learning-rate range test on the session's corpus; ``use()`` sets the rate.
* ``BatchFinderController``: the largest batch that fits; ``use()`` sets it.

    pre = PreflightController(session)
    pre.estimateChanged.connect(view.show_estimate)    # a PreflightEstimate, or None (fix the settings first)
    pre.set_active(True)                               # the view is shown: measurements may run
    pre.measure()                                      # measure now, and again after each change of shape
    pre.apply(estimate.warnings[0].fixes[0])           # the change goes to session.update(...)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.config import RunConfig
from ...core.derive import min_lr_for
from ...core.errors import LmlabError
from ...core.events import PrepareProgress
from ...core.jobs.preflight import batch_find_job, lr_find_job, preflight_job, quick_estimate
from ...core.tokenizer_fit import tokenizer_cache_dir
from ...core.tuning.events import BatchFindResult, Fix, LrFindResult, LrPoint, MeasureProgress
from ..i18n import error_text
from ..jobs import Job, JobSlot, create_worker
from .training import prepare_stage_text

DEBOUNCE_MS = 400


def _sentence(error: BaseException, what: str) -> str:
    return error_text(error) if isinstance(error, LmlabError) else f"{what}: {type(error).__name__}: {error}"


class PreflightController(QObject):
    estimateChanged = Signal(object)  # PreflightEstimate | None
    measuringChanged = Signal(bool)
    measureProgress = Signal(float)  # 0..1 of the running measurement
    failed = Signal(str)  # a sentence: the measurement could not run

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.free_bytes: int | None = None  # the device's free memory to plan against (None: ask the device)
        self.cache_file: Path | None = None  # the measurement cache (None: the user's cache folder)
        self.estimate = None
        self.wanted = False  # a measurement would tell more (none cached, and it may be tried)
        self.active = False
        self.auto = False  # measure by itself as the settings change (after the first ``measure()``)
        self._slot = JobSlot("preflight")
        self._measuring = False
        self._measured_cfg: RunConfig | None = None  # what the running measurement measures
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        session.configChanged.connect(self.schedule)
        session.corpusChanged.connect(self.schedule)
        session.runStarted.connect(lambda _run: self._slot.cancel())  # the device is the run's now
        session.runFinished.connect(self.schedule)

    @property
    def measuring(self) -> bool:
        return self._measuring

    def set_active(self, active: bool) -> None:
        """The view is shown (measurements may run) or hidden (they wait)."""
        self.active = bool(active)
        if self.active:
            self.schedule()
        else:
            self._cancel()

    def set_free_bytes(self, free: int | None) -> None:
        """Plan against this much free memory instead of what the device says (a what-if; tests)."""
        self.free_bytes = free
        self.refresh()

    def measure(self) -> None:
        """Measure the current settings now, and each new shape from now on."""
        self.auto = True
        self.refresh()

    def schedule(self, *_args) -> None:
        self._timer.start()

    def config(self) -> RunConfig:
        """The session's configuration with the vocabulary as well as it is known."""
        return self.session.config.with_changes(model={"vocab_size": self.session.vocab_estimate()})

    def refresh(self) -> None:
        """Estimate now from what is known; start a measurement if one is wanted and may run."""
        self._timer.stop()
        self.wanted = False
        if self.session.problems():
            self._cancel()
            self._set(None)
            return
        cfg = self.config()
        split = self.session.token_split()
        n_train = split[0] if split else None
        try:
            est, wanted = quick_estimate(cfg, n_train, free_bytes=self.free_bytes, cache_file=self.cache_file)
        except LmlabError as e:
            self._cancel()
            self._set(None)
            self.failed.emit(error_text(e))
            return
        self.wanted = wanted
        self._set(est)
        if not (wanted and self.auto and self.active and not self.session.trainer.busy):
            self._cancel()
            return
        if self._slot.busy:  # one measurement at a time: two would slow each other down
            if cfg != self._measured_cfg:
                self._slot.cancel()
                self._timer.start()  # try again once the superseded one has ended
            return  # (the same one ends in refresh, with the measurement cached)
        self._measured_cfg = cfg
        self._slot.start(preflight_job, cfg, n_train, free_bytes=self.free_bytes, cache_file=self.cache_file,
                         on_yield=self._progress, on_return=lambda _est: self.refresh(), on_error=self._failed,
                         on_finish=lambda: self._set_measuring(False))
        self._set_measuring(True)

    def apply(self, fix: Fix) -> None:
        """Put ``fix``'s changes into the session's configuration and estimate again at once."""
        self.session.update(**fix.changes)
        self.refresh()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        self._timer.stop()
        ok = self._slot.shutdown(timeout_ms)
        self._set_measuring(False)
        return ok

    def _cancel(self) -> None:
        self._slot.cancel()
        self._set_measuring(False)

    def _set(self, est) -> None:
        self.estimate = est
        self.estimateChanged.emit(est)

    def _progress(self, p: MeasureProgress) -> None:
        self.measureProgress.emit(p.fraction)

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(_sentence(error, self.tr("The pre-flight measurement failed")))

    def _set_measuring(self, on: bool) -> None:
        if on != self._measuring:
            self._measuring = on
            self.measuringChanged.emit(on)


class _FinderController(QObject):
    """One finder job at a time on the session's device: start (refused while a run trains), stop, the result."""

    finished = Signal(object)  # the job's result
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.result = None
        self._job: Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _run(self, busy_sentence: str, func, *args, **kwargs) -> bool:
        """Start ``func`` unless a job runs, a run trains (``failed`` says ``busy_sentence``) or the settings
        are impossible (``failed`` names the first problem)."""
        if self.busy:
            return False
        if self.session.trainer.busy:
            self.failed.emit(busy_sentence)
            return False
        problems = self.session.problems()
        if problems:
            self.failed.emit(str(problems[0]))
            return False
        self.result = None
        self._job = create_worker(func, *args, on_return=self._finished, on_error=self._failed,
                                  on_finish=self._ended, **kwargs)
        self.busyChanged.emit(True)
        return True

    def stop(self) -> None:
        if self._job is not None:
            self._job.abort()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        if self._job is None:
            return True
        self._job.abort()
        return self._job.wait(timeout_ms)

    def _finished(self, result) -> None:
        self.result = result
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(_sentence(error, self._what_failed()))

    def _what_failed(self) -> str:
        raise NotImplementedError

    def _ended(self) -> None:
        self._job = None
        self.busyChanged.emit(False)


class LrFinderController(_FinderController):
    """The range test on the session's configuration and corpus (``core.jobs.preflight.lr_find_job``);
    ``finished`` carries an ``LrFindResult``."""

    point = Signal(object)  # LrPoint
    preparing = Signal(str, float)  # stage, fraction (-1: unknown) while the text is tokenised

    def __init__(self, session, parent: QObject | None = None, steps: int | None = None):
        super().__init__(session, parent)
        self.steps = steps
        self.result: LrFindResult | None = None

    def start(self) -> bool:
        """Run the test (False, with ``failed``, when the device is training or the settings are impossible)."""
        kwargs = {"steps": self.steps} if self.steps else {}
        return self._run(self.tr("A run is training on the device; find the rate when it has ended."),
                         lr_find_job, self.session.config, self.session.corpus,
                         tokenizer_cache=tokenizer_cache_dir(self.session.store.root), on_yield=self._yielded,
                         name="lr-finder", **kwargs)

    def use(self) -> bool:
        """Set the suggested rate as the session's learning rate (its floor keeps its ratio)."""
        if self.result is None or self.result.suggestion is None:
            return False
        lr = float(f"{self.result.suggestion:.2g}")
        self.session.update(train={"learning_rate": lr, "min_lr": min_lr_for(lr, self.session.config.train)})
        return True

    def _what_failed(self) -> str:
        return self.tr("The learning-rate test failed")

    def _yielded(self, ev) -> None:
        if isinstance(ev, LrPoint):
            self.point.emit(ev)
        elif isinstance(ev, PrepareProgress):
            self.preparing.emit(prepare_stage_text(ev.stage), ev.fraction)


class BatchFinderController(_FinderController):
    """The largest batch that fits (``core.jobs.preflight.batch_find_job``), planned against the
    pre-flight's free memory (``PreflightController.free_bytes``) when one is set; ``finished`` carries a
    ``BatchFindResult``."""

    tried = Signal(object)  # BatchTry

    def __init__(self, preflight: PreflightController, parent: QObject | None = None):
        super().__init__(preflight.session, parent)
        self.preflight = preflight
        self.result: BatchFindResult | None = None

    def start(self) -> bool:
        return self._run(self.tr("A run is training on the device; try the batch sizes when it has ended."),
                         batch_find_job, self.preflight.config(), self.preflight.free_bytes,
                         on_yield=self.tried.emit, name="batch-finder")

    def use(self) -> bool:
        if self.result is None or self.result.batch_size < 1:
            return False
        self.preflight.apply(Fix("", {"train": {"batch_size": self.result.batch_size}}))
        return True

    def _what_failed(self) -> str:
        return self.tr("Finding the batch size failed")
