"""What the tuning jobs yield and return (frozen dataclasses; the CLI prints them as JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fix:
    """A one-click change that answers a warning: ``changes`` as ``RunConfig.with_changes`` takes them.

    Example: ``Fix("Batch 4 with 2 accumulation steps", {"train": {"batch_size": 4, "grad_accum": 2}})``.
    """

    label: str
    changes: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class PreflightWarning:
    kind: str  # memory | epochs | time
    field: str  # the setting it is shown at: batch_size | max_steps
    message: str  # one plain sentence
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class Measurement:
    """A few real optimizer steps of one shape on one device (``tuning.measure``)."""

    key: str  # the cache key (shape, batch, device, precision, compile, threads, torch)
    device: str  # cuda | mps | cpu
    device_name: str
    precision: str
    fits: bool  # False: the device ran out of memory
    step_s: float = 0.0  # seconds per optimizer step, steady state
    setup_s: float = 0.0  # building the model and optimizer, the first step's extra time (compile), the end
    eval_forward_s: float = 0.0  # one evaluation batch's forward pass
    eval_fixed_s: float = 0.0  # an evaluation's cost beyond its batches (attention probe, instruments)
    checkpoint_s: float = 0.0  # writing one checkpoint
    peak_bytes: int = 0  # peak memory of training (CUDA: measured; elsewhere 0, the estimate is used)
    steps: int = 0  # timed steps


@dataclass(frozen=True)
class MeasureProgress:
    fraction: float  # 0..1 of the micro-benchmark


@dataclass(frozen=True)
class PreflightEstimate:
    """Whether a run will finish, fit and make sense, before it starts (``tuning.preflight.estimate``)."""

    total_steps: int
    tokens: int  # tokens the run will train on
    params: int
    tokens_per_param: float
    epochs: float | None  # passes over the training text (None: its size is not known yet)
    peak_bytes: int  # training's peak memory: measured (CUDA) or estimated
    memory_measured: bool
    free_bytes: int | None  # what the device has free (None: unknown, e.g. Apple MPS)
    device: str
    device_name: str
    seconds: float | None = None  # time to finish, evaluation and checkpoints included (None: not measured)
    train_s: float = 0.0
    eval_s: float = 0.0
    checkpoint_s: float = 0.0
    step_s: float = 0.0
    warnings: tuple[PreflightWarning, ...] = ()
    measurement: Measurement | None = None

    @property
    def fits(self) -> bool:
        return not any(w.kind == "memory" for w in self.warnings)

    def warnings_at(self, field_name: str) -> list[PreflightWarning]:
        return [w for w in self.warnings if w.field == field_name]


@dataclass(frozen=True)
class LrPoint:
    """One step of the range test."""

    step: int
    steps: int  # the test's length
    lr: float
    loss: float
    smoothed: float


@dataclass(frozen=True)
class LrFindResult:
    lrs: tuple[float, ...]
    losses: tuple[float, ...]
    smoothed: tuple[float, ...]
    suggestion: float | None  # the rate to use (None: the curve never fell)
    min_loss_lr: float | None  # where the smoothed loss was lowest
    steepest_lr: float | None  # where the smoothed loss fell fastest
    stopped: str  # "diverged" | "end": why the test stopped
    rule: str  # how the suggestion was chosen, one sentence
    device_name: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class BatchTry:
    batch_size: int
    fits: bool
    peak_bytes: int  # measured (CUDA) or estimated


@dataclass(frozen=True)
class BatchFindResult:
    batch_size: int  # the largest that fits (0: not even one sequence)
    tries: tuple[BatchTry, ...] = ()
    limit_bytes: int | None = None
    measured: bool = False  # True: tried on the device; False: from the memory estimate
    note: str = ""  # how it was found, one sentence
