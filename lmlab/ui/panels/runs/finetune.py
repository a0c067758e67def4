"""Runs ▸ *Fine-tune from this run…*: a dialog with the conversations and the fine-tuning defaults.

``FinetuneAction`` gives the Runs panel the action for the one selected run with a checkpoint; it
opens a ``FinetuneDialog`` (the embedded Shakespeare dialogue or a file, the format, the assistant
speaker of a transcript, epochs, learning rate, steps: all editable, pre-filled from
``derive.finetune_defaults``) and emits ``requested(parent path, FinetuneRequest)`` when accepted;
the window hands that to its ``FinetuneController``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
    QPushButton, QRadioButton, QSpinBox, QWidget,
)

from ....core.chat.conversations import FORMATS
from ....core.derive import FINETUNE_EPOCHS, FINETUNE_LR_SHARE
from ....core.errors import LmlabError
from ....core.jobs.finetune import LANGUAGE_MODEL, ChatSource
from ....core.runs import Run
from ...controllers.chat import FinetuneRequest
from ..common import name_widget
from ...i18n import error_text


class FinetuneDialog(QDialog):
    """The conversations and the settings of a fine-tune of ``run``."""

    def __init__(self, run: Run, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("finetuneDialog")
        self.setWindowTitle(self.tr("Fine-tune {0}").format(run.name))
        t = run.read_config().train
        self.default_data = name_widget(QRadioButton(self.tr("Shakespeare's dialogue (embedded)")),
                                        "finetuneDefaultData", self.tr("Embedded dialogue"),
                                        self.tr("Replies from the plays of the default corpus: one speaker's "
                                                "line, then the answer"))
        self.file_data = name_widget(QRadioButton(self.tr("File:")), "finetuneFileData", self.tr("A file"),
                                     self.tr("Chat JSONL, ShareGPT JSONL or a NAME: text transcript"))
        self.default_data.setChecked(True)
        self.path_edit = name_widget(QLineEdit(), "finetunePath", self.tr("Conversation file"),
                                     self.tr("The conversations to fine-tune on"))
        self.path_edit.textEdited.connect(lambda _t: self.file_data.setChecked(True))
        browse = name_widget(QPushButton(self.tr("Choose…")), "finetuneBrowse", self.tr("Choose a file"),
                             self.tr("Choose the conversation file"))
        browse.clicked.connect(self._browse)
        self.format_combo = name_widget(QComboBox(), "finetuneFormat", self.tr("Format"),
                                        self.tr("auto tells the formats apart by the first line"))
        self.format_combo.addItems(list(FORMATS))
        self.assistant_edit = name_widget(QLineEdit(), "finetuneAssistant", self.tr("Assistant speaker"),
                                          self.tr("Transcripts: the speaker who answers (empty: every reply)"))
        self.epochs = name_widget(QSpinBox(), "finetuneEpochs", self.tr("Epochs"),
                                  self.tr("Passes over the training conversations"))
        self.epochs.setRange(1, 1000)
        self.epochs.setValue(FINETUNE_EPOCHS)
        self.lr = name_widget(QDoubleSpinBox(), "finetuneLearningRate", self.tr("Learning rate"),
                              self.tr("Peak learning rate (default: a tenth of the parent's)"))
        self.lr.setDecimals(6)
        self.lr.setRange(1e-6, 1.0)
        self.lr.setSingleStep(1e-5)
        self.lr.setValue(t.learning_rate / FINETUNE_LR_SHARE)
        self.steps = name_widget(QSpinBox(), "finetuneSteps", self.tr("Steps"),
                                 self.tr("Optimizer steps; 0 counts them from the epochs"))
        self.steps.setRange(0, 10_000_000)
        self.steps.setSpecialValueText(self.tr("from the epochs"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_data)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Fine-tune"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Conversations:"), self.default_data)
        form.addRow("", file_row)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Assistant speaker:"), self.assistant_edit)
        form.addRow(self.tr("Epochs:"), self.epochs)
        form.addRow(self.tr("Learning rate:"), self.lr)
        form.addRow(self.tr("Steps:"), self.steps)
        form.addRow(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose conversations"), "",
                                              self.tr("Conversations (*.jsonl *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.file_data.setChecked(True)

    def request(self) -> FinetuneRequest:
        """What the dialog says (an LmlabError when the file choice is empty)."""
        path = self.path_edit.text().strip() if self.file_data.isChecked() else None
        if path == "":
            raise LmlabError(self.tr("Choose a conversation file, or the embedded dialogue."))
        source = ChatSource(path, self.format_combo.currentText(), self.assistant_edit.text().strip() or None)
        train = {"learning_rate": self.lr.value()} | ({"max_steps": self.steps.value()} if self.steps.value() else {})
        return FinetuneRequest(source, self.epochs.value(), train)


class FinetuneAction(QObject):
    """The Runs panel's *Fine-tune from this run…* action and its dialog."""

    requested = Signal(str, object)  # parent run path, FinetuneRequest

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.widget = parent
        self.run_path = ""
        self.dialog: FinetuneDialog | None = None
        self.action = QAction(self.tr("Fine-tune from this run…"), parent)
        self.action.setObjectName("runsFinetune")
        self._tip = self.tr("A new run that starts from this run's checkpoint and learns to answer in conversations")
        self.action.triggered.connect(lambda _checked=False: self.open_dialog())
        self.set_run("")

    def set_run(self, path: str) -> None:
        """The one selected run ("" when none or several): the action works on it if it has a checkpoint."""
        self.run_path = path
        tip = self._tip
        try:
            run = Run(path) if path else None
            ok = run is not None and run.latest_checkpoint() is not None
            if ok and run.read_config().model.arch != LANGUAGE_MODEL:  # a translator, a classifier
                ok, tip = False, self.tr("Only a language model (GPT) run can be fine-tuned on conversations")
        except Exception:  # noqa: BLE001 - an unreadable folder cannot be fine-tuned
            ok = False
        self.action.setEnabled(ok)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def open_dialog(self) -> FinetuneDialog | None:
        """Show the dialog (not modal); accepting it emits ``requested``."""
        if not self.run_path:
            return None
        path = self.run_path
        self.dialog = FinetuneDialog(Run(path), self.widget)
        self.dialog.accepted.connect(lambda: self._accepted(path))
        self.dialog.open()
        return self.dialog

    def _accepted(self, path: str) -> None:
        try:
            self.requested.emit(path, self.dialog.request())
        except LmlabError as e:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.widget, self.tr("Fine-tune"), error_text(e))
