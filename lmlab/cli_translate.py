"""``lmlab translate-train`` and ``lmlab translate``: printers over ``core.jobs.translate``.

``lmlab translate-train --task digits-zh`` trains an encoder-decoder on an embedded task (or
``--data pairs.tsv``, ``--data pairs.jsonl``, ``--data src.txt tgt.txt``), printing BLEU, chrF and
exact match at each evaluation. ``lmlab translate RUN "text" [--beam N]`` prints a translation as it
is decoded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cli_config import add_config_options
from .core.errors import LmlabError


def add_translate_commands(sub, common: argparse.ArgumentParser) -> None:
    """Register ``lmlab translate-train`` and ``lmlab translate`` (``common``: --runs-dir, --json, --debug)."""
    from .core.seq2seq.tasks import DEFAULT_PAIRS, DIRECTIONS

    sp = sub.add_parser("translate-train", parents=[common], help="train an encoder-decoder translator",
                        description="Train an encoder-decoder Transformer (Vaswani et al. 2017) on sentence pairs: "
                                    "an embedded task (numbers in digits, English words and Chinese numerals; "
                                    "dates) or your own TSV / JSONL / two aligned files. Defaults: 2 + 2 layers of "
                                    "width 128, a character vocabulary shared by both sides.")
    src = sp.add_mutually_exclusive_group()
    src.add_argument("--task", type=_direction, metavar="DIRECTION",
                     help=f"an embedded task: {', '.join(d.replace('->', '-') for d in DIRECTIONS)} "
                          "(default: digits-zh; 'digits->zh' works too, quoted)")
    src.add_argument("--data", nargs="+", metavar="FILE",
                     help="source<TAB>target lines (.tsv), {\"source\", \"target\"} lines (.jsonl), or two "
                          "aligned files (source, target)")
    sp.add_argument("--pairs", type=int, default=DEFAULT_PAIRS, help="pairs an embedded task generates")
    sp.add_argument("--name", default="", help="the run's name (default: the task)")
    sp.add_argument("--separate-vocab", action="store_true",
                    help="one tokenizer per side instead of one shared by both (--vocab-size: each side's)")
    add_config_options(sp)
    sp.set_defaults(func=cmd_translate_train)

    sp = sub.add_parser("translate", parents=[common], help="translate a text with a trained translation run")
    sp.add_argument("run", help="run folder, id or name")
    sp.add_argument("text", help="the text to translate")
    sp.add_argument("--beam", type=int, default=1, help="beam width (1: greedy, streamed token by token)")
    sp.add_argument("--step", type=int, help="checkpoint step (default: the latest)")
    sp.add_argument("--probs", action="store_true", help="print each token with its probability")
    sp.set_defaults(func=cmd_translate)


def _direction(text: str) -> str:
    """A task direction as typed: "digits-zh" (no shell quoting needed) or "digits->zh"."""
    from .core.seq2seq.tasks import DIRECTIONS

    direction = text if "->" in text else text.replace("-", "->", 1)
    if direction not in DIRECTIONS:
        raise argparse.ArgumentTypeError(
            f"unknown task {text!r}; choose one of {', '.join(d.replace('->', '-') for d in DIRECTIONS)}")
    return direction


def cmd_translate_train(a) -> int:
    from .cli import EXIT_FAILED_RUN, _printer, _store, _StopOnInterrupt
    from .cli_config import build_config
    from .core.engine import Control, EvalMetrics, Finished, train
    from .core.jobs.translate import new_translation_run, translation_config
    from .core.seq2seq.tasks import task_source

    if a.corpus or a.clean:
        raise LmlabError("Give the sentence pairs with --data (or --task); --corpus and --clean are for "
                         "a language model's text.")
    source = [str(Path(p).expanduser().absolute()) for p in a.data] if a.data else \
        [task_source(a.task or "digits->zh", a.pairs)]
    cfg = build_config(a, base=translation_config())
    if a.separate_vocab:
        cfg = cfg.with_changes(data={"shared_vocab": False})
    store, printer = _store(a), _printer(a)
    run, data = printer.drive(new_translation_run(store, cfg, source, a.name or (a.task or "translation")))
    for part in ("train", "val"):
        for side in ("source", "target"):
            st = data.meta["stats"][part][side]
            printer.emit({"type": "pair-stats", "part": part, "side": side, **st},
                         f"{part:>5} {side}: {st['pairs']:,} sentences, {st['chars']:,} characters, {st['tokens']:,} "
                         f"tokens; length median {st['p50']:g}, 90% {st['p90']:g}, max {st['max']}")
    shared = data.meta["vocabulary"] == "shared"
    printer.emit({"type": "vocabulary", "size": data.vocab_size, "tokenizer": data.meta["tokenizer"],
                  "shared": shared},
                 f"Vocabulary: {data.vocab_size:,} tokens ({data.meta['tokenizer']}, "
                 f"{'shared by both sides' if shared else 'one tokenizer per side'})")
    control, status = Control(), "failed"
    with _StopOnInterrupt(control):
        for ev in train(run, control):
            printer.train_event(ev, run.path)
            if isinstance(ev, EvalMetrics) and ev.extra and not a.json:
                x = ev.extra
                printer.emit({}, f"          BLEU {x['bleu']:.1f}  chrF {x['chrf']:.1f}  "
                                 f"exact {100 * x['exact']:.1f} % of {len(data.val_sample())} held-out pairs")
            if isinstance(ev, Finished):
                status = ev.status
    return 0 if status in ("finished", "stopped") else EXIT_FAILED_RUN


def cmd_translate(a) -> int:
    from .cli import _store
    from .core.jobs.drive import drain
    from .core.jobs.translate import translate
    from .core.seq2seq.events import TranslatedToken

    run = _store(a).open(a.run)
    stream = not a.json and not a.probs

    def show(ev) -> None:
        if isinstance(ev, TranslatedToken) and stream:
            print(ev.piece, end="", flush=True)

    result = drain(translate(run.path, a.text, beam=a.beam, step=a.step), show)
    if a.json:
        print(json.dumps({"type": "translation", "source": result.source, "text": result.text, "beam": result.beam,
                          "step": result.step, "finished": result.finished,
                          "tokens": [{"piece": t.piece, "prob": t.prob} for t in result.tokens]},
                         ensure_ascii=False), flush=True)
    elif a.probs:
        print(" ".join(f"{t.piece}({t.prob:.2f})" for t in result.tokens))
    else:
        print()
    if not result.finished:
        print("note: the translation filled the model's context before it ended.", file=sys.stderr)
    return 0
