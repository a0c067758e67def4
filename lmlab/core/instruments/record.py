"""What the engine records at each evaluation, and reading it back.

At every evaluation (``Recorder.record``) the run folder's ``instruments/`` gets

* ``probe_step_000000250.npz``: the attention probe's per-token losses, top alternatives and
  logit lens, and each layer's update-to-weight ratio since the previous record (``health``) (numpy only, read with ``allow_pickle=False``; ``version`` inside), from one forward
  pass whose last lens row is the model's output, so the per-token loss costs nothing more;
* an entry in ``timeline.json`` (``timeline``): the run's prompts sampled with a fixed seed.

``load_probe_records`` reads the first back for the app, sorted by step; torn files are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from ..attention_files import load_step_files
from ..events import InstrumentsRecorded
from ..runs import atomic_writer
from .health import UpdateTracker, layer_grad_norms
from .logit_lens import LogitLens, logit_lens
from .per_token import TokenLosses, next_token_stats
from .timeline import TimelineEntry, append_entry, instruments_dir, load_prompts, sample_prompts

PROBE_VERSION = 1
PROBE_PATTERN = re.compile(r"^probe_step_(\d+)\.npz$")


@dataclass
class ProbeRecord:
    """The probe at one evaluation: per-token losses and the logit lens."""

    step: int
    losses: TokenLosses
    lens: LogitLens
    update_ratio: dict[str, float] = field(default_factory=dict)  # layer -> update/weight since the last record
    grad_norm: dict[str, float] = field(default_factory=dict)  # layer -> gradient norm of the probe's loss


def probe_path(run_dir: str | Path, step: int) -> Path:
    return instruments_dir(run_dir) / f"probe_step_{int(step):09d}.npz"


def measure_probe(model: torch.nn.Module, ids: Sequence[int], step: int) -> ProbeRecord:
    """Per-token losses and the logit lens of ``ids`` from one forward pass."""
    lens = logit_lens(model, ids, keep_logits=True)
    ids_t = torch.from_numpy(lens.ids)
    stats = next_token_stats(torch.from_numpy(lens.final_logits[:-1]), ids_t[1:])
    lens.final_logits = None  # (T, V): not stored
    return ProbeRecord(int(step), TokenLosses(lens.ids, *stats), lens)


def save_probe_record(run_dir: str | Path, rec: ProbeRecord) -> Path:
    path = probe_path(run_dir, rec.step)
    path.parent.mkdir(parents=True, exist_ok=True)
    tl, lens = rec.losses, rec.lens
    arrays = dict(version=np.int64(PROBE_VERSION), step=np.int64(rec.step), ids=tl.ids, losses=tl.losses,
                  probs=tl.probs, top_ids=tl.top_ids, top_probs=tl.top_probs, lens_top_ids=lens.top_ids,
                  lens_top_probs=lens.top_probs, lens_target_probs=lens.target_probs,
                  update_names=np.array(list(rec.update_ratio), dtype=np.str_),
                  update_ratios=np.array(list(rec.update_ratio.values()), dtype=np.float32),
                  grad_names=np.array(list(rec.grad_norm), dtype=np.str_),
                  grad_norms=np.array(list(rec.grad_norm.values()), dtype=np.float32))
    with atomic_writer(path) as f:
        np.savez_compressed(f, **arrays)
    return path


def _load_probe_record(path: Path) -> ProbeRecord:
    with open(path, "rb") as f, np.load(f, allow_pickle=False) as z:
        if int(z["version"]) != PROBE_VERSION:
            raise ValueError(f"probe record version {int(z['version'])}")
        ids = z["ids"]
        tl = TokenLosses(ids, z["losses"], z["probs"], z["top_ids"], z["top_probs"])
        lens = LogitLens(ids, z["lens_top_ids"], z["lens_top_probs"], z["lens_target_probs"])
        return ProbeRecord(int(z["step"]), tl, lens, _named(z, "update_names", "update_ratios"),
                           _named(z, "grad_names", "grad_norms"))


def _named(z, names: str, values: str) -> dict[str, float]:
    """An optional per-layer mapping of a record (one written before it existed has none)."""
    return dict(zip(z[names].tolist(), z[values].tolist())) if names in z.files else {}


def load_probe_record(run_dir: str | Path, step: int) -> ProbeRecord | None:
    """The record of one evaluation, or None if it is missing or unreadable."""
    try:
        return _load_probe_record(probe_path(run_dir, step))
    except Exception:  # missing, torn or foreign
        return None


def load_probe_records(run_dir: str | Path) -> list[ProbeRecord]:
    """Every readable probe record of a run, sorted by step; torn, foreign or newer files are skipped."""
    return load_step_files(instruments_dir(run_dir), PROBE_PATTERN, _load_probe_record)


class Recorder:
    """Records the instruments of one run at each evaluation (the engine holds one, on rank 0)."""

    def __init__(self, run_dir: str | Path, tokenizer, probe_ids: Sequence[int]):
        self.run_dir = Path(run_dir)
        self.tokenizer = tokenizer
        self.probe_ids = [int(i) for i in probe_ids]
        self.updates = UpdateTracker()

    def record(self, model: torch.nn.Module, step: int, val_loss: float | None) -> InstrumentsRecorded:
        """Measure the probe, sample the timeline, store both; the model's mode is restored."""
        probe_loss = None
        ratios = self.updates.measure(model)
        if len(self.probe_ids) >= 2:
            rec = measure_probe(model, self.probe_ids, step)
            rec.update_ratio = ratios or {}
            rec.grad_norm = layer_grad_norms(model, self.probe_ids)
            save_probe_record(self.run_dir, rec)
            probe_loss = rec.losses.mean
        prompts = load_prompts(self.run_dir)
        samples = sample_prompts(model, self.tokenizer, prompts)
        append_entry(self.run_dir, TimelineEntry(int(step), val_loss, samples, prompts))
        return InstrumentsRecorded(int(step), val_loss, probe_loss, samples)
