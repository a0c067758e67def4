"""The run queue: runs waiting for the device, in order, kept on disk so that it survives a restart.

An entry is a run folder already created with its config, and what training it needs: the corpus
it is prepared from, whether it continues from its latest checkpoint, and how many processes train
it. A run of a scaling sweep also names its sweep and point, so that its result lands in the sweep.
The queue is one JSON file in the runs folder (``queue.json``, written atomically after every change).

    q = RunQueue.load(runs_root)               # a damaged file: an empty queue, and q.problem says why
    e = q.add(QueueEntry.for_run(run, corpus=("book.txt",)))
    q.move(e.id, -1); q.remove(e.id)           # reorder and remove waiting entries
    q.set_paused(True)                         # the running run finishes; nothing new starts
    head = q.next()                            # the first waiting entry (None when empty or paused)
    q.mark_running(head.id)                    # saved at once: if the app dies now, it comes back first
    q.finish(head.id)                          # it ended: gone from the queue
    q.requeue(head.id)                         # interrupted (the app closes): first again, to resume

Read back after a restart, an entry that was running comes back at the head with ``resume=True``
(it continues from its checkpoint), and a queue that still holds entries starts paused: the user
sees what waits and resumes it, rather than the app starting to train as it opens.

The queue is not thread-safe: one owner (the app's training controller) changes it.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .errors import LmlabError, RunStoreError
from .runs import Run, atomic_write_json, read_json

QUEUE_SCHEMA_VERSION = 1
QUEUE_FILE = "queue.json"


@dataclass(frozen=True)
class QueueEntry:
    """One run waiting for (or on) the device."""

    id: str  # unique within the queue
    run_path: str  # the run folder (config.json written; data prepared or not)
    name: str = ""  # what the queue view shows
    shape: str = ""  # "4L × 128d", for the queue view
    steps: int = 0  # planned optimizer steps, for the queue view
    corpus: tuple[str, ...] = ()  # files/folders the run is prepared from (empty: the embedded corpus)
    resume: bool = False  # continue from the latest checkpoint (a new run: False)
    processes: int = 1  # training processes (torchrun) for this run; 1 trains in the app's process
    sweep_path: str = ""  # the sweep this run is a point of ("" for a plain run)
    sweep_index: int = -1  # its point in the sweep's plan
    running: bool = False  # on the device now (saved, so that a crash brings it back first)

    @classmethod
    def for_run(cls, run: Run, *, corpus=(), resume: bool = False, processes: int = 1, sweep_path: str = "",
                sweep_index: int = -1) -> "QueueEntry":
        """An entry for ``run``, with its name, shape and steps read from its config."""
        cfg = run.read_config()
        m = cfg.model
        return cls(uuid.uuid4().hex[:12], str(run.path), cfg.name or run.id, f"{m.n_layer}L × {m.n_embd}d",
                   cfg.total_steps, tuple(str(c) for c in corpus), resume, max(1, int(processes)),
                   str(sweep_path), int(sweep_index))

    @property
    def run(self) -> Run:
        return Run(self.run_path)


_ENTRY_FIELDS = {f.name for f in fields(QueueEntry)}


def _entry_from_dict(d) -> QueueEntry:
    if not isinstance(d, dict) or not {"id", "run_path"} <= d.keys():
        raise ValueError("an entry without an id or a run folder")
    values = {k: v for k, v in d.items() if k in _ENTRY_FIELDS}
    values["corpus"] = tuple(str(c) for c in values.get("corpus", ()))
    e = QueueEntry(**values)
    if not (isinstance(e.id, str) and isinstance(e.run_path, str) and isinstance(e.processes, int)
            and isinstance(e.steps, int) and isinstance(e.sweep_index, int)):
        raise ValueError(f"an entry of the wrong types ({e.id!r})")
    return e


class RunQueue:
    """The ordered entries and the paused flag; every change is saved (see the module docstring)."""

    def __init__(self, path: Path | None = None, entries=(), paused: bool = False):
        self.path = path  # None: kept in memory only
        self._entries: list[QueueEntry] = list(entries)
        self.paused = paused
        self.problem = ""  # why the file could not be read back, one sentence ("" when it could)

    # -- reading -----------------------------------------------------------------------------------
    @classmethod
    def load(cls, runs_root: str | Path) -> "RunQueue":
        """The queue saved in ``runs_root`` (an empty one if there is none or it is damaged).

        A damaged file is moved aside to ``queue.json.damaged`` and ``problem`` says so.
        """
        path = Path(runs_root) / QUEUE_FILE
        q = cls(path)
        if not path.exists():
            return q
        try:
            raw = read_json(path)
            if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
                raise RunStoreError("{path} is damaged (not an lmlab run queue).", path=path)
            version = raw.get("schema_version", 1)
            if not isinstance(version, int) or version > QUEUE_SCHEMA_VERSION:
                raise RunStoreError("{path} was written by a newer lmlab (queue schema {version}).", path=path, version=version)
            try:
                entries = [_entry_from_dict(d) for d in raw["entries"]]
            except (TypeError, ValueError) as e:
                raise RunStoreError("{path} is damaged ({e}).", path=path, e=e) from None
        except LmlabError as e:
            aside = path.with_name(QUEUE_FILE + ".damaged")
            try:
                path.replace(aside)
                kept = f" It was kept as {aside.name}."
            except OSError:
                kept = ""
            q.problem = f"The run queue could not be read back: {e}{kept} The queue starts empty."
            return q
        # Interrupted runs first (to resume from their checkpoints), then the waiting ones in order.
        interrupted = [replace(e, running=False, resume=True) for e in entries if e.running]
        q._entries = interrupted + [e for e in entries if not e.running]
        q.paused = bool(q._entries) or bool(raw.get("paused", False))
        return q

    # -- what is in it -----------------------------------------------------------------------------
    @property
    def entries(self) -> tuple[QueueEntry, ...]:
        """Every entry: the running one (if any) first, then the waiting ones in order."""
        return tuple(self._entries)

    @property
    def waiting(self) -> tuple[QueueEntry, ...]:
        return tuple(e for e in self._entries if not e.running)

    @property
    def running(self) -> QueueEntry | None:
        return next((e for e in self._entries if e.running), None)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, entry_id: str) -> QueueEntry | None:
        return next((e for e in self._entries if e.id == entry_id), None)

    def next(self) -> QueueEntry | None:
        """The entry to train next: the first waiting one, unless the queue is paused or one runs."""
        if self.paused or self.running is not None:
            return None
        return next(iter(self.waiting), None)

    # -- changes (each saved) ------------------------------------------------------------------------
    def add(self, entry: QueueEntry) -> QueueEntry:
        if self.get(entry.id) is not None:
            entry = replace(entry, id=uuid.uuid4().hex[:12])
        self._entries.append(replace(entry, running=False))
        self.save()
        return self._entries[-1]

    def remove(self, entry_id: str) -> bool:
        """Take a waiting entry off the queue (the running one cannot be removed: stop it)."""
        e = self.get(entry_id)
        if e is None or e.running:
            return False
        self._entries.remove(e)
        self.save()
        return True

    def move(self, entry_id: str, delta: int) -> bool:
        """Move a waiting entry ``delta`` places (-1: up, towards the head) among the waiting ones.

        Example: waiting a, b, c; move(c, -1) -> a, c, b; move(a, -1) -> unchanged (False).
        """
        waiting = list(self.waiting)
        e = self.get(entry_id)
        if e is None or e.running:
            return False
        i = waiting.index(e)
        j = max(0, min(len(waiting) - 1, i + delta))
        if i == j:
            return False
        waiting.insert(j, waiting.pop(i))
        self._entries = [x for x in self._entries if x.running] + waiting
        self.save()
        return True

    def set_paused(self, paused: bool) -> None:
        if paused != self.paused:
            self.paused = paused
            self.save()

    def mark_running(self, entry_id: str) -> QueueEntry:
        """The entry goes on the device: first in the queue, flagged running (saved at once)."""
        e = self.get(entry_id)
        if e is None:
            raise KeyError(entry_id)
        started = replace(e, running=True)
        self._entries = [started] + [x for x in self._entries if x.id != entry_id]
        self.save()
        return started

    def finish(self, entry_id: str) -> None:
        """The entry's run ended (finished, stopped or failed): it leaves the queue."""
        self._entries = [x for x in self._entries if x.id != entry_id]
        self.save()

    def requeue(self, entry_id: str) -> None:
        """The running entry was interrupted: first among the waiting, to resume from its checkpoint."""
        e = self.get(entry_id)
        if e is None:
            return
        back = replace(e, running=False, resume=True)
        self._entries = [back] + [x for x in self._entries if x.id != entry_id]
        self.save()

    # -- writing -------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"schema_version": QUEUE_SCHEMA_VERSION, "paused": self.paused,
                "entries": [{**asdict(e), "corpus": list(e.corpus)} for e in self._entries]}

    def save(self) -> None:
        """Write ``queue.json`` atomically (raises RunStoreError with a sentence if it cannot)."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise RunStoreError("Cannot create {parent}: {reason}.", parent=self.path.parent, reason=e.strerror or e) from None
        atomic_write_json(self.path, self.to_dict())
