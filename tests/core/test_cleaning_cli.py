"""``lmlab prepare --clean`` and ``lmlab train --clean``: the cleaning is applied and recorded in the run."""

from __future__ import annotations

import json

from lmlab.cli import EXIT_ERROR, main
from lmlab.core.dataset import load_prepared
from lmlab.core.runs import RunStore

TINY = ["--preset", "tiny", "--layers", "1", "--width", "16", "--heads", "2", "--context", "16", "--batch-size", "2",
        "--device", "cpu", "--threads", "1"]


def _pages(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    page = "".join(f"<p>Line {i} of a page that repeats.</p>\n" for i in range(40))
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(page)
    (folder / "d.txt").write_text(page.replace("repeats", "stands alone"))
    return folder


def test_prepare_clean_removes_markup_and_duplicates(tmp_path, capsys):
    folder = _pages(tmp_path)
    args = ["prepare", str(folder), "--runs-dir", str(tmp_path / "runs"), "--json"]
    assert main([*args, "--out", str(tmp_path / "raw")]) == 0
    raw = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main([*args, "--out", str(tmp_path / "clean"), "--clean", "HTML, dedup"]) == 0
    clean = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert raw["stats"]["documents"] == 4 and clean["stats"]["documents"] == 2
    assert clean["stats"]["characters"] < raw["stats"]["characters"] // 2
    assert "<" not in load_prepared(tmp_path / "clean").tokenizer().chars


def test_prepare_refuses_an_unknown_cleaning(tmp_path, capsys):
    assert main(["prepare", str(_pages(tmp_path)), "--clean", "nfkc,sparkle", "--out", str(tmp_path / "o")]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "Unknown cleaning 'sparkle'" in err and "near-dedup" in err


def test_train_records_the_cleaning_in_the_run_config(tmp_path, capsys):
    runs = str(tmp_path / "runs")
    assert main(["train", "--corpus", str(_pages(tmp_path)), "--steps", "2", "--runs-dir", runs, "--json",
                 "--clean", "html,whitespace,dedup,near-dedup=0.8", *TINY]) == 0
    run = RunStore(runs).runs()[0]
    assert run.read_config().data.clean == "whitespace,html,dedup,near-dedup=0.8"
    cfg = json.loads((run.path / "config.json").read_text())
    assert cfg["config"]["data"]["clean"] == "whitespace,html,dedup,near-dedup=0.8"
    data = load_prepared(run.data_dir)
    assert "<" not in data.tokenizer().chars
