"""The command line: real commands on real (tiny) corpora, in-process through ``lmlab.cli.main``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lmlab.cli import main
from lmlab.core.runs import RunStore

TINY = ["--preset", "tiny", "--layers", "1", "--heads", "2", "--width", "32", "--context", "32",
        "--batch-size", "4", "--eval-every", "5", "--log-every", "2", "--lr-warmup", "2"]


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("prepare", "train", "sample", "runs", "bench"):
        assert cmd in out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("lmlab ")


def test_prepare_prints_statistics(text_corpus_file, tmp_path, capsys):
    assert main(["prepare", str(text_corpus_file), "--out", str(tmp_path / "p"), "--json"]) == 0
    rec = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert rec["type"] == "prepared" and rec["stats"]["documents"] == 1 and rec["n_train"] > rec["n_val"] > 0


def test_train_json_events_then_runs_and_sample(text_corpus_file, tmp_path, capsys):
    runs = str(tmp_path / "runs")
    code = main(["train", "--corpus", str(text_corpus_file), "--steps", "10", "--runs-dir", runs, "--json",
                 "--seed", "3", "--name", "cli-test", *TINY])
    assert code == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    types = [e["type"] for e in events]
    assert types[0] == "created" and "started" in types and types[-1] == "finished"
    assert events[-1]["status"] == "finished"
    assert [e["step"] for e in events if e["type"] == "step"] == [2, 4, 6, 8, 10]
    run = RunStore(runs).runs()[0]
    assert run.name == "cli-test" and run.latest_checkpoint().step == 10

    assert main(["runs", "--runs-dir", runs, "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed[0]["status"] == "finished" and listed[0]["step"] == 10

    assert main(["sample", run.id, "--runs-dir", runs, "--prompt", "First", "--max-new-tokens", "20",
                 "--seed", "1", "--json"]) == 0
    toks = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(toks) == 20 and all(0 < t["prob"] <= 1 for t in toks)


def test_resume_continues_a_stopped_run(text_corpus_file, tmp_path, capsys):
    from lmlab.core.engine import Control, StepMetrics, train

    runs = str(tmp_path / "runs")
    assert main(["train", "--corpus", str(text_corpus_file), "--steps", "12", "--runs-dir", runs, *TINY]) == 0
    run = RunStore(runs).runs()[0]
    # make it a stopped run at step 12 of 20 by raising its step budget
    cfg = run.read_config()
    run.write_config(cfg.with_changes(train={"max_steps": 20}))
    capsys.readouterr()
    assert main(["train", "--resume", run.id, "--runs-dir", runs]) == 0
    out = capsys.readouterr().out
    assert "resuming at step 12" in out and "finished: Finished 20 steps." in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["train", "--width", "30", "--heads", "4"], "divisible by the number of heads"),
        (["train", "--steps", "0"], "--steps must be at least 1"),
        (["train", "--preset", "huge"], "Unknown preset"),
        (["train", "--corpus", "/nonexistent/file.txt"], "no such file"),
        (["train", "--resume", "nope"], "No run called"),
        (["sample", "nope"], "No run called"),
        (["runs", "delete", "nope"], "No run called"),
    ],
)
def test_errors_are_one_line_without_traceback(args, message, tmp_path, capsys):
    code = main([*args, "--runs-dir", str(tmp_path / "r")] if args[0] != "runs" else [*args, "--runs-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_bad_config_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model]\nn_layer = 'four'\n", encoding="utf-8")
    assert main(["train", "--config", str(bad), "--runs-dir", str(tmp_path)]) != 0
    assert "n_layer should be int" in capsys.readouterr().err
    bad.write_text("[model]\nlayers = 4\n", encoding="utf-8")
    assert main(["train", "--config", str(bad), "--runs-dir", str(tmp_path)]) != 0
    assert "Unknown setting 'layers'" in capsys.readouterr().err


def test_toml_config_is_used(tmp_path, text_corpus_file, capsys):
    cfg = tmp_path / "run.toml"
    cfg.write_text(
        f'name = "from toml"\ncorpus = ["{text_corpus_file}"]\n[model]\nn_layer = 1\nn_head = 1\nn_embd = 16\n'
        'block_size = 16\n[train]\nmax_steps = 3\nbatch_size = 2\nwarmup_steps = 1\nlog_every = 1\n',
        encoding="utf-8",
    )
    assert main(["train", "--config", str(cfg), "--runs-dir", str(tmp_path / "r"), "--json"]) == 0
    run = RunStore(tmp_path / "r").runs()[0]
    assert run.name == "from toml" and run.read_config().model.n_embd == 16


def test_bench_prints_one_json_line(text_corpus_file, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the measured matmul peak is cached there
    assert main(["bench", "--corpus", str(text_corpus_file), "--steps", "3", "--warmup", "1", *TINY]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["tokens_per_s"] > 0 and rec["shape"]["n_layer"] == 1 and rec["steps"] == 3
    # MFU: model FLOPs per token x tokens/s / the CPU's measured matmul peak
    assert rec["peak_source"].startswith("measured:") and rec["peak_flops_per_s"] > 1e8
    assert rec["mfu"] == pytest.approx(rec["flops_per_token"] * rec["tokens_per_s"] / rec["peak_flops_per_s"])
    assert 0 < rec["mfu"] < 1
    assert main(["bench", "--corpus", str(text_corpus_file), "--steps", "2", "--warmup", "0", *TINY]) == 0
    assert json.loads(capsys.readouterr().out)["peak_source"].endswith("(cached)")


def test_entry_point_runs_as_a_module():
    out = subprocess.run([sys.executable, "-m", "lmlab.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("lmlab ")


# torch.compile's own imports use torch.jit.script_method, deprecated in this torch: not lmlab's warning.
@pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning")
def test_bench_choose_measures_each_way_interleaved_and_says_why(text_corpus_file, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["bench", "--corpus", str(text_corpus_file), "--steps", "3", "--warmup", "1", "--choose",
                 "--repeat", "2", *TINY]) == 0
    rec = json.loads(capsys.readouterr().out)
    choice = rec["speed_choice"]
    assert {"eager", "compiled"} <= set(choice["candidates"]) and choice["choice"] in choice["candidates"]
    assert all(len(c["tokens_per_s"]) == 2 for c in choice["candidates"].values())
    assert choice["why"].startswith(choice["choice"]) and rec["compile"] == (choice["choice"] == "compiled")
    assert choice["candidates"]["compiled"]["compile_s"][0] > 0  # the first compilation, timed apart from the steps


def test_sweep_create_ablate_adds_each_option_to_every_point(tmp_path, capsys):
    from lmlab.core.sweep import Sweep

    assert main(["sweep", "create", str(tmp_path / "sw"), "--sizes", "2e4", "--tokens", "6e4,1.2e5",
                 "--ablate", "rope, muon"]) == 0
    assert [p.option for p in Sweep.open(tmp_path / "sw").points] == ["", "rope", "muon"] * 2
    assert main(["sweep", "create", str(tmp_path / "bad"), "--sizes", "2e4", "--tokens", "6e4", "--ablate", "x"]) != 0
    assert "Unknown option 'x'" in capsys.readouterr().err
