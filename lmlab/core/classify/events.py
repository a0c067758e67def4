"""Progress and results of the classification jobs (``core.jobs.classify``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClassifyProgress:
    """A stage of creating a classifier run: read, split, tokenize, warn, weights, ready."""

    stage: str
    message: str
    type: str = "classify-progress"


@dataclass(frozen=True)
class Prediction:
    """A classifier's answer for one text: the label, its probability, every label's probability."""

    text: str
    label: str
    probability: float
    probabilities: dict[str, float]

