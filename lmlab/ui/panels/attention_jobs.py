"""The attention panel's work, as plain generators (no Qt): the panel runs them in a ``GeneratorWorker``.

``compute_attention(request, cache)`` loads the run's model at a checkpoint (kept in a
small ``ModelCache`` so changing the text does not reload it), turns the text, or a
slice of the validation tokens, into token ids, and returns an ``AttentionResult``
holding numpy arrays only: every layer's and head's map and the head scores.
``load_history(run_path)`` reads the attention snapshots the engine recorded at each
evaluation. Both yield a short sentence before each stage; the worker stops at a
yield when a newer request supersedes them.

Also here: ``display_token``, how a token piece is written on an axis (whitespace
made visible), and ``matrix_labels`` (the labels of a whole axis).

    >>> display_token(" the")
    '␣the'
    >>> display_token("\\n")
    '⏎'
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ...core.attention import (
    SCORE_NAMES,
    attention_maps,
    average_heads,
    future_mask,
    grid_cell_at,
    head_scores,
    layer_head_grid,
    load_probe,
    load_snapshots,
    log_color_scale,
)
from ...core.dataset import load_prepared
from ...core.errors import LmlabError
from ...core.loading import TrainedModel, find_checkpoint, load_trained
from ...core.runs import Run

# Whitespace and control characters drawn as visible symbols on the axes.
VISIBLE = {
    " ": "␣", "\n": "⏎", "\r": "␍", "\t": "⇥", "\u3000": "□",  # ideographic space
    "\x00": "␀", "\x0b": "␋", "\x0c": "␌", "\x1b": "␛", "\x7f": "␡",
}
MAX_LABEL_CHARS = 8


def display_token(piece: str, max_chars: int = MAX_LABEL_CHARS) -> str:
    """A token piece as an axis label: whitespace and control characters visible, long pieces cut.

    >>> display_token("a b\\tc")
    'a␣b⇥c'
    >>> display_token("")
    '∅'
    >>> display_token("extraordinarily", 6)
    'extra…'
    >>> display_token("中文")
    '中文'
    """
    if piece == "":
        return "∅"
    out = []
    for ch in piece:
        if ch in VISIBLE:
            out.append(VISIBLE[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"U+{ord(ch):04X}")
        else:
            out.append(ch)
    text = "".join(out)
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return text


def matrix_labels(pieces: Sequence[str]) -> list[str]:
    """Axis labels for a whole sequence of pieces (see ``display_token``)."""
    return [display_token(p) for p in pieces]


# -- requests and results ---------------------------------------------------------------------


@dataclass(frozen=True)
class AttentionRequest:
    """What to compute: a run at a checkpoint, on typed text or on a slice of its validation tokens."""

    run_path: str
    step: int | None = None  # checkpoint step; None = the latest
    text: str | None = None  # typed text; None = take ``length`` tokens of the validation set
    val_offset: int = 0  # where that slice starts (wrapped into the validation tokens)
    length: int = 64  # tokens of the validation slice (at most the context)


@dataclass
class AttentionResult:
    request: AttentionRequest
    step: int  # the checkpoint actually loaded
    ids: np.ndarray  # (T,) int64
    pieces: list[str]  # (T,) token pieces as the tokenizer decodes them
    text: str  # the text the ids stand for (the validation slice decoded)
    maps: np.ndarray  # (L, H, T, T) float32, rows sum to 1, zero above the diagonal
    scores: dict[str, np.ndarray]  # SCORE_NAMES -> (L, H) float32
    notice: str = ""  # a sentence about the input (cropped, unknown characters), or ""
    val_offset: int = 0  # the validation slice's start, when the input came from there

    @property
    def n_layer(self) -> int:
        return self.maps.shape[0]

    @property
    def n_head(self) -> int:
        return self.maps.shape[1]

    @property
    def labels(self) -> list[str]:
        return matrix_labels(self.pieces)


@dataclass
class HistoryResult:
    """The run's attention snapshots: the probe's maps and head scores at each evaluation."""

    run_path: str
    steps: np.ndarray  # (N,) int64, ascending
    maps: list[np.ndarray]  # N x (L, H, T, T) float16, as stored
    scores: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (N, L, H) float32
    pieces: list[str] = field(default_factory=list)  # the probe's T token pieces
    message: str = ""  # why there is nothing to show, or ""

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def labels(self) -> list[str]:
        return matrix_labels(self.pieces)


# -- the model cache ----------------------------------------------------------------------------


class ModelCache:
    """The last few loaded models, by (run folder, checkpoint step, weights file time); thread-safe.

    Only one worker at a time uses a model (the panel runs one job at a time), so the
    lock guards the dictionary, not the models.
    """

    def __init__(self, capacity: int = 2):
        self.capacity = capacity
        self._lock = threading.Lock()
        self._models: OrderedDict[tuple, TrainedModel] = OrderedDict()

    def get(self, run_path: str | Path, step: int | None) -> TrainedModel:
        run = Run(run_path)
        ck = find_checkpoint(run, step)
        try:
            stamp = ck.model_file.stat().st_mtime_ns
        except OSError:
            stamp = 0
        key = (str(Path(run_path).resolve()), ck.step, stamp)
        with self._lock:
            if key in self._models:
                self._models.move_to_end(key)
                return self._models[key]
        tm = load_trained(run, ck.step)
        with self._lock:
            self._models[key] = tm
            while len(self._models) > self.capacity:
                self._models.popitem(last=False)
        return tm

    def clear(self) -> None:
        with self._lock:
            self._models.clear()


# -- jobs -------------------------------------------------------------------------------------------


def _text_ids(tm: TrainedModel, text: str) -> tuple[list[int], str]:
    """Token ids of typed text, cropped to the context, and a sentence about what was changed."""
    tok = tm.tokenizer
    notes = []
    unknown_of = getattr(tok, "unknown_chars", None)
    unknown = unknown_of(text) if unknown_of is not None else []
    if unknown:
        shown = " ".join(display_token(c) for c in unknown[:8]) + (" …" if len(unknown) > 8 else "")
        if getattr(tok, "unk_policy", "replace") == "replace":
            notes.append(f"Characters this model never saw are shown as �: {shown}")
        else:
            bad = set(unknown)
            text = "".join(c for c in text if c not in bad)
            notes.append(f"Left out characters this model never saw: {shown}")
    ids = list(tok.encode(text))
    T = tm.config.model.block_size
    if len(ids) > T:
        notes.append(f"Only the first {T} of {len(ids)} tokens fit in this model's context.")
        ids = ids[:T]
    return ids, " ".join(notes)


def _validation_ids(tm: TrainedModel, offset: int, length: int) -> tuple[list[int], int]:
    """``length`` validation tokens from ``offset`` (wrapped), and the offset used."""
    val = load_prepared(tm.run.data_dir).val_tokens()
    n = len(val)
    if n == 0:
        raise LmlabError("This run has no validation tokens to take a text from; type one instead.")
    length = max(1, min(int(length), tm.config.model.block_size, n))
    start = int(offset) % (n - length + 1)
    return [int(i) for i in val[start : start + length]], start


def analyse(tm: TrainedModel, ids: Sequence[int]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Maps (L, H, T, T) float32 and head scores (L, H) of ``ids`` for a loaded model."""
    maps = attention_maps(tm.model, ids).astype(np.float32, copy=False)
    scores = head_scores(tm.model, maps=maps)
    return maps, {name: np.asarray(scores[name], dtype=np.float32) for name in SCORE_NAMES}


def compute_attention(request: AttentionRequest, cache: ModelCache) -> Generator[str, None, AttentionResult]:
    """Load, tokenise, compute: yields a sentence before each stage, returns an ``AttentionResult``."""
    yield "Loading the model…"
    tm = cache.get(request.run_path, request.step)
    yield "Reading the text…"
    offset = 0
    if request.text is None:
        ids, offset = _validation_ids(tm, request.val_offset, request.length)
        notice = ""
    else:
        ids, notice = _text_ids(tm, request.text)
    if not ids:
        raise LmlabError("The text is empty; type something or take a text from the validation set.")
    pieces = [tm.tokenizer.id_to_piece(i) for i in ids]
    text = tm.tokenizer.decode(ids) if request.text is None else request.text
    yield "Computing attention…"
    maps, scores = analyse(tm, ids)
    return AttentionResult(request, tm.step, np.asarray(ids, dtype=np.int64), pieces, text, maps, scores,
                           notice, offset)


def load_history(run_path: str) -> Generator[str, None, HistoryResult]:
    """The run's snapshots, keeping those of the probe's length (a resumed run may have changed it)."""
    yield "Reading attention snapshots…"
    snaps = load_snapshots(run_path)
    probe = load_probe(run_path) or {}
    pieces = [str(p) for p in probe.get("tokens") or []]
    if not snaps:
        return HistoryResult(run_path, np.zeros(0, dtype=np.int64), [], {}, pieces,
                             "No attention snapshots yet: training records one at every evaluation.")
    T = len(pieces) if pieces else snaps[-1].maps.shape[-1]
    shape = next((s.maps.shape for s in reversed(snaps) if s.maps.shape[-1] == T), snaps[-1].maps.shape)
    snaps = [s for s in snaps if s.maps.shape == shape]
    if len(pieces) != shape[-1]:
        pieces = [f"#{i}" for i in range(shape[-1])]
    names = [n for n in SCORE_NAMES if all(n in s.scores for s in snaps)]
    scores = {n: np.stack([np.asarray(s.scores[n], dtype=np.float32) for s in snaps]) for n in names}
    steps = np.array([s.step for s in snaps], dtype=np.int64)
    return HistoryResult(run_path, steps, [s.maps for s in snaps], scores, pieces)


# -- what a heatmap shows ------------------------------------------------------------------------


def select_map(maps: np.ndarray, layer: int, head: int, average: bool) -> np.ndarray:
    """One (T, T) map of (L, H, T, T) attention: a head's, or the mean of a layer's heads.

    >>> m = np.zeros((1, 2, 2, 2)); m[0, 0] = np.eye(2); m[0, 1] = [[1, 0], [1, 0]]
    >>> select_map(m, 0, 1, False).tolist(), select_map(m, 0, 1, True).tolist()
    ([[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [0.5, 0.5]])
    """
    maps = np.asarray(maps)
    layer = min(max(0, layer), maps.shape[0] - 1)
    if average:
        return maps[layer].astype(np.float32).mean(axis=0)
    head = min(max(0, head), maps.shape[1] - 1)
    return maps[layer, head].astype(np.float32)


def display_values(weights: np.ndarray, log: bool, causal: bool = True) -> np.ndarray:
    """Colour positions in [0, 1] for attention weights (..., T, T); keys a query cannot see are NaN.

    >>> display_values(np.array([[1.0, 0.0], [0.5, 0.5]]), log=False).tolist()
    [[1.0, nan], [0.5, 0.5]]
    """
    shown = log_color_scale(weights) if log else np.array(weights, dtype=np.float32)
    if causal:
        shown[..., future_mask(shown.shape[-1])] = np.nan
    return shown


@dataclass(frozen=True)
class Overview:
    """Every layer's and head's map tiled into one image (see ``layer_head_grid``)."""

    image: np.ndarray  # colour positions, NaN in gaps and above each diagonal
    layers: list[int]  # the layer of each tile row
    n_cols: int  # tiles per row: heads, or 1 when averaged
    T: int
    gap: int

    def tile_at(self, row: int, col: int) -> tuple[int, int] | None:
        """(layer, column) of the tile under an image cell, or None in a gap."""
        cell = grid_cell_at(row, col, self.T, self.gap)
        if cell is None or cell[0] >= len(self.layers) or cell[1] >= self.n_cols:
            return None
        return self.layers[cell[0]], cell[1]

    def centre(self, index: int) -> float:
        """Image coordinate of the centre of tile ``index`` along either axis."""
        return index * (self.T + self.gap) + (self.T - 1) / 2


def overview(maps: np.ndarray, *, average: bool, layer: int | None, log: bool) -> Overview:
    """The overview image: all layers (or only ``layer``) x all heads (or their mean)."""
    maps = np.asarray(maps, dtype=np.float32)
    L, H, T, _ = maps.shape
    if average:
        maps = average_heads(maps)[:, None]  # (L, 1, T, T)
    layers = list(range(L)) if layer is None else [min(max(0, layer), L - 1)]
    gap = max(1, T // 12)
    image = layer_head_grid(display_values(maps[layers], log), gap=gap)
    return Overview(image, layers, maps.shape[1], T, gap)
