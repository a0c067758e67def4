"""What ``lmlab prepare`` and ``lmlab train`` print: bars in a terminal, plain lines when piped, JSON with --json."""

from __future__ import annotations

import io
import json
import re
import sys

from lmlab.cli import main
from lmlab.cli_printer import Printer
from lmlab.core.corpus import corpus_from_texts
from lmlab.core.dataset import prepare
from lmlab.core.engine import train
from tests.cli.test_cli import TINY
from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_progress_bars_with_rate_and_time_left(tmp_path):
    out = FakeTerminal()
    printer = Printer(stream=out)  # a TTY stream, found out as the real stdout would be
    assert printer.mode == "tty"
    data = printer.drive(prepare(corpus_from_texts([SAMPLE_TEXT * 200]), tmp_path / "data"))
    assert data.n_train > 0
    text = out.getvalue()
    assert re.search(r"Encoding: 100%\|.*\| \[\d+:\d\d<\d+:\d\d, .*%/s\]", text), text  # rate and time left
    run = make_prepared_run(tmp_path / "runs", tiny_config(max_steps=12, eval_every=6, log_every=2))
    for ev in train(run):
        printer.train_event(ev, run.path)
    text = out.getvalue()
    assert "\r" in text  # a bar redrawn in place, not a line per step
    assert re.search(r"Training: 100%\|.*\| 12/12 \[\d+:\d\d<\d+:\d\d, .*(step/s|s/step), loss=", text), text
    assert "eval @ 6: train" in text and "finished: Finished 12 steps." in text


def test_the_train_command_draws_bars_in_a_terminal(text_corpus_file, tmp_path, monkeypatch, capsys):
    out = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["train", "--corpus", str(text_corpus_file), "--steps", "6", "--runs-dir", str(tmp_path), *TINY]) == 0
    text = out.getvalue()
    assert "Reading:" in text and "Encoding: 100%" in text and "Training: 100%" in text and "6/6" in text
    assert "Run folder:" in text


def test_piped_output_is_plain_lines(text_corpus_file, tmp_path, capsys):
    assert main(["train", "--corpus", str(text_corpus_file), "--steps", "6", "--runs-dir", str(tmp_path), *TINY]) == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.out and "|" not in captured.out
    steps = [line for line in captured.out.splitlines() if line.startswith("step ")]
    assert len(steps) == 3 and "loss" in steps[0] and "left)" in steps[0]  # --log-every 2 of 6 steps
    assert "encoding" in captured.err and "reading" in captured.err  # preparation, on stderr
    assert main(["prepare", str(text_corpus_file), "--out", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert "\r" not in out and "characters" in out and "train / validation" in out


def test_json_is_one_object_per_event(text_corpus_file, tmp_path, capsys):
    assert main(["prepare", str(text_corpus_file), "--out", str(tmp_path / "p"), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["type"] for r in records} == {"progress", "prepared"}
    assert {r["stage"] for r in records if r["type"] == "progress"} == {"reading", "encoding"}
    assert main(["train", "--corpus", str(text_corpus_file), "--steps", "4", "--runs-dir", str(tmp_path / "r"),
                 "--json", *TINY]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    types = [r["type"] for r in records]
    assert types[0] == "created" and "progress" in types and "prepared" in types and types[-1] == "finished"
