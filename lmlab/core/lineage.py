"""A fine-tuning run's lineage: where it came from, and the weights it starts from.

``config.json`` of a fine-tune carries ``"parent"`` beside its config (``Run.write_config(cfg, parent=...)``):
the parent run's id and name, the checkpoint step, the data, and the parent's own loss on the held-out
conversations (``reference_val_loss``). ``parent.safetensors`` holds the starting weights: the parent's
checkpoint grown by rows for the new tokens; the engine loads it on the run's first start
(``engine._Trainer.start_from_parent``), and a resumed run continues from its own checkpoints.
"""

from __future__ import annotations

import os

import torch
from safetensors.torch import save

from .runs import Run, atomic_write_bytes, load_safetensors

INITIAL_WEIGHTS = "parent.safetensors"


def parent_of(run: Run) -> dict:
    """{"run", "name", "step", "data", "epochs", "reference_val_loss", ...} of a fine-tune; {} for any other run."""
    parent = run.read_meta().get("parent")
    return parent if isinstance(parent, dict) else {}


def load_initial_weights(run: Run) -> dict[str, torch.Tensor] | None:
    """The weights ``run`` starts from, or None for a run trained from scratch."""
    path = run.path / INITIAL_WEIGHTS
    return load_safetensors(path) if os.path.lexists(path) else None


def write_initial_weights(run: Run, tensors: dict[str, torch.Tensor]) -> None:
    atomic_write_bytes(run.path / INITIAL_WEIGHTS,
                       save({k: v.contiguous() for k, v in tensors.items()}, metadata={"format": "pt"}))
