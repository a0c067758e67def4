"""PreflightController without a widget: at once from what is known; a measurement off the GUI thread
once asked for (and while active), then the cache answers edits that keep the shape and a new shape
is measured by itself."""

from __future__ import annotations

import pytest

from lmlab.core.config import preset
from lmlab.ui.controllers.tuning import PreflightController
from lmlab.ui.session import Session


def test_measures_once_while_active_then_answers_from_the_cache(qtbot, tmp_path):
    session = Session(tmp_path / "runs", config=preset("tiny"))
    pre = PreflightController(session)
    pre.cache_file = tmp_path / "preflight.json"
    pre.refresh()
    assert pre.estimate is not None and pre.estimate.seconds is None and not pre.measuring  # inactive: no thread
    pre.set_active(True)
    pre.refresh()
    assert not pre.measuring and pre.wanted  # nothing runs by surprise: the user asks first
    with qtbot.waitSignal(pre.measuringChanged):
        pre.measure()
    assert pre.measuring
    qtbot.waitUntil(lambda: not pre.measuring and pre.estimate.seconds is not None, timeout=60_000)
    first = pre.estimate
    starts = []
    pre.measuringChanged.connect(starts.append)
    with qtbot.waitSignal(pre.estimateChanged, timeout=5_000):  # debounced: after the last edit
        session.update(train={"max_steps": 1000})
        session.update(train={"max_steps": 2000})
    assert pre.estimate.total_steps == 2000 and pre.estimate.measurement == first.measurement
    assert pre.estimate.train_s == pytest.approx(first.train_s * 4) and starts == []  # no new measurement
    with qtbot.waitSignal(pre.measuringChanged, timeout=5_000):  # a new shape is measured by itself now
        session.update(model={"n_layer": 1})
    qtbot.waitUntil(lambda: not pre.measuring, timeout=60_000)
    assert pre.estimate.measurement != first.measurement and pre.estimate.seconds is not None
    session.update(model={"n_layer": 99, "n_head": 3})  # impossible (64 is not divisible by 3): no estimate
    pre.refresh()
    assert pre.estimate is None
    assert pre.shutdown()
