"""Scaling panel: plan a sweep of model sizes and budgets, run it through the engine, fit scaling
laws (Kaplan 2020, Chinchilla 2022) and turn them into a compute-optimal run.

    panel = SweepPanel(session.trainer)            # sweeps live in <runs folder>/../sweeps
    panel.runQueued.connect(...)                   # QueueEntry of "Create this run", on the run queue
    install(window)                                # the same, as the "Scaling" tab

Layout: the plan and run controls on the left; on the right the warnings of the fit (amber,
only when there are some), six log–log plots, and below them the results table, the fitted
parameters and the recommendation for a compute budget.

Training: Run puts the sweep's runs on the app's run queue (``run.SweepRun`` over the
``TrainingController``), one entry per point in plan order; the controller trains them (one run on
the device at a time, a Train of the Training panel waits its turn) and the panel follows their
progress through its signals. *Create this run* queues the recommended run the same way. Each fit
runs on the Scaling controller (``controllers.scaling``: ``core.jobs.fit.fit_table``, the fit
``lmlab fit`` prints). The worker training a point owns its
``Sweep`` object; the panel re-reads ``sweep.json`` (written atomically after every point) to show
results, so no state is shared across threads.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core.config import RunConfig
from ....core.dataset import load_prepared
from ....core.errors import ConfigError, LmlabError
from ....core.runs import RunStore
from ....core.scaling import FitReport, ScalingData
from ....core.scaling.results import ResultRow, Throughput, data_from_rows, measured_throughput, rows_from_sweep
from ....core.sweep import Sweep, SweepProgress
from ...controllers.scaling import ScalingController
from ...controllers.training import TrainingController
from ...plots.scaling_plots import ScalingPlots
from ..common import name_widget
from .files import UNFINISHED, SweepFilesMixin
from .plan import SweepPlanForm
from .results import FitView, RecommendationBox, ResultsTable, WarningsBanner
from .run import SweepRun, SweepRunBox
from ...i18n import error_text

log = logging.getLogger(__name__)


def sweeps_root_for(runs_root_or_store) -> Path:
    """Sweeps live in ``sweeps/`` beside the runs folder: ~/lmlab/runs -> ~/lmlab/sweeps."""
    root = runs_root_or_store.root if isinstance(runs_root_or_store, RunStore) else Path(runs_root_or_store)
    return root.parent / "sweeps"


class SweepPanel(SweepFilesMixin, QWidget):
    runQueued = Signal(object)  # QueueEntry: "Create this run" put the recommended run on the queue
    fitFinished = Signal(object)  # FitReport (None if the fit failed), after every fit
    sweepEnded = Signal(str)  # "sweep-finished" | "sweep-stopped" | "failed"
    progress = Signal(object)  # every SweepProgress of the running sweep, on the GUI thread

    def __init__(self, controller: TrainingController, parent=None):
        super().__init__(parent)
        name_widget(self, "scalingPanel", self.tr("Scaling panel"))
        self.controller = controller
        self.sweeps_root = sweeps_root_for(controller.store)
        self._sweep_path: Path | None = None  # the sweep shown (open or running)
        self._rows: list[ResultRow] = []
        self._throughput: Throughput | None = None
        self._closing = False  # shut down: start no more threads
        self.sweep_run = SweepRun(controller, self)
        self.sweep_run.progress.connect(self._on_progress)
        self.sweep_run.pointEnded.connect(self._on_point_ended)
        self.sweep_run.ended.connect(self._on_sweep_ended)
        self.sweep_run.changed.connect(self._update_buttons)
        self.scaling = ScalingController(self)
        self.scaling.stage.connect(lambda text: self.fit_view.show_busy(f"{text}…"))
        self.scaling.fitted.connect(self._on_fit_done)
        self.scaling.failed.connect(self._on_fit_error)
        self.scaling.busyChanged.connect(self._update_buttons)

        # -- left: plan and run --------------------------------------------------------------------------
        self.plan = SweepPlanForm()
        plan_box = QGroupBox(self.tr("Plan"))
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
        self.tabs = name_widget(QTabWidget(), "scalingTabs", self.tr("Results and fit"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.fit_view, self.tr("Fitted laws"))
        self.tabs.addTab(self.results, self.tr("Runs"))
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
        self.recommendation.create_run_requested.connect(self.create_run)
        self.recommendation.budget_spin.valueChanged.connect(self._show_recommendation)
        self.recommendation.unit_combo.currentIndexChanged.connect(self._show_recommendation)
        self.plots.exported.connect(lambda p: self.message.show_message(self.tr("Saved {0}").format(p), "info"))
        self._update_buttons()

    # -- state -------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """The sweep's runs are queued or training, or a fit is running."""
        return self.running or self.scaling.busy

    @property
    def running(self) -> bool:
        """The open sweep's runs are on the queue (waiting or training)."""
        return self.sweep_run.running

    @property
    def fits(self) -> FitReport | None:
        return self.scaling.report

    @property
    def sweep_path(self) -> Path | None:
        return self._sweep_path

    def _unfinished(self) -> bool:
        return any(r.status in UNFINISHED for r in self._rows) and self._sweep_path is not None

    def _update_buttons(self) -> None:
        phase = self.sweep_run.phase
        running = phase != "idle"
        plan_ok = not self.plan.message.isVisible() and self.plan.table.rowCount() > 0
        self.run_button.setEnabled(not running and plan_ok and not self._closing)
        self.pause_button.setEnabled(phase == "running")
        self.resume_button.setEnabled(phase == "paused" or (not running and self._unfinished()))
        self.stop_button.setEnabled(phase in ("queued", "running", "paused"))
        for b in (self.open_button, self.save_button, self.import_button):
            b.setEnabled(not running)
        self.plan.setEnabled(not running)
        self.export_button.setEnabled(any(r.usable for r in self._rows))
        self.fit_button.setEnabled(self.scaling.data is not None and not self.scaling.busy)

    # -- running a sweep (on the run queue: run.SweepRun) ---------------------------------------------
    def new_sweep_folder(self, name: str = "sweep") -> Path:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.sweeps_root / f"{stamp}-{name}"
        n = 1
        while path.exists():
            n += 1
            path = self.sweeps_root / f"{stamp}-{name}-{n}"
        return path

    def start_sweep(self, folder: str | Path | None = None) -> Path | None:
        """Create a sweep from the plan (in ``folder`` or a new folder under ``sweeps/``) and queue its runs."""
        if self.running or self._closing:
            return None
        try:
            base, points = self.plan.plan()
            sweep = Sweep.create(Path(folder) if folder else self.new_sweep_folder(), base, points)
        except (ValueError, LmlabError) as e:
            self.message.show_message(error_text(e))
            return None
        self._show_sweep(sweep)
        self._queue_sweep(sweep)
        return sweep.path

    def resume(self) -> None:
        """Resume a paused sweep, or queue the unfinished points of the open sweep (also after a restart)."""
        if self.sweep_run.phase == "paused":
            self.sweep_run.resume()
            self.status.setText(self.status.text().replace(self.tr(" (paused)"), ""))
            return
        if self.running or self._sweep_path is None or self._closing:
            return
        try:
            sweep = Sweep.open(self._sweep_path)
        except LmlabError as e:
            self.message.show_message(error_text(e))
            return
        self._queue_sweep(sweep)

    def pause(self) -> None:
        if self.sweep_run.phase == "running":
            self.sweep_run.pause()
            self.status.setText(self.status.text() + self.tr(" (paused)"))

    def stop(self) -> None:
        """Stop at the next step and take the sweep's waiting runs off the queue; it can resume later."""
        if self.sweep_run.phase in ("queued", "running", "paused"):
            self.status.setText(self.tr("Stopping after this step…"))
            self.sweep_run.stop()

    def _queue_sweep(self, sweep: Sweep) -> None:
        self.message.show_message("")
        n = self.sweep_run.start(sweep)
        busy = self.sweep_run.phase == "queued"
        self.status.setText(self.tr("%n run(s) queued; they start when the device is free.", "", n) if busy
                            else self.tr("Starting…"))

    def _on_progress(self, ev: SweepProgress) -> None:
        self.progress.emit(ev)
        self.run_box.show_progress(ev, self.sweep_run.phase)

    def _on_point_ended(self, entry, end) -> None:
        self._reload_rows()
        if end.status == "failed":
            self.message.show_message(self.tr("{0} failed: {1} The sweep goes on.").format(entry.name, end.reason))

    def _on_sweep_ended(self, status: str) -> None:
        self._reload_rows()
        done = sum(r.status in ("finished", "failed") for r in self._rows)
        self.sweep_bar.setValue(int(1000 * done / max(1, len(self._rows))))
        self.status.setText(self.tr("Sweep finished.") if status == "sweep-finished"
                            else self.tr("Sweep stopped; resume to continue."))
        self.sweepEnded.emit(status)
        if any(r.usable for r in self._rows):
            self._throughput = self._measure()
            self.fit()

    # -- sweeps on disk ---------------------------------------------------------------------------------------
    def _show_sweep(self, sweep: Sweep) -> None:
        self._sweep_path = sweep.path
        self.folder_label.setText(self.tr("Folder: {0}").format(sweep.path))
        self.folder_label.setToolTip(str(sweep.path))
        self.plan.blockSignals(True)
        self.plan.show_sweep(sweep)
        self.plan.blockSignals(False)
        self.plan.refresh()
        self.sweep_run.follow(sweep.path)
        self._reload_rows(sweep)

    def _reload_rows(self, sweep: Sweep | None = None) -> None:
        if sweep is None and self._sweep_path is not None:
            try:
                sweep = Sweep.open(self._sweep_path)
            except LmlabError as e:
                self.message.show_message(error_text(e))
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

    # -- fitting ------------------------------------------------------------------------------------------------------
    def fit(self, data: ScalingData | None = None) -> bool:
        """Fit the finished runs (or ``data``) on the Scaling controller; ``fitFinished`` reports."""
        data = data if data is not None else data_from_rows(self._rows, self._sweep_path.name if self._sweep_path else "runs")
        if data is None or self._closing:
            self.scaling.clear()
            return False
        self.fit_view.show_busy(self.tr("Fitting {0} runs…").format(len(data)))
        ok = self.scaling.fit(data, n_boot=self.boot_spin.value(), drop_highest=self.drop_spin.value())
        self._update_buttons()
        return ok

    def _on_fit_done(self, report: FitReport | None) -> None:
        self._show_fit(report)
        if report is not None:
            self.fitFinished.emit(report)

    def _on_fit_error(self, message: str) -> None:
        self._show_fit(None)
        self.warnings.show_warnings([self.tr("The fit failed: {0}").format(message)], self.tr("No fit"))
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

    def create_run(self, cfg: RunConfig) -> None:
        """*Create this run*: a new run with the recommended shape and token budget, on the run queue."""
        entry = self.controller.enqueue_config(cfg, cfg.name)
        if entry is None:
            return
        self.message.show_message(self.tr("“{0}” is on the run queue: it trains when the device is free "
                                          "(see the Training tab).").format(entry.name), "info")
        self.runQueued.emit(entry)

    # -- lifecycle -------------------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop any fit and wait for its thread. (The sweep's runs are the training controller's: the
        session stops them, and they keep their place in the queue.)"""
        self._closing = True
        self.scaling.shutdown()
        self._update_buttons()


def install(window) -> SweepPanel:
    """Add the Scaling tab to the main window (``window.add_panel``); sweeps go beside its runs folder."""
    panel = SweepPanel(window.session.trainer)
    window.add_panel(QCoreApplication.translate("panels.scaling.panel", "Scaling"), panel)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(panel.shutdown)
    return panel
