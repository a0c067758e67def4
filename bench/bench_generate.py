"""Generation speed: KV cache vs recomputing the (windowed) context for every token.

The app's default "small" shape (4 layers, 4 heads, width 128, context 256) with a
~100-character vocabulary and RANDOM weights (timing does not depend on what the
model learned). A 256-token prompt fills the context, so 500 new tokens exercise the
window cut of ``lmlab.core.generate`` (cut to the last 128 tokens when full: the
cached path re-prefills 128 tokens once per 128 new tokens).

Prints one JSON line: medians over ``--repeats`` interleaved runs of the total time
for the new tokens with the cache and without it, their ratio (target >= 5x; also
as process CPU time, which a busy machine disturbs less), and the time to the first
token with the cache (target < 200 ms: encode + 256-token prefill + one sampling
step). Sampling is temperature 1 with the default 5 alternatives per token, so each
token also pays for the distribution, the draw and the streamed text.

    python bench/bench_generate.py --threads 1
    python bench/bench_generate.py --device cuda
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from lmlab.core.config import ModelConfig
from lmlab.core.generate import SamplingOptions, generate
from lmlab.core.model import GPT
from lmlab.core.tokenizers import CharTokenizer


def time_run(model, tok, prompt: str, opts: SamplingOptions) -> tuple[float, float, float, int, int]:
    """(wall seconds to the first token, wall seconds in total, CPU seconds in total, tokens, window cuts)."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    gen = generate(model, tok, prompt, opts)
    first = None
    n = 0
    for _ in gen:  # the first token's probabilities reach the CPU, so the GPU is synchronised
        if first is None:
            first = time.perf_counter() - t0
        n += 1
    return first or 0.0, time.perf_counter() - t0, time.process_time() - c0, n, gen.crops


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--new-tokens", type=int, default=500)
    ap.add_argument("--prompt-tokens", type=int, default=256)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    args = ap.parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    chars = [chr(c) for c in range(32, 127)] + ["\n", "é", "à", "ü", "—"]  # 100 characters
    tok = CharTokenizer(chars, unk_policy="skip")
    cfg = ModelConfig(n_layer=4, n_head=4, n_embd=128, block_size=256, vocab_size=tok.vocab_size)
    torch.manual_seed(0)
    model = GPT(cfg).to(args.device).eval()  # random weights: fine for timing
    g = torch.Generator().manual_seed(0)
    prompt = "".join(chars[i] for i in torch.randint(0, len(chars), (args.prompt_tokens,), generator=g).tolist())

    base = SamplingOptions(max_new_tokens=args.new_tokens, seed=1, temperature=1.0)  # sampling, 5 alternatives
    # Warm up both paths (allocator, lazy init).
    time_run(model, tok, prompt, SamplingOptions(max_new_tokens=20, seed=0))
    time_run(model, tok, prompt, SamplingOptions(max_new_tokens=5, seed=0, use_cache=False))

    uncached = SamplingOptions(**{**base.to_dict(), "use_cache": False})
    res: dict[str, list[float]] = {k: [] for k in ("ttft", "cached", "uncached", "cached_cpu", "uncached_cpu")}
    crops = 0
    for _ in range(args.repeats):  # interleaved, so load from other processes hits both alike
        ttft, total, cpu, n, crops = time_run(model, tok, prompt, base)
        assert n == args.new_tokens
        res["ttft"].append(ttft)
        res["cached"].append(total)
        res["cached_cpu"].append(cpu)
        _, total_u, cpu_u, n_u, _ = time_run(model, tok, prompt, uncached)
        assert n_u == args.new_tokens
        res["uncached"].append(total_u)
        res["uncached_cpu"].append(cpu_u)
    med = {k: statistics.median(v) for k, v in res.items()}
    out = {
        "bench": "generate",
        "device": args.device,
        "shape": "4x4x128 ctx256",
        "vocab": tok.vocab_size,
        "weights": "random",
        "prompt_tokens": args.prompt_tokens,
        "new_tokens": args.new_tokens,
        "window_cuts": crops,
        "threads": torch.get_num_threads(),
        "repeats": args.repeats,
        "ttft_ms": round(1000 * med["ttft"], 1),
        "cached_s": round(med["cached"], 3),
        "uncached_s": round(med["uncached"], 3),
        "cached_tok_s": round(args.new_tokens / med["cached"], 1),
        "uncached_tok_s": round(args.new_tokens / med["uncached"], 1),
        "speedup": round(med["uncached"] / med["cached"], 2),  # wall-clock medians
        "speedup_cpu_time": round(med["uncached_cpu"] / med["cached_cpu"], 2),  # process CPU time medians
        "torch": torch.__version__,
        "cpu": platform.processor() or platform.machine(),
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
