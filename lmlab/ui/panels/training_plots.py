"""The training panel's curves: loss (train and validation), learning rate, gradient norm, tokens/s,
and the best head's score of each kind (previous-token, first-token, induction) at each evaluation.

Where a kind of head first reaches its threshold (``core.attention_phases.phase_markers``, e.g. the
induction bump of Olsson et al. 2022) a dashed line marks the loss curve at that step. The scores
are read from the attention snapshot the engine stored at that evaluation.

``TrainingPlots`` takes the engine's events (``on_event``) or a run's ``metrics.jsonl``
(``load_run``) and appends them to four ``LivePlot``s, which draw themselves on the shared
frame clock. The x axis (steps, tokens seen or wall time) and log axes are chosen above the
plots; once a run has started, the plots span its whole length (``LivePlot.set_x_extent``).

    curves = TrainingPlots()
    session.trainingEvent.connect(curves.on_event)
    curves.load_run(run)            # a continued run: its curves so far
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...core.attention_files import load_snapshot_scores
from ...core.attention_phases import PhaseMarker, phase_markers
from ...core.engine import EvalMetrics, Started, StepMetrics, event_from_dict
from ...core.guards.events import RolledBack
from ...core.instruments.record import load_probe_record
from ...core.lineage import parent_of
from ...core.errors import LmlabError
from ...core.runs import Run
from ..i18n import core_text
from ..plots.extra_metrics import ExtraMetricsPlot
from ..plots.buffer import X_COLUMNS
from .guards import rollback_line
from ..plots.live import SERIES_COLORS, X_LABELS, LivePlot
from .common import name_widget
from .translation_sample import DecodedSampleView


SCORE_SERIES = {  # name -> (legend, colour); the legends go through tr() where they are shown
    "previous_token": (QT_TRANSLATE_NOOP("TrainingPlots", "previous-token"), 9),
    "first_token": (QT_TRANSLATE_NOOP("TrainingPlots", "first-token (sink)"), 7),
    "induction": (QT_TRANSLATE_NOOP("TrainingPlots", "induction"), 6),
}


def marker_text(m: PhaseMarker) -> str:
    return QCoreApplication.translate("TrainingPlots", "{0} · {1:,}").format(score_label(m.score), m.step)


def score_label(name: str) -> str:
    return QCoreApplication.translate("TrainingPlots", SCORE_SERIES[name][0])


SMALL_PLOT_BUDGET = 0.004  # of wall time, each (the loss plot keeps LivePlot's 1 %)


class TrainingPlots(QWidget):
    """The four live plots with their x-axis and log-axis controls (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._best = math.inf
        self.loss_plot = LivePlot(self.tr("Loss"), self.tr("cross-entropy (nats)"), legend=True)
        name_widget(self.loss_plot, "lossPlot", self.tr("Loss plot"), self.tr("Training and validation loss as the run goes."))
        self.loss_plot.add_series("train", self.tr("train (batch)"), color=0)
        self.loss_plot.add_series("train_eval", self.tr("train (eval)"), color=2, symbol="o", width=1.6)
        self.loss_plot.add_series("val", self.tr("validation"), color=1, symbol="o", width=2.0)
        # The small plots paint on a smaller budget than the loss (live.py): the window's CPU is taken from training.
        self.lr_plot = LivePlot(self.tr("Learning rate"), self.tr("lr"), paint_budget=SMALL_PLOT_BUDGET)
        name_widget(self.lr_plot, "lrPlot", self.tr("Learning rate plot"))
        self.lr_plot.add_series("lr", self.tr("learning rate"), color=4)
        self.grad_plot = LivePlot(self.tr("Gradient norm"), self.tr("norm before clipping"), paint_budget=SMALL_PLOT_BUDGET)
        name_widget(self.grad_plot, "gradNormPlot", self.tr("Gradient norm plot"))
        self.grad_plot.add_series("grad_norm", self.tr("gradient norm"), color=3)
        self.speed_plot = LivePlot(self.tr("Throughput"), self.tr("tokens/s"), paint_budget=SMALL_PLOT_BUDGET)
        name_widget(self.speed_plot, "tokensPerSecondPlot", self.tr("Tokens per second plot"))
        self.speed_plot.add_series("tokens_per_s", self.tr("tokens/s"), color=9)
        self.heads_plot = LivePlot(self.tr("Head scores"), self.tr("best head"), legend=True)
        name_widget(self.heads_plot, "headScoresPlot", self.tr("Head scores plot"),
                    self.tr("The best head's previous-token, first-token and induction score at each evaluation."))
        for key, (_label, color) in SCORE_SERIES.items():
            self.heads_plot.add_series(key, score_label(key), color=color, symbol="o")
        self.update_plot = LivePlot(self.tr("Update / weight"), self.tr("per layer, per evaluation"), legend=True)
        name_widget(self.update_plot, "updateRatioPlot", self.tr("Update to weight ratio plot"),
                    self.tr("How far each layer's weights moved since the previous evaluation, relative to their size."))
        self.layer_grad_plot = LivePlot(self.tr("Gradient norm per layer"), self.tr("on the probe"), legend=True)
        name_widget(self.layer_grad_plot, "layerGradNormPlot", self.tr("Gradient norm per layer plot"),
                    self.tr("Each layer's gradient norm of the loss on the probe text, at each evaluation."))
        # The gradient-norm cell shows one of three plots (``grad_view``); the per-layer ones span decades.
        self.grad_views = {"global": self.grad_plot, "layers": self.layer_grad_plot, "updates": self.update_plot}
        for p in (self.update_plot, self.layer_grad_plot):
            p.set_log(y=True)
            p.hide()
        self.extra_plot = ExtraMetricsPlot()  # a kind's own scores (BLEU, accuracy): in the head scores' cell
        self.extra_plot.hide()
        self.plots = (self.loss_plot, self.lr_plot, self.grad_plot, self.speed_plot, self.heads_plot,
                      self.update_plot, self.layer_grad_plot, self.extra_plot)
        self._run_dir = ""  # where the attention snapshots are read from
        self._scores: list[tuple[int, dict]] = []  # (step, head scores) of each evaluation so far
        self._x_at: dict[int, dict[str, float]] = {}  # step -> its x in each column (step, tokens, time)
        self._layer_series: dict[str, set[str]] = {"updates": set(), "layers": set()}  # plot -> layers with a curve
        self.markers: dict[str, tuple[PhaseMarker, pg.InfiniteLine]] = {}  # score name -> its line on the loss plot
        self.reference: tuple[float, pg.InfiniteLine] | None = None  # a fine-tune's parent loss, as a level
        self.rollbacks: list[tuple[dict[str, float], pg.InfiniteLine]] = []  # roll-backs: (x of their step, line)
        self.loss_plot.set_placeholder(self.tr("Press Train: the loss appears here as the model learns."))

        self.x_combo = name_widget(QComboBox(), "xAxisCombo", self.tr("X axis"), self.tr("Plot against steps, tokens or time."))
        for key, label in X_LABELS.items():
            self.x_combo.addItem(QCoreApplication.translate("plots.live", label), key)
        self.log_x = name_widget(QCheckBox(self.tr("log x")), "logXCheck", self.tr("Logarithmic x axis"))
        self.log_y = name_widget(QCheckBox(self.tr("log loss")), "logYCheck", self.tr("Logarithmic loss axis"))
        self.grad_view = name_widget(QComboBox(), "gradientViewCombo", self.tr("Gradient plot"),
                                     self.tr("The global gradient norm, each layer's gradient norm on the probe, "
                                             "or each layer's update-to-weight ratio"))
        self.grad_view.addItem(self.tr("gradient norm"), "global")
        self.grad_view.addItem(self.tr("gradient per layer"), "layers")
        self.grad_view.addItem(self.tr("update / weight per layer"), "updates")
        plot_bar = QHBoxLayout()
        plot_bar.setSpacing(8)
        plot_bar.addWidget(QLabel(self.tr("x axis")))
        plot_bar.addWidget(self.x_combo)
        plot_bar.addWidget(self.log_x)
        plot_bar.addWidget(self.log_y)
        plot_bar.addWidget(self.grad_view)
        plot_bar.addStretch(1)
        self.best_label = QLabel("")
        self.best_label.setObjectName("bestValLabel")
        self.best_label.setMinimumWidth(1)  # shown whole where there is room; never widens the window
        plot_bar.addWidget(self.best_label)

        for p in (self.lr_plot, self.grad_plot, self.update_plot, self.layer_grad_plot, self.speed_plot,
                  self.heads_plot, self.extra_plot):
            p.setMinimumWidth(120)  # four in a row must still fit a 1280-pixel window beside the docks
        small = QGridLayout()
        small.setSpacing(4)
        small.setContentsMargins(0, 0, 0, 0)
        small.addWidget(self.lr_plot, 0, 0)
        small.addWidget(self.grad_plot, 0, 1)
        small.addWidget(self.update_plot, 0, 1)
        small.addWidget(self.layer_grad_plot, 0, 1)
        small.addWidget(self.speed_plot, 0, 2)
        small.addWidget(self.heads_plot, 0, 3)
        small.addWidget(self.extra_plot, 0, 3)
        small_w = QWidget()
        small_w.setLayout(small)
        plot_split = QSplitter(Qt.Orientation.Vertical)
        plot_split.setObjectName("plotSplitter")
        plot_split.addWidget(self.loss_plot)
        plot_split.addWidget(small_w)
        plot_split.setStretchFactor(0, 3)
        plot_split.setStretchFactor(1, 2)
        plot_split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(plot_bar)
        layout.addWidget(plot_split, 1)
        self.sample_view = DecodedSampleView()  # a translator's latest decoded sentences
        layout.addWidget(self.sample_view)
        self.x_combo.currentIndexChanged.connect(self._x_changed)
        self.log_x.toggled.connect(self._log_changed)
        self.log_y.toggled.connect(self._log_changed)
        self.grad_view.currentIndexChanged.connect(self._grad_view_changed)

    def _grad_view_changed(self) -> None:
        shown = self.grad_view.currentData()
        for key, plot in self.grad_views.items():
            plot.setVisible(key == shown)

    def _x_changed(self) -> None:
        col = self.x_combo.currentData()
        for p in self.plots:
            p.set_x_column(col)
        self._place_markers()

    def _log_changed(self) -> None:
        lx, ly = self.log_x.isChecked(), self.log_y.isChecked()
        self.loss_plot.set_log(x=lx, y=ly)
        for p in self.plots[1:]:
            p.set_log(x=lx)
        self._place_markers()

    def _marker_x(self, m: PhaseMarker) -> float:
        """Where the marker's step is on the loss plot's x axis (its log when the axis is logarithmic)."""
        return self._to_axis(self._x_at[m.step][self.loss_plot.x_column])

    def _to_axis(self, x: float) -> float:
        return math.log10(max(x, 1e-9)) if self.log_x.isChecked() else x

    def _place_markers(self) -> None:
        for m, line in self.markers.values():
            line.setValue(self._marker_x(m))
        for x, line in self.rollbacks:
            line.setValue(self._to_axis(x[self.loss_plot.x_column]))
        if self.reference is not None:
            value, line = self.reference
            line.setValue(math.log10(value) if self.log_y.isChecked() else value)

    def _show_reference(self, run: Run) -> None:
        """A fine-tune: the parent's loss on the same held-out conversations, as a dotted level to beat."""
        try:
            value = parent_of(run).get("reference_val_loss")
        except LmlabError:
            return
        if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            return
        line = pg.InfiniteLine(pos=value, angle=0, pen=pg.mkPen(SERIES_COLORS[3], width=1, style=Qt.PenStyle.DotLine),
                               label=QCoreApplication.translate("TrainingPlots", "before fine-tuning {0:.3f}").format(value),
                               labelOpts={"position": 0.05, "anchors": [(0, 1), (0, 1)], "color": SERIES_COLORS[3]})
        line.setObjectName("referenceLossLine")
        self.loss_plot.addItem(line)
        self.reference = (float(value), line)
        self._place_markers()

    def clear(self) -> None:
        for p in self.plots:
            p.clear_data()
        self.best_label.setText("")
        self._best = math.inf
        for _m, line in self.markers.values():
            self.loss_plot.removeItem(line)
        self.markers.clear()
        for _x, line in self.rollbacks:
            self.loss_plot.removeItem(line)
        self.rollbacks.clear()
        if self.reference is not None:
            self.loss_plot.removeItem(self.reference[1])
            self.reference = None
        self._scores.clear()
        self._x_at.clear()
        self.extra_plot.hide()
        self.heads_plot.show()
        self.sample_view.clear_sample()

    def load_run(self, run: Run) -> None:
        """Reset the curves for ``run`` and draw what it has logged so far."""
        self.clear()
        self._run_dir = str(run.path)
        self._show_reference(run)
        try:
            records = run.read_metrics()
        except LmlabError:
            records = []
        for r in records:
            ev = event_from_dict(r)
            if isinstance(ev, (StepMetrics, EvalMetrics, RolledBack)):
                self._add(ev)

    def on_event(self, ev) -> None:
        if isinstance(ev, RolledBack):  # the run went back to ev.step: the curves too (as its metrics.jsonl)
            for p in self.plots:
                p.drop_after(ev.step)
            self._scores = [s for s in self._scores if s[0] <= ev.step]
        self._add(ev)

    def _add(self, ev) -> None:
        if isinstance(ev, RolledBack):
            self._add_rollback(ev)
        elif isinstance(ev, Started):  # the run's length is known: the plots span it from the start
            self._run_dir = ev.run_dir
            for p in self.plots:
                p.set_x_extent(step=ev.total_steps, tokens=ev.total_steps * ev.tokens_per_step)
        elif isinstance(ev, StepMetrics):
            x = dict(step=ev.step, tokens=ev.tokens, time=ev.elapsed)
            self.loss_plot.append("train", value=ev.loss, **x)
            self.lr_plot.append("lr", value=ev.lr, **x)
            self.grad_plot.append("grad_norm", value=ev.grad_norm, **x)
            self.speed_plot.append("tokens_per_s", value=ev.tokens_per_s, **x)
        elif isinstance(ev, EvalMetrics):
            x = dict(step=ev.step, tokens=ev.tokens, time=ev.elapsed)
            self.loss_plot.append("train_eval", value=ev.train_loss, **x)
            self.loss_plot.append("val", value=ev.val_loss, **x)
            if math.isfinite(ev.val_loss) and ev.val_loss < self._best:
                self._best = ev.val_loss
            self.best_label.setText(
                self.tr("validation {0:.3f} · best {1:.3f}").format(ev.val_loss, self._best) if math.isfinite(self._best) else ""
            )
            self._add_head_scores(ev.step, x)
            if ev.extra:
                self.extra_plot.add_metrics(ev.extra, **x)
                self.heads_plot.hide()
                self.extra_plot.show()
                if self._run_dir:
                    self.sample_view.show_step(self._run_dir, ev.step)
            self._add_layer_health(ev.step, x)

    def _add_layer_health(self, step: int, x: dict[str, float]) -> None:
        """The per-layer gradient norms and update ratios the engine stored with this evaluation's probe record."""
        rec = load_probe_record(self._run_dir, step) if self._run_dir else None
        if rec is None:
            return
        for key, values in (("updates", rec.update_ratio), ("layers", rec.grad_norm)):
            plot, series = self.grad_views[key], self._layer_series[key]
            for k, (layer, value) in enumerate(values.items()):
                if layer not in series:
                    plot.add_series(layer, layer, color=k, symbol="o")
                    series.add(layer)
                plot.append(layer, value=max(value, 1e-12), **x)

    def _add_head_scores(self, step: int, x: dict[str, float]) -> None:
        """The snapshot of this evaluation: its best head scores, and a marker where a kind first appears."""
        scores = load_snapshot_scores(self._run_dir, step) if self._run_dir else None
        if not scores:
            return
        self._x_at[step] = x
        self._scores = [s for s in self._scores if s[0] < step] + [(step, scores)]
        for key in SCORE_SERIES:
            if key in scores:
                self.heads_plot.append(key, value=float(scores[key].max()), **x)
        for m in phase_markers(self._scores):
            if m.score not in self.markers:
                line = pg.InfiniteLine(
                    pos=self._marker_x(m), angle=90,
                    pen=pg.mkPen(SERIES_COLORS[SCORE_SERIES[m.score][1]], width=1, style=Qt.PenStyle.DashLine),
                    label=marker_text(m), labelOpts={"position": 0.95, "anchors": [(0, 0), (0, 0)],
                                                       "color": SERIES_COLORS[SCORE_SERIES[m.score][1]]})
                line.setToolTip(self.tr("{0} heads from step {1:,}: layer {2} head {3} scores {4:.2f} (threshold {5})")
                                .format(score_label(m.score), m.step, m.layer, m.head, m.value, m.threshold))
                self.loss_plot.addItem(line)
                self.markers[m.score] = (m, line)

    def _add_rollback(self, ev: RolledBack) -> None:
        """A dotted red line at the step the run went back to, labelled, with the sentence as its tooltip."""
        buf = self.loss_plot.buffer("train")  # the logged step it went back to (a checkpoint step is always logged)
        at = np.flatnonzero(buf["step"] <= ev.step)
        x = {c: float(buf[c][at[-1]]) if len(at) else 0.0 for c in X_COLUMNS}
        line = rollback_line(self._to_axis(x[self.loss_plot.x_column]), ev.lr_scale, core_text(ev.message))
        self.loss_plot.addItem(line)
        self.rollbacks.append((dict(x), line))
