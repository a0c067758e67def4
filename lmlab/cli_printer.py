"""How ``lmlab`` shows a job's events: progress bars in a terminal, plain lines when piped, JSON on request.

The CLI runs the same core jobs as the app and hands every event to one ``Printer``:

* ``--json``: one JSON object per event on stdout (for scripts);
* a terminal (stdout is a TTY): ``tqdm`` progress bars with the rate and the time left, for
  preparing (per stage) and training (steps, with the loss), and a line for each evaluation;
* piped or redirected: plain lines, preparation on stderr at most every half second, one line
  per logged training step.

    printer = Printer(json_mode=False)                     # or force_tty=True / a stream, in tests
    data = printer.drive(prepare(corpus, out))             # shows the progress, returns the result
    for ev in train(run):
        printer.train_event(ev, run)
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Generator
from typing import Any, TextIO

from tqdm import tqdm

from .core.engine import Checkpointed, EvalMetrics, Finished, Started, StepMetrics, event_to_dict
from .core.guards.events import OverfitAlert, RolledBack
from .core.events import PrepareProgress, RunCreated
from .core.jobs.drive import drain
from .core.units import clock_time

STAGES = {"reading": "Reading", "tokenizer": "Tokenizer", "encoding": "Encoding"}


class Printer:
    """One output mode for one command (see the module docstring); ``quiet`` prints nothing (torchrun's
    ranks other than 0: rank 0 speaks for all)."""

    def __init__(self, json_mode: bool = False, *, stream: TextIO | None = None, err: TextIO | None = None,
                 force_tty: bool | None = None, quiet: bool = False, verbose: bool = False):
        self.out = stream if stream is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        tty = force_tty if force_tty is not None else _isatty(self.out)
        self.mode = "json" if json_mode else ("tty" if tty else "plain")
        self.quiet, self.verbose = quiet, verbose
        self._bar: tqdm | None = None
        self._stage = ""
        self._last_line = 0.0
        self._total = self._start = 0
        self._t_start = time.monotonic()

    # -- plain records ------------------------------------------------------------------------
    def emit(self, obj: dict, human: str | None) -> None:
        """One event: ``obj`` as JSON, or the ``human`` line (if any)."""
        if self.quiet:
            return
        if self.mode == "json":
            print(json.dumps(obj, ensure_ascii=False), file=self.out, flush=True)
        elif human is not None:
            self._close_bar()
            print(human, file=self.out, flush=True)

    def error(self, sentence: str) -> None:
        if not self.quiet:
            self._close_bar()
            print(f"error: {sentence}", file=self.err, flush=True)

    def drive(self, gen: Generator[Any, Any, Any]) -> Any:
        """Run a preparation job to its end, showing each event; returns its result."""
        try:
            return drain(gen, self.event)
        finally:
            self._close_bar()

    def event(self, ev: object) -> None:
        if isinstance(ev, PrepareProgress):
            self.progress(ev)
        elif isinstance(ev, RunCreated):
            self.emit({"type": ev.type, "run_dir": ev.run_dir}, f"Run folder: {ev.run_dir}")

    # -- preparation ---------------------------------------------------------------------------
    def progress(self, ev: PrepareProgress) -> None:
        if self.quiet:
            return
        if self.mode == "json":
            self.emit({"type": "progress", "stage": ev.stage, "fraction": ev.fraction, "message": ev.message}, None)
        elif self.mode == "tty":
            if ev.stage != self._stage:
                self._close_bar()
                self._stage = ev.stage
                self._bar = tqdm(total=100, desc=STAGES.get(ev.stage, ev.stage), unit="%", file=self.out,
                                 dynamic_ncols=True, bar_format="{desc:>10}: {percentage:3.0f}%|{bar}| "
                                                                "[{elapsed}<{remaining}, {rate_fmt}]{postfix}")
            if ev.message:
                self._bar.set_postfix_str(ev.message, refresh=False)
            if ev.fraction >= 0:  # -1: a step that cannot say how far it is (the bar's clock still runs)
                self._bar.update(max(0.0, 100 * ev.fraction - self._bar.n))
        elif ev.message or time.monotonic() - self._last_line > 0.5:
            self._last_line = time.monotonic()
            pct = f" {100 * ev.fraction:5.1f}%" if ev.fraction >= 0 else ""
            print(f"{ev.stage:>9}{pct} {ev.message}".rstrip(), file=self.err, flush=True)

    # -- training ------------------------------------------------------------------------------
    def train_event(self, ev: object, run_path: object) -> None:
        """Show one engine event (``run_path``: the run folder, named at the end)."""
        if self.quiet:
            return
        if self.mode == "json":
            self.emit(event_to_dict(ev), None)
        elif isinstance(ev, Started):
            self._total, self._start, self._t_start = ev.total_steps, ev.start_step, time.monotonic()
            self.emit({}, f"Training {ev.params:,} parameters on {ev.device_name} ({ev.precision}), "
                          f"{ev.total_steps:,} steps of {ev.tokens_per_step:,} tokens"
                          + (f", resuming at step {ev.start_step:,}" if ev.start_step else ""))
            if self.mode == "tty":
                self._bar = tqdm(total=ev.total_steps, initial=ev.start_step, desc="  Training", unit="step",
                                 file=self.out, dynamic_ncols=True)
        elif isinstance(ev, StepMetrics):
            if self._bar is not None:
                self._bar.update(ev.step - self._bar.n)
                self._bar.set_postfix(loss=f"{ev.loss:.4f}", lr=f"{ev.lr:.1e}", tok_s=f"{ev.tokens_per_s:,.0f}",
                                      refresh=False)
            else:
                left = (self._total - ev.step) * (time.monotonic() - self._t_start) / max(1, ev.step - self._start)
                self.emit({}, f"step {ev.step:>6,}/{self._total:,}  loss {ev.loss:.4f}  lr {ev.lr:.2e}  "
                              f"grad {ev.grad_norm:.2f}  {ev.tokens_per_s:,.0f} tok/s  {clock_time(ev.elapsed)} "
                              f"(~{clock_time(left)} left)")
        elif isinstance(ev, EvalMetrics):
            self._line(f"eval @ {ev.step:,}: train {ev.train_loss:.4f}  val {ev.val_loss:.4f}")
        elif isinstance(ev, (RolledBack, OverfitAlert)):  # core.guards: a sentence that says what happened
            self._line(ev.message)
        elif isinstance(ev, Checkpointed):
            if self.verbose:
                self._line(f"checkpoint saved: {ev.path}")
        elif isinstance(ev, Finished):
            self._close_bar()
            best = f"; best validation loss {ev.best_val_loss:.4f}" if ev.best_val_loss is not None else ""
            if ev.status == "failed":
                self.error(ev.reason)
                self.emit({}, f"Run folder: {run_path}")
            else:
                self.emit({}, f"{ev.status}: {ev.reason}{best}\nRun folder: {run_path}")

    def _line(self, text: str) -> None:
        """A line that does not break the bar below it."""
        if self._bar is not None:
            self._bar.write(text, file=self.out)
        else:
            self.emit({}, text)

    def _close_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._stage = ""


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or foreign stream
        return False
