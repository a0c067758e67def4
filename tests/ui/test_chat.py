"""Chat fine-tuning in the app: the controllers alone, then the real window (Runs ▸ Fine-tune from this
run…, trained through the session's normal path, then Playground ▸ Chat with the result)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from lmlab.core.chat.conversations import Turn, read_conversations
from lmlab.core.chat.template import END
from lmlab.core.engine import Control
from lmlab.core.generate import SamplingOptions
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.finetune import ChatSource, create_finetune
from lmlab.core.jobs.train import prepare_and_train
from lmlab.core.lineage import parent_of
from lmlab.core.loading import ModelCache
from lmlab.core.runs import RunStore
from lmlab.ui.controllers.chat import ChatController
from lmlab.ui.jobs import running_workers
from tests.core.test_chat_finetune import trained_parent, write_chat_file

TIMEOUT = 120_000
GREEDY = SamplingOptions(greedy=True, max_new_tokens=30)


@pytest.fixture(scope="module")
def parent_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    trained_parent(root)
    return root


@pytest.fixture(scope="module")
def chat_run(parent_root, tmp_path_factory):
    store = RunStore(parent_root)
    data = write_chat_file(tmp_path_factory.mktemp("chat") / "c.jsonl", 60)
    run = drain(create_finetune(store, store.open("parent"), ChatSource(str(data)),
                                train={"learning_rate": 3e-3, "max_steps": 120}))
    assert list(prepare_and_train(run, Control()))[-1].status == "finished"
    return run


def test_chat_controller_replies_regenerates_branches_and_saves(qtbot, chat_run, tmp_path):
    chat = ChatController(ModelCache())
    chat.set_run(str(chat_run.path))
    chat.set_system("Be brief.")
    streamed = []
    chat.replyAdded.connect(streamed.extend)
    with qtbot.waitSignal(chat.replyFinished, timeout=TIMEOUT) as done:
        assert chat.send("hear me speak?", GREEDY)
    assert done.args == ["stop_sequence"]
    assert chat.turns[-1] == Turn("assistant", "Resolved.") and streamed[-1].text == ""  # <|end|> shows nothing
    with qtbot.waitSignal(chat.replyFinished, timeout=TIMEOUT):
        assert chat.regenerate(GREEDY)
    assert [t.role for t in chat.turns] == ["user", "assistant"]
    with qtbot.waitSignal(chat.replyFinished, timeout=TIMEOUT):
        assert chat.edit(0, "before we proceed?", GREEDY)  # branch: the first question changes, answered anew
    assert chat.turns == [Turn("user", "before we proceed?"), Turn("assistant", "Resolved.")]
    assert chat.edit(1, "I will not.", GREEDY) and chat.turns[-1].content == "I will not."
    chat.save(str(tmp_path / "saved.jsonl"))
    saved = read_conversations(tmp_path / "saved.jsonl")[0]
    assert [t.role for t in saved.turns] == ["system", "user", "assistant"]
    qtbot.waitUntil(lambda: not chat.busy, timeout=TIMEOUT)
    chat.shutdown()


def test_chat_with_a_run_without_chat_tokens_is_one_sentence(qtbot, parent_root):
    chat = ChatController(ModelCache())
    chat.set_run(str(RunStore(parent_root).open("parent").path))
    with qtbot.waitSignal(chat.failed, timeout=TIMEOUT) as failed:
        chat.send("hello", GREEDY)
    assert "no chat tokens; fine-tune it on conversations first" in failed.args[0]
    assert chat.turns == []  # the question can be asked again
    qtbot.waitUntil(lambda: not chat.busy, timeout=TIMEOUT)
    chat.shutdown()


def test_finetune_from_a_run_in_the_window_then_chat_with_it(qtbot, parent_root, tmp_path):
    from lmlab.core.config import preset
    from lmlab.ui.main_window import MainWindow
    from lmlab.ui.panels.playground import install
    from lmlab.ui.session import Session
    from lmlab.ui.settings import AppSettings

    session = Session(parent_root, preset("tiny"))
    window = MainWindow(session, AppSettings.at(tmp_path / "s.ini"))
    session.setParent(window)
    qtbot.addWidget(window)
    playground = install(window)
    runs = window.runs_panel
    parent = RunStore(parent_root).open("parent")
    runs.select_paths([str(parent.path)])
    assert runs.finetune.action.isEnabled()
    data = write_chat_file(tmp_path / "c.jsonl", 60)

    runs.finetune.action.trigger()  # Runs ▸ Fine-tune from this run…
    dialog = runs.finetune.dialog
    assert dialog.default_data.isChecked() and dialog.epochs.value() == 3
    assert dialog.lr.value() == pytest.approx(parent.read_config().train.learning_rate / 10)
    dialog.path_edit.setText(str(data))
    dialog.file_data.setChecked(True)
    dialog.lr.setValue(3e-3)
    dialog.steps.setValue(120)
    with qtbot.waitSignal(session.runStarted, timeout=TIMEOUT) as started:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run = started.args[0]
    assert parent_of(run)["run"] == parent.id and window.tabs.currentWidget() is window.training_panel
    with qtbot.waitSignal(session.runFinished, timeout=TIMEOUT) as finished:
        pass
    assert finished.args[0].status == "finished"
    assert finished.args[0].best_val_loss < parent_of(run)["reference_val_loss"]
    # the Training panel's loss plot shows the parent's loss on the same conversations, as a level to beat
    level, line = window.training_panel.curves.reference
    assert level == parent_of(run)["reference_val_loss"] and line.value() == pytest.approx(level)
    qtbot.waitUntil(lambda: not session.training.busy, timeout=TIMEOUT)
    runs.refresh()
    runs.select_paths([str(run.path)])
    assert f"Fine-tuned from {parent.name}" in runs.details.text()
    reference, line = runs.plots.references[str(run.path)]  # the parent's loss, drawn as a line
    assert reference == parent_of(run)["reference_val_loss"] and line.value() == pytest.approx(reference)

    chat = playground.chat  # Playground ▸ Chat, on the run just trained (the window's current run)
    playground.modes.setCurrentWidget(chat)
    assert chat.controller.run_path == str(run.path)
    chat.controls.greedy.setChecked(True)
    chat.input.setPlainText("hear me speak?")
    with qtbot.waitSignal(chat.controller.replyFinished, timeout=TIMEOUT) as done:
        chat.send_button.click()
    assert done.args == ["stop_sequence"]  # the reply stopped at the end-of-turn token
    assert chat.controller.turns[-1].content == "Resolved." and END not in chat.transcript.toPlainText()
    assert "Resolved." in chat.transcript.toPlainText()
    assert chat.save_to(str(tmp_path / "good.jsonl"))
    line = json.loads((tmp_path / "good.jsonl").read_text(encoding="utf-8"))
    assert line["messages"][-1] == {"role": "assistant", "content": "Resolved."}
    window.close()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)


def test_fine_tune_is_offered_for_a_language_model_and_not_for_a_classifier(qtbot, parent_root, tmp_path):
    from PySide6.QtWidgets import QWidget

    from lmlab.core.engine import train
    from lmlab.core.jobs.classify import LabelSource, create_classifier
    from lmlab.ui.panels.runs.finetune import FinetuneAction
    from tests.conftest import tiny_config
    from tests.core.test_classify import SMALL_TRAIN, toy_csv

    store = RunStore(tmp_path / "runs")
    base = tiny_config().with_changes(model={"block_size": 32, "n_layer": 1, "n_embd": 32})
    classifier = drain(create_classifier(store, LabelSource(str(toy_csv(tmp_path / "toy.csv"))), base=base,
                                         train=SMALL_TRAIN | {"max_steps": 4, "eval_every": 4}))
    assert list(train(classifier))[-1].status == "finished" and classifier.latest_checkpoint() is not None
    widget = QWidget()
    qtbot.addWidget(widget)
    finetune = FinetuneAction(widget)
    finetune.set_run(str(classifier.path))
    assert not finetune.action.isEnabled() and "Only a language model" in finetune.action.toolTip()
    finetune.set_run(str(RunStore(parent_root).open("parent").path))
    assert finetune.action.isEnabled() and "learns to answer in conversations" in finetune.action.toolTip()
