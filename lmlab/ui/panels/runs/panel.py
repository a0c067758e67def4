"""The Runs panel: every run in the store, its curves, and what to do with it.

A table (``RunsTableModel``) lists the runs newest first; selecting runs draws
their loss curves (several runs are overlaid, one colour each) and a smaller
plot of the learning rate, tokens/s or gradient norm. Actions: resume, rename,
delete, open the folder, export the plot (PNG/SVG) or the metrics (CSV), export the model (``export.py``).

The panel holds no domain state: the run store on disk is the truth, and
``refresh()`` re-reads it (on a change of the runs folder, and every 2 s while
visible). Re-reading is cheap: summaries and metrics are cached by the
``(mtime, size)`` of their files, so an unchanged run costs a few ``stat`` calls.

Dialogs go through small methods (``_confirm``, ``_ask_text``, ``_ask_save_path``,
``_show_error``, ``_open_url``) so tests can replace them and never block.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ....core.errors import LmlabError
from ....core.runs import CONFIG_FILE, STATUS_FILE, Run, RunStore
from ...plots.export import export_png, export_svg, write_metrics_csv
from ..common import export_to
from .curves import RunCurves
from .export import ModelExport
from .finetune import FinetuneAction
from .table import COLUMNS, REFRESH_MS, RESUMABLE, FileSig, RunsTableModel, _file_sig
from ...i18n import core_text


class RunsPanel(QWidget):
    """Runs in the store: table, curves, actions. See the module docstring."""

    run_selected = Signal(str)  # path of the current run, when it changes (never emitted with "")
    resume_requested = Signal(str)  # path of a stopped/failed run with a checkpoint
    run_deleted = Signal(str)  # path of a run the user just deleted

    def __init__(self, store: RunStore, parent=None):
        super().__init__(parent)
        self.setObjectName("runsPanel")
        self._store = store
        self._summaries: dict[str, tuple[tuple[FileSig, FileSig], dict]] = {}
        self._metrics: dict[str, tuple[FileSig, list[dict] | str]] = {}  # records, or an error sentence
        self._current = ""
        self._training: str | None = None
        self._restoring = False
        self._last_dir = str(Path.home())
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=250)  # a new run touches the folder often
        self._debounce.timeout.connect(self.refresh)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _p: self._debounce.start())
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _action(self, name: str, text: str, tip: str, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        return act

    def _button(self, action: QAction) -> QToolButton:
        b = QToolButton(self)
        b.setDefaultAction(action)
        b.setObjectName(action.objectName() + "Button")
        b.setAccessibleName(action.text().rstrip("…"))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return b

    def _named(self, w: QWidget, name: str, accessible: str) -> QWidget:
        w.setObjectName(name)
        w.setAccessibleName(accessible)
        return w

    def _build(self) -> None:
        a = self._action
        self.refresh_action = a("runsRefresh", self.tr("Refresh"), self.tr("Read the runs folder again"), self.refresh,
                                QKeySequence.StandardKey.Refresh)
        self.resume_action = a("runsResume", self.tr("Resume"), self.tr("Continue training from the last checkpoint"), self.resume)
        self.rename_action = a("runsRename", self.tr("Rename…"), self.tr("Give the run another name"), self.rename, "F2")
        self.delete_action = a("runsDelete", self.tr("Delete…"), self.tr("Delete the selected runs from disk"), self.delete,
                               QKeySequence.StandardKey.Delete)
        self.open_action = a("runsOpenFolder", self.tr("Open folder"), self.tr("Show the run's folder in the file manager"),
                             self.open_folder)
        self.png_action = a("runsExportPng", self.tr("Export PNG…"), self.tr("Save the plot as a PNG image"), self.export_png)
        self.svg_action = a("runsExportSvg", self.tr("Export SVG…"), self.tr("Save the plot as an SVG drawing"), self.export_svg)
        self.csv_action = a("runsExportCsv", self.tr("Export CSV…"), self.tr("Save the selected runs' metrics as CSV"),
                            self.export_csv)
        self.model_export = ModelExport(self)
        self.finetune = FinetuneAction(self)

        self.model = RunsTableModel(self)
        self.table = self._named(QTableView(self), "runsTable", self.tr("Runs"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._named(self.table.verticalHeader(), "runsTableRows", self.tr("Run rows")).hide()
        self._named(self.table.horizontalHeader(), "runsTableColumns", self.tr("Run columns"))
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_changed)

        self.details = self._named(QLabel(self), "runsDetails", self.tr("Run details"))
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.x_axis = self._named(QComboBox(self), "runsXAxis", self.tr("X axis"))
        for key, text in (("step", self.tr("Step")), ("tokens", self.tr("Tokens")), ("time", self.tr("Wall time"))):
            self.x_axis.addItem(text, key)
        self.log_y = self._named(QCheckBox(self.tr("Log y"), self), "runsLogY", self.tr("Logarithmic loss axis"))
        self.lower = self._named(QComboBox(self), "runsLowerPlot", self.tr("Lower plot"))
        for key, text in (("lr", self.tr("Learning rate")), ("tokens_per_s", self.tr("Tokens/s")), ("grad_norm", self.tr("Gradient norm"))):
            self.lower.addItem(text, key)
        self.x_axis.currentIndexChanged.connect(lambda _i: self._redraw(force=True))
        self.lower.currentIndexChanged.connect(lambda _i: self._redraw(force=True))
        self.log_y.toggled.connect(lambda on: self.plots.set_log(on))

        self.plots = self._named(RunCurves(self.metrics, self), "runsPlot", self.tr("Run curves"))
        self.loss_plot, self.lower_plot, self.legend = self.plots.loss_plot, self.plots.lower_plot, self.plots.legend

        actions = QHBoxLayout()
        for act in (self.refresh_action, self.resume_action, self.rename_action, self.delete_action,
                    self.open_action, self.model_export.hf_action, self.finetune.action):
            actions.addWidget(self._button(act))
        actions.addStretch(1)
        controls = QHBoxLayout()
        for text, w in ((self.tr("&X axis:"), self.x_axis), (self.tr("&Lower plot:"), self.lower)):
            label = QLabel(text, self)
            label.setBuddy(w)
            controls.addWidget(label)
            controls.addWidget(w)
        controls.addWidget(self.log_y)
        controls.addStretch(1)
        for act in (self.png_action, self.svg_action, self.csv_action):
            controls.addWidget(self._button(act))

        top, bottom = QWidget(self), QWidget(self)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(actions)
        tl.addWidget(self.table, 1)
        tl.addWidget(self.details)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addLayout(controls)
        bl.addWidget(self.plots, 1)
        splitter = self._named(QSplitter(Qt.Orientation.Vertical, self), "runsSplitter", self.tr("Runs and curves"))
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the runs folder: new, renamed, deleted runs, status changes, grown metrics."""
        root = str(self._store.root)
        if os.path.isdir(root) and root not in self._watcher.directories():
            self._watcher.addPath(root)
        try:
            rows = [self._describe(r) for r in self._store.runs()]
        except Exception as e:  # noqa: BLE001 - e.g. a run folder without read permission
            self.details.setText(self.tr("Cannot read the runs folder {0}: {1}").format(root, e))
            return
        alive = {r["path"] for r in rows}
        for p in [p for p in self._summaries if p not in alive]:
            del self._summaries[p]
        selected, current = self.selected_paths(), self._current
        restoring, self._restoring = self._restoring, True  # a model reset clears the selection: no signals
        try:
            if self.model.set_rows(rows):
                self._restore_selection(selected, current)
        finally:
            self._restoring = restoring
        self._on_selection_changed()

    def _describe(self, run: Run) -> dict:
        key = str(run.path)
        sig = (_file_sig(run.path / CONFIG_FILE), _file_sig(run.path / STATUS_FILE))
        cached = self._summaries.get(key)
        if cached is None or cached[0] != sig:
            cached = (sig, run.summary())
            self._summaries[key] = cached
        return cached[1]

    def metrics(self, path: str) -> list[dict] | str:
        """The run's metrics records, or a sentence saying why they cannot be read."""
        run = Run(path)
        sig = _file_sig(run.metrics_path)
        cached = self._metrics.get(path)
        if cached is None or cached[0] != sig:
            try:
                value: list[dict] | str = run.read_metrics()
            except LmlabError as e:
                value = self.tr("No curves: {0}").format(e)
            except Exception as e:  # noqa: BLE001
                value = self.tr("No curves: cannot read {0} ({1}: {2}).").format(run.metrics_path, type(e).__name__, e)
            cached = (sig, value)
            self._metrics[path] = cached
        return cached[1]

    # -- selection ---------------------------------------------------------------------------
    def selected_paths(self) -> list[str]:
        """Paths of the selected runs, in table order (newest first)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row(r)["path"] for r in rows]

    def current_path(self) -> str:
        """The run last clicked if it is selected, else the first selected one, else ""."""
        selected = self.selected_paths()
        cur = self.table.selectionModel().currentIndex()
        if cur.isValid() and self.model.row(cur.row())["path"] in selected:
            return self.model.row(cur.row())["path"]
        return selected[0] if selected else ""

    def select_paths(self, paths: list[str]) -> None:
        """Select these runs (the first becomes current); unknown paths are ignored."""
        self._restore_selection(paths, paths[0] if paths else "")
        self._on_selection_changed()

    def _restore_selection(self, paths: list[str], current: str) -> None:
        sm = self.table.selectionModel()
        sel = QItemSelection()
        for p in paths:
            r = self.model.row_of(p)
            if r >= 0:
                sel.select(self.model.index(r, 0), self.model.index(r, len(COLUMNS) - 1))
        restoring, self._restoring = self._restoring, True
        try:
            flags = QItemSelectionModel.SelectionFlag
            sm.select(sel, flags.ClearAndSelect)
            r = self.model.row_of(current)
            if r >= 0:
                sm.setCurrentIndex(self.model.index(r, 0), flags.NoUpdate)
        finally:
            self._restoring = restoring

    def _on_selection_changed(self, *_args) -> None:
        if self._restoring:
            return
        selected = set(self.selected_paths())
        for p in [p for p in self._metrics if p not in selected]:  # only what is on screen stays in memory
            del self._metrics[p]
        cur = self.current_path()
        if cur != self._current:
            self._current = cur
            if cur:
                self.run_selected.emit(cur)
        self._update_actions()
        self._update_details()
        self._redraw()

    def _selected_rows(self) -> list[dict]:
        return [self.model.row(self.model.row_of(p)) for p in self.selected_paths()]

    def _update_actions(self) -> None:
        rows = self._selected_rows()
        one = rows[0] if len(rows) == 1 else None
        busy = any(r["path"] == self._training for r in rows)
        self.resume_action.setEnabled(self._can_resume(one))
        self.rename_action.setEnabled(one is not None and one["status"] != "damaged")
        self.delete_action.setEnabled(bool(rows) and not busy)
        self.open_action.setEnabled(one is not None)
        self.model_export.set_run(one["path"] if one is not None else "")
        self.finetune.set_run(one["path"] if one is not None and one["path"] != self._training else "")
        for act in (self.png_action, self.svg_action, self.csv_action):
            act.setEnabled(bool(rows))

    def _can_resume(self, row: dict | None) -> bool:
        if row is None or row["status"] not in RESUMABLE or row["path"] == self._training:
            return False
        try:
            return Run(row["path"]).latest_checkpoint() is not None
        except Exception:  # noqa: BLE001 - an unreadable folder cannot be resumed
            return False

    def _update_details(self) -> None:
        rows = self._selected_rows()
        if self.model.rowCount() == 0:
            text = self.tr("No runs yet in {0}. Train one and it appears here.").format(self._store.root)
        elif not rows:
            text = self.tr("Select a run to see its curves; select several to compare them.")
        elif len(rows) > 1:
            text = self.tr("{0} runs selected.").format(len(rows))
        else:
            r = rows[0]
            m = self.metrics(r["path"]) if r["status"] != "damaged" else []
            parent = self.tr("Fine-tuned from {0}").format(r["parent"]) if r["parent"] else ""
            lines = (r["path"], parent, core_text(str(r["message"] or "")), m if isinstance(m, str) else "")
            text = "\n".join(x for x in lines if x)
        self.details.setText(text)

    # -- plotting --------------------------------------------------------------------------------
    def curves(self) -> dict[tuple[str, str], pg.PlotDataItem]:
        """The drawn curves, keyed by (run path, "train" | "val" | "lower")."""
        return self.plots.curves()

    def _redraw(self, force: bool = False) -> None:
        self.plots.redraw(self._selected_rows(), self.x_axis.currentData(), self.lower.currentData(), force)

    # -- actions -------------------------------------------------------------------------------------
    def set_training_run(self, path: str | None) -> None:
        """Tell the panel which run the app is training now (it cannot be resumed or deleted meanwhile)."""
        self._training = path or None
        self._update_actions()

    def resume(self) -> None:
        rows = self._selected_rows()
        if len(rows) == 1 and self._can_resume(rows[0]):
            self.resume_requested.emit(rows[0]["path"])

    def rename(self) -> None:
        rows = self._selected_rows()
        if len(rows) != 1:
            return
        r = rows[0]
        new = self._ask_text(self.tr("Rename run"), self.tr("New name for “{0}”:").format(r['name']), r["name"])
        if new is None or not new.strip() or new.strip() == r["name"]:
            return
        try:
            self._store.rename(Run(r["path"]), new.strip())
        except (LmlabError, OSError) as e:
            self._show_error(self.tr("Cannot rename “{0}”: {1}").format(r['name'], e))
        self.refresh()

    def delete(self) -> None:
        rows = [r for r in self._selected_rows() if r["path"] != self._training]
        if not rows:
            return
        if len(rows) == 1:
            text = (self.tr("Delete the run “{0}”?\n\nIts folder {1} and all its checkpoints will be removed from disk. This cannot be undone.").format(rows[0]['name'], rows[0]['path']))
        else:
            names = "\n".join(f"  • {r['name']}" for r in rows)
            text = (self.tr("Delete these {0} runs?\n\n{1}\n\nTheir folders and checkpoints will be removed from disk. This cannot be undone.").format(len(rows), names))
        if not self._confirm(text):
            return
        errors = []
        for r in rows:
            try:
                self._store.delete(Run(r["path"]))
            except (LmlabError, OSError) as e:
                errors.append(f"“{r['name']}”: {e}")
            else:
                self.run_deleted.emit(r["path"])
        self.refresh()
        if errors:
            self._show_error(self.tr("Some runs could not be deleted:\n") + "\n".join(errors))

    def open_folder(self) -> None:
        path = self.current_path()
        if path and not self._open_url(QUrl.fromLocalFile(path)):
            self._show_error(self.tr("Cannot open the folder {0}.").format(path))

    def _suggested_name(self, suffix: str) -> str:
        rows = self._selected_rows()
        base = rows[0]["id"] if len(rows) == 1 else "runs"
        return os.path.join(self._last_dir, base + suffix)

    def _export(self, caption: str, suffix: str, filter_: str, write) -> Path | None:
        path = self._ask_save_path(caption, self._suggested_name(suffix), filter_)
        if path:
            self._last_dir = str(Path(path).parent)
        return export_to(path, suffix, write, self._show_error)

    def export_png(self) -> Path | None:
        return self._export(self.tr("Export plot as PNG"), ".png", self.tr("PNG image (*.png)"), lambda p: export_png(self.plots.ci, p))

    def export_svg(self) -> Path | None:
        return self._export(self.tr("Export plot as SVG"), ".svg", self.tr("SVG drawing (*.svg)"), lambda p: export_svg(self.plots.ci, p))

    def export_csv(self) -> Path | None:
        rows = self._selected_rows()
        unreadable = []

        def write(p: Path) -> None:
            pairs = []
            for r in rows:
                m = self.metrics(r["path"])
                if isinstance(m, str):
                    unreadable.append(f"“{r['name']}”: {m}")
                    m = []
                pairs.append((r["name"], m))
            write_metrics_csv(p, pairs)

        p = self._export(self.tr("Export metrics as CSV"), ".csv", self.tr("CSV table (*.csv)"), write)
        if p is not None and unreadable:
            self._show_error(self.tr("Some runs' metrics were left out:\n") + "\n".join(unreadable))
        return p

    def context_menu(self) -> QMenu:
        """The table's context menu (built fresh so enabled states are current)."""
        menu = QMenu(self)
        menu.setObjectName("runsContextMenu")
        for act in (self.resume_action, self.rename_action, self.delete_action, self.open_action, None,
                    *self.model_export.actions, self.finetune.action, None,
                    self.png_action, self.svg_action, self.csv_action, None, self.refresh_action):
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        return menu

    def _show_context_menu(self, pos) -> None:
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- dialogs (replaced in tests) ----------------------------------------------------------
    def _confirm(self, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        return QMessageBox.question(self, "Delete runs", text, buttons,
                                    QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

    def _ask_text(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def _ask_save_path(self, caption: str, suggested: str, filter_: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return path or None

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self, "Runs", text)

    def _open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    # -- lifecycle --------------------------------------------------------------------------------
    def showEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(ev)
        self.refresh()
        self._timer.start()

    def hideEvent(self, ev) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(ev)

    def changeEvent(self, ev) -> None:  # noqa: N802
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.plots.apply_palette()
        super().changeEvent(ev)
