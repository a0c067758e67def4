"""``lmlab classify-new`` and ``lmlab classify`` on real tiny runs."""

from __future__ import annotations

import csv

from lmlab.cli import EXIT_ERROR, main
from lmlab.core.runs import RunStore
from tests.core.test_classify import toy_csv


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_create_train_and_classify_a_file(tmp_path, capsys):
    root = tmp_path / "runs"
    data = toy_csv(tmp_path / "toy.csv")
    assert main(["classify-new", "--data", str(data), "--runs-dir", str(root), "--name", "toy", "--steps", "60",
                 "--lr", "3e-3", "--batch-size", "16", "--device", "cpu"]) == 0
    out = capsys.readouterr().out
    assert "120 examples: calm 80, grim 40" in out and "accuracy 1.000" in out
    assert "(always the commonest label: 0.6" in out
    texts = tmp_path / "new.txt"
    texts.write_text("die famish all rather die\nhear speak any before proceed\n", encoding="utf-8")
    assert main(["classify", "toy", str(texts), "--runs-dir", str(root)]) == 0
    assert "Wrote 2 predictions to" in capsys.readouterr().out
    rows = read_csv(tmp_path / "new.predictions.csv")
    assert [r["predicted"] for r in rows] == ["grim", "calm"] and set(rows[0]) >= {"probability", "p(calm)"}
    # a labelled file: the CSV says which were right, the line how many
    assert main(["classify", "toy", str(data), "--runs-dir", str(root), "--out", str(tmp_path / "p.csv")]) == 0
    assert "120 of 120 right" in capsys.readouterr().out
    assert all(r["right"] == "True" for r in read_csv(tmp_path / "p.csv"))


def test_bad_labelled_data_is_one_sentence_and_makes_no_run(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("words,label\na,x\n", encoding="utf-8")
    root = tmp_path / "runs"
    assert main(["classify-new", "--data", str(bad), "--runs-dir", str(root)]) == EXIT_ERROR
    assert capsys.readouterr().err.strip() == (f"error: {bad}, line 1: no column 'text'; the columns are "
                                               "'words', 'label'.")
    assert not RunStore(root).runs()
