"""Predictions written for people: one CSV row per text (``lmlab classify RUN FILE``)."""

from __future__ import annotations

import csv
import io

from ..runs import atomic_write_bytes
from .events import Prediction


def write_predictions(path, predictions: list[Prediction], labels: list[str] | None = None) -> int:
    """Write ``predictions`` as CSV (text, predicted, probability, then each label's probability; with
    the true ``labels``, also label and right); returns how many were right (0 without labels)."""
    names = list(predictions[0].probabilities) if predictions else []
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["text", "predicted", "probability", *(["label", "right"] if labels else []),
                *(f"p({n})" for n in names)])
    right = 0
    for i, p in enumerate(predictions):
        truth = [labels[i], p.label == labels[i]] if labels else []
        right += bool(labels) and p.label == labels[i]
        w.writerow([p.text, p.label, f"{p.probability:.4f}", *truth, *(f"{p.probabilities[n]:.4f}" for n in names)])
    atomic_write_bytes(path, buf.getvalue().encode("utf-8"))
    return right
