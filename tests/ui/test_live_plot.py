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


def _falling_loss(plot, steps, start=0):
    for s in steps:
        plot.append("train", step=s, tokens=s * 64, time=s * 0.01, value=1.5 + 3.0 * np.exp(-(s + start) / 80))


def test_the_view_follows_the_data_and_changes_range_only_when_it_must(plot, qtbot):
    vb = plot.getPlotItem().getViewBox()
    refits = []
    vb.sigRangeChanged.connect(lambda *_: refits.append(vb.viewRange()))
    for i in range(1, 201):
        _falling_loss(plot, [i * 10])
        plot.redraw()
        (x0, x1), (y0, y1) = vb.viewRange()
        v = plot.buffer("train")["value"]
        assert x0 <= 10 and x1 >= i * 10 and y0 <= v.min() and y1 >= v.max()  # everything stays in view
    # A growing, settling curve moves the view now and then, not on every one of its 200 frames.
    assert 5 <= len(refits) <= 60, len(refits)


def test_a_run_of_known_length_spans_its_x_axis_from_the_start(plot, qtbot):
    plot.set_x_extent(step=1000, tokens=64_000)
    vb = plot.getPlotItem().getViewBox()
    for i in range(1, 51):
        _falling_loss(plot, [i * 10])
        plot.redraw()
        x0, x1 = vb.viewRange()[0]
        assert x0 <= 0 and 1000 <= x1 < 1050  # the x axis is the whole run and never moves
    plot.set_x_column("tokens")
    assert 64_000 <= vb.viewRange()[0][1] < 67_000
    plot.set_x_column("time")  # no known end for time: the view grows with the data
    assert 5.0 <= vb.viewRange()[0][1] < 10.0
    plot.clear_data()  # a new run forgets the old run's length
    plot.set_x_column("step")
    _falling_loss(plot, [1, 2, 3])
    plot.redraw()
    assert vb.viewRange()[0][1] < 10


def test_panning_stops_following_and_a_double_click_follows_again(plot, qtbot):
    from PySide6.QtCore import QPoint, Qt

    vb = plot.getPlotItem().getViewBox()
    _falling_loss(plot, range(10, 110, 10))
    plot.redraw()
    assert plot.following
    vb.translateBy(x=-500)  # what a mouse drag does
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])
    assert not plot.following
    panned = vb.viewRange()[0]
    _falling_loss(plot, range(110, 300, 10))
    plot.redraw()
    assert vb.viewRange()[0] == panned  # new data does not yank the user's view away
    qtbot.mouseDClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(250, 150))
    assert plot.following
    assert vb.viewRange()[0][1] >= 290


def test_frames_are_paced_by_their_paint_cost_and_plots_take_turns(qtbot, monkeypatch):
    from lmlab.ui.plots import frame_clock as fc

    plots = []
    for k in range(3):
        p = LivePlot(f"p{k}", "y", paint_budget=1.0)  # no pacing here: only the turns
        p.add_series("s", "s")
        qtbot.addWidget(p)
        p.resize(300, 200)
        p.show()
        plots.append(p)
    ticks, frames = [0], []  # which clock tick pushed each frame
    tick = fc.FrameClock.tick
    monkeypatch.setattr(fc.FrameClock, "tick", lambda self: (ticks.__setitem__(0, ticks[0] + 1), tick(self)))
    for p in plots:
        monkeypatch.setattr(p, "redraw", lambda p=p, f=p.redraw: (frames.append((ticks[0], p)), f()))
    fc.frame_clock()._timer.timeout.disconnect()  # the timer holds the unpatched tick: reconnect it
    fc.frame_clock()._timer.timeout.connect(fc.frame_clock().tick)
    for p in plots:
        p.append("s", step=1, tokens=1, time=1, value=1.0)
    qtbot.waitUntil(lambda: {p for _, p in frames} == set(plots), timeout=3000)
    assert len({t for t, _ in frames}) == len(frames)  # never two frames in one tick

    # A plot whose frames cost 20 ms of CPU may draw one every 2 s at a 1 % budget.
    p = LivePlot("paced", "y", paint_budget=0.01)
    p.add_series("s", "s")
    qtbot.addWidget(p)
    p._frame_cost = 0.02
    assert p.frame_interval() == pytest.approx(2.0)
    p.append("s", step=2, tokens=2, time=2, value=2.0)
    assert not p.frame_due(p._last_frame + 1.0) and p.frame_due(p._last_frame + 2.1)
