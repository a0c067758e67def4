"""Every string a user can see or hear in a window: texts, titles, tooltips, accessible names, menus, plots.

``visible_strings(window)`` walks the widgets, actions, item views and pyqtgraph plots of a window
and yields ``(where, text)``; ``english_words(text)`` says which words of a text are still English
once names (lmlab, GPT, BPE...), units, numbers, paths and HTML are set aside. Used by the Chinese
UI tests (tests/ui/test_i18n.py): a new string that is not translated shows up here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
    QMenu, QPlainTextEdit, QProgressBar, QSpinBox, QDoubleSpinBox, QTableView, QTabWidget, QTextEdit, QTreeView, QWidget,
)

# Names and symbols that stay as they are in a Chinese UI (products, methods, file formats, units, math).
ALLOWED = {
    "lmlab", "gpt", "gpt-2", "bpe", "cuda", "cpu", "cpus", "gpu", "gpus", "mfu", "hf", "gguf", "png", "svg", "csv", "npy",
    "numpy", "json", "jsonl", "txt", "md", "utf-8", "utf", "adamw", "adam", "muon", "rope", "qk-norm", "qk", "relu",
    "gelu", "mlp", "chinchilla", "kaplan", "gemma", "primer", "epoch", "ai", "torch", "compile", "torch.compile",
    "torchrun", "bf16", "fp16", "fp32", "top-k", "top-p", "nanogpt", "hugging", "face", "unigram", "nfc", "nfkc",
    "isoflop", "flops", "flop", "tok", "lr", "esc", "ctrl", "shift", "return", "enter", "f2", "f5", "f6", "del",
    "tanh", "logits", "cap", "softmax", "id", "ids", "mps", "nan", "inf", "pt", "ms", "s", "min", "h", "kb", "mb", "gb",
    "tb", "k", "m", "b", "t", "x", "e", "n", "d", "c", "p", "α", "β", "opt", "auto", "minimind", "shakespeare",
    "safetensors", "transformerlens", "ray", "sft", "ppl", "rms", "q", "v", "mhz", "tflops", "pflops", "gflops",
    "relu²", "romeo", "the", "end", "exp", "gb/s", "pip", "install", "opencc", "jaccard", "minhash", "unicode",
    "ascii", "html", "amp", "llama.cpp", "transformers", "transformer", "float32", "nats", "dropout", "logit",
    "english",  # View ▸ Language names each language in itself
    "tiny", "small", "medium", "modern", "sharegpt", "jsonl", "error", "replace", "skip", "lm_head.weight",
    "tsv", "iso", "bleu", "chrf", "f1", "bench", "choose",  # formats, metrics, the `lmlab bench --choose` command
}
_TAG = re.compile(r"<[^>]+>|&\w+;")
_PATH = re.compile(r"(?:[A-Za-z]:[/\\]|~?/|\w+[/\\][\w.-]+[/\\])[^\s,;:)（）“”]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’²_.-]*[A-Za-z0-9²]|[A-Za-z]")
_UNIT = re.compile(r"[kKMGTP]?(i?B|FLOPs?|FLOP/s|tok/s)|[kMGTB]|\d+[kMGTB]?|e[+-]?\d+|x\d+", re.I)


def english_words(text: str, extra_allowed: set[str] = frozenset()) -> list[str]:
    """The English words left in ``text`` (HTML, paths, allowed names and single letters set aside).

    Example: "训练 small-3 于 /tmp/runs，用 GPT 与 BPE" -> [] ; "Press Train" -> ["Press", "Train"].
    """
    t = _TAG.sub(" ", text)
    t = re.sub(r"`[^`]*`", " ", t)  # literal names (file columns, commands) stay as they are
    t = _PATH.sub(" ", t)
    t = re.sub(r"\{[^}]*\}|%\d|%n|&(?=\w)", " ", t)
    words = [w for w in _WORD.findall(t) if len(w) > 1]
    allowed = ALLOWED | {a.lower() for a in extra_allowed}
    return [w for w in words if w.lower() not in allowed and w.lower().strip("'’") not in allowed
            and not _UNIT.fullmatch(w)]


def _widget_strings(w: QWidget) -> Iterator[tuple[str, str]]:
    name = w.objectName() or type(w).__name__
    yield f"{name}.toolTip", w.toolTip()
    yield f"{name}.statusTip", w.statusTip()
    yield f"{name}.whatsThis", w.whatsThis()
    yield f"{name}.accessibleName", w.accessibleName()
    yield f"{name}.accessibleDescription", w.accessibleDescription()
    if w.isWindow() or isinstance(w, QDockWidget):
        yield f"{name}.windowTitle", w.windowTitle()
    if isinstance(w, QLabel) and w.buddy() is None and not w.objectName().startswith("qt_"):
        yield f"{name}.text", w.text()
    elif isinstance(w, QLabel):
        yield f"{name}.text", w.text()
    if isinstance(w, QAbstractButton):
        yield f"{name}.text", w.text()
    if isinstance(w, QGroupBox):
        yield f"{name}.title", w.title()
    if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield f"{name}.placeholderText", w.placeholderText()
    if isinstance(w, QComboBox):
        yield f"{name}.placeholderText", w.placeholderText()
        for i in range(w.count()):
            yield f"{name}.item[{i}]", w.itemText(i)
            yield f"{name}.itemToolTip[{i}]", str(w.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
    if isinstance(w, QTabWidget):
        for i in range(w.count()):
            yield f"{name}.tab[{i}]", w.tabText(i)
            yield f"{name}.tabToolTip[{i}]", w.tabToolTip(i)
    if isinstance(w, QProgressBar):
        yield f"{name}.format", w.format() if w.isTextVisible() else ""
    if isinstance(w, (QSpinBox, QDoubleSpinBox)):
        yield f"{name}.suffix", w.suffix()
        yield f"{name}.prefix", w.prefix()
    if isinstance(w, QAbstractSpinBox):
        yield f"{name}.specialValueText", w.specialValueText()
    if isinstance(w, QMenu):
        yield f"{name}.title", w.title()
    if isinstance(w, (QTableView, QTreeView)) and w.model() is not None:
        model = w.model()
        header = w.horizontalHeader() if isinstance(w, QTableView) else w.header()
        for i in range(header.count()):
            yield f"{name}.header[{i}]", str(model.headerData(i, Qt.Orientation.Horizontal) or "")
    if isinstance(w, pg.PlotWidget):
        yield from _plot_strings(name, w.getPlotItem())
    if isinstance(w, pg.GraphicsLayoutWidget):
        for item in w.ci.items:
            if isinstance(item, pg.PlotItem):
                yield from _plot_strings(name, item)
            elif isinstance(item, pg.ColorBarItem):
                yield f"{name}.colorBar", item.axis.labelText


def _plot_strings(name: str, item: pg.PlotItem) -> Iterator[tuple[str, str]]:
    yield f"{name}.plotTitle", item.titleLabel.text
    for side in ("left", "bottom", "right", "top"):
        axis = item.getAxis(side)
        if axis.isVisible() and axis.label.isVisible():
            yield f"{name}.axis[{side}]", axis.labelText
    legend = item.legend
    if legend is not None:
        for _, label in legend.items:
            yield f"{name}.legend", label.text


def visible_strings(window: QWidget) -> Iterator[tuple[str, str]]:
    """Every user-facing string of ``window`` and its children, with where it is."""
    for w in [window, *window.findChildren(QWidget)]:
        for where, text in _widget_strings(w):
            if text and text.strip():
                yield where, text
    for a in window.findChildren(QAction):
        if a.isSeparator():
            continue
        name = a.objectName() or "action"
        for where, text in ((f"{name}.text", a.text()), (f"{name}.toolTip", a.toolTip()),
                            (f"{name}.statusTip", a.statusTip())):
            if text and text.strip():
                yield where, text
