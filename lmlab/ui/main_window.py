"""The main window: docks, tabs, menus and the status bar around one ``Session``.

Layout: the Corpus and Model panels are docks on the left (movable, closable from
View); the centre is a tab widget with Training and Runs. Later panels (Attention,
Playground, Scaling) plug in with ``add_panel(title, widget)``.

Closing while a run trains asks first; if confirmed, the run is stopped (the engine
saves a checkpoint at the next step), the window waits for the worker threads, and
only then closes, so no thread outlives it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from ..core.units import human_count
from .. import __version__
from ..core.device import available_devices
from ..core.errors import LmlabError
from ..core.loading import ModelCache
from ..core.runs import Run, RunStore
from .controllers.chat import FinetuneController
from .controllers.runs import RunsController
from .panels.corpus import CorpusPanel, paths_from_mime
from .panels.corpus.parallel import CorpusStack
from .panels.model import ModelPanel
from .panels.runs import RunsPanel
from .panels.training import TrainingPanel
from .resources import app_icon
from .controllers.training import TrainingState
from .session import Session
from .settings import AppSettings
from .i18n import core_text, error_text
from .i18n.menu import install_language_menu
from .own_process import install_own_process_action
from .steady_label import SteadyLabel

log = logging.getLogger(__name__)

def _scrolled(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class MainWindow(QMainWindow):
    runs_folder_changed = Signal(object)  # RunStore: the session's new runs folder

    def __init__(self, session: Session, settings: AppSettings, parent=None):
        super().__init__(parent)
        self._status_run_path: str | None = ""  # the run the status bar names ("": none shown yet)
        self.session = session
        self.settings = settings
        self._closing = False  # a close was confirmed; waiting for the run to stop
        self.setObjectName("mainWindow")
        self.setWindowTitle("lmlab")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._devices = available_devices()
        self.model_cache = ModelCache()  # one per app: Attention and Playground load a checkpoint once
        self.runs_controller = RunsController(session, self)  # the run every run-showing panel opens on
        self.finetune_controller = FinetuneController(session, self)  # Runs ▸ Fine-tune from this run…
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        # Panels.
        self.corpus_panel = CorpusPanel(session)
        self.model_panel = ModelPanel(session)
        self.training_panel = TrainingPanel(session)
        corpus = CorpusStack(session, self.corpus_panel, session.pairs)  # text, or an encoder-decoder's pairs
        self.corpus_dock = self._dock(self.tr("Corpus"), "corpusDock", corpus, scroll=False)
        self.model_dock = self._dock(self.tr("Model"), "modelDock", self.model_panel, scroll=True)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.corpus_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.model_dock)
        self.splitDockWidget(self.corpus_dock, self.model_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.corpus_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.corpus_dock, self.model_dock], [430, 370], Qt.Orientation.Vertical)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("centralTabs")
        self.tabs.setAccessibleName(self.tr("Panels"))
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._panels: dict[str, QWidget] = {}
        self.add_panel(self.tr("Training"), self.training_panel)
        self.runs_panel: RunsPanel | None = None
        self._install_runs_panel()

        self._build_menus()
        self._build_status_bar()

        session.notice.connect(self._show_notice)
        session.trainingChanged.connect(self._show_training)
        session.configChanged.connect(lambda _cfg: self._update_status_device())
        session.runStarted.connect(self._run_started)
        session.runFinished.connect(self._run_finished)
        session.runsChanged.connect(self._refresh_runs)
        self._show_training(session.training)
        self._restore_window()

    # -- building -----------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, scroll: bool) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setAccessibleName(self.tr("{0} panel").format(title))
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        dock.setWidget(_scrolled(widget, f"{name}Scroll") if scroll else widget)
        dock.setMinimumWidth(max(300, widget.minimumSizeHint().width() + 24))
        return dock

    def add_panel(self, title: str, widget: QWidget, *, select: bool = False) -> int:
        """Add a panel as a tab in the centre (Attention, Playground, Scaling...); returns its index.

        The panel sits in a scroll area, so a panel that needs more room than the window has
        scrolls instead of forcing the whole window wider. ``panel(title)`` returns ``widget``.
        """
        if not widget.objectName():
            widget.setObjectName(f"{title.lower().replace(' ', '')}Panel")
        holder = widget
        if widget is not self.training_panel:
            holder = _scrolled(widget, f"{widget.objectName()}Scroll")
            holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._panels[title] = widget
        index = self.tabs.addTab(holder, title)
        self.tabs.setTabToolTip(index, self.tr("{0} panel").format(title))
        if select:
            self.tabs.setCurrentIndex(index)
        return index

    def panel(self, title: str) -> QWidget | None:
        """The widget added as ``title`` (not the scroll area around it)."""
        return self._panels.get(title)

    def show_panel(self, title: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self.tabs.setCurrentIndex(i)

    def _install_runs_panel(self) -> None:
        """The Runs tab, on the session's run store (again after the runs folder changes)."""
        index = self.tabs.count()
        if self.runs_panel is not None:
            index = self.tabs.indexOf(self.runs_panel)
            self.tabs.removeTab(index)
            self.runs_panel.deleteLater()
        self.runs_panel = RunsPanel(self.session.store)
        self._panels["Runs"] = self.runs_panel
        self.tabs.insertTab(index, self.runs_panel, self.tr("Runs"))
        self.tabs.setTabToolTip(index, self.tr("Every run in the runs folder: compare, resume, rename, export"))
        self.runs_panel.resume_requested.connect(self._resume_run)
        self.runs_panel.finetune.requested.connect(self.finetune_controller.start_request)
        self.runs_panel.run_selected.connect(self.runs_controller.set_current)
        t = self.session.training
        self.runs_panel.set_training_run(str(t.run.path) if t.busy and t.run else None)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        self.open_action = self._action(self.tr("&Open corpus…"), "openCorpusAction", QKeySequence.StandardKey.Open,
                                        self.corpus_panel.open_files_dialog)
        self.open_folder_action = self._action(self.tr("Open corpus &folder…"), "openCorpusFolderAction",
                                               QKeySequence("Ctrl+Shift+O"), self.corpus_panel.open_folder_dialog)
        self.default_corpus_action = self._action(self.tr("Use &default corpus (Shakespeare)"), "defaultCorpusAction",
                                                  None, self.session.use_default_corpus)
        self.new_run_action = self._action(self.tr("&New run"), "newRunAction", QKeySequence.StandardKey.New, self.new_run)
        self.runs_dir_action = self._action(self.tr("Choose &runs folder…"), "runsFolderAction", None,
                                            self.choose_runs_dir)
        self.open_model_action = self._action(self.tr("Open &Hugging Face model folder…"), "openHfModelAction",
                                              None, self.choose_model_folder)
        self.quit_action = self._action(self.tr("&Quit"), "quitAction", QKeySequence("Ctrl+Q"), self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for a in (self.open_action, self.open_folder_action, self.default_corpus_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.new_run_action)
        file_menu.addAction(self.runs_dir_action)
        file_menu.addAction(self.open_model_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        run_menu = mb.addMenu(self.tr("&Run"))
        tp = self.training_panel
        for a in (tp.start_action, tp.pause_action, tp.stop_action):
            run_menu.addAction(a)
        run_menu.addAction(tp.queue_view.pause_action)
        run_menu.addSeparator()
        self.train_tokenizer_action = self._action(self.tr("Train &tokenizer"), "trainTokenizerAction", None,
                                                   self.session.train_tokenizer)
        run_menu.addAction(self.train_tokenizer_action)
        self.own_process_action = install_own_process_action(self, run_menu, self.settings)
        run_menu.addSeparator()
        self.follow_action = self._action(self.tr("&Follow a run folder…"), "followRunAction", None, self.choose_run_to_follow)
        self.follow_action.setToolTip(self.tr("Watch a run that a job elsewhere is writing (a cluster's shared folder)"))
        self.detach_action = self._action(self.tr("Stop f&ollowing"), "detachRunAction", None, self.session.trainer.detach)
        run_menu.addAction(self.follow_action)
        run_menu.addAction(self.detach_action)
        self.session.trainingChanged.connect(self._update_follow_actions)
        self._update_follow_actions(self.session.training)

        view_menu = mb.addMenu(self.tr("&View"))
        view_menu.addAction(self.corpus_dock.toggleViewAction())
        view_menu.addAction(self.model_dock.toggleViewAction())
        self.view_menu = view_menu
        view_menu.addSeparator()
        self.language_menu = install_language_menu(self, view_menu, self.settings)

        help_menu = mb.addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About lmlab"), "aboutAction", None, self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _action(self, text: str, name: str, shortcut, slot) -> QAction:
        a = QAction(text, self)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(shortcut)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setObjectName("statusBar")
        self.status_run = QLabel()
        self.status_run.setObjectName("statusRun")
        self.status_step = SteadyLabel(object_name="statusStep")  # changes at every logged step
        self.status_device = QLabel()
        self.status_device.setObjectName("statusDevice")
        for w in (self.status_run, self.status_step, self.status_device):
            w.setContentsMargins(8, 0, 8, 0)
            sb.addPermanentWidget(w)
        self._update_status_device()

    def _update_status_device(self) -> None:
        t = self.session.training
        if t.busy and t.device_name:
            text = t.device_name
        else:
            want = self.session.config.train.device
            match = [d for d in self._devices if want in ("auto", d.kind)]
            # Idle, the CPU without a thread count: this process's is not the next run's (its own process)
            text = (self.tr("CPU") if match[0].kind == "cpu" else match[0].name) if match else want
        self.status_device.setText(self.tr("Device: {0}").format(core_text(text)))

    # -- session -> window -------------------------------------------------------------------------
    @Slot(str, str)
    def _show_notice(self, level: str, text: str) -> None:
        self.statusBar().showMessage(text, 0 if level == "error" else 8000)

    def _show_training(self, t: TrainingState) -> None:
        run_path = str(t.run.path) if t.run is not None else None
        if run_path != self._status_run_path:  # the name is in the run's config: read it once
            self._status_run_path = run_path
            self.status_run.setText(self.tr("Run: {0}").format(t.run.name) if t.run is not None else self.tr("No run yet"))
            self.status_run.setToolTip(run_path or "")
        if t.phase == "preparing":
            self.status_step.setText(self.tr("preparing data"))
        elif t.run is not None:
            self.status_step.setText(self.tr("step {0:,} / {1:,} · {2} tokens").format(t.step, t.total_steps, human_count(t.tokens))
                                     + {"paused": self.tr(" · paused"), "stopping": self.tr(" · stopping")}.get(t.phase, ""))
        else:
            self.status_step.setText("")
        self._update_status_device()
        self.new_run_action.setEnabled(not t.busy)
        self.runs_dir_action.setEnabled(not t.busy)

    def _run_started(self, run: Run) -> None:
        entry = self.session.trainer.current
        if entry is None or not entry.sweep_path:  # a sweep's runs start while the user watches Scaling
            self.tabs.setCurrentWidget(self.training_panel)
        if self.runs_panel is not None:
            self.runs_panel.set_training_run(str(run.path))
        self.settings.save_config(self.session.config)

    def _run_finished(self, _ev) -> None:
        self.runs_panel.set_training_run(None)
        self._refresh_runs()

    def _refresh_runs(self) -> None:
        self.runs_panel.refresh()

    def _resume_run(self, path: str) -> None:
        if self.session.continue_run(Run(Path(path))):
            self.tabs.setCurrentWidget(self.training_panel)

    # -- actions -----------------------------------------------------------------------------------
    def new_run(self) -> None:
        """Clear the curves and the current run: the next Train starts from a clean page."""
        if self.session.training.busy:
            return
        self.training_panel.clear_plots()
        self.session.trainer.reset()
        self.tabs.setCurrentWidget(self.training_panel)
        self.model_panel.preset_combo.setFocus()

    def choose_run_to_follow(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a run folder to follow"), str(self.session.store.root))
        if folder:
            self.follow_run(folder)

    def follow_run(self, folder: str | Path) -> bool:
        """Show the run in ``folder`` live in the Training tab (it is written by a job elsewhere)."""
        run = self.session.trainer.follow_run(folder)
        if run is not None:
            self.tabs.setCurrentWidget(self.training_panel)
        return run is not None

    def _update_follow_actions(self, t: TrainingState) -> None:
        self.follow_action.setEnabled(not t.busy)
        self.detach_action.setEnabled(t.busy and t.mode == "external")

    def choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a Hugging Face model folder"), str(Path.home()))
        if folder:
            self.open_model_folder(folder)

    def open_model_folder(self, folder: str | Path) -> bool:
        """Show a Hugging Face GPT-2 folder read-only in Attention and Playground; a sentence if lmlab cannot."""
        try:
            self.runs_controller.open_model_folder(str(folder))
        except LmlabError as e:
            QMessageBox.warning(self, self.tr("Open Hugging Face model folder"), error_text(e))
            return False
        self.show_panel(QCoreApplication.translate("AttentionPanel", "Attention"))
        return True

    def choose_runs_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the runs folder"), str(self.session.store.root))
        if folder:
            self.set_runs_dir(folder)

    def set_runs_dir(self, folder: str | Path) -> None:
        if self.session.training.busy:
            return
        self.session.set_store(RunStore(folder))
        self.settings.set_runs_dir(folder)
        self._install_runs_panel()
        self.runs_folder_changed.emit(self.session.store)
        self.runs_controller.reset_to_newest()
        self.statusBar().showMessage(self.tr("Runs folder: {0}").format(folder), 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About lmlab"),
            self.tr("<h3>lmlab {0}</h3><p>A desktop lab for training small GPT language models from scratch and watching them learn.</p><p>Runs are kept in <code>{1}</code>.</p>").format(__version__, self.session.store.root),
        )

    # -- drag and drop onto the whole window --------------------------------------------------------
    def dragEnterEvent(self, ev: QDragEnterEvent) -> None:  # noqa: N802
        if paths_from_mime(ev.mimeData()):
            ev.acceptProposedAction()
        else:
            ev.ignore()

    def dropEvent(self, ev: QDropEvent) -> None:  # noqa: N802
        paths = paths_from_mime(ev.mimeData())
        if paths:
            ev.acceptProposedAction()
            if self.session.config.model.arch == "encdec":  # an encoder-decoder's data is sentence pairs
                self.session.pairs.open_files(paths)
            else:
                self.session.open_corpus(paths)
            self.corpus_dock.show()
            self.corpus_dock.raise_()

    # -- settings and closing ---------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            avail = screen.availableGeometry() if screen else None
            w, h = (1280, 800) if avail is None else (min(1440, avail.width() - 40), min(900, avail.height() - 60))
            self.resize(w, h)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    def save_settings(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.save_config(self.session.config)
        self.settings.sync()

    def confirm_stop_on_close(self) -> bool:
        """Ask whether to stop the training run and quit (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Stop training and quit?"),
            self.tr("A run is training. Stop it and quit? It stops at the next step and keeps a checkpoint, "
            "so you can resume it later from the Runs tab."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, ev: QCloseEvent) -> None:  # noqa: N802
        if self.session.training.busy and self.session.training.mode != "external" and not self._closing:
            if not self.confirm_stop_on_close():
                ev.ignore()
                return
            # Stop at the next step, then close when the worker has finished (the GUI stays responsive).
            # The run keeps its place at the head of the queue, to continue when the app opens again.
            self._closing = True
            self.session.trainer.halt()
            self.statusBar().showMessage(self.tr("Stopping the run and saving a checkpoint before closing…"))
            self.session.trainingChanged.connect(self._close_when_idle)
            ev.ignore()
            return
        self.save_settings()
        self.session.shutdown()  # cancels scans/tokenizers and waits for every thread
        ev.accept()

    def _close_when_idle(self, t: TrainingState) -> None:
        if not t.busy:
            self.session.trainingChanged.disconnect(self._close_when_idle)
            QTimer.singleShot(0, self.close)
