"""The Classify panel: a view of ``ClassifyController``.

Left, the *New classifier* form (``setup.ClassifierForm``). Right, for the classifier followed: its
accuracy and macro-F1 at each evaluation with the majority-class baseline drawn as a dashed line;
the confusion matrix of the latest evaluation (rows: the true label, columns: the predicted one;
colour: the share of the row, so each row reads as that label's recall); and the validation
examples with the prediction, its probability and whether it was right, sortable by any column.
*Open in Attention* (or a double click) shows an example in the Attention panel.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ....core.runs import Run
from ...controllers.classify import ClassifyController
from ...plots.heatmap import MatrixHeatmap
from ...plots.live import palette_colors
from ..common import MessageLabel, name_widget, on_window_close
from .setup import ClassifierForm

COLUMNS = ("text", "label", "predicted", "probability", "right")


class ClassifyPanel(QWidget):
    openInAttention = Signal(str, str)  # run path, text

    def __init__(self, controller: ClassifyController, parent=None):
        super().__init__(parent)
        self.setObjectName("classifyPanel")
        self.setAccessibleName(self.tr("Classify panel"))
        self.controller = controller
        self.form = ClassifierForm(self)
        self.form.start_button.clicked.connect(self.start)
        self.message = MessageLabel("classifyMessage", self)
        self.title = QLabel(self.tr("No classifier yet: train one on the left."))
        self.title.setObjectName("classifyTitle")
        self.title.setMinimumWidth(100)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("classifyScores")
        self.plot.setMinimumSize(220, 150)
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot.setYRange(0, 1)
        self.plot.addLegend(offset=(-5, -5))
        self.plot.showGrid(y=True, alpha=0.2)
        self.accuracy_curve = self.plot.plot([], [], name=self.tr("accuracy"), symbol="o", symbolSize=5,
                                             pen=pg.mkPen("#1f77b4", width=2), symbolBrush="#1f77b4")
        self.f1_curve = self.plot.plot([], [], name=self.tr("macro-F1"), symbol="s", symbolSize=5,
                                       pen=pg.mkPen("#ff7f0e", width=2), symbolBrush="#ff7f0e")
        self.majority_line = self.plot.plot([], [], name=self.tr("majority baseline"),
                                            pen=pg.mkPen("#7f7f7f", width=2, style=Qt.PenStyle.DashLine))
        bg, fg = palette_colors(self)
        self.plot.setBackground(bg)
        self.confusion = MatrixHeatmap(row_title=self.tr("true label"), col_title=self.tr("predicted"),
                                       bar_label=self.tr("share of the row"))
        self.confusion.setObjectName("classifyConfusion")
        self.confusion.setMinimumSize(260, 150)
        self.confusion.hovered.connect(self._hover_cell)
        self.cell_label = QLabel("")
        self.cell_label.setObjectName("classifyCell")
        self.table = name_widget(QTableWidget(0, len(COLUMNS)), "classifyExamples", self.tr("Validation examples"))
        self.table.setHorizontalHeaderLabels([self.tr("Text"), self.tr("Label"), self.tr("Predicted"),
                                              self.tr("Probability"), self.tr("Right")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setMinimumHeight(120)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(True)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.open_example(row))
        self.open_button = name_widget(QPushButton(self.tr("Open in Attention")), "classifyOpenAttention",
                                       self.tr("Open in Attention"),
                                       self.tr("Show what the model attended to for the selected example"))
        self.open_button.clicked.connect(lambda: self.open_example(self.table.currentRow()))
        self._build()
        controller.progress.connect(lambda text: self.message.show_message(text, "info"))
        controller.failed.connect(self.message.show_message)
        controller.runChanged.connect(self._run_changed)
        controller.evaluated.connect(self._show_evaluation)
        if controller.run_path:
            self._run_changed(controller.run_path)

    def _build(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addWidget(self.message)
        left.addStretch(1)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setFixedWidth(290)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.plot)
        conf = QWidget()
        cl = QVBoxLayout(conf)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.confusion, 1)
        cl.addWidget(self.cell_label)
        top.addWidget(conf)
        top.setSizes([270, 340])  # the matrix needs the room: square cells, labels, a colour bar
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        bl.addLayout(row)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(top)
        right_split.addWidget(bottom)
        right_split.setSizes([300, 260])
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(right_split, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

    # -- commands -------------------------------------------------------------------------------------
    def start(self) -> bool:
        self.message.show_message("")
        request = self.form.request(self.controller.current_run)
        if request.parent_path == "" and self.form.mode.currentData() == "finetune":
            self.message.show_message(self.tr("There is no current run to fine-tune; train or choose one first."))
            return False
        return self.controller.start(request)

    def open_example(self, row: int) -> bool:
        """Ask for the example in ``row`` (as sorted now) to be shown in the Attention panel."""
        if row < 0 or row >= self.table.rowCount() or not self.controller.run_path:
            return False
        self.openInAttention.emit(self.controller.run_path, self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))
        return True

    def set_current_run(self, path: str) -> None:
        self.controller.set_current_run(path)
        self.form.set_layers(self.controller.n_layer(path))

    # -- views ------------------------------------------------------------------------------------------
    def _run_changed(self, path: str) -> None:
        self.title.setText(self.tr("Classifier: {0}").format(Run(path).name) if path else "")
        self._plot_history()
        if self.controller.evaluation is None:
            self.confusion.clear_image()
            self.table.setRowCount(0)

    def _plot_history(self) -> None:
        h = self.controller.history
        steps = np.array([p.step for p in h], dtype=float)
        self.accuracy_curve.setData(steps, np.array([p.accuracy for p in h]))
        self.f1_curve.setData(steps, np.array([p.macro_f1 for p in h]))
        if h:  # the same validation set at every evaluation: one level, drawn across the steps so far
            span = [0.0, max(steps.max(), 1.0)]
            self.majority_line.setData(span, [h[-1].majority] * 2)
        else:
            self.majority_line.setData([], [])

    def _show_evaluation(self, ev: dict) -> None:
        self._plot_history()
        m = np.asarray(ev["confusion"], dtype=float)
        share = m / np.maximum(m.sum(1, keepdims=True), 1)
        self.confusion.set_image(share, ev["labels"], ev["labels"], keep_view=True)
        self.title.setText(self.tr("Step {0}: accuracy {1:.1%}, macro-F1 {2:.3f} (always the commonest label: "
                                   "{3:.1%})").format(ev["step"], ev["accuracy"], ev["macro_f1"], ev["majority"]))
        self._fill_table(ev["examples"])

    def _fill_table(self, examples: list[dict]) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(examples))
        right, wrong = self.tr("yes"), self.tr("no")
        for r, ex in enumerate(examples):
            text = QTableWidgetItem(" ".join(ex["text"].split())[:200])
            text.setData(Qt.ItemDataRole.UserRole, ex["text"])
            text.setToolTip(ex["text"])
            prob = QTableWidgetItem()
            prob.setData(Qt.ItemDataRole.DisplayRole, round(float(ex["probability"]), 3))
            items = [text, QTableWidgetItem(ex["label"]), QTableWidgetItem(ex["predicted"]), prob,
                     QTableWidgetItem(right if ex["right"] else wrong)]
            for c, item in enumerate(items):
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)

    def _hover_cell(self, row: int, col: int) -> None:
        ev = self.controller.evaluation
        if ev is None or row < 0:
            self.cell_label.setText("")
            return
        labels = ev["labels"]
        self.cell_label.setText(self.tr("{0} examples of {1} predicted as {2}").format(
            ev["confusion"][row][col], labels[row], labels[col]))

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        self.controller.shutdown(timeout_ms)


def open_in_attention(window, run_path: str, text: str) -> None:
    """Show ``text`` through the run's model in the window's Attention panel (when it has one)."""
    attention = window.panel(QCoreApplication.translate("AttentionPanel", "Attention"))
    if attention is None:
        return
    attention.set_run(run_path)
    attention.set_text(text)
    window.show_panel(QCoreApplication.translate("AttentionPanel", "Attention"))
    attention.compute()


def install(window) -> ClassifyPanel:
    """Add the Classify panel to ``window``: it follows the current run (and, through its controller, the
    training events)."""
    controller = ClassifyController(window.session, parent=window)
    panel = ClassifyPanel(controller)
    window.add_panel(QCoreApplication.translate("ClassifyPanel", "Classify"), panel)
    window.runs_controller.currentRunChanged.connect(panel.set_current_run)
    panel.openInAttention.connect(lambda path, text: open_in_attention(window, path, text))
    on_window_close(window, panel.shutdown)
    if window.runs_controller.current:
        panel.set_current_run(window.runs_controller.current)
    return panel
