"""Views of the Scaling panel below the plan: the results table, the fitted parameters, the
warnings banner and the compute-optimal recommendation. Views only: they show what they
are given (rows, ``FitReport``, a ``Throughput``) and hold no sweep state.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.units import format_interval, format_number, human_duration
from ....core.config import RunConfig
from ....core.errors import ConfigError
from ....core.model import model_size
from ....core.scaling.report import FitReport, Recommendation
from ....core.scaling.results import ResultRow, Throughput
from ....core.sweep import SweepPoint, point_config, shape_for_params
from ...resources import error_color, is_dark
from ..common import MessageLabel, SciSpinBox, compact_combo, guard_wheel, hint_label, name_widget
from ...i18n import core_text, error_text

RESULT_COLUMNS = (QT_TRANSLATE_NOOP("panels.scaling.results", "Run"), QT_TRANSLATE_NOOP("panels.scaling.results", "Status"), "N", QT_TRANSLATE_NOOP("panels.scaling.results", "N total"), "D", QT_TRANSLATE_NOOP("panels.scaling.results", "C (FLOPs)"), QT_TRANSLATE_NOOP("panels.scaling.results", "Final val loss"), QT_TRANSLATE_NOOP("panels.scaling.results", "Best val loss"), QT_TRANSLATE_NOOP("panels.scaling.results", "Wall time"))


def _table(name: str, accessible: str, columns) -> QTableWidget:
    t = name_widget(QTableWidget(0, len(columns)), name, accessible)
    t.setHorizontalHeaderLabels([QCoreApplication.translate("panels.scaling.results", c) for c in columns])
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 6)
    return t


class ResultsTable(QWidget):
    """One row per run: N (total and non-embedding), D, C, losses, wall time, status."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = _table("resultsTable", self.tr("Sweep results"), RESULT_COLUMNS)
        self.caption = hint_label("", "resultsCaption")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.caption)
        self._rows: list[ResultRow] = []

    @property
    def rows(self) -> list[ResultRow]:
        return list(self._rows)

    def show_rows(self, rows: list[ResultRow], caption: str = "") -> None:
        self._rows = list(rows)
        t = self.table
        t.setRowCount(len(rows))
        red = QBrush(error_color(self.palette()))
        for i, r in enumerate(rows):
            cells = (r.name, r.status, format_number(r.N), format_number(r.N_total), format_number(r.D, 4),
                     format_number(r.C), _loss(r.final_loss), _loss(r.best_loss),
                     human_duration(r.wall_time) if r.wall_time else "–")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r.status == "failed":
                    item.setForeground(red)
                if r.message:
                    item.setToolTip(r.message)
                t.setItem(i, j, item)
        done = sum(r.usable for r in rows)
        failed = sum(r.status == "failed" for r in rows)
        self.caption.setText(caption or (self.tr("{0} of {1} runs usable for the fit").format(done, len(rows))
                                         + (self.tr("; {0} failed (hover for why)").format(failed) if failed else "")))


def _loss(v: float | None) -> str:
    return "–" if v is None else f"{v:.4f}"


class WarningsBanner(QFrame):
    """Plain-language caveats of the fit, impossible to miss (amber box, hidden when there are none).

    The first ``SHOWN`` warnings are listed; a button shows the rest.
    """

    SHOWN = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fitWarnings")
        self.label = QLabel()
        self.label.setObjectName("fitWarningsText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_button = name_widget(QPushButton(), "showAllWarnings", self.tr("Show all warnings"))
        self.more_button.setFlat(True)
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.clicked.connect(self._toggle)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 6, 4)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)
        self._warnings: list[str] = []
        self._title = ""
        self._expanded = False
        self.hide()

    @property
    def warnings(self) -> list[str]:
        return list(self._warnings)

    def show_warnings(self, warnings, title: str | None = None) -> None:
        title = self.tr("Before you trust this fit") if title is None else title
        self._warnings, self._title, self._expanded = [core_text(w) for w in warnings], title, False
        if not warnings:
            self.hide()
            self.setAccessibleName("")
            return
        self.setAccessibleName(self.tr("Fit warnings: {0}").format(' '.join(self._warnings)))
        dark = is_dark(self.palette())
        bg, border, fg = ("#4a3b00", "#c99a00", "#ffe8a3") if dark else ("#fff4ce", "#d4a000", "#3d3000")
        self.setStyleSheet(f"#fitWarnings {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
                           f"#fitWarningsText, #showAllWarnings {{ color: {fg}; }}"
                           f"#showAllWarnings {{ text-decoration: underline; border: none; padding: 0 4px; }}")
        self._render()
        self.show()

    def _toggle(self) -> None:
        self._expanded = not self._expanded
        self._render()

    def _render(self) -> None:
        shown = self._warnings if self._expanded else self._warnings[: self.SHOWN]
        items = "".join(f"<li>{html.escape(w)}</li>" for w in shown)
        self.label.setText(f"<b>⚠ {html.escape(self._title)}</b> ({len(self._warnings)})"
                           f"<ul style='margin:0 0 0 -26px'>{items}</ul>")
        hidden = len(self._warnings) - self.SHOWN
        self.more_button.setVisible(hidden > 0)
        self.more_button.setText(self.tr("Show fewer") if self._expanded else self.tr("Show all {0}").format(len(self._warnings)))


PARAM_COLUMNS = (QT_TRANSLATE_NOOP("panels.scaling.results", "Quantity"), QT_TRANSLATE_NOOP("panels.scaling.results", "Estimate"), QT_TRANSLATE_NOOP("panels.scaling.results", "Interval"), QT_TRANSLATE_NOOP("panels.scaling.results", "Meaning"))


class FitView(QWidget):
    """The fitted parameters with their bootstrap intervals, the compute-optimal exponents and notes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = QLabel(self.tr("No fit yet: run a sweep or import a CSV."))
        self.status.setObjectName("fitStatus")
        self.status.setWordWrap(True)
        self.table = _table("fitParams", self.tr("Fitted parameters"), PARAM_COLUMNS)
        self.notes = hint_label("", "fitNotes")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)

    def show_busy(self, text: str) -> None:
        self.status.setText(text)

    def show_fits(self, fits: FitReport | None) -> None:
        """Render the report: the same numbers ``lmlab fit`` prints (``FitReport.estimate``)."""
        self.table.setRowCount(0)
        if fits is None:
            self.status.setText(self.tr("No fit yet: run a sweep or import a CSV."))
            self.notes.setText("")
            return
        rows: list[tuple[str, str, str, str]] = []
        a3, boot = fits.approach3, fits.bootstrap
        level = f"{fits.level:.0%}"
        if a3 is not None:
            meaning = {"E": self.tr("irreducible loss"), "A": self.tr("size term scale"), "B": self.tr("data term scale"),
                       "alpha": self.tr("loss falls as N^−α"), "beta": self.tr("loss falls as D^−β")}
            for name, label in (("E", "E"), ("A", "A"), ("B", "B"), ("alpha", "α"), ("beta", "β")):
                e = fits.estimate(name)
                rows.append((self.tr("{0} (approach 3)").format(label), format_number(e.estimate, 4),
                             f"{format_number(e.low)} – {format_number(e.high)}" if e.low is not None else "–",
                             meaning[name]))
            for name, what in (("a", self.tr("N_opt ∝ C^a")), ("b", self.tr("D_opt ∝ C^b"))):
                e = fits.estimate(name)
                rows.append((self.tr("{0} (compute-optimal)").format(name), f"{e.estimate:.3f}",
                             f"{e.low:.3f} – {e.high:.3f}" if e.low is not None else "–", what + self.tr(" (Chinchilla: ≈ 0.5)")))
        if fits.approach2 is not None:
            iso = fits.approach2
            rows.append((self.tr("a (approach 2)"), f"{iso.a:.3f}", "–", self.tr("N_opt ∝ C^a from {0} IsoFLOP vertices").format(len(iso.parabolas))))
            rows.append((self.tr("b (approach 2)"), f"{iso.b:.3f}", "–", self.tr("D_opt ∝ C^b")))
        for law, label, what in ((fits.law_N, self.tr("α_N of L(N)"), self.tr("lowest loss at each size")),
                                 (fits.law_D, self.tr("α_D of L(D)"), self.tr("lowest loss at each token count")),
                                 (fits.frontier.fit if fits.frontier else None, self.tr("α_C of L(C)"), self.tr("loss–compute frontier"))):
            if law is not None:
                rows.append((label, f"{law.alpha:.3g}", "–", self.tr("{0}: E = {1:.3g}, {2} points").format(what, law.E, law.n_points)))
        self.table.setRowCount(len(rows))
        for i, cells in enumerate(rows):
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        n = len(fits.data)
        if a3 is not None:
            src = (self.tr("Approach 3 on {0} runs: {1:,} of {2:,} starts reached the best fit").format(n, a3.n_best, a3.n_starts)
                   + (self.tr("; intervals are {0} bootstrap percentiles of {1} resamples.").format(level, boot.n_boot) if boot else "."))
        else:
            src = self.tr("{0} runs: too few for approach 3.").format(n)
        self.status.setText(src)
        self.notes.setText("\n".join(fits.notes))


class RecommendationBox(QGroupBox):
    """Given a compute budget, the recommended N and D with intervals, the predicted loss, and a
    button that asks for a run with that shape and token budget (``create_run_requested``)."""

    create_run_requested = Signal(object)  # RunConfig

    def __init__(self, parent=None):
        super().__init__(self.tr("Recommendation for a compute budget"), parent)
        self.setObjectName("recommendationBox")
        self._fits: FitReport | None = None
        self._throughput: Throughput | None = None
        self._base: RunConfig | None = None
        self._vocab = 81
        self._rec: Recommendation | None = None

        self.budget_spin = name_widget(SciSpinBox(1e-6, 1e30), "budgetValue", self.tr("Compute budget"),
                                       self.tr("The compute to spend: FLOPs, or hours of this machine"))
        self.budget_spin.setValue(1e15)
        self.unit_combo = name_widget(QComboBox(), "budgetUnit", self.tr("Budget unit"))
        self.unit_combo.addItem("FLOPs", "flops")
        self.unit_combo.addItem(self.tr("hours here"), "hours")
        self.unit_combo.setItemData(1, self.tr("Hours of training on this machine, at the speed measured in the sweep"),
                                    Qt.ItemDataRole.ToolTipRole)
        compact_combo(self.unit_combo, 10)
        guard_wheel(self.budget_spin, self.unit_combo)
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for i, (key, label) in enumerate((("N", self.tr("Model size N")), ("D", self.tr("Training tokens D")),
                                          ("ratio", self.tr("Tokens per parameter")), ("loss", self.tr("Predicted loss")),
                                          ("shape", self.tr("Shape")), ("steps", self.tr("Steps")), ("time", self.tr("Time here")))):
            lab = QLabel(label)
            val = QLabel("–")
            val.setObjectName(f"rec_{key}")
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            val.setWordWrap(True)
            lab.setBuddy(val)
            grid.addWidget(lab, i, 0)
            grid.addWidget(val, i, 1)
            self.values[key] = val
        grid.setColumnStretch(1, 1)
        self.note = MessageLabel("recommendationNote")
        self.create_button = name_widget(QPushButton(self.tr("Create this run")), "createRunButton", self.tr("Create this run"),
                                         self.tr("A new run with the recommended shape and token budget"))
        self.create_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.budget_spin, 1)
        row.addWidget(self.unit_combo)
        lay = QVBoxLayout(self)
        lay.setSpacing(4)
        lay.addLayout(row)
        lay.addLayout(grid)
        lay.addWidget(self.note)
        lay.addStretch(1)
        lay.addWidget(self.create_button)
        self.budget_spin.valueChanged.connect(self._update)
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self.create_button.clicked.connect(self._create)
        self._unit = "flops"
        self._update()

    # -- inputs --------------------------------------------------------------------------------------
    def set_context(self, fits: FitReport | None, throughput: Throughput | None, base: RunConfig | None,
                    vocab: int) -> None:
        self._fits, self._throughput, self._base, self._vocab = fits, throughput, base, max(1, vocab)
        hours_item = self.unit_combo.model().item(1)
        hours_item.setEnabled(throughput is not None)
        hours_item.setToolTip("" if throughput else self.tr("Run a sweep on this machine first: its speed is measured there."))
        if throughput is None and self._unit == "hours":
            self.unit_combo.setCurrentIndex(0)
        if fits is not None and self._unit == "flops":
            c_max = float(fits.data.C.max())
            target = 10 * c_max
            self.budget_spin.blockSignals(True)
            self.budget_spin.setValue(float(f"{target:.1g}"))
            self.budget_spin.blockSignals(False)
        self._update()

    def set_budget(self, value: float, unit: str = "flops") -> None:
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit))
        self.budget_spin.setValue(value)

    def budget_flops(self) -> float | None:
        v = self.budget_spin.value()
        if self._unit == "hours":
            return self._throughput.hours_to_flops(v) if self._throughput else None
        return v

    @property
    def recommendation(self) -> Recommendation | None:
        return self._rec

    # -- outputs -------------------------------------------------------------------------------------
    def _unit_changed(self, *_):
        new = self.unit_combo.currentData()
        if new == self._unit:
            return
        v = self.budget_spin.value()
        tp = self._throughput
        self._unit = new
        if tp is not None:
            converted = tp.flops_to_hours(v) if new == "hours" else tp.hours_to_flops(v)
            self.budget_spin.blockSignals(True)
            self.budget_spin.setValue(float(f"{converted:.3g}"))
            self.budget_spin.blockSignals(False)
        self._update()

    def run_config(self) -> RunConfig | None:
        """The RunConfig for the current recommendation (None without one)."""
        rec, base = self._rec, self._base
        if rec is None or base is None:
            return None
        shape = shape_for_params(rec.N.estimate, self._vocab, base.model.block_size)
        tokens = max(base.tokens_per_step, int(round(rec.D.estimate)))
        name = self.tr("optimal N{0} D{1}").format(format_number(rec.N.estimate), format_number(tokens))
        point = SweepPoint(name, shape.n_layer, shape.n_head, shape.n_embd, tokens, float(rec.C))
        return point_config(base, point)

    def _update(self, *_):
        C = self.budget_flops()
        rec = self._fits.recommend(C) if (self._fits is not None and C) else None
        self._rec = rec
        v = self.values
        if rec is None:
            for lab in v.values():
                lab.setText("–")
            why = (self.tr("Fit a sweep or an imported CSV first.") if self._fits is None
                   else self.tr("These runs support no compute-optimal law yet (approach 3 needs 6+ runs, approach 2 "
                        "needs IsoFLOP groups)."))
            self.note.show_message(why, "info")
            self.create_button.setEnabled(False)
            return
        v["N"].setText(self.tr("{0} parameters").format(rec.N.text()))
        v["D"].setText(self.tr("{0} tokens").format(rec.D.text()))
        v["ratio"].setText(rec.tokens_per_param.text())
        v["loss"].setText(rec.loss.text() if rec.loss else "–")
        notes = list(rec.warnings)
        try:
            cfg = self.run_config()
        except ConfigError as e:
            cfg = None
            notes.append(error_text(e))
        if cfg is not None:
            m = cfg.model
            n = model_size(m.__class__(**{**m.__dict__, "vocab_size": self._vocab})).non_embedding_params
            v["shape"].setText(self.tr("{0} layers × {1} wide").format(m.n_layer, m.n_embd))
            v["shape"].setToolTip(self.tr("{0} heads; N = {1} non-embedding parameters").format(m.n_head, format_number(n)))
            v["steps"].setText(self.tr("{0:,} × {1:,} tokens").format(cfg.total_steps, cfg.tokens_per_step))
        else:
            v["shape"].setText("–")
            v["steps"].setText("–")
        tp = self._throughput
        v["time"].setText(f"≈ {human_duration(tp.flops_to_hours(rec.C) * 3600)}" if tp else self.tr("– (run a sweep here)"))
        v["time"].setToolTip(self.tr("At {0} FLOP/s, measured on {1}: {2} tokens/s × 6N").format(format_number(tp.flops_per_s), tp.run_name, format_number(tp.tokens_per_s)) if tp else "")
        src = self.tr("From {0}").format(rec.source) + (self.tr(", {0:.0%} bootstrap intervals.").format(self._fits.level) if rec.N.low is not None else ".")
        self.note.show_message(" ".join([src] + notes), "warning" if notes else "info")
        self.create_button.setEnabled(cfg is not None and math.isfinite(rec.N.estimate))

    def _create(self) -> None:
        cfg = self.run_config()
        if cfg is not None:
            self.create_run_requested.emit(cfg)


__all__ = ["FitView", "RecommendationBox", "ResultsTable", "WarningsBanner", "format_interval"]
