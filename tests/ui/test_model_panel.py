"""The Model panel's Architecture group: each option's box edits the session's config and follows it."""

from __future__ import annotations

import pytest

from lmlab.core.config import preset
from lmlab.core.units import human_count
from lmlab.ui.panels.architecture import arch_options
from lmlab.ui.panels.model import ModelPanel
from lmlab.ui.session import Session


@pytest.fixture
def panel(qtbot, tmp_path):
    session = Session(tmp_path / "runs", config=preset("cpu"))
    p = ModelPanel(session)
    qtbot.addWidget(p)
    return p


@pytest.mark.parametrize("key", [o.key for o in arch_options()])
def test_toggling_an_option_changes_the_sessions_config(panel, key):
    opt = next(o for o in arch_options() if o.key == key)
    session = panel.session
    box = panel.architecture.boxes[key]
    assert not box.isChecked() and not opt.is_on(session.config)  # classic cpu preset: all off
    assert box.toolTip() and panel.architecture.findChild(object, f"{key}Hint").text()
    box.click()
    assert opt.is_on(session.config)
    assert session.matching_preset() is None  # an edit makes the preset custom
    box.click()
    assert not opt.is_on(session.config) and session.matching_preset() == "cpu"


def test_the_modern_preset_ticks_every_box_and_the_combo_names_it(panel):
    panel.session.apply_preset("modern")
    assert all(box.isChecked() for box in panel.architecture.boxes.values())
    assert panel.preset_combo.currentData() == "modern"
    panel.session.apply_preset("cpu")
    assert not any(box.isChecked() for box in panel.architecture.boxes.values())


def test_the_architecture_choice_edits_the_kind_and_its_readouts_follow(qtbot, tmp_path):
    """Each kind of the registry is offered; choosing one sets model.arch, a preset keeps it, and the
    readouts come from that kind's own size function (an encoder-decoder has two stacks)."""
    from dataclasses import replace

    from lmlab.core.seq2seq.model import encdec_size

    session = Session(tmp_path / "runs", config=preset("cpu"))
    panel = ModelPanel(session)
    qtbot.addWidget(panel)
    combo = panel.kind_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["gpt", "encdec"]
    assert combo.currentData() == "gpt" and "GPT" in combo.currentText()
    gpt_params = session.model_size().total_params
    combo.activated.emit(combo.findData("encdec"))
    assert session.config.model.arch == "encdec" and "encoder-decoder" in combo.currentText()
    m = replace(session.config.model, vocab_size=session.vocab_estimate())
    expected = encdec_size(m, session.config.train.batch_size)
    assert session.model_size() == expected and expected.total_params != gpt_params
    assert panel.readouts["params"].text() == human_count(expected.total_params)
    assert session.matching_preset() == "cpu"  # the shape is still cpu's
    session.apply_preset("tiny")
    assert session.config.model.arch == "encdec" and combo.currentData() == "encdec"
    session.update(model={"arch": "gpt"})
    assert combo.currentData() == "gpt"
    session.shutdown()
