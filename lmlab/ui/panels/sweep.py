"""Scaling panel: plan a sweep of model sizes and budgets, run it through the engine, fit scaling
laws (Kaplan 2020, Chinchilla 2022) and turn them into a compute-optimal run.

    panel = SweepPanel(session.store)              # sweeps live in <runs folder>/../sweeps
    panel.create_run_requested.connect(...)        # RunConfig of "Create this run"
    install(window)                                # the same, as the "Scaling" tab

Layout: the plan and run controls on the left; on the right the warnings of the fit (amber,
only when there are some), six log–log plots, and below them the results table, the fitted
parameters and the recommendation for a compute budget.

Threads: ``run_sweep`` runs in one ``GeneratorWorker`` (pause / stop through its ``Control``),
each fit on the Scaling controller (``controllers.scaling``: ``core.jobs.fit.fit_table``, the
fit ``lmlab fit`` prints); their progress reaches the widgets through queued signals only. The worker owns its ``Sweep`` object; the panel re-reads ``sweep.json``
(written atomically after every point) to show results, so no state is shared across threads.
"""

from __future__ import annotations

import datetime as _dt
import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.config import RunConfig
from ...core.dataset import load_prepared
from ...core.engine import Control, StepMetrics
from ...core.errors import ConfigError, LmlabError
from ...core.runs import RunStore
from ...core.scaling import FitReport, ScalingData, read_results_csv, write_results_csv
from ...core.scaling.results import (
    ResultRow,
    Throughput,
    data_from_rows,
    format_number,
    measured_throughput,
    rows_from_data,
    rows_from_sweep,
)
from ...core.sweep import SWEEP_FILE, Sweep, SweepProgress, run_sweep
from ..controllers.scaling import ScalingController
from ..plots.scaling_plots import ScalingPlots
from ..jobs import GeneratorWorker
from .common import name_widget
from .sweep_plan import SweepPlanForm
from .sweep_results import FitView, RecommendationBox, ResultsTable, WarningsBanner
from .sweep_run import SweepRunBox

log = logging.getLogger(__name__)

QUEUED = Qt.ConnectionType.QueuedConnection
UNFINISHED = ("pending", "running", "stopped")


def sweeps_root_for(runs_root_or_store) -> Path:
    """Sweeps live in ``sweeps/`` beside the runs folder: ~/lmlab/runs -> ~/lmlab/sweeps."""
    root = runs_root_or_store.root if isinstance(runs_root_or_store, RunStore) else Path(runs_root_or_store)
    return root.parent / "sweeps"


def _stop_threads(controls: list[Control], workers: list[GeneratorWorker]) -> None:
    """Stop every sweep and fit thread and wait for them (also called as the panel is destroyed)."""
    for c in controls:
        c.stop()
    for w in list(workers):
        w.abort()
    for w in list(workers):
        try:
            w.wait()
        except RuntimeError:  # the C++ side is gone: the thread has ended
            pass


class SweepPanel(QWidget):
    create_run_requested = Signal(object)  # RunConfig with the recommended shape and token budget
    fitFinished = Signal(object)  # FitReport (None if the fit failed), after every fit
    sweepEnded = Signal(str)  # "sweep-finished" | "sweep-stopped" | "failed"
    progress = Signal(object)  # every SweepProgress of the running sweep, on the GUI thread

    def __init__(self, runs_root_or_store, parent=None):
        super().__init__(parent)
        name_widget(self, "scalingPanel", "Scaling panel")
        self.sweeps_root = sweeps_root_for(runs_root_or_store)
        self._sweep_path: Path | None = None  # the sweep shown (open or running)
        self._rows: list[ResultRow] = []
        self._throughput: Throughput | None = None
        self._phase = "idle"  # idle | running | paused | stopping
        self._worker: GeneratorWorker | None = None
        self._control: Control | None = None
        self._controls: list[Control] = []
        self._threads: list[GeneratorWorker] = []
        self._last_speed = ""
        self._closing = False  # shut down: start no more threads
        self.scaling = ScalingController(self)
        self.scaling.stage.connect(lambda text: self.fit_view.show_busy(f"{text}…"))
        self.scaling.fitted.connect(self._on_fit_done)
        self.scaling.failed.connect(self._on_fit_error)
        self.scaling.busyChanged.connect(self._update_buttons)
        self.destroyed.connect(lambda *_a, c=self._controls, t=self._threads: _stop_threads(c, t))

        # -- left: plan and run --------------------------------------------------------------------------
        self.plan = SweepPlanForm()
        plan_box = QGroupBox("Plan")
        QVBoxLayout(plan_box).addWidget(self.plan)

        run_box = SweepRunBox()
        self.run_box = run_box
        self.run_button = run_box.run_button
        self.pause_button = run_box.pause_button
        self.resume_button = run_box.resume_button
        self.stop_button = run_box.stop_button
        self.sweep_bar = run_box.sweep_bar
        self.run_bar = run_box.run_bar
        self.status = run_box.status
        self.message = run_box.message
        self.folder_label = run_box.folder_label
        self.open_button = run_box.open_button
        self.save_button = run_box.save_button
        self.import_button = run_box.import_button
        self.export_button = run_box.export_button
        self.fit_button = run_box.fit_button
        self.boot_spin = run_box.boot_spin
        self.drop_spin = run_box.drop_spin

        left = QWidget()
        left.setObjectName("scalingControls")
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(6, 6, 6, 6)
        left_lay.addWidget(plan_box, 1)
        left_lay.addWidget(run_box)
        scroll = QScrollArea()
        scroll.setObjectName("scalingControlsScroll")
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(380)

        # -- right: warnings, plots, results ----------------------------------------------------------------
        self.warnings = WarningsBanner()
        self.plots = ScalingPlots()
        self.results = ResultsTable()
        self.fit_view = FitView()
        self.recommendation = RecommendationBox()
        self.tabs = name_widget(QTabWidget(), "scalingTabs", "Results and fit")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.fit_view, "Fitted laws")
        self.tabs.addTab(self.results, "Runs")
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("scalingBottomSplitter")
        bottom.addWidget(self.tabs)
        bottom.addWidget(self.recommendation)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("scalingRightSplitter")
        self.right_splitter.addWidget(self.plots)
        self.right_splitter.addWidget(bottom)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 6, 6, 6)
        right_lay.setSpacing(6)
        right_lay.addWidget(self.warnings)
        right_lay.addWidget(self.right_splitter, 1)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("scalingSplitter")
        main.addWidget(scroll)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([400, 900])
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(main)

        # -- wiring ---------------------------------------------------------------------------------------
        self.run_button.clicked.connect(lambda: self.start_sweep())
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.open_button.clicked.connect(self.open_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.import_button.clicked.connect(self.import_dialog)
        self.export_button.clicked.connect(self.export_dialog)
        self.fit_button.clicked.connect(lambda: self.fit())
        self.plan.planChanged.connect(self._update_buttons)
        self.plan.planChanged.connect(self._update_recommendation_context)
        self.recommendation.create_run_requested.connect(self.create_run_requested)
        self.recommendation.budget_spin.valueChanged.connect(self._show_recommendation)
        self.recommendation.unit_combo.currentIndexChanged.connect(self._show_recommendation)
        self.plots.exported.connect(lambda p: self.message.show_message(f"Saved {p}", "info"))
        self._update_buttons()

    # -- state -------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A sweep or a fit is running."""
        return self._worker is not None or self.scaling.busy

    @property
    def running(self) -> bool:
        return self._worker is not None

    @property
    def fits(self) -> FitReport | None:
        return self.scaling.report

    @property
    def sweep_path(self) -> Path | None:
        return self._sweep_path

    def _set_phase(self, phase: str) -> None:
        self._phase = phase
        self._update_buttons()

    def _unfinished(self) -> bool:
        return any(r.status in UNFINISHED for r in self._rows) and self._sweep_path is not None

    def _update_buttons(self) -> None:
        running = self._worker is not None
        plan_ok = not self.plan.message.isVisible() and self.plan.table.rowCount() > 0
        self.run_button.setEnabled(not running and plan_ok)
        self.pause_button.setEnabled(running and self._phase == "running")
        self.resume_button.setEnabled(self._phase == "paused" or (not running and self._unfinished()))
        self.stop_button.setEnabled(running and self._phase in ("running", "paused"))
        for b in (self.open_button, self.save_button, self.import_button):
            b.setEnabled(not running)
        self.plan.setEnabled(not running)
        self.export_button.setEnabled(any(r.usable for r in self._rows))
        self.fit_button.setEnabled(self.scaling.data is not None and not self.scaling.busy)

    # -- running a sweep ---------------------------------------------------------------------------------------
    def new_sweep_folder(self, name: str = "sweep") -> Path:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.sweeps_root / f"{stamp}-{name}"
        n = 1
        while path.exists():
            n += 1
            path = self.sweeps_root / f"{stamp}-{name}-{n}"
        return path

    def start_sweep(self, folder: str | Path | None = None) -> Path | None:
        """Create a sweep from the plan (in ``folder`` or a new folder under ``sweeps/``) and run it."""
        if self._worker is not None or self._closing:
            return None
        try:
            base, points = self.plan.plan()
            sweep = Sweep.create(Path(folder) if folder else self.new_sweep_folder(), base, points)
        except (ValueError, LmlabError) as e:
            self.message.show_message(str(e))
            return None
        self._show_sweep(sweep)
        self._launch(sweep)
        return sweep.path

    def resume(self) -> None:
        """Resume a paused sweep, or run the unfinished points of the open sweep (also after a restart)."""
        if self._phase == "paused" and self._control is not None:
            self._control.resume()
            self._set_phase("running")
            self.status.setText(self.status.text().replace(" (paused)", ""))
            return
        if self._worker is not None or self._sweep_path is None:
            return
        try:
            sweep = Sweep.open(self._sweep_path)
        except LmlabError as e:
            self.message.show_message(str(e))
            return
        self._launch(sweep)

    def pause(self) -> None:
        if self._control is not None and self._phase == "running":
            self._control.pause()
            self._set_phase("paused")
            self.status.setText(self.status.text() + " (paused)")

    def stop(self) -> None:
        """Stop at the next step; the run saves a checkpoint and the sweep can resume later."""
        if self._control is not None and self._phase in ("running", "paused"):
            self._control.stop()
            self._set_phase("stopping")
            self.status.setText("Stopping after this step…")

    def _launch(self, sweep: Sweep) -> None:
        if self._closing:
            return
        control = Control()
        w = GeneratorWorker(run_sweep, sweep, control, None, name="sweep")
        w.yielded.connect(self._on_progress, QUEUED)
        w.errored.connect(self._on_sweep_error, QUEUED)
        w.finished.connect(self._on_sweep_thread_finished, QUEUED)
        self._worker, self._control = w, control
        self._controls[:] = [control]
        self._threads.append(w)
        self.message.show_message("")
        self.status.setText("Starting…")
        self._set_phase("running")
        w.start()

    @Slot(object)
    def _on_progress(self, ev: SweepProgress) -> None:
        if self.sender() is not self._worker:
            return
        self.progress.emit(ev)
        self.sweep_bar.setValue(int(round(1000 * ev.fraction)))
        self.run_bar.setValue(int(round(1000 * ev.point_fraction)))
        where = f"Run {ev.index + 1} of {ev.total}: {ev.name}"
        paused = " (paused)" if self._phase == "paused" else ""
        if ev.status == "preparing":
            self.status.setText(f"Preparing the corpus: {ev.message or ''}".rstrip(": ") + paused)
        elif ev.status == "started":
            self._last_speed = ""
            self.status.setText(where + paused)
        elif ev.status == "running":
            if isinstance(ev.event, StepMetrics):
                self._last_speed = f" · {format_number(ev.event.tokens_per_s)} tokens/s"
            if self._phase != "stopping":
                self.status.setText(f"{where} · step {getattr(ev.event, 'step', 0):,}{self._last_speed}{paused}")
        elif ev.status in ("finished", "failed", "stopped"):
            self._reload_rows()
            if ev.status == "failed":
                self.message.show_message(f"{ev.name} failed: {ev.message} The sweep goes on.", "error")
        elif ev.status in ("sweep-finished", "sweep-stopped"):
            self._reload_rows()
            self.status.setText(ev.message)
            self.sweepEnded.emit(ev.status)
            if any(r.usable for r in self._rows):
                self._throughput = self._measure()
                self.fit()

    @Slot(object)
    def _on_sweep_error(self, e: BaseException) -> None:
        if self.sender() is not self._worker:
            return
        msg = str(e) if isinstance(e, LmlabError) else f"The sweep stopped on an error: {type(e).__name__}: {e}"
        self.message.show_message(msg)
        self.status.setText("Sweep stopped.")
        self._reload_rows()
        self.sweepEnded.emit("failed")

    @Slot()
    def _on_sweep_thread_finished(self) -> None:
        w = self.sender()
        if w in self._threads:
            self._threads.remove(w)
        if w is not self._worker:
            return
        self._worker, self._control = None, None
        self._set_phase("idle")

    # -- sweeps on disk ---------------------------------------------------------------------------------------
    def _show_sweep(self, sweep: Sweep) -> None:
        self._sweep_path = sweep.path
        self.folder_label.setText(f"Folder: {sweep.path}")
        self.folder_label.setToolTip(str(sweep.path))
        self.plan.blockSignals(True)
        self.plan.show_sweep(sweep)
        self.plan.blockSignals(False)
        self.plan.refresh()
        self._reload_rows(sweep)

    def _reload_rows(self, sweep: Sweep | None = None) -> None:
        if sweep is None and self._sweep_path is not None:
            try:
                sweep = Sweep.open(self._sweep_path)
            except LmlabError as e:
                self.message.show_message(str(e))
                return
        if sweep is None:
            return
        self._rows = rows_from_sweep(sweep)
        self.results.show_rows(self._rows)
        try:
            self.plan.set_vocab_size(load_prepared(sweep.data_dir).vocab_size)
        except LmlabError:
            pass
        self._update_buttons()

    def _measure(self) -> Throughput | None:
        if self._sweep_path is None:
            return None
        try:
            return measured_throughput(Sweep.open(self._sweep_path))
        except LmlabError:
            return None

    def open_sweep(self, folder: str | Path) -> bool:
        """Show a sweep folder: its plan, results and fit; Resume runs what is unfinished."""
        if self._worker is not None:
            return False
        try:
            sweep = Sweep.open(folder)
        except LmlabError as e:
            self.message.show_message(str(e))
            return False
        self.message.show_message("")
        self._show_sweep(sweep)
        self._throughput = self._measure()
        todo = sum(r.status in UNFINISHED for r in self._rows)
        done = sum(r.usable for r in self._rows)
        self.status.setText(f"{done} of {len(self._rows)} runs finished" +
                            (f"; {todo} to go: press Resume to continue." if todo else "."))
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
        if self._worker is not None:
            return None
        try:
            if self._sweep_path is not None and (self._sweep_path / SWEEP_FILE).exists():
                if dst.exists() and any(dst.iterdir()):
                    raise LmlabError(f"{dst} is not empty; choose a new or empty folder.")
                if dst.exists():
                    dst.rmdir()
                shutil.copytree(self._sweep_path, dst)
                self.open_sweep(dst)
            else:
                base, points = self.plan.plan()
                self._show_sweep(Sweep.create(dst, base, points))
                self.status.setText("Plan saved; press Resume to run it.")
        except (ValueError, LmlabError, OSError) as e:
            self.message.show_message(str(e))
            return None
        self._update_buttons()
        return dst

    # -- CSV -------------------------------------------------------------------------------------------------------
    def import_csv(self, path: str | Path) -> bool:
        """Show and fit results from a CSV (columns N, D, loss, optional C), without running anything."""
        if self._worker is not None:
            return False
        try:
            data = read_results_csv(path)
        except LmlabError as e:
            self.message.show_message(str(e))
            return False
        self._sweep_path = None
        self.folder_label.setText(f"Imported: {path}")
        self._rows = rows_from_data(data)
        self.results.show_rows(self._rows, f"{len(data)} runs imported from {Path(path).name}")
        self._throughput = None
        self.status.setText(f"Imported {len(data)} runs from {Path(path).name}.")
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
                    raise LmlabError("There are no finished runs to export.")
                write_results_csv(path, data)
                n = len(data)
        except (LmlabError, OSError) as e:
            self.message.show_message(str(e))
            return 0
        self.message.show_message(f"Wrote {n} runs to {path}", "info")
        return n

    # -- fitting ------------------------------------------------------------------------------------------------------
    def fit(self, data: ScalingData | None = None) -> bool:
        """Fit the finished runs (or ``data``) on the Scaling controller; ``fitFinished`` reports."""
        data = data if data is not None else data_from_rows(self._rows, self._sweep_path.name if self._sweep_path else "runs")
        if data is None:
            self.scaling.clear()
            return False
        self.fit_view.show_busy(f"Fitting {len(data)} runs…")
        ok = self.scaling.fit(data, n_boot=self.boot_spin.value(), drop_highest=self.drop_spin.value())
        self._update_buttons()
        return ok

    def _on_fit_done(self, report: FitReport | None) -> None:
        self._show_fit(report)
        if report is not None:
            self.fitFinished.emit(report)

    def _on_fit_error(self, message: str) -> None:
        self._show_fit(None)
        self.warnings.show_warnings([f"The fit failed: {message}"], "No fit")
        self.fitFinished.emit(None)

    def _show_fit(self, report: FitReport | None) -> None:
        self.plots.show_fits(report.data if report else self.scaling.data, report)
        self.fit_view.show_fits(report)
        self.warnings.show_warnings(list(report.warnings) if report else [])
        self._update_recommendation_context()

    # -- recommendation ----------------------------------------------------------------------------------------------
    def _recommendation_base(self) -> tuple[RunConfig, int]:
        if self._sweep_path is not None:
            try:
                sweep = Sweep.open(self._sweep_path)
                try:
                    vocab = load_prepared(sweep.data_dir).vocab_size
                except LmlabError:
                    vocab = self.plan.vocab_estimate()
                return sweep.base, vocab
            except LmlabError:
                pass
        try:
            return self.plan.plan()[0], self.plan.vocab_estimate()
        except (ValueError, ConfigError):
            return self.plan.base_config(), self.plan.vocab_estimate()

    def _update_recommendation_context(self) -> None:
        base, vocab = self._recommendation_base()
        self.recommendation.set_context(self.scaling.report, self._throughput, base, vocab)
        self._show_recommendation()

    def _show_recommendation(self, *_):
        self.plots.set_recommendation(self.recommendation.recommendation)

    # -- dialogs ---------------------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a sweep folder", str(self.sweeps_root))
        if folder:
            self.open_sweep(folder)

    def save_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the sweep in a new folder", str(self.sweeps_root))
        if folder:
            self.save_as(folder)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import results", "", "CSV (*.csv);;All files (*)")
        if path:
            self.import_csv(path)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export results", "scaling-results.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    # -- lifecycle -------------------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the sweep (its run keeps a checkpoint) and any fit, and wait for their threads."""
        self._closing = True
        self.scaling.shutdown()
        _stop_threads(self._controls, self._threads)
        self._threads.clear()
        if self._worker is not None:
            self._worker = self._control = None
            self._set_phase("idle")


def install(window) -> SweepPanel:
    """Add the Scaling tab to the main window (``window.add_panel``); sweeps go beside its runs folder."""
    panel = SweepPanel(window.session.store)
    window.add_panel("Scaling", panel)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(panel.shutdown)
    return panel
