"""What an attention heatmap shows, as numpy (no Qt): colour positions, the layer x head grid, token labels.

The attention panel draws these arrays; the maps come from ``lmlab.core.attention``.
``display_token`` writes a token piece on an axis (whitespace made visible):

    >>> display_token(" the")
    '␣the'
    >>> display_token("\\n")
    '⏎'
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


# -- colour scales and the layer x head grid -------------------------------------


def average_heads(maps: np.ndarray) -> np.ndarray:
    """Mean over heads: (L, H, T, T) -> (L, T, T). Rows still sum to 1."""
    return np.asarray(maps).mean(axis=-3)


def future_mask(T: int) -> np.ndarray:
    """(T, T) bool, True above the diagonal: keys a query cannot see (draw them blank)."""
    return np.triu(np.ones((T, T), dtype=bool), k=1)


def log_color_scale(maps: np.ndarray, floor: float = 1e-3) -> np.ndarray:
    """Map probabilities to [0, 1] on a log scale: ``floor`` and below -> 0, 1 -> 1.

    Small attention weights stay visible next to large ones.

    >>> log_color_scale(np.array([0.0, 1e-3, 3.1623e-2, 1.0])).round(3).tolist()
    [0.0, 0.0, 0.5, 1.0]
    """
    if not 0 < floor < 1:
        raise ValueError("floor must be between 0 and 1")
    lo = math.log10(floor)
    x = np.log10(np.clip(np.asarray(maps, dtype=np.float64), floor, 1.0))
    return ((x - lo) / -lo).astype(np.float32)


def layer_head_grid(maps: np.ndarray, gap: int = 1, fill: float = np.nan) -> np.ndarray:
    """Tile (L, H, T, T) into one 2-D image: layers as rows, heads as columns, ``gap`` cells between.

    The result is (L*T + (L-1)*gap, H*T + (H-1)*gap), float32; gaps hold ``fill``.
    Map (l, h) starts at row ``l*(T+gap)``, column ``h*(T+gap)``.

    >>> layer_head_grid(np.ones((2, 3, 4, 4))).shape
    (9, 14)
    """
    maps = np.asarray(maps, dtype=np.float32)
    L, H, T, _ = maps.shape
    step = T + gap
    grid = np.full((L * step - gap, H * step - gap), fill, dtype=np.float32)
    for l in range(L):
        for h in range(H):
            grid[l * step : l * step + T, h * step : h * step + T] = maps[l, h]
    return grid


def grid_cell_at(row: int, col: int, T: int, gap: int = 1) -> tuple[int, int, int, int] | None:
    """Inverse of ``layer_head_grid``: (layer, head, query, key) under a grid cell, or None in a gap."""
    step = T + gap
    l, q = divmod(row, step)
    h, k = divmod(col, step)
    if row < 0 or col < 0 or q >= T or k >= T:
        return None
    return l, h, q, k


# -- token labels ------------------------------------------------------------------

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
