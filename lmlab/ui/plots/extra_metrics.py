"""A live plot of a model kind's own evaluation metrics (``EvalMetrics.extra``).

A translator reports ``{"bleu", "chrf", "exact"}`` at each evaluation, a classifier
``{"accuracy", "f1"}``: whatever keys arrive become one curve each, the first time they are
seen, so a new kind of model needs no plotting code. Known keys get a readable legend and a
scale in percent (BLEU and chrF are 0-100 already; fractions such as exact match are
multiplied by 100), unknown keys are plotted as they come::

    plot = ExtraMetricsPlot()
    plot.add_metrics({"bleu": 31.2, "chrf": 55.0, "exact": 0.4}, step=200, tokens=12800, time=9.5)
    plot.keys()   # ['bleu', 'chrf', 'exact']
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .live import SERIES_COLORS, LivePlot

# key -> (legend, factor to percent); the legends go through tr() where they are shown
KNOWN_METRICS = {
    "bleu": (QT_TRANSLATE_NOOP("ExtraMetricsPlot", "BLEU"), 1.0),
    "chrf": (QT_TRANSLATE_NOOP("ExtraMetricsPlot", "chrF"), 1.0),
    "exact": (QT_TRANSLATE_NOOP("ExtraMetricsPlot", "exact"), 100.0),
    "accuracy": (QT_TRANSLATE_NOOP("ExtraMetricsPlot", "accuracy"), 100.0),
    "f1": (QT_TRANSLATE_NOOP("ExtraMetricsPlot", "F1"), 100.0),
}


def metric_label(key: str) -> str:
    """The legend of a metric: its translated name when known, else the key itself."""
    known = KNOWN_METRICS.get(key)
    return QCoreApplication.translate("ExtraMetricsPlot", known[0]) if known else key


def metric_value(key: str, value: float) -> float:
    """The value as plotted: percent for the known fractions, as reported otherwise."""
    known = KNOWN_METRICS.get(key)
    return value * known[1] if known else value


class ExtraMetricsPlot(LivePlot):
    """One curve per key of ``EvalMetrics.extra``, added the first time the key appears."""

    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("ExtraMetricsPlot", "Evaluation"),
                         QCoreApplication.translate("ExtraMetricsPlot", "score (%)"), parent=parent)
        self.setObjectName("extraMetricsPlot")
        self.setAccessibleName(QCoreApplication.translate("ExtraMetricsPlot", "Evaluation metrics plot"))
        self.setToolTip(QCoreApplication.translate(
            "ExtraMetricsPlot", "The model's own scores at each evaluation (BLEU, chrF, exact match, accuracy)."))
        self._keys: list[str] = []

    def legend_title(self) -> str:
        """The metrics' names in their curves' colours, "(%)" after them: the legend, as the y axis's label
        (a small plot has no room for a legend box beside its curves, and its height is longer than its width)."""
        return " · ".join(f"<span style='color:{SERIES_COLORS[i % len(SERIES_COLORS)]}'>{metric_label(k)}</span>"
                          for i, k in enumerate(self._keys)) + " (%)"

    def keys(self) -> list[str]:
        return list(self._keys)

    def add_metrics(self, extra: dict[str, float], **x: float) -> None:
        """Append one evaluation's metrics at ``x`` (step, tokens, time); non-finite values are skipped."""
        for key, value in extra.items():
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                continue
            if key not in self._keys:
                self.add_series(key, metric_label(key), color=len(self._keys), symbol="o")
                self._keys.append(key)
                self.getPlotItem().setLabel("left", self.legend_title())
            self.append(key, value=metric_value(key, float(value)), **x)
