"""``lmlab tokenizers``: a printer over ``lmlab.core.jobs.tokenizer_lab.compare_tokenizers``, the Corpus
panel's Tokenizer lab.

Progress goes to stderr (a line per candidate); the table and each candidate's cut of a sample
passage go to stdout (or, with ``--json``, one JSON object per candidate). The candidates are kept
in the runs folder's tokenizer cache, so ``lmlab train`` with the chosen one does not train it again.
A problem is one sentence on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from .core.config import PRESETS, preset
from .core.jobs.drive import drain
from .core.tokenizer_lab import KIND_NAMES, KINDS, CandidateReport, LabProgress, parse_vocab_sizes
from .core.units import human_count

def add_tokenizers_command(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Register ``lmlab tokenizers`` with the parser's sub-commands (``common``: --runs-dir, --json, --debug)."""
    parser = sub.add_parser(
        "tokenizers", parents=[common], help="compare char / BPE / Unigram tokenizers on a corpus",
        description="Train char, BPE and Unigram tokenizers at several vocabulary sizes on a corpus and print, "
                    "side by side, the corpus's tokens, bytes and characters per token, the share of its "
                    "distinct Chinese characters that are one token, and the embedding's share of the "
                    "model's parameters; then how each cuts a sample passage. The tokenizers stay in the "
                    "runs folder's cache: a run that uses one copies it instead of training it again.")
    parser.set_defaults(func=cmd_tokenizers)
    parser.add_argument("paths", nargs="*", metavar="CORPUS", help="files or folders (default: the embedded corpus)")
    parser.add_argument("--vocab", default="512,2048,8192", metavar="SIZES",
                        help="subword vocabulary sizes, comma-separated (default 512,2048,8192; 8k works)")
    parser.add_argument("--kinds", default=",".join(KINDS), metavar="KINDS",
                        help="which tokenizers, comma-separated (default char,bpe,unigram)")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="small",
                        help="the model shape the embedding's share is taken of (default small)")
    parser.add_argument("--val-fraction", type=float, default=0.1,
                        help="the run's validation share: tokenizers train on the rest, as a run's does")
    return parser


def cmd_tokenizers(a: argparse.Namespace) -> int:
    from .core.corpus import load_corpus
    from .core.jobs.tokenizer_lab import compare_tokenizers
    from .core.runs import RunStore
    from .core.tokenizer_fit import tokenizer_cache_dir

    corpus = load_corpus(a.paths)
    model = preset(a.preset).model
    kinds = [k.strip() for k in a.kinds.split(",") if k.strip()]
    lab = compare_tokenizers(corpus, model, parse_vocab_sizes(a.vocab), kinds=kinds, val_fraction=a.val_fraction,
                             cache_dir=tokenizer_cache_dir(RunStore(a.runs_dir).root))
    said: set[int] = set()

    def show(ev) -> None:
        if isinstance(ev, CandidateReport):
            if a.json:
                print(json.dumps(report_dict(ev), ensure_ascii=False), flush=True)
        elif isinstance(ev, LabProgress) and ev.index not in said and not a.json:
            said.add(ev.index)
            name = KIND_NAMES[ev.kind] + ("" if ev.kind == "char" else f" {ev.target_vocab:,}")
            print(f"[{ev.index + 1}/{ev.total}] {name}…", file=sys.stderr, flush=True)

    result = drain(lab, show)
    if not a.json:
        print(f"Corpus: {corpus.label}; model shape: the {a.preset} preset "
              f"({model.n_layer} layers, width {model.n_embd})")
        print(table(result.reports))
        print()
        print("How each cuts the sample (| between tokens; [光×3]: 3 tokens that cut through a character's bytes):")
        for r in result.reports:
            print(f"{r.label:>14}  {cut_sample(r)}")
    return 0


def report_dict(r: CandidateReport) -> dict:
    return {"type": "tokenizer-candidate", "kind": r.kind, "target_vocab": r.target_vocab,
            "vocab_size": r.vocab_size, "tokens": r.tokens, "bytes_per_token": r.bytes_per_token,
            "chars_per_token": r.chars_per_token, "cjk_chars": r.cjk_chars, "cjk_single": r.cjk_single,
            "cjk_single_share": r.cjk_single_share, "embedding_params": r.embedding_params,
            "total_params": r.total_params, "embedding_share": r.embedding_share,
            "tokenizer_file": str(r.result.path) if r.result.path else None,
            "sample": [[p.text, p.tokens] for p in r.pieces]}


def table(reports) -> str:
    """The candidates side by side, one per row."""
    head = ("tokenizer", "vocabulary", "tokens", "bytes/token", "chars/token", "Chinese as 1 token", "embedding")
    rows = [head] + [(
        r.label, f"{r.vocab_size:,}", human_count(r.tokens), f"{r.bytes_per_token:.2f}", f"{r.chars_per_token:.2f}",
        "–" if r.cjk_single_share is None else f"{r.cjk_single_share:.0%} of {r.cjk_chars:,}",
        f"{r.embedding_share:.1%} of {human_count(r.total_params)}",
    ) for r in reports]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                     for row in rows)


def cut_sample(r: CandidateReport, chars: int = 100) -> str:
    """The first ``chars`` characters of the sample with the token boundaries drawn, on one line."""
    out, n = [], 0
    for p in r.pieces:
        if n >= chars:
            break
        text = p.text.replace("\n", "\\n")
        out.append(f"[{text}×{p.tokens}]" if p.tokens > 1 else text)
        n += len(p.text)
    return "|".join(out)
