"""A model kind's own evaluation metrics (EvalMetrics.extra) become live curves with no code of their own."""

from __future__ import annotations

from lmlab.core.engine import EvalMetrics, Started
from lmlab.ui.panels.training_plots import TrainingPlots
from lmlab.ui.plots.extra_metrics import ExtraMetricsPlot


def test_each_new_key_becomes_a_curve_in_percent(qtbot):
    plot = ExtraMetricsPlot()
    qtbot.addWidget(plot)
    plot.add_metrics({"bleu": 12.5, "chrf": 40.0, "exact": 0.25}, step=10, tokens=100, time=1.0)
    plot.add_metrics({"bleu": 30.0, "chrf": 60.0, "exact": 0.5, "f1": float("nan")}, step=20, tokens=200, time=2.0)
    plot.add_metrics({"accuracy": 0.9}, step=30, tokens=300, time=3.0)
    assert plot.keys() == ["bleu", "chrf", "exact", "accuracy"]  # the NaN F1 drew nothing
    assert plot.buffer("bleu")["value"].tolist() == [12.5, 30.0]
    assert plot.buffer("exact")["value"].tolist() == [25.0, 50.0]  # a fraction, shown in percent
    assert plot.buffer("accuracy")["step"].tolist() == [30]
    title = plot.legend_title()  # the legend, in the curves' colours, as the y axis's label
    assert title.index("BLEU") < title.index("chrF") < title.index("exact") < title.index("accuracy")


def test_training_plots_show_a_translators_scores_where_head_scores_were(tmp_path, qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(1000, 600)
    plots.show()
    assert plots.heads_plot.isVisible() and not plots.extra_plot.isVisible()
    plots.on_event(Started(str(tmp_path), 0, 100, "cpu", "cpu", "fp32", 1, 1, 10))
    plots.on_event(EvalMetrics(50, 500, 2.0, 2.1, 1.0))  # a language model: no extras, head scores stay
    assert plots.heads_plot.isVisible() and not plots.extra_plot.isVisible()
    plots.on_event(EvalMetrics(100, 1000, 1.5, 1.6, 2.0, extra={"bleu": 20.0, "chrf": 45.0, "exact": 0.1}))
    assert plots.extra_plot.isVisible() and not plots.heads_plot.isVisible()
    assert plots.extra_plot.buffer("chrf")["step"].tolist() == [100]
    plots.x_combo.setCurrentIndex(plots.x_combo.findData("tokens"))
    assert plots.extra_plot.x_column == "tokens"
    plots.clear()  # the next run may be a language model again
    assert plots.heads_plot.isVisible() and not plots.extra_plot.isVisible()
    assert len(plots.extra_plot.buffer("bleu")) == 0
