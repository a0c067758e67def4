"""Attention panel speed: computing and drawing every map of a 256-token input.

Target: "Computing and drawing all maps for a 256-token input on the default small
model (4 layers, 4 heads, width 128, context 256) takes under a second on this CPU."

A run of the ``small`` preset is prepared on the default corpus (character tokens)
and trained for one step (speed does not depend on what the model learned; the step
also writes the checkpoint and an attention snapshot). The Attention panel is shown
offscreen at 1400 x 900 on a 256-token slice of the validation text. Timed, each
``--repeats`` times after a warm-up, medians reported:

* ``compute_s``: the worker's job on an already loaded model: the (4, 4, 256, 256)
  maps plus the three head scores (the induction score runs 8 extra sequences of 64),
  run in a plain Python thread as the panel runs it (``compute_main_thread_s``: the
  same on the main thread, for comparison; on a busy machine torch's thread pool
  makes that one much slower);
* ``draw_s``: handing that result to the panel (large map with token labels, the
  overview of all 16 maps, the score table), processing events, and ``grab()``-ing the
  panel once, so every item is really painted;
* ``end_to_end_s``: from ``compute()`` (a new request) to the painted panel, through the
  worker thread and the queued signals (model cached, as after the first request);
* ``load_s``: loading the checkpoint the first time (once, not part of the target).

Prints one JSON line.

    python bench/bench_attention_gui.py                # torch's default threads
    python bench/bench_attention_gui.py --threads 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

import torch  # noqa: E402

from lmlab.core import engine  # noqa: E402
from lmlab.core.config import preset  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402


def make_run(root: Path):
    """A ``small`` run on the default corpus, trained one step (checkpoint + snapshot)."""
    store = RunStore(root)
    cfg = preset("small").with_changes(
        train={"max_steps": 1, "eval_every": 1, "eval_batches": 1, "checkpoint_every": 1, "warmup_steps": 0})
    run = store.create(cfg, "bench-attention")
    drain(prepare_run(run))
    for ev in engine.train(run):
        if ev.type == "finished" and ev.status != "finished":
            raise SystemExit(f"training failed: {ev.reason}")
    return store, run


def in_thread(func) -> float:
    """Seconds ``func()`` takes in a new thread (how the panel's worker runs it)."""
    took = []

    def run() -> None:
        t0 = time.perf_counter()
        func()
        took.append(time.perf_counter() - t0)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return took[0]


def wait_for(app, signal, timeout_s: float = 120.0):
    """Process events until ``signal`` fires; returns its argument."""
    from PySide6.QtCore import QEventLoop, QTimer

    got = []
    loop = QEventLoop()
    signal.connect(lambda value: (got.append(value), loop.quit()))
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    if not got:
        raise SystemExit("timed out waiting for the panel")
    return got[-1]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--tokens", type=int, default=256)
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)

    from PySide6.QtWidgets import QApplication

    from lmlab.core.jobs.attention import analyse
    from lmlab.core.loading import ModelCache
    from lmlab.ui.controllers.attention import AttentionController
    from lmlab.ui.panels.attention import AttentionPanel
    from lmlab.ui.resources import with_cjk_fallback

    app = QApplication.instance() or QApplication([])
    app.setFont(with_cjk_fallback(app.font()))
    with tempfile.TemporaryDirectory(prefix="lmlab-bench-attention-") as tmp:
        t0 = time.perf_counter()
        store, run = make_run(Path(tmp))
        setup_s = time.perf_counter() - t0
        panel = AttentionPanel(AttentionController(store, ModelCache()))
        panel.resize(1400, 900)
        panel.show()
        app.processEvents()

        t0 = time.perf_counter()
        panel.set_run(str(run.path))  # first request: loads the model (default: a 64-token slice)
        wait_for(app, panel.computed)
        load_s = time.perf_counter() - t0
        panel.length_spin.setValue(args.tokens)
        panel.compute()
        result = wait_for(app, panel.computed)
        app.processEvents()
        T = len(result.ids)
        assert result.maps.shape[-1] == T == args.tokens, result.maps.shape
        tm = panel.controller.cache.get(run.path, None)

        ids = result.ids.tolist()
        compute, compute_main, draw, end_to_end = [], [], [], []
        for i in range(args.repeats + 1):  # the first round warms up
            c = in_thread(lambda: analyse(tm, ids))
            t0 = time.perf_counter()
            analyse(tm, ids)
            cm = time.perf_counter() - t0
            t1 = time.perf_counter()
            panel._show_result(result)  # what the worker's result signal calls
            app.processEvents()
            panel.grab()
            t2 = time.perf_counter()
            panel.compute()
            wait_for(app, panel.computed)
            app.processEvents()
            panel.grab()
            t3 = time.perf_counter()
            if i:
                compute.append(c)
                compute_main.append(cm)
                draw.append(t2 - t1)
                end_to_end.append(t3 - t2)
        panel.shutdown()
        panel.close()

    med = statistics.median
    out = {
        "bench": "attention_gui",
        "tokens": T,
        "model": "4 layers, 4 heads, width 128, context 256",
        "threads": torch.get_num_threads(),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "repeats": args.repeats,
        "setup_s": round(setup_s, 2),
        "load_s": round(load_s, 3),
        "compute_s": round(med(compute), 4),
        "compute_main_thread_s": round(med(compute_main), 4),
        "draw_s": round(med(draw), 4),
        "compute_and_draw_s": round(med([c + d for c, d in zip(compute, draw)]), 4),
        "end_to_end_s": round(med(end_to_end), 4),
        "end_to_end_max_s": round(max(end_to_end), 4),
        "target_s": 1.0,
    }
    out["under_target"] = out["compute_and_draw_s"] < 1.0 and out["end_to_end_s"] < 1.0
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
