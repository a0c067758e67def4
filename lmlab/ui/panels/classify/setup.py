"""The Classify panel's "New classifier" form: the labelled data and how the classifier is made.

``ClassifierForm.request(current_run)`` turns the fields into a ``ClassifierRequest``: the embedded
genres of the plays or a file (with its text and label columns); an encoder from scratch (the Model
panel's shape) or a head on the current run, reading its last token or the mean, with the lowest
layers frozen; epochs, or a fixed number of steps.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from ....core.jobs.classify import LabelSource
from ...controllers.classify import ClassifierRequest
from ..common import name_widget

SCRATCH, FINETUNE = "scratch", "finetune"


class ClassifierForm(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("New classifier"), parent)
        self.setObjectName("classifierForm")
        self.path_edit = name_widget(QLineEdit(), "classifyData", self.tr("Labelled data"),
                                     self.tr("A CSV/TSV or JSONL file with a text and a label column, or a folder "
                                             "with one subfolder per label; empty: the plays by genre"))
        self.path_edit.setPlaceholderText(self.tr("Plays by genre (embedded)"))
        browse = name_widget(QPushButton(self.tr("Choose…")), "classifyBrowse", self.tr("Choose labelled data"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.text_column = name_widget(QLineEdit("text"), "classifyTextColumn", self.tr("Text column"))
        self.label_column = name_widget(QLineEdit("label"), "classifyLabelColumn", self.tr("Label column"))
        self.mode = name_widget(QComboBox(), "classifyMode", self.tr("Model"),
                                self.tr("An encoder trained from scratch (the Model panel's shape), or a head on "
                                        "the current run's pretrained body"))
        self.mode.addItem(self.tr("Encoder from scratch"), SCRATCH)
        self.mode.addItem(self.tr("Fine-tune the current run"), FINETUNE)
        self.pooling = name_widget(QComboBox(), "classifyPooling", self.tr("Reads"),
                                   self.tr("What the head reads: the last token (under causal attention the only "
                                           "one that saw the whole text) or the mean of all tokens"))
        self.pooling.addItem(self.tr("last token"), "last")
        self.pooling.addItem(self.tr("mean of tokens"), "mean")
        self.freeze = name_widget(QSpinBox(), "classifyFreeze", self.tr("Frozen layers"),
                                  self.tr("Layers of the body kept as pretrained, from the bottom (the embeddings "
                                          "with them); all of them: only the head learns"))
        self.freeze.setRange(0, 64)
        self.epochs = name_widget(QSpinBox(), "classifyEpochs", self.tr("Epochs"),
                                  self.tr("Passes over the training examples"))
        self.epochs.setRange(1, 100)
        self.epochs.setValue(3)
        self.steps = name_widget(QSpinBox(), "classifySteps", self.tr("Steps"),
                                 self.tr("Optimizer steps; 0 takes them from the epochs"))
        self.steps.setRange(0, 1_000_000)
        self.steps.setSpecialValueText(self.tr("from epochs"))
        self.start_button = name_widget(QPushButton(self.tr("Train classifier")), "classifyStart",
                                        self.tr("Train classifier"), self.tr("Create the run and put it on the queue"))
        form = QFormLayout(self)
        form.addRow(self.tr("Data"), row)
        form.addRow(self.tr("Text column"), self.text_column)
        form.addRow(self.tr("Label column"), self.label_column)
        form.addRow(self.tr("Model"), self.mode)
        form.addRow(self.tr("Reads"), self.pooling)
        form.addRow(self.tr("Frozen layers"), self.freeze)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Steps"), self.steps)
        form.addRow(self.start_button)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    def _mode_changed(self) -> None:
        finetune = self.mode.currentData() == FINETUNE
        self.pooling.setEnabled(finetune)
        self.freeze.setEnabled(finetune)

    def set_layers(self, n_layer: int) -> None:
        """The current run's depth: the most layers that can be frozen."""
        self.freeze.setMaximum(max(0, n_layer))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Labelled data"), "",
                                              self.tr("Labelled texts (*.csv *.tsv *.jsonl);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def request(self, current_run: str) -> ClassifierRequest:
        path = self.path_edit.text().strip() or None
        source = LabelSource(path, self.text_column.text().strip() or "text",
                             self.label_column.text().strip() or "label")
        finetune = self.mode.currentData() == FINETUNE
        model = {"pooling": self.pooling.currentData(), "freeze_layers": self.freeze.value()} if finetune else {}
        train = {"max_steps": self.steps.value()} if self.steps.value() else {}
        return ClassifierRequest(source, current_run if finetune else "", model, train, self.epochs.value())
