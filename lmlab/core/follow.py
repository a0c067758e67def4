"""Following a run that another process writes: a torchrun job started by the app, or a job elsewhere.

The run folder is the whole interface. The training processes append to ``metrics.jsonl`` and
rewrite ``status.json`` (rank 0 only, see ``engine``); whoever follows reads them, and asks
the job to stop by writing a ``stop-request`` file that the engine looks for between steps
(every rank looks, and they agree, so every rank stops at the same step and rank 0 saves a
checkpoint). That works for a job on this machine and for one on a cluster that writes to a
shared folder alike.

    proc = launch_processes(run, nproc=2)        # torchrun --standalone --nproc-per-node=2 ... train --resume RUN
    control = Control()
    for ev in follow(run, control, process=proc):  # StepMetrics, EvalMetrics, ..., RunStatus, Finished
        ...
    control.stop()                               # from another thread: request_stop(run), then wait

The app also trains a single run in one child process of its own (``launch_child``; the window then
never shares a process, and Python's lock, with torch's threads) and follows it the same way; Pause
reaches that process through the folder's ``pause-request`` (``follow`` keeps it as ``control`` says).

``follow`` yields the engine's own events rebuilt from the records (``event_from_dict``), plus
``RunStatus`` when ``status.json`` changes and ``Reloaded`` when the metrics file was rewritten
(a resumed run drops the lines after its checkpoint). Qt-free, like all of ``lmlab.core``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .engine import Control, Event, Finished, Started, event_from_dict
from .errors import LmlabError, RunStoreError
from .runs import Run, parse_metrics_line
from .stopfile import (
    PARENT_PID_ENV, PAUSE_REQUEST_FILE, clear_pause_request, clear_stop_request, request_pause, request_stop,
    stop_requested,
)

PROCESS_LOG_FILE = "processes.log"
TERMINAL = ("finished", "stopped", "failed")


# -- reading what the job writes ---------------------------------------------------------------


class MetricsTail:
    """Reads the records appended to a run's ``metrics.jsonl`` since the last call.

    A line without its newline yet (the writer is mid-line) waits for the next call; a damaged
    line is skipped, as ``Run.read_metrics`` does. When the file was replaced or shortened
    (a resume rewrites it), ``read_new`` starts again from the top and ``reloaded`` is True
    for that call.
    """

    def __init__(self, run: Run, offset: int = 0):
        self.path = run.metrics_path
        self._offset = max(0, int(offset))
        self._inode: int | None = None
        self._partial = b""
        self.reloaded = False

    def read_new(self) -> list[dict]:
        self.reloaded = False
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return []
        except OSError as e:
            raise RunStoreError("Cannot read {path}: {reason}.", path=self.path, reason=e.strerror or e) from None
        if self._inode is not None and (st.st_ino != self._inode or st.st_size < self._offset):
            self._offset, self._partial, self.reloaded = 0, b"", True
        self._inode = st.st_ino
        if st.st_size == self._offset:
            return []
        try:
            with open(self.path, "rb") as f:
                f.seek(self._offset)
                chunk = f.read(st.st_size - self._offset)
        except OSError as e:
            raise RunStoreError("Cannot read {path}: {reason}.", path=self.path, reason=e.strerror or e) from None
        self._offset += len(chunk)
        lines = (self._partial + chunk).split(b"\n")
        self._partial = lines.pop()  # b"" after a complete line
        return _parse(lines)

    def attempts_before(self) -> set[str]:
        """The attempts (``Started`` records' ``attempt``) before the offset this tail started at."""
        if self._offset == 0:
            return set()
        try:
            with open(self.path, "rb") as f:
                head = f.read(self._offset)
        except OSError:
            return set()
        return {a for a in map(_attempt, _parse(head.split(b"\n"))) if a is not None}


def _parse(lines: list[bytes]) -> list[dict]:
    records = (parse_metrics_line(line.decode("utf-8", errors="replace")) for line in lines)
    return [rec for rec in records if rec is not None]


def _attempt(rec: dict) -> str | None:
    """The attempt a ``Started`` record opens (the engine writes a new one each time); None for other records."""
    a = rec.get("attempt") if rec.get("type") == Started.type else None
    return a if isinstance(a, str) else None


@dataclass(frozen=True)
class RunStatus:
    """``status.json`` changed: what the job says of itself."""

    status: str
    step: int
    total_steps: int
    message: str
    type: str = "status"


@dataclass(frozen=True)
class Reloaded:
    """The metrics file was rewritten: forget the curves read so far (they follow again from the top)."""

    run_dir: str
    type: str = "reloaded"


def _status(run: Run) -> RunStatus:
    st = run.read_status()

    def num(key: str) -> int:
        v = st.get(key)
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0

    msg = st.get("message")
    return RunStatus(str(st.get("status", "unknown")), num("step"), num("total_steps"), msg if isinstance(msg, str) else "")


def follow(
    run: Run,
    control: Control | None = None,
    *,
    process: subprocess.Popen | None = None,
    poll_s: float = 0.5,
    stop_grace_s: float = 300.0,
    start_offset: int = 0,
    detached: Callable[[], bool] | None = None,
) -> Iterator[Event | RunStatus | Reloaded]:
    """Yield the events of a run written by another process until it ends (see the module doc).

    Without ``process`` (a job elsewhere) it ends at the run's ``Finished`` record (or soon, for a
    run that had already ended), or when
    ``control`` stops and the job has not answered within ``stop_grace_s`` (the job keeps its
    stop request). With ``process`` it ends when the process has exited: a process that exits
    without a ``Finished`` record ends in ``Finished("failed")`` quoting its log. A stop that
    the processes ignore for ``stop_grace_s`` is followed by SIGTERM, then SIGKILL.
    ``start_offset``: skip the records before this byte of ``metrics.jsonl`` (already shown).
    ``detached()`` returning True ends the following quietly (the job goes on).
    """
    control = control or Control()
    tail = MetricsTail(run, start_offset)
    seen = tail.attempts_before()  # the attempts whose records are history, not this following's
    last_status: RunStatus | None = None
    finished: Finished | None = None
    stop_sent_at: float | None = None
    terminated_at: float | None = None
    quiet_end = 0
    while True:
        records = tail.read_new()
        if tail.reloaded:  # a resume kept the history up to its checkpoint, then the new attempt starts
            yield Reloaded(str(run.path))  # the history is drawn again from the file, not from here
            # Its records from the new attempt's Started on: before the resume writes it, the file holds
            # only history, whose Finished (the stop that is being resumed) is not this attempt's end.
            first = next((i for i, a in enumerate(map(_attempt, records)) if a is not None and a not in seen), None)
            records = records[first:] if first is not None else []
        seen.update(a for a in map(_attempt, records) if a is not None)
        for rec in records:
            ev = event_from_dict(rec)
            if ev is None:
                continue
            if isinstance(ev, Finished):
                finished = ev
            yield ev
        st = _status(run)
        if st != last_status:
            last_status = st
            yield st
        exited = process is not None and process.poll() is not None
        if exited:
            _sync_pause(run, False)  # a request left for a process that is gone would pause the next attempt
            for rec in tail.read_new():  # what it wrote just before it ended
                ev = event_from_dict(rec)
                if ev is not None:
                    finished = ev if isinstance(ev, Finished) else finished
                    yield ev
            if finished is None:
                yield _process_failure(run, process, st)
            return
        if process is None:
            if finished is not None or (detached is not None and detached()):
                return
            # A run that has already ended (its Finished record was before start_offset): one
            # quiet poll after a final status, then stop following.
            quiet_end = quiet_end + 1 if st.status in TERMINAL and not records else 0
            if quiet_end >= 2:
                return
        if process is not None and finished is None and not control.stop_requested:
            _sync_pause(run, control.paused)
        if control.stop_requested and finished is None:
            now = time.monotonic()
            if stop_sent_at is None:
                stop_sent_at = now
                request_stop(run)
            # Again if the engine cleared it as stale when it started (it says "stopping" when it acts).
            if not stop_requested(run) and _status(run).status == "running":
                request_stop(run)
            if now - stop_sent_at > stop_grace_s:
                if process is None:
                    return  # a job elsewhere that does not answer: stop following it
                if terminated_at is None:
                    terminated_at = now
                    process.terminate()
                elif now - terminated_at > 30:
                    process.kill()
        if stop_sent_at is None:
            control.wait_for_stop(poll_s)  # wakes at once when the user presses Stop
        else:
            time.sleep(poll_s)


def _sync_pause(run: Run, paused: bool) -> None:
    """Keep the run folder's pause request as ``control`` says (again after the engine cleared a stale one)."""
    try:
        if paused != (run.path / PAUSE_REQUEST_FILE).exists():
            (request_pause if paused else clear_pause_request)(run)
    except (OSError, LmlabError):
        pass  # the next poll tries again


def _process_failure(run: Run, process: subprocess.Popen, st: RunStatus) -> Finished:
    log = run.path / PROCESS_LOG_FILE
    last = ""
    try:
        lines = [ln.strip() for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        errors = [ln for ln in lines if "error" in ln.lower()]
        last = (errors or lines or [""])[-1][:300]
    except OSError:
        pass
    reason = (f"The training processes ended (exit code {process.returncode}) before the run finished"
              + (f": {last}" if last else "") + f". Their output is in {log}; the last checkpoint is kept.")
    try:
        if st.status not in TERMINAL:
            run.write_status("failed", message=reason)
    except LmlabError:
        pass
    return Finished("failed", reason, st.step, None, 0.0)


# -- launching ---------------------------------------------------------------------------------


def process_command(run: Run, nproc: int) -> list[str]:
    """The command that trains ``run`` in ``nproc`` processes under torchrun on this machine.

    Installed: ``python -m torch.distributed.run --standalone --nproc-per-node=N -m lmlab train
    --resume RUN``. The desktop executable is its own Python (``lmlab.__main__`` understands
    ``-m torch.distributed.run`` and ``-m lmlab``).
    """
    return [
        sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={int(nproc)}",
        "-m", "lmlab", "train", "--resume", str(run.path),
    ]


def child_command(run: Run) -> list[str]:
    """The command that trains ``run`` in one process of its own: ``python -m lmlab train --resume RUN``
    (a run without a checkpoint starts from its first step)."""
    return [sys.executable, "-m", "lmlab", "train", "--resume", str(run.path)]


def launch_processes(run: Run, nproc: int, env: dict | None = None) -> subprocess.Popen:
    """Start ``process_command`` with its output in the run's ``processes.log``; returns the process."""
    if nproc < 1:
        raise LmlabError("The number of processes must be at least 1.")
    return _start(run, process_command(run, nproc), env)


def launch_child(run: Run, env: dict | None = None) -> subprocess.Popen:
    """Start ``child_command``, watching this process (``stopfile.PARENT_PID_ENV``: it stops, with a
    checkpoint, if this process dies), its output in the run's ``processes.log``; returns the process."""
    return _start(run, child_command(run), env, {PARENT_PID_ENV: str(os.getpid())})


def train_in_child(run: Run, control: Control) -> Iterator[Event | RunStatus | Reloaded]:
    """Train ``run`` (prepared) in a child process of its own and follow it: the engine's events, as
    ``engine.train`` yields them in this process, plus ``RunStatus`` and ``Reloaded``; ends with
    ``Finished`` (a child that cannot start, or dies, ends in ``Finished("failed")`` with a sentence).

    Closed early (a caller that stops at ``Finished``, or drops the job), it waits for the child to
    end, asking it to stop first if it was still training; never leaves it running unfollowed.
    """
    offset = metrics_size(run)  # before the child can write: what it writes is this attempt's
    try:
        proc = launch_child(run)
    except LmlabError as e:
        yield Finished("failed", str(e), 0, None, 0.0)
        return
    finished = False
    try:
        for ev in follow(run, control, process=proc, start_offset=offset, poll_s=0.5):
            finished = finished or isinstance(ev, Finished)
            yield ev
    finally:
        if proc.poll() is None:
            if not finished:
                request_stop(run)
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _start(run: Run, command: list[str], env: dict | None, extra_env: dict | None = None) -> subprocess.Popen:
    clear_stop_request(run)
    log_path = run.path / PROCESS_LOG_FILE
    try:
        log = open(log_path, "ab")
    except OSError as e:
        raise RunStoreError("Cannot write {log_path}: {reason}.", log_path=log_path, reason=e.strerror or e) from None
    full_env = dict(os.environ if env is None else env) | (extra_env or {})
    full_env.setdefault("PYTHONUNBUFFERED", "1")
    try:
        return subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=full_env, cwd=str(run.path),
        )
    except OSError as e:
        raise LmlabError("Could not start the training processes: {reason}.", reason=e.strerror or e) from None
    finally:
        log.close()


def metrics_size(run: Run) -> int:
    """Bytes in the run's ``metrics.jsonl`` now (0 if none): where a follower that has shown them starts."""
    try:
        return run.metrics_path.stat().st_size
    except OSError:
        return 0


def local_run_path(path: str | Path) -> Path:
    """A folder the user picked to follow: it must hold a run (its config.json)."""
    p = Path(path).expanduser()
    if not (p / "config.json").is_file():
        raise LmlabError("{p} is not a run folder: it has no config.json.", p=p)
    return p
