"""Save plots and metrics to files: PNG, SVG (pyqtgraph exporters) and CSV.

Every writer renders into memory first and then replaces the target file in one
rename (``core.runs.atomic_write_bytes``), so a failed export never leaves half a
file behind. Problems a user can cause (a read-only folder, a full disk) raise a
``RunStoreError`` naming the file; callers show it as a sentence.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QCoreApplication, QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ...core.runs import atomic_write_bytes

# One row per metrics record; a field a record does not have is left empty.
METRICS_CSV_COLUMNS = (
    "run", "type", "step", "tokens", "elapsed",
    "loss", "val_loss", "train_loss", "lr", "grad_norm", "tokens_per_s",
)

# Used when the item has never been laid out on screen (a hidden panel is 100 x 100 or less).
DEFAULT_EXPORT_SIZE = (1200, 800)
MIN_LAID_OUT = (200, 150)


@contextmanager
def _laid_out(item):
    """Give a never-shown layout item a usable size while exporting, then put its size back."""
    size = item.size() if hasattr(item, "size") and hasattr(item, "resize") else None
    if size is None or (size.width() >= MIN_LAID_OUT[0] and size.height() >= MIN_LAID_OUT[1]):
        yield
        return
    item.resize(*DEFAULT_EXPORT_SIZE)
    try:
        yield
    finally:
        item.resize(size)


def export_png(item, path: str | os.PathLike, min_width: int = 1200) -> Path:
    """Render a plot item (or a whole ``GraphicsLayout``) to a PNG file.

    The image has the item's size on screen, scaled up (text and lines too) to at least
    ``min_width`` pixels wide so that it stays sharp in a document.
    Example: ``export_png(layout_widget.ci, "loss.png")`` -> a 1200 x 800 PNG of a 600 x 400 plot.
    """
    path = Path(path)
    with _laid_out(item):
        exporter = pg_exporters.ImageExporter(item)
        if exporter.parameters()["width"] < min_width:
            exporter.parameters()["width"] = int(min_width)  # the height follows the aspect ratio
        image = exporter.export(toBytes=True)
    buf = QByteArray()
    dev = QBuffer(buf)
    dev.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(dev, "PNG")
    dev.close()
    if not ok or buf.isEmpty():
        raise OSError(0, QCoreApplication.translate("plots.export", "the plot could not be rendered as PNG"), str(path))
    atomic_write_bytes(path, bytes(buf.data()))
    return path


def export_svg(item, path: str | os.PathLike) -> Path:
    """Write a plot item (or a whole ``GraphicsLayout``) as an SVG file (text stays text, UTF-8).

    pyqtgraph's exporter is tried first (it fixes up clipping); pyqtgraph <= 0.14 cannot parse
    the closed paths ("M0,0 L10,0 ... Z") that Qt >= 6.10 writes (pyqtgraph issue #3495), and
    then Qt's own SVG generator draws the same scene.
    """
    path = Path(path)
    with _laid_out(item):
        exporter = pg_exporters.SVGExporter(item)
        try:
            data = exporter.export(toBytes=True)
        except (ValueError, IndexError):
            data = _qt_svg(exporter)
    if not data:
        raise OSError(0, QCoreApplication.translate("plots.export", "the plot could not be rendered as SVG"), str(path))
    atomic_write_bytes(path, data)
    return path


def _qt_svg(exporter: pg_exporters.SVGExporter) -> bytes:
    """The exporter's item drawn by ``QSvgGenerator`` (what ImageExporter does, into SVG)."""
    source = exporter.getSourceRect()
    w, h = max(1, round(source.width())), max(1, round(source.height()))
    data = QByteArray()
    dev = QBuffer(data)
    dev.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(dev)
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setTitle(QCoreApplication.translate("plots.export", "lmlab plot"))
    painter = QPainter(gen)
    try:
        background = exporter.parameters()["background"]
        painter.fillRect(QRectF(0, 0, w, h), background)
        exporter.setExportMode(True, {"antialias": True, "background": background, "painter": painter})
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        exporter.getScene().render(painter, QRectF(0, 0, w, h), source)
    finally:
        exporter.setExportMode(False)
        painter.end()
        dev.close()
    return bytes(data.data())


def _cell(value) -> str:
    """One CSV cell. Example: 3 -> "3", 0.5 -> "0.5", None -> "", nan -> "nan", True -> ""."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return value
    return ""


def metrics_csv_text(runs: Iterable[tuple[str, Iterable[dict]]]) -> tuple[str, int]:
    """The CSV text for ``(run name, metrics records)`` pairs, and the number of data rows.

    Example: [("a", [{"type": "step", "step": 5, "loss": 3.1}])] ->
    "run,type,step,...\\r\\na,step,5,,,3.1,,,,,\\r\\n", 1
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(METRICS_CSV_COLUMNS)
    rows = 0
    for name, records in runs:
        for rec in records:
            writer.writerow([name] + [_cell(rec.get(col)) for col in METRICS_CSV_COLUMNS[1:]])
            rows += 1
    return out.getvalue(), rows


def write_metrics_csv(path: str | os.PathLike, runs: Iterable[tuple[str, Iterable[dict]]]) -> int:
    """Write every metrics record of the given runs to ``path``; returns the number of data rows.

    UTF-8 with a byte-order mark, so that spreadsheet programs show Chinese run names correctly.
    """
    text, rows = metrics_csv_text(runs)
    atomic_write_bytes(Path(path), text.encode("utf-8-sig"))
    return rows
