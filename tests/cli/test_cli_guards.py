"""`lmlab train --on-divergence rollback`: the policy reaches the run, and a roll-back is printed."""

from __future__ import annotations

import torch

from lmlab.cli import main
from lmlab.core import engine
from lmlab.core.runs import RunStore
from tests.cli.test_cli import TINY


def test_train_rolls_back_and_says_so(text_corpus_file, tmp_path, capsys, monkeypatch):
    original = engine._Trainer.train_step
    hit = []

    def train_step(self):  # the weights x30 before step 10, once (as tests/core/test_guards_health.py)
        if self.step == 9 and not hit:
            hit.append(10)
            with torch.no_grad():
                for p in self.model.parameters():
                    p.mul_(30)
        return original(self)

    monkeypatch.setattr(engine._Trainer, "train_step", train_step)
    runs = str(tmp_path / "runs")
    assert main(["train", "--corpus", str(text_corpus_file), "--steps", "14", "--runs-dir", runs,
                 "--on-divergence", "rollback", "--checkpoint-every", "4", *TINY]) == 0
    out = capsys.readouterr().out
    assert hit == [10]
    assert "rolled back to the checkpoint at step 8 and continues with the learning rate x0.5" in out
    assert "finished: Finished 14 steps." in out
    assert RunStore(runs).runs()[0].read_config().train.on_divergence == "rollback"
