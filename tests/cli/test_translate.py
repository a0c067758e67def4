"""``lmlab translate-train`` and ``lmlab translate`` on a real tiny run."""

from __future__ import annotations

import json

import pytest

from lmlab.cli import EXIT_ERROR, main
from lmlab.core.seq2seq.tasks import chinese_numeral


def test_train_a_translator_then_translate_greedy_and_beam(tmp_path, capsys):
    root = str(tmp_path / "runs")
    assert main(["translate-train", "--task", "zh-digits", "--pairs", "2000", "--steps", "150", "--layers", "1",
                 "--heads", "2", "--width", "48", "--context", "12", "--batch-size", "32", "--lr", "3e-3",
                 "--lr-warmup", "10", "--eval-every", "75", "--device", "cpu", "--name", "zh2d",
                 "--runs-dir", root]) == 0
    out = capsys.readouterr().out
    assert "train source: 1,800 sentences" in out and "val target: 200 sentences" in out
    assert "Vocabulary: " in out and "(char, shared by both sides)" in out
    last = [line for line in out.splitlines() if "BLEU" in line][-1]
    assert float(last.split("exact ")[1].split(" %")[0]) > 60  # far above chance
    n = 4321
    assert main(["translate", "zh2d", chinese_numeral(n), "--runs-dir", root]) == 0
    greedy = capsys.readouterr().out.strip()
    assert greedy.isdigit()
    assert main(["translate", "zh2d", chinese_numeral(n), "--beam", "3", "--json", "--runs-dir", root]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["beam"] == 3 and rec["step"] == 150 and rec["text"].isdigit() and rec["finished"]
    assert all(0 < t["prob"] <= 1 for t in rec["tokens"])
    assert main(["translate", "zh2d", "hello", "--runs-dir", root]) == EXIT_ERROR
    assert capsys.readouterr().err.strip() == "error: The model has never seen 'helo'; it cannot read this text."


def test_bad_pairs_are_one_sentence_and_no_run(tmp_path, capsys):
    data = tmp_path / "pairs.tsv"
    data.write_bytes(b"one\tun\ntw\xff\tdeux\n")
    assert main(["translate-train", "--data", str(data), "--steps", "5", "--runs-dir", str(tmp_path / "runs")]) \
        == EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())
    assert err == f"error: {data}, line 2: the text is not UTF-8 (byte 0xff); save the file as UTF-8."


def test_an_unknown_task_is_named(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["translate-train", "--task", "fr-en", "--runs-dir", str(tmp_path)])
    assert "unknown task 'fr-en'; choose one of digits-zh, digits-en, zh-digits" in capsys.readouterr().err
