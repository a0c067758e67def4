"""Training panel: optimisation settings, Start / Pause / Stop, progress, and the live curves.

Settings are edits to ``Session.update(train=...)``. The buttons are the panel's
``QAction``s (the main window puts the same actions in its Run menu), enabled from
the session's state. Engine events arrive through ``Session.trainingEvent`` (queued
from the worker thread) and only append to the plots' buffers (``TrainingPlots``, in
training_plots.py); the plots redraw themselves on a paced timer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.units import human_count, human_duration
from ...core.derive import min_lr_for, warmup_for
from ...core.device import available_devices
from ...core.follow import Reloaded
from ...core.runs import Run
from ..controllers.training import TrainingState
from ..session import Session
from .common import (
    CompactDoubleSpinBox,
    CompactSpinBox,
    MessageLabel,
    SciSpinBox,
    compact_combo,
    guard_wheel,
    hint_label,
    mark_invalid,
    name_widget,
    set_progress,
)
from .preflight import PreflightView
from .guards import DivergenceCombo, EpochsCounter, GuardsBar
from .device_readout import DeviceReadout, compile_combo, show_compile
from ..steady_label import SteadyLabel
from .queue import QueueView
from .training_plots import TrainingPlots
from ..i18n import core_text, error_text

# Fields shown here; errors for them are marked at the field.
TRAIN_FIELDS = ("batch_size", "learning_rate", "warmup_steps", "max_steps", "token_budget", "eval_every", "seed",
                "device", "precision", "min_lr", "compile")
PRECISIONS = (("auto", QT_TRANSLATE_NOOP("panels.training", "Auto")), ("fp32", "fp32"), ("bf16", "bf16"), ("fp16", "fp16"))


class TrainingPanel(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._shows_resume: bool | None = None  # what the Pause button shows now (None: not set yet)
        self._shows_queue: bool | None = None  # whether Train says it adds to the queue (None: not set yet)
        self._problem_count = 0
        self._epochs = EpochsCounter()  # guards.py: tokens seen / the run's training tokens
        self.session = session
        name_widget(self, "trainingPanel", self.tr("Training panel"))
        self._devices = available_devices()

        # -- actions (shared with the Run menu) -----------------------------------------------
        style = self.style()
        self.start_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.tr("&Train"), self)
        self.start_action.setObjectName("startAction")
        self.start_action.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Return")])
        self.start_action.setToolTip(self.tr("Start a new run with these settings (F5)"))
        self.pause_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause), self.tr("&Pause"), self)
        self.pause_action.setObjectName("pauseAction")
        self.pause_action.setShortcut(QKeySequence("F6"))
        self.pause_action.setToolTip(self.tr("Pause between two steps; press again to resume (F6)"))
        self.stop_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop), self.tr("&Stop"), self)
        self.stop_action.setObjectName("stopAction")
        self.stop_action.setShortcut(QKeySequence("Shift+F5"))
        self.stop_action.setToolTip(self.tr("Stop after this step and save a checkpoint (Shift+F5)"))
        for a in (self.start_action, self.pause_action, self.stop_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.start_action.triggered.connect(session.start)
        self.pause_action.triggered.connect(session.trainer.toggle_pause)
        self.stop_action.triggered.connect(session.trainer.stop)

        def tool_button(action: QAction, name: str, accessible: str) -> QToolButton:
            b = QToolButton()
            b.setDefaultAction(action)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            b.setMinimumHeight(30)
            return name_widget(b, name, accessible)

        self.train_button = tool_button(self.start_action, "trainButton", self.tr("Train"))
        self.pause_button = tool_button(self.pause_action, "pauseButton", self.tr("Pause or resume"))
        self.stop_button = tool_button(self.stop_action, "stopButton", self.tr("Stop"))
        self.train_button.setMinimumWidth(96)

        # -- settings ------------------------------------------------------------------------
        self.batch_spin = self._spin("batchSizeSpin", self.tr("Batch size"), 1, 65536,
                                     self.tr("Sequences per optimizer step; memory grows with it."))
        self.lr_spin = name_widget(SciSpinBox(1e-7, 10.0), "learningRateSpin", self.tr("Learning rate"),
                                   self.tr("Peak learning rate after warmup (AdamW, cosine decay to a tenth)."))
        self.warmup_spin = self._spin("warmupSpin", self.tr("Warmup steps"), 0, 10_000_000,
                                      self.tr("Steps of linear warmup from 0 to the learning rate."))
        self.budget_unit = name_widget(QComboBox(), "budgetUnitCombo", self.tr("Train for"),
                                       self.tr("Count the training length in optimizer steps or in tokens."))
        self.budget_unit.addItem(self.tr("steps"), "steps")
        self.budget_unit.addItem(self.tr("tokens"), "tokens")
        self.budget_spin = name_widget(CompactDoubleSpinBox(), "budgetSpin", self.tr("Training length"),
                                       self.tr("How many steps (or tokens) to train for."))
        self.budget_spin.setDecimals(0)
        self.budget_spin.setRange(1, 1e12)
        self.budget_spin.setGroupSeparatorShown(True)
        self.eval_spin = self._spin("evalEverySpin", self.tr("Evaluate every"), 1, 10_000_000,
                                    self.tr("Steps between validation losses."))
        self.seed_spin = self._spin("seedSpin", self.tr("Seed"), 0, 2_147_483_647,
                                    self.tr("Same seed, same run (on the CPU): initialisation, batches, dropout."))
        self.seed_spin.setGroupSeparatorShown(False)
        self.device_combo = name_widget(QComboBox(), "deviceCombo", self.tr("Device"), self.tr("Where to train."))
        names = {"cpu": self.tr("CPU")}  # no thread count: a run's own process has its own (the readout says)
        first = self._devices[0]
        self.device_combo.addItem(self.tr("Auto ({0})").format(names.get(first.kind) or core_text(first.name)), "auto")
        seen_cuda = False
        for d in self._devices:
            if d.kind == "cuda":
                if seen_cuda:
                    continue  # the config names "cuda" (the first GPU) only
                seen_cuda = True
                self.device_combo.addItem(self.tr("GPU: {0}").format(d.name), "cuda")
            else:
                self.device_combo.addItem(names.get(d.kind) or core_text(d.name), d.kind)
        n_gpus = sum(d.kind == "cuda" for d in self._devices)
        self.gpu_spin = self._spin("gpuCountSpin", self.tr("GPUs to use"), 1, max(1, n_gpus),
                                   self.tr("Train on this many GPUs at once: one process each under torchrun, "
                                   "sharing every batch (the same curve, sooner)."))
        self.gpu_spin.setValue(1)
        self.precision_combo = name_widget(QComboBox(), "precisionCombo", self.tr("Precision"),
                                           self.tr("Auto: bf16 on GPUs that have it (else fp16), fp32 elsewhere."))
        for key, label in PRECISIONS:
            self.precision_combo.addItem(QCoreApplication.translate("panels.training", label), key)
        compact_combo(self.device_combo, 12)
        compact_combo(self.precision_combo, 6)
        self.compile_combo = compile_combo()
        self.device_readout = DeviceReadout()  # how the run will execute here, and why
        self.step_info = hint_label(object_name="stepInfo")
        self.divergence_combo = DivergenceCombo(session)  # guards.py: stop or roll back

        budget_row = QHBoxLayout()
        budget_row.setSpacing(4)
        budget_row.addWidget(self.budget_spin, 1)
        budget_row.addWidget(self.budget_unit)
        self.field_errors: dict[str, MessageLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        def row(label: str, widget, fields: tuple[str, ...]) -> None:
            form.addRow(label, widget)
            err = MessageLabel(f"{fields[0]}Error")
            for f in fields:
                self.field_errors[f] = err
            form.addRow(err)

        row(self.tr("Batch size"), self.batch_spin, ("batch_size",))
        row(self.tr("Learning rate"), self.lr_spin, ("learning_rate", "min_lr"))
        row(self.tr("Warmup"), self.warmup_spin, ("warmup_steps",))
        row(self.tr("Train for"), budget_row, ("max_steps", "token_budget"))
        row(self.tr("Evaluate every"), self.eval_spin, ("eval_every",))
        row(self.tr("Seed"), self.seed_spin, ("seed",))
        row(self.tr("Device"), self.device_combo, ("device",))
        row("GPUs", self.gpu_spin, ("processes",))
        form.setRowVisible(self.gpu_spin, n_gpus >= 2)  # "use N GPUs" only where there are several
        row(self.tr("Precision"), self.precision_combo, ("precision",))
        row(self.tr("If it diverges"), self.divergence_combo, ("on_divergence", "spike_factor"))
        row(self.tr("Compile"), self.compile_combo, ("compile",))
        form.addRow(self.device_readout.label)
        form.addRow(self.step_info)
        self.other_problems = MessageLabel("trainingProblems")
        form.addRow(self.other_problems)
        self.preflight = PreflightView(session, form, {"batch_size": self.batch_spin, "max_steps": budget_row})
        guard_wheel(self.batch_spin, self.lr_spin, self.warmup_spin, self.budget_spin, self.budget_unit,
                    self.eval_spin, self.seed_spin, self.device_combo, self.precision_combo, self.divergence_combo,
                    self.compile_combo)

        settings = QWidget()
        settings.setObjectName("trainingSettings")
        sl = QVBoxLayout(settings)
        sl.setContentsMargins(8, 6, 8, 8)
        heading = QLabel(self.tr("Optimisation"))
        heading.setProperty("role", "heading")
        sl.addWidget(heading)
        sl.addLayout(form)
        sl.addWidget(self.preflight)
        sl.addStretch(1)
        self.settings_scroll = QScrollArea()
        self.settings_scroll.setObjectName("trainingSettingsScroll")
        self.settings_scroll.setWidget(settings)
        self.settings_scroll.setWidgetResizable(True)
        self.settings_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.settings_scroll.setMinimumWidth(settings.sizeHint().width() + 12)

        # -- run bar: buttons, progress, status -----------------------------------------------------
        self.progress = name_widget(QProgressBar(), "trainingProgress", self.tr("Training progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.setTextVisible(True)
        # Its text changes with every step: it must not re-lay the window (and repaint the plots) each time.
        self.status_label = SteadyLabel(object_name="trainingStatus")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.message = MessageLabel("trainingMessage")
        run_bar = QHBoxLayout()
        run_bar.setSpacing(6)
        run_bar.addWidget(self.train_button)
        run_bar.addWidget(self.pause_button)
        run_bar.addWidget(self.stop_button)
        run_bar.addSpacing(6)
        progress_col = QVBoxLayout()
        progress_col.setSpacing(2)
        progress_col.addWidget(self.progress)
        progress_col.addWidget(self.status_label)
        run_bar.addLayout(progress_col, 1)

        # -- curves (training_plots.py) ---------------------------------------------------------
        self.curves = TrainingPlots()
        self.loss_plot, self.lr_plot = self.curves.loss_plot, self.curves.lr_plot
        self.grad_plot, self.speed_plot = self.curves.grad_plot, self.curves.speed_plot
        self.plots = self.curves.plots
        self.x_combo, self.log_x, self.log_y = self.curves.x_combo, self.curves.log_x, self.curves.log_y
        self.best_label = self.curves.best_label

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 6, 6, 6)
        rl.setSpacing(6)
        rl.addLayout(run_bar)
        rl.addWidget(self.message)
        self.guards = GuardsBar(session)  # guards.py: overfitting and roll-back alerts, the best checkpoint
        rl.addWidget(self.guards)
        rl.addWidget(self.curves, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("trainingSplitter")
        self.queue_view = QueueView(session.trainer)
        left = QWidget()
        left.setObjectName("trainingLeft")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(4)
        ll.addWidget(self.settings_scroll, 1)
        ll.addWidget(self.queue_view)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([settings.sizeHint().width() + 12, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # -- wiring ------------------------------------------------------------------------------------
        self.batch_spin.valueChanged.connect(lambda v: self._edit(batch_size=int(v)))
        self.lr_spin.valueChanged.connect(self._lr_edited)
        self.warmup_spin.valueChanged.connect(lambda v: self._edit(warmup_steps=int(v)))
        self.budget_spin.valueChanged.connect(self._budget_edited)
        self.budget_unit.currentIndexChanged.connect(self._budget_unit_changed)
        self.eval_spin.valueChanged.connect(lambda v: self._edit(eval_every=int(v)))
        self.seed_spin.valueChanged.connect(lambda v: self._edit(seed=int(v)))
        self.device_combo.currentIndexChanged.connect(self._device_edited)
        self.gpu_spin.valueChanged.connect(lambda v: self.session.set_processes(int(v)))
        self.precision_combo.currentIndexChanged.connect(
            lambda: self._edit(precision=self.precision_combo.currentData())
        )
        self.compile_combo.currentIndexChanged.connect(lambda: self._edit(compile=self.compile_combo.currentData()))

        session.configChanged.connect(self.show_config)
        session.problemsChanged.connect(self.show_problems)
        session.corpusChanged.connect(lambda _: self._update_actions())
        session.trainingChanged.connect(self.show_training)
        session.trainingEvent.connect(self.on_event)
        session.trainer.queueChanged.connect(self._update_actions)
        session.runStarted.connect(self.load_run)
        self.show_config(session.config)
        self.show_problems(session.problems())
        self.show_training(session.training)

    def _spin(self, name: str, accessible: str, lo: int, hi: int, help_: str) -> QSpinBox:
        s = CompactSpinBox()
        s.setRange(lo, hi)
        s.setGroupSeparatorShown(True)
        return name_widget(s, name, accessible, help_)

    # -- user edits -----------------------------------------------------------------------------
    def _edit(self, **train) -> None:
        self.session.update(train=train)

    def _lr_edited(self, v: float) -> None:
        self._edit(learning_rate=float(v), min_lr=min_lr_for(float(v), self.session.config.train))

    def _budget_edited(self, v: float) -> None:
        if self.budget_unit.currentData() == "tokens":
            self._edit(token_budget=int(v))
        else:
            self._edit(max_steps=int(v), token_budget=0)

    def _budget_unit_changed(self) -> None:
        cfg = self.session.config
        if self.budget_unit.currentData() == "tokens":
            self._edit(token_budget=cfg.total_steps * cfg.tokens_per_step)
        else:
            self._edit(max_steps=cfg.total_steps, token_budget=0)

    def _device_edited(self) -> None:
        device = self.device_combo.currentData()
        t = self.session.config.train
        changes = {"device": device}
        if t.precision != "auto" and not self._precision_allowed(t.precision, device):
            changes["precision"] = "auto"
        self._edit(**changes)

    def _precision_allowed(self, precision: str, device: str) -> bool:
        kind = self._devices[0].kind if device == "auto" else device
        if precision == "fp16":
            return kind == "cuda"
        if precision == "bf16" and kind == "cuda":
            import torch

            return torch.cuda.is_bf16_supported()
        return True

    # -- rendering ------------------------------------------------------------------------------
    def show_config(self, cfg) -> None:
        t = cfg.train

        def put(widget, value) -> None:
            if widget.value() != value:
                widget.blockSignals(True)
                widget.setValue(value)
                widget.blockSignals(False)

        put(self.batch_spin, t.batch_size)
        put(self.lr_spin, t.learning_rate)
        put(self.warmup_spin, t.warmup_steps)
        put(self.eval_spin, t.eval_every)
        put(self.seed_spin, t.seed)
        unit = "tokens" if t.token_budget > 0 else "steps"
        self.budget_unit.blockSignals(True)
        self.budget_unit.setCurrentIndex(self.budget_unit.findData(unit))
        self.budget_unit.blockSignals(False)
        put(self.budget_spin, float(t.token_budget if unit == "tokens" else t.max_steps))
        for combo, value in ((self.device_combo, t.device), (self.precision_combo, t.precision)):
            combo.blockSignals(True)
            idx = combo.findData(value)
            if idx < 0 and combo is self.device_combo:  # a device this machine lacks: show it anyway
                combo.addItem(self.tr("{0} (not available here)").format(value), value)
                idx = combo.count() - 1
            combo.setCurrentIndex(max(0, idx))
            combo.blockSignals(False)
        for i, (key, _) in enumerate(PRECISIONS):
            item = self.precision_combo.model().item(i)
            item.setEnabled(key == "auto" or self._precision_allowed(key, t.device))
        show_compile(self.compile_combo, t.compile)
        self.device_readout.show_config(cfg, self.session.trainer.own_process)
        total_tokens = cfg.total_steps * cfg.tokens_per_step
        text = self.tr("{0} tokens per step; {1} steps = {2} tokens.").format(
            f"{cfg.tokens_per_step:,}", f"{cfg.total_steps:,}", human_count(total_tokens))
        warmup = warmup_for(t.warmup_steps, cfg.total_steps)
        if warmup < t.warmup_steps:  # the engine caps warmup for short runs: say what this run will use
            text += " " + self.tr("Warmup: {0} steps (at most a tenth of the run).").format(f"{warmup:,}")
        self.step_info.setText(text)

    def show_problems(self, problems) -> None:
        by_field: dict[str, list[str]] = {}
        for e in problems:
            by_field.setdefault(e.field or "", []).append(error_text(e))
        widgets = {"batch_size": self.batch_spin, "learning_rate": self.lr_spin, "min_lr": self.lr_spin,
                   "warmup_steps": self.warmup_spin, "max_steps": self.budget_spin,
                   "token_budget": self.budget_spin, "eval_every": self.eval_spin, "seed": self.seed_spin,
                   "device": self.device_combo, "precision": self.precision_combo}
        for w in {id(w): w for w in widgets.values()}.values():
            mark_invalid(w, any(by_field.get(f) for f, other in widgets.items() if other is w))
        labels: dict[int, tuple[MessageLabel, list[str]]] = {}
        for f, label in self.field_errors.items():
            labels.setdefault(id(label), (label, []))[1].extend(by_field.get(f, []))
        for label, msgs in labels.values():
            label.show_message(" ".join(msgs))
        shown_elsewhere = set(widgets) | {"n_layer", "n_head", "n_embd", "block_size", "dropout", "vocab_size",
                                          "tokenizer", "val_fraction", "unk_policy"}
        other = [m for f, msgs in by_field.items() if f not in shown_elsewhere for m in msgs]
        self.other_problems.show_message(" ".join(other))
        self._problem_count = len(problems)
        self._shows_queue = None  # the tooltip names the problems now, or no longer
        self._update_actions()

    def _update_actions(self) -> None:
        t = self.session.training
        self.start_action.setEnabled(self.session.can_start())
        self._show_train_text()
        self.pause_action.setEnabled(t.phase in ("running", "preparing", "paused") and t.mode in ("thread", "process"))
        self.stop_action.setEnabled(t.phase in ("running", "preparing", "paused"))
        paused = t.phase == "paused"
        if paused == self._shows_resume:
            return  # a new icon on every training event would re-lay the run bar (and repaint the plots)
        self._shows_resume = paused
        self.pause_action.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        self.pause_action.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause))
        self.pause_button.setAccessibleName(self.tr("Resume") if paused else self.tr("Pause"))

    def _show_train_text(self) -> None:
        """Train starts a run when the device is free; otherwise it says that it adds one to the queue."""
        trainer = self.session.trainer
        queues = trainer.busy or trainer.queue_paused
        if queues == self._shows_queue:
            return  # new text on every training event would re-lay the run bar
        self._shows_queue = queues
        self.start_action.setText(self.tr("Add to &queue") if queues else self.tr("&Train"))
        self.train_button.setAccessibleName(self.tr("Add to queue") if queues else self.tr("Train"))
        n = self._problem_count
        if n:
            tip = self.tr("Fix %n setting(s) marked in red first.", "", n)
        elif trainer.queue_paused:
            tip = self.tr("The queue is paused: add a new run with these settings to it (F5)")
        elif queues:
            tip = self.tr("A run is training: add a new run with these settings to the queue; "
                          "it starts when the device is free (F5)")
        else:
            tip = self.tr("Start a new run with these settings (F5)")
        self.start_action.setToolTip(tip)

    def show_training(self, t: TrainingState) -> None:
        self._update_actions()
        if t.phase == "preparing" or (t.phase in ("paused", "stopping") and not t.device_name):
            fmt = self.tr("{0}… %p%").format(t.prepare_stage or self.tr("Preparing the data"))
            if t.prepare_fraction < 0:
                set_progress(self.progress, 0, 0, 0, fmt)
            else:
                set_progress(self.progress, 0, 1000, int(t.prepare_fraction * 1000), fmt)
            self.status_label.setText(self.tr("Preparing the data for a new run") if t.phase == "preparing" else t.phase)
        elif t.run is not None:
            total = max(1, t.total_steps)
            set_progress(self.progress, 0, total, min(t.step, total), self.tr("step {0:,} / {1:,}").format(t.step, total))
            parts = [p for p in (self.tr("{0} tokens seen").format(human_count(t.tokens)),
                                 self._epochs.text(t.run, t.tokens)) if p]
            if t.phase in ("running", "paused") and t.tokens_per_s > 0 and t.step < total:
                run_tokens = t.tokens / max(1, t.step)
                left = (total - t.step) * run_tokens / t.tokens_per_s
                parts.append(self.tr("about {0} left").format(human_duration(left)))
            if t.tokens_per_s > 0:
                parts.append(self.tr("{0} tokens/s").format(human_count(t.tokens_per_s)))
            if t.device_name:
                parts.append(core_text(t.device_name))
            if t.mode == "processes":
                parts.append(self.tr("{0} processes").format(t.processes))
            elif t.mode == "external":
                parts.insert(0, self.tr("following a job elsewhere"))
            if t.phase in ("paused", "stopping"):
                parts.insert(0, self.tr("paused") if t.phase == "paused" else self.tr("stopping"))
            self.status_label.setText(" · ".join(parts))
        else:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("Ready: press Train"))
            self.status_label.setText("")
        if t.phase == "idle" and t.message:
            self.message.show_message(t.message, "error" if t.message_level == "error" else "info")
        elif t.phase == "paused":
            self.message.show_message(t.message, "info")
        else:
            self.message.show_message("")

    # -- curves -------------------------------------------------------------------------------------
    def clear_plots(self) -> None:
        self.curves.clear()

    def load_run(self, run: Run) -> None:
        """Reset the curves for ``run`` and draw what it has logged so far (a continued run)."""
        self.curves.load_run(run)

    def on_event(self, ev) -> None:
        if isinstance(ev, Reloaded):  # the job rewrote its metrics (a resume): draw them again
            if self.session.training.run is not None:
                self.curves.load_run(self.session.training.run)
        else:
            self.curves.on_event(ev)
