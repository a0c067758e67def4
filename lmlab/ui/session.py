"""The app's controller: the current configuration, corpus and training run.

Panels are views: they render what the session tells them through signals and call
its methods when the user acts; they keep no domain state of their own. The session
owns the worker threads (corpus scan, tokenizer training, training) and is the only
place that starts or stops them.

    session = Session(runs_dir)
    session.configChanged.connect(panel.show_config)
    session.open_corpus(["book.txt"])            # scans in a worker; corpusChanged reports
    session.update(model={"n_layer": 6})         # -> configChanged, problemsChanged
    session.start()                              # new run: prepare + train in a worker
    session.pause(); session.resume(); session.stop()
    session.shutdown()                           # stop everything and wait for the threads
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ..core.config import PRESETS, RunConfig, check_against_data, preset, validate
from ..core.corpus import Corpus, CorpusStats
from ..core.dataset import PreparedData, PrepareProgress, choose_split
from ..core.engine import Control, EvalMetrics, Finished, Started, StepMetrics
from ..core.errors import ConfigError, LmlabError
from ..core.follow import RunStatus, follow, local_run_path, metrics_size
from ..core.model import ModelSize, model_size
from ..core.runs import Run, RunStore
from .workers import (
    GeneratorWorker,
    ScanResult,
    TokenizerProgress,
    TokenizerResult,
    prepare_and_train,
    scan_corpus,
    tokenizer_job,
)

log = logging.getLogger(__name__)

DEFAULT_PRESET = "small"
# Settings a preset does not change: they describe the machine, not the experiment.
MACHINE_FIELDS = ("device", "precision", "compile", "threads", "seed")
# The Shakespeare corpus has 80 distinct characters; a fair guess before a corpus is read.
CHAR_VOCAB_GUESS = 81


@dataclass(frozen=True)
class CorpusState:
    """Everything the corpus panel shows (a snapshot; the session emits a new one on change)."""

    label: str = ""
    sources: tuple[str, ...] = ()
    stats: CorpusStats | None = None
    preview: str = ""
    error: str = ""  # the last problem, one sentence (the previous corpus stays in use)
    scanning: bool = False
    scan_fraction: float = 0.0
    tokenizing: bool = False
    tokenizer_stage: str = ""
    tokenizer_fraction: float = 0.0
    tokens: int | None = None  # tokens of the whole corpus with the configured tokenizer, once known
    token_vocab: int | None = None  # that tokenizer's vocabulary size

    @property
    def loaded(self) -> bool:
        return self.stats is not None


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


class Session(QObject):
    configChanged = Signal(object)  # RunConfig
    problemsChanged = Signal(object)  # list[ConfigError]: impossible values, each naming its field
    sizeChanged = Signal(object)  # ModelSize of the current shape (with the best-known vocabulary)
    corpusChanged = Signal(object)  # CorpusState
    trainingChanged = Signal(object)  # TrainingState
    trainingEvent = Signal(object)  # every engine event of the current run (StepMetrics, EvalMetrics, ...)
    runStarted = Signal(object)  # Run: a run is about to train (new or continued); panels reset their curves
    runFinished = Signal(object)  # Finished
    runsChanged = Signal()  # the runs folder changed (a run was created or ended)
    notice = Signal(str, str)  # level (info | warning | error), sentence: for the status bar / a dialog

    def __init__(self, runs_dir: str | Path | None = None, config: RunConfig | None = None, parent=None):
        super().__init__(parent)
        self.store = RunStore(runs_dir)
        self._config = config or preset(DEFAULT_PRESET)
        self._corpus: Corpus | None = None
        self._corpus_state = CorpusState()
        self._tokenized: TokenizerResult | None = None
        self._prepared: tuple[str, int, int, int] | None = None  # (kind, target vocab, vocab, tokens)
        self._scan: GeneratorWorker | None = None
        self._tok: GeneratorWorker | None = None
        self._train: GeneratorWorker | None = None
        self._control: Control | None = None
        self._detach: threading.Event | None = None  # set to stop following an external run
        self._processes = 1  # training processes (one per GPU) for new runs
        self._training = TrainingState()
        self._problems_cache: tuple | None = None

    # -- configuration ------------------------------------------------------------------
    @property
    def config(self) -> RunConfig:
        return self._config

    def set_config(self, cfg: RunConfig) -> None:
        if cfg == self._config:
            return
        self._config = cfg
        self.configChanged.emit(cfg)
        self._emit_derived()

    def update(self, **sections) -> None:
        """Change some fields: ``update(model={"n_head": 8}, train={"batch_size": 4})``."""
        self.set_config(self._config.with_changes(**sections))

    def apply_preset(self, name: str) -> None:
        """Take a preset's model shape and optimisation, keeping the corpus, tokenizer and machine choices."""
        p = preset(name)
        machine = {f: getattr(self._config.train, f) for f in MACHINE_FIELDS}
        self.set_config(replace(self._config, model=p.model, train=replace(p.train, **machine)))

    def matching_preset(self) -> str | None:
        """The preset whose shape and optimisation the current config has, if any."""
        cfg = self._config
        for name, p in PRESETS.items():
            machine = {f: getattr(cfg.train, f) for f in MACHINE_FIELDS}
            if replace(cfg.model, vocab_size=0) == p.model and cfg.train == replace(p.train, **machine):
                return name
        return None

    def vocab_estimate(self) -> int:
        """The vocabulary size the model will have, as well as it is known now."""
        cfg, st = self._config, self._corpus_state
        known = self._known_tokens()
        if known:
            return known[0]
        if cfg.data.tokenizer == "char":
            return st.stats.distinct_characters + 1 if st.stats else CHAR_VOCAB_GUESS
        return cfg.data.vocab_size

    def model_size(self) -> ModelSize:
        m = replace(self._config.model, vocab_size=self.vocab_estimate())
        return model_size(m, self._config.train.batch_size)

    def problems(self) -> list[ConfigError]:
        """Impossible values: ``validate()`` plus a context the corpus cannot fill (once it is read).

        Cached per (configuration, corpus, known token counts): panels ask on every training event.
        """
        cfg, stats, known = self._config, self._corpus_state.stats, (self._known_tokens(), self._processes)
        c = self._problems_cache
        if c is None or not (c[0] == cfg and c[1] is stats and c[2] == known):
            self._problems_cache = c = (cfg, stats, known, self._compute_problems())
        return list(c[3])

    def _compute_problems(self) -> list[ConfigError]:
        errs = validate(self._config)
        n = self._processes
        if n > 1 and self._config.train.batch_size % n and not any(e.field == "batch_size" for e in errs):
            errs.append(ConfigError(f"With {n} GPUs the batch size must be a multiple of {n}: each GPU takes "
                                    "an equal share of every batch.", "batch_size"))
        split = self.token_split()
        if split and not any(e.field == "block_size" for e in errs):
            try:
                check_against_data(self._config, *split)
            except ConfigError as e:
                errs.append(e)
        return errs

    def token_split(self) -> tuple[int, int] | None:
        """(train tokens, val tokens) expected for the current corpus and tokenizer, if known."""
        stats = self._corpus_state.stats
        if stats is None:
            return None
        mode, val_doc, offset = choose_split(stats.doc_chars, self._config.data.val_fraction)
        train_chars = sum(stats.doc_chars[:val_doc]) + (offset if mode == "tail" else 0)
        val_chars = stats.characters - train_chars
        known = self._known_tokens()
        if self._config.data.tokenizer == "char":
            return train_chars, val_chars
        if known:
            ratio = known[1] / max(1, stats.characters)
            return int(train_chars * ratio), int(val_chars * ratio)
        return None

    def _known_tokens(self) -> tuple[int, int] | None:
        """(vocabulary, tokens) of the configured tokenizer on this corpus, once measured."""
        d = self._config.data
        if self._corpus_state.stats is None:
            return None
        if d.tokenizer == "char":
            return self._corpus_state.stats.distinct_characters + 1, self._corpus_state.stats.characters
        for known in (self._tokenized, self._prepared):
            if known is None:
                continue
            kind, target, vocab, tokens = (
                (known.kind, known.target_vocab, known.vocab_size, known.tokens)
                if isinstance(known, TokenizerResult) else known
            )
            if kind == d.tokenizer and target == d.vocab_size:
                return vocab, tokens
        return None

    def can_start(self) -> bool:
        st = self._corpus_state
        return (
            not self._training.busy
            and self._corpus is not None
            and not st.scanning
            and not self.problems()
        )

    def _emit_derived(self) -> None:
        self.problemsChanged.emit(self.problems())
        self.sizeChanged.emit(self.model_size())
        self._set_corpus_state(self._with_tokens(self._corpus_state))

    # -- corpus -------------------------------------------------------------------------
    @property
    def corpus_state(self) -> CorpusState:
        return self._corpus_state

    @property
    def corpus(self) -> Corpus | None:
        return self._corpus

    def _set_corpus_state(self, st: CorpusState) -> None:
        if st != self._corpus_state:
            self._corpus_state = st
            self.corpusChanged.emit(st)

    def _with_tokens(self, st: CorpusState) -> CorpusState:
        known = self._known_tokens() if st.stats else None
        return replace(st, tokens=known[1] if known else None, token_vocab=known[0] if known else None)

    def open_corpus(self, paths: list[str]) -> None:
        """Read files/folders (empty list: the default corpus) in a worker; corpusChanged reports."""
        paths = [str(p) for p in paths]
        self._cancel_worker(self._scan)
        self.cancel_tokenizer()
        w = GeneratorWorker(scan_corpus, paths, name="corpus-scan")
        w.yielded.connect(self._on_scan_progress, Qt.ConnectionType.QueuedConnection)
        w.returned.connect(self._on_scan_done, Qt.ConnectionType.QueuedConnection)
        w.errored.connect(self._on_scan_error, Qt.ConnectionType.QueuedConnection)
        w.finished.connect(self._on_scan_thread_finished, Qt.ConnectionType.QueuedConnection)
        self._scan = w
        self._set_corpus_state(replace(self._corpus_state, scanning=True, scan_fraction=0.0, error=""))
        w.start()

    def use_default_corpus(self) -> None:
        self.open_corpus([])

    @Slot(object)
    def _on_scan_progress(self, frac: float) -> None:
        if self.sender() is self._scan:
            self._set_corpus_state(replace(self._corpus_state, scan_fraction=float(frac)))

    @Slot(object)
    def _on_scan_done(self, result: ScanResult) -> None:
        if self.sender() is not self._scan:
            return  # a scan that was replaced by a newer one
        self._corpus = result.corpus
        self._tokenized = None
        self._prepared = None
        self._config = self._config.with_changes(corpus=list(result.corpus.sources))
        st = CorpusState(
            label=result.corpus.label,
            sources=tuple(result.corpus.sources),
            stats=result.stats,
            preview=result.preview,
        )
        self._corpus_state = st
        self._corpus_state = self._with_tokens(st)
        self.corpusChanged.emit(self._corpus_state)
        self.configChanged.emit(self._config)
        self.problemsChanged.emit(self.problems())
        self.sizeChanged.emit(self.model_size())
        self.notice.emit("info", f"Corpus: {result.corpus.label}, {result.stats.characters:,} characters.")

    @Slot(object)
    def _on_scan_error(self, e: BaseException) -> None:
        if self.sender() is not self._scan:
            return
        msg = str(e) if isinstance(e, LmlabError) else f"Could not read the corpus: {type(e).__name__}: {e}"
        if self._corpus is not None:
            msg += f" Still using {self._corpus.label}."
        self._set_corpus_state(replace(self._corpus_state, scanning=False, error=msg))
        self.notice.emit("error", msg)

    @Slot()
    def _on_scan_thread_finished(self) -> None:
        if self.sender() is self._scan:
            self._scan = None
            if self._corpus_state.scanning:  # aborted
                self._set_corpus_state(replace(self._corpus_state, scanning=False))
            self.problemsChanged.emit(self.problems())

    # -- tokenizer -----------------------------------------------------------------------
    def train_tokenizer(self) -> None:
        """Train the configured tokenizer on the corpus in a worker, then count its tokens."""
        if self._corpus is None or self._corpus_state.stats is None or self._tok is not None:
            return
        d = self._config.data
        w = GeneratorWorker(
            tokenizer_job, self._corpus, d.tokenizer, d.vocab_size, self._corpus_state.stats.characters,
            name="tokenizer",
        )
        w.yielded.connect(self._on_tok_progress, Qt.ConnectionType.QueuedConnection)
        w.returned.connect(self._on_tok_done, Qt.ConnectionType.QueuedConnection)
        w.errored.connect(self._on_tok_error, Qt.ConnectionType.QueuedConnection)
        w.finished.connect(self._on_tok_thread_finished, Qt.ConnectionType.QueuedConnection)
        self._tok = w
        self._set_corpus_state(
            replace(self._corpus_state, tokenizing=True, tokenizer_stage="training", tokenizer_fraction=0.0,
                    error="")
        )
        w.start()

    def cancel_tokenizer(self) -> None:
        if self._tok is not None:
            self._tok.abort()

    @property
    def tokenizer_running(self) -> bool:
        return self._tok is not None

    @Slot(object)
    def _on_tok_progress(self, p: TokenizerProgress) -> None:
        if self.sender() is self._tok:
            self._set_corpus_state(
                replace(self._corpus_state, tokenizer_stage=p.stage, tokenizer_fraction=p.fraction)
            )

    @Slot(object)
    def _on_tok_done(self, result: TokenizerResult) -> None:
        if self.sender() is not self._tok:
            return
        self._tokenized = result
        self._set_corpus_state(self._with_tokens(replace(self._corpus_state, tokenizing=False)))
        self.problemsChanged.emit(self.problems())
        self.sizeChanged.emit(self.model_size())
        self.notice.emit(
            "info", f"Tokenizer: {result.vocab_size:,} tokens in the vocabulary, {result.tokens:,} in the corpus."
        )

    @Slot(object)
    def _on_tok_error(self, e: BaseException) -> None:
        if self.sender() is not self._tok:
            return
        msg = str(e) if isinstance(e, LmlabError) else f"Training the tokenizer failed: {type(e).__name__}: {e}"
        self._set_corpus_state(replace(self._corpus_state, tokenizing=False, error=msg))
        self.notice.emit("error", msg)

    @Slot()
    def _on_tok_thread_finished(self) -> None:
        if self.sender() is self._tok:
            self._tok = None
            if self._corpus_state.tokenizing:  # cancelled
                self._set_corpus_state(replace(self._corpus_state, tokenizing=False))
                self.notice.emit("info", "Tokenizer training cancelled.")

    # -- training -----------------------------------------------------------------------
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
        if n > 1:  # the same global batch, shared between the GPUs: the curve is the one-GPU curve
            t = cfg.train
            cfg = cfg.with_changes(train={"batch_size": t.batch_size // n, "grad_accum": t.grad_accum * n})
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
        try:  # N processes share each batch as N groups of micro-batches: the run's must split N ways
            if run.read_config().train.grad_accum % n:
                n = 1
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
        w.yielded.connect(self._on_train_event, Qt.ConnectionType.QueuedConnection)
        w.errored.connect(self._on_train_error, Qt.ConnectionType.QueuedConnection)
        w.finished.connect(self._on_train_thread_finished, Qt.ConnectionType.QueuedConnection)
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

    @Slot(object)
    def _on_train_event(self, ev) -> None:
        if self.sender() is not self._train:
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

    @Slot(object)
    def _on_train_error(self, e: BaseException) -> None:
        if self.sender() is not self._train:
            return
        msg = str(e) if isinstance(e, LmlabError) else f"Training stopped by an error: {type(e).__name__}: {e}"
        self._set_training(message=msg, message_level="error")
        self.notice.emit("error", msg)
        self.runFinished.emit(Finished("failed", msg, self._training.step, None, self._training.elapsed))

    @Slot()
    def _on_train_thread_finished(self) -> None:
        if self.sender() is not self._train:
            return
        self._train, self._control, self._detach = None, None, None
        self._set_training(phase="idle", prepare_stage="")
        self.runsChanged.emit()
        self.problemsChanged.emit(self.problems())

    # -- lifecycle ----------------------------------------------------------------------
    def busy_workers(self) -> list[GeneratorWorker]:
        return [w for w in (self._scan, self._tok, self._train) if w is not None]

    def _cancel_worker(self, w: GeneratorWorker | None) -> None:
        if w is not None:
            w.abort()

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Stop training (checkpoint), cancel scans and tokenizers, wait for every thread.

        Returns True when every thread has ended (False only if ``timeout_ms`` ran out). Ended
        workers are forgotten at once, so the state is idle even before their queued signals arrive.
        """
        if self._detach is not None:
            self._detach.set()  # a job elsewhere goes on without this window
        elif self._control is not None:
            self._control.stop()
        for w in (self._scan, self._tok):
            self._cancel_worker(w)
        ok = True
        for w in self.busy_workers():
            ended = w.wait() if timeout_ms < 0 else w.wait(timeout_ms)
            ok = ok and ended
        if ok:
            self._scan = self._tok = None
            if self._train is not None:
                self._train, self._control, self._detach = None, None, None
                self._set_training(phase="idle", prepare_stage="")
            if self._corpus_state.scanning or self._corpus_state.tokenizing:
                self._set_corpus_state(replace(self._corpus_state, scanning=False, tokenizing=False))
        return ok
