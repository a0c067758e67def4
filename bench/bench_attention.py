"""Time the compute half of the attention panel on the default small model.

Target (issue): computing and drawing all maps for a 256-token input on the default
small model (4 layers, 4 heads, width 128, context 256) takes under a second on a
CPU. This measures the compute part: ``attention_maps`` on 256 tokens plus
``head_scores`` on them (previous-token, first-token, and the induction score on 8
random sequences of 32 tokens shown twice). The drawing half is measured by the
UI panel's benchmark.

Run:  python bench/bench_attention.py [--repeats 7] [--threads N]
Prints one JSON line; results go to docs/benchmarks_attention.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from lmlab.core.attention import attention_maps, head_scores, record_snapshot  # noqa: E402
from lmlab.core.attention_display import layer_head_grid, log_color_scale  # noqa: E402
from lmlab.core.config import ModelConfig  # noqa: E402
from lmlab.core.model import GPT  # noqa: E402


def _median_ms(fn, repeats: int) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--tokens", type=int, default=256)
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=65)  # defaults: 4 layers, 4 heads, width 128, context 256
    model = GPT(cfg)
    ids = torch.randint(0, cfg.vocab_size, (args.tokens,)).tolist()

    maps_ms, maps_min = _median_ms(lambda: attention_maps(model, ids), args.repeats)

    def compute():
        maps = attention_maps(model, ids)
        return head_scores(model, maps=maps)

    total_ms, total_min = _median_ms(compute, args.repeats)
    maps = attention_maps(model, ids)
    prep_ms, _ = _median_ms(lambda: log_color_scale(layer_head_grid(maps)), args.repeats)

    import tempfile

    with tempfile.TemporaryDirectory() as d:
        probe = ids[:64]
        step = iter(range(10**6))
        snap_ms, _ = _median_ms(lambda: record_snapshot(model, probe, d, next(step)), args.repeats)

    print(
        json.dumps(
            {
                "bench": "attention_compute",
                "tokens": args.tokens,
                "model": {"n_layer": cfg.n_layer, "n_head": cfg.n_head, "n_embd": cfg.n_embd, "block_size": cfg.block_size},
                "attention_maps_ms": round(maps_ms, 1),
                "maps_plus_head_scores_ms": round(total_ms, 1),
                "maps_plus_head_scores_min_ms": round(total_min, 1),
                "grid_plus_log_scale_ms": round(prep_ms, 1),
                "record_snapshot_64_tokens_ms": round(snap_ms, 1),
                "target_ms": 1000,
                "repeats": args.repeats,
                "threads": torch.get_num_threads(),
                "cpu_count": os.cpu_count(),
                "torch": torch.__version__,
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
