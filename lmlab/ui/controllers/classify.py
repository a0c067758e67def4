"""Text classification in the app: start a classifier, and follow its evaluations. No widgets.

``ClassifyController.start(request)`` sets a classifier run up off the GUI thread
(``core.jobs.classify.create_classifier``: an encoder from scratch, or a head on the current run),
then hands it to the session's normal training path (``Session.continue_run``: the run queue, the
same engine, Stop and live plots as any run). At each evaluation of the classifier it follows
(``training_event``) it reads what the evaluation wrote (``core.classify.metrics``: the confusion
matrix and every validation example) and emits ``evaluated``; ``history`` holds accuracy, macro-F1
and the majority baseline per evaluation for the plot.

    clf = ClassifyController(session)
    clf.evaluated.connect(show)                       # the evaluation dict
    clf.start(ClassifierRequest(LabelSource(), parent_path="", model={}, train={"max_steps": 200}))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from ...core.classify.metrics import evaluations, read_evaluation
from ...core.errors import LmlabError
from ...core.events import EvalMetrics, Started
from ...core.jobs.classify import CLASSIFIER_OF, LabelSource, create_classifier
from ...core.runs import Run
from ..jobs import JobSlot
from .instruments import same_path

CLASSIFIER_ARCHS = ("gpt-classifier", "encoder")


@dataclass(frozen=True)
class ClassifierRequest:
    """What the Classify panel asks for: the labelled data, the run to fine-tune ("" for an encoder
    from scratch), classifier settings (pooling, freeze_layers) and training settings."""

    source: LabelSource
    parent_path: str = ""
    model: dict = field(default_factory=dict)
    train: dict = field(default_factory=dict)
    epochs: int = 3


@dataclass(frozen=True)
class ScorePoint:
    step: int
    accuracy: float
    macro_f1: float
    majority: float


class ClassifyController(QObject):
    progress = Signal(str)  # a sentence while a run is set up
    queued = Signal(str)  # the new run's path, on the run queue
    failed = Signal(str)
    runChanged = Signal(str)  # the classifier run followed now ("" when the current run is not one)
    evaluated = Signal(object)  # dict: the latest evaluation (labels, confusion, examples, metrics)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.run_path = ""  # the classifier shown
        self.current_run = ""  # the app's current run: what "fine-tune the current run" starts from
        self.history: list[ScorePoint] = []
        self.evaluation: dict | None = None
        self._job = JobSlot("classifier-setup")
        self._training = ""  # the run the training events are about
        session.trainingEvent.connect(self.training_event)

    @property
    def busy(self) -> bool:
        return self._job.busy

    # -- commands ---------------------------------------------------------------------------------------
    def start(self, request: ClassifierRequest) -> bool:
        """Set the classifier run up and queue it; False while another is being set up."""
        if self.busy:
            return False
        parent = Run(request.parent_path) if request.parent_path else None
        if parent is not None and not self.is_language_model(request.parent_path):
            self.failed.emit(self.tr("Fine-tune a language model or a masked-language-model run; the current run "
                                     "is neither."))
            return False
        self._job.start(create_classifier, self.session.store, request.source, parent=parent,
                        base=self.session.config, model=request.model, train=request.train, epochs=request.epochs,
                        on_yield=lambda ev: self.progress.emit(ev.message), on_return=self._created,
                        on_error=self._failed)
        return True

    @Slot(str)
    def set_current_run(self, path: str) -> None:
        """The app's current run changed: follow it when it is a classifier."""
        self.current_run = str(path)
        if self.is_classifier(path):
            self.set_run(path)

    def set_run(self, path: str) -> None:
        """Show the classifier at ``path``: its evaluations so far."""
        self.run_path = str(path)
        self.history, self.evaluation = [], None
        try:
            records = Run(path).read_metrics() if path else []
        except LmlabError:
            records = []
        for r in records:
            extra = r.get("extra") or {}
            if r.get("type") == "eval" and "accuracy" in extra:
                self.history.append(ScorePoint(int(r["step"]), extra["accuracy"], extra["macro_f1"], extra["majority"]))
        self.runChanged.emit(self.run_path)
        self._read_latest()

    @Slot(object)
    def training_event(self, ev) -> None:
        """An engine event of the run training now: a classifier's evaluation is read and shown."""
        if isinstance(ev, Started):
            self._training = ev.run_dir
            if self.is_classifier(ev.run_dir) and not same_path(ev.run_dir, self.run_path):
                self.set_run(ev.run_dir)
        elif isinstance(ev, EvalMetrics) and "accuracy" in ev.extra and same_path(self._training, self.run_path):
            x = ev.extra
            self.history.append(ScorePoint(ev.step, x["accuracy"], x["macro_f1"], x["majority"]))
            self._read_latest(ev.step)  # that evaluation's file: a followed run may be further on already

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        self._job.shutdown(timeout_ms)

    # -- state --------------------------------------------------------------------------------------------
    @staticmethod
    def _arch(path: str) -> str:
        try:
            return Run(path).read_config().model.arch if path else ""
        except LmlabError:
            return ""

    def is_classifier(self, path: str) -> bool:
        return self._arch(path) in CLASSIFIER_ARCHS

    def is_language_model(self, path: str) -> bool:
        return self._arch(path) in CLASSIFIER_OF

    def n_layer(self, path: str) -> int:
        """The body's layers of the run at ``path`` (0 when it cannot be read)."""
        try:
            return Run(path).read_config().model.n_layer if path else 0
        except LmlabError:
            return 0

    # -- callbacks ------------------------------------------------------------------------------------------
    def _read_latest(self, step: int | None = None) -> None:
        files = evaluations(self.run_path) if self.run_path else []
        if step is not None:
            files = [f for f in files if _file_step(f) <= step] or files
        try:
            self.evaluation = read_evaluation(files[-1]) if files else None
        except (OSError, ValueError):
            self.evaluation = None  # being replaced: the next evaluation reads it again
        if self.evaluation is not None:
            self.evaluated.emit(self.evaluation)

    def _created(self, run: Run) -> None:
        self.set_run(str(run.path))
        if self.session.continue_run(run):  # the queue says why when it cannot take the run
            self.queued.emit(str(run.path))

    def _failed(self, error: BaseException) -> None:
        text = (str(error) if isinstance(error, LmlabError)
                else self.tr("Setting up the classifier failed: {0}").format(error))
        self.session.notice.emit("error", text)
        self.failed.emit(text)


def _file_step(path) -> int:
    """The step of an evaluation file (``step_000020.json``); files sort by it."""
    try:
        return int(path.stem.split("_")[-1])
    except ValueError:
        return -1
