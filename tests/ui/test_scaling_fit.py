"""One fit, two callers: `lmlab fit X.csv --json` and the Scaling panel's fit of X.csv show the same
numbers (every approach, every interval, the same bootstrap seed); the Scaling controller runs the
fit job without a widget."""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lmlab.core.jobs.fit import fit_table  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402
from lmlab.core.scaling import ScalingData, write_results_csv  # noqa: E402
from lmlab.core.scaling.report import Estimate  # noqa: E402
from lmlab.core.units import format_number  # noqa: E402
from lmlab.ui.controllers.scaling import ScalingController  # noqa: E402
from lmlab.ui.controllers.training import TrainingController  # noqa: E402
from lmlab.ui.panels.scaling import SweepPanel  # noqa: E402
from tests.conftest import REPO, SHARED  # noqa: E402

FIT_TIMEOUT = 120_000
CHINCHILLA = SHARED / "data" / "chinchilla_svg_extracted.csv"


def isoflop_csv(path, seed: int = 0):
    """IsoFLOP groups (3 budgets x 5 sizes) and token-budget runs of a known law, with 1% noise."""
    rng = np.random.default_rng(seed)
    N, D, C = [], [], []
    for c in (1e17, 1e18, 1e19):
        for f in (0.25, 0.5, 1, 2, 4):
            n = f * (c / 120) ** 0.5
            N.append(n), D.append(c / (6 * n)), C.append(c)
    for n in (3e6, 3e7):
        for d in (1e8, 1e9):
            N.append(n), D.append(d), C.append(6 * n * d)
    N, D = np.array(N), np.array(D)
    loss = (1.7 + 400 / N**0.34 + 410 / D**0.28) * np.exp(rng.normal(0, 0.01, len(N)))
    write_results_csv(path, ScalingData.from_arrays(N=N, D=D, loss=loss, C=C, source=path.name))
    return path


def cli_fit_json(csv, *options: str) -> dict:
    """`lmlab fit CSV --json OPTIONS` in its own process, as a user runs it."""
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-m", "lmlab.cli", "fit", str(csv), "--json", *options],
                         capture_output=True, text=True, env=env, timeout=300, check=True)
    return json.loads(out.stdout)


@pytest.fixture
def panel(qtbot, tmp_path):
    trainer = TrainingController(RunStore(tmp_path / "lab" / "runs"))
    p = SweepPanel(trainer)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    yield p
    p.shutdown()
    trainer.shutdown()


def _cells(table) -> dict[str, tuple[str, str]]:
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}


@pytest.mark.parametrize("which", ["chinchilla", "isoflop"])
def test_cli_json_and_scaling_panel_give_identical_numbers(which, panel, qtbot, tmp_path):
    if which == "chinchilla":
        if not CHINCHILLA.exists():
            pytest.skip(f"Chinchilla data not found at {CHINCHILLA} (set LMLAB_SHARED)")
        csv, drop = CHINCHILLA, 5  # Epoch's replication drops the 5 highest-loss runs
    else:
        csv, drop = isoflop_csv(tmp_path / "isoflop.csv"), 0
    budget = 1e21
    # the command line, with its default bootstrap (200 resamples, seed 0)
    cli = cli_fit_json(csv, "--drop-highest", str(drop), "--budget", f"{budget:g}")

    # the panel, with its defaults: import the CSV, which fits it
    assert panel.boot_spin.value() == 200
    panel.drop_spin.setValue(drop)
    with qtbot.waitSignal(panel.fitFinished, timeout=FIT_TIMEOUT) as fitted:
        assert panel.import_csv(csv)
    report = fitted.args[0]
    assert report is panel.fits and report.approach3 is not None and report.bootstrap is not None
    shown = json.loads(json.dumps(report.to_dict()))
    cli_budget = cli.pop("budget")
    assert shown.pop("budget") is None  # the panel asks its recommendation box instead
    assert shown == cli  # every approach, every interval, every warning: exactly
    assert cli["bootstrap"] == {"n_boot": 200, "seed": 0, "level": 0.95}
    assert cli["law_N"] is not None and cli["law_D"] is not None and cli["frontier"] is not None
    assert cli["approach2"] is not None and len(cli["approach2"]["budgets"]) >= 3

    # what the panel shows is those numbers
    cells = _cells(panel.fit_view.table)
    for key, label in (("E", "E"), ("A", "A"), ("B", "B"), ("alpha", "α"), ("beta", "β")):
        p = cli["approach3"]["params"][key]
        assert cells[f"{label} (approach 3)"] == (format_number(p["estimate"], 4),
                                                  f"{format_number(p['low'])} – {format_number(p['high'])}")
    for key in ("a", "b"):
        p = cli["compute_optimal"][key]
        assert cells[f"{key} (compute-optimal)"] == (f"{p['estimate']:.3f}", f"{p['low']:.3f} – {p['high']:.3f}")
    assert cells["a (approach 2)"][0] == f"{cli['approach2']['a']:.3f}"
    assert cells["α_N of L(N)"][0] == f"{cli['law_N']['alpha']:.3g}"
    assert cells["α_D of L(D)"][0] == f"{cli['law_D']['alpha']:.3g}"
    assert cells["α_C of L(C)"][0] == f"{cli['frontier']['alpha']:.3g}"

    # the recommendation at the same budget
    box = panel.recommendation
    box.set_budget(budget)
    rec = box.recommendation
    assert json.loads(json.dumps(rec.to_dict())) == cli_budget
    assert box.values["N"].text() == f"{Estimate(**cli_budget['N_opt']).text()} parameters"
    assert box.values["loss"].text() == Estimate(**cli_budget["loss"]).text()


# -- the controller, without a widget ---------------------------------------------------------------


@pytest.fixture
def controller():
    c = ScalingController()
    yield c
    assert c.shutdown()


def _table(seed: int = 0, n: int = 12) -> ScalingData:
    rng = np.random.default_rng(seed)
    N, D = 10 ** rng.uniform(6, 9, n), 10 ** rng.uniform(7, 11, n)
    loss = (1.8 + 480 / N**0.35 + 2100 / D**0.37) * np.exp(rng.normal(0, 0.005, n))
    return ScalingData.from_arrays(N=N, D=D, loss=loss, source=f"table {seed}")


def test_controller_runs_the_fit_job(controller, qtbot):
    data = _table()
    stages, boots = [], []
    controller.stage.connect(stages.append)
    controller.bootstrapProgress.connect(lambda done, total: boots.append((done, total)))
    with qtbot.waitSignal(controller.busyChanged, timeout=FIT_TIMEOUT, check_params_cb=lambda b: not b):
        with qtbot.waitSignal(controller.fitted, timeout=FIT_TIMEOUT) as fitted:
            assert controller.fit(data, n_boot=30, seed=3, drop_highest=1)
            assert controller.busy
    report = fitted.args[0]
    assert report is controller.report and controller.data is data and not controller.busy
    assert report.to_dict() == drain(fit_table(data, 30, 3, drop_highest=1)).to_dict()
    assert len(stages) == 4 and stages[1].startswith("Approach 3: 30 bootstrap refits")
    assert boots[0] == (0, 30) and boots[-1] == (30, 30)


def test_controller_new_fit_supersedes_and_bad_options_fail(controller, qtbot):
    reports = []
    controller.fitted.connect(reports.append)
    first, second = _table(1), _table(2)
    with qtbot.waitSignal(controller.busyChanged, timeout=FIT_TIMEOUT, check_params_cb=lambda b: not b):
        controller.fit(first, n_boot=50)
        controller.fit(second, n_boot=0)
    assert [r.data.source for r in reports] == ["table 2"]  # nothing of the superseded fit arrived
    with qtbot.waitSignal(controller.failed, timeout=FIT_TIMEOUT) as failed:
        controller.fit(second, n_boot=-1)
    assert "bootstrap" in failed.args[0] and controller.report is None
    qtbot.waitUntil(lambda: not controller.busy)
    controller.clear()
    assert reports[-1] is None and controller.data is None
    assert controller.shutdown() and not controller.fit(first)  # nothing starts after shutdown
