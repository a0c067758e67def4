"""What the training engine says, and how it is told to pause or stop.

``train()`` (engine.py) yields ``Started``, ``StepMetrics``, ``EvalMetrics``, ``Checkpointed``
and ends with ``Finished``; each is also written to the run's ``metrics.jsonl``
(``event_to_dict``) and read back by whoever follows the run (``event_from_dict``).
``Control`` is set from any thread (the app's Pause / Stop) and checked between steps.
Everything here is importable from ``lmlab.core.engine`` as well.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING

from .guards.events import GUARD_EVENTS

if TYPE_CHECKING:  # annotations only: this module stays importable from anywhere in core
    from pathlib import Path

    import numpy as np

    from .corpus import Corpus, CorpusStats
    from .tokenizers import Tokenizer


@dataclass(frozen=True)
class Started:
    run_dir: str
    start_step: int  # > 0 when resuming
    total_steps: int
    device: str
    device_name: str
    precision: str
    params: int
    non_embedding_params: int
    tokens_per_step: int
    type: str = "started"


@dataclass(frozen=True)
class StepMetrics:
    step: int
    tokens: int  # tokens seen so far
    loss: float  # mean training loss of this step's micro-batches
    lr: float
    grad_norm: float  # global gradient norm before clipping
    tokens_per_s: float  # over the last logging interval
    elapsed: float  # seconds of training (resumed runs continue the clock)
    type: str = "step"


@dataclass(frozen=True)
class EvalMetrics:
    step: int
    tokens: int
    train_loss: float
    val_loss: float
    elapsed: float
    # A model kind's own evaluation metrics (core.model_kinds), e.g. {"bleu": 31.2, "accuracy": 0.9}
    extra: dict[str, float] = field(default_factory=dict)
    type: str = "eval"


@dataclass(frozen=True)
class Checkpointed:
    step: int
    path: str
    type: str = "checkpoint"


@dataclass(frozen=True)
class Finished:
    status: str  # finished | stopped | failed
    reason: str  # a sentence for the user
    step: int
    best_val_loss: float | None
    elapsed: float
    type: str = "finished"


Event = Started | StepMetrics | EvalMetrics | Checkpointed | Finished


def event_to_dict(ev: Event) -> dict:
    return asdict(ev)


# The guards' events (roll-backs, overfitting) are written to metrics.jsonl too (core.guards.events).
_EVENT_TYPES = {cls.type: cls for cls in (Started, StepMetrics, EvalMetrics, Checkpointed, Finished, *GUARD_EVENTS)}


def event_from_dict(d: dict) -> Event | None:
    """The event a ``metrics.jsonl`` record was written from (``event_to_dict``); None if it is not one.

    Extra keys are ignored and a record missing a field is not an event (a damaged or foreign line).
    """
    cls = _EVENT_TYPES.get(d.get("type")) if isinstance(d, dict) else None
    if cls is None:
        return None
    names = [f.name for f in fields(cls) if f.name != "type"]
    try:
        return cls(**{n: d[n] for n in names if n in d})  # a field with a default may be absent
    except (KeyError, TypeError):
        return None


# -- control ---------------------------------------------------------------------------


class Control:
    """Pause / resume / stop, set from any thread and checked by the engine between steps."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused loop so it can stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_for_stop(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking at once on ``stop()``; True if stopped."""
        return self._stop.wait(timeout)

    def wait_if_paused(self) -> None:
        while not self._running.wait(0.1):
            pass




# -- progress of the use-case jobs (lmlab.core.jobs) ----------------------------------------------
# Each area keeps its progress and result types in its own section below.

# -- corpus, tokenizer and preparation jobs --------------------------------------------------------


@dataclass(frozen=True)
class ScanResult:
    """What ``jobs.corpus.scan_corpus`` returns: the corpus, its statistics and its first characters."""

    corpus: Corpus
    stats: CorpusStats
    preview: str


@dataclass(frozen=True)
class TokenizerProgress:
    stage: str  # "reading" | "training" | "merging" | "counting"
    fraction: float  # 0..1, or -1 when unknown


@dataclass(frozen=True)
class TokenizerResult:
    """A tokenizer trained (or found in the cache) on exactly the text a run's preparation trains it on."""

    kind: str
    target_vocab: int  # what was asked for
    vocab_size: int  # what the tokenizer has
    val_fraction: float  # the split it was trained for (its training part only)
    n_train: int  # tokens of the training part, encoded as preparing a run encodes them
    n_val: int  # tokens of the validation part
    tokenizer: Tokenizer
    path: Path | None  # the cached file a run will copy (None if the cache could not be written)

    @property
    def tokens(self) -> int:
        """Tokens in the whole corpus: the run's train + validation tokens."""
        return self.n_train + self.n_val


@dataclass(frozen=True)
class RunCreated:
    """A new run folder exists (its data is prepared next)."""

    run_dir: str
    type: str = "created"


@dataclass(frozen=True)
class PrepareProgress:
    stage: str  # "cleaning" | "reading" | "tokenizer" | "encoding"
    fraction: float  # 0..1 within the stage, or -1 when unknown
    message: str = ""


@dataclass(frozen=True)
class CleanProgress:
    """A cleaning job's progress: the share read (by size), and what it has removed so far."""

    fraction: float
    documents_removed: int = 0


@dataclass(frozen=True)
class TextStats:
    """Documents, characters and distinct characters of a text, before or after cleaning."""

    documents: int
    characters: int
    distinct_characters: int


@dataclass(frozen=True)
class DuplicateCluster:
    """Documents found to repeat one earlier document (exactly, or nearly)."""

    kind: str  # "exact" (every removed copy is identical) | "near"
    first: str  # the document kept
    size: int  # documents in the cluster, the kept one included
    examples: tuple[str, ...]  # the first few removed ones
    snippet: str  # the start of a removed one's text


@dataclass(frozen=True)
class CleanResult:
    """What ``jobs.clean.clean_corpus`` returns: the cleaned corpus and what the cleaning did.

    ``preview``: the first documents, as (original segments, cleaned text); segments are
    ("kept" | "removed" | "added", text), in order, so removed spans can be struck through.
    ``removed``: documents or lines removed, by reason ("empty", "length", "duplicate",
    "near-duplicate", "duplicate lines", "lines by length").
    """

    spec: str
    corpus: Corpus
    before: TextStats
    after: TextStats
    removed: dict[str, int]
    clusters: tuple[DuplicateCluster, ...]
    preview: tuple[tuple[tuple[tuple[str, str], ...], str], ...]
    stats: CorpusStats | None = None  # the cleaned corpus read as a run reads it (``clean_and_scan``)



# -- attention, generation and model-loading jobs -------------------------------------------------
# Model jobs (``lmlab.core.jobs.attention``, ``lmlab.core.jobs.generate``) yield a ``ModelStage`` before each
# stage; attention returns an ``AttentionResult`` or a ``HistoryResult``; generation yields ``TokenBatch``es.
# Arrays are numpy only, so a result crosses threads and is drawn without touching torch.


@dataclass(frozen=True)
class ModelStage:
    """What a model job is doing now, as a sentence for a status line ("Loading the model…")."""

    message: str


@dataclass(frozen=True)
class AttentionRequest:
    """What to compute: a run at a checkpoint, on typed text or on a slice of its validation tokens."""

    run_path: str
    step: int | None = None  # checkpoint step; None = the latest
    text: str | None = None  # typed text; None = take ``length`` tokens of the validation set
    val_offset: int = 0  # where that slice starts (wrapped into the validation tokens)
    length: int = 64  # tokens of the validation slice (at most the context)


@dataclass
class AttentionResult:
    request: AttentionRequest
    step: int  # the checkpoint actually loaded
    ids: "np.ndarray"  # (T,) int64
    pieces: list[str]  # (T,) token pieces as the tokenizer decodes them
    text: str  # the text the ids stand for (the validation slice decoded)
    maps: "np.ndarray"  # (L, H, T, T) float32, rows sum to 1, zero above the diagonal
    scores: dict[str, "np.ndarray"]  # SCORE_NAMES -> (L, H) float32
    notice: str = ""  # a sentence about the input (cropped, unknown characters), or ""
    val_offset: int = 0  # the validation slice's start, when the input came from there

    @property
    def n_layer(self) -> int:
        return self.maps.shape[0]

    @property
    def n_head(self) -> int:
        return self.maps.shape[1]


@dataclass
class HistoryResult:
    """A run's attention snapshots: the probe's maps and head scores at each evaluation."""

    run_path: str
    steps: "np.ndarray"  # (N,) int64, ascending
    maps: list  # N x (L, H, T, T) float16 arrays, as stored
    scores: dict = field(default_factory=dict)  # name -> (N, L, H) float32
    pieces: list[str] = field(default_factory=list)  # the probe's T token pieces
    message: str = ""  # why there is nothing to show, or ""

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class TokenBatch:
    """Tokens generated since the last batch (``GeneratedToken``s), and the seconds since generation started."""

    tokens: list
    elapsed: float



# -- scaling sweeps and fits ------------------------------------------------------------------------


@dataclass(frozen=True)
class FitStage:
    """A scaling fit (``core.jobs.fit.fit_table``) begins a stage."""

    stage: str  # approach3 | bootstrap | approach2 | laws
    message: str  # a sentence for the user
    type: str = "fit-stage"


@dataclass(frozen=True)
class BootstrapProgress:
    """Bootstrap refits of approach 3 done so far, of ``total``."""

    done: int
    total: int
    type: str = "fit-bootstrap"


FitProgress = FitStage | BootstrapProgress



# -- the run queue ----------------------------------------------------------------------------------


# -- export and interop (lmlab.core.jobs.export) ------------------------------------------------------


@dataclass(frozen=True)
class ExportProgress:
    """An export (``core.jobs.export.export_run``) begins a stage; ``fraction`` of the whole, 0..1."""

    stage: str  # load | weights | tokenizer | write | verify | done
    message: str  # a sentence for the user
    fraction: float


@dataclass(frozen=True)
class ExportResult:
    """A finished export: where it is, what it holds and how it was checked."""

    path: str  # the output folder (hf) or file (gguf)
    format: str  # hf | gguf
    step: int  # the checkpoint exported
    files: tuple[str, ...]  # file names written
    max_abs_diff: float | None  # largest |logit difference| against lmlab's model; None: not checked
    check: str  # a sentence: how the export was verified, or why the check was skipped


# -- learning instruments (lmlab.core.instruments, lmlab.core.jobs.instruments) -----------------------


@dataclass(frozen=True)
class InstrumentsRecorded:
    """The engine stored the instruments of an evaluation (``instruments/`` in the run folder).

    Yielded right after that evaluation's ``EvalMetrics``; not written to ``metrics.jsonl``
    (the files are the record), so a follower of a run elsewhere reloads on ``EvalMetrics``.
    """

    step: int
    val_loss: float | None
    probe_loss: float | None  # mean per-token loss on the attention probe; None without a probe
    samples: tuple[str, ...]  # the timeline's continuations, one per prompt
    type: str = "instruments"


@dataclass
class InstrumentsResult:
    """What a run recorded for the instruments (``jobs.instruments.load_instruments``), numpy only."""

    run_path: str
    records: list  # instruments.record.ProbeRecord per evaluation, ascending steps
    timeline: list  # instruments.timeline.TimelineEntry per evaluation, ascending steps
    prompts: tuple[str, ...]  # the run's timeline prompts now
    pieces: list[str]  # token id -> its text, for the whole vocabulary
    val_loss: dict = field(default_factory=dict)  # step -> validation loss (metrics.jsonl)
    message: str = ""  # why there is nothing to show, or ""


@dataclass
class TextLosses:
    """Per-token losses of a typed text at a checkpoint (``jobs.instruments.score_text``)."""

    run_path: str
    step: int  # the checkpoint loaded
    losses: object  # instruments.per_token.TokenLosses
    pieces: list[str]  # token id -> its text
    notice: str = ""  # cropped, unknown characters, or ""
    earlier: object = None  # TokenLosses of the same text at ``earlier_step``, for the diff; None: none asked
    earlier_step: int | None = None


@dataclass
class HardTokensResult:
    run_path: str
    step: int
    tokens: list  # instruments.per_token.HardToken, hardest first
    pieces: list[str]


# -- chat and fine-tuning (lmlab.core.jobs.finetune) ---------------------------------------------------


@dataclass(frozen=True)
class FinetuneProgress:
    """Setting up a fine-tuning run (``core.jobs.finetune.create_finetune``) begins a stage."""

    stage: str  # read | tokenize | left-out | reference | ready
    message: str  # a sentence for the user
    type: str = "finetune-progress"


@dataclass(frozen=True)
class ReferenceLoss:
    """The parent model's assistant-token loss on the fine-tune's held-out conversations: the line
    the fine-tune's validation loss should go below (also in the run's lineage, ``lineage.parent_of``)."""

    run_dir: str
    parent: str  # the parent run's name
    val_loss: float
    type: str = "reference-loss"
