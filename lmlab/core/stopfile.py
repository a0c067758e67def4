"""Asking a training job to stop through its run folder (``stop-request``).

The engine looks for the file between steps (``StopFile``, at most once a second); under
torchrun every rank looks and they agree, so all ranks stop at the same step and rank 0 saves
a checkpoint. Whoever follows the run (the app, for a torchrun job it started or a job on a
cluster's shared folder) writes it with ``request_stop``. The engine removes the file when it
acts on it and when a run starts, so a stale request never stops a later attempt.
"""

from __future__ import annotations

import time

from .errors import RunStoreError
from .runs import Run, atomic_write_bytes

STOP_REQUEST_FILE = "stop-request"


def request_stop(run: Run) -> None:
    """Ask whatever trains ``run`` to stop after its current step (and save a checkpoint)."""
    atomic_write_bytes(run.path / STOP_REQUEST_FILE, f"{time.time():.3f}\n".encode())


def stop_requested(run: Run) -> bool:
    return (run.path / STOP_REQUEST_FILE).exists()


def clear_stop_request(run: Run) -> None:
    try:
        (run.path / STOP_REQUEST_FILE).unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        raise RunStoreError("Cannot remove {path}: {reason}.", path=run.path / STOP_REQUEST_FILE, reason=e.strerror or e) from None


class StopFile:
    """The engine's view of ``stop-request``: looked for at most once every ``every_s`` seconds."""

    def __init__(self, run: Run, every_s: float = 1.0):
        self.run, self.every_s = run, every_s
        self._next = 0.0

    def poll(self) -> bool:
        now = time.monotonic()
        if now < self._next:
            return False
        self._next = now + self.every_s
        try:
            return stop_requested(self.run)
        except OSError:
            return False  # a shared folder that hiccups must not stop a run
