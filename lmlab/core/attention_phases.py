"""Phase markers: the training step where a kind of head first appears.

The engine records every head's scores at each evaluation (``attention.record_snapshot``). A
head type "appears" at the first recorded step where its best head scores at least the type's
threshold; the induction bump of Olsson et al. (2022) shows as the induction marker. Computed
from the stored snapshots (``attention_files.load_snapshots``), numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .attention import SCORE_NAMES
from .attention_files import ProbeSnapshot

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


def score_history(snapshots: Sequence[ProbeSnapshot]) -> ScoreHistory:
    snaps = sorted(snapshots, key=lambda s: s.step)
    names = [n for n in SCORE_NAMES if snaps and all(n in s.scores for s in snaps)]
    best = {n: np.array([float(np.max(s.scores[n])) for s in snaps], dtype=np.float32) for n in names}
    return ScoreHistory(np.array([s.step for s in snaps], dtype=np.int64), best)


def phase_markers(snapshots: Sequence[ProbeSnapshot],
                  thresholds: dict[str, float] | None = None) -> list[PhaseMarker]:
    """One marker per head type whose best score reaches its threshold, at the first such step.

    >>> from lmlab.core.attention_files import ProbeSnapshot
    >>> s = lambda step, v: ProbeSnapshot(step, np.zeros((1, 1, 2, 2)), {"induction": np.array([[0.0, v]])})
    >>> phase_markers([s(100, 0.1), s(200, 0.35), s(300, 0.6)])
    [PhaseMarker(score='induction', step=200, layer=0, head=1, value=0.35, threshold=0.3)]
    """
    thresholds = PHASE_THRESHOLDS if thresholds is None else thresholds
    snaps = sorted(snapshots, key=lambda s: s.step)
    out = []
    for name in SCORE_NAMES:
        if name not in thresholds:
            continue
        for s in snaps:
            scores = s.scores.get(name)
            if scores is None:
                continue
            scores = np.asarray(scores, dtype=np.float64)
            value = float(scores.max())
            if value >= thresholds[name]:
                layer, head = np.unravel_index(int(scores.argmax()), scores.shape)
                out.append(PhaseMarker(name, int(s.step), int(layer), int(head), round(value, 6), thresholds[name]))
                break
    return out
