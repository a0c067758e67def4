"""`lmlab train --on-divergence rollback`: the policy reaches the run, and a roll-back is printed."""

from __future__ import annotations

from lmlab.cli import main
from lmlab.core.runs import RunStore
from tests.cli.test_cli import TINY
from tests.core.test_guards_health import inject


def test_train_rolls_back_and_says_so(text_corpus_file, tmp_path, capsys, monkeypatch):
    hit = inject(monkeypatch, 10)  # the weights x30 before step 10, once
    runs = str(tmp_path / "runs")
    assert main(["train", "--corpus", str(text_corpus_file), "--steps", "14", "--runs-dir", runs,
                 "--on-divergence", "rollback", "--checkpoint-every", "4", *TINY]) == 0
    out = capsys.readouterr().out
    assert hit == [10]
    assert "rolled back to the checkpoint at step 8 and continues with the learning rate x0.5" in out
    assert "finished: Finished 14 steps." in out
    assert RunStore(runs).runs()[0].read_config().train.on_divergence == "rollback"
