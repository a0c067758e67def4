"""The measured speed choice (``lmlab bench --choose``) applied by the engine when ``compile`` is "auto"."""

from __future__ import annotations

import json

import pytest

from lmlab.core import speed_choice
from lmlab.core.config import RunConfig, validate
from lmlab.core.device import resolve_device
from lmlab.core.engine import _Trainer
from lmlab.core.dataset import load_prepared
from tests.conftest import make_prepared_run, tiny_config

CPU = resolve_device("cpu")


def test_auto_uses_what_the_cache_says_and_on_or_off_win_over_it(tmp_path):
    path = tmp_path / "speed.json"
    cfg = tiny_config()
    assert cfg.train.compile == "auto"
    first = speed_choice.resolve(cfg, CPU, path)
    assert (first.compile, first.name, first.precision) == (False, "eager", "auto")
    assert "not measured" in first.why
    speed_choice.record(cfg, CPU, "compiled", "compiled: 1.30x eager's tokens/s", path)
    got = speed_choice.resolve(cfg, CPU, path)
    assert got.compile and got.name == "compiled" and "1.30x" in got.why
    assert not speed_choice.resolve(cfg.with_changes(train={"compile": "off"}), CPU, path).compile
    other_shape = cfg.with_changes(model={"n_layer": cfg.model.n_layer + 1})
    assert not speed_choice.resolve(other_shape, CPU, path).compile  # measured for another shape only
    speed_choice.record(cfg, CPU, "bf16", "bf16: 1.2x eager's tokens/s", path)
    got = speed_choice.resolve(cfg, CPU, path)
    assert (got.compile, got.precision) == (False, "bf16")
    assert speed_choice.resolve(cfg.with_changes(train={"precision": "fp32"}), CPU, path).precision == "fp32"
    assert speed_choice.resolve(cfg.with_changes(train={"compile": "on"}), CPU, path).compile


def test_a_broken_cache_means_unmeasured(tmp_path):
    path = tmp_path / "speed.json"
    path.write_text("{not json", encoding="utf-8")
    assert speed_choice.resolve(tiny_config(), CPU, path).name == "eager"
    path.write_text(json.dumps({speed_choice.speed_key(tiny_config(), CPU): {"choice": "warp"}}), encoding="utf-8")
    assert speed_choice.resolve(tiny_config(), CPU, path).name == "eager"


# torch.compile's own imports use torch.jit.script_method, deprecated in this torch: not lmlab's warning.
@pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning")
def test_the_engine_compiles_where_the_cache_says_so(tmp_path):
    run = make_prepared_run(tmp_path / "runs")
    cfg = run.read_config()
    data = load_prepared(run.data_dir)
    assert not _Trainer(run, cfg, data, CPU).speed.compile  # nothing measured (tests get an empty cache)
    speed_choice.record(cfg, CPU, "compiled", "compiled: 1.3x")  # the default cache file, as lmlab bench writes it
    tr = _Trainer(run, cfg, data, CPU)
    assert tr.speed.compile and tr.forward is not tr.model  # wrapped by torch.compile (compiles on first call)


def test_old_config_files_with_a_bool_compile_still_load():
    d = tiny_config().to_dict()
    for old, new in ((True, "on"), (False, "off")):
        d["train"]["compile"] = old
        assert RunConfig.from_dict(d).train.compile == new
    d["train"]["compile"] = "sometimes"
    assert [e.field for e in validate(RunConfig.from_dict(d))] == ["compile"]


@pytest.mark.parametrize("cores, threads", [(1, None), (2, 1), (4, 3), (16, None)])
def test_the_app_leaves_a_core_to_the_window_on_small_machines(cores, threads):
    import torch

    n, why = speed_choice.app_threads(cores)
    assert n == (threads or torch.get_num_threads()) and why


def test_the_command_line_takes_compile_alone_or_with_a_choice():
    from lmlab.cli import build_parser

    p = build_parser()
    assert p.parse_args(["bench", "--compile", "--layers", "2"]).compile == "on"  # the old flag still means on
    assert p.parse_args(["train", "--compile", "off"]).compile == "off"
    assert p.parse_args(["train"]).compile is None  # the config's own value (auto by default)
