"""The app beyond one process: "use N GPUs" (a torchrun job it starts) and following a job elsewhere.

Real processes: the launched job is torchrun with 2 CPU processes (gloo). Only the GPU list
is faked (two "GPUs" so the panel offers the choice, and the device set to the CPU), because
this machine has none.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lmlab.core.derive import BatchSplit, batch_split
from lmlab.core.device import DeviceInfo
from lmlab.core.engine import StepMetrics
from lmlab.core.stopfile import stop_requested
from lmlab.ui.jobs import running_workers
from tests.conftest import make_prepared_run, tiny_config
from tests.ui.conftest import quick_config

TIMEOUT = 180_000


@pytest.fixture
def two_gpus(monkeypatch):
    from lmlab.ui.panels import training

    devices = [DeviceInfo("cuda", "Test GPU", 0), DeviceInfo("cuda", "Test GPU", 1), DeviceInfo("cpu", "CPU (1 thread)")]
    monkeypatch.setattr(training, "available_devices", lambda: devices)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")


def test_the_gpu_choice_shows_only_with_several_gpus(make_window):
    window = make_window()
    tp = window.training_panel
    assert tp.gpu_spin.isHidden() or not tp.gpu_spin.isVisibleTo(window)


def test_use_two_gpus_launches_torchrun_follows_it_live_and_stop_stops_every_rank(make_window, qtbot, two_gpus):
    window = make_window(config=quick_config(max_steps=100_000, eval_every=5, device="cpu"))
    s, tp = window.session, window.training_panel
    assert tp.gpu_spin.isVisibleTo(window) and tp.gpu_spin.maximum() == 2
    tp.batch_spin.setValue(3)
    tp.gpu_spin.setValue(2)
    assert s.processes == 2
    assert not tp.start_action.isEnabled()  # a batch of 3 cannot be shared by 2 GPUs: said at the field
    assert "multiple of 2" in tp.field_errors["batch_size"].text()
    tp.batch_spin.setValue(4)
    assert tp.start_action.isEnabled()

    tp.start_action.trigger()
    run = s.training.run
    assert s.training.mode == "processes" and s.training.processes == 2
    cfg = run.read_config()
    assert (cfg.train.batch_size, cfg.train.grad_accum) == (4, 1)  # the run keeps the user's global batch
    assert batch_split(4, 1, 2) == BatchSplit(2, 1)  # which each of the 2 processes takes half of
    qtbot.waitUntil(lambda: len(tp.loss_plot.buffer("train")) >= 3, timeout=TIMEOUT)  # live, from the folder
    assert s.training.phase == "running" and "2 processes" in tp.status_label.text()
    assert not tp.pause_action.isEnabled()  # other processes cannot wait for a pause here

    with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
        tp.stop_action.trigger()
    assert finished.args[0].status == "stopped", finished.args[0]
    qtbot.waitUntil(lambda: not s.training.busy, timeout=TIMEOUT)
    assert not running_workers()
    assert run.read_status()["status"] == "stopped" and run.latest_checkpoint() is not None
    assert not stop_requested(run)
    log = (run.path / "processes.log").read_text(errors="replace")
    assert "Traceback" not in log  # every rank stopped on the request, none crashed
    steps = tp.loss_plot.buffer("train")["step"]
    assert list(steps) == sorted(steps)


def test_following_a_job_elsewhere_stop_asks_it_and_closing_the_window_leaves_it_running(
    make_window, qtbot, tmp_path
):
    cfg = tiny_config(max_steps=100_000, eval_every=5, checkpoint_every=100_000, device="cpu", threads=1)
    run = make_prepared_run(tmp_path / "cluster", cfg)
    env = dict(os.environ, OMP_NUM_THREADS="1")
    with open(tmp_path / "job.log", "wb") as log:
        job = subprocess.Popen([sys.executable, "-m", "lmlab", "train", "--resume", str(run.path)], env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        window = make_window()
        s, tp = window.session, window.training_panel
        assert window.follow_action.isEnabled() and not window.detach_action.isEnabled()
        qtbot.waitUntil(lambda: run.read_status().get("status") == "running", timeout=TIMEOUT)
        assert window.follow_run(run.path)
        assert s.training.mode == "external" and window.detach_action.isEnabled()
        qtbot.waitUntil(lambda: len(tp.loss_plot.buffer("train")) >= 3, timeout=TIMEOUT)
        assert "following a job elsewhere" in tp.status_label.text()

        # detach: the window stops following; the job goes on
        window.detach_action.trigger()
        qtbot.waitUntil(lambda: not s.training.busy, timeout=30_000)
        assert job.poll() is None and not stop_requested(run)

        # follow again, then Stop: the request goes through the folder and the job stops itself
        assert window.follow_run(run.path)
        seen = []
        s.trainingEvent.connect(seen.append)
        qtbot.waitUntil(lambda: any(isinstance(e, StepMetrics) for e in seen), timeout=TIMEOUT)
        with qtbot.waitSignal(s.runFinished, timeout=TIMEOUT) as finished:
            tp.stop_action.trigger()
        assert finished.args[0].status == "stopped"
        assert job.wait(timeout=60) == 0
        qtbot.waitUntil(lambda: not s.training.busy, timeout=30_000)

        # a folder that is not a run gets a sentence, not a traceback
        notices = []
        s.notice.connect(lambda level, text: notices.append((level, text)))
        assert not window.follow_run(tmp_path)
        assert notices and notices[-1][0] == "error" and "not a run folder" in notices[-1][1]
    finally:
        job.kill()
        job.wait()


def test_closing_while_following_does_not_stop_the_job(make_window, qtbot, tmp_path):
    cfg = tiny_config(max_steps=100_000, eval_every=5, checkpoint_every=100_000, device="cpu", threads=1)
    run = make_prepared_run(tmp_path / "cluster", cfg)
    with open(tmp_path / "job.log", "wb") as log:
        job = subprocess.Popen([sys.executable, "-m", "lmlab", "train", "--resume", str(run.path)],
                               env=dict(os.environ, OMP_NUM_THREADS="1"), stdout=log, stderr=subprocess.STDOUT)
    try:
        window = make_window()
        qtbot.waitUntil(lambda: run.read_status().get("status") == "running", timeout=TIMEOUT)
        assert window.follow_run(run.path)
        assert window.close()  # no question: the run is not this window's to stop
        qtbot.waitUntil(lambda: not running_workers(), timeout=30_000)
        assert job.poll() is None and not stop_requested(run)
    finally:
        job.kill()
        job.wait()
