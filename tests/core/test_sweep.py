"""Scaling sweeps (Qt-free): shapes for target sizes, plans, per-point schedules, and real tiny sweeps
that finish, stop and resume, and go on past a failed point."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lmlab.core import sweep as sweep_mod
from lmlab.core.config import check
from lmlab.core.corpus import corpus_from_texts
from lmlab.core.engine import Control, Finished, Started
from lmlab.core.errors import ConfigError, RunStoreError
from lmlab.core.model import model_size
from lmlab.core.scaling import read_results_csv
from lmlab.core.sweep import (
    Sweep,
    default_cpu_base,
    default_cpu_sweep,
    plan_isoflop,
    plan_sizes_by_tokens,
    point_config,
    run_sweep,
    shape_for_params,
)
from tests.conftest import SAMPLE_TEXT, tiny_config

# -- shapes and plans (arithmetic only) ------------------------------------------------------


@pytest.mark.parametrize("target", [1.5e4, 2e4, 5e4, 1e5, 1.2e5, 3e5, 7e5, 1e6, 3e6, 1e7, 5e7, 1e8])
def test_shape_for_params_hits_the_target(target):
    m = shape_for_params(target, vocab_size=81, block_size=64)
    n = model_size(m).non_embedding_params
    assert abs(n / target - 1) < 0.15, (m, n)
    assert m.n_embd % m.n_head == 0 and m.n_embd % 8 == 0
    check(tiny_config().with_changes(model={"n_layer": m.n_layer, "n_head": m.n_head, "n_embd": m.n_embd}))
    # a sensible aspect: neither a single huge layer nor a deep thread
    assert 8 <= m.n_embd / m.n_layer <= 128


def test_shape_for_params_examples_and_too_small():
    m = shape_for_params(100_000, 80, 64)
    assert (m.n_layer, m.n_embd, m.n_head) == (2, 64, 4)
    with pytest.raises(ConfigError, match="too small"):
        shape_for_params(500, 80, 64)


def test_sizes_by_tokens_is_every_size_on_every_budget():
    base = tiny_config()
    shapes = [shape_for_params(t, 81, 32) for t in (3e3, 1.2e4, 5e4)]
    points = plan_sizes_by_tokens(base, shapes, [1000, 4000])
    assert len(points) == 6
    assert {(p.n_embd, p.tokens) for p in points} == {(m.n_embd, d) for m in shapes for d in (1000, 4000)}
    assert len({p.name for p in points}) == 6 and all(p.budget == 0 for p in points)


def test_isoflop_plan_gives_d_equal_c_over_6n_and_skips_hopeless_points():
    base = tiny_config()  # 128 tokens per step
    shapes = [shape_for_params(t, 81, 32) for t in (3e3, 1.2e4, 5e4)]
    budgets = [1e9, 1e10]
    points = plan_isoflop(base, shapes, budgets)
    for p in points:
        n = model_size(p.model(base.model)).non_embedding_params
        assert p.tokens == int(p.budget / (6 * n))
        assert p.tokens >= 0.5 * n and p.tokens >= base.tokens_per_step
    # at 1e9 FLOPs the 50k model would see 1e9/(6*5e4) ~ 3.3k tokens < 0.5 N: left out
    assert len(points) == 5
    assert not any(p.budget == 1e9 and p.n_embd == shapes[2].n_embd for p in points)
    # a budget below one step for every size plans nothing, and an empty plan cannot become a sweep
    assert plan_isoflop(base, shapes, [1e3]) == []
    with pytest.raises(ConfigError, match="empty"):
        Sweep.create("unused", base, [])


@pytest.mark.parametrize("tokens", [128, 1000, 12_800, 1_280_000])
def test_point_config_schedule_fits_the_point(tokens):
    base = tiny_config(warmup_steps=100, eval_every=250, checkpoint_every=500)
    p = plan_sizes_by_tokens(base, [shape_for_params(1.2e4, 81, 32)], [tokens])[0]
    cfg = point_config(base, p)
    steps = math.ceil(tokens / base.tokens_per_step)
    assert cfg.total_steps == steps and cfg.train.token_budget == tokens
    assert cfg.train.warmup_steps <= max(1, steps // 10)
    assert 1 <= cfg.train.eval_every <= steps and 1 <= cfg.train.checkpoint_every <= steps
    assert (cfg.model.n_layer, cfg.model.n_embd) == (p.n_layer, p.n_embd)
    assert cfg.name == p.name
    check(cfg)


def test_default_cpu_sweep_is_five_sizes_on_several_budgets():
    base = default_cpu_base()
    shapes, tokens = default_cpu_sweep(base)
    assert len(shapes) == 5 and len(tokens) >= 2
    sizes = [model_size(m).non_embedding_params for m in shapes]
    assert sizes == sorted(sizes) and sizes[-1] / sizes[0] >= 10
    assert max(tokens) / min(tokens) >= 3
    assert not base.corpus and not base.train.attention_snapshots
    for p in plan_sizes_by_tokens(base, shapes, tokens):
        check(point_config(base, p))


# -- real tiny sweeps ----------------------------------------------------------------------------------


def tiny_base():
    return tiny_config(eval_every=10, checkpoint_every=4, eval_batches=2, log_every=2, warmup_steps=2,
                       attention_snapshots=False, threads=1)


def tiny_plan(base):
    shapes = [shape_for_params(t, 40, 32) for t in (3e3, 1.2e4)]
    return plan_sizes_by_tokens(base, shapes, [384, 768])  # 3 and 6 steps of 128 tokens


CORPUS = corpus_from_texts([SAMPLE_TEXT * 60])


def drive(sw, control=None, on=None):
    events = []
    for ev in run_sweep(sw, control or Control(), CORPUS):
        events.append(ev)
        if on:
            on(ev, control)
    return events


def test_tiny_sweep_runs_to_the_end_with_results_and_exports_csv(tmp_path):
    base = tiny_base()
    sw = Sweep.create(tmp_path / "sw", base, tiny_plan(base), name="tiny")
    events = drive(sw)
    assert events[0].status == "preparing"
    assert events[-1].status == "sweep-finished" and events[-1].fraction == 1.0
    assert [e.index for e in events if e.status == "finished"] == [0, 1, 2, 3]
    fractions = [e.fraction for e in events]
    assert fractions == sorted(fractions)  # the whole-sweep bar never goes back
    assert any(e.status == "running" and 0 < e.point_fraction < 1 for e in events)
    rows = Sweep.open(tmp_path / "sw").results()
    assert [r["status"] for r in rows] == ["finished"] * 4
    for r, p in zip(rows, sw.points):
        assert r["D"] == p.tokens and r["C"] == pytest.approx(6 * r["N"] * r["D"])
        assert 0 < r["N"] < r["N_total"]
        assert r["final_val_loss"] > 0 and r["best_val_loss"] <= r["final_val_loss"] + 1e-9
        assert r["wall_time"] > 0 and r["run_id"]
    # the four runs live in the sweep's own run store and share the prepared data (hard links)
    runs = sw.runs.runs()
    assert len(runs) == 4 and all((r.data_dir / "meta.json").exists() for r in runs)
    assert {r.read_status()["status"] for r in runs} == {"finished"}

    # the machine's speed, as the Scaling panel measures it: 6 N tokens/s of the largest finished run
    from lmlab.core.scaling.results import measured_throughput

    tp = measured_throughput(Sweep.open(tmp_path / "sw"))
    assert tp is not None and tp.N == max(r["N"] for r in rows)
    assert tp.flops_per_s == pytest.approx(6 * tp.N * tp.tokens_per_s) and tp.flops_to_hours(tp.hours_to_flops(2.0)) == pytest.approx(2.0)

    # export_csv -> lmlab.core.scaling's CSV import: the same numbers come back
    assert sw.export_csv(tmp_path / "results.csv") == 4
    data = read_results_csv(tmp_path / "results.csv")
    assert data.N.tolist() == [r["N"] for r in rows]
    assert data.D.tolist() == [r["D"] for r in rows]
    assert data.loss.tolist() == pytest.approx([r["final_val_loss"] for r in rows], rel=1e-12)
    assert data.C_given and data.C.tolist() == pytest.approx([6.0 * r["N"] * r["D"] for r in rows])


def test_stop_mid_sweep_then_open_and_resume(tmp_path):
    base = tiny_base()
    sw = Sweep.create(tmp_path / "sw", base, tiny_plan(base))
    control = Control()

    def stop_in_second_point(ev, c):
        if ev.index == 1 and ev.status == "running" and getattr(ev.event, "step", 0) >= 4:
            c.stop()

    first = drive(sw, control, stop_in_second_point)
    assert first[-1].status == "sweep-stopped"
    again = Sweep.open(tmp_path / "sw")
    assert [s.status for s in again.states] == ["finished", "stopped", "pending", "pending"]
    stopped_run = again.states[1].run_id

    second = drive(again)
    assert second[-1].status == "sweep-finished"
    started = [e.index for e in second if e.status == "started"]
    assert started == [1, 2, 3]  # the finished point is not run again
    resumed = [e.event for e in second if e.index == 1 and isinstance(e.event, Started)]
    assert resumed and resumed[0].start_step >= 4  # from its checkpoint, not from scratch
    assert not any(e.status == "preparing" for e in second)  # the corpus was prepared once
    final = Sweep.open(tmp_path / "sw")
    assert [s.status for s in final.states] == ["finished"] * 4
    assert final.states[1].run_id == stopped_run and len(final.runs.runs()) == 4


def test_one_point_at_a_time_as_the_app_queues_them(tmp_path):
    """``train_point``: the runs of a sweep queued one by one (runs created first, in plan order)."""
    base = tiny_base()
    sw = Sweep.create(tmp_path / "sw", base, tiny_plan(base))
    runs = [sw.run_for(i) for i in sw.unfinished()]  # what queuing the sweep does
    assert len(runs) == 4 and [s.run_id for s in Sweep.open(sw.path).states] == [r.id for r in runs]
    assert sw.run_for(2).path == runs[2].path  # a point keeps its run

    events = list(sweep_mod.train_point(Sweep.open(sw.path), 2, Control(), CORPUS))
    assert events[0].status == "preparing" and all(e.index == 2 for e in events)
    assert events[-1].status == "finished" and isinstance(events[-1].event, Finished)
    assert any(isinstance(e.event, Started) for e in events)
    after = Sweep.open(sw.path)
    assert [s.status for s in after.states] == ["pending", "pending", "finished", "pending"]
    assert after.states[2].run_id == runs[2].id and after.states[2].final_val_loss > 0
    assert after.unfinished() == [0, 1, 3]

    stopped = Control()
    stopped.stop()  # a stop before the point trains: it stays to do, and says so with a Finished
    events = list(sweep_mod.train_point(Sweep.open(sw.path), 0, stopped))
    assert events[-1].status == "stopped" and events[-1].event.status == "stopped"
    assert Sweep.open(sw.path).states[0].status in ("pending", "stopped")


def test_stop_while_preparing_and_pause(tmp_path):
    base = tiny_base()
    sw = Sweep.create(tmp_path / "sw", base, tiny_plan(base)[:1])
    control = Control()
    control.stop()
    events = drive(sw, control)
    assert events[-1].status == "sweep-stopped"
    assert [s.status for s in Sweep.open(tmp_path / "sw").states] == ["pending"]


def test_a_failed_point_is_marked_and_the_sweep_goes_on(tmp_path, monkeypatch):
    base = tiny_base()
    sw = Sweep.create(tmp_path / "sw", base, tiny_plan(base))
    real_train = sweep_mod.train
    doomed = sw.points[1].name

    def flaky_train(run, control=None, **kw):
        if run.read_config().name == doomed:
            yield Finished("failed", "The loss became nan at step 3: training diverged.", 3, None, 0.1)
            return
        yield from real_train(run, control, **kw)

    monkeypatch.setattr(sweep_mod, "train", flaky_train)
    events = drive(sw)
    assert [(e.index, e.status) for e in events if e.status in ("finished", "failed")] == [
        (0, "finished"), (1, "failed"), (2, "finished"), (3, "finished")]
    assert events[-1].status == "sweep-finished"
    rows = Sweep.open(tmp_path / "sw").results()
    assert rows[1]["status"] == "failed" and "diverged" in rows[1]["message"]
    assert rows[1]["final_val_loss"] is None
    # a failed point is not retried on resume; the export holds only finished points
    assert not any(e.status == "started" for e in drive(Sweep.open(tmp_path / "sw")))
    assert Sweep.open(tmp_path / "sw").export_csv(tmp_path / "r.csv") == 3


def test_open_refuses_a_newer_or_damaged_sweep(tmp_path):
    base = tiny_base()
    sw = Sweep.create(tmp_path / "sw", base, tiny_plan(base))
    with pytest.raises(RunStoreError, match="already holds a sweep"):
        Sweep.create(tmp_path / "sw", base, tiny_plan(base))
    raw = (tmp_path / "sw" / "sweep.json").read_text()
    (tmp_path / "sw" / "sweep.json").write_text(raw.replace('"schema_version": 1', '"schema_version": 99'))
    with pytest.raises(RunStoreError, match="newer lmlab"):
        Sweep.open(sw.path)


def test_fits_and_recommendation_without_qt():
    """The fit job (lmlab fit and the Scaling panel) on a known law: parameters, intervals, IsoFLOP vertices, a recommendation."""
    from lmlab.core.scaling import ScalingData
    from lmlab.core.jobs.fit import fit_table
    from lmlab.core.jobs.drive import drain
    from lmlab.core.scaling.results import parse_numbers, parse_shapes
    from lmlab.core.units import format_number

    assert parse_numbers("2e4, 50k 1.2M") == [2e4, 5e4, 1.2e6] and parse_shapes("2x64, 4×128") == [(2, 64), (4, 128)]
    assert (format_number(1.2345e18), format_number(86400), format_number(None)) == ("1.23e18", "86.4k", "–")
    with pytest.raises(ConfigError, match="'x' is not a number") as e:
        parse_numbers("1e5, x")
    assert e.value.template == "'{item}' is not a number (write e.g. 2e5, 200k or 1.5M)."  # translatable
    N, D, C = [], [], []
    for c in (1e17, 1e18, 1e19):
        for f in (0.25, 0.5, 1, 2, 4):
            n = f * (c / 120) ** 0.5
            N.append(n), D.append(c / (6 * n)), C.append(c)
    N, D = np.array(N), np.array(D)
    loss = 1.7 + 400 / N**0.34 + 410 / D**0.28
    fits = drain(fit_table(ScalingData.from_arrays(N=N, D=D, loss=loss, C=C), n_boot=20))
    assert fits.approach3.alpha == pytest.approx(0.34, abs=0.02) and fits.bootstrap.n_boot == 20
    assert fits.approach2 is not None and len(fits.approach2.parabolas) == 3
    assert fits.frontier is not None
    rec = fits.recommend(1e18)
    assert rec.source == "approach 3" and rec.N.low <= rec.N.estimate <= rec.N.high and not rec.warnings
    assert rec.D.estimate == pytest.approx(1e18 / (6 * rec.N.estimate))
    assert rec.N.estimate == pytest.approx((1e18 / 120) ** 0.5, rel=0.5)  # the law's optimum is near D = 20 N
    assert "extrapolates" in fits.recommend(1e21).warnings[0]  # 100x beyond the largest run
    # too few runs: no approach 3, a loud warning instead of an exception
    few = drain(fit_table(ScalingData.from_arrays(N=N[:4], D=D[:4], loss=loss[:4]), n_boot=0))
    assert few.approach3 is None and any("Only 4 finished runs" in w for w in few.warnings)
    assert few.recommend(1e18) is None


def test_an_ablation_axis_runs_each_option_and_reopens(tmp_path):
    base = tiny_base()
    plan = sweep_mod.plan_ablation(plan_sizes_by_tokens(base, [shape_for_params(3e3, 40, 32)], [384]), ["rope", "muon"])
    assert [p.option for p in plan] == ["", "rope", "muon"] and plan[1].name.endswith("+rope")
    sw = Sweep.create(tmp_path / "sw", base, plan)
    assert drive(sw)[-1].status == "sweep-finished"
    reopened = Sweep.open(tmp_path / "sw")
    assert [p.option for p in reopened.points] == ["", "rope", "muon"]
    configs = [r.read_config() for r in sorted(reopened.runs.runs(), key=lambda r: r.read_config().name)]
    assert [(c.model.rope, c.train.optimizer) for c in configs] == [(False, "adamw"), (False, "muon"), (True, "adamw")]
    rows = reopened.results()
    assert [r["option"] for r in rows] == ["", "rope", "muon"] and all(r["status"] == "finished" for r in rows)
    assert rows[1]["N_total"] < rows[0]["N_total"]  # rotary positions have no position table
    with pytest.raises(ConfigError, match="Unknown option"):
        Sweep.create(tmp_path / "bad", base, sweep_mod.plan_ablation(plan, ["nope"]))
