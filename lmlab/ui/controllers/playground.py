"""The Playground area's state and commands: models, the branches of each output pane, the distribution.

One or two output panes ("primary", "compare") each keep a ``BranchTree`` here. The controller
loads models through the app's shared ``ModelCache`` (``lmlab.core.jobs.generate.load_model``),
streams generations into a pane's branches (``stream_tokens``, one job per pane) and computes
next-token logits (``next_token_logits``, the newest request wins), all on the job runner. It
builds no widget: the Playground panel renders it, and tests drive it alone.

    playground = PlaygroundController(store, cache)
    playground.tokensAdded.connect(show)               # pane, branch index, tokens
    playground.generate("primary", (path, step), "ROMEO:", SamplingOptions(max_new_tokens=20))
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from ...core.guards.overfit import checkpoint_steps
from ...core.branches import Branch, BranchTree, choice_text, renumbered
from ...core.errors import LmlabError
from ...core.events import TokenBatch
from ...core.generate import Generation, SamplingOptions, generate
from ...core.interop.hf_load import is_hf_folder
from ...core.jobs.generate import load_model, next_token_logits, stream_tokens
from ...core.loading import ModelCache, TrainedModel
from ...core.runs import Run, RunStore
from ..jobs import Job, JobSlot, create_worker
from .translate import is_translator
from ..i18n import error_text

PANES = ("primary", "compare")
HISTORY_KEY = "playground/prompt_history"
HISTORY_MAX = 30
Source = tuple[str, int]  # (run folder, checkpoint step)


@dataclass
class PaneState:
    """One output pane's branches and the generation running into one of them."""

    tree: BranchTree = field(default_factory=BranchTree)
    generating: int | None = None  # the branch being generated into
    offset: int = 0  # its length when the generation started
    pending: tuple | None = None  # (source, label, prompt, options): waiting for the model to load
    stop: threading.Event = field(default_factory=threading.Event)


class PlaygroundController(QObject):
    runRequested = Signal(str)  # a run the main pane should show (the window's current run)
    modelLoaded = Signal(str, int, object)  # run path, step, TrainedModel
    modelFailed = Signal(str, int, str)  # run path, step, sentence
    branchAdded = Signal(str, int)  # pane, branch index (a generation runs into it now)
    tokensAdded = Signal(str, int, object)  # pane, branch index, [GeneratedToken]
    tailAdded = Signal(str, int, str)  # pane, branch index, text released at the end
    generationFinished = Signal(str)  # pane: its generation ended (any way)
    generationFailed = Signal(str, str)  # pane, sentence
    busyChanged = Signal(str, bool)  # pane, busy
    logitsReady = Signal(object, object)  # payload, logits (float64 tensor)
    logitsFailed = Signal(object, str)  # payload, sentence

    def __init__(self, store: RunStore, cache: ModelCache, settings: QSettings | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.cache = cache
        self.settings = settings  # where the prompt history is kept (None: not kept)
        self._history = self._load_history()
        self.panes = {name: PaneState() for name in PANES}
        self._generation = {name: JobSlot(f"playground-generate-{name}") for name in PANES}
        self._loading: dict[Source, Job] = {}
        self._logits = JobSlot("playground-distribution")
        self.model_folders: list[str] = []  # Hugging Face folders opened this session, listed after the runs

    # -- runs and models ---------------------------------------------------------------------------
    def set_store(self, store: RunStore) -> None:
        self.store = store

    def follow(self, path: str) -> None:
        """Show the run at ``path`` (the window's current run, or a Hugging Face model folder) in the main pane."""
        if path and is_hf_folder(path) and str(path) not in self.model_folders:
            self.model_folders.append(str(path))
        if path:
            self.runRequested.emit(str(path))

    def runs(self) -> list[tuple[str, str, list[int]]]:
        """(path, label, checkpoint steps) of the runs with a checkpoint, newest first; labels are unique."""
        found = []
        names: dict[str, int] = {}
        for run in self.store.runs():
            steps = checkpoint_steps(run)  # with the best by validation loss (core.guards.overfit)
            if steps and not is_translator(str(run.path)):  # translators: the Translate mode's own list
                names[run.name] = names.get(run.name, 0) + 1
                found.append((str(run.path), run.name, steps, run.id))
        folders = [(p, self.tr("{0} (Hugging Face)").format(Path(p).name), [0]) for p in self.model_folders]
        return [(p, f"{n} ({rid})" if names[n] > 1 else n, s) for p, n, s, rid in found] + folders

    @staticmethod
    def has_checkpoint(path: str) -> bool:
        return is_hf_folder(path) or Run(path).latest_checkpoint() is not None

    def model(self, source: Source | None) -> TrainedModel | None:
        """The model of ``source`` if it is loaded (never loads)."""
        return self.cache.peek(*source) if source is not None else None

    def request_model(self, source: Source) -> TrainedModel | None:
        """The model if it is loaded; else start loading it (``modelLoaded``/``modelFailed`` follow) and None."""
        tm = self.model(source)
        if tm is not None or source in self._loading:
            return tm
        path, step = source
        self._loading[source] = create_worker(
            load_model, self.cache, path, step, name="playground-load",
            on_return=lambda tm: self._model_loaded(source, tm),
            on_error=lambda e: self._model_failed(source, e),
            on_finish=lambda: self._loading.pop(source, None))
        return None

    def loading(self, source: Source | None) -> bool:
        return source in self._loading

    def _model_loaded(self, source: Source, tm: TrainedModel) -> None:
        self.modelLoaded.emit(source[0], source[1], tm)
        for name, pane in self.panes.items():
            if pane.pending is not None and pane.pending[0] == source:
                _source, label, prompt, options = pane.pending
                pane.pending = None
                self._start(name, tm, label, prompt, options, None)

    def _model_failed(self, source: Source, error: BaseException) -> None:
        msg = error_text(error) if isinstance(error, LmlabError) else self.tr("Loading the model failed: {0}").format(error)
        for name, pane in self.panes.items():
            if pane.pending is not None and pane.pending[0] == source:
                pane.pending = None
                self.busyChanged.emit(name, False)
        self.modelFailed.emit(source[0], source[1], msg)

    # -- prompt history ---------------------------------------------------------------------------------
    def _load_history(self) -> list[str]:
        raw = self.settings.value(HISTORY_KEY) if self.settings is not None else None
        try:
            items = json.loads(str(raw)) if raw else []
        except ValueError:
            return []
        return [s for s in items if isinstance(s, str)][:HISTORY_MAX] if isinstance(items, list) else []

    def history(self) -> list[str]:
        """Prompts generated from, newest first (at most ``HISTORY_MAX``, kept in the settings)."""
        return list(self._history)

    def remember(self, prompt: str) -> bool:
        """Put ``prompt`` first in the history; False for a blank prompt (not remembered)."""
        if not prompt.strip():
            return False
        self._history = [prompt] + [p for p in self._history if p != prompt]
        del self._history[HISTORY_MAX:]
        if self.settings is not None:
            self.settings.setValue(HISTORY_KEY, json.dumps(self._history, ensure_ascii=False))
        return True

    # -- generating -----------------------------------------------------------------------------------
    def tree(self, pane: str) -> BranchTree:
        return self.panes[pane].tree

    def busy(self, pane: str) -> bool:
        p = self.panes[pane]
        return p.pending is not None or self._generation[pane].busy or p.generating is not None

    def generate(self, pane: str, source: Source, label: str, prompt: str, options: SamplingOptions) -> bool:
        """Generate a new root branch from ``prompt`` in ``pane`` (after the model has loaded); False if it cannot."""
        if self.busy(pane):
            return False
        tm = self.request_model(source)
        if tm is None:
            self.panes[pane].pending = (source, label, prompt, options)
            self.busyChanged.emit(pane, True)
            return True
        return self._start(pane, tm, label, prompt, options, None)

    def fork(self, pane: str, parent: int, k: int, alt_id: int, options: SamplingOptions,
             alt_prob: float | None = None) -> bool:
        """Branch ``parent`` at token ``k`` with ``alt_id`` and continue generating from there.

        ``alt_prob``: the model's probability of ``alt_id`` there (default: from token ``k``'s alternatives).
        """
        if self.busy(pane):
            return False
        p = self.panes[pane].tree[parent]
        return self._start(pane, p.model, p.source, None, options, (parent, k, alt_id, alt_prob))

    def _start(self, pane: str, tm: TrainedModel, label: str, prompt: str | None, options: SamplingOptions,
               fork: tuple | None) -> bool:
        state = self.panes[pane]
        state.stop.clear()
        try:
            if fork is None:
                gen = generate(tm.model, tm.tokenizer, prompt, options, should_stop=state.stop.is_set)
                index = state.tree.add(Branch(prompt, list(gen.prompt_ids), tm, label))
            else:
                parent, k, alt_id, alt_prob = fork
                p = state.tree[parent]
                if alt_prob is None:
                    alts = p.tokens[k].alternatives if k < len(p.tokens) else []
                    alt_prob = next((q for a, _s, q in alts if a == alt_id), math.nan)
                text = choice_text(tm.tokenizer, p.root_ids, p.tokens, k, alt_id)
                index = state.tree.fork(parent, k, alt_id, text, alt_prob)
                gen = generate(tm.model, tm.tokenizer, state.tree[index].ids, options, should_stop=state.stop.is_set)
        except LmlabError as e:
            self.generationFailed.emit(pane, error_text(e))
            self.busyChanged.emit(pane, False)
            return False
        branch = state.tree[index]
        branch.seed, branch.finish_reason = gen.seed, None
        state.generating, state.offset = index, len(branch.tokens)
        self._generation[pane].start(stream_tokens, gen,
                                     on_yield=lambda batch: self._batch(pane, batch),
                                     on_return=lambda g: self._returned(pane, g),
                                     on_error=lambda e: self._failed(pane, e),
                                     on_finish=lambda: self._finished(pane))
        self.branchAdded.emit(pane, index)
        self.busyChanged.emit(pane, True)
        return True

    def stop(self, pane: str) -> None:
        """Stop after the current token (the branch keeps what was generated)."""
        state = self.panes[pane]
        state.stop.set()
        if state.pending is not None:
            state.pending = None
            self.busyChanged.emit(pane, False)

    def _batch(self, pane: str, batch: TokenBatch) -> None:
        state = self.panes[pane]
        b = state.tree[state.generating]
        tokens = renumbered(batch.tokens, state.offset)
        b.tokens.extend(tokens)
        b.elapsed = batch.elapsed
        b.generated = len(b.tokens) - state.offset
        self.tokensAdded.emit(pane, state.generating, tokens)

    def _returned(self, pane: str, gen: Generation) -> None:
        state = self.panes[pane]
        b = state.tree[state.generating]
        b.tail, b.finish_reason, b.seed = gen.tail, gen.finish_reason, gen.seed
        if b.tail:
            self.tailAdded.emit(pane, state.generating, b.tail)

    def _failed(self, pane: str, error: BaseException) -> None:
        msg = error_text(error) if isinstance(error, LmlabError) else self.tr("Generation failed: {0}").format(error)
        self.generationFailed.emit(pane, msg)

    def _finished(self, pane: str) -> None:
        self.panes[pane].generating = None
        self.busyChanged.emit(pane, False)
        self.generationFinished.emit(pane)

    # -- the next-token distribution ----------------------------------------------------------------------
    def request_logits(self, tm: TrainedModel, ids: list[int], payload) -> None:
        """Compute the logits after ``ids``; ``logitsReady(payload, logits)`` follows unless a newer request comes."""
        self._logits.start(next_token_logits, tm, list(ids),
                           on_return=lambda logits: self.logitsReady.emit(payload, logits),
                           on_error=lambda e: self.logitsFailed.emit(payload, error_text(e)))

    def cancel_logits(self) -> None:
        self._logits.cancel()

    # -- shutting down --------------------------------------------------------------------------------------
    def running(self) -> bool:
        return any(s.busy for s in (*self._generation.values(), self._logits)) or bool(self._loading)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop every generation, load and forward pass, and wait for their threads (idempotent)."""
        for state in self.panes.values():
            state.pending = None
            state.stop.set()
        for slot in (*self._generation.values(), self._logits):
            slot.shutdown(timeout_ms)
        for job in list(self._loading.values()):
            job.wait(timeout_ms)
        self._loading.clear()  # their on_finish callbacks, still queued, would only remove them

