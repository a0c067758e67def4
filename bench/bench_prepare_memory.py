"""Peak memory of preparing a large corpus: ``python bench/bench_prepare_memory.py [--mb 1024]``.

Writes a generated text file of ``--mb`` MiB (varied lines, some non-ASCII, so Python holds
the text as 4-byte characters: the worst case), prepares it with ``lmlab.core.dataset.prepare``
(the same code as ``lmlab prepare`` and the app), and prints the process's peak resident memory
before and after, from ``resource.getrusage``. The growth stays at a few chunks' worth, whatever
the file's size, because text streams through in chunks (docs/reliability.md has the figures).

``--json`` prints one JSON object (tests/faults/test_memory.py uses it with a smaller file).
POSIX only (the ``resource`` module).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kb / (1 << 20) if sys.platform == "darwin" else kb / 1024


def write_corpus(path: Path, mib: int) -> int:
    """A file of about ``mib`` MiB of numbered lines (ASCII, accents, CJK), written in 1 MiB blocks."""
    lines = []
    for i in range(12000):
        lines.append(f"{i:05d}: the quick brown fox jumps over the lazy dog; ünïcödé 你好世界 {i * 7919 % 10007}\n")
    block = "".join(lines).encode("utf-8")
    n = 0
    with open(path, "wb") as f:
        while n < mib << 20:
            f.write(block)
            n += len(block)
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=int, default=1024, help="corpus size in MiB (default 1024)")
    p.add_argument("--tokenizer", default="char", choices=["char", "bpe", "unigram"])
    p.add_argument("--dir", help="work folder (default: a temp folder, removed afterwards)")
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)

    import torch  # noqa: F401 - imported first so the baseline includes what lmlab always loads

    from lmlab.core.corpus import load_corpus
    from lmlab.core.dataset import prepare
    from lmlab.core.jobs.drive import drain

    work = Path(a.dir) if a.dir else Path(tempfile.mkdtemp(prefix="lmlab-bench-mem-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus_file = work / "corpus.txt"
        size = write_corpus(corpus_file, a.mb)
        baseline = peak_rss_mb()
        t0 = time.perf_counter()
        data = drain(prepare(load_corpus([corpus_file]), work / "data", tokenizer=a.tokenizer))
        seconds = time.perf_counter() - t0
        peak = peak_rss_mb()
        result = {
            "file_mb": round(size / (1 << 20), 1),
            "tokenizer": a.tokenizer,
            "tokens": data.n_train + data.n_val,
            "seconds": round(seconds, 1),
            "baseline_peak_rss_mb": round(baseline, 1),
            "peak_rss_mb": round(peak, 1),
            "growth_mb": round(peak - baseline, 1),
        }
    finally:
        if not a.dir:
            shutil.rmtree(work, ignore_errors=True)
    if a.json:
        print(json.dumps(result))
    else:
        print(f"Prepared {result['file_mb']:,} MiB ({result['tokens']:,} {a.tokenizer} tokens) in "
              f"{result['seconds']} s: peak RSS {result['peak_rss_mb']:,} MiB, "
              f"{result['growth_mb']:,} MiB above the {result['baseline_peak_rss_mb']:,} MiB after imports.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
