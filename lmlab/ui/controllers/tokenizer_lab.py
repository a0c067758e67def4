"""The Tokenizer lab off the GUI thread: the candidates asked for, the lab's progress, its reports.

The Corpus panel's Tokenizer lab tab edits ``kinds`` and ``vocab_sizes`` and asks ``run()``; the
controller runs ``core.jobs.tokenizer_lab.compare_tokenizers`` on the session's corpus (the cleaned
text when a cleaning is in use), for the configured validation share, into the runs folder's
tokenizer cache. ``use(i)`` makes candidate ``i`` the tokenizer of new runs (the session's
configuration names it; preparing the run copies the cached file instead of training again).

    lab = session.tokenizer_lab
    lab.set_vocab_sizes([512, 2048])
    lab.run()                  # -> stateChanged: progress, then a report per candidate as it is done
    lab.use(1)                 # session.config.data.tokenizer == "bpe", vocab_size == 512
    lab.cancel()
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...core.config import RunConfig
from ...core.errors import LmlabError
from ...core.jobs.tokenizer_lab import compare_tokenizers
from ...core.tokenizer_fit import tokenizer_cache_dir
from ...core.tokenizer_lab import KINDS, CandidateReport, LabProgress, LabResult, at_shape, plan_candidates
from ..i18n import error_text
from ..jobs import JobSlot
from .state import StateController

if TYPE_CHECKING:
    from ..session import CorpusState, Session

DEFAULT_SIZES = (512, 2048, 8192)


@dataclass(frozen=True)
class TokenizerLabState:
    """What the Tokenizer lab tab shows (a snapshot; the controller emits a new one on change)."""

    kinds: tuple[str, ...] = KINDS
    vocab_sizes: tuple[int, ...] = DEFAULT_SIZES
    running: bool = False
    progress: LabProgress | None = None
    reports: tuple[CandidateReport, ...] = ()  # in the order asked; grows while the lab runs
    fingerprint: str = ""  # the corpus text the reports are about
    error: str = ""
    message: str = ""  # the last outcome, one sentence


class TokenizerLabController(StateController):
    """State: ``TokenizerLabState``."""

    def __init__(self, session: Session):
        super().__init__(TokenizerLabState(), session)
        self.session = session
        self._slot = JobSlot("tokenizer-lab")
        session.corpusChanged.connect(self._corpus_changed)
        session.configChanged.connect(self._config_changed)
        self._model = session.config.model

    # -- commands ----------------------------------------------------------------------------
    def set_kinds(self, kinds) -> None:
        self._set(kinds=tuple(k for k in KINDS if k in set(kinds)))

    def set_vocab_sizes(self, sizes) -> None:
        self._set(vocab_sizes=tuple(sorted(set(int(v) for v in sizes))))

    def run(self) -> None:
        """Train and measure every candidate in a worker; a run already going is replaced."""
        text, stats = self.session.tokenizer_text, self.session.corpus_state.stats
        if text is None or stats is None:
            self._set(error=self.tr("Load a corpus first: the lab compares tokenizers on it."))
            return
        st = self._state
        try:
            plan_candidates(st.kinds, st.vocab_sizes)
        except LmlabError as e:
            self._set(error=error_text(e))
            return
        d = self.session.config.data
        self._slot.start(compare_tokenizers, text, self.session.config.model, st.vocab_sizes, kinds=st.kinds,
                         val_fraction=d.val_fraction, unk_policy=d.unk_policy, stats=stats,
                         cache_dir=tokenizer_cache_dir(self.session.store.root),
                         on_yield=self._yielded, on_return=self._done, on_error=self._failed,
                         on_finish=self._finished)
        self._set(running=True, progress=None, reports=(), fingerprint=stats.fingerprint, error="", message="")

    def cancel(self) -> None:
        if self._state.running:
            self._slot.cancel()
            n = len(self._state.reports)
            self._set(running=False, progress=None,
                      message=self.tr("Cancelled; %n candidate(s) kept.", "", n))

    def use(self, index: int) -> None:
        """Make candidate ``index`` the tokenizer of new runs (the session's configuration names it)."""
        report = self._state.reports[index]
        self.session.use_tokenizer(report.result)
        self._set(message=self.tr("New runs use {name}: {tokens:,} tokens, {vocab:,} in the vocabulary.").format(
            name=report.label, tokens=report.tokens, vocab=report.vocab_size))

    def in_use(self, report: CandidateReport, cfg: RunConfig | None = None) -> bool:
        """Whether the configuration's tokenizer is ``report``'s (same kind and, for subwords, size and split)."""
        d = (cfg or self.session.config).data
        if d.tokenizer != report.kind:
            return False
        return report.kind == "char" or (d.vocab_size == report.target_vocab
                                         and d.val_fraction == report.result.val_fraction)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        return self._slot.shutdown(timeout_ms)

    # -- the job's callbacks -------------------------------------------------------------------
    def _yielded(self, ev) -> None:
        if isinstance(ev, CandidateReport):  # at the shape configured now (it may have changed meanwhile)
            self._set(reports=self._state.reports + (at_shape(ev, self._model),))
        else:
            self._set(progress=ev)

    def _done(self, result: LabResult) -> None:
        self._set(running=False, progress=None, reports=tuple(at_shape(r, self._model) for r in result.reports),
                  message=self.tr("%n tokenizer(s) compared.", "", len(result.reports)))

    def _failed(self, e: BaseException) -> None:
        msg = error_text(e) if isinstance(e, LmlabError) else self.tr("The tokenizer lab failed: {error}").format(
            error=f"{type(e).__name__}: {e}")
        self._set(running=False, progress=None, error=msg)

    def _finished(self) -> None:
        if self._state.running:
            self._set(running=False, progress=None)

    # -- the session's changes -----------------------------------------------------------------
    def _corpus_changed(self, st: CorpusState) -> None:
        """Another text (a new corpus, or a cleaning): the reports are about the old one, so they go."""
        fp = st.stats.fingerprint if st.stats else ""
        if self._state.fingerprint and fp != self._state.fingerprint:
            self._slot.cancel()
            self._set(running=False, progress=None, reports=(), fingerprint="", message="")

    def _config_changed(self, cfg: RunConfig) -> None:
        """Another model shape: the embedding's share is recomputed for it (the tokenizers stay)."""
        if cfg.model != self._model:
            self._model = cfg.model
            self._set(reports=tuple(at_shape(r, cfg.model) for r in self._state.reports))
