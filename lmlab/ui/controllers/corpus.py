"""Cleaning the corpus off the GUI thread: the options chosen, the job's progress, its last result.

The Corpus panel's Cleaning tab edits ``options`` and asks ``clean(corpus)``; the session takes a
``cleaned`` result as the text the tokenizer and new runs see. A cleaning that fails (one that
would remove everything, say) only sets ``error``: the corpus in use stays as it was.

    cleaning = CleaningController()
    cleaning.set_options(CleaningOptions(dedup=True))
    cleaning.clean(session.corpus)         # -> stateChanged (progress), then cleaned(CleanResult)
    cleaning.cancel()
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ...core.cleaning import CleaningOptions
from ...core.corpus import Corpus
from ...core.errors import LmlabError
from ...core.events import CleanProgress, CleanResult
from ...core.jobs.clean import clean_and_scan
from ..jobs import JobSlot
from .state import StateController
from ..i18n import error_text


@dataclass(frozen=True)
class CleaningState:
    """What the Cleaning tab shows (a snapshot; the controller emits a new one on change)."""

    options: CleaningOptions = field(default_factory=CleaningOptions)
    running: bool = False
    fraction: float = 0.0
    removed_so_far: int = 0
    result: CleanResult | None = None  # the cleaning in use (None: the text as it is)
    error: str = ""
    message: str = ""  # the last outcome, one sentence


class CleaningController(StateController):
    """State: ``CleaningState``."""

    cleaned = Signal(object)  # CleanResult to use from now on, or None: back to the text as it is
    failed = Signal(str)  # why a cleaning was not applied (the corpus in use stays as it was)

    def __init__(self, parent: QObject | None = None):
        super().__init__(CleaningState(), parent)
        self._slot = JobSlot("corpus-clean")

    def set_options(self, options: CleaningOptions) -> None:
        self._set(options=options)

    def clean(self, corpus: Corpus | None) -> None:
        """Clean ``corpus`` with the chosen options in a worker (no options: use the text as it is)."""
        if corpus is None:
            return
        if not self._state.options.active:
            self._slot.cancel()
            self._set(running=False, result=None, error="", message=self.tr("No cleaning: the text is used as it is."))
            self.cleaned.emit(None)
            return
        self._slot.start(clean_and_scan, corpus, self._state.options, on_yield=self._progress,
                         on_return=self._done, on_error=self._failed, on_finish=self._finished)
        self._set(running=True, fraction=0.0, removed_so_far=0, error="", message="")

    def cancel(self) -> None:
        if self._state.running:
            self._slot.cancel()
            self._set(running=False, message=self.tr("Cleaning cancelled; the corpus stays as it was."))

    def reset(self) -> None:
        """A new corpus: forget the result (the options stay)."""
        self._slot.cancel()
        self._set(running=False, result=None, error="", message="")

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        return self._slot.shutdown(timeout_ms)

    def _progress(self, p: CleanProgress) -> None:
        self._set(fraction=p.fraction, removed_so_far=p.documents_removed)

    def _done(self, result: CleanResult) -> None:
        a, b = result.before, result.after
        msg = self.tr("Cleaned: {kept:,} of {docs:,} documents and {chars:.1%} of the characters kept.").format(
            kept=b.documents, docs=a.documents, chars=b.characters / max(1, a.characters))
        self._set(running=False, result=result, error="", message=msg)
        self.cleaned.emit(result)

    def _failed(self, e: BaseException) -> None:
        msg = error_text(e) if isinstance(e, LmlabError) else self.tr("Cleaning failed: {error}").format(
            error=f"{type(e).__name__}: {e}")
        self._set(running=False, error=msg, message="")
        self.failed.emit(msg)

    def _finished(self) -> None:
        if self._state.running:
            self._set(running=False)
