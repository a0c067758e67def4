"""docs/benchmarks.md, text classification: an encoder from scratch against a head fine-tuned from a
pretrained Shakespeare run, on the embedded genres of the plays (whole plays held out), same budget.

1. Pretrain a ``small``-preset language model on the default corpus (``--pretrain-steps``; the
   preset's 2000, or fewer on a slow machine: say so), or reuse one of that name in ``--runs-dir``.
2. Train, on the same passages, split and number of steps and batch (``--steps``, the preset's batch):
   (a) an encoder of the same shape from scratch (the preset's learning rate);
   (b) a classifier on the pretrained body, every layer trained (a tenth of the preset's rate, the
       fine-tuning default); (c) the same with the body frozen (only the head learns: a linear probe).
3. Print one Markdown row each: accuracy, macro-F1, the majority baseline, the time taken.

    python bench/bench_classify.py --runs-dir /tmp/clf-bench --pretrain-steps 2000 --steps 600
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from lmlab.core.config import preset  # noqa: E402
from lmlab.core.engine import EvalMetrics, train  # noqa: E402
from lmlab.core.jobs.classify import LabelSource, create_classifier  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402


def pretrained(store: RunStore, steps: int):
    name = f"small-shakespeare-{steps}"
    for run in store.runs():
        if run.name == name and run.read_status().get("status") == "finished":
            return run
    cfg = preset("small").with_changes(train={"max_steps": steps, "checkpoint_every": steps, "device": "cpu"})
    run = store.create(cfg, name)
    drain(prepare_run(run))
    t0 = time.perf_counter()
    for ev in train(run):
        if isinstance(ev, EvalMetrics):
            print(f"  pretraining step {ev.step}: val loss {ev.val_loss:.3f} ({time.perf_counter() - t0:.0f} s)",
                  flush=True)
    return run


def classifier(store: RunStore, label: str, steps: int, parent=None, model=None) -> str:
    run = drain(create_classifier(store, LabelSource(), parent=parent, base=preset("small"), model=model or {},
                                  train={"max_steps": steps, "eval_every": max(1, steps // 3),
                                         "checkpoint_every": steps, "device": "cpu"}, name=label))
    t0 = time.perf_counter()
    last = None
    for ev in train(run):
        if isinstance(ev, EvalMetrics):
            last = ev
            print(f"  {label} step {ev.step}: accuracy {ev.extra['accuracy']:.3f} "
                  f"macro-F1 {ev.extra['macro_f1']:.3f}", flush=True)
    cfg = run.read_config().train
    x = last.extra
    return (f"| {label} | {cfg.learning_rate:g} | {x['accuracy']:.3f} | {x['macro_f1']:.3f} | {x['majority']:.3f} "
            f"| {time.perf_counter() - t0:.0f} s |")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs-dir", default="/tmp/lmlab-classify-bench")
    p.add_argument("--pretrain-steps", type=int, default=2000)
    p.add_argument("--steps", type=int, default=600)
    a = p.parse_args()
    store = RunStore(a.runs_dir)
    parent = pretrained(store, a.pretrain_steps)
    layers = parent.read_config().model.n_layer
    rows = [classifier(store, "(a) encoder from scratch", a.steps),
            classifier(store, "(b) fine-tuned from the small run", a.steps, parent),
            classifier(store, "(c) small run frozen, head only", a.steps, parent, {"freeze_layers": layers})]
    print("| classifier | peak lr | accuracy | macro-F1 | majority | time |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
