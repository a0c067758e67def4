"""Benchmark: the modern recipe's options one at a time on the cpu shape (issue 18's ablation table).

    python bench/ablation.py --folder /tmp/ablation [--steps 2000] [--threads 1]

A sweep (``lmlab sweep``'s own machinery, ``plan_ablation``) of the cpu preset: the classic
recipe, each option of ``config.RECIPE_OPTIONS`` alone, and all of them (``modern``), each for
``--steps`` steps on the embedded corpus. Prints a Markdown table: final validation loss, its
change against classic, and the CPU seconds per 1,000 tokens of each run (this process's user +
system time, all threads: on a machine shared with other jobs the wall time grows with the load,
CPU time much less). A folder that already holds the sweep is resumed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from default_sweep import cpu_seconds  # bench/ is on the path when this script runs; it also adds the repo


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", required=True, help="sweep folder (resumed if it exists)")
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args(argv)

    from lmlab.core.config import MODERN, RECIPE_OPTIONS, preset
    from lmlab.core.engine import Control
    from lmlab.core.sweep import Sweep, SweepPoint, plan_ablation, run_sweep

    base = preset("cpu").with_changes(train={"threads": a.threads, "attention_snapshots": False})
    m = base.model
    point = SweepPoint("cpu", m.n_layer, m.n_head, m.n_embd, a.steps * base.tokens_per_step)
    folder = Path(a.folder)
    if (folder / "sweep.json").exists():
        sw = Sweep.open(folder)
    else:
        sw = Sweep.create(folder, base, plan_ablation([point], [*RECIPE_OPTIONS, MODERN]), name="ablation")
    cpu: dict[str, float] = {}
    t = cpu_seconds()
    for ev in run_sweep(sw, Control()):
        if ev.status == "started":
            t = cpu_seconds()
        elif ev.status in ("finished", "failed"):
            cpu[ev.name] = cpu_seconds() - t
            print(f"{ev.name}: {ev.status} {ev.message}", flush=True)
    rows = Sweep.open(folder).results()
    classic = next(r["final_val_loss"] for r in rows if r["option"] == "")
    print(f"\n{a.steps} steps, cpu shape (4x4x128, context 64, batch 12), threads {a.threads}\n")
    print("| option | val loss | vs classic | wall s | CPU s / 1k tokens |")
    print("|---|---|---|---|---|")
    for r in rows:
        loss = r["final_val_loss"]
        c = cpu.get(r["name"])
        per_k = "-" if c is None else f"{1000 * c / r['D']:.3f}"  # runs finished before a resume: not timed
        print(f"| {r['option'] or 'classic'} | {loss:.4f} | {loss - classic:+.4f} | {r['wall_time']:.0f} | {per_k} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
