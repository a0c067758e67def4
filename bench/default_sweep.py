"""Benchmark: the "Default CPU sweep" of the Scaling panel, end to end on the embedded corpus.

    python bench/default_sweep.py [--threads 0] [--folder DIR] [--json out.json] [--csv out.csv]

Plans ``default_cpu_sweep(default_cpu_base())`` (five sizes × three token budgets), prepares
the embedded Shakespeare corpus once, runs every point through the engine with
``run_sweep`` and prints, per point and in total, the wall time and the CPU time of
this process (user + system, all threads). On a machine shared with other jobs the wall
time grows with the load while the CPU time of a 1-thread run stays close to what an
idle machine needs, so both are reported. Ends with the scaling-law fit of the results.

A sweep folder given with ``--folder`` that already holds the sweep is resumed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=0, help="torch threads per run (0: torch's default)")
    ap.add_argument("--folder", default="", help="sweep folder (default: a new temporary one)")
    ap.add_argument("--json", default="", help="also write the summary as JSON here")
    ap.add_argument("--csv", default="", help="also export the results CSV here")
    args = ap.parse_args(argv)

    import torch

    from lmlab.core.engine import Control
    from lmlab.cli_fit import format_report
    from lmlab.core.jobs.fit import fit_table
    from lmlab.core.jobs.drive import drain
    from lmlab.core.scaling import ScalingData
    from lmlab.core.sweep import (
        Sweep,
        default_cpu_base,
        default_cpu_sweep,
        plan_sizes_by_tokens,
        point_config,
        run_sweep,
    )

    base = default_cpu_base().with_changes(train={"threads": args.threads})
    shapes, tokens = default_cpu_sweep(base)
    points = plan_sizes_by_tokens(base, shapes, tokens)
    folder = Path(args.folder) if args.folder else Path(tempfile.mkdtemp(prefix="lmlab-sweep-bench-")) / "sweep"
    sweep = Sweep.open(folder) if (folder / "sweep.json").exists() else Sweep.create(folder, base, points)
    steps = sum(point_config(base, p).total_steps for p in sweep.points)
    print(f"{len(sweep.points)} runs, {sum(p.tokens for p in sweep.points):,} tokens, {steps:,} steps; "
          f"torch threads {args.threads or torch.get_num_threads()}; folder {folder}", flush=True)

    t0, c0 = time.perf_counter(), cpu_seconds()
    t_point, c_point = t0, c0
    per_point = []
    for ev in run_sweep(sweep, Control()):
        if ev.status == "preparing" and not per_point and ev.message.startswith("Reading"):
            print("preparing the corpus…", flush=True)
        if ev.status == "started":
            t_point, c_point = time.perf_counter(), cpu_seconds()
        if ev.status in ("finished", "failed", "stopped"):
            wall, cpu = time.perf_counter() - t_point, cpu_seconds() - c_point
            st = sweep.states[ev.index]
            per_point.append({"name": ev.name, "status": ev.status, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                              "final_val_loss": st.final_val_loss})
            print(f"  [{ev.index + 1:2d}/{ev.total}] {ev.name:<16} {ev.status:<8} wall {wall:7.1f} s  cpu {cpu:7.1f} s  "
                  f"val loss {st.final_val_loss if st.final_val_loss is not None else float('nan'):.4f}", flush=True)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    summary = {
        "runs": len(sweep.points),
        "finished": sum(s.status == "finished" for s in sweep.states),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "threads": args.threads or torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in load],
        "machine": f"{platform.machine()} {platform.processor() or platform.system()}",
        "torch": torch.__version__,
        "points": per_point,
    }
    print(f"total: wall {wall / 60:.1f} min, CPU {cpu / 60:.1f} min (load average {load[0]:.1f} on {os.cpu_count()} CPUs)")
    if args.csv:
        sweep.export_csv(args.csv)
    rows = [r for r in sweep.results() if r["status"] == "finished"]
    if len(rows) >= 6:
        data = ScalingData.from_arrays(N=[r["N"] for r in rows], D=[r["D"] for r in rows],
                                       loss=[r["final_val_loss"] for r in rows], source="default sweep")
        report = drain(fit_table(data, n_boot=200)).to_dict()
        print(format_report(report))
        summary["fit"] = {k: report["approach3"]["params"][k]["estimate"] for k in ("E", "A", "B", "alpha", "beta")}
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
