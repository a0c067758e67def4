"""Asking a training job to stop or pause through its run folder (``stop-request``, ``pause-request``).

The engine looks for the files between steps (``StopFile``: the stop request at most once a
second, five times a second in the app's own child process; the pause request five times a second).
Under torchrun every rank looks for the stop request and they agree, so all ranks stop at the same
step and rank 0 saves a checkpoint.
Whoever follows the run (the app, for the training process it started, a torchrun job, or a job
on a cluster's shared folder) writes them with ``request_stop`` / ``request_pause``. The engine
removes the stop request when it acts on it and both when a run starts, so a stale request never
stops or pauses a later attempt.

Pausing through the folder is for a single training process (the app's own child process): the
ranks of a torchrun job would each wait at their own step, inside a collective operation that
times out, so the engine under torchrun does not look for it.

A training process the app started also watches the app (``PARENT_PID_ENV``): when the app is
gone (killed, crashed), the run stops at its next step and saves a checkpoint, instead of training
on unseen and unstoppable.
"""

from __future__ import annotations

import os
import sys
import time

from .errors import RunStoreError
from .runs import Run, atomic_write_bytes

STOP_REQUEST_FILE = "stop-request"
PAUSE_REQUEST_FILE = "pause-request"
PARENT_PID_ENV = "LMLAB_PARENT_PID"  # set by core.follow.launch_child: the process that follows this run


def _request(run: Run, name: str) -> None:
    atomic_write_bytes(run.path / name, f"{time.time():.3f}\n".encode())  # when it was asked, for people


def request_stop(run: Run) -> None:
    """Ask whatever trains ``run`` to stop after its current step (and save a checkpoint)."""
    _request(run, STOP_REQUEST_FILE)


def stop_requested(run: Run) -> bool:
    return (run.path / STOP_REQUEST_FILE).exists()


def request_pause(run: Run) -> None:
    """Ask the process that trains ``run`` to wait between two steps until ``clear_pause_request``."""
    _request(run, PAUSE_REQUEST_FILE)


def _remove(run: Run, name: str) -> None:
    try:
        (run.path / name).unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        raise RunStoreError("Cannot remove {path}: {reason}.", path=run.path / name, reason=e.strerror or e) from None


def clear_stop_request(run: Run) -> None:
    _remove(run, STOP_REQUEST_FILE)


def clear_pause_request(run: Run) -> None:
    _remove(run, PAUSE_REQUEST_FILE)


def _parent_pid() -> int | None:
    try:
        pid = int(os.environ.get(PARENT_PID_ENV, ""))
    except ValueError:
        return None
    # Only where a process whose parent died is handed to another (POSIX): Windows keeps the old number.
    return pid if pid > 0 and sys.platform != "win32" else None


class StopFile:
    """The engine's view of the run folder's requests and of the app that started it.

    ``poll()``: stop now (a stop request, looked for at most once every ``every_s`` seconds, or the
    parent process gone); once True it stays True. ``pause_requested()``: a pause request, looked
    for at most every ``pause_every_s`` seconds; always False with ``pausable=False`` (torchrun ranks).
    """

    def __init__(self, run: Run, every_s: float | None = None, *, pausable: bool = True, pause_every_s: float = 0.2):
        self.parent_pid = _parent_pid()
        # The app's child answers Stop as soon as Pause (a local folder); a job elsewhere may use a shared one.
        self.every_s = every_s if every_s is not None else (pause_every_s if self.parent_pid else 1.0)
        self.run, self.pausable, self.pause_every_s = run, pausable, pause_every_s
        self._next = self._next_pause = 0.0
        self._stop = self._paused = False

    def parent_gone(self) -> bool:
        return self.parent_pid is not None and os.getppid() != self.parent_pid

    def poll(self) -> bool:
        now = time.monotonic()
        if self._stop or now < self._next:
            return self._stop
        self._next = now + self.every_s
        try:
            self._stop = self.parent_gone() or stop_requested(self.run)
        except OSError:
            pass  # a shared folder that hiccups must not stop a run
        return self._stop

    def pause_requested(self) -> bool:
        if not self.pausable:
            return False
        now = time.monotonic()
        if now >= self._next_pause:
            self._next_pause = now + self.pause_every_s
            try:
                self._paused = (self.run.path / PAUSE_REQUEST_FILE).exists()
            except OSError:
                pass  # keep the last answer
        return self._paused

    def wait_while_paused(self, control) -> None:
        """Wait while ``control`` (this process) or the folder asks for a pause; a stop (either) ends it."""
        while (control.paused or self.pause_requested()) and not control.stop_requested:
            if self.poll():
                return
            control.wait_for_stop(0.05 if control.paused else self.pause_every_s)
