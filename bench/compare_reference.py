#!/usr/bin/env python3
"""lmlab's training throughput against the plain reference loop, as a median ratio.

Same shape, same text, same machine: the default corpus is written to a text file,
then `lmlab bench` and `shared/bench/reference_gpt.py` run interleaved, ROUNDS times
each, alternating which goes first. Prints one JSON line per measurement and a
summary line with the median tokens/s of each and the median of the per-round ratios.

    python bench/compare_reference.py --rounds 5 --steps 60 --warmup 10          # CPU preset shape
    python bench/compare_reference.py --device cuda --layers 6 --heads 6 --dim 384 --block 256 --batch 64
    python bench/compare_reference.py --threads 1 --lmlab-args=--compile   # lmlab compiled, reference eager
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "bench" / "reference_gpt.py"


def run_json(cmd: list[str]) -> dict:
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", default=str(REFERENCE))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--block", type=int, default=64)
    ap.add_argument("--batch", type=int, default=12)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--compile", action="store_true", help="compile both")
    ap.add_argument("--precision", default="auto", help="lmlab bench --precision (the reference trains in bf16 on CUDA, fp32 on the CPU)")
    ap.add_argument("--lmlab-args", default="", help="more options for lmlab bench only, e.g. --compile "
                    "(or '--compile auto': the choice lmlab bench --choose recorded)")
    a = ap.parse_args()

    sys.path.insert(0, str(REPO))
    from lmlab.core.corpus import default_corpus

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "corpus.txt"
        text.write_text("".join(c for _, c in default_corpus().iter_chunks()), encoding="utf-8")
        shape = ["--steps", str(a.steps), "--warmup", str(a.warmup), "--device", a.device]
        if a.threads:
            shape += ["--threads", str(a.threads)]
        if a.compile:
            shape += ["--compile"]
        ref_cmd = [sys.executable, a.reference, "--text", str(text), "--layers", str(a.layers), "--heads",
                   str(a.heads), "--dim", str(a.dim), "--block", str(a.block), "--batch", str(a.batch), *shape]
        lm_cmd = [sys.executable, "-m", "lmlab.cli", "bench", "--corpus", str(text), "--preset", "cpu",
                  "--layers", str(a.layers), "--heads", str(a.heads), "--width", str(a.dim), "--context",
                  str(a.block), "--batch-size", str(a.batch), "--dropout", "0", "--lr", "1e-3",
                  "--precision", a.precision, "--compile", "off",  # eager unless asked: not the cached choice
                  *shape, *a.lmlab_args.split()]
        ratios, ref_tps, lm_tps = [], [], []
        for r in range(a.rounds):
            order = [("reference", ref_cmd), ("lmlab", lm_cmd)]
            if r % 2:
                order.reverse()
            got = {}
            for name, cmd in order:
                got[name] = run_json(cmd)
                print(json.dumps({"round": r, "which": name, "tokens_per_s": got[name]["tokens_per_s"]}), flush=True)
            ref_tps.append(got["reference"]["tokens_per_s"])
            lm_tps.append(got["lmlab"]["tokens_per_s"])
            ratios.append(lm_tps[-1] / ref_tps[-1])
    print(json.dumps({
        "summary": True, "rounds": a.rounds, "device": a.device,
        "shape": {"layers": a.layers, "heads": a.heads, "dim": a.dim, "block": a.block, "batch": a.batch},
        "reference_tokens_per_s_median": statistics.median(ref_tps),
        "lmlab_tokens_per_s_median": statistics.median(lm_tps),
        "ratio_median": statistics.median(ratios),
        "ratios": ratios,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
