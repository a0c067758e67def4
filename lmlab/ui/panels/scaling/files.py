"""The Scaling panel's files: open a sweep folder, save it elsewhere, import and export results CSVs.

``SweepFilesMixin`` is mixed into ``SweepPanel`` (its widgets, rows and fit live there); the
methods here read and write sweep folders and CSV files and show what they found.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ....core.errors import LmlabError
from ....core.scaling import read_results_csv, write_results_csv
from ....core.sweep import SWEEP_FILE, Sweep
from ....core.scaling.results import data_from_rows, rows_from_data
from ...i18n import error_text

UNFINISHED = ("pending", "running", "stopped")


class SweepFilesMixin:
    """Sweep folders and CSV files for ``SweepPanel`` (see the module docstring)."""

    # -- sweeps on disk -------------------------------------------------------------------------------------
    def open_sweep(self, folder: str | Path) -> bool:
        """Show a sweep folder: its plan, results and fit; Resume runs what is unfinished."""
        if self.running:
            return False
        try:
            sweep = Sweep.open(folder)
        except LmlabError as e:
            self.message.show_message(error_text(e))
            return False
        self.message.show_message("")
        self._show_sweep(sweep)
        self._throughput = self._measure()
        todo = sum(r.status in UNFINISHED for r in self._rows)
        done = sum(r.usable for r in self._rows)
        self.status.setText(QCoreApplication.translate("SweepFilesMixin", "{0} of {1} runs finished").format(done, len(self._rows)) +
                            (QCoreApplication.translate("SweepFilesMixin", "; {0} to go: press Resume to continue.").format(todo) if todo else "."))
        total = len(self._rows) or 1
        self.sweep_bar.setValue(int(1000 * sum(r.status in ("finished", "failed") for r in self._rows) / total))
        self.run_bar.setValue(0 if todo else 1000)
        if done:
            self.fit()
        else:
            self.scaling.clear()
        return True

    def save_as(self, folder: str | Path) -> Path | None:
        """Copy the open sweep to ``folder`` and open the copy; without one, save the plan there."""
        dst = Path(folder)
        if self.running:
            return None
        try:
            if self._sweep_path is not None and (self._sweep_path / SWEEP_FILE).exists():
                if dst.exists() and any(dst.iterdir()):
                    raise LmlabError(QCoreApplication.translate("SweepFilesMixin", "{0} is not empty; choose a new or empty folder.").format(dst))
                if dst.exists():
                    dst.rmdir()
                shutil.copytree(self._sweep_path, dst)
                self.open_sweep(dst)
            else:
                base, points = self.plan.plan()
                self._show_sweep(Sweep.create(dst, base, points))
                self.status.setText(QCoreApplication.translate("SweepFilesMixin", "Plan saved; press Resume to run it."))
        except (ValueError, LmlabError, OSError) as e:
            self.message.show_message(error_text(e))
            return None
        self._update_buttons()
        return dst

    # -- CSV -------------------------------------------------------------------------------------------------------
    def import_csv(self, path: str | Path) -> bool:
        """Show and fit results from a CSV (columns N, D, loss, optional C), without running anything."""
        if self.running:
            return False
        try:
            data = read_results_csv(path)
        except LmlabError as e:
            self.message.show_message(error_text(e))
            return False
        self._sweep_path = None
        self.sweep_run.follow(None)
        self.folder_label.setText(QCoreApplication.translate("SweepFilesMixin", "Imported: {0}").format(path))
        self._rows = rows_from_data(data)
        self.results.show_rows(self._rows, QCoreApplication.translate("SweepFilesMixin", "{0} runs imported from {1}").format(len(data), Path(path).name))
        self._throughput = None
        self.status.setText(QCoreApplication.translate("SweepFilesMixin", "Imported {0} runs from {1}.").format(len(data), Path(path).name))
        self.message.show_message("")
        self.sweep_bar.setValue(0)
        self.run_bar.setValue(0)
        self.fit(data)
        return True

    def export_csv(self, path: str | Path) -> int:
        """Finished runs as CSV (N, D, loss, C, ...); returns the number of rows written."""
        try:
            if self._sweep_path is not None:
                n = Sweep.open(self._sweep_path).export_csv(path)
            else:
                data = data_from_rows(self._rows, "export")
                if data is None:
                    raise LmlabError(QCoreApplication.translate("SweepFilesMixin", "There are no finished runs to export."))
                write_results_csv(path, data)
                n = len(data)
        except (LmlabError, OSError) as e:
            self.message.show_message(error_text(e))
            return 0
        self.message.show_message(QCoreApplication.translate("SweepFilesMixin", "Wrote {0} runs to {1}").format(n, path), "info")
        return n

    # -- dialogs ---------------------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("SweepFilesMixin", "Open a sweep folder"), str(self.sweeps_root))
        if folder:
            self.open_sweep(folder)

    def save_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("SweepFilesMixin", "Save the sweep in a new folder"), str(self.sweeps_root))
        if folder:
            self.save_as(folder)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("SweepFilesMixin", "Import results"), "", QCoreApplication.translate("SweepFilesMixin", "CSV (*.csv);;All files (*)"))
        if path:
            self.import_csv(path)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("SweepFilesMixin", "Export results"), "scaling-results.csv", QCoreApplication.translate("SweepFilesMixin", "CSV (*.csv)"))
        if path:
            self.export_csv(path)
