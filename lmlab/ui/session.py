"""The app's controller: the current configuration, corpus and training run.

Panels are views: they render what the session tells them through signals and call
its methods when the user acts; they keep no domain state of their own. The session
owns the corpus worker threads (scan, tokenizer training); training belongs to the one
training controller (``session.trainer``, the run queue), the only place that trains.

    session = Session(runs_dir)
    session.configChanged.connect(panel.show_config)
    session.open_corpus(["book.txt"])            # scans in a worker; corpusChanged reports
    session.update(model={"n_layer": 6})         # -> configChanged, problemsChanged
    session.start()                              # a new run, on the queue: it trains when the device is free
    session.pause(); session.resume(); session.stop()
    session.follow_run("/shared/runs/big-run")    # a run a job elsewhere writes, live
    session.shutdown()                           # stop everything and wait for the threads

The training half (``start``, ``pause``, ``stop``, ``follow_run``...) is in ``session_training.py``,
mixed in; it hands runs to the one training controller (``session.trainer``, the run queue).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ..core.config import PRESETS, RunConfig, check_against_data, preset, validate
from ..core.corpus import Corpus, CorpusStats
from ..core.dataset import choose_split
from ..core.errors import ConfigError, LmlabError
from ..core.model import ModelSize, model_size
from ..core.runs import RunStore
from .session_training import TrainingMixin
from .workers import (
    GeneratorWorker,
    ScanResult,
    TokenizerProgress,
    TokenizerResult,
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


class Session(TrainingMixin, QObject):
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
        self._config = config or preset(DEFAULT_PRESET)
        self._corpus: Corpus | None = None
        self._corpus_state = CorpusState()
        self._tokenized: TokenizerResult | None = None
        self._prepared: tuple[str, int, int, int] | None = None  # (kind, target vocab, vocab, tokens)
        self._scan: GeneratorWorker | None = None
        self._tok: GeneratorWorker | None = None
        self._processes = 1  # training processes (one per GPU) for new runs
        self._problems_cache: tuple | None = None
        self._init_training(RunStore(runs_dir))

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
            self._corpus is not None
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

    # -- lifecycle ----------------------------------------------------------------------
    def busy_workers(self) -> list[GeneratorWorker]:
        return [w for w in (self._scan, self._tok) if w is not None]

    def _cancel_worker(self, w: GeneratorWorker | None) -> None:
        if w is not None:
            w.abort()

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Stop training (checkpoint; the run keeps its place in the queue), cancel scans and
        tokenizers, wait for every thread.

        Returns True when every thread has ended (False only if ``timeout_ms`` ran out). Ended
        workers are forgotten at once, so the state is idle even before their queued signals arrive.
        """
        for w in (self._scan, self._tok):
            self._cancel_worker(w)
        ok = self.trainer.shutdown(timeout_ms)
        for w in self.busy_workers():
            ended = w.wait() if timeout_ms < 0 else w.wait(timeout_ms)
            ok = ok and ended
        if ok:
            self._scan = self._tok = None
            if self._corpus_state.scanning or self._corpus_state.tokenizing:
                self._set_corpus_state(replace(self._corpus_state, scanning=False, tokenizing=False))
        return ok
