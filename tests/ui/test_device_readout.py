"""The Training panel's Compile choice and device readout: what a run will do on this machine, and why."""

from __future__ import annotations

from lmlab.core import speed_choice
from lmlab.core.device import resolve_device
from tests.ui.conftest import quick_config


def text_now(panel) -> str:
    return panel.device_readout.label.text()


def test_the_readout_says_eager_until_measured_then_the_measured_choice(make_window):
    window = make_window(config=quick_config(max_steps=50))
    panel = window.training_panel
    text = panel.device_readout.label.text()
    assert text.startswith("Eager, fp32") and "not measured" in text and "Torch threads" in text
    assert panel.compile_combo.currentData() == "auto"
    cfg = window.session.config
    speed_choice.record(cfg, resolve_device(cfg.train.device), "compiled", "compiled: 1.31x eager's tokens/s")
    window.session.update(train={"seed": cfg.train.seed + 1})  # any edit shows the readout again
    assert text_now(panel).startswith("Compiled") and "1.31x" in text_now(panel)
    panel.compile_combo.setCurrentIndex(panel.compile_combo.findData("off"))  # the learner's choice wins
    assert window.session.config.train.compile == "off"
    assert text_now(panel).startswith("Eager")
    window.session.update(train={"threads": 2})
    assert "Torch threads: 2, set in the run's settings" in text_now(panel)
