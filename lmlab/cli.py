"""``lmlab <command>``: the same core as the app, no Qt.

With no command, ``lmlab`` opens the desktop app. Errors print one line on stderr
and exit non-zero (``--debug`` shows the traceback). ``--json`` prints one JSON
object per event, for scripts.
"""

from __future__ import annotations

import argparse
import importlib
import json
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_config import add_clean_option, add_config_options, build_config
from .core.errors import LmlabError

EXIT_ERROR = 2
EXIT_FAILED_RUN = 1


# -- shared helpers ------------------------------------------------------------------


def _store(a):
    from .core.runs import RunStore

    return RunStore(a.runs_dir)


def _printer(a, *, quiet: bool = False):
    from .cli_printer import Printer

    return Printer(a.json, quiet=quiet, verbose=getattr(a, "verbose", False))


# -- commands ------------------------------------------------------------------------


def cmd_prepare(a) -> int:
    import tempfile

    from .core.cleaning import CleaningOptions
    from .core.corpus import load_corpus
    from .core.dataset import prepare
    from .core.tokenizer_fit import tokenizer_cache_dir

    printer = _printer(a)
    corpus = load_corpus(a.paths or [])
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="lmlab-prepare-"))
    data = printer.drive(prepare(corpus, out, tokenizer=a.tokenizer, vocab_size=a.vocab_size,
                                 val_fraction=a.val_fraction, tokenizer_cache=tokenizer_cache_dir(_store(a).root),
                                 clean=CleaningOptions.parse(a.clean or "").spec()))
    s = data.stats
    summary = data.to_dict() | {"type": "prepared", "folder": str(out), "corpus": corpus.label}
    printer.emit(summary, (
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


def cmd_train(a) -> int:
    import torch

    from .core.distributed import DistContext
    from .core.engine import Control, Finished, train
    from .core.jobs.train import new_run

    store = _store(a)
    control = Control()
    cfg = None if a.resume else build_config(a)
    device = (cfg.train.device if cfg else a.device) or "auto"
    dist = DistContext.from_env("cuda" if device in ("auto", "cuda") and torch.cuda.is_available() else "cpu")
    printer = _printer(a, quiet=not dist.is_main)
    status = "failed"
    try:
        if a.resume:
            run = store.open(a.resume)
        else:
            run, data = printer.drive(new_run(store, cfg, a.name or (a.preset or "run"), dist))
            if data is not None:
                printer.emit(data.to_dict() | {"type": "prepared"},
                             f"Corpus: {data.n_train + data.n_val:,} tokens ({data.tokenizer_kind}, vocabulary "
                             f"{data.vocab_size:,}); train {data.n_train:,} / validation {data.n_val:,}")
        with _StopOnInterrupt(control):
            for ev in train(run, control, resume=bool(a.resume), dist=dist):
                printer.train_event(ev, run.path)
                if isinstance(ev, Finished):
                    status = ev.status
        return 0 if status in ("finished", "stopped") else EXIT_FAILED_RUN
    finally:
        dist.close()


def cmd_sample(a) -> int:
    from .core.generate import SamplingOptions, generate
    from .core.loading import load_hf_model, load_trained

    if a.hf:
        tm = load_hf_model(a.hf)
    elif a.run:
        tm = load_trained(_store(a).open(a.run), a.step, device=a.device or "cpu").language_model("Sampling")
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
            _printer(a).emit({"type": "token", "id": tok.id, "text": tok.text, "prob": tok.prob}, None)
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
        _printer(a).emit({"type": "deleted", "run": run.id}, f"Deleted {run.path}")
        return 0
    if a.action == "show":
        s = store.open(a.run).summary()
        _printer(a).emit(s, "\n".join(f"{k:>14}: {v}" for k, v in s.items()))
        return 0
    rows = [r.summary() for r in store.runs()]
    if a.json:
        for s in rows:
            print(json.dumps(s, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No runs in {store.root}")
        return 0
    print(f"{'run':<40} {'status':<9} {'steps':>13} {'best val':>9}  shape (fine-tuned from)")
    for s in rows:
        best = f"{s['best_val_loss']:.4f}" if isinstance(s["best_val_loss"], (int, float)) else "-"
        steps = f"{s['step'] or 0:,}/{s['total_steps'] or 0:,}"
        print(f"{s['id'][:40]:<40} {s['status']:<9} {steps:>13} {best:>9}  {s['shape']}"
              + (f"  <- {s['parent']}" if s["parent"] else ""))
    print(f"({len(rows)} runs in {store.root})")
    return 0


def cmd_bench(a) -> int:
    from .core.corpus import load_corpus

    steps = a.steps if a.steps is not None else 60
    if steps < 1 or a.warmup < 0 or a.repeat < 1:
        raise LmlabError("--steps and --repeat must be at least 1 and --warmup at least 0.")
    a.steps = steps + a.warmup
    cfg = build_config(a)
    if a.gui:
        from .ui.bench_gui import run_gui_bench

        result = run_gui_bench(cfg, steps=steps, warmup=a.warmup, runs_dir=a.runs_dir, baseline=a.baseline,
                               repeat=a.repeat, own_process=not a.in_process)
    else:
        from .core.bench import measure_throughput

        result = measure_throughput(cfg, load_corpus(cfg.corpus), steps=steps, warmup=a.warmup, choose=a.choose,
                                    rounds=a.repeat if a.repeat > 1 else 3)
    print(json.dumps(result | {"gui": bool(a.gui)}), flush=True)
    return 0


def _floats(text: str) -> list[float]:
    try:
        return [float(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise LmlabError(f"Expected comma-separated numbers like 2e4,5e4 — not {text!r}.") from None


def cmd_sweep(a) -> int:
    from .core.engine import Control
    from .core.sweep import Sweep, plan_ablation, plan_isoflop, plan_sizes_by_tokens, run_sweep, shape_for_params

    if a.action == "create":
        if not a.sizes or not (a.tokens or a.budgets):
            raise LmlabError("Give --sizes and either --tokens or --budgets.")
        base = build_config(a, default_preset="tiny")
        vocab = base.model.vocab_size or 256
        shapes = [shape_for_params(n, vocab, base.model.block_size) for n in _floats(a.sizes)]
        if a.budgets:
            points = plan_isoflop(base, shapes, _floats(a.budgets))
        else:
            points = plan_sizes_by_tokens(base, shapes, [int(t) for t in _floats(a.tokens)])
        if a.ablate:
            points = plan_ablation(points, [o.strip() for o in a.ablate.split(",") if o.strip()])
        sw = Sweep.create(a.folder, base, points, a.name or "")
        _printer(a).emit({"type": "sweep-created", "folder": str(sw.path), "points": len(points)},
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
        status, printer = "sweep-finished", _printer(a)
        for ev in events:
            if ev.status == "running":
                continue
            status = ev.status
            printer.emit({k: v for k, v in ev.__dict__.items() if k != "event"},
                  f"[{ev.index + 1}/{ev.total}] {ev.name} {ev.status} {ev.message}".rstrip()
                  + f"  ({100 * ev.fraction:.0f}% of the sweep)")
        return 0 if status == "sweep-finished" else EXIT_FAILED_RUN
    rows = sw.results()
    if a.csv:
        n = sw.export_csv(a.csv)
        _printer(a).emit({"type": "exported", "rows": n, "path": a.csv}, f"Wrote {n} finished runs to {a.csv}")
        return 0
    for r in rows:
        loss = f"{r['final_val_loss']:.4f}" if r["final_val_loss"] is not None else "-"
        _printer(a).emit(r, f"{r['name']:<22} {r['status']:<9} N={r['N']:>10,} D={r['D']:>12,} loss {loss}")
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
    marker = result["induction_marker"]
    if marker is not None:  # the phase change: the loss curve drops where the induction head forms
        losses = {int(h[0]): h[1] for h in result["history"]}
        before = [v for s, v in losses.items() if s < marker["step"]]
        print(f"Induction marker at step {marker['step']} (layer {marker['layer']}, head {marker['head']}, score "
              f"{marker['value']:.2f} >= {marker['threshold']}): the loss went from "
              f"{before[-1] if before else float('nan'):.3f} to {losses[marker['step']]:.3f} there.")
    return 0


def _gpu_count() -> int:
    import torch

    return torch.cuda.device_count()


def cmd_app(a) -> int:
    from .ui.app import main as app_main

    argv = []
    if a.runs_dir:
        argv += ["--runs-dir", a.runs_dir]
    if a.lang:
        argv += ["--lang", a.lang]
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
    sp.add_argument("--lang", metavar="LANG", help="interface language: en or zh_CN (default: env LMLAB_LANG, "
                                                   "else View > Language, else the system's); the CLI stays English")
    sp.set_defaults(func=cmd_app)

    sp = sub.add_parser("prepare", parents=[common], help="check and tokenise a corpus; print its statistics",
                        description="Check and tokenise a corpus and print its statistics. A trained bpe/unigram "
                                    "tokenizer is kept in the runs folder's cache: a run on the same corpus and "
                                    "split uses it instead of training another.")
    sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the embedded corpus)")
    sp.add_argument("--tokenizer", choices=["char", "bpe", "unigram"], default="char")
    sp.add_argument("--vocab-size", type=int, default=2048)
    sp.add_argument("--val-fraction", type=float, default=0.1)
    add_clean_option(sp)
    sp.add_argument("--out", metavar="DIR", help="where to write the token files (default: a temp folder)")
    sp.set_defaults(func=cmd_prepare)

    sp = sub.add_parser("train", parents=[common], help="train a model; prints progress (or JSON events)",
                        description="Train a GPT on a corpus. Ctrl+C stops cleanly after the current step "
                                    "and saves a checkpoint; --resume continues it.")
    add_config_options(sp)
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
    add_config_options(sp)
    sp.add_argument("--warmup", type=int, default=10, dest="warmup", help="untimed steps first (default 10)")
    sp.add_argument("--gui", action="store_true", help="measure inside the real window with live plots, "
                    "plus the event loop's lateness")
    sp.add_argument("--baseline", action="store_true", help="--gui: pair each GUI run with a headless run of "
                    "the same engine loop in this process and report the ratio")
    sp.add_argument("--in-process", action="store_true", dest="in_process",
                    help="--gui: train inside the app's process, not in a child process of its own (the default)")
    sp.add_argument("--repeat", type=int, default=1, metavar="N", help="--gui: alternate N runs (or pairs); "
                    "--choose: interleaved rounds of every candidate (default 3)")
    sp.add_argument("--choose", action="store_true", help="measure eager, compiled and (CPUs with bf16) bf16 "
                    "training interleaved and report the fastest with an unchanged loss, and why")
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
    sp.add_argument("--ablate", metavar="OPTIONS",
                    help="create: also run every point with each option on, comma-separated: rope, qk_norm, "
                         "relu_squared, zero_init_proj, untied_head, softcap, muon, modern (all)")
    sp.add_argument("--name")
    sp.add_argument("--csv", metavar="FILE", help="results: export finished runs as N, D, loss, C")
    sp.add_argument("--backend", choices=["local", "ray"], default="local",
                    help="run: one run after another here (local) or as Ray tasks (pip install lmlab[ray])")
    sp.add_argument("--address", help="run --backend ray: the Ray cluster address (default: start a local Ray)")
    sp.add_argument("--parallel", type=int, default=0, metavar="N",
                    help="run --backend local: N runs at a time as processes (default: one per GPU when there are "
                         "several, else 1)")
    add_config_options(sp)
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

    # the commands that live in modules of their own: (module, the function that adds them)
    for module, adder in (
        ("cli_export", "add_export_command"),
        ("cli_tokenizers", "add_tokenizers_command"),
        ("cli_chat", "add_chat_commands"),
        ("cli_translate", "add_translate_commands"),
        ("cli_tuning", "add_tuning_commands"),
        ("cli_classify", "add_classify_commands"),
    ):
        getattr(importlib.import_module(f".{module}", __package__), adder)(sub, common)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    a = parser.parse_args(argv)
    if a.command is None:
        a.runs_dir = a.lang = None
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
