"""What "N processes train the one-process curve" means in the tests: every logged step's loss, compared.

``TOLERANCE`` is the one docs/scale-out.md states: over 30 steps on the CPU (gloo), N processes sum the
same per-sequence losses and gradients in another order (smaller micro-batches on each rank, then the
all-reduce), so each step's loss is off by a few float32 ulps: at most 9.5e-7 (4 ulps at a loss of 3) in
the cpu preset's 30 steps. A missing all-reduce or a wrong data slice is off by 1e-3 and more from the
first steps.
"""

from __future__ import annotations

TOLERANCE = 1e-5


def step_losses(run) -> dict[int, float]:
    """The run's training loss at every logged step (set log_every to 1 to have them all)."""
    return {r["step"]: r["loss"] for r in run.read_metrics() if r["type"] == "step"}


def assert_same_losses(expected: dict[int, float], got: dict[int, float], tol: float = TOLERANCE) -> None:
    """The same steps, each step's loss within ``tol``; the message names every step that is not."""
    assert sorted(got) == sorted(expected), (sorted(expected), sorted(got))
    off = {s: (expected[s], got[s]) for s in expected if abs(expected[s] - got[s]) > tol}
    assert not off, f"{len(off)} of {len(expected)} steps differ by more than {tol}: {off}"
