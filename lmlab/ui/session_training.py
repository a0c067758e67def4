"""The session's training half: its configuration and corpus become runs on the queue.

``TrainingMixin`` is mixed into ``Session``. The device, the queue and the run training now belong
to one ``TrainingController`` (``controllers/training.py``, ``session.trainer``); the session turns
its current configuration and corpus into a run and queues it (``start``), queues a run to continue
(``continue_run``). Pause, Stop, Follow and the queue are the controller's own commands
(``session.trainer.pause()``...): the session does not repeat them. The controller's signals are the session's
``trainingChanged``, ``trainingEvent``, ``runStarted``, ``runFinished`` and ``runsChanged``.
"""

from __future__ import annotations


from ..core.dataset import PreparedData
from ..core.derive import batch_split
from ..core.errors import LmlabError
from ..core.runs import Run, RunStore
from .controllers.parallel import ParallelDataController
from .controllers.training import TrainingController, TrainingState


class TrainingMixin:
    """Training for ``Session`` (see the module docstring)."""

    def _init_training(self, store: RunStore) -> None:
        self.trainer = TrainingController(store, self)
        self.pairs = ParallelDataController(self)  # an encoder-decoder's sentence pairs (Corpus dock)
        self.pairs.stateChanged.connect(self._pairs_changed)
        self.configChanged.connect(self._config_for_pairs)
        self._config_for_pairs(self._config)
        t = self.trainer
        t.stateChanged.connect(self.trainingChanged)
        t.event.connect(self.trainingEvent)
        t.event.connect(self._note_prepared)
        t.runStarted.connect(self.runStarted)
        t.runFinished.connect(self.runFinished)
        t.runsChanged.connect(self.runsChanged)
        t.notice.connect(self.notice)

    @property
    def store(self) -> RunStore:
        return self.trainer.store

    def set_store(self, store: RunStore) -> bool:
        """Another runs folder (and the queue kept there); refused while a run trains."""
        return self.trainer.set_store(store)

    @property
    def training(self) -> TrainingState:
        return self.trainer.state

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
        """Create a new run from the current configuration and corpus and queue it (it trains at once
        when nothing else does)."""
        if not self.can_start():
            return None
        cfg, n = self._config, self._processes
        if cfg.model.arch == "encdec":  # sentence pairs: the queue prepares them like any run's data
            source = self.pairs.state.source
            name = f"{cfg.model.n_layer}L-{cfg.model.n_embd}d {self.pairs.state.scan.label}"
            entry = self.trainer.enqueue_config(cfg.with_changes(corpus=list(source)), name, None, n)
            return entry.run if entry is not None else None
        name = f"{cfg.model.n_layer}L-{cfg.model.n_embd}d {self._corpus.label.split(' (')[0]}"
        entry = self.trainer.enqueue_config(cfg.with_changes(corpus=list(self._corpus.sources)), name,
                                            self._corpus, n)
        return entry.run if entry is not None else None

    def _config_for_pairs(self, cfg) -> None:
        if cfg.model.arch == "encdec":  # the pairs are tokenised as this configuration will
            self.pairs.set_config(cfg)

    def _pairs_changed(self, _state) -> None:
        self.problemsChanged.emit(self.problems())
        self.sizeChanged.emit(self.model_size())  # the vocabulary is known once the pairs are tokenised

    def continue_run(self, run: Run) -> bool:
        """Queue an existing run to train on from its latest checkpoint (its own config and data)."""
        n = self._processes
        try:  # N processes share each step's batch (derive.batch_split): the run's must split N ways
            t = run.read_config().train
            batch_split(t.batch_size, t.grad_accum, n)
        except LmlabError:
            n = 1
        return self.trainer.enqueue_run(run, resume=True, processes=n) is not None

    def _note_prepared(self, ev) -> None:
        """A run of the current corpus was prepared: its token count is the corpus's, now known."""
        if not isinstance(ev, PreparedData) or ev.tokenizer_kind == "char" or self._corpus is None:
            return
        run = self.training.run
        try:
            cfg = run.read_config() if run is not None else None
        except LmlabError:
            return
        if cfg is None or tuple(cfg.corpus) != tuple(self._corpus.sources):
            return
        self._prepared = (ev.tokenizer_kind, cfg.data.vocab_size, ev.vocab_size, ev.n_train + ev.n_val)
        self._set_corpus_state(self._with_tokens(self._corpus_state))
        self.sizeChanged.emit(self.model_size())
