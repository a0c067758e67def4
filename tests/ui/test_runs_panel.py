"""The Runs panel on real (tiny) runs: listing, curves, rename, delete, export, damaged runs, resume."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv  # noqa: E402
import html  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
)

from lmlab.core import engine  # noqa: E402
from lmlab.core.config import preset  # noqa: E402
from lmlab.core.corpus import corpus_from_texts  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import Run, RunStore  # noqa: E402
from lmlab.ui.panels.runs import RunsPanel  # noqa: E402
from lmlab.ui.panels.runs.table import COLUMNS, format_date, series  # noqa: E402
from lmlab.ui.plots.export import METRICS_CSV_COLUMNS, metrics_csv_text  # noqa: E402

OLD = "20240101-090000-alpha"  # finished
NEW = "20240202-090000-xunlian"  # stopped after a few steps, with a checkpoint
NEW_NAME = "训练 二 <b>&"  # Chinese, and characters that rich text would eat


@pytest.fixture(scope="module")
def template_root(tmp_path_factory):
    """Two real runs trained once for the module; each test works on its own copy."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        work = RunStore(tmp_path_factory.mktemp("work"))
        root = tmp_path_factory.mktemp("template")
        cfg = preset("tiny").with_changes(
            train={"max_steps": 20, "eval_every": 10, "log_every": 5, "batch_size": 4}, model={"block_size": 32}
        )
        corpus = corpus_from_texts(["the quick brown fox jumps over the lazy dog. " * 200])
        for folder, name, stop in ((OLD, "alpha", False), (NEW, NEW_NAME, True)):
            run = work.create(cfg, name)
            drain(prepare_run(run, corpus))
            control = engine.Control()
            for ev in engine.train(run, control):
                if stop and ev.type == "step":
                    control.stop()
            shutil.move(str(run.path), str(root / folder))
    finally:
        torch.set_num_threads(threads)
    return root


@pytest.fixture
def store(template_root, tmp_path):
    shutil.copytree(template_root, tmp_path / "runs")
    return RunStore(tmp_path / "runs")


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a real dialog would block the test")

    for cls, names in ((QMessageBox, ("question", "warning", "critical", "information")),
                       (QInputDialog, ("getText",)), (QFileDialog, ("getSaveFileName",))):
        for n in names:
            monkeypatch.setattr(cls, n, refuse)


@pytest.fixture
def panel(qtbot, store, monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(RunsPanel, "_show_error", lambda self, text: errors.append(text))
    p = RunsPanel(store)
    qtbot.addWidget(p)
    p.errors = errors
    return p


def path_of(store: RunStore, folder: str) -> str:
    return str(store.root / folder)


def cell(panel: RunsPanel, row: int, col: int) -> str:
    return panel.model.data(panel.model.index(row, col))


# -- listing ----------------------------------------------------------------------------


def test_runs_are_listed_newest_first_with_their_columns(panel, store):
    assert panel.model.rowCount() == 2
    assert [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == list(COLUMNS)
    new, old = Run(path_of(store, NEW)), Run(path_of(store, OLD))
    assert [cell(panel, r, 0) for r in range(2)] == [NEW_NAME, "alpha"]
    s = old.summary()
    assert cell(panel, 1, 1) == format_date(s["created"]) == s["created"][:16].replace("T", " ")
    assert cell(panel, 1, 2) == "2L 2H 64d ctx 32"
    assert cell(panel, 1, 3) == "20 / 20"
    assert cell(panel, 1, 4) == f"{s['best_val_loss']:.4f}"
    assert cell(panel, 1, 5) == "finished"
    assert cell(panel, 0, 5) == "stopped"
    assert cell(panel, 0, 3) == f"{new.read_status()['step']} / 20"


def test_refresh_keeps_the_selection_and_shows_new_runs(panel, store, qtbot):
    panel.select_paths([path_of(store, OLD)])
    shutil.copytree(path_of(store, OLD), store.root / "20250101-090000-copy")
    with qtbot.assertNotEmitted(panel.run_selected):
        panel.refresh()
    assert panel.model.rowCount() == 3
    assert cell(panel, 0, 0) == "alpha"  # the copy keeps the name, and is newest
    assert panel.selected_paths() == [path_of(store, OLD)]


def test_a_new_run_folder_appears_without_asking(panel, store, qtbot):
    shutil.copytree(path_of(store, OLD), store.root / "20250101-090000-copy")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=5000)


# -- curves ---------------------------------------------------------------------------------


def test_selecting_a_run_draws_its_curves(panel, store, qtbot):
    path = path_of(store, OLD)
    with qtbot.waitSignal(panel.run_selected) as sig:
        panel.select_paths([path])
    assert sig.args == [path]
    records = Run(path).read_metrics()
    steps = [r for r in records if r["type"] == "step"]
    evals = [r for r in records if r["type"] == "eval"]
    curves = panel.curves()
    assert set(curves) == {(path, "train"), (path, "val"), (path, "lower")}
    np.testing.assert_array_equal(curves[(path, "train")].xData, [r["step"] for r in steps])
    np.testing.assert_array_equal(curves[(path, "train")].yData, [r["loss"] for r in steps])
    np.testing.assert_array_equal(curves[(path, "val")].xData, [r["step"] for r in evals])
    np.testing.assert_array_equal(curves[(path, "val")].yData, [r["val_loss"] for r in evals])
    np.testing.assert_array_equal(curves[(path, "lower")].yData, [r["lr"] for r in steps])
    assert panel.resume_action.isEnabled() is False  # finished


def test_x_axis_lower_plot_and_log_y(panel, store):
    path = path_of(store, OLD)
    panel.select_paths([path])
    records = Run(path).read_metrics()
    steps = [r for r in records if r["type"] == "step"]
    panel.x_axis.setCurrentIndex(panel.x_axis.findData("tokens"))
    np.testing.assert_array_equal(panel.curves()[(path, "train")].xData, [r["tokens"] for r in steps])
    panel.x_axis.setCurrentIndex(panel.x_axis.findData("time"))
    np.testing.assert_array_equal(panel.curves()[(path, "val")].xData,
                                  [r["elapsed"] for r in records if r["type"] == "eval"])
    panel.lower.setCurrentIndex(panel.lower.findData("tokens_per_s"))
    np.testing.assert_array_equal(panel.curves()[(path, "lower")].yData, [r["tokens_per_s"] for r in steps])
    panel.log_y.setChecked(True)
    assert panel.loss_plot.ctrl.logYCheck.isChecked()
    panel.log_y.setChecked(False)
    assert not panel.loss_plot.ctrl.logYCheck.isChecked()


def test_selecting_two_runs_overlays_them_with_a_legend(panel, store):
    paths = [path_of(store, NEW), path_of(store, OLD)]
    panel.select_paths(paths)
    curves = panel.curves()
    assert len(curves) == 6
    for p in paths:
        steps = [r for r in Run(p).read_metrics() if r["type"] == "step"]
        np.testing.assert_array_equal(curves[(p, "train")].yData, [r["loss"] for r in steps])
    # one colour per run
    assert curves[(paths[0], "train")].opts["pen"].color() != curves[(paths[1], "train")].opts["pen"].color()
    assert curves[(paths[0], "train")].opts["pen"].color() == curves[(paths[0], "val")].opts["pen"].color()
    labels = [label.text for _sample, label in panel.legend.items]
    assert len(labels) == 4
    assert any(html.escape(NEW_NAME) in t for t in labels)
    assert any("alpha" in t for t in labels)


def test_series_skips_missing_and_non_numeric_values():
    recs = [{"type": "step", "step": 5, "loss": 3.0}, {"type": "eval", "step": 5, "val_loss": 2.0},
            {"type": "step", "step": 10, "loss": None}, {"type": "step", "step": "x", "loss": 1.0}]
    x, y = series(recs, "step", "loss", "step")
    assert x.tolist() == [5.0] and y.tolist() == [3.0]


# -- rename, delete, open ---------------------------------------------------------------------------


def test_rename_changes_the_name_on_disk(panel, store, monkeypatch):
    path = path_of(store, OLD)
    panel.select_paths([path])
    monkeypatch.setattr(panel, "_ask_text", lambda title, label, text: "贝塔 beta")
    panel.rename_action.trigger()
    assert Run(path).name == "贝塔 beta"
    assert cell(panel, 1, 0) == "贝塔 beta"
    assert panel.selected_paths() == [path]
    assert panel.errors == []


@pytest.mark.parametrize("answer", [True, False])
def test_delete_asks_first_and_names_the_run(panel, store, monkeypatch, qtbot, answer):
    path = path_of(store, NEW)
    panel.select_paths([path])
    asked = []
    monkeypatch.setattr(panel, "_confirm", lambda text: asked.append(text) or answer)
    if answer:
        with qtbot.waitSignal(panel.run_deleted) as sig:
            panel.delete_action.trigger()
        assert sig.args == [path]
    else:
        panel.delete_action.trigger()
    assert len(asked) == 1 and NEW_NAME in asked[0]
    assert os.path.isdir(path) is not answer
    assert panel.model.rowCount() == (1 if answer else 2)
    assert os.path.isdir(path_of(store, OLD))
    assert panel.errors == []


def test_open_folder_opens_the_run_folder(panel, store, monkeypatch):
    path = path_of(store, OLD)
    panel.select_paths([path])
    opened = []
    monkeypatch.setattr(panel, "_open_url", lambda url: opened.append(url.toLocalFile()) or True)
    panel.open_action.trigger()
    assert opened == [path]


# -- export -------------------------------------------------------------------------------------------


def test_export_png_svg_and_csv(panel, store, monkeypatch, tmp_path):
    paths = [path_of(store, NEW), path_of(store, OLD)]
    panel.select_paths(paths)
    targets = iter([tmp_path / "plot.png", tmp_path / "plot", tmp_path / "metrics.csv"])
    monkeypatch.setattr(panel, "_ask_save_path", lambda caption, suggested, filter_: str(next(targets)))

    png = panel.export_png()
    image = QImage(str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and image.width() >= 1200 and image.height() > 300

    svg = panel.export_svg()
    assert svg == tmp_path / "plot.svg"  # the suffix is added
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "alpha" in text and "训练" in text

    out = panel.export_csv()
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0].keys()) == METRICS_CSV_COLUMNS
    metrics = {p: Run(p).read_metrics() for p in paths}
    assert len(rows) == sum(len(m) for m in metrics.values())
    assert [r for r in rows if r["run"] == NEW_NAME][0]["type"] == "started"
    old_steps = [r for r in rows if r["run"] == "alpha" and r["type"] == "step"]
    assert [float(r["loss"]) for r in old_steps] == [m["loss"] for m in metrics[paths[1]] if m["type"] == "step"]
    assert panel.errors == []


def test_export_can_be_cancelled_and_reports_unwritable_targets(panel, store, monkeypatch, tmp_path):
    panel.select_paths([path_of(store, OLD)])
    monkeypatch.setattr(panel, "_ask_save_path", lambda *a: None)
    assert panel.export_csv() is None and panel.errors == []
    monkeypatch.setattr(panel, "_ask_save_path", lambda *a: str(tmp_path / "missing" / "m.csv"))
    assert panel.export_csv() is None
    assert len(panel.errors) == 1 and "m.csv" in panel.errors[0]


def test_metrics_csv_text_leaves_missing_fields_empty():
    text, n = metrics_csv_text([("名", [{"type": "eval", "step": 10, "val_loss": 2.5, "extra": [1]}])])
    assert n == 1
    assert text.splitlines()[1] == "名,eval,10,,,,2.5,,,,"


# -- damaged runs, resume -------------------------------------------------------------------------------


def test_a_damaged_run_shows_an_error_status_and_does_not_crash(panel, store):
    bad = store.root / "20230101-000000-bad"
    bad.mkdir()
    (bad / "config.json").write_text("{ this is not json", encoding="utf-8")
    panel.refresh()
    assert panel.model.rowCount() == 3
    row = panel.model.row_of(str(bad))
    assert cell(panel, row, 0) == bad.name
    assert cell(panel, row, 5) == "damaged"
    tooltip = panel.model.data(panel.model.index(row, 5), Qt.ItemDataRole.ToolTipRole)
    assert "damaged" in tooltip  # and names the problem
    panel.select_paths([str(bad)])
    assert "not valid JSON" in panel.details.text()
    assert not panel.resume_action.isEnabled() and not panel.rename_action.isEnabled()
    assert panel.delete_action.isEnabled()
    assert all(len(c.xData or []) == 0 for c in panel.curves().values())


def test_unreadable_metrics_show_as_a_message(panel, store):
    path = path_of(store, OLD)
    os.remove(os.path.join(path, "metrics.jsonl"))
    os.mkdir(os.path.join(path, "metrics.jsonl"))  # reading it fails with an OSError
    panel.select_paths([path])
    assert "No curves: Cannot read" in panel.details.text() and "metrics.jsonl" in panel.details.text()
    assert len(panel.curves()[(path, "train")].xData or []) == 0


def test_resume_emits_the_path_of_a_stopped_run(panel, store, qtbot):
    path = path_of(store, NEW)
    assert Run(path).read_status()["status"] == "stopped"
    panel.select_paths([path])
    assert panel.resume_action.isEnabled()
    with qtbot.waitSignal(panel.resume_requested) as sig:
        panel.resume_action.trigger()
    assert sig.args == [path]
    panel.set_training_run(path)  # the app is training it now
    assert not panel.resume_action.isEnabled() and not panel.delete_action.isEnabled()


def test_corrupt_status_file_is_shown_not_raised(panel, store):
    (store.root / OLD / "status.json").write_text(json.dumps({"status": "finished", "step": "many"}))
    panel.refresh()
    assert cell(panel, 1, 3) == "" and cell(panel, 1, 5) == "finished"


# -- accessibility ---------------------------------------------------------------------------------------


def test_every_control_has_an_object_name_and_accessible_name(panel):
    controls = panel.findChildren(QAbstractButton) + panel.findChildren(QComboBox) + \
        panel.findChildren(QAbstractItemView)
    def internal(w):  # parts Qt builds inside a control (a combo box's popup list)
        p = w.parentWidget()
        while p is not None and p is not panel:
            if isinstance(p, QComboBox):
                return True
            p = p.parentWidget()
        return w.objectName().startswith("qt_")

    controls = [c for c in controls if not internal(c)]
    assert len(controls) >= 12
    for c in controls:
        assert c.objectName(), c
        assert c.accessibleName(), c.objectName()


def test_context_menu_offers_the_actions(panel):
    names = {a.objectName() for a in panel.context_menu().actions() if not a.isSeparator()}
    assert {"runsResume", "runsRename", "runsDelete", "runsOpenFolder", "runsExportPng", "runsExportSvg",
            "runsExportCsv"} <= names


def test_growing_metrics_update_the_curves_in_place(panel, store):
    path = path_of(store, NEW)
    panel.select_paths([path])
    train = panel.curves()[(path, "train")]
    n = len(train.xData)
    Run(path).append_metrics({"type": "step", "step": 99, "tokens": 1, "loss": 0.5, "lr": 1e-4, "grad_norm": 1.0,
                              "tokens_per_s": 1.0, "elapsed": 9.0})
    panel.refresh()
    assert panel.curves()[(path, "train")] is train  # same item: the user's zoom is kept
    assert len(train.xData) == n + 1 and train.yData[-1] == 0.5


def test_a_run_stopped_at_its_first_log_shows_its_point(panel, store):
    path = path_of(store, NEW)
    panel.select_paths([path])
    train = panel.curves()[(path, "train")]
    assert len(train.xData) == 1 and train.opts["symbol"] == "o"  # a one-point line would be invisible


def test_an_empty_or_missing_runs_folder(qtbot, tmp_path, template_root):
    store = RunStore(tmp_path / "not-yet")
    panel = RunsPanel(store)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 0 and "No runs yet" in panel.details.text()
    shutil.copytree(template_root / OLD, store.root / OLD)
    panel.refresh()
    assert panel.model.rowCount() == 1


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform says so for every shown window
def test_shown_panel_refreshes_on_a_timer(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    assert panel._timer.isActive()
    panel.hide()
    assert not panel._timer.isActive()
