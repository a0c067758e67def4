"""Saving the attention map on screen: the picture (PNG, SVG) or its weights (.npy, CSV with tokens).

``EXPORTS`` names the four kinds; ``export_menu`` builds the panel's Export button and
menu (one named action per kind); ``write_export`` writes one kind. Writers render or
serialise in memory and then rename into place (see ``lmlab.ui.plots.export`` and
``lmlab.core.attention.save_map_*``), so a failed export leaves no half file.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ....core.attention_files import save_map_csv, save_map_npy
from ...plots.export import export_png, export_svg
from ...plots.heatmap import MatrixHeatmap
from ....core.attention_display import display_token
from ..common import name_widget


@dataclass(frozen=True)
class ExportKind:
    suffix: str
    filter: str  # for the save dialog
    caption: str
    menu_text: str
    tip: str


EXPORTS = {
    "png": ExportKind(".png", QT_TRANSLATE_NOOP("panels.attention.export", "PNG image (*.png)"), QT_TRANSLATE_NOOP("panels.attention.export", "Export map as PNG"), QT_TRANSLATE_NOOP("panels.attention.export", "Map as PNG image…"),
                      QT_TRANSLATE_NOOP("panels.attention.export", "Save the shown map as a PNG image")),
    "svg": ExportKind(".svg", QT_TRANSLATE_NOOP("panels.attention.export", "SVG drawing (*.svg)"), QT_TRANSLATE_NOOP("panels.attention.export", "Export map as SVG"), QT_TRANSLATE_NOOP("panels.attention.export", "Map as SVG drawing…"),
                      QT_TRANSLATE_NOOP("panels.attention.export", "Save the shown map as an SVG drawing")),
    "npy": ExportKind(".npy", QT_TRANSLATE_NOOP("panels.attention.export", "NumPy array (*.npy)"), QT_TRANSLATE_NOOP("panels.attention.export", "Export weights as NumPy array"),
                      QT_TRANSLATE_NOOP("panels.attention.export", "Weights as NumPy array (.npy)…"), QT_TRANSLATE_NOOP("panels.attention.export", "Save the shown map's weights, (T, T) float32")),
    "csv": ExportKind(".csv", QT_TRANSLATE_NOOP("panels.attention.export", "CSV table (*.csv)"), QT_TRANSLATE_NOOP("panels.attention.export", "Export weights as CSV"), QT_TRANSLATE_NOOP("panels.attention.export", "Weights as CSV table…"),
                      QT_TRANSLATE_NOOP("panels.attention.export", "Save the shown map's weights with the tokens as row and column labels")),
}


def export_menu(parent: QWidget) -> tuple[QToolButton, dict[str, QAction]]:
    """The Export button (disabled until there is a map) and its menu's actions, by kind."""
    menu = QMenu(parent)
    menu.setObjectName("attentionExportMenu")
    actions = {}
    for key, kind in EXPORTS.items():
        act = QAction(QCoreApplication.translate("panels.attention.export", kind.menu_text), parent)
        act.setObjectName(f"attentionExport{key.capitalize()}")
        act.setToolTip(QCoreApplication.translate("panels.attention.export", kind.tip))
        act.setStatusTip(QCoreApplication.translate("panels.attention.export", kind.tip))
        act.setEnabled(False)
        menu.addAction(act)
        actions[key] = act
    button = name_widget(QToolButton(parent), "attentionExport", QCoreApplication.translate("panels.attention.export", "Export"),
                         QCoreApplication.translate("panels.attention.export", "Save the shown map as an image, or its weights as numbers"))
    button.setText(QCoreApplication.translate("panels.attention.export", "Export"))
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setEnabled(False)
    return button, actions


def write_export(kind: str, path: Path, heatmap: MatrixHeatmap, weights: np.ndarray,
                 pieces: Sequence[str]) -> Path:
    """Write the map as ``kind``: the heatmap's picture, or the (T, T) weights (CSV: tokens as labels,
    whitespace made visible)."""
    if kind == "png":
        return export_png(heatmap.ci, path)
    if kind == "svg":
        return export_svg(heatmap.ci, path)
    if kind == "npy":
        return save_map_npy(path, np.asarray(weights, dtype=np.float32))
    if kind == "csv":
        labels = [display_token(t, 32) for t in pieces]
        return save_map_csv(path, weights, labels, labels)
    raise ValueError(f"unknown export {kind!r}")
