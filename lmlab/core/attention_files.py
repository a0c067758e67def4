"""Attention on disk: the probe, the snapshots recorded over training, and exported maps.

Snapshots are written to ``run_dir/attention/step_000000250.npz`` (numpy only,
loaded with ``allow_pickle=False``) next to ``run_dir/attention/probe.json`` (the
probe's token ids and pieces). Every file is written to a temporary name and then
renamed, so a reader never sees half a file; a torn or corrupt one is skipped.
``record_snapshot`` (``lmlab.core.attention``) computes and saves one at each evaluation.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np

from .runs import atomic_writer

T = TypeVar("T")

ATTENTION_DIR = "attention"
PROBE_FILE = "probe.json"
SNAPSHOT_PATTERN = re.compile(r"^step_(\d+)\.npz$")


# -- snapshots over training ----------------------------------------------------


@dataclass
class ProbeSnapshot:
    """Attention on the probe at one training step."""

    step: int
    maps: np.ndarray  # (L, H, T, T) float16
    scores: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (L, H)


def attention_dir(run_dir: str | Path) -> Path:
    return Path(run_dir) / ATTENTION_DIR


def _atomic_write_bytes(path: Path, write) -> None:
    """Call ``write(file)`` on a temporary file next to ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path) as f:
        write(f)


def save_probe(run_dir: str | Path, ids: Sequence[int], tokens: Sequence[str] | None = None) -> Path:
    """Write the probe's token ids and pieces (for axis labels) to ``attention/probe.json``."""
    ids = [int(i) for i in ids]
    pieces = [str(t) for t in tokens] if tokens is not None else [str(i) for i in ids]
    if len(pieces) != len(ids):
        raise ValueError(f"{len(ids)} token ids but {len(pieces)} token pieces")
    data = {"version": 1, "ids": ids, "tokens": pieces, "text": "".join(pieces)}
    path = attention_dir(run_dir) / PROBE_FILE
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    _atomic_write_bytes(path, lambda f: f.write(payload))
    return path


def load_probe(run_dir: str | Path) -> dict | None:
    """``{"ids": [...], "tokens": [...], "text": str}`` or None if missing or unreadable."""
    try:
        data = json.loads((attention_dir(run_dir) / PROBE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("ids"), list):
        return None
    return data


def snapshot_path(run_dir: str | Path, step: int) -> Path:
    return attention_dir(run_dir) / f"step_{int(step):09d}.npz"


def save_snapshot(run_dir: str | Path, step: int, maps: np.ndarray, scores: dict[str, np.ndarray]) -> Path:
    """Write one snapshot (maps stored as float16) atomically; returns its path."""
    arrays = {"step": np.asarray(int(step), dtype=np.int64), "maps": np.asarray(maps, dtype=np.float16)}
    for name, value in scores.items():
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"score name {name!r} must be letters, digits and underscores")
        arrays[f"score_{name}"] = np.asarray(value, dtype=np.float32)
    path = snapshot_path(run_dir, step)
    _atomic_write_bytes(path, lambda f: np.savez_compressed(f, **arrays))
    return path


def _load_snapshot(path: Path) -> ProbeSnapshot:
    with open(path, "rb") as f, np.load(f, allow_pickle=False) as z:
        maps = z["maps"]
        if maps.ndim != 4 or maps.shape[-1] != maps.shape[-2]:
            raise ValueError(f"maps of shape {maps.shape}")
        scores = {k[len("score_") :]: z[k] for k in z.files if k.startswith("score_")}
        return ProbeSnapshot(step=int(z["step"]), maps=maps, scores=scores)


def load_step_files(folder: Path, pattern: re.Pattern, load: Callable[[Path], T]) -> list[T]:
    """``load`` of every file in ``folder`` whose name matches ``pattern``, sorted by the step
    (``.step``) of what it returns; a file that fails to load (torn, corrupt, pickled, foreign) is skipped."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out = []
    for name in names:
        if not pattern.match(name):
            continue
        try:
            out.append(load(folder / name))
        except Exception:  # never crash a panel on a bad file
            continue
    out.sort(key=lambda s: s.step)
    return out


def load_snapshots(run_dir: str | Path) -> list[ProbeSnapshot]:
    """Every readable snapshot of a run, sorted by step; torn or corrupt files are skipped."""
    return load_step_files(attention_dir(run_dir), SNAPSHOT_PATTERN, _load_snapshot)


def load_snapshot_scores(run_dir: str | Path, step: int) -> dict[str, np.ndarray] | None:
    """Only the head scores of the snapshot at ``step`` (the maps are not read); None if unreadable."""
    try:
        with open(snapshot_path(run_dir, step), "rb") as f, np.load(f, allow_pickle=False) as z:
            return {k[len("score_") :]: z[k] for k in z.files if k.startswith("score_")}
    except Exception:  # missing, torn or foreign: nothing to show for this step
        return None


def score_history(snapshots: Sequence[ProbeSnapshot], name: str) -> tuple[np.ndarray, np.ndarray]:
    """Steps (N,) and one score over training (N, L, H), for plotting a head's score against steps."""
    snaps = [s for s in snapshots if name in s.scores]
    if not snaps:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0, 0), dtype=np.float32)
    return np.array([s.step for s in snaps], dtype=np.int64), np.stack([s.scores[name] for s in snaps])


# -- export ---------------------------------------------------------------------


def save_map_npy(path: str | Path, array: np.ndarray) -> Path:
    """Save an array as ``.npy`` (no pickling), atomically."""
    path = Path(path)
    arr = np.asarray(array)
    _atomic_write_bytes(path, lambda f: np.save(f, arr, allow_pickle=False))
    return path


def save_map_csv(
    path: str | Path,
    array: np.ndarray,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    corner: str = "query \\ key",
) -> Path:
    """Save a 2-D map as UTF-8 CSV with labelled rows and columns (tokens may be any text)."""
    arr = np.asarray(array)
    if arr.ndim != 2:
        raise ValueError(f"a CSV holds one 2-D map, not shape {arr.shape}")
    if len(row_labels) != arr.shape[0] or len(col_labels) != arr.shape[1]:
        raise ValueError(
            f"map is {arr.shape[0]}x{arr.shape[1]} but got {len(row_labels)} row and {len(col_labels)} column labels"
        )
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([corner, *map(str, col_labels)])
    for label, row in zip(row_labels, arr):
        w.writerow([str(label), *(f"{float(v):.6g}" for v in row)])
    payload = buf.getvalue().encode("utf-8")
    path = Path(path)
    _atomic_write_bytes(path, lambda f: f.write(payload))
    return path
