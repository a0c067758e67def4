"""What the guards say during a run; written to ``metrics.jsonl`` like the engine's events.

Only dataclasses and no lmlab imports: ``core.events`` registers them with ``event_from_dict``,
so a run followed through its folder and a run's history read back both see them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RolledBack:
    """The health monitor found the run diverging and rolled it back to its last good checkpoint.

    ``step`` is where training continues from (the checkpoint), ``from_step`` where the problem was
    seen; the metrics after ``step`` are dropped, so the curve shows a marker here instead.
    """

    step: int
    from_step: int
    problem: str  # "spike" | "non-finite"
    loss: float  # the logged loss that showed it (may be nan or inf)
    lr_scale: float  # the learning-rate factor from now on (0.5 after the first roll-back, ...)
    rollbacks: int  # how many roll-backs this run has had, this one included
    message: str  # a sentence for the user
    type: str = "rollback"


@dataclass(frozen=True)
class OverfitAlert:
    """Validation loss rises while training loss falls (``overfit.overfitting``): the best checkpoint is kept."""

    step: int
    val_loss: float
    best_step: int  # the evaluation with the lowest validation loss, kept in checkpoints/best
    best_val_loss: float
    message: str  # a sentence for the user
    type: str = "overfit"


GUARD_EVENTS = (RolledBack, OverfitAlert)


@dataclass(frozen=True)
class CopyCheckProgress:
    """The memorisation check (``jobs.memorise.copied_span``) begins a stage: "indexing" | "searching"."""

    stage: str
