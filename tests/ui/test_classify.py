"""Text classification in the app: the controller alone, then the real window (the Classify panel
trains a classifier through the session's queue, its confusion matrix fills at each evaluation, and a
misclassified example opens in the Attention panel)."""

from __future__ import annotations

import numpy as np

from lmlab.core.config import preset
from lmlab.core.jobs.classify import LabelSource
from lmlab.ui.controllers.classify import ClassifierRequest, ClassifyController
from lmlab.ui.jobs import running_workers
from lmlab.ui.session import Session
from tests.core.test_classify import toy_csv

TIMEOUT = 120_000
SHAPE = {"block_size": 32, "n_layer": 1, "n_embd": 32, "n_head": 2}


def test_the_controller_starts_a_classifier_and_follows_its_evaluations(qtbot, tmp_path):
    session = Session(tmp_path / "runs", preset("tiny").with_changes(model=SHAPE))
    controller = ClassifyController(session)
    seen = []
    controller.evaluated.connect(seen.append)
    request = ClassifierRequest(LabelSource(str(toy_csv(tmp_path / "toy.csv"))),
                                train={"max_steps": 40, "eval_every": 20, "learning_rate": 3e-3, "device": "cpu"})
    with qtbot.waitSignal(session.runFinished, timeout=TIMEOUT) as finished:
        assert controller.start(request)
    assert finished.args[0].status == "finished"
    assert [p.step for p in controller.history] == [20, 40]
    assert controller.history[-1].accuracy > controller.history[-1].majority
    assert [ev["step"] for ev in seen] == [20, 40] and controller.evaluation["labels"] == ["calm", "grim"]
    # a fine-tune needs a language model to start from: a classifier is refused with a sentence
    with qtbot.waitSignal(controller.failed) as failed:
        assert not controller.start(ClassifierRequest(LabelSource(), parent_path=controller.run_path))
    assert "Fine-tune a language model or a masked-language-model run" in failed.args[0]
    qtbot.waitUntil(lambda: not session.training.busy and not running_workers(), timeout=TIMEOUT)
    controller.shutdown()


def test_train_a_classifier_in_the_window_and_open_a_mistake_in_attention(qtbot, tmp_path):
    from lmlab.ui.main_window import MainWindow
    from lmlab.ui.panels import attention, classify
    from lmlab.ui.settings import AppSettings

    session = Session(tmp_path / "runs", preset("tiny").with_changes(model=SHAPE))
    window = MainWindow(session, AppSettings.at(tmp_path / "s.ini"))
    session.setParent(window)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    att = attention.install(window)
    panel = classify.install(window)
    window.show_panel("Classify")
    assert panel.confusion.values is None and panel.table.rowCount() == 0
    form = panel.form
    form.path_edit.setText(str(toy_csv(tmp_path / "toy.csv", flipped=5)))
    form.steps.setValue(60)
    fills = []
    panel.controller.evaluated.connect(lambda ev: fills.append(np.array(panel.confusion.values)))
    with qtbot.waitSignal(session.runFinished, timeout=TIMEOUT) as finished:
        form.start_button.click()
    assert finished.args[0].status == "finished", finished.args[0].reason
    qtbot.waitUntil(lambda: not session.training.busy, timeout=TIMEOUT)
    # the matrix filled at each evaluation; the last one counts every validation example
    assert len(fills) >= 2 and all(f.shape == (2, 2) for f in fills)
    ev = panel.controller.evaluation
    assert np.sum(ev["confusion"]) == panel.table.rowCount() == len(ev["examples"]) > 0
    assert panel.plot.listDataItems()[0].getData()[0].size == len(panel.controller.history)
    # sort by confidence, then open a misclassified example in the Attention panel
    panel.table.sortByColumn(3, panel.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    wrong = [r for r in range(panel.table.rowCount()) if panel.table.item(r, 4).text() == "no"]
    assert wrong, "the flipped labels give mistakes"
    probs = [panel.table.item(r, 3).data(0) for r in range(panel.table.rowCount())]
    assert probs == sorted(probs, reverse=True)
    panel.table.selectRow(wrong[0])
    text = panel.table.item(wrong[0], 0).toolTip()
    with qtbot.waitSignal(att.computed, timeout=TIMEOUT) as computed:
        panel.open_button.click()
    result = computed.args[0]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Attention"
    assert result.text == text and result.pieces[0] == "[CLS]"  # an encoder's maps start at [CLS]
    assert result.maps.shape[-1] == len(result.pieces)
    window.close()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)
