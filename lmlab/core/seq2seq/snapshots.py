"""An encoder-decoder's attention maps: of any pair, and of a fixed probe pair over training.

``pair_maps`` runs the inspect path on a (source, target) pair, the target fed as the decoder's input
after ``<s>`` (teacher forcing), and gives three arrays of (layer, head, query, key):
``encoder`` (L, H, S, S), ``decoder`` (L, H, T, T) and ``cross`` (L, H, T, S): row ``cross[l, h, t]``
is how target token t (predicting the next one) spreads its attention over the source tokens.

At each evaluation the engine's hook (``evaluate``) records the probe pair (the first of the
validation sample) in ``run/attention/seq2seq/``: ``probe.json`` (source and target token pieces)
and ``step_000000250.npz`` (the three arrays, float16), the layout of GPT's snapshots
(``core.attention_files``), loaded the same way (``allow_pickle=False``, a torn file skipped).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ..attention_files import attention_dir, load_step_files
from ..runs import atomic_write_bytes, atomic_writer
from .vocab import PairVocabulary

SEQ2SEQ_DIR = "seq2seq"
PROBE_FILE = "probe.json"
SNAPSHOT_PATTERN = re.compile(r"^step_(\d+)\.npz$")
MAP_NAMES = ("encoder", "decoder", "cross")


@dataclass
class PairMaps:
    """Attention of one pair; ``step``: the checkpoint or evaluation it comes from."""

    step: int
    source_tokens: list[str]  # the encoder's tokens (keys of cross)
    target_tokens: list[str]  # the decoder's inputs: "<s>" then the target (queries of cross)
    encoder: np.ndarray  # (L, H, S, S)
    decoder: np.ndarray  # (L, H, T, T)
    cross: np.ndarray  # (L, H, T, S)


@torch.inference_mode()
def pair_maps(model, vocab: PairVocabulary, source: str, target: str, step: int = 0) -> PairMaps:
    """Every attention map of ``model`` on (source, target); both cut to the context."""
    T = model.cfg.block_size
    src = vocab.source.encode(source)[:T]
    tgt = [model.bos_id, *vocab.target.encode(target)][:T]
    device = model.tok_emb.weight.device
    was_training = model.training
    model.eval()
    try:
        _, _, maps = model(torch.tensor([src], device=device), torch.tensor([tgt], device=device),
                           return_attention=True)
    finally:
        model.train(was_training)
    stack = {name: torch.stack([m[0] for m in maps[name]]).float().cpu().numpy() for name in MAP_NAMES}
    return PairMaps(step, [vocab.source.id_to_piece(i) for i in src], [vocab.target.id_to_piece(i) for i in tgt],
                    stack["encoder"], stack["decoder"], stack["cross"])


def snapshot_dir(run_dir: str | Path) -> Path:
    return attention_dir(run_dir) / SEQ2SEQ_DIR


def record_seq2seq_snapshot(model, vocab: PairVocabulary, source: str, target: str, run_dir: str | Path,
                            step: int) -> PairMaps:
    """Compute and save the probe pair's maps at ``step`` (and ``probe.json`` the first time)."""
    maps = pair_maps(model, vocab, source, target, step)
    folder = snapshot_dir(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / PROBE_FILE).exists():
        probe = {"version": 1, "source": source, "target": target,
                 "source_tokens": maps.source_tokens, "target_tokens": maps.target_tokens}
        atomic_write_bytes(folder / PROBE_FILE, json.dumps(probe, ensure_ascii=False).encode("utf-8"))
    arrays = {"step": np.asarray(int(step), dtype=np.int64)}
    arrays |= {name: np.asarray(getattr(maps, name), dtype=np.float16) for name in MAP_NAMES}
    with atomic_writer(folder / f"step_{int(step):09d}.npz") as f:
        np.savez_compressed(f, **arrays)
    return maps


def load_seq2seq_snapshots(run_dir: str | Path) -> list[PairMaps]:
    """The probe pair's maps at every recorded evaluation, by step ([] when there are none)."""
    folder = snapshot_dir(run_dir)
    try:
        probe = json.loads((folder / PROBE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []

    def load(path: Path) -> PairMaps:
        with open(path, "rb") as f, np.load(f, allow_pickle=False) as z:
            return PairMaps(int(z["step"]), list(probe["source_tokens"]), list(probe["target_tokens"]),
                            z["encoder"], z["decoder"], z["cross"])

    return load_step_files(folder, SNAPSHOT_PATTERN, load)
