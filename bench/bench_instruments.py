"""What the learning instruments add to an evaluation on the `small` preset.

Builds a real run of the `small` preset (4 layers, 4 heads, width 128, context 256, batch 8,
40 evaluation batches) on the default corpus, then, interleaved over ``--rounds`` rounds, times

* ``after``: the engine's whole evaluation (``_Trainer.evaluate``: train and validation loss,
  the attention snapshot, and the instruments: probe per-token loss + logit lens, the sample
  timeline of the run's prompts), and
* ``instruments``: ``Recorder.record`` alone on the same model.

``before`` is ``after - instruments`` (the evaluation as it was before the instruments); the
overhead is ``instruments / before``. The model is untrained: the cost does not depend on the weights.

Run:  python bench/bench_instruments.py [--rounds 7] [--threads 1]
Prints one JSON line; the result is in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from lmlab.core.config import preset  # noqa: E402
from lmlab.core.corpus import default_corpus  # noqa: E402
from lmlab.core.dataset import load_prepared  # noqa: E402
from lmlab.core.device import resolve_device  # noqa: E402
from lmlab.core.engine import _Trainer  # noqa: E402
from lmlab.core.instruments.record import Recorder  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import RunStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads (0: torch's default)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as d:
        run = RunStore(d).create(preset("small").with_changes(train={"device": "cpu"}), "bench")
        drain(prepare_run(run, default_corpus()))
        data = load_prepared(run.data_dir)
        cfg = run.read_config().with_changes(model={"vocab_size": data.vocab_size})
        tr = _Trainer(run, cfg, data, resolve_device("cpu"))
        recorder = Recorder(run.path, data.tokenizer(), tr.probe_ids)
        tr.evaluate()  # warm-up
        after, instruments = [], []
        for r in range(args.rounds):
            tr.step = r + 1
            t0 = time.perf_counter()
            tr.evaluate()
            after.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            recorder.record(tr.model, r + 1, None)
            instruments.append(time.perf_counter() - t0)
    a, i = statistics.median(after), statistics.median(instruments)
    print(json.dumps({
        "bench": "instruments_eval_overhead", "preset": "small", "threads": args.threads, "rounds": args.rounds,
        "evaluation_after_s": round(a, 3), "instruments_s": round(i, 3), "evaluation_before_s": round(a - i, 3),
        "overhead": round(i / (a - i), 4),
        "after_s": [round(x, 3) for x in after], "instruments_each_s": [round(x, 3) for x in instruments],
    }))


if __name__ == "__main__":
    main()
