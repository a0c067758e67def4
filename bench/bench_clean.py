"""Cleaning throughput, peak memory and near-duplicate recall on a synthetic corpus with planted duplicates.

    python bench/bench_clean.py [--mib 256] [--doc-chars 4000] [--spec nfkc,whitespace,html,dedup,near-dedup=0.7]

Writes ``--mib`` MiB of JSON lines (one web-page-like document per line, with markup) to a temporary
folder: 5% of the documents are exact copies of an earlier one, 5% are near copies (one sentence in
ten replaced, about 90% the same text). Then it cleans the file in a fresh process (so the peak RSS
is the cleaning's own) and prints throughput in MB/s of input, peak RSS, and the share of planted
near copies found (removed as near duplicates, or exact ones for the exact copies).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = [f"{a}{b}{c}" for a in "bcdfgklmnprstvz" for b in "aeiou" for c in ("", "n", "r", "st", "l")]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."


def document(rng: random.Random, chars: int) -> list[str]:
    out, n = [], 0
    while n < chars:
        out.append(sentence(rng))
        n += len(out[-1]) + 8
    return out


def render(sentences: list[str]) -> str:
    return "<html><body>\n" + "\n".join(f"<p>{s}</p>" for s in sentences) + "\n</body></html>"


def write_corpus(path: Path, mib: int, doc_chars: int, seed: int = 0) -> dict:
    """Write the corpus; returns how many documents of each kind were planted."""
    rng = random.Random(seed)
    recent: list[list[str]] = []  # originals that copies are made of
    counts = {"original": 0, "exact": 0, "near": 0}
    target = mib << 20
    with open(path, "w", encoding="utf-8") as f:
        while f.tell() < target:
            r = rng.random()
            if recent and r < 0.05:
                sentences, kind = rng.choice(recent), "exact"
            elif recent and r < 0.10:
                sentences, kind = list(rng.choice(recent)), "near"
                for i in rng.sample(range(len(sentences)), max(1, len(sentences) // 10)):
                    sentences[i] = sentence(rng)
            else:
                sentences, kind = document(rng, doc_chars), "original"
                recent.append(sentences)
                if len(recent) > 200:
                    recent.pop(rng.randrange(len(recent)))
            counts[kind] += 1
            f.write(json.dumps({"text": render(sentences)}, ensure_ascii=False) + "\n")
    return counts


def clean_in_this_process(path: str, spec: str) -> dict:
    from lmlab.core.corpus import load_corpus
    from lmlab.core.jobs.clean import clean_corpus
    from lmlab.core.jobs.drive import drain

    corpus = load_corpus([path])
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        result = drain(clean_corpus(corpus, spec, spool_dir=tmp))
        seconds = time.perf_counter() - t0
        spool_bytes = sum(d.size_hint for d in result.corpus.documents)
    return {
        "seconds": seconds,
        "removed": result.removed,
        "before": result.before.__dict__,
        "after": result.after.__dict__,
        "cleaned_bytes": spool_bytes,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mib", type=int, default=256, help="corpus size in MiB")
    ap.add_argument("--doc-chars", type=int, default=4000, help="characters of text per original document")
    ap.add_argument("--spec", default="nfkc,whitespace,html,dedup,near-dedup=0.7")
    ap.add_argument("--corpus-file", metavar="PATH", help="keep the generated corpus here (reused if it exists)")
    ap.add_argument("--child", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(clean_in_this_process(args.child, args.spec)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.corpus_file or Path(tmp) / "pages.jsonl")
        t0 = time.perf_counter()
        counts_file = path.with_suffix(".planted.json")
        if path.exists() and counts_file.exists():
            planted = json.loads(counts_file.read_text())
        else:
            planted = write_corpus(path, args.mib, args.doc_chars)
            counts_file.write_text(json.dumps(planted))
        size = path.stat().st_size
        print(f"have {size / 2**20:,.0f} MiB, {sum(planted.values()):,} documents ({planted}) in "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
        out = subprocess.run([sys.executable, __file__, "--child", str(path), "--spec", args.spec],
                             check=True, capture_output=True, text=True, env=os.environ | {"OMP_NUM_THREADS": "1"})
        r = json.loads(out.stdout.strip().splitlines()[-1])
    found_near = r["removed"].get("near-duplicate", 0)
    found_exact = r["removed"].get("duplicate", 0)
    print(json.dumps(r | {"planted": planted, "input_bytes": size}, indent=1))
    print(f"throughput {size / r['seconds'] / 1e6:.2f} MB/s ({size / 2**20:,.0f} MiB in {r['seconds']:.0f} s), "
          f"peak RSS {r['peak_rss_mib']:,.0f} MiB; exact copies removed {found_exact:,} of {planted['exact']:,}, "
          f"near copies removed {found_near:,} of {planted['near']:,} "
          f"(recall {found_near / max(1, planted['near']):.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
