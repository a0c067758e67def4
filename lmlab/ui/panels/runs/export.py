"""Runs ▸ *Export model…*: a folder dialog, the export job with a progress dialog, a sentence on failure.

``ModelExport`` gives the Runs panel two actions (Hugging Face folder, GGUF file) for the one
selected run and drives an ``ExportController``. Its dialogs go through small methods
(``_ask_folder``, ``_show_error``, ``_show_done``) so tests can replace them and never block.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from ....core.events import ExportResult
from ....core.runs import Run
from ...controllers.export import ExportController, output_folder


class ModelExport(QObject):
    """The export actions of the Runs panel ``parent`` and the dialogs around one export."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.widget = parent
        self.controller = ExportController(self)
        self.run_path = ""
        self.last_dir = str(Path.home())
        self.hf_action = self._action("runsExportModel", self.tr("Export model…"),
                                      self.tr("Write the run's latest checkpoint as a Hugging Face folder "
                                              "(transformers, TransformerLens)"), "hf")
        self.gguf_action = self._action("runsExportGguf", self.tr("Export model as GGUF…"),
                                        self.tr("Write the run's latest checkpoint as a GGUF file for llama.cpp "
                                                "(BPE runs)"), "gguf")
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("runsExportProgress")
        self.dialog.setWindowTitle(self.tr("Export model"))
        self.dialog.setRange(0, 100)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        cancel = QPushButton(self.tr("Cancel"), self.dialog)
        cancel.setObjectName("runsExportCancel")
        cancel.setAccessibleName(self.tr("Cancel the export"))
        self.dialog.setCancelButton(cancel)
        self.dialog.canceled.connect(self.controller.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.controller.progress.connect(self._progress)
        self.controller.finished.connect(self._finished)
        self.controller.failed.connect(self._failed)
        self.controller.busyChanged.connect(lambda _busy: self.set_run(self.run_path))
        self.set_run("")

    def _action(self, name: str, text: str, tip: str, fmt: str) -> QAction:
        act = QAction(text, self.widget)
        act.setObjectName(name)
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: self.export(fmt))
        return act

    @property
    def actions(self) -> tuple[QAction, QAction]:
        return self.hf_action, self.gguf_action

    def set_run(self, path: str) -> None:
        """The one selected run ("" when none or several): the actions work on it if it has a checkpoint."""
        self.run_path = path
        try:
            ok = bool(path) and Run(path).latest_checkpoint() is not None
        except Exception:  # noqa: BLE001 - an unreadable folder has nothing to export
            ok = False
        for act in self.actions:
            act.setEnabled(ok and not self.controller.busy)

    def export(self, fmt: str = "hf") -> bool:
        """Ask for a folder and export the selected run into it; False if nothing was started."""
        if not self.run_path or self.controller.busy:
            return False
        chosen = self._ask_folder(self.tr("Export {0} into a folder").format(Run(self.run_path).name))
        if not chosen:
            return False
        self.last_dir = chosen
        out = output_folder(chosen, self.run_path, fmt)
        self.dialog.setLabelText(self.tr("Exporting to {0}…").format(out))
        self.dialog.setValue(0)
        self.dialog.show()
        for act in self.actions:
            act.setEnabled(False)
        return self.controller.export(self.run_path, out, fmt=fmt)

    def _progress(self, fraction: float, message: str) -> None:
        self.dialog.setLabelText(message)
        self.dialog.setValue(round(100 * fraction))

    def _done(self) -> None:
        self.dialog.reset()
        self.dialog.hide()

    def _finished(self, result: ExportResult) -> None:
        self._done()
        self._show_done(self.tr("Exported to {0}.\n\n{1}").format(result.path, result.check))

    def _failed(self, text: str) -> None:
        self._done()
        self._show_error(text)

    # -- dialogs (replaced in tests) ----------------------------------------------------------
    def _ask_folder(self, caption: str) -> str | None:
        return QFileDialog.getExistingDirectory(self.widget, caption, self.last_dir) or None

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self.widget, self.tr("Export model"), text)

    def _show_done(self, text: str) -> None:
        QMessageBox.information(self.widget, self.tr("Export model"), text)
