"""The Playground panel: prompt a trained model and watch it write, token by token.

Left: the prompt (with a history of recent prompts), Generate (Ctrl+Enter) / Stop
(Esc), the sampling controls and the Compare toggle. Right: one output pane, or two
side by side when comparing (each with its own run and checkpoint; both generate
from the same prompt with the same options and seed), and under them the
next-token distribution with the alternatives to branch with.

How it fits together (see ``playground_*.py``):

* ``playground_state`` (no Qt): branches, the jobs the worker threads run;
* ``playground_pane``: ``ModelCache`` (models load in workers) and ``OutputPane``
  (picker, branches, generation worker, footer);
* ``playground_text``: ``TokenView``, the probability-coloured text;
* ``playground_dist``: ``DistributionView``, the bar chart.

Nothing here touches a widget off the GUI thread: workers hand tokens, models and
logits over queued signals. Torch's CPU thread count is left alone (it is process-wide
and training may be running); see ``playground_state``.

``install(window)`` adds the panel to the main window and follows the Runs panel's
selection.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Slot
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
    QVBoxLayout,
    QWidget,
)

from ...core.errors import LmlabError
from ...core.generate import SamplingOptions, encode_prompt
from ...core.runs import Run, RunStore
from ..resources import with_cjk_fallback
from ..jobs import GeneratorWorker
from .common import MessageLabel, name_widget
from .playground_controls import SamplingControls
from .playground_dist import AlternativesList, DistributionView, LogitsFetcher
from .playground_pane import ModelCache, OutputPane
from .playground_state import display_text

HISTORY_KEY = "playground/prompt_history"
HISTORY_MAX = 30
WAIT_FOR_END = "The distribution updates when generation ends."


class PlaygroundPanel(QWidget):
    """Prompt, sampling controls, output pane(s) and the next-token distribution."""

    def __init__(self, store: RunStore, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("playgroundPanel")
        self.setAccessibleName("Playground")
        self.store = store
        self.settings = settings
        self._history: list[str] = self._load_history()
        self.cache = ModelCache(parent=self)
        self.logits = LogitsFetcher(self)
        self.logits.ready.connect(self._on_logits)
        self.logits.failed.connect(lambda _payload, msg: self._clear_distribution(msg))
        self._alt_context: tuple = (None, None, "")  # (tokenizer, chosen id, caption) of the alternatives shown
        self._dist_timer = QTimer(self, singleShot=True, interval=120)
        self._dist_timer.timeout.connect(self._request_distribution)
        self._build()
        self._active = self.primary
        self._fill_history()
        self.refresh_runs()
        self._options_changed()
        self.controls.changed.connect(self._options_changed)

    # -- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        # Prompt.
        self.history_combo = name_widget(QComboBox(), "promptHistoryCombo", "Recent prompts",
                                         "Prompts you generated from before; pick one to edit it again")
        self.history_combo.setPlaceholderText("Recent prompts")
        self.history_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.history_combo.setMinimumContentsLength(10)
        self.history_combo.activated.connect(self._history_chosen)
        self.prompt_edit = name_widget(QPlainTextEdit(), "promptEdit", "Prompt",
                                       "The text the model continues (empty: it starts from a new line)")
        self.prompt_edit.setToolTip("")
        self.prompt_edit.setPlaceholderText("ROMEO:")
        self.prompt_edit.setFont(with_cjk_fallback(self.prompt_edit.font()))
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_edit.setMinimumHeight(80)
        self.prompt_edit.textChanged.connect(self._prompt_changed)
        self.generate_button = name_widget(QPushButton("Generate"), "generateButton", "Generate",
                                           "Generate from the prompt (Ctrl+Enter)")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.stop_button = name_widget(QPushButton("Stop"), "stopButton", "Stop",
                                       "Stop after the current token (Esc)")
        self.stop_button.clicked.connect(self.stop)
        self.message = MessageLabel("playgroundMessage")

        # Sampling controls (the panel's attributes name the fields too, for scripts and tests).
        self.controls = sampling = SamplingControls()
        for name in ("temperature", "top_k", "top_p", "repetition", "max_tokens", "seed_edit", "random_seed",
                     "stop_edit", "greedy"):
            setattr(self, name, getattr(sampling, name))

        self.compare_check = name_widget(QCheckBox("Compare two models side by side"), "compareCheck",
                                         "Compare", "Show a second output with its own run and checkpoint; "
                                         "both generate from the same prompt with the same options and seed")
        self.compare_check.toggled.connect(self.set_compare)

        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button, 1)
        buttons.addWidget(self.stop_button)
        left = QWidget()
        left.setObjectName("playgroundControls")
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        prompt_head = QHBoxLayout()
        prompt_label = QLabel("Prompt")
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
        self.primary = OutputPane(self.cache, "primary", "Output")
        self.compare = OutputPane(self.cache, "compare", "Comparison output")
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
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("playgroundDistributionSplitter")
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.dist_view)
        bottom.addWidget(self.alternatives)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([600, 220])

        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("playgroundRightSplitter")
        right.setChildrenCollapsible(False)
        right.addWidget(self.panes_split)
        right.addWidget(bottom)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([420, 330])

        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("playgroundMainSplitter")
        main.setChildrenCollapsible(False)
        main.addWidget(scroll)
        main.addWidget(right)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 1)
        main.setSizes([300, 980])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(main)

        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.generate)
        esc = QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.stop)
        self._update_buttons()

    # -- runs -----------------------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """Read the runs folder again: runs with at least one checkpoint, newest first."""
        runs = []
        names: dict[str, int] = {}
        for run in self.store.runs():
            steps = [c.step for c in run.checkpoints()]
            if steps:
                name = run.name
                names[name] = names.get(name, 0) + 1
                runs.append((str(run.path), name, steps, run.id))
        listed = [(p, f"{n} ({rid})" if names[n] > 1 else n, s) for p, n, s, rid in runs]
        for pane in (self.primary, self.compare):
            pane.set_runs(listed)

    def set_store(self, store: RunStore) -> None:
        self.store = store
        self.refresh_runs()

    @Slot(str)
    def set_run(self, path: str) -> None:
        """Pick the run at ``path`` (e.g. selected in the Runs panel) for the main output."""
        if not self.primary.select_run(str(path)):
            self.refresh_runs()
            if not self.primary.select_run(str(path)):
                self.message.show_message(f"The run {Run(path).name} has no checkpoint yet; train it first.",
                                          "info")
                return
        self.message.show_message("")

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
        pane = getattr(self, "_active", None)
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
    def _load_history(self) -> list[str]:
        if self.settings is None:
            return []
        raw = self.settings.value(HISTORY_KEY)
        try:
            items = json.loads(str(raw)) if raw else []
        except ValueError:
            return []
        return [s for s in items if isinstance(s, str)][:HISTORY_MAX] if isinstance(items, list) else []

    def history(self) -> list[str]:
        return list(self._history)

    def _remember(self, prompt: str) -> None:
        if not prompt.strip():
            return
        self._history = [prompt] + [p for p in self._history if p != prompt]
        del self._history[HISTORY_MAX:]
        if self.settings is not None:
            self.settings.setValue(HISTORY_KEY, json.dumps(self._history, ensure_ascii=False))
        self._fill_history()

    def _fill_history(self) -> None:
        self.history_combo.clear()
        for p in self._history:
            line = " ".join(p.split())
            self.history_combo.addItem(line[:40] + ("…" if len(line) > 40 else ""), p)
            self.history_combo.setItemData(self.history_combo.count() - 1, p, Qt.ItemDataRole.ToolTipRole)
        self.history_combo.setCurrentIndex(-1)
        self.history_combo.setEnabled(bool(self._history))

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
                return WAIT_FOR_END
            k = pane.view.selected
            tm = b.model
            if k is not None and k < len(b.tokens):
                ids, chosen = b.root_ids + [t.id for t in b.tokens[:k]], b.tokens[k].id
                where = f"At token {k + 1} of branch {pane.shown_index + 1}"
            else:
                ids, chosen = b.ids, None
                where = f"After branch {pane.shown_index + 1}"
            before = b.prompt + "".join(t.text for t in b.tokens[:k]) if k is not None else b.text
        else:
            tm = pane.model()
            if tm is None:
                return "Pick a run to see the model's next-token distribution."
            prompt = self.prompt_edit.toPlainText()
            try:
                ids = encode_prompt(tm.tokenizer, prompt, min(tm.tokenizer.vocab_size, tm.config.model.vocab_size))
            except LmlabError as e:
                return str(e)
            chosen, where, before = None, "After the prompt", prompt
        tail = display_text(before[-24:])
        return tm, ids, chosen, f"{where} (…{tail})" if before else where

    def _request_distribution(self) -> None:
        target = self._distribution_target()
        if isinstance(target, str):
            if target != WAIT_FOR_END or not self.dist_view.has_data:
                self._clear_distribution(target)
            return
        tm, ids, chosen, caption = target
        self.logits.request(tm, ids, (tm, ids, chosen, caption))

    def _clear_distribution(self, message: str) -> None:
        self.logits.cancel()
        self.dist_view.clear(message)
        self._alt_context = (None, None, "")
        self.alternatives.fill(None, None, None, "Click a token in the text to see what else the model "
                                                 "considered there.")

    @Slot(object, object)
    def _on_logits(self, payload, logits) -> None:
        tm, ids, chosen, caption = payload
        self.dist_view.set_logits(logits, ids[-tm.config.model.block_size:], tm.tokenizer, chosen, caption)
        k = self._active.view.selected
        alt_caption = f"Instead of token {k + 1}:" if chosen is not None and k is not None else "Continue with:"
        self._alt_context = (tm.tokenizer, chosen, alt_caption)
        self.alternatives.fill(self.dist_view, tm.tokenizer, chosen, alt_caption)
        self._update_buttons()

    # -- shutting down ---------------------------------------------------------------------------------------------
    def workers(self) -> list[GeneratorWorker]:
        return self.primary.workers() + self.compare.workers() + self.cache.workers() + self.logits.workers()

    def shutdown(self) -> None:
        """Stop every generation and load, and wait for their threads (idempotent)."""
        self._dist_timer.stop()
        for pane in (self.primary, self.compare):
            pane.shutdown()
        self.cache.shutdown()
        self.logits.shutdown()


# -- the main window ---------------------------------------------------------------------------------------------


class _WindowWatcher(QObject):
    """Stops the playground's threads when the window closes; keeps the store and Runs panel linked."""

    def __init__(self, window, panel: PlaygroundPanel):
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.runs_panel = None
        self.link()

    def link(self) -> None:
        store = getattr(getattr(self.window, "session", None), "store", None)
        if store is not None and store is not self.panel.store:
            self.panel.set_store(store)
        rp = getattr(self.window, "runs_panel", None)
        if rp is not None and rp is not self.runs_panel:
            rp.run_selected.connect(self.panel.set_run)
            self.runs_panel = rp

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is self.window and ev.type() == QEvent.Type.Close:
            self.panel.shutdown()
        return False


def install(window) -> PlaygroundPanel:
    """Add the Playground tab to ``window`` (a ``MainWindow``) and follow its Runs panel's selection."""
    settings = getattr(getattr(window, "settings", None), "q", None)
    panel = PlaygroundPanel(window.session.store, settings=settings)
    window.add_panel("Playground", panel)
    watcher = _WindowWatcher(window, panel)
    window.installEventFilter(watcher)
    window.tabs.currentChanged.connect(lambda _i: watcher.link())  # the Runs panel is rebuilt on a new folder
    session = getattr(window, "session", None)
    if session is not None:
        session.runsChanged.connect(panel.refresh_runs)
    panel._watcher = watcher
    return panel
