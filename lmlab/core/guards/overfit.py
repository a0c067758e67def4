"""The overfitting alert, the best checkpoint kept apart from the rotation, and the epochs counter.

**The rule** (``overfitting``): at an evaluation, the validation loss is more than ``MARGIN`` (2 %)
above its best so far, and was at the evaluation before too (``PATIENCE`` = 2 in a row), while the
training loss (on the same fixed blocks) is below what it was at the best evaluation: the model
gets better at its training text and worse at text it has not seen. Example: val 1.50 (best, train
1.45), then val 1.56 / train 1.30, then val 1.60 / train 1.22 -> the alert, with the best at the first.

**The best checkpoint**: at each evaluation that lowers the validation loss, the engine saves a
checkpoint at that step (unless it saves one there anyway) and ``keep_best`` links it into
``checkpoints/best/`` (hard links; a copy where a link is impossible), which ``Run.checkpoints`` and
the rotation of ``keep_checkpoints`` never touch. ``best_checkpoint(run)`` reads it back as a
``Checkpoint`` of its own step, so everything that loads checkpoints (``loading.find_checkpoint``:
the Playground, Attention, export) can use it once the rotation has deleted ``step_NNNNNN``.

**Epochs** (``epochs_seen``): tokens seen / tokens in the training split.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from ..errors import LmlabError, RunStoreError, user_text
from ..runs import CKPT_DIR, Checkpoint, Run, atomic_write_json, read_json
from .events import OverfitAlert

MARGIN = 0.02  # validation above its best by more than this share counts as rising
PATIENCE = 2  # evaluations in a row
BEST_DIR = "best"
BEST_FILES = ("model.safetensors", "optim.safetensors", "state.json")


def overfitting(evals: list[tuple[int, float, float]]) -> OverfitAlert | None:
    """The alert for the last of ``evals`` ((step, train loss, val loss), ascending), or None.

    Example: [(100, 1.45, 1.50), (200, 1.30, 1.56), (300, 1.22, 1.60)] -> an alert at step 300,
    best at step 100; [(100, 1.45, 1.50), (200, 1.30, 1.56)] -> None (only once above the best).
    """
    if len(evals) < PATIENCE + 1:
        return None
    best = min(range(len(evals)), key=lambda i: evals[i][2])
    best_step, best_train, best_val = evals[best]
    tail = evals[-PATIENCE:]
    if best >= len(evals) - PATIENCE:
        return None
    rising = all(val > best_val * (1 + MARGIN) for _, _, val in tail)
    falling = all(train < best_train for _, train, _ in tail) and tail[-1][1] <= tail[0][1]
    if not (rising and falling):
        return None
    step, _, val = evals[-1]
    rise = 100 * (val / best_val - 1)
    return OverfitAlert(step, val, best_step, best_val, user_text(
        "Overfitting: the validation loss rose to {val:.3f}, {rise:.0f}% above its best ({best_val:.3f} at step "
        "{best_step:,}), while the training loss kept falling. The best checkpoint is kept; more text, a smaller "
        "model, more dropout or fewer steps would help.", val=val, rise=rise, best_val=best_val, best_step=best_step))


def epochs_seen(tokens: int, train_tokens: int) -> float:
    """How many times the training text has been seen: ``epochs_seen(3_000_000, 1_000_000) -> 3.0``."""
    return tokens / train_tokens if train_tokens > 0 else 0.0


# -- the best checkpoint -------------------------------------------------------------------------


def best_dir(run: Run) -> Path:
    return run.path / CKPT_DIR / BEST_DIR


def keep_best(run: Run, ck: Checkpoint, val_loss: float) -> Checkpoint:
    """Make ``ck`` the run's best checkpoint (``checkpoints/best/``), replacing the previous best."""
    final = best_dir(run)
    tmp = final.with_name(f".tmp-best-{os.getpid()}")
    old = final.with_name(f".old-best-{os.getpid()}")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for name in BEST_FILES[:-1]:
            try:
                os.link(ck.path / name, tmp / name)  # checkpoint files are never rewritten in place
            except OSError:
                shutil.copy2(ck.path / name, tmp / name)
        atomic_write_json(tmp / "state.json", dict(ck.load_state(), best_val_loss=val_loss))
        if final.exists():
            os.replace(final, old)
        os.replace(tmp, final)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RunStoreError("Cannot keep the best checkpoint in {final}: {reason}.", final=final, reason=e.strerror or e) from None
    shutil.rmtree(old, ignore_errors=True)
    return Checkpoint(ck.step, final)


def best_checkpoint(run: Run) -> Checkpoint | None:
    """The run's best checkpoint by validation loss, or None (none kept, or damaged)."""
    path = best_dir(run)
    if path.is_symlink() or not all((path / f).is_file() for f in BEST_FILES):
        return None
    with contextlib.suppress(LmlabError, KeyError, TypeError, ValueError):
        return Checkpoint(int(read_json(path / "state.json")["step"]), path)
    return None


class OverfitWatch:
    """The engine's evaluations -> the best checkpoint kept, and the alert when the rule fires."""

    def __init__(self, run: Run):
        self.run = run
        self.evals: list[tuple[int, float, float]] | None = None  # read from metrics.jsonl at the first evaluation
        self.alerted = False  # one alert per rise: it is said again only after a new best

    def after_eval(self, tr, train_loss: float, val_loss: float, saved: bool) -> Iterator:
        """After the evaluation at ``tr.step`` (and its checkpoint, if ``saved``): yields Checkpointed and
        OverfitAlert events. Every process calls it (a save is collective); only the main one writes."""
        if self.evals is None:  # a resumed run: its evaluations so far (a damaged record is left out)
            self.evals = [(r["step"], float(r["train_loss"]), float(r["val_loss"])) for r in self.run.read_metrics()
                          if r.get("type") == "eval" and isinstance(r.get("step"), int) and r["step"] < tr.step
                          and all(isinstance(r.get(k), (int, float)) for k in ("train_loss", "val_loss"))]
        self.evals = [e for e in self.evals if e[0] < tr.step] + [(tr.step, train_loss, val_loss)]
        finite = [e for e in self.evals if e[2] == e[2] and e[1] == e[1]]
        if finite and finite[-1][0] == tr.step and min(v for _, _, v in finite) == val_loss:
            self.alerted = False
            if not saved:
                yield tr.save()
            if tr.dist.is_main:
                keep_best(self.run, next(c for c in self.run.checkpoints() if c.step == tr.step), val_loss)
            return
        alert = overfitting(finite)
        if alert is not None and not self.alerted:
            self.alerted = True
            self.run.append_metrics(asdict(alert))
            yield alert


def checkpoint_steps(run: Run) -> list[int]:
    """The steps a model can be loaded at: the checkpoints on disk and the best kept apart, ascending."""
    best = best_checkpoint(run)
    return sorted({c.step for c in run.checkpoints()} | ({best.step} if best else set()))
