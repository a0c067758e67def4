"""The memorisation check in the app: a model that has learnt its tiny corpus by heart recites it, and
*Copied* (the Playground's output, the Inside tab's sample timeline) underlines the longest span found
verbatim in the training text."""

from __future__ import annotations

import pytest
import torch
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCharFormat, QTextCursor

from lmlab.core import engine
from lmlab.core.guards.memorise import training_text
from lmlab.core.loading import ModelCache
from lmlab.core.runs import RunStore
from lmlab.ui.controllers.playground import PlaygroundController
from lmlab.ui.jobs import running_workers
from lmlab.ui.controllers.instruments import InstrumentsController
from lmlab.ui.panels.instruments import InsidePanel
from lmlab.ui.panels.playground import PlaygroundPanel
from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config

TIMEOUT = 60_000


@pytest.fixture
def panel(qtbot, tmp_path):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    run = make_prepared_run(tmp_path / "runs", tiny_config(max_steps=300, eval_every=150, checkpoint_every=300,
                                                           log_every=50), text=SAMPLE_TEXT * 60)
    assert list(engine.train(run))[-1].status == "finished"
    settings = QSettings(str(tmp_path / "lmlab.ini"), QSettings.Format.IniFormat)
    p = PlaygroundPanel(PlaygroundController(RunStore(tmp_path / "runs"), ModelCache(), settings))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.set_run(str(run.path))
    qtbot.waitUntil(lambda: p.primary.model() is not None, timeout=TIMEOUT)
    yield p, run
    p.shutdown()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)
    torch.set_num_threads(threads)


def test_copied_spans_underlines_the_longest_copy(qtbot, panel):
    p, run = panel
    pane = p.primary
    copies = pane.copies
    p.prompt_edit.setPlainText("First Citizen:\n")
    p.max_tokens.setValue(60)
    p.greedy.setChecked(True)
    with qtbot.waitSignal(pane.generation_finished, timeout=TIMEOUT):
        assert p.generate()
    copies.button.setChecked(True)
    qtbot.waitUntil(lambda: copies.span is not None, timeout=TIMEOUT)
    span = copies.span
    output = "".join(t.text for t in pane.current_branch().tokens)
    copied = output[span.start : span.end]
    assert span.length >= 20 and copied in training_text(run)  # the greedy model recites its corpus
    assert str(span.length) in copies.label.text()
    # The span's characters, and only they, are underlined in the view.
    assert dotted(pane.view) == span.length
    # Off again: the view is drawn without it.
    copies.button.setChecked(False)
    assert dotted(pane.view) == 0 and copies.label.text() == ""


def dotted(view) -> int:
    """How many characters of the view carry the dotted underline."""
    doc = view.document()
    cur = QTextCursor(doc)
    n = 0
    for pos in range(1, doc.characterCount()):
        cur.setPosition(pos)  # the format of the character before pos
        n += cur.charFormat().underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    return n


def test_the_sample_timeline_underlines_copied_spans(qtbot, panel):
    _p, run = panel
    c = InstrumentsController(ModelCache())
    inside = InsidePanel(c)
    qtbot.addWidget(inside)
    inside.show()
    with qtbot.waitSignal(c.loaded, timeout=TIMEOUT):
        c.set_run(str(run.path))
    view = inside.timeline
    view.steps.set_index(len(c.result.timeline) - 1)
    assert "<u " not in view.samples.text()
    view.copied.setChecked(True)
    qtbot.waitUntil(lambda: "<u " in view.samples.text(), timeout=TIMEOUT)
    assert "copied from the training text" in view.samples.text()
    view.copied.setChecked(False)
    assert "<u " not in view.samples.text()
    inside.shutdown()
