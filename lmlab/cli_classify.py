"""``lmlab classify-new`` and ``lmlab classify``: printers over ``core.jobs.classify``.

``lmlab classify-new [--data FILE] [--from RUN]`` creates a classifier run (an encoder from scratch,
or a head on RUN's body) and trains it, printing the evaluations' accuracy and macro-F1 against the
majority baseline; without ``--data`` it classifies the plays' passages by genre. ``lmlab classify
RUN FILE`` writes the run's predictions for FILE's texts as CSV.
"""

from __future__ import annotations

import argparse


def add_classify_commands(sub, common: argparse.ArgumentParser) -> None:
    """Register ``lmlab classify-new`` and ``lmlab classify`` (``common``: --runs-dir, --json, --debug)."""
    from .core.config import POOLINGS, PRESETS

    sp = sub.add_parser("classify-new", parents=[common], help="create and train a text classifier",
                        description="A classifier run on labelled texts (CSV/TSV with text and label columns, "
                                    "JSONL, or a folder with one subfolder per label; default: passages of the "
                                    "plays labelled comedy / history / tragedy). With --from, a head on that "
                                    "run's pretrained body; without, an encoder trained from scratch.")
    sp.add_argument("--data", metavar="PATH", help="labelled examples (default: the plays by genre)")
    sp.add_argument("--text-column", default="text", help="the column (JSON field) holding the text")
    sp.add_argument("--label-column", default="label", help="the column (JSON field) holding the label")
    sp.add_argument("--from", dest="parent", metavar="RUN", help="fine-tune this run (folder, id or name)")
    sp.add_argument("--step", type=int, help="the parent's checkpoint (default: the latest)")
    sp.add_argument("--pooling", choices=POOLINGS, help="what the head reads: the last token or the mean")
    sp.add_argument("--freeze", type=int, metavar="K", help="keep the lowest K layers frozen (the body's "
                                                            "layer count: only the head trains)")
    sp.add_argument("--preset", choices=list(PRESETS), default="tiny", help="the encoder's shape (from scratch)")
    sp.add_argument("--epochs", type=int, default=3, help="passes over the training examples")
    sp.add_argument("--steps", type=int, help="optimizer steps (default: from --epochs)")
    sp.add_argument("--lr", type=float, help="peak learning rate")
    sp.add_argument("--batch-size", type=int)
    sp.add_argument("--name", default="")
    sp.add_argument("--device", help="auto | cpu | cuda | mps")
    sp.add_argument("--no-train", action="store_true", help="create the run only (train it later)")
    sp.set_defaults(func=cmd_classify_new)

    sp = sub.add_parser("classify", parents=[common], help="classify texts with a classifier run; writes CSV",
                        description="Label each text of FILE (a CSV/TSV/JSONL with a text column, or one text "
                                    "per line) with RUN; the CSV has the label, its probability and every "
                                    "label's. When FILE has labels too, says how many were right.")
    sp.add_argument("run", help="run folder, id or name")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--text-column", default="text")
    sp.add_argument("--label-column", default="label")
    sp.add_argument("--out", metavar="CSV", help="where to write (default: FILE.predictions.csv)")
    sp.add_argument("--step", type=int, help="checkpoint step (default: the latest)")
    sp.set_defaults(func=cmd_classify)


def cmd_classify_new(a) -> int:
    from .cli import _printer, _store, _StopOnInterrupt
    from .core.config import preset
    from .core.engine import Control, EvalMetrics, Finished
    from .core.jobs.classify import LabelSource, create_classifier
    from .core.jobs.drive import drain
    from .core.jobs.train import prepare_and_train

    store, printer = _store(a), _printer(a)
    parent = store.open(a.parent) if a.parent else None
    model = {k: v for k, v in (("pooling", a.pooling), ("freeze_layers", a.freeze)) if v is not None}
    train = {k: v for k, v in (("learning_rate", a.lr), ("max_steps", a.steps), ("batch_size", a.batch_size),
                               ("device", a.device)) if v is not None}
    run = drain(create_classifier(store, LabelSource(a.data, a.text_column, a.label_column), parent=parent,
                                  step=a.step, base=preset(a.preset), model=model, train=train, epochs=a.epochs,
                                  name=a.name),
                lambda ev: printer.emit({"type": ev.type, "stage": ev.stage, "message": ev.message}, ev.message))
    printer.emit({"type": "run", "run_dir": str(run.path)}, f"Run folder: {run.path}")
    if a.no_train:
        return 0
    control, status = Control(), "failed"
    with _StopOnInterrupt(control):
        for ev in prepare_and_train(run, control):
            printer.train_event(ev, run.path)
            if isinstance(ev, EvalMetrics) and ev.extra and not a.json:
                x = ev.extra
                print(f"  accuracy {x['accuracy']:.3f}  macro-F1 {x['macro_f1']:.3f}  "
                      f"(always the commonest label: {x['majority']:.3f})")
            if isinstance(ev, Finished):
                status = ev.status
    return 0 if status in ("finished", "stopped") else 2


def cmd_classify(a) -> int:
    from pathlib import Path

    from .cli import _printer, _store
    from .core.classify.labelled import read_texts
    from .core.classify.predictions import write_predictions
    from .core.jobs.classify import classify

    printer = _printer(a)
    run = _store(a).open(a.run)
    texts, labels = read_texts(a.file, a.text_column, a.label_column)
    predictions = classify(run, texts, a.step)
    out = Path(a.out) if a.out else Path(a.file).with_suffix(".predictions.csv")
    right = write_predictions(out, predictions, labels)
    score = f"; {right:,} of {len(texts):,} right ({right / len(texts):.1%})" if labels else ""
    printer.emit({"type": "predictions", "path": str(out), "n": len(texts), "right": right if labels else None},
                 f"Wrote {len(texts):,} predictions to {out}{score}")
    return 0
