"""The Playground panel: prompt a trained model and watch it write, token by token.

Left: the prompt (with a history of recent prompts), Generate (Ctrl+Enter) / Stop
(Esc), the sampling controls and the Compare toggle. Right: one output pane, or two
side by side when comparing (each with its own run and checkpoint; both generate
from the same prompt with the same options and seed), and under them the
next-token distribution with the alternatives to branch with.

How it fits together: the panel is a view of a ``PlaygroundController``
(``lmlab.ui.controllers.playground``: models, branches, generation and logits jobs), with

* ``pane``: ``OutputPane``, one pane's run picker, branches and footer;
* ``text``: ``TokenView``, the probability-coloured text;
* ``dist``: ``DistributionView``, the bar chart, and the alternatives list;
* ``controls``: the sampling controls.

``install(window)`` adds the panel to the main window; its main pane follows the window's
current run (the run trained last, or the one selected in Runs).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core.branches import display_text
from ....core.errors import LmlabError
from ....core.generate import SamplingOptions, encode_prompt
from ....core.runs import Run, RunStore
from ...controllers.chat import ChatController
from ...controllers.playground import PlaygroundController
from ...controllers.translate import TranslateController, is_translator
from ...resources import with_cjk_fallback
from ..common import MessageLabel, name_widget, on_window_close
from .chat import ChatView
from .controls import SamplingControls
from .dist import AlternativesList, DistributionView
from .pane import OutputPane
from .translate import TranslateView
from ...i18n import error_text

WAIT_FOR_END = QT_TRANSLATE_NOOP("panels.playground.panel", "The distribution updates when generation ends.")


def _splitter(orientation: Qt.Orientation, name: str, *parts: tuple[QWidget, int, int]) -> QSplitter:
    """A splitter of (widget, stretch factor, starting size) parts whose parts never collapse."""
    split = QSplitter(orientation)
    split.setObjectName(name)
    split.setChildrenCollapsible(False)
    for i, (widget, stretch, _size) in enumerate(parts):
        split.addWidget(widget)
        split.setStretchFactor(i, stretch)
    split.setSizes([size for _w, _s, size in parts])
    return split


class PlaygroundPanel(QWidget):
    """Prompt, sampling controls, output pane(s) and the next-token distribution."""

    def __init__(self, controller: PlaygroundController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("playgroundPanel")
        self.setAccessibleName(self.tr("Playground"))
        self.controller = controller
        controller.logitsReady.connect(self._on_logits)
        controller.logitsFailed.connect(lambda _payload, msg: self._clear_distribution(msg))
        controller.runRequested.connect(self.set_run)
        self._alt_context: tuple = (None, None, "")  # (tokenizer, chosen id, caption) of the alternatives shown
        self._dist_timer = QTimer(self, singleShot=True, interval=120)
        self._dist_timer.timeout.connect(self._request_distribution)
        self._active: OutputPane | None = None  # the pane whose distribution is shown
        self._build()
        self._active = self.primary
        self._fill_history()
        self.refresh_runs()
        self._options_changed()
        self.controls.changed.connect(self._options_changed)

    # -- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        # Prompt.
        self.history_combo = name_widget(QComboBox(), "promptHistoryCombo", self.tr("Recent prompts"),
                                         self.tr("Prompts you generated from before; pick one to edit it again"))
        self.history_combo.setPlaceholderText(self.tr("Recent prompts"))
        self.history_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.history_combo.setMinimumContentsLength(10)
        self.history_combo.activated.connect(self._history_chosen)
        self.prompt_edit = name_widget(QPlainTextEdit(), "promptEdit", self.tr("Prompt"),
                                       self.tr("The text the model continues (empty: it starts from a new line)"))
        self.prompt_edit.setToolTip("")
        self.prompt_edit.setPlaceholderText("ROMEO:")
        self.prompt_edit.setFont(with_cjk_fallback(self.prompt_edit.font()))
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_edit.setMinimumHeight(80)
        self.prompt_edit.textChanged.connect(self._prompt_changed)
        self.generate_button = name_widget(QPushButton(self.tr("Generate")), "generateButton", self.tr("Generate"),
                                           self.tr("Generate from the prompt (Ctrl+Enter)"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.stop_button = name_widget(QPushButton(self.tr("Stop")), "stopButton", self.tr("Stop"),
                                       self.tr("Stop after the current token (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        self.message = MessageLabel("playgroundMessage")

        # Sampling controls (the panel's attributes name the fields too, for scripts and tests).
        self.controls = sampling = SamplingControls()
        self.temperature, self.top_k, self.top_p = sampling.temperature, sampling.top_k, sampling.top_p
        self.repetition, self.max_tokens, self.greedy = sampling.repetition, sampling.max_tokens, sampling.greedy
        self.seed_edit, self.random_seed, self.stop_edit = sampling.seed_edit, sampling.random_seed, sampling.stop_edit

        self.compare_check = name_widget(QCheckBox(self.tr("Compare two models side by side")), "compareCheck",
                                         self.tr("Compare"), self.tr("Show a second output with its own run and checkpoint; "
                                         "both generate from the same prompt with the same options and seed"))
        self.compare_check.toggled.connect(self.set_compare)

        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button, 1)
        buttons.addWidget(self.stop_button)
        left = QWidget()
        left.setObjectName("playgroundControls")
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        prompt_head = QHBoxLayout()
        prompt_label = QLabel(self.tr("Prompt"))
        prompt_label.setProperty("role", "heading")
        prompt_head.addWidget(prompt_label)
        prompt_head.addWidget(self.history_combo, 1)
        lv.addLayout(prompt_head)
        lv.addWidget(self.prompt_edit, 1)
        lv.addLayout(buttons)
        lv.addWidget(self.message)
        lv.addWidget(sampling)
        lv.addWidget(self.compare_check)
        lv.addStretch(0)
        scroll = QScrollArea()
        scroll.setObjectName("playgroundControlsScroll")
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(270)

        # Outputs.
        self.primary = OutputPane(self.controller, "primary", self.tr("Output"))
        self.compare = OutputPane(self.controller, "compare", self.tr("Comparison output"))
        self.compare.hide()
        self._compare_picked = False  # the user chose the comparison's run or checkpoint
        for combo in (self.compare.run_combo, self.compare.step_combo):
            combo.activated.connect(self._compare_was_picked)
        self.panes_split = QSplitter(Qt.Orientation.Horizontal)
        self.panes_split.setObjectName("playgroundPanesSplitter")
        self.panes_split.setChildrenCollapsible(False)
        self.panes_split.addWidget(self.primary)
        self.panes_split.addWidget(self.compare)
        for pane in (self.primary, self.compare):
            pane.busy_changed.connect(self._update_buttons)
            pane.generation_finished.connect(lambda p=pane: self._pane_finished(p))
            pane.token_selected.connect(lambda i, p=pane: self._token_selected(p, i))
            pane.branch_shown.connect(lambda p=pane: self._branch_shown(p))
            pane.branch_requested.connect(lambda k, a, p=pane: self.branch(p, k, a))
            pane.source_changed.connect(lambda p=pane: self._source_changed(p))
            pane.model_ready.connect(lambda p=pane: self._source_changed(p))

        # Distribution and alternatives.
        self.dist_view = DistributionView()
        self.alternatives = AlternativesList()
        self.alternatives.continue_requested.connect(self._continue_with)
        self.alt_list = self.alternatives.tree
        self.branch_button = self.alternatives.button
        H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        bottom = _splitter(H, "playgroundDistributionSplitter", (self.dist_view, 3, 600), (self.alternatives, 1, 220))
        right = _splitter(V, "playgroundRightSplitter", (self.panes_split, 1, 420), (bottom, 1, 330))
        main = _splitter(H, "playgroundMainSplitter", (scroll, 0, 300), (right, 1, 980))
        self.chat = ChatView(ChatController(self.controller.cache, self))  # the Chat mode
        self.controller.runRequested.connect(self.chat.set_run)
        self.translator = TranslateView(TranslateController(self.controller.store, self.controller.cache, self))
        self.controller.runRequested.connect(self.translator.follow)  # a translator run opens the Translate mode
        self.translator.wanted.connect(lambda: self.modes.setCurrentWidget(self.translator))
        self.modes = name_widget(QTabWidget(), "playgroundModes", self.tr("Playground mode"),
                                 self.tr("Complete a prompt, or chat with a run fine-tuned on conversations"))
        self.modes.setDocumentMode(True)
        self.modes.addTab(main, self.tr("Complete"))
        self.modes.addTab(self.chat, self.tr("Chat"))
        self.modes.addTab(self.translator, self.tr("Translate"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.modes)

        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.generate)
        esc = QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.stop)
        self._update_buttons()

    # -- runs -----------------------------------------------------------------------------------------
    @property
    def store(self) -> RunStore:
        return self.controller.store

    def refresh_runs(self) -> None:
        """Read the runs folder again: runs with at least one checkpoint, newest first."""
        listed = self.controller.runs()
        for pane in (self.primary, self.compare):
            pane.set_runs(listed)

    def set_store(self, store: RunStore) -> None:
        self.controller.set_store(store)
        self.translator.controller.set_store(store)
        self.refresh_runs()

    @Slot(str)
    def set_run(self, path: str) -> None:
        """Pick the run at ``path`` (e.g. selected in the Runs panel) for the main output."""
        if is_translator(path):
            return  # the Translate mode follows it
        if not self.primary.select_run(str(path)):
            self.refresh_runs()
            if not self.primary.select_run(str(path)):
                self.message.show_message(self.tr("The run {0} has no checkpoint yet; train it first.").format(Run(path).name),
                                          "info")
                return
        self.message.show_message("")
        self.primary.ensure_model()

    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        self.refresh_runs()

    # -- options ------------------------------------------------------------------------------------------
    def options(self, seed: int | None = None) -> SamplingOptions:
        """The options the controls describe (``seed`` overrides the seed field); may be invalid."""
        return self.controls.options(seed)

    def _options_changed(self) -> None:
        opts = self.controls.options(seed=0 if self.random_seed.isChecked() else None)
        if not opts.validate():
            self.dist_view.set_options(opts)
            if self.dist_view.has_data:
                tok, chosen, caption = self._alt_context
                self.alternatives.fill(self.dist_view, tok, chosen, caption, keep_selection=True)
        self._update_buttons()

    def _options_for_run(self) -> SamplingOptions | None:
        """Checked options with this generation's seed (a fresh one if "random"); None: a message says why."""
        opts = self.controls.options(self.controls.seed_for_run())
        errs = self.controls.check(opts)
        if errs:
            self.message.show_message(str(errs[0]))
            return None
        self.message.show_message("")
        return opts

    # -- generating -----------------------------------------------------------------------------------------
    def panes(self) -> list[OutputPane]:
        return [self.primary, self.compare] if self.compare_check.isChecked() else [self.primary]

    @property
    def busy(self) -> bool:
        return self.primary.busy or self.compare.busy

    def generate(self) -> bool:
        """Generate from the prompt in every shown pane with the same options and seed."""
        if self.busy:
            return False
        opts = self._options_for_run()
        if opts is None:
            return False
        prompt = self.prompt_edit.toPlainText()
        self._remember(prompt)
        started = False
        for pane in self.panes():
            started = pane.start(prompt, opts) or started
        self._active = self.primary
        self._update_buttons()
        return started

    def stop(self) -> None:
        for pane in (self.primary, self.compare):
            pane.stop()

    def branch(self, pane: OutputPane, k: int, alt_id: int, alt_prob: float | None = None) -> bool:
        """Continue ``pane``'s shown branch from token ``k`` with ``alt_id`` (a new branch)."""
        if pane.busy:
            return False
        opts = self._options_for_run()
        if opts is None:
            return False
        self._active = pane
        return pane.fork(k, alt_id, opts, alt_prob)

    def _continue_with(self, token_id: int, prob: float) -> bool:
        """The alternatives list's choice: at the selected token, or after the last one."""
        pane = self._active
        b = pane.current_branch()
        if b is None:
            return False
        k = pane.view.selected
        return self.branch(pane, len(b.tokens) if k is None else k, token_id, prob)

    def _update_buttons(self, *_args) -> None:
        busy = self.busy
        self.generate_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        pane = self._active
        self.alternatives.set_enabled(pane is not None and not pane.busy and pane.current_branch() is not None)

    def _pane_finished(self, pane: OutputPane) -> None:
        self._update_buttons()
        if pane is self._active:
            self._schedule_distribution()

    def set_compare(self, on: bool) -> None:
        """Show or hide the second output pane."""
        if self.compare_check.isChecked() != on:
            self.compare_check.setChecked(on)  # comes back here
            return
        if on and not self._compare_picked:
            self._default_compare_source()
        self.compare.setVisible(on)
        if on:
            self.compare.ensure_model()
            self.panes_split.setSizes([1, 1])
        elif self._active is self.compare:
            self._active = self.primary
            self._schedule_distribution()

    def _compare_was_picked(self, *_args) -> None:
        self._compare_picked = True

    def _default_compare_source(self) -> None:
        """Same run, an earlier checkpoint if it has one; else the next run."""
        steps = self.primary.steps()
        cur = self.primary.step()
        others = [s for s in steps if cur is not None and s < cur] or [s for s in steps if s != cur]
        if others:
            self.compare.select_run(self.primary.run_path(), others[-1])
        elif self.compare.run_combo.count() > 1:
            i = self.primary.run_combo.currentIndex()
            self.compare.run_combo.setCurrentIndex((i + 1) % self.compare.run_combo.count())

    # -- history ------------------------------------------------------------------------------------------------
    def history(self) -> list[str]:
        return self.controller.history()

    def _remember(self, prompt: str) -> None:
        if self.controller.remember(prompt):
            self._fill_history()

    def _fill_history(self) -> None:
        self.history_combo.clear()
        history = self.controller.history()
        for p in history:
            line = " ".join(p.split())
            self.history_combo.addItem(line[:40] + ("…" if len(line) > 40 else ""), p)
            self.history_combo.setItemData(self.history_combo.count() - 1, p, Qt.ItemDataRole.ToolTipRole)
        self.history_combo.setCurrentIndex(-1)
        self.history_combo.setEnabled(bool(history))

    def _history_chosen(self, i: int) -> None:
        p = self.history_combo.itemData(i)
        if isinstance(p, str):
            self.prompt_edit.setPlainText(p)
            self.prompt_edit.setFocus()
        self.history_combo.setCurrentIndex(-1)

    # -- the distribution ---------------------------------------------------------------------------------------
    def _token_selected(self, pane: OutputPane, _i: int) -> None:
        self._active = pane
        self._schedule_distribution()

    def _branch_shown(self, pane: OutputPane) -> None:
        self._active = pane
        if not pane.busy:
            self._schedule_distribution()

    def _source_changed(self, pane: OutputPane) -> None:
        if pane is self._active and pane.current_branch() is None:
            self._schedule_distribution()

    def _prompt_changed(self) -> None:
        if self._active.current_branch() is None:
            self._schedule_distribution()

    def _schedule_distribution(self) -> None:
        self._dist_timer.start()

    def _distribution_target(self):
        """(model, context ids, chosen id or None, caption) for the active pane, or a sentence why not."""
        pane = self._active
        b = pane.current_branch()
        if b is not None:
            if pane.busy:
                return QCoreApplication.translate("panels.playground.panel", WAIT_FOR_END)
            k = pane.view.selected
            tm = b.model
            if k is not None and k < len(b.tokens):
                ids, chosen = b.root_ids + [t.id for t in b.tokens[:k]], b.tokens[k].id
                where = self.tr("At token {0} of branch {1}").format(k + 1, pane.shown_index + 1)
            else:
                ids, chosen = b.ids, None
                where = self.tr("After branch {0}").format(pane.shown_index + 1)
            before = b.prompt + "".join(t.text for t in b.tokens[:k]) if k is not None else b.text
        else:
            tm = pane.model()
            if tm is None:
                return self.tr("Pick a run to see the model's next-token distribution.")
            prompt = self.prompt_edit.toPlainText()
            try:
                ids = encode_prompt(tm.tokenizer, prompt, min(tm.tokenizer.vocab_size, tm.config.model.vocab_size))
            except LmlabError as e:
                return error_text(e)
            chosen, where, before = None, self.tr("After the prompt"), prompt
        tail = display_text(before[-24:])
        return tm, ids, chosen, f"{where} (…{tail})" if before else where

    def _request_distribution(self) -> None:
        target = self._distribution_target()
        if isinstance(target, str):
            if target != QCoreApplication.translate("panels.playground.panel", WAIT_FOR_END) or not self.dist_view.has_data:
                self._clear_distribution(target)
            return
        tm, ids, chosen, caption = target
        self.controller.request_logits(tm, ids, (tm, ids, chosen, caption))

    def _clear_distribution(self, message: str) -> None:
        self.controller.cancel_logits()
        self.dist_view.clear(message)
        self._alt_context = (None, None, "")
        self.alternatives.fill(None, None, None, self.tr("Click a token in the text to see what else the model "
                                                 "considered there."))

    @Slot(object, object)
    def _on_logits(self, payload, logits) -> None:
        tm, ids, chosen, caption = payload
        self.dist_view.set_logits(logits, ids[-tm.config.model.block_size:], tm.tokenizer, chosen, caption)
        k = self._active.view.selected
        alt_caption = self.tr("Instead of token {0}:").format(k + 1) if chosen is not None and k is not None else self.tr("Continue with:")
        self._alt_context = (tm.tokenizer, chosen, alt_caption)
        self.alternatives.fill(self.dist_view, tm.tokenizer, chosen, alt_caption)
        self._update_buttons()

    # -- shutting down ---------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop every generation and load, and wait for their threads (idempotent)."""
        self._dist_timer.stop()
        self.chat.shutdown()
        self.translator.controller.shutdown()
        for pane in (self.primary, self.compare):
            pane.copies.shutdown()
        self.controller.shutdown()


def install(window) -> PlaygroundPanel:
    """Add the Playground tab to ``window`` (a ``MainWindow``), on its model cache, following its current run."""
    controller = PlaygroundController(window.session.store, window.model_cache, window.settings.q, parent=window)
    panel = PlaygroundPanel(controller)
    window.add_panel(QCoreApplication.translate("PlaygroundPanel", "Playground"), panel)
    on_window_close(window, panel.shutdown)
    window.runs_controller.currentRunChanged.connect(controller.follow)
    window.runs_folder_changed.connect(panel.set_store)
    window.session.runsChanged.connect(panel.refresh_runs)
    controller.follow(window.runs_controller.current)
    return panel
