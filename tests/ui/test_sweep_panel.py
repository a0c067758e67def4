"""The Scaling panel on a real tiny sweep and on imported results: plan, run (through the run queue),
stop, resume after a restart, fit (with loud warnings on a few tiny runs), plots exported,
recommendation → a queued run."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QProgressBar,
    QTableWidget,
)

from lmlab.core.config import check  # noqa: E402
from lmlab.core.model import model_size  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402
from lmlab.core.scaling import read_results_csv  # noqa: E402
from lmlab.core.scaling.results import parse_numbers, parse_shapes  # noqa: E402
from lmlab.core.sweep import Sweep  # noqa: E402
from lmlab.ui.controllers.training import TrainingController  # noqa: E402
from lmlab.ui.panels.scaling import SweepPanel, install, sweeps_root_for  # noqa: E402
from tests.ui.conftest import quick_config  # noqa: E402

FIT_TIMEOUT = 120_000


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a real dialog would block the test")

    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)


@pytest.fixture
def trainer(tmp_path, qapp):
    """The one training controller (the run queue) the panels put their runs on."""
    t = TrainingController(RunStore(tmp_path / "lab" / "runs"))
    # In this process: the tests hold a point with a patch of this process (_hold_second_run_until_stopped),
    # and 3-step points end before a pause sent to a child arrives. A point in a child process:
    # tests/distributed/test_child_process.py.
    t.own_process = False
    yield t
    t.shutdown()


@pytest.fixture
def make_panel(qtbot, trainer):
    panels = []

    def make():
        p = SweepPanel(trainer)
        qtbot.addWidget(p)
        p.resize(1280, 800)
        p.show()
        panels.append(p)
        return p

    yield make
    for p in panels:
        p.shutdown()


def tiny_plan(panel, corpus_file, sizes="3e3, 1.2e4"):
    base = quick_config(eval_batches=2, log_every=1, checkpoint_every=1000, attention_snapshots=False)
    panel.plan.set_base(base.with_changes(corpus=[str(corpus_file)]))
    panel.plan.set_sizes(sizes, "targets")
    panel.plan.set_budgets("384, 768", "tokens")  # 3 and 6 steps of 4 x 32 tokens
    panel.boot_spin.setValue(20)


def cell(table: QTableWidget, row: int, col: int) -> str:
    return table.item(row, col).text()


def param_rows(panel) -> dict[str, tuple[str, str]]:
    t = panel.fit_view.table
    return {cell(t, i, 0): (cell(t, i, 1), cell(t, i, 2)) for i in range(t.rowCount())}


def test_plan_shows_shapes_and_n_and_rejects_nonsense(make_panel, small_corpus):
    panel = make_panel()
    assert panel.plan.table.rowCount() == 15  # the default CPU sweep: five sizes x three budgets
    assert panel.run_button.isEnabled()
    tiny_plan(panel, small_corpus, "3e3, 1.2e4, 3e4")
    t = panel.plan.table
    assert t.rowCount() == 6
    assert cell(t, 0, 0) == "1×16" and cell(t, 5, 3) == "768" and cell(t, 5, 5) == "6"
    assert "6 runs" in panel.plan.summary.text()
    panel.plan.set_budgets("1e9, 3e10", "isoflop")
    _, points = panel.plan.plan()
    assert t.rowCount() == len(points) > 0 and {p.budget for p in points} == {1e9, 3e10}
    panel.plan.set_sizes("2x64, lots", "shapes")
    assert "'lots' is not a shape" in panel.plan.message.text()
    assert not panel.run_button.isEnabled()
    assert parse_numbers("1e5, 300k; 2M") == [1e5, 3e5, 2e6] and parse_shapes("2x64 4×128") == [(2, 64), (4, 128)]
    panel.plan.default_button.click()
    assert panel.plan.table.rowCount() == 15 and panel.run_button.isEnabled()


def test_every_control_is_named(make_panel):
    panel = make_panel()
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QTableWidget, QProgressBar)
    unnamed = []
    for kind in kinds:
        for w in panel.findChildren(kind):
            if isinstance(w.parent(), (QAbstractSpinBox, QComboBox)) or w.objectName().startswith("qt_"):
                continue  # Qt's own parts: the line edit inside a spin box, a table's corner button
            if type(w).__name__ == "QToolButton" and w.parent() and type(w.parent()).__name__ == "QTabBar":
                continue  # a tab bar's scroll arrows
            if not (w.objectName() and w.accessibleName()):
                unnamed.append(f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}")
    assert not unnamed, unnamed


def _hold_second_run_until_stopped(monkeypatch):
    """The tiny sweep can finish before the GUI's Stop lands; hold the second run (in the worker
    thread, after its first step) until the stop is requested, so the test is not a race."""
    import time

    import lmlab.core.sweep as sweep_module
    from lmlab.core.engine import StepMetrics

    real_train = sweep_module.train
    calls = []

    def held_train(run, control=None, **kw):
        calls.append(run)
        for ev in real_train(run, control, **kw):
            yield ev
            if len(calls) == 2 and isinstance(ev, StepMetrics) and control is not None:
                deadline = time.monotonic() + 60
                while not control.stop_requested and time.monotonic() < deadline:
                    time.sleep(0.01)  # the worker thread waits for the GUI's click, not the test

    monkeypatch.setattr(sweep_module, "train", held_train)


def test_run_stop_restart_resume_fit_export_and_recommend(make_panel, small_corpus, tmp_path, qtbot, monkeypatch):
    _hold_second_run_until_stopped(monkeypatch)
    panel = make_panel()
    assert panel.sweeps_root == tmp_path / "lab" / "sweeps" == sweeps_root_for(tmp_path / "lab" / "runs")
    tiny_plan(panel, small_corpus)
    seen = []

    def pause_resume_stop_in_second_run(ev):
        if ev.index == 1 and ev.status == "running" and not seen:
            seen.append(ev)
            panel.pause_button.click()
            assert panel.resume_button.isEnabled() and not panel.pause_button.isEnabled()
            assert "(paused)" in panel.status.text()
            panel.resume_button.click()
            panel.stop_button.click()
            assert not panel.stop_button.isEnabled() and "Stopping" in panel.status.text()

    panel.progress.connect(pause_resume_stop_in_second_run)
    with qtbot.waitSignal(panel.sweepEnded, timeout=FIT_TIMEOUT) as ended:
        panel.run_button.click()
        assert panel.running and not panel.run_button.isEnabled() and panel.stop_button.isEnabled()
    assert ended.args == ["sweep-stopped"]
    qtbot.waitUntil(lambda: not panel.busy, timeout=FIT_TIMEOUT)
    folder = panel.sweep_path
    assert folder.parent == panel.sweeps_root and (folder / "sweep.json").exists()
    statuses = [r.status for r in panel.results.rows]
    assert statuses[0] == "finished" and "stopped" in statuses and statuses.count("finished") < 6
    assert panel.resume_button.isEnabled()

    # A restart: a new panel opens the folder and resumes; the finished run is not run again.
    again = make_panel()
    assert again.open_sweep(folder)
    qtbot.waitUntil(lambda: not again.busy, timeout=FIT_TIMEOUT)
    assert "to go: press Resume" in again.status.text() and again.resume_button.isEnabled()
    first_run_id = Sweep.open(folder).states[0].run_id
    with qtbot.waitSignal(again.fitFinished, timeout=FIT_TIMEOUT) as fitted:
        again.resume_button.click()
    qtbot.waitUntil(lambda: not again.busy, timeout=FIT_TIMEOUT)
    sw = Sweep.open(folder)
    assert [s.status for s in sw.states] == ["finished"] * 4
    assert sw.states[0].run_id == first_run_id and len(sw.runs.runs()) == 4
    assert again.sweep_bar.value() == 1000

    # The table filled: N, N total, D, C, losses, wall time, status.
    t = again.results.table
    assert t.rowCount() == 4
    assert all(cell(t, i, 1) == "finished" and float(cell(t, i, 6)) > 0 and cell(t, i, 8) != "–" for i in range(4))
    assert float(cell(t, 0, 3).rstrip("k")) > float(cell(t, 0, 2).rstrip("k"))  # N total > N

    # The fit ran on the four runs, and warns loudly, in plain words, that it means little.
    fits = fitted.args[0]
    assert fits is not None and len(fits.data) == 4 and fits.approach3 is None
    assert "4 runs" in again.fit_view.status.text()
    banner = again.warnings
    assert banner.isVisible() and "Before you trust this fit" in banner.label.text()
    assert "Only 4 finished runs" in " ".join(banner.warnings) and "Only 4 finished runs" in banner.label.text()
    assert "Fit warnings" in banner.accessibleName()
    assert again.fit_view.notes.text()  # what could not be fitted, and why

    # No compute-optimal law from four runs: no recommendation, no run to create.
    rec_box = again.recommendation
    assert rec_box.recommendation is None and not rec_box.create_button.isEnabled()
    assert "approach 3 needs 6+ runs" in rec_box.note.text()
    # ...but this machine's speed was measured, so budgets can be given in hours
    tp = again._throughput
    assert tp is not None and tp.flops_per_s > 0 and tp.tokens_per_s > 0
    assert rec_box.unit_combo.model().item(1).isEnabled()
    rec_box.set_budget(0.5, "hours")
    assert rec_box.budget_flops() == pytest.approx(0.5 * 3600 * tp.flops_per_s)

    # Every plot exports; PNGs are sharp.
    png = again.plots.export("loss_n", tmp_path / "loss_n.png")
    img = QImage(str(png))
    assert not img.isNull() and img.width() >= 1200
    assert again.plots.export("all", tmp_path / "all.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    assert again.plots.plot_item("loss_c").listDataItems()

    # Export → import round trip of the results.
    assert again.export_csv(tmp_path / "results.csv") == 4
    assert len(read_results_csv(tmp_path / "results.csv")) == 4


def chinchilla_like_csv(path, seed=0):
    """IsoFLOP groups of a known law (Hoffmann et al.'s fit), with 1% noise."""
    E, A, B, alpha, beta = 1.69, 406.4, 410.7, 0.34, 0.28
    rng = np.random.default_rng(seed)
    rows = []
    for C in (1e18, 1e19, 1e20):
        n_opt = 0.6 * (C / 6) ** 0.5
        for f in (1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8):
            N = n_opt * f
            D = C / (6 * N)
            loss = (E + A / N**alpha + B / D**beta) * (1 + 0.01 * rng.standard_normal())
            rows.append((N, D, loss, C))
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["N", "D", "loss", "C"])
        w.writerows(rows)
    return len(rows)


def test_import_csv_fits_published_like_data(make_panel, tmp_path, qtbot):
    n = chinchilla_like_csv(tmp_path / "chinchilla.csv")
    panel = make_panel()
    panel.boot_spin.setValue(30)
    with qtbot.waitSignal(panel.fitFinished, timeout=FIT_TIMEOUT) as fitted:
        assert panel.import_csv(tmp_path / "chinchilla.csv")
    qtbot.waitUntil(lambda: not panel.busy, timeout=FIT_TIMEOUT)
    fits = fitted.args[0]
    assert panel.results.table.rowCount() == n and panel.sweep_path is None
    assert fits.approach3.alpha == pytest.approx(0.34, abs=0.08)
    assert fits.approach2 is not None and len(fits.approach2.parabolas) == 3
    params = param_rows(panel)
    assert float(params["α (approach 3)"][0]) == pytest.approx(fits.approach3.alpha, rel=1e-3)
    assert "a (approach 2)" in params and "α_C of L(C)" in params
    # the IsoFLOP plot shows parabolas and vertices; approach 2 is no longer a note
    assert len(panel.plots.plot_item("isoflop").listDataItems()) > 4
    # recommendation at a budget of the data: near the generating law's optimum
    panel.recommendation.set_budget(1e20)
    rec = panel.recommendation.recommendation
    assert rec.N.low < rec.N.estimate < rec.N.high
    assert rec.N.estimate == pytest.approx(fits.approach3.compute_optimal(1e20).N_opt, rel=1e-6)
    assert "parameters" in panel.recommendation.values["N"].text() and "tokens" in panel.recommendation.values["D"].text()
    assert panel.recommendation.values["loss"].text() != "–"
    # "Create this run": a run with the recommended shape and token budget, on the (paused) run queue
    panel.controller.set_queue_paused(True)
    panel.recommendation.set_budget(1e15)
    rec = panel.recommendation.recommendation
    assert panel.recommendation.create_button.isEnabled()
    with qtbot.waitSignal(panel.runQueued, timeout=5000) as created:
        panel.recommendation.create_button.click()
    entry = created.args[0]
    assert panel.controller.waiting == (entry,) and not panel.controller.busy
    assert "is on the run queue" in panel.message.text()
    cfg = entry.run.read_config()
    check(cfg)
    assert cfg.train.token_budget == round(rec.D.estimate) and cfg.total_steps == -(-cfg.train.token_budget // cfg.tokens_per_step)
    n_cfg = model_size(cfg.model).non_embedding_params
    assert abs(n_cfg / rec.N.estimate - 1) < 0.15
    assert cfg.train.warmup_steps <= max(1, cfg.total_steps // 10)
    # "hours on this machine" needs a sweep run here: disabled for imported data
    assert not panel.recommendation.unit_combo.model().item(1).isEnabled()
    # a bad CSV says why, and keeps the data shown
    (tmp_path / "bad.csv").write_text("N,loss\n1,2\n")
    assert not panel.import_csv(tmp_path / "bad.csv")
    assert "no 'D'" in panel.message.text() and panel.results.table.rowCount() == n


def test_install_adds_the_scaling_tab(window, qtbot):
    panel = install(window)
    try:
        assert window.panel("Scaling") is panel
        assert panel.sweeps_root == window.session.store.root.parent / "sweeps"
    finally:
        panel.shutdown()
