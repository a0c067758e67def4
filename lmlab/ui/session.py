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
    session.trainer.pause(); session.trainer.resume(); session.trainer.stop()
    session.trainer.follow_run("/shared/runs/big-run")    # a run a job elsewhere writes, live
    session.shutdown()                           # stop everything and wait for the threads

The training half (``start``, ``pause``, ``stop``, ``follow_run``...) is in ``session_training.py``,
mixed in; it hands runs to the one training controller (``session.trainer``, the run queue).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.config import PRESETS, RunConfig, check_against_data, preset, validate
from ..core.corpus import Corpus, CorpusStats
from ..core.derive import batch_split
from ..core.errors import ConfigError, LmlabError
from ..core.cleaning import CleaningOptions
from ..core.events import CleanResult, ScanResult, TokenizerProgress, TokenizerResult
from ..core.jobs.corpus import scan_corpus
from ..core.jobs.tokenizer import train_tokenizer_job
from ..core.model import ModelSize, model_size
from ..core.model_kinds import KINDS, parameter_counts
from ..core.runs import RunStore
from ..core.split import choose_split
from ..core.tokenizer_fit import tokenizer_cache_dir
from .controllers.corpus import CleaningController
from .controllers.tokenizer_lab import TokenizerLabController
from .jobs import Job, JobSlot, create_worker
from .session_training import TrainingMixin
from .i18n import core_text, error_text

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
    tokenizer_file: str = ""  # the trained tokenizer a new run will copy (the runs folder's cache)
    cleaning: str = ""  # the cleaning the statistics and the preview show (its spec; "" for the text as it is)

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
        self._scan = JobSlot("corpus-scan")  # the newest scan wins
        self._raw: ScanResult | None = None  # the corpus as read, before cleaning
        self._cleaned: CleanResult | None = None  # the cleaning in use: what tokenizers and new runs see
        self.cleaning = CleaningController(self)
        self.cleaning.cleaned.connect(self._on_cleaned)
        self.cleaning.failed.connect(lambda msg: self.notice.emit("error", msg))
        self._tok: Job | None = None
        self.tokenizer_lab = TokenizerLabController(self)
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
        model = replace(p.model, arch=self._config.model.arch)  # a preset is a shape; the kind stays
        self.set_config(replace(self._config, model=model, train=replace(p.train, **machine)))

    def matching_preset(self) -> str | None:
        """The preset whose shape and optimisation the current config has, if any."""
        cfg = self._config
        for name, p in PRESETS.items():
            machine = {f: getattr(cfg.train, f) for f in MACHINE_FIELDS}
            same_shape = replace(cfg.model, vocab_size=0, arch=p.model.arch) == p.model
            if same_shape and cfg.train == replace(p.train, **machine):
                return name
        return None

    def vocab_estimate(self) -> int:
        """The vocabulary size the model will have, as well as it is known now."""
        cfg, st = self._config, self._corpus_state
        if cfg.model.arch == "encdec":  # sentence pairs: their vocabulary once tokenised
            scan = self.pairs.state.scan
            return scan.vocab_size if scan is not None else cfg.data.vocab_size
        known = self._known_tokens()
        if known:
            return known[0]
        if cfg.data.tokenizer == "char":
            return st.stats.distinct_characters + 1 if st.stats else CHAR_VOCAB_GUESS
        return cfg.data.vocab_size

    def model_size(self) -> ModelSize:
        m = replace(self._config.model, vocab_size=self.vocab_estimate())
        kind = KINDS.get(m.arch)
        if kind is not None and kind.size:  # the kind's own count of its shape (an encoder-decoder has two stacks)
            return parameter_counts(None, replace(self._config, model=m))
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
        t = self._config.train
        if not any(e.field in ("batch_size", "grad_accum") for e in errs):
            try:
                batch_split(t.batch_size, t.grad_accum, self._processes)
            except ConfigError as e:
                errs.append(e)
        split = self.token_split() if self._config.model.arch != "encdec" else None  # pairs: checked when prepared
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
        tokenized = self._tokenized
        if known and tokenized is not None and known == (tokenized.vocab_size, tokenized.tokens):
            return tokenized.n_train, tokenized.n_val  # counted exactly as the run will encode them
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
            if isinstance(known, TokenizerResult):
                if known.val_fraction != d.val_fraction:
                    continue  # trained for another split: not the tokenizer a run would use
                kind, target, vocab, tokens = known.kind, known.target_vocab, known.vocab_size, known.tokens
            else:
                kind, target, vocab, tokens = known
            if kind == d.tokenizer and target == d.vocab_size:
                return vocab, tokens
        return None

    def can_start(self) -> bool:
        if self._config.model.arch == "encdec":
            return self.pairs.state.ready and not self.problems()
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

    @property
    def tokenizer_text(self) -> Corpus | None:
        """The text tokenizers and new runs see: the cleaned corpus while a cleaning is in use."""
        return self._cleaned.corpus if self._cleaned is not None else self._corpus

    def _set_corpus_state(self, st: CorpusState) -> None:
        if st != self._corpus_state:
            self._corpus_state = st
            self.corpusChanged.emit(st)

    def _with_tokens(self, st: CorpusState) -> CorpusState:
        known = self._known_tokens() if st.stats else None
        tok = self._tokenized
        current = known is not None and tok is not None and known == (tok.vocab_size, tok.tokens)
        return replace(st, tokens=known[1] if known else None, token_vocab=known[0] if known else None,
                       tokenizer_file=str(tok.path) if current and tok.path else "")

    def open_corpus(self, paths: list[str]) -> None:
        """Read files/folders (empty list: the default corpus) in a worker; corpusChanged reports."""
        paths = [str(p) for p in paths]
        self.cancel_tokenizer()
        self._scan.start(scan_corpus, paths, on_yield=self._on_scan_progress, on_return=self._on_scan_done,
                         on_error=self._on_scan_error, on_finish=self._on_scan_finished)
        self._set_corpus_state(replace(self._corpus_state, scanning=True, scan_fraction=0.0, error=""))

    def use_default_corpus(self) -> None:
        self.open_corpus([])

    def _on_scan_progress(self, frac: float) -> None:
        self._set_corpus_state(replace(self._corpus_state, scan_fraction=float(frac)))

    def _on_scan_done(self, result: ScanResult) -> None:
        self._corpus = result.corpus
        self._raw, self._cleaned = result, None
        self.cleaning.reset()
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
        self.notice.emit("info", self.tr("Corpus: {0}, {1:,} characters.").format(core_text(result.corpus.label), result.stats.characters))
        if self._config.data.clean:  # the configured cleaning applies to the new text too
            try:
                self.cleaning.set_options(CleaningOptions.parse(self._config.data.clean))
            except ConfigError:
                return  # problemsChanged already names the bad spec
            self.cleaning.clean(result.corpus)

    # -- cleaning -----------------------------------------------------------------------
    def clean_corpus(self) -> None:
        """Clean the corpus with ``cleaning``'s options in a worker; the result replaces the text in use."""
        self.cancel_tokenizer()
        self.cleaning.clean(self._corpus)

    def _on_cleaned(self, result: CleanResult | None) -> None:
        """Use ``result``'s text from now on (None: the text as read); the run's config records it."""
        if self._raw is None:
            return
        self._cleaned = result
        self._tokenized = None
        self._prepared = None
        self._config = self._config.with_changes(data={"clean": result.spec if result else ""})
        st = replace(self._corpus_state, stats=result.stats if result else self._raw.stats,
                     preview=result.corpus.preview(len(self._raw.preview)) if result else self._raw.preview,
                     cleaning=result.spec if result else "")
        self._corpus_state = st  # _with_tokens reads the new statistics from here
        self._corpus_state = self._with_tokens(st)
        self.corpusChanged.emit(self._corpus_state)
        self.configChanged.emit(self._config)
        self.problemsChanged.emit(self.problems())
        self.sizeChanged.emit(self.model_size())
        if result is not None:
            self.notice.emit("info", self.cleaning.state.message)

    def _on_scan_error(self, e: BaseException) -> None:
        msg = error_text(e) if isinstance(e, LmlabError) else self.tr("Could not read the corpus: {0}: {1}").format(type(e).__name__, e)
        if self._corpus is not None:
            msg += self.tr(" Still using {0}.").format(core_text(self._corpus.label))
        self._set_corpus_state(replace(self._corpus_state, scanning=False, error=msg))
        self.notice.emit("error", msg)

    def _on_scan_finished(self) -> None:
        if self._corpus_state.scanning:  # aborted
            self._set_corpus_state(replace(self._corpus_state, scanning=False))
        self.problemsChanged.emit(self.problems())

    # -- tokenizer -----------------------------------------------------------------------
    def train_tokenizer(self) -> None:
        """Train the configured tokenizer in a worker, as preparing a run would, and count its tokens.

        It is trained on the training part of the corpus (the configured validation share) and kept
        in the runs folder's tokenizer cache: the next run on this corpus copies it instead of
        training another, and its token count is the count shown here.
        """
        if self._corpus is None or self._corpus_state.stats is None or self._tok is not None:
            return
        d = self._config.data
        self._tok = create_worker(
            train_tokenizer_job, self.tokenizer_text, d.tokenizer, d.vocab_size, val_fraction=d.val_fraction,
            unk_policy=d.unk_policy, cache_dir=tokenizer_cache_dir(self.store.root), stats=self._corpus_state.stats,
            on_yield=self._on_tok_progress, on_return=self._on_tok_done, on_error=self._on_tok_error,
            on_finish=self._on_tok_finished, name="tokenizer",
        )
        self._set_corpus_state(
            replace(self._corpus_state, tokenizing=True, tokenizer_stage="training", tokenizer_fraction=0.0,
                    error="")
        )

    def use_tokenizer(self, result: TokenizerResult) -> None:
        """Make ``result`` (trained on this corpus for the configured split, as the Tokenizer lab's candidates
        are) the tokenizer of new runs: the configuration names it, and its token count is the corpus's."""
        self._tokenized = result
        data = {"tokenizer": result.kind} | ({} if result.kind == "char" else {"vocab_size": result.target_vocab})
        cfg = self._config.with_changes(data=data)
        if cfg != self._config:
            self.set_config(cfg)
        else:
            self._emit_derived()

    def cancel_tokenizer(self) -> None:
        if self._tok is not None:
            self._tok.abort()

    @property
    def tokenizer_running(self) -> bool:
        return self._tok is not None

    def _on_tok_progress(self, p: TokenizerProgress) -> None:
        self._set_corpus_state(replace(self._corpus_state, tokenizer_stage=p.stage, tokenizer_fraction=p.fraction))

    def _on_tok_done(self, result: TokenizerResult) -> None:
        self._tokenized = result
        self._set_corpus_state(self._with_tokens(replace(self._corpus_state, tokenizing=False)))
        self.problemsChanged.emit(self.problems())
        self.sizeChanged.emit(self.model_size())
        self.notice.emit(
            "info", self.tr("Tokenizer: {0:,} tokens in the vocabulary, {1:,} in the corpus.").format(result.vocab_size, result.tokens)
        )

    def _on_tok_error(self, e: BaseException) -> None:
        msg = error_text(e) if isinstance(e, LmlabError) else self.tr("Training the tokenizer failed: {0}: {1}").format(type(e).__name__, e)
        self._set_corpus_state(replace(self._corpus_state, tokenizing=False, error=msg))
        self.notice.emit("error", msg)

    def _on_tok_finished(self) -> None:
        self._tok = None
        if self._corpus_state.tokenizing:  # cancelled
            self._set_corpus_state(replace(self._corpus_state, tokenizing=False))
            self.notice.emit("info", self.tr("Tokenizer training cancelled."))

    # -- lifecycle ----------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Stop training (checkpoint; the run keeps its place in the queue), cancel scans and
        tokenizers, wait for every thread.

        Returns True when every thread has ended (False only if ``timeout_ms`` ran out). Ended
        jobs are forgotten at once, so the state is idle even before their queued signals arrive.
        """
        self.cancel_tokenizer()
        ok = self._scan.shutdown(timeout_ms)
        ok = self.cleaning.shutdown(timeout_ms) and ok
        ok = self.tokenizer_lab.shutdown(timeout_ms) and ok
        ok = self.trainer.shutdown(timeout_ms) and ok
        ok = self.pairs.shutdown(timeout_ms) and ok
        if self._tok is not None:
            ok = (self._tok.wait() if timeout_ms < 0 else self._tok.wait(timeout_ms)) and ok
        if ok:
            self._tok = None
            if self._corpus_state.scanning or self._corpus_state.tokenizing:
                self._set_corpus_state(replace(self._corpus_state, scanning=False, tokenizing=False))
        return ok
