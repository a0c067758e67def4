"""Scaling-law fitting core (lmlab.core.scaling): recovery, real data, approach 2, CSV, the fit job and `lmlab fit`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from lmlab.cli import main as lmlab_main
from lmlab.core.errors import LmlabError
from lmlab.core.events import BootstrapProgress, FitStage
from lmlab.core.jobs.fit import fit_table
from lmlab.core.jobs.drive import drain
from lmlab.core.scaling import (
    Chinchilla3Fit,
    ScalingData,
    ScalingDataError,
    bootstrap_chinchilla,
    chinchilla_objective,
    compute_frontier,
    compute_optimal,
    data_warnings,
    fit_chinchilla,
    fit_compute_frontier,
    fit_isoflop_parabolas,
    fit_power_law,
    group_by_compute,
    predicted_loss_band,
    read_results_csv,
    start_grid,
    write_results_csv,
)

TRUE = {"E": 1.8, "A": 480.0, "B": 2100.0, "alpha": 0.35, "beta": 0.37}
# a coarser start grid (4·4·3·3·3 = 432 starts) where the full 4500 would only cost time
SMALL_GRID = {"a": (0, 5, 10, 20), "b": (0, 5, 10, 20), "e": (-1, 0, 1), "alpha": (0, 0.5, 1), "beta": (0, 0.5, 1)}
TRUTH = Chinchilla3Fit(**TRUE, objective=0.0, n_runs=0, n_starts=0, n_best=0, on_grid_edge=False, delta=1e-3)


def chinchilla_csv() -> Path:
    base = os.environ.get("LMLAB_SHARED")
    root = Path(base) if base else Path(__file__).resolve().parents[3] / "shared"
    return root / "data" / "chinchilla_svg_extracted.csv"


def synthetic_runs(n: int = 80, seed: int = 0, noise: float = 0.005, n_range=(6, 9), d_range=(7, 11)):
    """Runs drawn from the true law, N and D log-uniform, multiplicative log-normal noise."""
    rng = np.random.default_rng(seed)
    N = 10 ** rng.uniform(*n_range, n)
    D = 10 ** rng.uniform(*d_range, n)
    loss = TRUTH.predict(N, D) * np.exp(rng.normal(0.0, noise, n))
    return N, D, loss


@pytest.fixture(scope="module")
def synthetic():
    N, D, loss = synthetic_runs()
    fit = fit_chinchilla(N, D, loss)
    boot = bootstrap_chinchilla(N, D, loss, fit=fit, n_boot=100, seed=0)
    return N, D, loss, fit, boot


# -- approach 3 -----------------------------------------------------------------------


def test_grid_is_hoffmanns():
    grid = start_grid()
    assert grid.shape == (4500, 5)
    assert sorted(set(grid[:, 3])) == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert sorted(set(grid[:, 0])) == [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]
    assert sorted(set(grid[:, 2])) == [-1.0, -0.5, 0.0, 0.5, 1.0]


def test_synthetic_recovery(synthetic):
    # 80 runs, N 1e6–1e9, D 1e7–1e11, 0.5% noise. Tolerances: E 3%, A and B 15%, α and β ±0.015.
    _, _, _, fit, _ = synthetic
    assert fit.E == pytest.approx(TRUE["E"], rel=0.03)
    assert fit.A == pytest.approx(TRUE["A"], rel=0.15)
    assert fit.B == pytest.approx(TRUE["B"], rel=0.15)
    assert fit.alpha == pytest.approx(TRUE["alpha"], abs=0.015)
    assert fit.beta == pytest.approx(TRUE["beta"], abs=0.015)
    assert fit.n_starts == 4500 and 0 < fit.n_best <= 4500
    assert not fit.on_grid_edge
    assert fit.warnings == ()
    assert fit.objective == pytest.approx(chinchilla_objective(fit.log_params, *synthetic[:3]), rel=1e-12)


def test_truth_inside_bootstrap_intervals(synthetic):
    *_, boot = synthetic
    assert boot.samples.shape == (100, 5)
    for name, value in TRUE.items():
        iv = boot.interval(name)
        assert iv.low <= value <= iv.high, (name, iv)
        assert iv.low <= iv.estimate <= iv.high
    a = boot.interval("a")
    assert a.low <= TRUE["beta"] / (TRUE["alpha"] + TRUE["beta"]) <= a.high
    assert boot.warnings == ()


def test_bootstrap_is_seeded():
    N, D, loss = synthetic_runs(n=30, seed=4)
    fit = fit_chinchilla(N, D, loss, grid={"a": (5, 10), "b": (5, 10), "e": (0.5,), "alpha": (0.3, 0.5), "beta": (0.3, 0.5)})
    b1 = bootstrap_chinchilla(N, D, loss, fit=fit, n_boot=8, seed=7)
    b2 = bootstrap_chinchilla(N, D, loss, fit=fit, n_boot=8, seed=7)
    b3 = bootstrap_chinchilla(N, D, loss, fit=fit, n_boot=8, seed=8)
    np.testing.assert_array_equal(b1.samples, b2.samples)
    assert not np.array_equal(b1.samples, b3.samples)


def test_budget_intervals_and_loss_band(synthetic):
    *_, fit, boot = synthetic
    C = 1e21
    at = boot.at_budget(C)
    est = fit.compute_optimal(C)
    for key in ("N_opt", "D_opt", "tokens_per_param", "loss"):
        assert at[key].low <= at[key].high
        assert at[key].estimate == pytest.approx(getattr(est, key))
    band = predicted_loss_band(boot, C=np.logspace(18, 22, 9))
    assert band.kind == "C" and band.x.shape == band.low.shape == band.high.shape == (9,)
    assert np.all(band.low <= band.high)
    assert np.all(np.diff(band.estimate) < 0)  # more compute, lower loss
    grid_N = np.logspace(6, 9, 7)
    band_n = boot.loss_band(N=grid_N, D=1e10)
    np.testing.assert_allclose(band_n.estimate, fit.predict(grid_N, 1e10))
    assert np.all(band_n.low <= band_n.high)
    band_iso = boot.loss_band(N=grid_N, C=1e19)
    assert band_iso.kind == "N|C"
    with pytest.raises(ValueError):
        predicted_loss_band(boot, D=[1e9])


# -- the published Chinchilla runs ---------------------------------------------------------


@pytest.mark.skipif(not chinchilla_csv().exists(), reason=f"Chinchilla data not found at {chinchilla_csv()} (set LMLAB_SHARED)")
def test_chinchilla_published_runs():
    data = read_results_csv(chinchilla_csv())
    assert len(data) == 245 and data.C_given
    data = data.drop_highest(5)
    assert len(data) == 240
    fit = fit_chinchilla(data.N, data.D, data.loss)  # the full 4500-start grid
    # Epoch AI's replication (Besiroglu et al. 2024), values as listed in shared/data/README.md
    assert fit.E == pytest.approx(1.8172, rel=0.01)
    assert fit.A == pytest.approx(477.8, rel=0.05)
    assert fit.B == pytest.approx(2143, rel=0.05)
    assert fit.alpha == pytest.approx(0.3473, rel=0.01)
    assert fit.beta == pytest.approx(0.3672, rel=0.01)
    assert fit.objective == pytest.approx(0.0010183, rel=1e-4)
    assert fit.n_starts == 4500 and fit.n_best > 100
    assert not fit.on_grid_edge and fit.warnings == ()
    # the Chinchilla-optimal ~20 tokens per parameter at Chinchilla's own budget
    opt = fit.compute_optimal(5.76e23)
    assert 10 < opt.tokens_per_param < 30
    assert opt.a == pytest.approx(0.514, abs=0.005)


# -- compute-optimal allocation ---------------------------------------------------------------


@pytest.mark.parametrize("C", [1e17, 1e20, 1e24])
def test_compute_optimal_matches_brute_force(C):
    opt = compute_optimal(TRUTH, C)
    res = minimize_scalar(
        lambda t: float(TRUTH.predict(np.exp(t), C / (6 * np.exp(t)))),
        bounds=(np.log(1e3), np.log(C / 6 / 1e3)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert opt.N_opt == pytest.approx(np.exp(res.x), rel=1e-4)
    assert opt.loss == pytest.approx(res.fun, rel=1e-10)
    assert opt.D_opt == pytest.approx(C / (6 * opt.N_opt), rel=1e-12)
    assert opt.tokens_per_param == pytest.approx(opt.D_opt / opt.N_opt, rel=1e-12)
    assert opt.a + opt.b == pytest.approx(1.0)
    assert opt.a == pytest.approx(TRUE["beta"] / (TRUE["alpha"] + TRUE["beta"]))


def test_compute_optimal_vectorised():
    C = np.array([1e18, 1e21])
    opt = compute_optimal(TRUTH, C)
    assert opt.N_opt.shape == (2,)
    assert opt.N_opt[1] / opt.N_opt[0] == pytest.approx(1000 ** opt.a)


# -- approach 2 ---------------------------------------------------------------------------


def isoflop_runs(factors, budgets=(1e17, 1e18, 1e19, 1e20)):
    N, C = [], []
    for c in budgets:
        n_opt = compute_optimal(TRUTH, c).N_opt
        N += [n_opt * f for f in factors]
        C += [c] * len(factors)
    N, C = np.array(N), np.array(C)
    return N, TRUTH.predict(N, C / (6 * N)), C


def test_isoflop_vertices_and_exponents():
    N, loss, C = isoflop_runs(np.geomspace(1 / 4, 4, 9))
    iso = fit_isoflop_parabolas(N, loss, C)
    assert len(iso.parabolas) == 4
    for p in iso.parabolas:
        assert p.inside and p.n_runs == 9
        # a parabola in log N is a close approximation of the true IsoFLOP curve near its minimum
        assert p.N_opt == pytest.approx(compute_optimal(TRUTH, p.C).N_opt, rel=0.05)
        assert p.loss_opt == pytest.approx(compute_optimal(TRUTH, p.C).loss, rel=1e-3)
    assert iso.a == pytest.approx(TRUE["beta"] / (TRUE["alpha"] + TRUE["beta"]), abs=0.01)
    assert iso.b == pytest.approx(TRUE["alpha"] / (TRUE["alpha"] + TRUE["beta"]), abs=0.01)
    assert iso.a + iso.b == pytest.approx(1.0)
    assert iso.N_opt(1e19) == pytest.approx(compute_optimal(TRUTH, 1e19).N_opt, rel=0.05)
    assert iso.warnings == ()


def test_isoflop_warns_when_vertex_outside_sampled_sizes():
    N, loss, C = isoflop_runs(np.geomspace(1 / 64, 1 / 3, 6))  # all sizes below the optimum
    iso = fit_isoflop_parabolas(N, loss, C)
    assert not any(p.inside for p in iso.parabolas)
    assert any("outside the sampled sizes" in w for w in iso.warnings)


def test_isoflop_grouping():
    C = [1e18, 1.02e18, 0.99e18, 5e18, 5.1e18, 1e20]
    assert [g.tolist() for g in group_by_compute(C)] == [[0, 1, 2], [3, 4], [5]]
    assert [g.tolist() for g in group_by_compute(C, budget=[1, 1, 1, 2, 2, 3])] == [[0, 1, 2], [3, 4], [5]]
    # a continuous spread of budgets is not an IsoFLOP group
    assert group_by_compute(np.geomspace(1e18, 1e19, 50)) == []
    with pytest.raises(ScalingDataError, match="two IsoFLOP groups"):
        fit_isoflop_parabolas([1e6, 2e6, 4e6], [3.0, 2.9, 3.0], [1e18] * 3)


# -- single power laws and the frontier -----------------------------------------------------


def test_power_law_recovery():
    x = np.geomspace(1e3, 1e9, 25)
    exact = 1.5 + 30.0 * x**-0.3
    ls = fit_power_law(x, exact, delta=None)  # least squares, no noise: exact
    assert (ls.E, ls.A, ls.alpha) == pytest.approx((1.5, 30.0, 0.3), rel=1e-4)
    noisy = exact * np.exp(np.random.default_rng(1).normal(0, 0.003, x.size))
    fit = fit_power_law(x, noisy)
    assert fit.E == pytest.approx(1.5, rel=0.03)
    assert fit.alpha == pytest.approx(0.3, abs=0.03)
    assert fit.predict(1e6) == pytest.approx(1.5 + 30.0 * 1e6**-0.3, rel=0.01)
    assert fit.n_best >= 1 and fit.warnings == ()


def test_compute_frontier():
    assert compute_frontier([1, 2, 3, 4, 4], [5.0, 5.5, 4.0, 4.0, 3.0]).tolist() == [0, 2, 4]
    rng = np.random.default_rng(2)
    C = np.geomspace(1e17, 1e21, 40)
    best = 1.7 + 2000.0 * C**-0.17
    # 40 runs on the frontier, 40 more that used more compute for a higher loss
    loss = np.concatenate([best, best * (1 + rng.uniform(0.01, 0.2, 40))])
    C = np.concatenate([C, C * rng.uniform(1.0, 2.0, 40)])
    fr = fit_compute_frontier(C, loss)
    assert sorted(fr.index) == list(range(40))
    assert fr.fit.alpha == pytest.approx(0.17, abs=0.01)
    assert fr.fit.E == pytest.approx(1.7, rel=0.02)


# -- warnings on data that cannot support the fit ---------------------------------------------


def test_warns_on_less_than_a_decade_of_N():
    N, D, loss = synthetic_runs(n=40, seed=3, n_range=(7.0, 7.8))
    fit = fit_chinchilla(N, D, loss, grid=SMALL_GRID)
    assert any("model sizes N span only" in w and "decade" in w for w in fit.warnings)
    assert not any("token counts" in w for w in fit.warnings)


def test_warns_on_few_runs_and_tied_N_D():
    N, D, loss = synthetic_runs(n=8, seed=5)
    fit = fit_chinchilla(N, D, loss, grid=SMALL_GRID)
    assert any(w.startswith("Only 8 runs") for w in fit.warnings)
    rng = np.random.default_rng(6)
    N = np.geomspace(1e6, 1e9, 30)
    D = 20 * N * np.exp(rng.normal(0, 0.1, 30))
    warnings = data_warnings(N, D)
    assert any("move together" in w for w in warnings)
    assert data_warnings(*synthetic_runs()[:2]) == []


def test_bootstrap_warns_when_exponents_are_not_determined():
    rng = np.random.default_rng(0)
    N, D = 10 ** rng.uniform(6, 9, 30), 10 ** rng.uniform(7, 11, 30)
    loss = 3.0 * np.exp(rng.normal(0, 0.01, 30))  # no dependence on N or D at all
    fit = fit_chinchilla(N, D, loss, grid=SMALL_GRID)
    boot = bootstrap_chinchilla(N, D, loss, fit=fit, n_boot=20, seed=0)
    assert any("poorly determined" in w for w in boot.warnings)
    assert fit.warnings  # and the point fit itself is flagged


def test_too_few_runs_is_an_error():
    N, D, loss = synthetic_runs(n=5)
    with pytest.raises(ScalingDataError, match="at least 6 runs"):
        fit_chinchilla(N, D, loss)
    with pytest.raises(ScalingDataError, match="positive"):
        fit_chinchilla([1e6, -1, 1e7, 1e8, 1e9, 1e6], D[:1].repeat(6), [3.0] * 6)


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_round_trip(tmp_path):
    N, D, loss = synthetic_runs(n=12, seed=9)
    data = ScalingData.from_arrays(N=N, D=D, loss=loss)
    path = tmp_path / "runs.csv"
    write_results_csv(path, data)
    back = read_results_csv(path)
    for col in ("N", "D", "loss", "C"):
        np.testing.assert_array_equal(getattr(back, col), getattr(data, col))
    assert path.read_text().splitlines()[0] == "N,D,loss,C"


def test_csv_headers_and_epoch_columns(tmp_path):
    p = tmp_path / "lower.csv"
    p.write_text("n,D,LOSS\n1e6,2e7,4.5\n1e7,2e8,3.5\n")
    data = read_results_csv(p)
    assert data.N.tolist() == [1e6, 1e7] and not data.C_given
    p = tmp_path / "epoch.csv"
    p.write_text("x,Model Size,Training FLOP,loss\n1,1e8,6e17,3.1\n2,1e9,6e19,2.6\n")
    data = read_results_csv(p)
    assert data.C_given
    np.testing.assert_allclose(data.D, [1e9, 1e10])


@pytest.mark.parametrize(
    "text, message",
    [
        ("N,D\n1,2\n", "no 'loss' column"),
        ("loss,D\n1,2\n", "no 'N' column"),
        ("N,loss\n1,2\n", "no 'D'"),
        ("N,D,loss\n1e6,2e7,3.0\n-1e6,2e7,3.0\n", "line 3: N must be a positive number"),
        ("N,D,loss\n1e6,2e7,abc\n", "line 2: loss is 'abc', not a number"),
        ("N,D,loss\n1e6,,3\n", "line 2: D is empty"),
        ("", "is empty"),
    ],
)
def test_bad_csv_messages(tmp_path, text, message):
    p = tmp_path / "bad.csv"
    p.write_text(text)
    with pytest.raises(ScalingDataError, match=message) as info:
        read_results_csv(p)
    assert isinstance(info.value, ValueError) and isinstance(info.value, LmlabError)


def test_too_few_rows_and_missing_file(tmp_path, capsys):
    p = tmp_path / "two.csv"
    p.write_text("N,D,loss\n1e6,2e7,3.0\n1e7,2e8,2.5\n")
    with pytest.raises(ScalingDataError, match="2 data rows; at least 3"):
        read_results_csv(p, min_rows=3)
    # too few runs for approach 3: the report says why, and `lmlab fit` exits 1
    assert lmlab_main(["fit", str(p), "--json", "--bootstrap", "0"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["approach3"] is None and any("needs at least 6" in w for w in out["warnings"])
    with pytest.raises(ScalingDataError, match="does not exist"):
        read_results_csv(tmp_path / "nope.csv")


# -- the fit job and `lmlab fit` -----------------------------------------------------------------


def test_fit_job_and_cli(tmp_path, capsys):
    N, D, loss = synthetic_runs(n=40, seed=11)
    path = tmp_path / "runs.csv"
    write_results_csv(path, ScalingData.from_arrays(N=N, D=D, loss=loss))
    options = dict(n_boot=60, seed=1, drop_highest=2, budget=1e21, grid=SMALL_GRID)
    events = list(fit_table(read_results_csv(path), **options))
    fit = drain(fit_table(read_results_csv(path), **options))
    assert [e.stage for e in events if isinstance(e, FitStage)] == ["approach3", "bootstrap", "approach2", "laws"]
    boots = [(e.done, e.total) for e in events if isinstance(e, BootstrapProgress)]
    assert boots[0] == (0, 60) and boots[-1] == (60, 60) and len(boots) == 4  # in chunks of 25
    report = fit.to_dict()
    json.dumps(report)  # serialisable
    assert report["n_runs"] == 38 and report["dropped_highest"] == 2
    a3 = report["approach3"]
    assert a3["n_starts"] == 432 and a3["n_best"] >= 1
    assert set(a3["params"]) == {"E", "A", "B", "alpha", "beta"}
    assert a3["params"]["alpha"]["low"] <= a3["params"]["alpha"]["estimate"] <= a3["params"]["alpha"]["high"]
    assert report["compute_optimal"]["a"]["estimate"] == pytest.approx(
        a3["params"]["beta"]["estimate"] / (a3["params"]["alpha"]["estimate"] + a3["params"]["beta"]["estimate"])
    )
    assert report["budget"]["C"] == 1e21 and report["budget"]["N_opt"]["low"] is not None
    assert report["law_N"]["alpha"] > 0 and report["law_D"]["alpha"] > 0 and report["frontier"]["n_points"] >= 3

    assert lmlab_main(["fit", str(path), "--budget", "1e21", "--bootstrap", "20"]) == 0
    text = capsys.readouterr().out
    assert "Approach 3" in text and "At C = 1.00e21 FLOPs" in text and "L(N) = " in text
    assert lmlab_main(["fit", str(path), "--json", "--bootstrap", "0"]) == 0  # the full 4500-start grid
    out = json.loads(capsys.readouterr().out)
    assert out["approach3"]["n_starts"] == 4500
    assert out["bootstrap"] is None and out["approach3"]["params"]["E"]["low"] is None
    assert lmlab_main(["fit", str(tmp_path / "missing.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert lmlab_main(["fit", str(path), "--level", "1.5"]) == 2
    assert "between 0 and 1" in capsys.readouterr().err

