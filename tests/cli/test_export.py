"""``lmlab export`` and ``lmlab sample --hf``: progress lines, the result, one-sentence errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lmlab.cli import main
from tests._interop import trained_runs

pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    return root, trained_runs(root)


def test_export_prints_progress_lines_then_the_folder_and_its_check(runs, tmp_path, capsys):
    root, by_kind = runs
    out = tmp_path / "hf"
    assert main(["export", by_kind["char"].id, str(out), "--runs-dir", str(root)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == str(out)
    assert "differ from lmlab's by at most" in captured.out
    progress = captured.err.splitlines()
    assert progress[0].endswith("Loading the checkpoint…") and progress[-1] == f"100.0% Exported to {out}."
    assert (out / "model.safetensors").is_file() and (out / "README.md").is_file()


def test_export_gguf_and_json_events(runs, tmp_path, capsys):
    root, by_kind = runs
    out = tmp_path / "gguf"
    assert main(["export", str(by_kind["bpe"].path), str(out), "--format", "gguf", "--json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events[0]["type"] == "export-progress" and events[-1]["type"] == "export-result"
    assert events[-1]["files"] == ["README.md", "model.gguf"] and events[-1]["format"] == "gguf"


@pytest.mark.parametrize("case", ["no-run", "taken", "bad-step", "gguf-char"])
def test_export_errors_are_one_sentence_and_exit_1(runs, tmp_path, capsys, case):
    root, by_kind = runs
    run = by_kind["char"].id
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    args = {"no-run": ["nope", str(tmp_path / "o")],
            "taken": [run, str(tmp_path / "taken")],
            "bad-step": [run, str(tmp_path / "o"), "--step", "7"],
            "gguf-char": [run, str(tmp_path / "o"), "--format", "gguf"]}[case]
    assert main(["export", *args, "--runs-dir", str(root)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(err) == 1 and "Traceback" not in err[0]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_sample_hf_of_an_export_equals_sampling_the_run(runs, tmp_path, capsys, kind):
    root, by_kind = runs
    out = tmp_path / "hf"
    assert main(["export", by_kind[kind].id, str(out), "--runs-dir", str(root)]) == 0
    capsys.readouterr()
    opts = ["--greedy", "--max-new-tokens", "20", "--prompt", "All:"]
    assert main(["sample", by_kind[kind].id, "--runs-dir", str(root), *opts]) == 0
    from_run = capsys.readouterr().out
    assert main(["sample", "--hf", str(out), *opts]) == 0
    assert capsys.readouterr().out == from_run and len(from_run) > len("All:\n")


def test_sample_hf_refuses_a_pickle_folder_in_one_line(tmp_path, capsys):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "gpt2"}))
    (tmp_path / "pytorch_model.bin").write_bytes(b"\x80\x04")
    assert main(["sample", "--hf", str(tmp_path)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pytorch_model.bin" in err[0] and "safetensors" in err[0]


def test_an_export_killed_half_way_leaves_no_output_folder(runs, tmp_path, capsys):
    import os
    import signal
    import subprocess
    import sys

    root, by_kind = runs
    out = tmp_path / "killed"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                                        os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-m", "lmlab", "export", by_kind["bpe"].id, str(out),
                             "--runs-dir", str(root)], stderr=subprocess.PIPE, text=True, env=env)
    try:
        for line in proc.stderr:  # kill it once the files are being written, before they are checked
            if "Writing the tokenizer" in line or "Loading the export back" in line:
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.wait(60)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()  # only the hidden staging folder is left beside it
    assert main(["sample", "--hf", str(out)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is not a folder" in err[0]
    assert main(["export", by_kind["bpe"].id, str(out), "--runs-dir", str(root)]) == 0
    assert (out / "model.safetensors").is_file()
