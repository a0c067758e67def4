"""Bad configurations and damaged run folders: a sentence on the command line, never a crash.

``lmlab train --config FILE`` with files that are not configs, wrong types, unknown keys,
impossible shapes, zero or negative steps; ``lmlab train --resume RUN`` on runs whose
config.json or data was edited by hand, damaged, or written by a newer lmlab. Diverging
learning rates are covered in tests/core/test_engine.py (test_nan_loss_stops_with_reason...).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from lmlab.cli import main
from lmlab.core.engine import train
from lmlab.core.loading import load_trained
from lmlab.core.runs import Run
from tests.conftest import make_prepared_run, tiny_config
from tests.faults._cli_output import assert_one_error_line

TINY = ["--preset", "tiny", "--layers", "1", "--heads", "2", "--width", "32", "--context", "32",
        "--batch-size", "4", "--lr-warmup", "0"]

# file name, contents -> words the one error line must hold
BAD_CONFIG_FILES = {
    "garbage TOML": ("bad.toml", b"[model\nn_layer = = 4\n", "not valid toml"),
    "garbage JSON": ("bad.json", b"{model: 4,,}", "not valid json"),
    "binary file": ("bad.toml", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not valid toml"),
    "wrong type": ("bad.toml", b'[model]\nn_layer = "four"\n', "model.n_layer should be int, not str"),
    "bool for int": ("bad.toml", b"[train]\nbatch_size = true\n", "train.batch_size should be int"),
    "float for int": ("bad.toml", b"[model]\nn_head = 2.5\n", "model.n_head should be int"),
    "unknown key": ("bad.toml", b"[model]\nlayers = 4\n", "Unknown setting 'layers'"),
    "unknown section": ("bad.toml", b"[optimiser]\nlr = 1e-3\n", "Unknown setting 'optimiser'"),
    "section not a table": ("bad.toml", b"model = 3\n", "[model] must be a table"),
    "newer lmlab": ("bad.toml", b"schema_version = 99\n", "newer lmlab"),
    "schema version not a number": ("bad.json", b'{"schema_version": "2"}', "newer lmlab"),
    "not a table at all": ("bad.json", b"[1, 2, 3]", "must be a table"),
    "impossible shape": ("bad.toml", b"[model]\nn_embd = 30\nn_head = 4\n", "divisible by the number of heads"),
    "zero layers": ("bad.toml", b"[model]\nn_layer = 0\n", "n_layer must be at least 1"),
    "context of one token": ("bad.toml", b"[model]\nblock_size = 1\n", "at least 2 tokens"),
    # (the CLI says "--steps must be at least 1." although the value came from the file)
    "zero steps": ("bad.toml", b"[train]\nmax_steps = 0\n", "at least 1"),
    "negative steps": ("bad.toml", b"[train]\nmax_steps = -10\n", "at least 1"),
    "NaN learning rate": ("bad.toml", b"[train]\nlearning_rate = nan\n", "learning rate must be a positive number"),
    "infinite learning rate": ("bad.toml", b"[train]\nlearning_rate = inf\n", "learning rate must be a positive number"),
    "negative batch": ("bad.toml", b"[train]\nbatch_size = -4\n", "batch size must be at least 1"),
    "unknown device": ("bad.toml", b'[train]\ndevice = "tpu"\n', "Device must be one of"),
    "corpus not a list of paths": ("bad.toml", b"corpus = 3\n", "list of file or folder paths"),
}


@pytest.mark.parametrize("kind", list(BAD_CONFIG_FILES))
def test_bad_config_file_is_one_error_line(tmp_path, capsys, kind):
    name, data, words = BAD_CONFIG_FILES[kind]
    cfg = tmp_path / name
    cfg.write_bytes(data)
    corpus = tmp_path / "small.txt"  # (were a bad config accepted, training would stay small)
    corpus.write_text("a small corpus\n" * 500, encoding="utf-8")
    code = main(["train", "--config", str(cfg), "--corpus", str(corpus), "--runs-dir", str(tmp_path / "runs")])
    assert code != 0
    err = capsys.readouterr().err
    assert_one_error_line(err, "")
    assert words.lower() in err.lower(), err
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())  # no half-made run


@pytest.mark.parametrize("what", ["missing", "a folder"])
def test_config_file_that_cannot_be_read(tmp_path, capsys, what):
    cfg = tmp_path / "conf.toml"
    if what == "a folder":
        cfg.mkdir()
    assert main(["train", "--config", str(cfg), "--runs-dir", str(tmp_path / "runs")]) != 0
    assert_one_error_line(capsys.readouterr().err, f"Cannot read the configuration file {cfg}")


@pytest.mark.parametrize(
    "args, words",
    [
        (["--steps", "0"], "--steps must be at least 1"),
        (["--steps", "-5"], "--steps must be at least 1"),
        (["--layers", "0"], "n_layer must be at least 1"),
        (["--heads", "3", "--width", "32"], "divisible by the number of heads"),
        (["--context", "1"], "at least 2 tokens"),
        (["--lr", "nan"], "positive number"),
        (["--lr", "-1"], "positive number"),
        (["--batch-size", "0"], "batch size must be at least 1"),
        (["--dropout", "1.5"], "Dropout must be between 0 and 1"),
        (["--token-budget", "-100"], "token budget cannot be negative"),
        (["--val-fraction", "0.9"], "validation share"),
    ],
)
def test_bad_options_are_one_error_line(tmp_path, capsys, args, words):
    assert main(["train", *TINY, *args, "--runs-dir", str(tmp_path / "runs")]) != 0
    assert_one_error_line(capsys.readouterr().err, words)


# -- --resume on damaged runs ----------------------------------------------------------------


@pytest.fixture(scope="module")
def _trained_template(tmp_path_factory) -> Run:
    run = make_prepared_run(tmp_path_factory.mktemp("template"), tiny_config(max_steps=4, checkpoint_every=2,
                                                                              eval_every=2))
    assert list(train(run))[-1].status == "finished"
    cfg = run.read_config()
    run.write_config(cfg.with_changes(train={"max_steps": 6}))  # something left to resume
    return run


@pytest.fixture
def trained_run(_trained_template, tmp_path) -> Run:
    """A fresh copy of a small trained run (two checkpoints), to damage."""
    dest = tmp_path / "runs" / _trained_template.id
    shutil.copytree(_trained_template.path, dest)
    return Run(dest)


def _edit_config(run: Run, fn) -> None:
    p = run.path / "config.json"
    raw = json.loads(p.read_text())
    fn(raw)
    p.write_text(json.dumps(raw))


def _set(section, key, value):
    return lambda raw: raw["config"][section].__setitem__(key, value)


DAMAGE = {
    "config.json garbage": (lambda run: (run.path / "config.json").write_bytes(b"{\x00\xff not json"), "not valid JSON"),
    "config.json empty": (lambda run: (run.path / "config.json").write_bytes(b""), "not valid JSON"),
    "config.json a list": (lambda run: (run.path / "config.json").write_text("[]"), "not an lmlab run configuration"),
    "config.json without config": (lambda run: (run.path / "config.json").write_text('{"schema_version": 1}'),
                                   "not an lmlab run configuration"),
    "config.json missing": (lambda run: (run.path / "config.json").unlink(), "not an lmlab run folder"),
    "run from a newer lmlab": (lambda run: _edit_config(run, lambda r: r.__setitem__("schema_version", 7)),
                               "newer lmlab"),
    "config from a newer lmlab": (lambda run: _edit_config(run, lambda r: r["config"].__setitem__("schema_version", 7)),
                                  "newer lmlab"),
    "wrong type": (lambda run: _edit_config(run, _set("model", "n_layer", "2")), "should be int, not str"),
    "null value": (lambda run: _edit_config(run, _set("train", "learning_rate", None)), "should be float"),
    "unknown key": (lambda run: _edit_config(run, _set("train", "turbo", True)), "Unknown setting 'turbo'"),
    "impossible shape": (lambda run: _edit_config(run, _set("model", "n_head", 3)), "divisible"),
    "zero steps": (lambda run: _edit_config(run, _set("train", "max_steps", 0)), "at least 1 step"),
    "data/meta.json missing": (lambda run: (run.data_dir / "meta.json").unlink(), "prepared data is missing or damaged"),
    "data/meta.json garbage": (lambda run: (run.data_dir / "meta.json").write_text("[1]"), "missing or damaged"),
    "data/meta.json odd dtype": (lambda run: _edit_meta(run, dtype="object"), "missing or damaged"),
    "data/train.bin missing": (lambda run: (run.data_dir / "train.bin").unlink(), "train.bin is missing"),
    "data/train.bin torn": (lambda run: _tear(run.data_dir / "train.bin"), "train.bin cannot be read or is damaged"),
    "tokenizer.json garbage": (lambda run: (run.data_dir / "tokenizer.json").write_text("{{{"), None),
    "state.json garbage": (lambda run: [(c.path / "state.json").write_text("nope") for c in run.checkpoints()],
                           "not valid JSON"),
    "model.safetensors garbage": (lambda run: [(c.model_file).write_bytes(b"\x00" * 64) for c in run.checkpoints()],
                                  "not a valid safetensors file"),
    "optim.safetensors missing": (lambda run: [(c.path / "optim.safetensors").unlink() for c in run.checkpoints()],
                                  "optim.safetensors is missing"),
    "checkpoint from another shape (layers)": (lambda run: _edit_config(run, _set("model", "n_layer", 3)),
                                               "does not match this model's shape"),
}


def _edit_meta(run: Run, **changes) -> None:
    p = run.data_dir / "meta.json"
    p.write_text(json.dumps(json.loads(p.read_text()) | changes))


def _tear(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2 * 2 - 1])  # not a whole number of uint16 tokens


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_resume_of_a_damaged_run_is_one_error_line(trained_run, capsys, kind):
    damage, words = DAMAGE[kind]
    damage(trained_run)
    capsys.readouterr()
    code = main(["train", "--resume", str(trained_run.path), "--runs-dir", str(trained_run.path.parent)])
    err = capsys.readouterr().err
    if words is None:  # training does not need the tokenizer: the resume may go through
        assert code == 0 or err.startswith("error:"), err
        return
    assert code != 0
    assert_one_error_line(err, words)


def test_resume_after_width_edit_is_one_line(trained_run, capsys):
    _edit_config(trained_run, _set("model", "n_embd", 64))
    assert main(["train", "--resume", str(trained_run.path), "--runs-dir", str(trained_run.path.parent)]) != 0
    assert_one_error_line(capsys.readouterr().err, "does not")


def test_load_trained_after_width_edit_is_one_sentence(trained_run):
    from lmlab.core.errors import RunStoreError

    _edit_config(trained_run, _set("model", "n_embd", 64))
    with pytest.raises(RunStoreError) as e:
        load_trained(trained_run)
    msg = str(e.value)
    assert "\n" not in msg and "32 in the checkpoint" in msg and "64 in the model" in msg, msg


@pytest.mark.parametrize("ref", ["no-such-run", "../elsewhere", "/nonexistent/run/folder"])
def test_resume_of_an_unknown_run_is_one_error_line(tmp_path, capsys, ref):
    assert main(["train", "--resume", ref, "--runs-dir", str(tmp_path / "runs")]) != 0
    assert_one_error_line(capsys.readouterr().err, "run")


def test_empty_run_folder_is_a_sentence_not_a_crash(tmp_path):
    from lmlab.core.runs import RunStore

    folder = tmp_path / "runs" / "20250101-000000-empty"
    folder.mkdir(parents=True)
    store = RunStore(tmp_path / "runs")
    assert store.runs() == []  # not listed
    run = Run(folder)
    assert run.summary()["status"] == "unknown" and run.read_metrics() == [] and run.latest_checkpoint() is None
    end = list(train(run))[-1]
    assert end.status == "failed" and "config.json is missing" in end.reason
    np.testing.assert_equal(run.checkpoints(), [])
