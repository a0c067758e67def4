"""Translate with an encoder-decoder run, and look at its attention: state and commands, no widgets.

``TranslateController`` (the Playground's Translate mode) runs ``core.jobs.translate.translate`` on
the job runner: greedy decoding streams each ``TranslatedToken`` (its text and probability) as it
is chosen, beam search gives the best translation's tokens when the search ends. A newer request
supersedes the one running (latest wins); Stop keeps what was written so far.

``PairAttentionController`` (the Attention panel of an encoder-decoder) runs
``core.jobs.translate.attention_maps`` for a typed sentence at a checkpoint, and reads the probe
pair's maps the run recorded at each evaluation (``seq2seq.snapshots``), for the over-training slider.

    tr = TranslateController(store, cache)
    tr.tokensAdded.connect(view.append)     # [TranslatedToken]
    tr.set_run(path); tr.translate("20345", beam=4)
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.engine import EvalMetrics, Started
from ...core.errors import LmlabError
from ...core.events import ModelStage
from ...core.jobs.translate import ARCH, attention_maps, translate
from ...core.loading import ModelCache
from ...core.runs import Run, RunStore
from ...core.seq2seq.events import TranslatedToken, Translation
from ...core.seq2seq.snapshots import PairMaps, load_seq2seq_snapshots
from ..i18n import core_text, error_text
from ..jobs import JobSlot
from .instruments import same_path


def translator_runs(store: RunStore) -> list[tuple[str, str, list[int]]]:
    """(path, name, checkpoint steps) of the encoder-decoder runs with a checkpoint, newest first."""
    found = []
    for run in store.runs():
        try:
            if run.read_config().model.arch != ARCH:
                continue
        except LmlabError:
            continue
        steps = [c.step for c in run.checkpoints()]
        if steps:
            found.append((str(run.path), run.name, steps))
    return found


def is_translator(path: str) -> bool:
    """Whether the run at ``path`` is an encoder-decoder (False when it cannot be read)."""
    try:
        return bool(path) and Run(path).read_config().model.arch == ARCH
    except LmlabError:
        return False


def _sentence(error: BaseException, what: str) -> str:
    return error_text(error) if isinstance(error, LmlabError) else what.format(error)


class _RunChoice(QObject):
    """The run and checkpoint a view works on."""

    runChanged = Signal(str)

    def __init__(self, store: RunStore, cache: ModelCache, parent: QObject | None = None):
        super().__init__(parent)
        self.store, self.cache = store, cache
        self.run_path = ""
        self.step: int | None = None  # None: the latest checkpoint

    def runs(self) -> list[tuple[str, str, list[int]]]:
        return translator_runs(self.store)

    def set_store(self, store: RunStore) -> None:
        self.store = store

    def set_run(self, path: str) -> None:
        path = str(path)
        if path != self.run_path:
            self.run_path, self.step = path, None
            self.runChanged.emit(path)

    def set_step(self, step: int | None) -> None:
        self.step = step


class TranslateController(_RunChoice):
    tokensAdded = Signal(object)  # [TranslatedToken] of the translation being written
    translated = Signal(object)  # Translation: it ended (</s>, or the context filled)
    stopped = Signal()  # Stop: what was written stays
    failed = Signal(str)  # a sentence
    progress = Signal(str)  # what the job does now (loading the model, searching beams)
    busyChanged = Signal(bool)

    def __init__(self, store: RunStore, cache: ModelCache, parent: QObject | None = None):
        super().__init__(store, cache, parent)
        self.tokens: list[TranslatedToken] = []  # the translation being written, or the last one
        self.result: Translation | None = None
        self._slot = JobSlot("translate")
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def translate(self, text: str, beam: int = 1) -> bool:
        """Translate ``text`` with beam width ``beam`` (1: greedy, streamed); False if there is no run."""
        if not self.run_path:
            self.failed.emit(self.tr("Choose an encoder-decoder run first (train one with Kind: encoder-decoder)."))
            return False
        self.tokens, self.result = [], None
        self._slot.start(translate, self.run_path, text, beam, self.step, self.cache,
                         on_yield=self._yielded, on_return=self._returned, on_error=self._failed)
        self._set_busy(True)
        return True

    def stop(self) -> None:
        if self._busy:
            self._slot.cancel()
            self._set_busy(False)
            self.stopped.emit()

    def _yielded(self, ev) -> None:
        if isinstance(ev, ModelStage):
            self.progress.emit(core_text(ev.message))
        elif isinstance(ev, TranslatedToken):
            self.tokens.append(ev)
            self.tokensAdded.emit([ev])

    def _returned(self, result: Translation) -> None:
        self.result = result
        self._set_busy(False)
        self.translated.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.failed.emit(_sentence(error, self.tr("The translation failed: {0}")))

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        return self._slot.shutdown(timeout_ms)


class PairAttentionController(_RunChoice):
    computed = Signal(object)  # PairMaps of the typed sentence
    history_loaded = Signal(object)  # [PairMaps]: the probe pair at each evaluation
    failed = Signal(str)
    progress = Signal(str)

    def __init__(self, store: RunStore, cache: ModelCache, parent: QObject | None = None):
        super().__init__(store, cache, parent)
        self.text = ""
        self.result: PairMaps | None = None
        self.history: list[PairMaps] = []
        self._slot = JobSlot("pair-attention")
        self._history_slot = JobSlot("pair-attention-history")
        self._training_run = ""  # the run the engine trains now (Started)

    def compute(self, text: str) -> bool:
        """The maps of ``text`` and the model's own translation of it, at the chosen checkpoint."""
        self.text = text
        if not self.run_path or not text.strip():
            return False
        self._slot.start(attention_maps, self.run_path, text, self.step, None, self.cache,
                         on_yield=lambda st: self.progress.emit(core_text(st.message)), on_return=self._computed,
                         on_error=lambda e: self.failed.emit(_sentence(e, self.tr("The maps failed: {0}"))))
        return True

    def _computed(self, maps: PairMaps) -> None:
        self.result = maps
        self.computed.emit(maps)

    def reload_history(self) -> None:
        """Read the probe pair's maps of every evaluation, off the GUI thread."""
        if self.run_path:
            self._history_slot.start(_read_history, self.run_path, on_return=self._history_read,
                                     on_error=lambda e: self.failed.emit(error_text(e)))

    def _history_read(self, history: list[PairMaps]) -> None:
        self.history = history
        self.history_loaded.emit(history)

    def training_event(self, ev) -> None:
        """An engine event (``Session.trainingEvent``): an evaluation of the run shown recorded the probe
        pair's maps, so the over-training slider gets a new step."""
        if isinstance(ev, Started):
            self._training_run = ev.run_dir
        elif isinstance(ev, EvalMetrics) and self.run_path and same_path(self._training_run, self.run_path):
            self.reload_history()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        ok = self._slot.shutdown(timeout_ms)
        return self._history_slot.shutdown(timeout_ms) and ok


def _read_history(run_path: str) -> Generator[ModelStage, None, list[PairMaps]]:
    """The probe pair's recorded maps, as a job (it reads one file per evaluation)."""
    yield ModelStage("Reading the recorded maps…")
    return load_seq2seq_snapshots(Path(run_path))
