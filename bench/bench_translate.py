"""Benchmark (not a test): a small encoder-decoder learns digits -> Chinese numerals on a CPU.

Trains the embedded ``task:digits->zh`` (numbers 0..99,999; held-out numbers never seen in
training) through the engine, prints the BLEU / chrF / exact-match curve of each evaluation (the
200-pair validation sample) and, at the end, exact match on every held-out number, as a Markdown
table for docs/benchmarks.md. Run:

    PYTHONPATH=$PWD OMP_NUM_THREADS=1 python bench/bench_translate.py [--steps 1500] [--out /tmp/bench-translate]
"""

from __future__ import annotations

import argparse
import shutil
import time

from lmlab.core.config import DataConfig, ModelConfig, RunConfig, TrainConfig
from lmlab.core.engine import EvalMetrics, Finished, train
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.translate import new_translation_run
from lmlab.core.loading import load_trained
from lmlab.core.runs import RunStore
from lmlab.core.seq2seq.evaluate import translate_texts
from lmlab.core.seq2seq.tasks import task_source


def config(steps: int, lr: float, width: int, layers: int, batch: int) -> RunConfig:
    return RunConfig(
        model=ModelConfig(n_layer=layers, n_head=4, n_embd=width, block_size=16),
        data=DataConfig(tokenizer="char", val_fraction=0.1),
        train=TrainConfig(batch_size=batch, max_steps=steps, eval_every=max(1, steps // 10), log_every=50,
                          learning_rate=lr, min_lr=lr / 10, warmup_steps=100, weight_decay=0.0,
                          eval_batches=4, checkpoint_every=steps, device="cpu", threads=1),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--pairs", type=int, default=40_000)
    ap.add_argument("--out", default="/tmp/bench-translate")
    a = ap.parse_args()
    shutil.rmtree(a.out, ignore_errors=True)
    cfg = config(a.steps, a.lr, a.width, a.layers, a.batch)
    run, data = drain(new_translation_run(RunStore(a.out), cfg, task_source("digits->zh", a.pairs), "digits-zh"))
    print(f"pairs: {data.meta['pairs_train']:,} training, {data.meta['pairs_val']:,} held out; run {run.path}")
    t0 = time.perf_counter()
    print("| step | minutes | val loss | BLEU | chrF | exact (200 held-out) |\n|---|---|---|---|---|---|")
    for ev in train(run):
        if isinstance(ev, EvalMetrics):
            x = ev.extra
            print(f"| {ev.step} | {(time.perf_counter() - t0) / 60:.1f} | {ev.val_loss:.3f} | {x['bleu']:.1f} | "
                  f"{x['chrf']:.1f} | {100 * x['exact']:.1f} % |", flush=True)
        elif isinstance(ev, Finished):
            print(ev.reason)
    minutes = (time.perf_counter() - t0) / 60
    tm = load_trained(run)
    from lmlab.core.seq2seq.data import load_source

    _, val, _ = load_source(tuple(data.meta["source"]), data.meta["split"]["val_fraction"], data.meta["split"]["seed"])
    outputs = translate_texts(tm.model, data.vocabulary(), [p.source for p in val])
    exact = sum(o == p.target for o, p in zip(outputs, val)) / len(val)
    print(f"\nall {len(val):,} held-out numbers: exact match {100 * exact:.1f} % after {minutes:.1f} minutes of training")
    wrong = [(p.source, p.target, o) for o, p in zip(outputs, val) if o != p.target][:10]
    for w in wrong:
        print("  wrong:", *w)


if __name__ == "__main__":
    main()
