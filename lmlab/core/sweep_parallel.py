"""Running a sweep's points in parallel: as Ray tasks, or as local worker processes.

* ``run_sweep_ray(sweep, address)``: each pending point becomes a Ray task with its
  GPU requirement (``num_gpus=1`` when the cluster has GPUs), on a local Ray or an
  existing cluster (``address``). The sweep folder must be on storage every node
  sees (a cluster's shared file system). Ray is optional: ``pip install lmlab[ray]``.
* ``run_sweep_processes(sweep, slots)``: without Ray, ``slots`` points at a time as
  ``lmlab train --resume --json`` subprocesses; on a machine with several GPUs each process
  sees one GPU (``CUDA_VISIBLE_DEVICES``), so a sweep runs one run per GPU. A process's
  output is the engine's own events, one ``event_to_dict`` record a line, read back with
  ``event_from_dict`` and summarised as an in-process run is (``point_result``).

Both write the same sweep folder (``sweep.json``, ``runs/``) that ``run_sweep`` and
the Scaling panel read, and yield the same ``SweepProgress`` events.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator

from .corpus import Corpus
from .dataset import load_prepared
from .engine import train
from .errors import LmlabError
from .events import EvalMetrics, Event, Finished, event_from_dict
from .runs import Run, RunStoreError, parse_metrics_line
from .sweep import Sweep, SweepProgress, _link_data, point_config, prepare_sweep_data

WORKER_LOG = "sweep-worker.jsonl"  # a worker process's JSON events, in its run folder


def ensure_prepared(sweep: Sweep, corpus: Corpus | None = None) -> Iterator[SweepProgress]:
    """Tokenise the sweep's corpus into ``sweep/data`` once (yielding progress)."""
    yield from prepare_sweep_data(sweep, None, corpus)


def point_run(sweep: Sweep, i: int) -> Run:
    """The run of point ``i``: reopened if it exists (to resume), else created with the shared data."""
    st = sweep.states[i]
    if st.run_id:
        try:
            return sweep.runs.open(st.run_id)
        except RunStoreError:
            pass
    data = load_prepared(sweep.data_dir)
    cfg = point_config(sweep.base, sweep.points[i]).with_changes(model={"vocab_size": data.vocab_size})
    run = sweep.runs.create(cfg, sweep.points[i].name)
    _link_data(sweep.data_dir, run.data_dir)
    run.write_status("ready", step=0)
    st.run_id = run.id
    sweep.save()
    return run


def point_result(events: Iterable[Event | None], no_end: str = "The training ended without a result.") -> dict:
    """A point's outcome from its engine events: status, reason, best and final validation loss.

    ``None`` items (records that are no event) are skipped; without a ``Finished`` event the
    point failed, for the reason ``no_end``. Example: [EvalMetrics(val_loss=2.1, ...),
    Finished(status="finished", best_val_loss=2.1, ...)] -> {"status": "finished", "final_val_loss": 2.1, ...}
    """
    last_val, end = None, None
    for ev in events:
        if isinstance(ev, EvalMetrics):
            last_val = ev.val_loss
        elif isinstance(ev, Finished):
            end = ev
    if end is None:
        return {"status": "failed", "reason": no_end, "best_val_loss": None, "final_val_loss": None}
    return {"status": end.status, "reason": end.reason, "best_val_loss": end.best_val_loss,
            "final_val_loss": last_val if end.status == "finished" else None}


def train_point(run_path: str) -> dict:
    """Train one point's run to the end (in whatever process runs this) and summarise it."""
    t0 = time.perf_counter()
    result = point_result(train(Run(run_path)))
    return result | {"wall_time": time.perf_counter() - t0}


def process_result(log_path: str | os.PathLike[str], returncode: int, wall_time: float) -> dict:
    """The outcome of an ``lmlab train --json`` process from its output file (events, one a line).

    Lines that are no event (a warning on stderr, a torn last line) are skipped."""
    with open(log_path, encoding="utf-8", errors="replace") as f:
        records = (parse_metrics_line(line) for line in f)
        result = point_result((event_from_dict(r) for r in records if r is not None),
                              f"The training process ended with code {returncode}.")
    return result | {"wall_time": wall_time}


def _record(sweep: Sweep, i: int, result: dict) -> SweepProgress:
    st = sweep.states[i]
    st.status = result["status"]
    st.message = result["reason"]
    st.best_val_loss = result["best_val_loss"]
    st.final_val_loss = result["final_val_loss"]
    st.wall_time += result["wall_time"]
    sweep.save()
    done = sum(s.status in ("finished", "failed") for s in sweep.states)
    return SweepProgress(i, len(sweep.points), sweep.points[i].name, st.status, done / len(sweep.points), 1.0,
                         st.message)


def _pending(sweep: Sweep) -> list[int]:
    return [i for i, s in enumerate(sweep.states) if s.status not in ("finished", "failed")]


def _run_pool(sweep: Sweep, submit: Callable[[int, Run], object], wait_one: Callable[[list], tuple[object, dict]],
              slots: int) -> Iterator[SweepProgress]:
    """Keep ``slots`` points running; record each as it ends. ``submit`` starts one, ``wait_one`` returns
    (handle, result) of the next to finish."""
    n = len(sweep.points)
    queue = _pending(sweep)
    running: dict[object, int] = {}
    while queue or running:
        while queue and len(running) < slots:
            i = queue.pop(0)
            run = point_run(sweep, i)
            sweep.states[i].status = "running"
            sweep.save()
            running[submit(i, run)] = i
            yield SweepProgress(i, n, sweep.points[i].name, "started", 0.0, 0.0)
        handle, result = wait_one(list(running))
        yield _record(sweep, running.pop(handle), result)
    bad = [s for s in sweep.states if s.status not in ("finished", "failed")]
    yield SweepProgress(n - 1, n, "", "sweep-stopped" if bad else "sweep-finished", 1.0, 1.0,
                        "Sweep stopped; resume to continue." if bad else "Sweep finished.")


def run_sweep_ray(sweep: Sweep, address: str | None = None, corpus: Corpus | None = None,
                  gpus_per_run: float | None = None) -> Iterator[SweepProgress]:
    """Run the sweep's pending points as Ray tasks (locally, or on the cluster at ``address``)."""
    try:
        import ray
    except ImportError:
        raise LmlabError("The Ray backend needs Ray: pip install 'lmlab[ray]' (or use --backend local).") from None
    yield from ensure_prepared(sweep, corpus)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        if gpus_per_run is None:
            gpus_per_run = 1.0 if ray.cluster_resources().get("GPU", 0) >= 1 else 0.0
        task = ray.remote(num_gpus=gpus_per_run, max_retries=0)(train_point)
        slots = max(1, int(ray.cluster_resources().get("GPU", 0) // gpus_per_run) if gpus_per_run else
                    int(ray.cluster_resources().get("CPU", 1)))

        def submit(i: int, run: Run):
            return task.remote(str(run.path))

        def wait_one(handles: list):
            done, _ = ray.wait(handles, num_returns=1)
            try:
                return done[0], ray.get(done[0])
            except Exception as e:  # a task that crashed (a lost node, a killed worker)
                return done[0], point_result((), f"The Ray task failed: {e}") | {"wall_time": 0.0}

        yield from _run_pool(sweep, submit, wait_one, slots)
    finally:
        if started_here:
            ray.shutdown()


def run_sweep_processes(sweep: Sweep, slots: int | None = None, corpus: Corpus | None = None) -> Iterator[SweepProgress]:
    """Run ``slots`` points at a time as subprocesses; with several GPUs, one run per GPU."""
    import torch

    yield from ensure_prepared(sweep, corpus)
    gpus = torch.cuda.device_count()
    slots = slots or max(1, gpus)
    free = list(range(slots))
    procs: dict[subprocess.Popen, int] = {}
    logs: dict[subprocess.Popen, tuple[os.PathLike[str], float]] = {}  # output file, start time

    def submit(i: int, run: Run):
        slot = free.pop(0)
        env = dict(os.environ)
        if gpus:
            env["CUDA_VISIBLE_DEVICES"] = str(slot % gpus)
        # Events go to a file, not a pipe: a pipe nobody reads until the end would fill and block the child.
        with open(run.path / WORKER_LOG, "w", encoding="utf-8") as log:
            p = subprocess.Popen([sys.executable, "-m", "lmlab.cli", "train", "--resume", str(run.path), "--json"],
                                 stdout=log, stderr=subprocess.STDOUT, env=env)
        procs[p] = slot
        logs[p] = (run.path / WORKER_LOG, time.perf_counter())
        return p

    def wait_one(handles: list):
        while True:
            for p in handles:
                if p.poll() is not None:
                    free.append(procs.pop(p))
                    log, t0 = logs.pop(p)
                    return p, process_result(log, p.returncode, time.perf_counter() - t0)
            time.sleep(0.2)

    yield from _run_pool(sweep, submit, wait_one, slots)

