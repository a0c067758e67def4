"""The run queue, compact: the runs waiting for the device, and Up / Down / Remove / Pause queue.

A view of the ``TrainingController`` (``session.trainer``): it lists the controller's waiting
entries (name, shape, steps) and calls its commands; it keeps no state of its own. It sits in the
Training panel, under the settings.

    view = QueueView(session.trainer)
    view.pause_action                                   # Pause queue / Resume queue (also in the Run menu)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from ..controllers.training import TrainingController
from .common import name_widget

ENTRY_ID = Qt.ItemDataRole.UserRole


class QueueView(QGroupBox):
    """The waiting runs and the queue's buttons (see the module docstring)."""

    def __init__(self, controller: TrainingController, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Queue"))
        name_widget(self, "queueView", self.tr("Run queue"))
        self.controller = controller
        self.list = name_widget(QListWidget(), "queueList", self.tr("Waiting runs"),
                                self.tr("Runs waiting for the device, trained one after another from the top"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(120)
        self.status = QLabel()
        self.status.setObjectName("queueStatus")
        self.status.setWordWrap(True)

        def button(text: str, name: str, accessible: str, tip: str) -> QPushButton:
            return name_widget(QPushButton(text), name, accessible, tip)

        self.up_button = button(self.tr("Up"), "queueUpButton", self.tr("Move up"),
                                self.tr("Train the selected run earlier"))
        self.down_button = button(self.tr("Down"), "queueDownButton", self.tr("Move down"),
                                  self.tr("Train the selected run later"))
        self.remove_button = button(self.tr("Remove"), "queueRemoveButton", self.tr("Remove from the queue"),
                                    self.tr("Take the selected run off the queue (its folder stays in Runs)"))
        self.pause_action = QAction(self.tr("Pause queue"), self)
        self.pause_action.setObjectName("pauseQueueAction")
        self.pause_button = name_widget(QToolButton(), "queuePauseButton", self.tr("Pause or resume the queue"))
        self.pause_button.setDefaultAction(self.pause_action)

        row = QHBoxLayout()
        row.setSpacing(4)
        for b in (self.up_button, self.down_button, self.remove_button, self.pause_button):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 6)
        lay.setSpacing(4)
        lay.addWidget(self.status)
        lay.addWidget(self.list)
        lay.addLayout(row)

        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.remove_button.clicked.connect(self._remove)
        self.pause_action.triggered.connect(
            lambda _checked=False: controller.set_queue_paused(not controller.queue_paused))
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        controller.queueChanged.connect(self.refresh)
        controller.stateChanged.connect(lambda _t: self._show_status())
        self.refresh()

    # -- commands ------------------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ENTRY_ID) if item is not None else None

    def select(self, entry_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ENTRY_ID) == entry_id:
                self.list.setCurrentRow(i)

    def _move(self, delta: int) -> None:
        entry_id = self.selected_id()
        if entry_id is not None and self.controller.move(entry_id, delta):
            self.select(entry_id)

    def _remove(self) -> None:
        entry_id = self.selected_id()
        if entry_id is not None:
            self.controller.remove(entry_id)

    # -- rendering ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the controller's waiting entries (the selection is kept when the entry still waits)."""
        keep = self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        for e in self.controller.waiting:
            steps = self.tr("%n step(s)", "", e.steps)
            extra = self.tr(" · resumes") if e.resume and not e.sweep_path else ""
            item = QListWidgetItem(f"{e.name} · {e.shape} · {steps}{extra}")
            item.setData(ENTRY_ID, e.id)
            tip = [e.run_path]
            if e.sweep_path:
                tip.append(self.tr("Point {0} of the sweep {1}").format(e.sweep_index + 1, e.sweep_path))
            if e.processes > 1:
                tip.append(self.tr("%n process(es)", "", e.processes))
            item.setToolTip("\n".join(tip))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if keep is not None:
            self.select(keep)
        paused = self.controller.queue_paused
        self.pause_action.setText(self.tr("Resume queue") if paused else self.tr("Pause queue"))
        self.pause_action.setToolTip(
            self.tr("Start the waiting runs again, one after another") if paused else
            self.tr("Let the run on the device finish, and start nothing new"))
        self.pause_button.setAccessibleName(self.pause_action.text())
        self._show_status()
        self._update_buttons()

    def _show_status(self) -> None:
        n = len(self.controller.waiting)
        if n == 0:
            text = self.tr("No runs waiting. Train while a run trains adds the new run here.")
        elif self.controller.queue_paused:
            text = self.tr("Paused: %n run(s) waiting; press Resume queue.", "", n)
        elif self.controller.busy:
            text = self.tr("%n run(s) waiting; the next starts when this one ends.", "", n)
        else:
            text = self.tr("%n run(s) waiting.", "", n)
        self.status.setText(text)

    def _update_buttons(self) -> None:
        row, n = self.list.currentRow(), self.list.count()
        self.up_button.setEnabled(0 < row < n)
        self.down_button.setEnabled(0 <= row < n - 1)
        self.remove_button.setEnabled(0 <= row < n)
