"""``lmlab preflight`` and ``lmlab lr-find``: printers over ``lmlab.core.jobs.preflight``, the jobs the
Training panel's pre-flight section runs too.

``lmlab preflight`` prepares the corpus as a run would (in a temporary folder; a cached tokenizer is
reused), measures a few steps, and prints the time to finish, the memory, tokens per parameter and
epochs, with each warning's fixes as the options that apply them. ``--find-batch`` adds the largest
batch that fits. ``lmlab lr-find`` runs the learning-rate range test and prints the suggestion.
Neither creates a run. ``--json``: one JSON object per event and one for the result.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from .cli_config import add_config_options, build_config

# How a fix's changes are written as ``lmlab train`` options.
FIX_OPTIONS = {"batch_size": "--batch-size", "grad_accum": "--grad-accum", "max_steps": "--steps",
               "n_layer": "--layers", "n_embd": "--width", "n_head": "--heads"}


def add_tuning_commands(sub, common: argparse.ArgumentParser) -> None:
    """Register ``lmlab preflight`` and ``lmlab lr-find`` (``common``: --runs-dir, --json, --debug)."""
    sp = sub.add_parser("preflight", parents=[common], help="estimate a run before training it: time, memory, "
                        "tokens per parameter, epochs, with fixes",
                        description="Measure a few real steps of the configured model on the chosen device and "
                                    "estimate the time to finish, the peak memory against the free memory, tokens "
                                    "per parameter (Chinchilla: ~20) and epochs over the corpus; warnings come "
                                    "with the options that fix them. No run is created.")
    add_config_options(sp)
    sp.add_argument("--free-memory", type=float, metavar="GIB",
                    help="plan against this much free memory (GiB) instead of what the device has")
    sp.add_argument("--find-batch", action="store_true", help="also find the largest batch that fits")
    sp.set_defaults(func=cmd_preflight)

    sp = sub.add_parser("lr-find", parents=[common], help="find a learning rate with the range test",
                        description="Train the configured model on its corpus for a short run with the learning "
                                    "rate rising exponentially from 1e-6 to 1, and suggest a third of the rate "
                                    "where the smoothed loss was lowest. No run is created.")
    add_config_options(sp)
    sp.add_argument("--test-steps", type=int, default=None, metavar="N", help="steps of the test (default 150)")
    sp.set_defaults(func=cmd_lr_find)


def _prepared(a, printer):
    """(the configuration with its vocabulary, the prepared data), tokenised in ``a``'s temporary folder."""
    from .core.jobs.preflight import prepare_text
    from .core.runs import RunStore
    from .core.tokenizer_fit import tokenizer_cache_dir

    cfg = build_config(a)
    cache = tokenizer_cache_dir(RunStore(a.runs_dir).root)
    return printer.drive(prepare_text(cfg, None, Path(a.tmp) / "data", cache))


def _fix_options(changes: dict) -> str:
    """A fix's changes as ``lmlab train`` options: {"train": {"batch_size": 4, "grad_accum": 2}} -> '--batch-size 4 --grad-accum 2'."""
    opts = [f"{FIX_OPTIONS[k]} {v}" for section in changes.values() for k, v in section.items() if k in FIX_OPTIONS]
    return " ".join(opts)


def cmd_preflight(a: argparse.Namespace) -> int:
    from .cli_printer import Printer
    from .core.jobs.drive import drain
    from .core.jobs.preflight import batch_find_job, preflight_job
    from .core.units import human_bytes, human_count, human_duration

    printer = Printer(a.json)
    free = int(a.free_memory * (1 << 30)) if a.free_memory else None
    with tempfile.TemporaryDirectory(prefix="lmlab-preflight-") as tmp:
        a.tmp = tmp
        cfg, data = _prepared(a, printer)
    if not a.json:
        print("Estimating (a few measured steps unless cached)…", file=sys.stderr, flush=True)
    est = drain(preflight_job(cfg, data.n_train, free_bytes=free))
    batch = drain(batch_find_job(cfg, free)) if a.find_batch else None
    if a.json:
        printer.emit({"type": "preflight"} | asdict(est) | ({"batch": asdict(batch)} if batch else {}), None)
        return 0
    lines = [f"Pre-flight of {est.params:,} parameters, {est.total_steps:,} steps on {est.device_name}:"]
    if est.seconds is not None:
        lines.append(f"  time           about {human_duration(est.seconds)} ({1000 * est.step_s:.0f} ms a step; "
                     f"training {human_duration(est.train_s)}, evaluations {human_duration(est.eval_s)}, "
                     f"checkpoints {human_duration(est.checkpoint_s)})")
    else:
        lines.append("  time           not measured (it would not fit)")
    free_text = f" of {human_bytes(est.free_bytes)} free" if est.free_bytes is not None else ""
    lines.append(f"  memory         {human_bytes(est.peak_bytes)}{free_text} "
                 f"({'measured' if est.memory_measured else 'estimated'})")
    lines.append(f"  tokens/param   {est.tokens_per_param:.1f} ({human_count(est.tokens)} tokens; Chinchilla: ~20)")
    lines.append(f"  epochs         {est.epochs:.2f} over {human_count(data.n_train)} training tokens")
    for w in est.warnings:
        lines.append(f"warning: {w.message}")
        lines += [f"  fix: {f.label}: {_fix_options(f.changes)}" for f in w.fixes]
    if batch is not None:
        lines.append(f"Largest batch: {batch.batch_size:,}. {batch.note}")
    print("\n".join(lines))
    return 0


def cmd_lr_find(a: argparse.Namespace) -> int:
    from .cli_printer import Printer
    from .core.events import PrepareProgress
    from .core.jobs.drive import drain
    from .core.jobs.preflight import lr_find_job
    from .core.runs import RunStore
    from .core.tokenizer_fit import tokenizer_cache_dir
    from .core.tuning.events import LrPoint

    printer = Printer(a.json)
    cfg = build_config(a)

    def show(ev) -> None:
        if isinstance(ev, PrepareProgress):
            printer.progress(ev)
        elif isinstance(ev, LrPoint):
            if a.json:
                printer.emit({"type": "lr-point"} | asdict(ev), None)
            elif ev.step % 10 == 0 or ev.step == ev.steps:
                print(f"step {ev.step:>4}/{ev.steps}  lr {ev.lr:.2e}  loss {ev.loss:.4f}  smoothed {ev.smoothed:.4f}",
                      file=sys.stderr, flush=True)

    kwargs = {"steps": a.test_steps} if a.test_steps else {}
    result = drain(lr_find_job(cfg, tokenizer_cache=tokenizer_cache_dir(RunStore(a.runs_dir).root), **kwargs), show)
    if a.json:
        printer.emit({"type": "lr-find"} | asdict(result), None)
        return 0
    if result.suggestion is None:
        print(f"The loss never fell in {len(result.lrs)} steps; try more --test-steps or check the corpus.")
        return 1
    steepest = f"{result.steepest_lr:.2e}" if result.steepest_lr else "–"
    print(f"Suggested learning rate: {result.suggestion:.2e} ({result.rule}).\n"
          f"  lowest smoothed loss at {result.min_loss_lr:.2e}; steepest fall at {steepest}; "
          f"{'the loss diverged' if result.stopped == 'diverged' else 'the test reached the end'} after "
          f"{len(result.lrs)} steps ({result.seconds:.1f} s on {result.device_name}).\n"
          f"  Train with it: --lr {result.suggestion:.2g}")
    return 0
