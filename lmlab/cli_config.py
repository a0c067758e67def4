"""The run-configuration options of ``lmlab train``, ``bench`` and ``sweep``, and the config they describe.

Options are applied over ``--config`` (a TOML or JSON file), else ``--preset``; the settings they
imply (a new learning rate's floor) come from ``core.derive``, the checks from ``core.config``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .core.errors import LmlabError


def add_config_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("run configuration (applied over --config, then --preset)")
    g.add_argument("--corpus", nargs="+", action="extend", metavar="PATH",
                   help="text files or folders (.txt, .md, .jsonl); default: the embedded Shakespeare corpus")
    g.add_argument("--config", metavar="FILE", help="a run configuration in TOML or JSON ([model], [data], [train])")
    g.add_argument("--preset", help="tiny | small | medium | cpu | shakespeare | modern (default: cpu)")
    g.add_argument("--modern", action="store_true", default=None,
                   help="the modern recipe over the preset or config: rotary positions, QK-norm, ReLU², "
                        "zero-initialised projections, untied head, logit soft-cap, Muon for hidden matrices")
    g.add_argument("--steps", type=int, metavar="N", help="optimizer steps")
    g.add_argument("--token-budget", type=int, metavar="TOKENS", help="train on this many tokens instead of --steps")
    g.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], help="default: auto (CUDA, then MPS, then CPU)")
    g.add_argument("--seed", type=int)
    g.add_argument("--arch", choices=["gpt", "encoder-mlm"],
                   help="gpt (default), or an encoder pretrained on masked tokens (for lmlab classify-new --from)")
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
    g.add_argument("--compile", nargs="?", const="on", choices=["auto", "on", "off"],
                   help="torch.compile the model: on (--compile alone), off, or auto (the default: where "
                        "`lmlab bench --choose` measured it faster on this device and shape)")
    g.add_argument("--threads", type=int, help="CPU threads for torch (0: torch's default)")
    g.add_argument("--on-divergence", choices=["stop", "rollback"],
                   help="on a loss spike or nan: stop (default) or roll back to the last good checkpoint at half the rate")
    g.add_argument("--tokenizer", choices=["char", "bpe", "unigram"])
    g.add_argument("--vocab-size", type=int, help="vocabulary size for bpe/unigram")
    g.add_argument("--val-fraction", type=float)
    add_clean_option(g)


def add_clean_option(p) -> None:
    """``--clean SPEC``: cleaning before tokenising (recorded in the run's config as ``data.clean``)."""
    p.add_argument("--clean", metavar="SPEC",
                   help="clean the text before tokenising, e.g. nfkc,whitespace,html,dedup,near-dedup=0.8; words: "
                        "nfc|nfkc, halfwidth, whitespace, html, t2s, stopwords, min-line=N, max-line=N, min-doc=N, "
                        "max-doc=N, dedup-lines, dedup, near-dedup[=0.7] (the original files are never changed)")


def build_config(a: argparse.Namespace, default_preset: str = "cpu", base=None):
    """The run configuration the options describe (over --config, else --preset, else ``base`` when given,
    else ``default_preset``); rules live in core.derive."""
    from .core.cleaning import CleaningOptions
    from .core.config import check, load_config_file, preset, with_modern
    from .core.derive import with_choices

    if a.config and a.preset:
        raise LmlabError("Give either --config or --preset, not both.")
    if a.steps is not None and a.steps < 1:
        raise LmlabError("--steps must be at least 1.")
    if a.config:
        cfg = load_config_file(a.config)
    else:
        cfg = preset(a.preset or default_preset) if a.preset or base is None else base
    if a.modern:
        cfg = with_modern(cfg)
    model = {k: getattr(a, k) for k in MODEL_OPTIONS if getattr(a, k) is not None}
    train = {k: getattr(a, k) for k in TRAIN_OPTIONS if getattr(a, k) is not None}
    if a.steps is not None:
        train["max_steps"] = a.steps
    data = {k: getattr(a, k) for k in DATA_OPTIONS if getattr(a, k) is not None}
    if a.clean is not None:  # recorded in its canonical form, so equal cleanings compare equal
        data["clean"] = CleaningOptions.parse(a.clean).spec()
    changes = {"model": model, "train": train, "data": data}
    if a.corpus:
        changes["corpus"] = [str(Path(p).expanduser().absolute()) for p in a.corpus]
    return check(with_choices(cfg, **changes))


MODEL_OPTIONS = ("arch", "n_layer", "n_head", "n_embd", "block_size", "dropout")
TRAIN_OPTIONS = ("seed", "device", "batch_size", "grad_accum", "learning_rate", "min_lr", "warmup_steps", "eval_every",
                 "log_every", "checkpoint_every", "precision", "compile", "threads", "token_budget",
                 "on_divergence")
DATA_OPTIONS = ("tokenizer", "vocab_size", "val_fraction", "clean")
