"""Driving a job: every long piece of work in lmlab is a generator that yields progress and
returns a result. These are the only places that step one by hand.

Example::

    >>> def job():
    ...     yield 0.5
    ...     yield 1.0
    ...     return "done"
    >>> seen = []
    >>> drain(job(), seen.append), seen
    ('done', [0.5, 1.0])
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..events import Control

R = TypeVar("R")


def drain(gen: Generator[Any, Any, R], on_event: Callable[[Any], object] | None = None) -> R:
    """Run ``gen`` to its end, passing each yielded value to ``on_event``; return its return value."""
    while True:
        try:
            ev = next(gen)
        except StopIteration as stop:
            return stop.value
        if on_event is not None:
            on_event(ev)


def thinned(fractions: Generator[float, Any, R], step: float = 0.01) -> Generator[float, None, R]:
    """Re-yield a stream of fractions only when it has moved on by ``step``; return its result.

    Example: 0.001, 0.004, 0.012, 0.013, 0.5 with step 0.01 -> 0.012, 0.5.
    """
    last = 0.0
    while True:
        try:
            frac = next(fractions)
        except StopIteration as stop:
            return stop.value
        if frac - last >= step:
            last = frac
            yield frac


def mapped(gen: Generator[Any, Any, R], fn: Callable[[Any], Any]) -> Generator[Any, None, R]:
    """Re-yield ``fn(ev)`` for each event of ``gen``; return its result (``yield from`` with a translation)."""
    while True:
        try:
            ev = next(gen)
        except StopIteration as stop:
            return stop.value
        yield fn(ev)


def stoppable(gen: Generator[Any, Any, R], control: Control) -> Generator[Any, None, tuple[bool, R | None]]:
    """Re-yield ``gen``'s events, waiting while ``control`` is paused; returns (stopped, result).

    On a stop request ``gen`` is closed (its ``finally`` blocks clean up) and (True, None) returned.
    """
    while True:
        control.wait_if_paused()
        if control.stop_requested:
            gen.close()
            return True, None
        try:
            ev = next(gen)
        except StopIteration as stop:
            return False, stop.value
        yield ev
