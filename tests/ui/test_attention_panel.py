"""The Attention panel on real tiny runs: maps, hover, overview clicks, options, head scores,
snapshots over training, export, Chinese input, superseded requests, threads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv  # noqa: E402
import shutil  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from PySide6.QtCore import QObject, Qt, Signal  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QGraphicsView,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from lmlab.core import engine  # noqa: E402
from lmlab.core.attention import SCORE_EXPLANATIONS, SCORE_NAMES, attention_maps, head_scores  # noqa: E402
from lmlab.core.attention_display import display_token, log_color_scale  # noqa: E402
from lmlab.core.attention_files import load_snapshots  # noqa: E402
from lmlab.core.dataset import load_prepared  # noqa: E402
from lmlab.core.loading import ModelCache, load_trained  # noqa: E402
from lmlab.core.runs import Run, RunStore  # noqa: E402
from lmlab.ui.controllers.attention import AttentionController  # noqa: E402
from lmlab.ui.controllers.runs import RunsController  # noqa: E402
from lmlab.ui.panels.attention import AttentionPanel, install  # noqa: E402
from lmlab.ui.panels.attention.maps import describe_cell  # noqa: E402
from lmlab.ui.jobs import running_workers  # noqa: E402
from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform says so for shown windows

CHINESE = "我们在学习语言模型。今天天气很好，我们一起去公园散步。\n" * 40
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def runs_root(tmp_path_factory):
    """Two real runs trained once: English (snapshots at steps 20 and 40) and Chinese characters."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        root = tmp_path_factory.mktemp("attention-runs")
        work = tmp_path_factory.mktemp("attention-work")
        for name, text, steps in (("english", SAMPLE_TEXT * 60, 40), ("chinese", CHINESE, 20)):
            run = make_prepared_run(work, tiny_config(max_steps=steps, eval_every=20), text=text, name=name)
            for ev in engine.train(run):
                assert ev.type != "finished" or ev.status == "finished", ev
            shutil.move(str(run.path), str(root / name))
    finally:
        torch.set_num_threads(threads)
    return root


@pytest.fixture
def store(runs_root):
    return RunStore(runs_root)


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a real dialog would block the test")

    for cls, names in ((QMessageBox, ("question", "warning", "critical", "information")),
                       (QFileDialog, ("getSaveFileName",))):
        for n in names:
            monkeypatch.setattr(cls, n, refuse)


@pytest.fixture(autouse=True)
def no_dangling_threads(qtbot):
    yield
    qtbot.waitUntil(lambda: not running_workers(), timeout=WAIT_MS)


@pytest.fixture
def panel(qtbot, store, monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(AttentionPanel, "_show_error", lambda self, text: errors.append(text))
    p = AttentionPanel(AttentionController(store, ModelCache()))
    qtbot.addWidget(p)
    p.errors = errors
    p.resize(1200, 800)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.shutdown()


def open_run(panel: AttentionPanel, qtbot, path) -> None:
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        panel.set_run(str(path))
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)


def type_text(panel: AttentionPanel, qtbot, text: str) -> None:
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        panel.set_text(text)
        panel.compute()


def model_of(path):
    return load_trained(Run(path))


def first_val_ids(path, n: int) -> list[int]:
    return [int(i) for i in load_prepared(Run(path).data_dir).val_tokens()[:n]]


# -- maps -------------------------------------------------------------------------------------------


def test_selecting_a_run_computes_and_shows_the_maps(panel, qtbot, runs_root):
    path = runs_root / "english"
    open_run(panel, qtbot, path)
    tm = model_of(path)
    ids = first_val_ids(path, tm.config.model.block_size)  # default: the validation text, one context long
    r = panel.result
    assert r.ids.tolist() == ids
    expected = attention_maps(tm.model, ids)
    np.testing.assert_allclose(r.maps, expected, atol=1e-5)
    assert panel.text_edit.toPlainText() == tm.tokenizer.decode(ids)
    assert panel.layer_combo.count() == 2 and panel.head_combo.count() == 2

    panel.select_head(1, 1)
    shown = panel.heatmap.values
    T = len(ids)
    assert shown.shape == (T, T)
    np.testing.assert_allclose(np.nan_to_num(shown), expected[1, 1], atol=1e-5)
    assert np.isnan(shown[np.triu_indices(T, 1)]).all()  # nothing above the diagonal
    np.testing.assert_allclose(np.nansum(shown, axis=1), 1.0, atol=1e-4)  # each row is a distribution
    labels = [display_token(tm.tokenizer.id_to_piece(i)) for i in ids]
    assert panel.heatmap.left_axis.labels == labels == panel.heatmap.top_axis.labels
    assert "⏎" in labels and "␣" in labels  # newline and space made visible
    assert panel.export_button.isEnabled() and panel.export_actions["csv"].isEnabled()


def test_hover_reports_query_key_and_weight(panel, qtbot, runs_root):
    open_run(panel, qtbot, runs_root / "english")
    panel.select_head(0, 1)
    r, weights = panel.result, panel.shown_weights()
    row, col = 7, 3
    qtbot.mouseMove(panel.heatmap.viewport(), panel.heatmap.viewport_pos(row, col))
    qtbot.waitUntil(lambda: panel.hover_label.text().startswith("query"), timeout=5000)
    text = panel.hover_label.text()
    assert text == describe_cell(r.pieces, weights, row, col)
    assert f"query {row} “{display_token(r.pieces[row], 16)}”" in text
    assert f"key {col} “{display_token(r.pieces[col], 16)}”" in text
    assert text.endswith(f"{weights[row, col]:.3f}")
    assert panel.heatmap.toolTip() == text


def test_clicking_an_overview_tile_opens_that_head(panel, qtbot, runs_root):
    open_run(panel, qtbot, runs_root / "english")
    assert (panel.options().layer, panel.options().head) == (0, 0)
    ov = panel.maps_view.overview
    T = len(panel.result.ids)
    step = T + ov.gap
    pos = panel.overview_map.viewport_pos(1 * step + T // 2, 1 * step + T // 3)  # inside layer 1, head 1
    qtbot.mouseClick(panel.overview_map.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: (panel.options().layer, panel.options().head) == (1, 1), timeout=5000)
    assert panel.layer_combo.currentText() == "layer 1" and panel.head_combo.currentText() == "head 1"
    np.testing.assert_allclose(np.nan_to_num(panel.heatmap.values), panel.result.maps[1, 1], atol=1e-6)
    assert panel.score_table.currentRow() == 1 and panel.score_table.currentColumn() == 1


def test_average_heads_one_layer_and_log_scale_change_the_image(panel, qtbot, runs_root):
    open_run(panel, qtbot, runs_root / "english")
    maps = panel.result.maps
    T = maps.shape[-1]
    panel.select_head(1, 0)
    panel.average_check.setChecked(True)
    mean = maps[1].mean(axis=0)
    np.testing.assert_allclose(np.nan_to_num(panel.heatmap.values), mean, atol=1e-6)
    np.testing.assert_allclose(np.nansum(panel.heatmap.values, axis=1), 1.0, atol=1e-4)
    assert not panel.head_combo.isEnabled()
    assert panel.maps_view.overview.n_cols == 1  # one tile per layer: the mean
    assert panel.overview_map.top_axis.labels == ["mean"]

    panel.log_check.setChecked(True)
    expected = log_color_scale(mean)
    shown = panel.heatmap.values
    lower = np.tril_indices(T)
    np.testing.assert_allclose(shown[lower], expected[lower], atol=1e-6)
    assert np.isnan(shown[np.triu_indices(T, 1)]).all()
    assert shown[lower].min() >= 0 and shown[lower].max() <= 1

    panel.average_check.setChecked(False)
    panel.log_check.setChecked(False)
    np.testing.assert_allclose(np.nan_to_num(panel.heatmap.values), maps[1, 0], atol=1e-6)

    panel.one_layer_check.setChecked(True)
    ov = panel.maps_view.overview
    assert ov.layers == [1] and panel.overview_map.values.shape == (T, 2 * T + ov.gap)
    assert panel.overview_map.left_axis.labels == ["L1"]


def test_head_score_table_matches_head_scores(panel, qtbot, runs_root):
    path = runs_root / "english"
    open_run(panel, qtbot, path)
    tm = model_of(path)
    expected = head_scores(tm.model, panel.result.ids.tolist())
    table = panel.score_table
    for i, name in enumerate(SCORE_NAMES):
        panel.score_combo.setCurrentIndex(i)
        assert panel.score_combo.currentData() == name
        assert SCORE_EXPLANATIONS[name] in panel.score_combo.toolTip()
        assert panel.score_combo.itemData(i, Qt.ItemDataRole.ToolTipRole) == SCORE_EXPLANATIONS[name]
        L, H = expected[name].shape
        assert (table.rowCount(), table.columnCount()) == (L, H)
        got = np.array([[table.item(l, h).data(Qt.ItemDataRole.UserRole) for h in range(H)] for l in range(L)])
        np.testing.assert_allclose(got, expected[name], atol=1e-5)
        assert table.item(1, 0).text() == f"{expected[name][1, 0]:.2f}"
        assert SCORE_EXPLANATIONS[name] in table.item(0, 1).toolTip()
    table.cellClicked.emit(1, 0)
    assert (panel.options().layer, panel.options().head) == (1, 0)


# -- over training ------------------------------------------------------------------------------------


def test_snapshot_slider_and_play_move_through_the_evaluation_steps(panel, qtbot, runs_root):
    path = runs_root / "english"
    with qtbot.waitSignal(panel.history_loaded, timeout=WAIT_MS):
        open_run(panel, qtbot, path)
    view = panel.history_view
    snaps = load_snapshots(path)
    assert [s.step for s in snaps] == [20, 40]
    assert view.history.steps.tolist() == [20, 40]
    panel.tabs.setCurrentWidget(view)
    panel.select_head(1, 1)
    assert view.current_step() == 40 and view.step_label.text().startswith("step 40")
    np.testing.assert_allclose(np.nan_to_num(view.heatmap.values), snaps[1].maps[1, 1].astype(np.float32), atol=1e-6)
    assert view.marker.value() == 40

    view.slider.setValue(0)
    assert view.current_step() == 20
    np.testing.assert_allclose(np.nan_to_num(view.heatmap.values), snaps[0].maps[1, 1].astype(np.float32), atol=1e-6)
    assert view.marker.value() == 20
    L, H = snaps[0].maps.shape[:2]
    assert len(view._curves) == L * H
    x, y = view._curves[1 * H + 1].getData()
    assert x.tolist() == [20, 40]
    np.testing.assert_allclose(y, [s.scores["induction"][1, 1] for s in snaps], atol=1e-6)

    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)
    assert view.play_button.isChecked()
    qtbot.waitUntil(lambda: view.current_step() == 40 and not view.play_button.isChecked(), timeout=5000)
    np.testing.assert_allclose(np.nan_to_num(view.heatmap.values), snaps[1].maps[1, 1].astype(np.float32), atol=1e-6)


def test_a_run_without_checkpoints_or_snapshots_says_so(panel, qtbot, tmp_path):
    run = make_prepared_run(tmp_path / "fresh", tiny_config(), name="fresh")
    with qtbot.waitSignal(panel.failed, timeout=WAIT_MS) as failed, \
            qtbot.waitSignal(panel.history_loaded, timeout=WAIT_MS):
        panel.set_run(str(run.path))
    assert "no checkpoint" in failed.args[0]
    assert panel.message.isVisible() and "no checkpoint" in panel.message.text()
    assert "No attention snapshots" in panel.history_view.message.text()
    assert not panel.history_view.play_button.isEnabled()


# -- export ----------------------------------------------------------------------------------------


def test_export_png_svg_npy_csv(panel, qtbot, runs_root, tmp_path, monkeypatch):
    open_run(panel, qtbot, runs_root / "english")
    panel.select_head(1, 0)
    targets = iter([tmp_path / "map.png", tmp_path / "map.svg", tmp_path / "weights", tmp_path / "weights.csv"])
    asked = []

    def ask(caption, suggested, filter_):
        asked.append(suggested)
        return str(next(targets))

    monkeypatch.setattr(panel, "_ask_save_path", ask)
    assert panel.export_png() == tmp_path / "map.png"
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() >= 1200
    assert panel.export_svg() == tmp_path / "map.svg"
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "</svg>" in svg
    assert panel.export_npy() == tmp_path / "weights.npy"  # the suffix is added
    weights = np.load(tmp_path / "weights.npy", allow_pickle=False)
    np.testing.assert_allclose(weights, panel.result.maps[1, 0], atol=1e-7)
    assert panel.export_csv() == tmp_path / "weights.csv"
    with open(tmp_path / "weights.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    labels = [display_token(p, 32) for p in panel.result.pieces]
    assert rows[0] == ["query \\ key", *labels]
    assert [r[0] for r in rows[1:]] == labels
    np.testing.assert_allclose(np.array([[float(v) for v in r[1:]] for r in rows[1:]]), weights, atol=1e-5)
    assert all("english-step40-l1h0" in s for s in asked)
    assert panel.errors == []


def test_export_of_the_snapshot_map_and_a_failed_export(panel, qtbot, runs_root, tmp_path, monkeypatch):
    with qtbot.waitSignal(panel.history_loaded, timeout=WAIT_MS):
        open_run(panel, qtbot, runs_root / "english")
    panel.tabs.setCurrentWidget(panel.history_view)
    panel.history_view.set_index(0)
    monkeypatch.setattr(panel, "_ask_save_path", lambda *a: str(tmp_path / "probe.npy"))
    panel.export_actions["npy"].trigger()  # the Export menu's entry
    np.testing.assert_allclose(np.load(tmp_path / "probe.npy"), load_snapshots(runs_root / "english")[0].maps[0, 0],
                               atol=1e-3)
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setattr(panel, "_ask_save_path", lambda *a: str(tmp_path / "a-file" / "x.csv"))
    assert panel.export_csv() is None
    assert panel.errors and panel.errors[0].startswith("Cannot save")


# -- text input -------------------------------------------------------------------------------------


def test_chinese_text_typed_into_a_chinese_char_run(panel, qtbot, runs_root, tmp_path, monkeypatch):
    path = runs_root / "chinese"
    open_run(panel, qtbot, path)
    text = "我们一起去公园。\n今天天气很好"
    type_text(panel, qtbot, text)
    tm = model_of(path)
    ids = tm.tokenizer.encode(text)
    r = panel.result
    assert r.request.text == text and r.ids.tolist() == ids
    assert r.pieces == list(text)
    np.testing.assert_allclose(r.maps, attention_maps(tm.model, ids), atol=1e-5)
    assert panel.heatmap.left_axis.labels == [display_token(c) for c in text]
    assert "⏎" in panel.heatmap.left_axis.labels
    assert "今" in panel.heatmap.top_axis.tickStrings([r.pieces.index("今")], 1, 1)
    qtbot.mouseMove(panel.heatmap.viewport(), panel.heatmap.viewport_pos(6, 2))
    qtbot.waitUntil(lambda: panel.hover_label.text().startswith("query 6 “园”"), timeout=5000)
    assert "key 2 “一”" in panel.hover_label.text()
    assert not panel.grab().isNull()  # draws without a CJK font too (boxes, but no error)
    monkeypatch.setattr(panel, "_ask_save_path", lambda *a: str(tmp_path / "中文.csv"))
    panel.export_csv()
    header = (tmp_path / "中文.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "query \\ key," + ",".join(display_token(c) for c in text)


def test_unknown_characters_and_long_text_are_explained(panel, qtbot, runs_root):
    open_run(panel, qtbot, runs_root / "chinese")
    type_text(panel, qtbot, "我们@学习" + "很好" * 40)
    r = panel.result
    assert len(r.ids) == 32  # the context of the tiny model
    assert "never saw" in r.notice and "@" in r.notice and "first 32" in r.notice
    assert panel.message.isVisible()


def test_validation_button_takes_a_new_slice(panel, qtbot, runs_root):
    path = runs_root / "english"
    open_run(panel, qtbot, path)
    type_text(panel, qtbot, "hear me speak")
    assert panel.result.request.text == "hear me speak"
    panel.length_spin.setValue(16)
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        qtbot.mouseClick(panel.val_button, Qt.MouseButton.LeftButton)
    r = panel.result
    assert r.request.text is None and len(r.ids) == 16
    val = load_prepared(Run(path).data_dir).val_tokens()
    assert r.ids.tolist() == [int(i) for i in val[r.val_offset : r.val_offset + 16]]
    assert panel.text_edit.toPlainText() == model_of(path).tokenizer.decode(r.ids.tolist())


def test_a_newer_request_supersedes_an_older_one(panel, qtbot, runs_root):
    open_run(panel, qtbot, runs_root / "english")
    shown = []
    panel.computed.connect(shown.append)
    for text in ("First", "First Citizen", "All:\nSpeak, speak."):
        panel.set_text(text)
        panel.compute()  # returns at once: the work happens in a worker thread
    # Nothing is shown before the event loop delivers a worker's answer. (Not "busy": on a loaded
    # machine the last worker's thread can end before this line; its answer still waits here.)
    assert not shown
    qtbot.waitUntil(lambda: not panel.busy and bool(shown), timeout=WAIT_MS)
    assert [r.request.text for r in shown] == ["All:\nSpeak, speak."]
    assert panel.result.request.text == "All:\nSpeak, speak."


def test_typing_computes_after_a_pause(panel, qtbot, runs_root):
    open_run(panel, qtbot, runs_root / "english")
    panel.text_edit.clear()
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        qtbot.keyClicks(panel.text_edit, "speak")
    assert panel.result.request.text == "speak"


# -- wiring and accessibility -------------------------------------------------------------------------


class FakeSession(QObject):
    trainingEvent = Signal(object)
    runStarted = Signal(object)
    runFinished = Signal(object)
    runsChanged = Signal()

    def __init__(self, store):
        super().__init__()
        self.store = store


class FakeWindow(QObject):
    runs_folder_changed = Signal(object)

    def __init__(self, store):
        super().__init__()
        self.session = FakeSession(store)
        self.runs_controller = RunsController(self.session)
        self.model_cache = ModelCache()
        self.added = []

    def add_panel(self, title, widget, **_kw):
        self.added.append((title, widget))
        return len(self.added) - 1


def test_install_adds_the_panel_and_follows_the_current_run(qtbot, store, runs_root):
    window = FakeWindow(store)
    panel = install(window)
    qtbot.addWidget(panel)
    assert window.added == [("Attention", panel)]
    assert panel.run_combo.count() == 2
    assert panel.run_path == window.runs_controller.current != ""  # opens on the newest run, never blank
    panel.show()
    other = next(str(r.path) for r in store.runs() if str(r.path) != panel.run_path)
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        window.runs_controller.set_current(other)  # selected in Runs, or trained last
    assert panel.run_path == other
    assert panel.run_combo.currentText() == Run(other).name
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    panel.shutdown()


def test_a_run_chosen_while_hidden_is_computed_when_shown(qtbot, store, runs_root):
    panel = AttentionPanel(AttentionController(store, ModelCache()))
    qtbot.addWidget(panel)
    panel.set_run(str(runs_root / "english"))
    assert not panel.busy and panel.result is None
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        panel.show()
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    panel.shutdown()


def test_every_control_has_an_object_name_and_accessible_name(panel):
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QPlainTextEdit, QAbstractItemView,
             QGraphicsView, QTabWidget)
    controls = [w for w in panel.findChildren(QWidget) if isinstance(w, kinds)]
    controls = [w for w in controls if w.window() is panel  # not the combo boxes' popup lists
                and not isinstance(w.parent(), (QAbstractItemView, QAbstractSlider))
                and not type(w).__name__.startswith("QScrollBar")]
    assert len(controls) >= 20
    missing = [f"{type(w).__name__} {w.objectName()!r}" for w in controls
               if not w.objectName() or not w.accessibleName()]
    assert missing == []


def test_installed_in_the_main_window_it_follows_the_runs_tab(make_window, qtbot, runs_root):
    window = make_window(runs_dir=runs_root, extra_panels=True)
    panel = window.panel("Attention")
    assert isinstance(panel, AttentionPanel)
    tabs = window.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Attention"))
    assert panel.isVisible()
    with qtbot.waitSignal(panel.computed, timeout=WAIT_MS):
        window.runs_panel.select_paths([str(runs_root / "chinese")])
    assert panel.run_path == str(runs_root / "chinese")
    assert panel.result.pieces[0] in CHINESE
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    panel.shutdown()
