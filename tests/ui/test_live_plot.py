"""Live curves: growable buffers, timer redraws only on change, big data, NaN, log axes, palette."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtGui import QColor, QPalette

from lmlab.ui.plots.live import CurveBuffer, LivePlot


def test_curve_buffer_grows_by_doubling_and_keeps_rows():
    buf = CurveBuffer(("step", "value"), capacity=2)
    for i in range(5):
        buf.append(step=i, value=i * i)
    assert len(buf) == 5 and buf.capacity == 8
    assert buf["step"].tolist() == [0, 1, 2, 3, 4]
    assert buf["value"].tolist() == [0, 1, 4, 9, 16]
    assert buf.last("value") == 16
    buf.append(step=5)  # a missing column is NaN
    assert np.isnan(buf["value"][-1])
    buf.extend(np.arange(20.0).reshape(10, 2))
    assert len(buf) == 16 and buf.capacity == 16
    v = buf.version
    buf.clear()
    assert len(buf) == 0 and buf.version == v + 1 and buf.last("step") is None


@pytest.fixture
def plot(qtbot):
    p = LivePlot("Loss", "loss", legend=True)
    p.add_series("train", "train")
    p.add_series("val", "validation", color=1, symbol="o")
    qtbot.addWidget(p)
    p.resize(500, 300)
    p.show()
    return p


def test_appending_draws_nothing_until_the_timer_and_redraws_only_on_change(plot, qtbot):
    before = plot.redraws
    plot.append("train", step=1, tokens=64, time=0.1, value=4.0)
    assert plot.curve("train").xData is None or len(plot.curve("train").xData) == 0  # nothing drawn yet
    qtbot.waitUntil(lambda: plot.redraws == before + 1, timeout=2000)  # the timer drew it
    assert plot.curve("train").yData.tolist() == [4.0]
    n = plot.redraws
    plot.redraw()
    plot.redraw()
    assert plot.redraws == n  # unchanged data: no setData


def test_x_column_switch_and_log_axes(plot, qtbot):
    for i in range(1, 51):
        plot.append("train", step=i, tokens=i * 100, time=i * 0.5, value=5.0 / i)
    plot.redraw()
    assert plot.curve("train").xData[-1] == 50
    plot.set_x_column("tokens")
    assert plot.curve("train").xData[-1] == 5000
    plot.set_x_column("time")
    assert plot.curve("train").xData[-1] == 25.0
    plot.append("train", step=51, tokens=0, time=0.0, value=0.0)  # zero on log axes: no warning
    plot.set_log(x=True, y=True)
    plot.redraw()
    plot.viewport().repaint()
    with pytest.raises(ValueError):
        plot.set_x_column("epochs")


def test_nan_loss_keeps_the_plot_working(plot, qtbot):
    for i, v in enumerate([4.0, 3.5, float("nan"), 3.0, float("inf"), 2.5]):
        plot.append("train", step=i, tokens=i, time=i, value=v)
    plot.redraw()
    plot.viewport().repaint()
    x0, x1 = plot.getPlotItem().vb.viewRange()[1]
    assert np.isfinite(x0) and np.isfinite(x1)


def test_hundreds_of_thousands_of_points_redraw_quickly(plot, qtbot):
    n = 400_000
    steps = np.arange(1, n + 1, dtype=float)
    rows = np.column_stack([steps, steps * 64, steps * 0.01, 3 + np.sin(steps / 500) + 0.1 * np.cos(steps)])
    plot.buffer("train").extend(rows)
    t0 = time.perf_counter()
    plot.redraw()
    plot.viewport().repaint()
    first = time.perf_counter() - t0
    # Once the view has ranged itself over the data, what is drawn scales with pixels, not points.
    qtbot.waitUntil(lambda: len(plot.curve("train").getData()[0]) < 20_000, timeout=5000)
    timings = []
    for k in range(5):  # the live case: a few new points per frame
        plot.append("train", step=n + 1 + k, tokens=(n + 1 + k) * 64, time=(n + 1 + k) * 0.01, value=3.0)
        t0 = time.perf_counter()
        plot.redraw()
        plot.viewport().repaint()
        timings.append(time.perf_counter() - t0)
    assert len(plot.curve("train").getData()[0]) < 20_000
    assert first < 3.0 and sorted(timings)[2] < 0.5, (first, timings)


def test_clear_data_keeps_the_curves(plot, qtbot):
    plot.append("train", step=1, tokens=1, time=1, value=1)
    plot.redraw()
    plot.clear_data()
    plot.redraw()
    assert len(plot.buffer("train")) == 0
    plot.append("train", step=2, tokens=2, time=2, value=2)
    plot.append("train", step=3, tokens=3, time=3, value=3)
    plot.redraw()
    assert plot.curve("train") in plot.getPlotItem().listDataItems()

    def ranged() -> bool:  # auto-range still follows the data (applied when the view paints)
        lo, hi = plot.getPlotItem().vb.viewRange()[0]
        return lo <= 2 and hi >= 3

    qtbot.waitUntil(ranged, timeout=5000)


def test_background_follows_the_palette(plot):
    dark = QPalette(plot.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e20"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    plot.setPalette(dark)
    assert plot.backgroundBrush().color().name() == "#1e1e20"


def test_placeholder_shows_only_while_empty(plot, qtbot):
    plot.set_placeholder("Press Train")
    assert plot._placeholder.isVisible()
    plot.append("train", step=1, tokens=1, time=1, value=1)
    plot.redraw()
    assert not plot._placeholder.isVisible()
