"""The Training panel's guards: the divergence policy, the epochs counter, and the alerts with their action.

* ``DivergenceCombo``: *If it diverges*: stop, or roll back to the last good checkpoint with half the
  learning rate (``TrainConfig.on_divergence``), an edit of the session's config like every field.
* ``GuardsBar``: above the curves, the last alert of the run on the device: overfitting (validation
  rising while training falls; ``core.guards.overfit``) with **Open the best in the Playground**,
  which shows the kept best checkpoint (by validation loss) in the Playground's main output, where a
  user tries a model out; or a roll-back (``core.guards.monitor``), said in its sentence.
* ``epochs_text``: "2.3 epochs" for the status line: tokens seen over the run's training tokens.

``rollback_line`` is the dotted line that marks a roll-back on a loss plot (the Training panel's live
curve and the Runs panel's history, ``rollback_lines``), labelled, with the sentence as its tooltip.
``install(window)`` connects the bar's action to the Playground tab (after the Playground is installed).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from ...core.dataset import load_prepared
from ...core.errors import LmlabError
from ...core.events import event_from_dict
from ...core.follow import Reloaded
from ...core.guards.events import OverfitAlert, RolledBack
from ...core.guards.overfit import epochs_seen
from ...core.runs import Run
from ..plots.live import SERIES_COLORS
from ..i18n import core_text
from ..session import Session
from .common import MessageLabel, compact_combo, name_widget


class DivergenceCombo(QComboBox):
    """Stop | Roll back, bound to ``train.on_divergence`` of the session's config."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        name_widget(self, "divergenceCombo", self.tr("If it diverges"),
                    self.tr("When the loss spikes or becomes nan: stop the run, or roll it back to the last "
                            "good checkpoint with half the learning rate and go on (at most 3 times)."))
        self.addItem(self.tr("Stop"), "stop")
        self.addItem(self.tr("Roll back, halve the rate"), "rollback")
        compact_combo(self, 10)
        self.currentIndexChanged.connect(
            lambda: session.update(train={"on_divergence": self.currentData()}))
        session.configChanged.connect(self.show_config)
        self.show_config(session.config)

    def show_config(self, cfg) -> None:
        i = self.findData(cfg.train.on_divergence)
        if i != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(max(0, i))
            self.blockSignals(False)


class EpochsCounter:
    """Tokens seen -> epochs over a run's training text (its token count read once per run)."""

    def __init__(self):
        self._train_tokens: dict[str, int] = {}

    def train_tokens(self, run: Run) -> int | None:
        key = str(run.path)
        if key not in self._train_tokens:
            try:
                self._train_tokens[key] = load_prepared(run.data_dir).n_train
            except (LmlabError, OSError):
                return None  # not prepared yet: asked again at the next step
        return self._train_tokens[key]

    def text(self, run: Run | None, tokens: int) -> str:
        """"2.3 epochs" (or "" before the data is prepared)."""
        n = self.train_tokens(run) if run is not None else None
        if not n:
            return ""
        e = epochs_seen(tokens, n)
        return QCoreApplication.translate("Guards", "{0} epochs").format(f"{e:.2f}" if e < 10 else f"{e:,.0f}")


class GuardsBar(QWidget):
    """The run's last alert, with the action that goes with it (see the module docstring)."""

    openBest = Signal(str, int)  # run folder, the best checkpoint's step

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("guardsBar")
        self.alert = MessageLabel("guardsAlert")
        self.best_button = name_widget(QPushButton(), "openBestButton", self.tr("Open the best checkpoint"),
                                       self.tr("Show the checkpoint with the lowest validation loss in the "
                                               "Playground, to try it out"))
        self.best_button.hide()
        self.best_button.clicked.connect(self._open_best)
        self.last: OverfitAlert | RolledBack | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.alert, 1)
        layout.addWidget(self.best_button, 0, Qt.AlignmentFlag.AlignTop)
        session.trainingEvent.connect(self.on_event)
        session.runStarted.connect(self.load_run)

    def load_run(self, run: Run) -> None:
        """A run starts on the device: its alerts so far (a continued run's), else none."""
        self.show_alert(None)
        try:
            records = run.read_metrics()
        except LmlabError:
            return
        for r in records:
            if r.get("type") in (OverfitAlert.type, RolledBack.type):
                self.on_event(event_from_dict(r))

    def on_event(self, ev) -> None:
        if isinstance(ev, (OverfitAlert, RolledBack)):
            self.show_alert(ev)
        elif isinstance(ev, Reloaded) and self.session.training.run is not None:
            self.load_run(self.session.training.run)

    def show_alert(self, ev: OverfitAlert | RolledBack | None) -> None:
        self.last = ev
        if ev is None:
            self.alert.show_message("")
            self.best_button.hide()
            return
        self.alert.show_message(core_text(ev.message), "error" if isinstance(ev, OverfitAlert) else "info")
        if isinstance(ev, OverfitAlert):
            self.best_button.setText(self.tr("Open the best (step {0}) in the Playground").format(f"{ev.best_step:,}"))
        self.best_button.setVisible(isinstance(ev, OverfitAlert))

    def _open_best(self) -> None:
        run = self.session.training.run
        if isinstance(self.last, OverfitAlert) and run is not None:
            self.openBest.emit(str(run.path), self.last.best_step)


def install(window) -> None:
    """Open the best checkpoint in the Playground tab when the Training panel's alert asks."""
    title = QCoreApplication.translate("PlaygroundPanel", "Playground")

    def open_best(path: str, step: int) -> None:
        panel = window.panel(title)
        if panel is None:
            return
        panel.refresh_runs()
        if panel.primary.select_run(path, step):
            panel.primary.ensure_model()
        window.show_panel(title)

    window.training_panel.guards.openBest.connect(open_best)


def rollback_line(x: float, lr_scale: float, message: str, color: str = SERIES_COLORS[3]) -> pg.InfiniteLine:
    """A vertical dotted line at ``x`` labelled "rolled back · lr x0.5", the roll-back's sentence as its tooltip."""
    line = pg.InfiniteLine(pos=x, angle=90, pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DotLine),
                           label=QCoreApplication.translate("Guards", "rolled back · lr x{0:g}").format(lr_scale),
                           labelOpts={"position": 0.8, "anchors": [(0, 0), (0, 0)], "color": color})
    line.setObjectName("rollbackLine")
    line.setToolTip(core_text(message))
    return line


def rollback_lines(records: list[dict], x_field: str, color: str) -> list[pg.InfiniteLine]:
    """The roll-backs in a run's metrics records, each at the x (``x_field``: step, tokens or elapsed) of
    the logged step it went back to (a checkpoint step is always logged; step 0 is at 0)."""
    at = {r.get("step"): r.get(x_field) for r in records if r.get("type") == "step"}
    lines = []
    for r in records:
        if r.get("type") != RolledBack.type:
            continue
        x = at.get(r.get("step"), 0.0 if r.get("step") == 0 else None)
        scale = r.get("lr_scale")
        if isinstance(x, (int, float)) and isinstance(scale, (int, float)):
            lines.append(rollback_line(float(x), float(scale), str(r.get("message", "")), color))
    return lines
