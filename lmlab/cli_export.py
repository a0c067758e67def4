"""``lmlab export``: a printer over ``lmlab.core.jobs.export.export_run``, the export the Runs panel runs too.

Progress goes to stderr as plain lines; the folder and how it was checked go to stdout (or, with
``--json``, one JSON object per event). A problem is one sentence on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import asdict

from .core.errors import LmlabError
from .core.events import ExportProgress
from .core.jobs.drive import drain
from .core.jobs.export import FORMATS, export_run

EXIT_EXPORT_FAILED = 1


def add_export_command(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Register ``lmlab export`` with the parser's sub-commands (``common``: --runs-dir, --json, --debug)."""
    parser = sub.add_parser("export", parents=[common], help="export a run as a Hugging Face folder or a GGUF file",
                            description="Write a run's checkpoint as a folder transformers loads (config.json, "
                                        "model.safetensors, tokenizer.json, a model card) or as a GGUF file for "
                                        "llama.cpp; the export is loaded back and checked before it is kept.")
    parser.set_defaults(func=cmd_export)
    parser.add_argument("run", help="run folder, id or name")
    parser.add_argument("out_dir", metavar="OUT_DIR", help="the new folder to write (never overwritten)")
    parser.add_argument("--step", type=int, help="checkpoint step (default: the latest)")
    parser.add_argument("--format", choices=FORMATS, default="hf",
                        help="hf: a transformers folder (default); gguf: a llama.cpp file (BPE runs)")
    return parser


def cmd_export(args: argparse.Namespace) -> int:
    """Run ``lmlab export``; exit 1 with a sentence when the export cannot be made or fails its check."""
    from .core.runs import RunStore

    command = shlex.join(["lmlab", "export", str(args.run), str(args.out_dir)]
                         + (["--step", str(args.step)] if args.step is not None else [])
                         + ["--format", args.format])
    try:
        run = RunStore(args.runs_dir).open(args.run)
        def show(ev: ExportProgress) -> None:
            if args.json:
                print(json.dumps({"type": "export-progress", **asdict(ev)}, ensure_ascii=False), flush=True)
            else:
                print(f"{100 * ev.fraction:5.1f}% {ev.message}", file=sys.stderr, flush=True)

        result = drain(export_run(run.path, args.out_dir, args.step, args.format, command), show)
    except LmlabError as e:
        if args.debug:
            raise
        print(f"error: {e}", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    if args.json:
        print(json.dumps({"type": "export-result", **asdict(result)}, ensure_ascii=False), flush=True)
    else:
        print(result.path)
        print(result.check)
    return 0
