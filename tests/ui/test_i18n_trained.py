"""The Chinese UI with a real trained run: the texts that only appear once there is a model (layer and head
menus, checkpoints, maps, generated text statistics, per-token views) are Chinese too."""

from __future__ import annotations

import pytest
import torch
from i18n_walk import english_words, visible_strings
from PySide6.QtCore import QLocale

from lmlab.core import engine
from lmlab.ui.i18n import install_translators
from lmlab.ui.jobs import running_workers
from tests.conftest import make_prepared_run, tiny_config

WAIT_MS = 120_000
ZH = "子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？\n"


@pytest.fixture(scope="module")
def zh_run(tmp_path_factory):
    """A tiny character-level run on Chinese text, with checkpoints and attention snapshots at steps 10 and 20."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        run = make_prepared_run(tmp_path_factory.mktemp("runs"),
                                tiny_config(max_steps=20, checkpoint_every=10, eval_every=10), text=ZH * 80, name="论语")
        for _ev in engine.train(run):
            pass
    finally:
        torch.set_num_threads(threads)
    return run


def test_with_a_trained_run_the_chinese_window_shows_no_english(make_window, qtbot, zh_run, monkeypatch, qapp):
    monkeypatch.delenv("LMLAB_LANG", raising=False)
    before = QLocale()
    install_translators(qapp, "zh_CN")
    try:
        window = make_window(runs_dir=zh_run.path.parent, extra_panels=True)
        tabs = window.tabs
        attention = window.panel("注意力")
        tabs.setCurrentIndex(tabs.indexOf(attention.parentWidget().parentWidget()) if tabs.indexOf(attention) < 0
                             else tabs.indexOf(attention))
        with qtbot.waitSignal(attention.computed, timeout=WAIT_MS):
            window.runs_panel.select_paths([str(zh_run.path)])
        qtbot.waitUntil(lambda: not attention.busy, timeout=WAIT_MS)

        playground = window.panel("试验场")
        qtbot.waitUntil(lambda: playground.primary.model() is not None, timeout=WAIT_MS)
        playground.prompt_edit.setPlainText("子曰：")
        with qtbot.waitSignal(playground.primary.generation_finished, timeout=WAIT_MS):
            assert playground.generate()

        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(50)
        qtbot.waitUntil(lambda: not running_workers(), timeout=WAIT_MS)
        assert attention.layer_combo.itemText(0) == "第 0 层"
        assert "已完成 20 步。" in window.runs_panel.details.text()  # a message read back from the run folder
        table = window.runs_panel.model
        assert table.index(0, 5).data() == "已完成"  # the run's status, kept in English on disk
        left = sorted({f"{where}: {text!r} -> {words}" for where, text in visible_strings(window)
                       if (words := english_words(text, extra_allowed={window.session.corpus_state.label}))})
        assert not left, "English left in the Chinese UI with a trained run:\n" + "\n".join(left)
        attention.shutdown()
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(before)
