"""``lmlab <command>``: the same core as the app, no Qt.

With no command, ``lmlab`` opens the desktop app. Errors print one line on stderr
and exit non-zero (``--debug`` shows the traceback). ``--json`` prints one JSON
object per event, for scripts.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import LmlabError

EXIT_ERROR = 2
EXIT_FAILED_RUN = 1


# -- shared options ------------------------------------------------------------------


def _add_shape_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("run configuration (applied over --config, then --preset)")
    g.add_argument("--corpus", nargs="+", action="extend", metavar="PATH",
                   help="text files or folders (.txt, .md, .jsonl); default: the embedded Shakespeare corpus")
    g.add_argument("--config", metavar="FILE", help="a run configuration in TOML or JSON ([model], [data], [train])")
    g.add_argument("--preset", help="tiny | small | medium | cpu | shakespeare (default: cpu)")
    g.add_argument("--steps", type=int, metavar="N", help="optimizer steps")
    g.add_argument("--token-budget", type=int, metavar="TOKENS", help="train on this many tokens instead of --steps")
    g.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], help="default: auto (CUDA, then MPS, then CPU)")
    g.add_argument("--seed", type=int)
    g.add_argument("--layers", type=int, dest="n_layer")
    g.add_argument("--heads", type=int, dest="n_head")
    g.add_argument("--width", type=int, dest="n_embd")
    g.add_argument("--context", type=int, dest="block_size")
    g.add_argument("--dropout", type=float)
    g.add_argument("--batch-size", type=int)
    g.add_argument("--grad-accum", type=int)
    g.add_argument("--lr", type=float, dest="learning_rate")
    g.add_argument("--min-lr", type=float)
    g.add_argument("--lr-warmup", type=int, dest="warmup_steps", metavar="STEPS", help="learning-rate warmup steps")
    g.add_argument("--eval-every", type=int)
    g.add_argument("--log-every", type=int)
    g.add_argument("--checkpoint-every", type=int)
    g.add_argument("--precision", choices=["auto", "fp32", "bf16", "fp16"])
    g.add_argument("--compile", action="store_true", default=None, help="torch.compile the model")
    g.add_argument("--threads", type=int, help="CPU threads for torch (0: torch's default)")
    g.add_argument("--tokenizer", choices=["char", "bpe", "unigram"])
    g.add_argument("--vocab-size", type=int, help="vocabulary size for bpe/unigram")
    g.add_argument("--val-fraction", type=float)


def _build_config(a: argparse.Namespace, default_preset: str = "cpu"):
    from .core.config import check, load_config_file, preset

    cfg = load_config_file(a.config) if a.config else preset(a.preset or default_preset)
    if a.config and a.preset:
        raise LmlabError("Give either --config or --preset, not both.")
    model = {k: getattr(a, k) for k in ("n_layer", "n_head", "n_embd", "block_size", "dropout")
             if getattr(a, k) is not None}
    train = {k: getattr(a, k) for k in ("seed", "device", "batch_size", "grad_accum", "learning_rate", "min_lr",
                                        "warmup_steps", "eval_every", "log_every", "checkpoint_every",
                                        "precision", "compile", "threads", "token_budget")
             if getattr(a, k, None) is not None}
    if a.steps is not None:
        train["max_steps"] = a.steps
    if "learning_rate" in train and "min_lr" not in train:
        train["min_lr"] = min(cfg.train.min_lr, train["learning_rate"] / 10)
    data = {k: getattr(a, k) for k in ("tokenizer", "vocab_size", "val_fraction") if getattr(a, k) is not None}
    changes = {"model": model, "train": train, "data": data}
    if a.corpus:
        changes["corpus"] = [str(Path(p).expanduser().absolute()) for p in a.corpus]
    if a.steps is not None and a.steps < 1:
        raise LmlabError("--steps must be at least 1.")
    cfg = cfg.with_changes(**changes)
    if cfg.train.warmup_steps >= cfg.total_steps > 1 and "warmup_steps" not in train:
        cfg = cfg.with_changes(train={"warmup_steps": max(0, cfg.total_steps // 10)})
    return check(cfg)


def _store(a):
    from .core.runs import RunStore

    return RunStore(a.runs_dir)


def _fmt_s(s: float) -> str:
    s = max(0, int(s))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _emit(a, obj: dict, human: str | None) -> None:
    if getattr(a, "quiet", False):  # a non-zero rank under torchrun: rank 0 speaks for all
        return
    if a.json:
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    elif human is not None:
        print(human, flush=True)


def _show_progress(a, gen):
    """Drive a core ``PrepareProgress`` generator: JSON lines, or a line on stderr at most every
    half second (and at each new stage message); returns the generator's result."""
    last = 0.0
    while True:
        try:
            ev = next(gen)
        except StopIteration as stop:
            return stop.value
        if a.json:
            _emit(a, {"type": "progress", "stage": ev.stage, "fraction": ev.fraction, "message": ev.message}, None)
        elif ev.message or time.monotonic() - last > 0.5:
            last = time.monotonic()
            pct = f" {100 * ev.fraction:5.1f}%" if ev.fraction >= 0 else ""
            print(f"{ev.stage:>9}{pct} {ev.message}".rstrip(), file=sys.stderr, flush=True)


# -- commands ------------------------------------------------------------------------


def cmd_prepare(a) -> int:
    from .core.corpus import load_corpus
    from .core.dataset import prepare
    import tempfile

    corpus = load_corpus(a.paths or [])
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="lmlab-prepare-"))
    data = _show_progress(a, prepare(corpus, out, tokenizer=a.tokenizer, vocab_size=a.vocab_size,
                                     val_fraction=a.val_fraction))
    s = data.stats
    summary = data.to_dict() | {"type": "prepared", "folder": str(out), "corpus": corpus.label}
    _emit(a, summary, (
        f"Corpus: {corpus.label}\n"
        f"  characters           {s.characters:>14,}\n"
        f"  distinct characters  {s.distinct_characters:>14,}\n"
        f"  documents            {s.documents:>14,}\n"
        f"  lines                {s.lines:>14,}\n"
        f"  tokens ({data.tokenizer_kind:>7})     {data.n_train + data.n_val:>14,}  (vocabulary {data.vocab_size:,})\n"
        f"  train / validation   {data.n_train:>14,} / {data.n_val:,}  (split by {data.split})\n"
        f"Written to {out}"
    ))
    return 0


class _StopOnInterrupt:
    """First Ctrl+C (or SIGTERM, which torchrun passes on to its workers) asks the engine to stop:
    it saves a checkpoint; a second one aborts."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, control):
        self.control = control
        self.previous: dict = {}

    def __enter__(self):
        def handler(signum, frame):
            if self.control.stop_requested:
                raise KeyboardInterrupt
            print("\nStopping after this step (Ctrl+C again to abort)...", file=sys.stderr, flush=True)
            self.control.stop()

        for sig in self.SIGNALS:
            try:
                self.previous[sig] = signal.signal(sig, handler)
            except ValueError:  # not the main thread
                pass
        return self

    def __exit__(self, *exc):
        for sig, previous in self.previous.items():
            signal.signal(sig, previous)


def _run_events(a, run, control, resume: bool, dist=None) -> int:
    from .core.engine import Checkpointed, EvalMetrics, Finished, Started, StepMetrics, event_to_dict, train

    status = "failed"
    total = start = 0
    t_start = time.monotonic()
    with _StopOnInterrupt(control):
        for ev in train(run, control, resume=resume, dist=dist):
            human = None
            if isinstance(ev, Started):
                total, start = ev.total_steps, ev.start_step
                t_start = time.monotonic()
                human = (f"Training {ev.params:,} parameters on {ev.device_name} ({ev.precision}), "
                         f"{ev.total_steps:,} steps of {ev.tokens_per_step:,} tokens"
                         + (f", resuming at step {ev.start_step:,}" if ev.start_step else ""))
            elif isinstance(ev, StepMetrics):
                left = (total - ev.step) * (time.monotonic() - t_start) / max(1, ev.step - start)
                human = (f"step {ev.step:>6,}/{total:,}  loss {ev.loss:.4f}  lr {ev.lr:.2e}  "
                         f"grad {ev.grad_norm:.2f}  {ev.tokens_per_s:,.0f} tok/s  {_fmt_s(ev.elapsed)} "
                         f"(~{_fmt_s(left)} left)")
            elif isinstance(ev, EvalMetrics):
                human = f"eval @ {ev.step:,}: train {ev.train_loss:.4f}  val {ev.val_loss:.4f}"
            elif isinstance(ev, Checkpointed):
                human = f"checkpoint saved: {ev.path}" if a.verbose else None
            elif isinstance(ev, Finished):
                status = ev.status
                best = f"; best validation loss {ev.best_val_loss:.4f}" if ev.best_val_loss is not None else ""
                human = f"{ev.status}: {ev.reason}{best}\nRun folder: {run.path}"
                if ev.status == "failed" and not a.json and not getattr(a, "quiet", False):
                    print(f"error: {ev.reason}", file=sys.stderr)
                    human = f"Run folder: {run.path}"
            _emit(a, event_to_dict(ev), human)
    return 0 if status in ("finished", "stopped") else EXIT_FAILED_RUN


def cmd_train(a) -> int:
    from .core.distributed import DistContext
    from .core.engine import Control

    store = _store(a)
    control = Control()
    cfg = None if a.resume else _build_config(a)
    device = (cfg.train.device if cfg else a.device) or "auto"
    import torch

    dist = DistContext.from_env("cuda" if device in ("auto", "cuda") and torch.cuda.is_available() else "cpu")
    a.quiet = not dist.is_main
    try:
        if a.resume:
            run = store.open(a.resume)
        else:
            run = _create_and_prepare(a, store, cfg, dist)
        return _run_events(a, run, control, resume=bool(a.resume), dist=dist)
    finally:
        dist.close()


def _create_and_prepare(a, store, cfg, dist):
    """Rank 0 (or the only process) creates the run folder and tokenises the corpus; other ranks wait for it."""
    from .core.pipeline import prepare_run
    from .core.runs import Run

    if not dist.is_main:
        path = dist.broadcast_str(None)
        if not path:
            raise LmlabError("Rank 0 could not prepare the run; see its message.")
        return Run(path)
    try:
        from .core.corpus import load_corpus

        corpus = load_corpus(cfg.corpus)  # check the files before a run folder exists for them
        run = store.create(cfg, a.name or (a.preset or "run"))
        _emit(a, {"type": "created", "run_dir": str(run.path)}, f"Run folder: {run.path}")
        data = _show_progress(a, prepare_run(run, corpus))
    except BaseException as e:
        dist.broadcast_str("")
        if "run" in locals():  # a corpus that fails while streaming: say so in the run, not "created"
            try:
                run.write_status("failed", message=str(e))
            except LmlabError:
                pass
        raise
    dist.broadcast_str(str(run.path))
    _emit(a, data.to_dict() | {"type": "prepared"},
          f"Corpus: {data.n_train + data.n_val:,} tokens ({data.tokenizer_kind}, vocabulary {data.vocab_size:,}); "
          f"train {data.n_train:,} / validation {data.n_val:,}")
    return run


def cmd_sample(a) -> int:
    from .core.generate import SamplingOptions, generate
    from .core.loading import load_hf_model, load_trained

    if a.hf:
        tm = load_hf_model(a.hf)
    elif a.run:
        tm = load_trained(_store(a).open(a.run), a.step, device=a.device or "cpu")
    else:
        raise LmlabError("Name a run to sample, or a Hugging Face model folder with --hf DIR.")
    opts = SamplingOptions(
        temperature=a.temperature, top_k=a.top_k, top_p=a.top_p, max_new_tokens=a.max_new_tokens,
        seed=a.seed, greedy=a.greedy, repetition_penalty=a.repetition_penalty,
        stop_sequences=tuple(a.stop or ()),
    )
    opts.validate()
    if not a.json:
        print(a.prompt, end="", flush=True)
    for tok in generate(tm.model, tm.tokenizer, a.prompt, opts):
        if a.json:
            _emit(a, {"type": "token", "id": tok.id, "text": tok.text, "prob": tok.prob}, None)
        else:
            print(tok.text, end="", flush=True)
    if not a.json:
        print()
    return 0


def cmd_runs(a) -> int:
    store = _store(a)
    if a.action == "delete":
        run = store.open(a.run)
        if not a.yes:
            raise LmlabError(f"Deleting {run.path} cannot be undone; add --yes to confirm.")
        store.delete(run)
        _emit(a, {"type": "deleted", "run": run.id}, f"Deleted {run.path}")
        return 0
    if a.action == "show":
        s = store.open(a.run).summary()
        _emit(a, s, "\n".join(f"{k:>14}: {v}" for k, v in s.items()))
        return 0
    rows = [r.summary() for r in store.runs()]
    if a.json:
        for s in rows:
            print(json.dumps(s, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No runs in {store.root}")
        return 0
    print(f"{'run':<40} {'status':<9} {'steps':>13} {'best val':>9}  shape")
    for s in rows:
        best = f"{s['best_val_loss']:.4f}" if isinstance(s["best_val_loss"], (int, float)) else "-"
        steps = f"{s['step'] or 0:,}/{s['total_steps'] or 0:,}"
        print(f"{s['id'][:40]:<40} {s['status']:<9} {steps:>13} {best:>9}  {s['shape']}")
    print(f"({len(rows)} runs in {store.root})")
    return 0


def cmd_bench(a) -> int:
    from .core.corpus import load_corpus

    steps = a.steps if a.steps is not None else 60
    if steps < 1 or a.warmup < 0 or a.repeat < 1:
        raise LmlabError("--steps and --repeat must be at least 1 and --warmup at least 0.")
    a.steps = steps + a.warmup
    cfg = _build_config(a)
    if a.gui:
        from .ui.bench_gui import run_gui_bench

        result = run_gui_bench(cfg, steps=steps, warmup=a.warmup, runs_dir=a.runs_dir, baseline=a.baseline,
                               repeat=a.repeat)
    else:
        from .core.bench import measure_throughput

        result = measure_throughput(cfg, load_corpus(cfg.corpus), steps=steps, warmup=a.warmup)
    print(json.dumps(result | {"gui": bool(a.gui)}), flush=True)
    return 0


def _floats(text: str) -> list[float]:
    try:
        return [float(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise LmlabError(f"Expected comma-separated numbers like 2e4,5e4 — not {text!r}.") from None


def cmd_sweep(a) -> int:
    from .core.engine import Control
    from .core.sweep import Sweep, plan_isoflop, plan_sizes_by_tokens, run_sweep, shape_for_params

    if a.action == "create":
        if not a.sizes or not (a.tokens or a.budgets):
            raise LmlabError("Give --sizes and either --tokens or --budgets.")
        base = _build_config(a, default_preset="tiny")
        vocab = base.model.vocab_size or 256
        shapes = [shape_for_params(n, vocab, base.model.block_size) for n in _floats(a.sizes)]
        if a.budgets:
            points = plan_isoflop(base, shapes, _floats(a.budgets))
        else:
            points = plan_sizes_by_tokens(base, shapes, [int(t) for t in _floats(a.tokens)])
        sw = Sweep.create(a.folder, base, points, a.name or "")
        _emit(a, {"type": "sweep-created", "folder": str(sw.path), "points": len(points)},
              f"Sweep of {len(points)} runs in {sw.path}:\n" + "\n".join(
                  f"  {p.name:<22} {p.n_layer}L {p.n_head}H {p.n_embd}d  D={p.tokens:,}" for p in points))
        return 0
    sw = Sweep.open(a.folder)
    if a.action == "run":
        if a.backend == "ray":
            from .core.sweep_parallel import run_sweep_ray

            events = run_sweep_ray(sw, address=a.address)
        elif a.parallel > 1 or (a.parallel == 0 and _gpu_count() > 1):
            from .core.sweep_parallel import run_sweep_processes

            events = run_sweep_processes(sw, slots=a.parallel or None)
        else:
            events = run_sweep(sw, Control())
        status = "sweep-finished"
        for ev in events:
            if ev.status == "running":
                continue
            status = ev.status
            _emit(a, {k: v for k, v in ev.__dict__.items() if k != "event"},
                  f"[{ev.index + 1}/{ev.total}] {ev.name} {ev.status} {ev.message}".rstrip()
                  + f"  ({100 * ev.fraction:.0f}% of the sweep)")
        return 0 if status == "sweep-finished" else EXIT_FAILED_RUN
    rows = sw.results()
    if a.csv:
        n = sw.export_csv(a.csv)
        _emit(a, {"type": "exported", "rows": n, "path": a.csv}, f"Wrote {n} finished runs to {a.csv}")
        return 0
    for r in rows:
        loss = f"{r['final_val_loss']:.4f}" if r["final_val_loss"] is not None else "-"
        _emit(a, r, f"{r['name']:<22} {r['status']:<9} N={r['N']:>10,} D={r['D']:>12,} loss {loss}")
    return 0


def cmd_demo(a) -> int:
    from .core.attention_demo import induction_demo

    def progress(step, loss, scores) -> None:
        if not a.json:
            print(f"  step {step:>5}  loss {loss:.3f}  best induction score {float(scores.max()):.3f}",
                  file=sys.stderr, flush=True)

    result = induction_demo(steps=a.steps, seed=a.seed, progress=progress)
    if a.json:
        print(json.dumps(result, default=float), flush=True)
        return 0
    layer, head = result["best_head"]
    print(f"Induction demo ({result['steps']} steps, seed {a.seed}, {result['seconds']:.0f} s): the best induction "
          f"score rose from {result['induction_before']:.3f} to {result['induction_after']:.3f} "
          f"(layer {layer}, head {head}); loss {result['final_loss']:.3f} vs chance {result['chance_loss']:.3f}.")
    return 0


def _gpu_count() -> int:
    import torch

    return torch.cuda.device_count()


def cmd_app(a) -> int:
    from .ui.app import main as app_main

    argv = []
    if a.runs_dir:
        argv += ["--runs-dir", a.runs_dir]
    return app_main(argv)


# -- parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lmlab",
        description="Train small Transformer language models from scratch and watch what they learn. "
                    "With no command, opens the desktop app.",
    )
    p.add_argument("--version", action="version", version=f"lmlab {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--runs-dir", metavar="DIR", help="runs folder (default: your user data folder; env LMLAB_RUNS_DIR)")
    common.add_argument("--json", action="store_true", help="one JSON object per line, for scripts")
    common.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sp = sub.add_parser("app", parents=[common], help="open the desktop app (the default)")
    sp.set_defaults(func=cmd_app)

    sp = sub.add_parser("prepare", parents=[common], help="check and tokenise a corpus; print its statistics")
    sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the embedded corpus)")
    sp.add_argument("--tokenizer", choices=["char", "bpe", "unigram"], default="char")
    sp.add_argument("--vocab-size", type=int, default=2048)
    sp.add_argument("--val-fraction", type=float, default=0.1)
    sp.add_argument("--out", metavar="DIR", help="where to write the token files (default: a temp folder)")
    sp.set_defaults(func=cmd_prepare)

    sp = sub.add_parser("train", parents=[common], help="train a model; prints progress (or JSON events)",
                        description="Train a GPT on a corpus. Ctrl+C stops cleanly after the current step "
                                    "and saves a checkpoint; --resume continues it.")
    _add_shape_options(sp)
    sp.add_argument("--name", help="a name for the run")
    sp.add_argument("--resume", metavar="RUN", help="continue a stopped run (folder, id or name)")
    sp.add_argument("-v", "--verbose", action="store_true", help="also print checkpoint events")
    sp.set_defaults(func=cmd_train)

    sp = sub.add_parser("sample", parents=[common], help="generate text from a trained run")
    sp.add_argument("run", nargs="?", help="run folder, id or name")
    sp.add_argument("--hf", metavar="DIR", help="sample a Hugging Face GPT-2 folder (safetensors) instead of a run")
    sp.add_argument("--prompt", default="\n")
    sp.add_argument("--max-new-tokens", type=int, default=300)
    sp.add_argument("--temperature", type=float, default=0.8)
    sp.add_argument("--top-k", type=int, default=0)
    sp.add_argument("--top-p", type=float, default=1.0)
    sp.add_argument("--repetition-penalty", type=float, default=1.0)
    sp.add_argument("--greedy", action="store_true")
    sp.add_argument("--seed", type=int, default=None)
    sp.add_argument("--stop", action="append", metavar="TEXT", help="stop when this text appears (repeatable)")
    sp.add_argument("--step", type=int, help="checkpoint step (default: latest)")
    sp.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"])
    sp.set_defaults(func=cmd_sample)

    sp = sub.add_parser("runs", parents=[common], help="list, show or delete runs")
    sp.add_argument("action", nargs="?", choices=["list", "show", "delete"], default="list")
    sp.add_argument("run", nargs="?", help="run folder, id or name (show, delete)")
    sp.add_argument("--yes", action="store_true", help="confirm delete")
    sp.set_defaults(func=cmd_runs)

    sp = sub.add_parser("bench", parents=[common], help="measure training throughput; prints one JSON line")
    _add_shape_options(sp)
    sp.add_argument("--warmup", type=int, default=10, dest="warmup", help="untimed steps first (default 10)")
    sp.add_argument("--gui", action="store_true", help="measure inside the real window with live plots, "
                    "plus the event loop's lateness")
    sp.add_argument("--baseline", action="store_true", help="--gui: pair each GUI run with a headless run of "
                    "the same engine loop in this process and report the ratio")
    sp.add_argument("--repeat", type=int, default=1, metavar="N", help="--gui: alternate N runs (or pairs)")
    sp.set_defaults(func=cmd_bench)
    # For bench, --steps is the number of timed steps (default 60) and --warmup the untimed ones,
    # as in shared/bench/reference_gpt.py.

    sp = sub.add_parser("sweep", parents=[common], help="plan and run a scaling sweep; list its results",
                        description="lmlab sweep create DIR --sizes 2e4,5e4,1.2e5 --tokens 6e5 ; "
                                    "lmlab sweep run DIR ; lmlab sweep results DIR --csv results.csv ; "
                                    "then lmlab fit results.csv")
    sp.add_argument("action", choices=["create", "run", "results"])
    sp.add_argument("folder", help="the sweep folder")
    sp.add_argument("--sizes", help="target non-embedding parameter counts, comma-separated (create)")
    sp.add_argument("--tokens", help="token budgets D, comma-separated (create: every size x every budget)")
    sp.add_argument("--budgets", help="compute budgets C in FLOPs (create: IsoFLOP design, D = C/6N)")
    sp.add_argument("--name")
    sp.add_argument("--csv", metavar="FILE", help="results: export finished runs as N, D, loss, C")
    sp.add_argument("--backend", choices=["local", "ray"], default="local",
                    help="run: one run after another here (local) or as Ray tasks (pip install lmlab[ray])")
    sp.add_argument("--address", help="run --backend ray: the Ray cluster address (default: start a local Ray)")
    sp.add_argument("--parallel", type=int, default=0, metavar="N",
                    help="run --backend local: N runs at a time as processes (default: one per GPU when there are "
                         "several, else 1)")
    _add_shape_options(sp)
    sp.set_defaults(func=cmd_sweep)

    sp = sub.add_parser("demo", parents=[common], help="reproducible demonstrations (induction: watch an "
                        "induction head form)")
    sp.add_argument("which", choices=["induction"])
    sp.add_argument("--steps", type=int, default=2000)
    sp.add_argument("--seed", type=int, default=0)
    sp.set_defaults(func=cmd_demo)

    from .cli_fit import add_fit_arguments, cmd_fit

    sp = sub.add_parser("fit", help="fit scaling laws to a results CSV (N, D, loss[, C])",
                        description="Fit L(N, D) = E + A/N^alpha + B/D^beta (Chinchilla approach 3) with "
                                    "bootstrap intervals, approach 2 (IsoFLOP), the power laws L(N), L(D), L(C), "
                                    "the compute-optimal exponents and plain warnings: the Scaling panel's fit.")
    add_fit_arguments(sp)
    sp.set_defaults(func=cmd_fit)

    from .cli_export import add_export_command

    add_export_command(sub, common)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    a = parser.parse_args(argv)
    if a.command is None:
        a.runs_dir = None
        a.func = cmd_app
    try:
        return a.func(a)
    except LmlabError as e:
        if getattr(a, "debug", False):
            raise
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - one line for the user; --debug for the traceback
        if getattr(a, "debug", False):
            raise
        print(f"error: {type(e).__name__}: {e} (run with --debug for details)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
