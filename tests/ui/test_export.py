"""Export from the app, and an export opened back as a Hugging Face folder in Attention and Playground."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

from lmlab.core.generate import SamplingOptions  # noqa: E402
from lmlab.core.interop.hf import InteropError  # noqa: E402
from lmlab.core.loading import ModelCache  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402
from lmlab.ui.controllers.attention import AttentionController  # noqa: E402
from lmlab.ui.controllers.export import ExportController, output_folder  # noqa: E402
from lmlab.ui.controllers.playground import PlaygroundController  # noqa: E402
from lmlab.ui.jobs import running_workers  # noqa: E402
from lmlab.ui.panels.attention import AttentionPanel  # noqa: E402
from lmlab.ui.panels.playground import PlaygroundPanel  # noqa: E402
from lmlab.ui.panels.runs import RunsPanel  # noqa: E402
from tests._interop import export, trained_runs  # noqa: E402

pytest.importorskip("transformers")
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
WAIT_MS = 60_000
TEXT = "All:\nSpeak, speak. 中文 🙂"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return trained_runs(tmp_path_factory.mktemp("runs"))


@pytest.fixture(scope="module")
def exported(runs, tmp_path_factory):
    return export(runs["char"], tmp_path_factory.mktemp("exports") / "char-hf").path


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch, qtbot):
    def refuse(*_a, **_k):
        raise AssertionError("a real dialog would block the test")

    for cls, names in ((QMessageBox, ("question", "warning", "critical", "information")),
                       (QFileDialog, ("getExistingDirectory", "getSaveFileName"))):
        for n in names:
            monkeypatch.setattr(cls, n, refuse)
    yield
    qtbot.waitUntil(lambda: not running_workers(), timeout=WAIT_MS)


# -- the export controller and the Runs panel's action -------------------------------------------------


def test_the_controller_exports_with_progress_then_the_result(qtbot, runs, tmp_path):
    c = ExportController()
    steps = []
    c.progress.connect(lambda f, m: steps.append((f, m)))
    with qtbot.waitSignal(c.finished, timeout=WAIT_MS) as done:
        assert c.export(str(runs["bpe"].path), tmp_path / "out")
        assert not c.export(str(runs["bpe"].path), tmp_path / "other")  # one export at a time
    result = done.args[0]
    assert result.path == str(tmp_path / "out") and result.max_abs_diff < 1e-4
    assert steps[0][0] == 0.0 and steps[-1][0] == 1.0 and [f for f, _ in steps] == sorted(f for f, _ in steps)
    qtbot.waitUntil(lambda: not c.busy, timeout=WAIT_MS)


def test_a_cancelled_export_says_so_and_leaves_nothing(qtbot, runs, tmp_path):
    c = ExportController()
    c.progress.connect(lambda f, m: c.cancel())  # cancel at the first stage
    with qtbot.waitSignal(c.failed, timeout=WAIT_MS) as failed:
        c.export(str(runs["char"].path), tmp_path / "out")
    assert "cancelled" in failed.args[0] and list(tmp_path.iterdir()) == []


def test_output_folder_is_the_chosen_empty_folder_or_a_new_one_inside(runs, tmp_path):
    assert output_folder(tmp_path, runs["char"].path, "hf") == tmp_path
    (tmp_path / "x").write_text("")
    assert output_folder(tmp_path, runs["char"].path, "hf") == tmp_path / "char-hf"
    (tmp_path / "char-hf").mkdir()
    assert output_folder(tmp_path, runs["char"].path, "gguf") == tmp_path / "char-gguf"
    assert output_folder(tmp_path, runs["char"].path, "hf") == tmp_path / "char-hf-2"


@pytest.fixture
def runs_panel(qtbot, runs, monkeypatch):
    p = RunsPanel(RunStore(runs["char"].path.parent))
    qtbot.addWidget(p)
    p.select_paths([str(runs["char"].path)])
    return p


def test_export_model_in_the_runs_panel_writes_the_folder_with_a_progress_bar(qtbot, runs_panel, tmp_path,
                                                                              monkeypatch):
    ex = runs_panel.model_export
    assert ex.hf_action.isEnabled() and ex.hf_action in runs_panel.context_menu().actions()
    values, done = [], []
    ex.controller.progress.connect(lambda f, m: values.append(ex.dialog.value()))
    monkeypatch.setattr(ex, "_ask_folder", lambda caption: str(tmp_path))
    monkeypatch.setattr(ex, "_show_done", done.append)
    with qtbot.waitSignal(ex.controller.finished, timeout=WAIT_MS):
        ex.hf_action.trigger()
        assert not ex.hf_action.isEnabled()  # while it runs
    assert values[-1] == 100 and (tmp_path / "model.safetensors").is_file()
    assert done and done[0].startswith(f"Exported to {tmp_path}.")
    assert not ex.dialog.isVisible()
    qtbot.waitUntil(ex.hf_action.isEnabled, timeout=WAIT_MS)  # once the job's thread has ended


def test_a_failed_export_in_the_runs_panel_is_one_sentence(qtbot, runs_panel, tmp_path, monkeypatch):
    ex = runs_panel.model_export
    errors = []
    monkeypatch.setattr(ex, "_ask_folder", lambda caption: str(tmp_path))
    monkeypatch.setattr(ex, "_show_error", errors.append)
    with qtbot.waitSignal(ex.controller.failed, timeout=WAIT_MS):
        ex.gguf_action.trigger()  # a char run has no llama.cpp vocabulary
    assert len(errors) == 1 and errors[0].startswith("GGUF export needs a BPE tokenizer") and "\n" not in errors[0]
    assert list(tmp_path.iterdir()) == []


# -- the export opened as a Hugging Face folder ---------------------------------------------------------


def attention_maps_of(qtbot, controller: AttentionController, path: str) -> np.ndarray:
    controller.set_run(path)
    controller.set_text(TEXT)
    with qtbot.waitSignal(controller.computed, timeout=WAIT_MS) as computed:
        assert controller.compute()
    return computed.args[0]


def test_the_attention_controller_shows_an_export_with_the_runs_maps(qtbot, runs, exported):
    c = AttentionController(RunStore(runs["char"].path.parent), ModelCache())
    try:
        original = attention_maps_of(qtbot, c, str(runs["char"].path))
        opened = attention_maps_of(qtbot, c, exported)
        assert opened.step == 0 and opened.pieces == original.pieces
        np.testing.assert_allclose(opened.maps, original.maps, atol=1e-6)
        for name, scores in original.scores.items():
            np.testing.assert_allclose(opened.scores[name], scores, atol=1e-5)
        c.take_validation_text()  # an HF folder has no validation set: a sentence, not a traceback
        with qtbot.waitSignal(c.failed, timeout=WAIT_MS) as failed:
            c.compute()
        assert "no validation set" in failed.args[0]
    finally:
        c.shutdown()


def test_the_attention_panel_shows_an_export_with_the_runs_maps(qtbot, runs, exported):
    panel = AttentionPanel(AttentionController(RunStore(runs["char"].path.parent), ModelCache()))
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    try:
        with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
            panel.set_run(str(runs["char"].path))
        qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
        with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
            panel.set_text(TEXT)
            panel.compute()
        original = panel.result
        with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
            panel.set_run(exported)
        qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
        assert panel.run_combo.currentData() == exported and panel.result.request.run_path == exported
        np.testing.assert_allclose(panel.result.maps, original.maps, atol=1e-6)
        np.testing.assert_allclose(np.nan_to_num(panel.heatmap.values), original.maps[0, 0], atol=1e-6)
    finally:
        panel.shutdown()


def test_the_playground_lists_an_opened_export_and_generates_as_the_run(qtbot, runs, exported, tmp_path):
    settings = QSettings(str(tmp_path / "lmlab.ini"), QSettings.Format.IniFormat)
    controller = PlaygroundController(RunStore(runs["char"].path.parent), ModelCache(), settings)
    panel = PlaygroundPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    try:
        controller.follow(exported)  # what File ▸ Open Hugging Face model folder… leads to
        assert controller.runs()[-1] == (exported, "char-hf (Hugging Face)", [0])
        qtbot.waitUntil(lambda: panel.primary.model() is not None, timeout=WAIT_MS)
        assert panel.primary.run_path() == exported and panel.primary.model().run is None
        texts = {}
        opts = SamplingOptions(greedy=True, max_new_tokens=12)
        for source in ((str(runs["char"].path), 60), (exported, 0)):
            got = []
            controller.tokensAdded.connect(lambda pane, i, toks, got=got: got.extend(t.id for t in toks))
            with qtbot.waitSignal(controller.generationFinished, timeout=WAIT_MS):
                assert controller.generate("compare", source, "x", "All:", opts)
            controller.tokensAdded.disconnect()
            texts[source[0]] = got
        assert texts[exported] == texts[str(runs["char"].path)] and len(texts[exported]) == 12
    finally:
        panel.shutdown()


def test_a_folder_lmlab_cannot_open_is_refused_before_anything_changes(tmp_path):
    from lmlab.core.interop.hf_load import check_hf_folder

    (tmp_path / "pytorch_model.bin").write_bytes(b"\x80\x04")
    with pytest.raises(InteropError, match="pytorch_model.bin"):
        check_hf_folder(tmp_path)


def test_file_open_hugging_face_folder_shows_it_in_attention_and_playground(qtbot, runs, exported, tmp_path,
                                                                             monkeypatch):
    from lmlab.core.config import preset
    from lmlab.ui.main_window import MainWindow
    from lmlab.ui.panels import attention, playground
    from lmlab.ui.session import Session
    from lmlab.ui.settings import AppSettings

    session = Session(runs["char"].path.parent, preset("tiny"))
    window = MainWindow(session, AppSettings.at(tmp_path / "s.ini"))
    session.setParent(window)
    qtbot.addWidget(window)
    att, play = attention.install(window), playground.install(window)
    assert window.open_model_action.text() == "Open &Hugging Face model folder…"
    assert window.open_model_folder(exported)
    assert att.run_path == exported and play.primary.run_path() == exported
    qtbot.waitUntil(lambda: play.primary.model() is not None, timeout=WAIT_MS)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    (tmp_path / "pickled").mkdir()
    (tmp_path / "pickled" / "pytorch_model.bin").write_bytes(b"\x80\x04")
    assert not window.open_model_folder(tmp_path / "pickled")
    assert len(warnings) == 1 and "pytorch_model.bin" in warnings[0] and att.run_path == exported
    window.close()
    qtbot.waitUntil(lambda: not running_workers(), timeout=WAIT_MS)
