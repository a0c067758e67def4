"""The Classify area: start a text classifier, and read its accuracy, confusion matrix and examples."""

from .panel import ClassifyPanel, install

__all__ = ["ClassifyPanel", "install"]
