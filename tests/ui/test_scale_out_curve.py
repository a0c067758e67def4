"""The app's "use N GPUs" trains the one-process curve: a run started from the window in 2 torchrun
processes (gloo, on the CPU: the session's process count is set as the GPU choice sets it) logs, step
by step, the losses that one process logs for the same run."""

from __future__ import annotations

import shutil

from lmlab.core.engine import Finished, train
from lmlab.core.runs import RunStore
from tests.distributed.equivalence import assert_same_losses, step_losses
from tests.ui.conftest import quick_config

TIMEOUT = 180_000


def test_use_two_gpus_gives_the_one_process_losses_step_by_step(make_window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    # 6 sequences x 2 micro-batches: each process trains 6 of the 12 sequences one process trains on.
    window = make_window(config=quick_config(max_steps=10, batch_size=6, grad_accum=2, device="cpu"))
    s = window.session
    s.set_processes(2)
    assert s.can_start()
    with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
        run = s.start()
        assert s.training.mode == "processes" and s.training.processes == 2  # torchrun, started here
    assert finished.args[0].status == "finished", finished.args[0]
    qtbot.waitUntil(lambda: not s.training.busy, timeout=30_000)
    assert "Traceback" not in (run.path / "processes.log").read_text(errors="replace")

    # the same run (its config and prepared tokens) trained in this one process
    one = RunStore(tmp_path / "one").create(run.read_config(), "one process")
    shutil.copytree(run.data_dir, one.data_dir)
    end = list(train(one))[-1]
    assert isinstance(end, Finished) and end.status == "finished", end
    expected = step_losses(one)
    assert sorted(expected) == list(range(1, 11))
    assert_same_losses(expected, step_losses(run))
