"""Phase markers: the training step where a kind of head first appears.

The engine records every head's scores at each evaluation (``attention.record_snapshot``). A
head type "appears" at the first recorded step where its best head scores at least the type's
threshold; the induction bump of Olsson et al. (2022) shows as the induction marker. Computed
from the stored scores, as ``(step, scores)`` pairs (``scores_of`` makes them from the snapshots
of ``attention_files.load_snapshots``; the training plots read them one evaluation at a time with
``attention_files.load_snapshot_scores``), numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .attention import SCORE_NAMES

# A head does one thing most of the time: half of its attention on the expected key.
# Induction heads are rarer and spread wider (a few per model); 0.3 is well above chance.
PHASE_THRESHOLDS: dict[str, float] = {"previous_token": 0.5, "first_token": 0.5, "induction": 0.3}


@dataclass(frozen=True)
class PhaseMarker:
    score: str  # one of SCORE_NAMES
    step: int  # the first recorded step at or above the threshold
    layer: int  # the head that crossed first (the best at that step)
    head: int
    value: float  # its score there
    threshold: float


@dataclass
class ScoreHistory:
    """The best head's score of each type at each recorded step."""

    steps: np.ndarray  # (N,) int64 ascending
    best: dict[str, np.ndarray]  # name -> (N,) float32, max over layers and heads


StepScores = tuple[int, dict[str, np.ndarray]]  # (step, name -> (L, H) scores)


def scores_of(snapshots) -> list[StepScores]:
    """``(step, scores)`` of each ``ProbeSnapshot``."""
    return [(s.step, s.scores) for s in snapshots]


def best_scores(history: Sequence[StepScores]) -> ScoreHistory:
    """The best head's score of each type at each step."""
    steps = sorted(history, key=lambda s: s[0])
    names = [n for n in SCORE_NAMES if steps and all(n in sc for _, sc in steps)]
    best = {n: np.array([float(np.max(sc[n])) for _, sc in steps], dtype=np.float32) for n in names}
    return ScoreHistory(np.array([s for s, _ in steps], dtype=np.int64), best)


def phase_markers(history: Sequence[StepScores], thresholds: dict[str, float] | None = None) -> list[PhaseMarker]:
    """One marker per head type whose best score reaches its threshold, at the first such step.

    >>> s = lambda step, v: (step, {"induction": np.array([[0.0, v]])})
    >>> phase_markers([s(100, 0.1), s(200, 0.35), s(300, 0.6)])
    [PhaseMarker(score='induction', step=200, layer=0, head=1, value=0.35, threshold=0.3)]
    """
    thresholds = PHASE_THRESHOLDS if thresholds is None else thresholds
    steps = sorted(history, key=lambda s: s[0])
    out = []
    for name in SCORE_NAMES:
        if name not in thresholds:
            continue
        for step, all_scores in steps:
            scores = all_scores.get(name)
            if scores is None:
                continue
            scores = np.asarray(scores, dtype=np.float64)
            value = float(scores.max())
            if value >= thresholds[name]:
                layer, head = np.unravel_index(int(scores.argmax()), scores.shape)
                out.append(PhaseMarker(name, int(step), int(layer), int(head), round(value, 6), thresholds[name]))
                break
    return out
