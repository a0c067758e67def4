"""A full disk or an unwritable folder stops the run with a sentence naming the path, and
never replaces a good checkpoint by a broken one.

ENOSPC is simulated by making one write raise ``OSError(ENOSPC)`` (after writing half,
where a file is involved). Permission denied uses a real read-only folder (chmod) when the
tests do not run as root; as root chmod does not stop writes, so those cases are skipped
and the same failure is covered by making the write raise ``PermissionError`` instead.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pathlib
import tempfile
from pathlib import Path

import numpy as np
import pytest

from lmlab.core import dataset, runs
from lmlab.core.corpus import corpus_from_texts
from lmlab.core.engine import Checkpointed, Control, Finished, StepMetrics, train
from lmlab.core.errors import RunStoreError
from lmlab.core.loading import load_trained
from lmlab.core.jobs.drive import drain
from lmlab.core.runs import Run, RunStore
from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config



def _chmod_binds() -> bool:
    """Whether a read-only folder stops this process's writes (not for root, unless it lacks CAP_DAC_OVERRIDE)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return True
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o555)
        try:
            Path(d, "probe").touch()
        except PermissionError:
            return True
        finally:
            os.chmod(d, 0o755)
    return False


IS_ROOT = not _chmod_binds()  # "root" here: a process that chmod cannot stop
CFG = dict(max_steps=20, checkpoint_every=5, eval_every=10, log_every=1)
NO_SPACE = os.strerror(errno.ENOSPC)


def enospc(path) -> OSError:
    return OSError(errno.ENOSPC, NO_SPACE, str(path))


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def dot_leftovers(run: Run) -> list[str]:
    return sorted(p.name for d in (run.path, run.checkpoints_dir) for p in d.iterdir() if p.name.startswith("."))


class _FullFile:
    """A file object whose writes fail as on a full disk (after the real file was opened)."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        raise enospc(self.f.name)

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


def fill_disk_on_open(monkeypatch, module, name_matches, nth: int = 1) -> None:
    """From the ``nth`` time ``module`` opens a file whose name matches for writing, its writes fail."""
    seen = {"n": 0}

    def fake_open(file, mode="r", *args, **kwargs):
        f = open(file, mode, *args, **kwargs)
        if any(c in mode for c in "wa") and name_matches(Path(file).name):
            seen["n"] += 1
            if seen["n"] >= nth:
                return _FullFile(f)
        return f

    monkeypatch.setattr(module, "open", fake_open, raising=False)


def fill_disk_in_save_file(monkeypatch, which: str, nth: int) -> None:
    """The ``nth`` write of ``which``.safetensors writes half the file, then the disk is full."""
    real = runs.save_file
    seen = {"n": 0}

    def save_file(tensors, filename, metadata=None):
        if Path(filename).name == f"{which}.safetensors":
            seen["n"] += 1
            if seen["n"] >= nth:
                real(tensors, filename, metadata=metadata)
                with open(filename, "r+b") as f:
                    f.truncate(os.path.getsize(filename) // 2)
                raise enospc(filename)
        real(tensors, filename, metadata=metadata)

    monkeypatch.setattr(runs, "save_file", save_file)


# where the disk fills up -> (how, the path the message must name)
FULL_DISK = {
    "model.safetensors": (lambda mp: fill_disk_in_save_file(mp, "model", 2), "checkpoints"),
    "optim.safetensors": (lambda mp: fill_disk_in_save_file(mp, "optim", 2), "checkpoints"),
    "state.json": (lambda mp: fill_disk_on_open(mp, runs, lambda n: n.startswith(".state.json.tmp"), 2),
                   "state.json"),
    "latest.json": (lambda mp: fill_disk_on_open(mp, runs, lambda n: n.startswith(".latest.json.tmp"), 2),
                    "latest.json"),
    "metrics.jsonl": (lambda mp: fill_disk_on_open(mp, runs, lambda n: n == "metrics.jsonl", 8), "metrics.jsonl"),
    "status.json": (lambda mp: fill_disk_on_open(mp, runs, lambda n: n.startswith(".status.json.tmp"), 2),
                    "status.json"),
}


@pytest.mark.parametrize("where", list(FULL_DISK))
def test_full_disk_fails_the_run_naming_the_path_and_keeps_the_good_checkpoint(tmp_path, monkeypatch, where):
    run = make_prepared_run(tmp_path, tiny_config(**CFG))
    fill, named = FULL_DISK[where]
    fill(monkeypatch)
    good: dict[int, dict] = {}
    events = []
    for ev in train(run):
        events.append(ev)
        if isinstance(ev, Checkpointed):
            good[ev.step] = fingerprint(Path(ev.path))
    end = events[-1]
    assert isinstance(end, Finished) and end.status == "failed"
    assert NO_SPACE in end.reason and named in end.reason and str(run.path) in end.reason, end.reason
    assert end.reason.startswith("Cannot write") and "\n" not in end.reason
    monkeypatch.undo()  # space is free again

    ck = run.latest_checkpoint()
    if where == "latest.json":  # the new checkpoint was complete and in place before latest.json failed
        assert ck.step == max(good) + 5
    else:
        assert ck is not None and ck.step == max(good)
        assert fingerprint(ck.path) == good[ck.step]  # untouched
    assert all(fingerprint(run.checkpoints_dir / f"step_{s:06d}") == fp for s, fp in good.items())
    assert load_trained(run).step == ck.step
    assert dot_leftovers(run) == []  # no temp folders or files left behind
    run.read_metrics()
    resumed = list(train(run))
    assert resumed[0].start_step == ck.step and resumed[-1].status == "finished", resumed[-1].reason


def test_full_disk_while_resaving_a_step_keeps_the_old_copy(tmp_path, monkeypatch):
    """Stop right after a resume re-saves the same step: a failed re-save leaves the first copy whole."""
    run = make_prepared_run(tmp_path, tiny_config(**CFG))
    control = Control()
    for ev in train(run, control):
        if isinstance(ev, StepMetrics) and ev.step == 10:
            control.stop()
    ck = run.latest_checkpoint()
    assert ck.step == 10
    before = fingerprint(ck.path)
    fill_disk_in_save_file(monkeypatch, "model", 1)
    control = Control()
    control.stop()  # stop before the first step: the engine saves step 10 again
    end = list(train(run, control))[-1]
    assert end.status == "failed" and NO_SPACE in end.reason and str(run.checkpoints_dir) in end.reason
    monkeypatch.undo()
    assert run.latest_checkpoint().path == ck.path and fingerprint(ck.path) == before
    assert load_trained(run).step == 10 and dot_leftovers(run) == []


def _checkpoint_folder_becomes_unwritable(run: Run, monkeypatch) -> None:
    if IS_ROOT:  # chmod does not bind root: make creating the checkpoint's temp folder fail instead
        real_mkdir = pathlib.Path.mkdir

        def mkdir(self, *args, **kwargs):
            if self.name.startswith(".tmp-step_"):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    else:
        os.chmod(run.checkpoints_dir, 0o555)


@pytest.mark.parametrize("real_chmod", [True, False], ids=["chmod", "simulated"])
def test_unwritable_checkpoint_folder_fails_the_run_naming_it(tmp_path, monkeypatch, real_chmod):
    if real_chmod and IS_ROOT:
        pytest.skip("running as root: chmod does not stop root's writes (the 'simulated' case covers it)")
    if not real_chmod:
        monkeypatch.setattr(f"{__name__}.IS_ROOT", True)
    run = make_prepared_run(tmp_path, tiny_config(**CFG))
    events = []
    try:
        for ev in train(run):
            events.append(ev)
            if isinstance(ev, Checkpointed) and ev.step == 5:
                _checkpoint_folder_becomes_unwritable(run, monkeypatch)
    finally:
        os.chmod(run.checkpoints_dir, 0o755)
    end = events[-1]
    assert end.status == "failed" and end.step == 10
    assert str(run.checkpoints_dir) in end.reason and os.strerror(errno.EACCES) in end.reason, end.reason
    monkeypatch.undo()
    assert run.latest_checkpoint().step == 5 and load_trained(run).step == 5 and dot_leftovers(run) == []


def test_full_disk_while_writing_tokens_names_the_file_and_leaves_no_temp_files(tmp_path, monkeypatch):
    class FullDiskArray(np.ndarray):
        def tofile(self, f, *args, **kwargs):
            raise enospc(f.name)

    real_encode = dataset.encode_array
    calls = {"n": 0}

    def encode_array(tok, text, dtype):
        calls["n"] += 1
        ids = real_encode(tok, text, dtype)
        return ids.view(FullDiskArray) if calls["n"] == 2 else ids

    monkeypatch.setattr(dataset, "encode_array", encode_array)
    texts = [SAMPLE_TEXT * 20, SAMPLE_TEXT * 20, SAMPLE_TEXT * 5]
    with pytest.raises(RunStoreError, match=NO_SPACE) as e:
        drain(dataset.prepare(corpus_from_texts(texts), tmp_path / "data"))
    assert str(tmp_path / "data") in str(e.value)
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["tokenizer.json"]  # no .bin, no temp


def test_unwritable_data_folder_is_a_sentence(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(RunStoreError, match=r"Cannot create .*a-file"):
        drain(dataset.prepare(corpus_from_texts([SAMPLE_TEXT]), blocker / "data"))


# -- the runs folder itself ------------------------------------------------------------------


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod does not stop root's writes (see the next test)")
def test_read_only_runs_folder_is_a_sentence(tmp_path):
    root = tmp_path / "runs"
    root.mkdir()
    os.chmod(root, 0o555)
    try:
        with pytest.raises(RunStoreError, match="not writable") as e:
            RunStore(root).create(tiny_config())
    finally:
        os.chmod(root, 0o755)
    assert str(root) in str(e.value)


def test_runs_folder_refusing_writes_is_a_sentence(tmp_path, monkeypatch):
    root = tmp_path / "runs"
    root.mkdir()
    monkeypatch.setattr(runs.os, "access", lambda path, mode: False)  # what a read-only folder reports
    with pytest.raises(RunStoreError, match=r"runs folder .* is not writable; choose another one\.") as e:
        RunStore(root).create(tiny_config())
    assert str(root) in str(e.value)
    monkeypatch.undo()

    real_mkdir = pathlib.Path.mkdir

    def mkdir(self, *args, **kwargs):  # the folder says yes to access() but refuses the write
        if self.parent == root:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    with pytest.raises(RunStoreError, match="Cannot create a run folder in .*Permission denied"):
        RunStore(root).create(tiny_config())


@pytest.mark.parametrize("kind", ["a file", "under a file"])
def test_runs_folder_that_cannot_be_a_folder_is_a_sentence(tmp_path, kind):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    root = blocker if kind == "a file" else blocker / "runs"
    with pytest.raises(RunStoreError) as e:
        RunStore(root).create(tiny_config())
    msg = str(e.value)
    assert str(root) in msg and msg.endswith(".") and "\n" not in msg
