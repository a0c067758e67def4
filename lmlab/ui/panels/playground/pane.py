"""One output pane of the playground: a run and checkpoint picker, the branches, the coloured text.

The playground shows one pane, or two side by side in Compare mode. A pane is a view of its
part of the ``PlaygroundController``: the controller loads the model, generates and keeps
every branch (a ``BranchTree``); the pane picks the run and checkpoint and shows the selected
branch in a ``TokenView``. Signals tell the panel when it is busy, when a generation ended and
which token is selected; the panel owns the sampling controls and passes ``SamplingOptions`` in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ....core.units import human_count
from ....core.branches import Branch, BranchTree
from ....core.generate import SamplingOptions
from ....core.loading import TrainedModel
from ...controllers.playground import PlaygroundController
from ..common import MessageLabel, guard_wheel, hint_label, name_widget
from .copies import CopiedSpans
from .text import ProbabilityLegend, TokenView

FINISH_WORDS = {"max_tokens": QT_TRANSLATE_NOOP("panels.playground.pane", "reached the token limit"), "stop_sequence": QT_TRANSLATE_NOOP("panels.playground.pane", "hit a stop sequence"),
                "stopped": "stopped"}


class OutputPane(QWidget):
    """Run/checkpoint picker, branch list, the coloured text and its footer."""

    busy_changed = Signal(bool)
    generation_finished = Signal()  # a generation into one of the branches ended (any way)
    token_selected = Signal(int)  # index in the shown branch; -1: none (distribution after the last token)
    branch_shown = Signal()  # the shown branch changed
    branch_requested = Signal(int, int)  # token index, alternative id (the panel supplies the options)
    source_changed = Signal()  # another run or checkpoint was picked
    model_ready = Signal()  # the picked model finished loading
    problem = Signal(str)  # a sentence for the panel's message line

    def __init__(self, controller: PlaygroundController, name: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{name}Pane")
        self.setAccessibleName(title)
        self.controller = controller
        self.name = name
        self._shown: int | None = None
        self._runs: list[tuple[str, str, list[int]]] = []  # what the run picker offers
        self._build(title)
        controller.modelLoaded.connect(self._on_model_loaded)
        controller.modelFailed.connect(self._on_model_failed)
        controller.branchAdded.connect(self._on_branch_added)
        controller.tokensAdded.connect(self._on_tokens)
        controller.tailAdded.connect(self._on_tail)
        controller.generationFailed.connect(self._on_failed)
        controller.generationFinished.connect(self._on_finished)
        controller.busyChanged.connect(self._on_busy)

    @property
    def tree(self) -> BranchTree:
        return self.controller.tree(self.name)

    # -- building ----------------------------------------------------------------------------------
    def _build(self, title: str) -> None:
        n = self.name
        self.run_combo = name_widget(QComboBox(), f"{n}RunCombo", self.tr("{0}: run").format(title),
                                     self.tr("The run whose model generates here (runs with a checkpoint)"))
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.run_combo.setMinimumContentsLength(14)
        self.run_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.step_combo = name_widget(QComboBox(), f"{n}StepCombo", self.tr("{0}: checkpoint").format(title),
                                      self.tr("Which checkpoint (training step) of the run"))
        self.step_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        guard_wheel(self.run_combo, self.step_combo)
        self.model_label = hint_label("", f"{n}ModelLabel")
        self.model_label.setWordWrap(False)
        self.branch_combo = name_widget(QComboBox(), f"{n}BranchCombo", self.tr("{0}: branch").format(title),
                                        self.tr("Every text generated here; a branch continues another one with a token "
                                        "you chose (right-click a token)"))
        self.branch_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.branch_combo.setMinimumContentsLength(18)
        self.branch_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.branch_combo.setEnabled(False)
        guard_wheel(self.branch_combo)
        self.view = name_widget(TokenView(), f"{n}Output", self.tr("{0}: generated text").format(title),
                                self.tr("Generated text; each token's background shows how likely the model found it. "
                                "Hover for alternatives, click for its distribution, right-click to branch."))
        self.view.setToolTip("")
        self.view.setPlaceholderText(self.tr("Type a prompt and press Generate (Ctrl+Enter)."))
        self.stats = QLabel("")
        self.stats.setObjectName(f"{n}Stats")
        self.stats.setAccessibleName(self.tr("{0}: statistics").format(title))
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = self._tool(f"{n}CopyButton", self.tr("Copy"), self.tr("Copy this branch's text (prompt and output)"),
                                      self.copy_text)
        self.save_button = self._tool(f"{n}SaveButton", self.tr("Save…"), self.tr("Save this branch's text to a UTF-8 file"),
                                      self.save_text)
        self.message = MessageLabel(f"{n}Message")
        self.copies = CopiedSpans(self)  # copies.py: the longest span copied from the training text

        pick = QHBoxLayout()
        pick.setContentsMargins(0, 0, 0, 0)
        pick.addWidget(QLabel(self.tr("Run")))
        pick.addWidget(self.run_combo, 3)
        pick.addWidget(QLabel(self.tr("Checkpoint")))
        pick.addWidget(self.step_combo)
        branch = QHBoxLayout()
        branch.setContentsMargins(0, 0, 0, 0)
        branch.addWidget(QLabel(self.tr("Branch")))
        branch.addWidget(self.branch_combo, 1)
        foot = QHBoxLayout()
        foot.setContentsMargins(0, 0, 0, 0)
        foot.addWidget(self.stats, 1)
        foot.addWidget(self.copies.label)
        foot.addWidget(self.copies.button)
        foot.addWidget(ProbabilityLegend())
        foot.addWidget(self.copy_button)
        foot.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(pick)
        lay.addWidget(self.model_label)
        lay.addLayout(branch)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.message)
        lay.addLayout(foot)

        self.run_combo.currentIndexChanged.connect(self._on_run_changed)
        self.step_combo.currentIndexChanged.connect(self._on_step_changed)
        self.branch_combo.currentIndexChanged.connect(self._on_branch_combo)
        self.view.token_clicked.connect(self.token_selected)
        self.view.branch_requested.connect(self.branch_requested)
        self._update_buttons()

    def _tool(self, name: str, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        name_widget(b, name, text.rstrip("…"), tip)
        b.clicked.connect(slot)
        return b

    # -- runs and checkpoints ------------------------------------------------------------------------
    def set_runs(self, runs: list[tuple[str, str, list[int]]]) -> None:
        """Offer ``runs`` (path, label, checkpoint steps), keeping the current choice when it is still there."""
        current = self.run_path()
        step = self.step()
        self._runs = runs
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        for path, label, _steps in runs:
            self.run_combo.addItem(label, path)
            self.run_combo.setItemData(self.run_combo.count() - 1, path, Qt.ItemDataRole.ToolTipRole)
        idx = self.run_combo.findData(current) if current else -1
        self.run_combo.setCurrentIndex(idx if idx >= 0 else (0 if runs else -1))
        self.run_combo.blockSignals(False)
        self._fill_steps(keep=step if idx >= 0 else None)
        if not runs:
            self.model_label.setText(self.tr("No run has a checkpoint yet: train one first."))

    def select_run(self, path: str, step: int | None = None) -> bool:
        idx = self.run_combo.findData(str(path))
        if idx < 0:
            return False
        self.run_combo.setCurrentIndex(idx)
        if step is not None:
            j = self.step_combo.findData(step)
            if j >= 0:
                self.step_combo.setCurrentIndex(j)
        return True

    def run_path(self) -> str | None:
        return self.run_combo.currentData()

    def run_label(self) -> str:
        return self.run_combo.currentText()

    def step(self) -> int | None:
        return self.step_combo.currentData()

    def steps(self) -> list[int]:
        for path, _label, steps in self._runs:
            if path == self.run_path():
                return steps
        return []

    def _fill_steps(self, keep: int | None) -> None:
        steps = self.steps()
        self.step_combo.blockSignals(True)
        self.step_combo.clear()
        for s in reversed(steps):
            self.step_combo.addItem((self.tr("step {0:,} (latest)") if s == steps[-1] else self.tr("step {0:,}")).format(s), s)
        j = self.step_combo.findData(keep) if keep is not None else -1
        self.step_combo.setCurrentIndex(j if j >= 0 else (0 if steps else -1))
        self.step_combo.blockSignals(False)
        self._on_step_changed()

    def _on_run_changed(self, _i: int) -> None:
        self._fill_steps(keep=None)

    def _on_step_changed(self, _i: int = 0) -> None:
        self.source_changed.emit()
        if self.isVisibleTo(self.window()) or self.name == "primary":
            self.ensure_model()

    def source(self) -> tuple[str, int] | None:
        path, step = self.run_path(), self.step()
        return (path, step) if path is not None and step is not None else None

    def source_text(self) -> str:
        return self.tr("{0} · step {1:,}").format(self.run_label(), self.step()) if self.source() else ""

    def model(self) -> TrainedModel | None:
        return self.controller.model(self.source())

    def ensure_model(self) -> TrainedModel | None:
        """The picked model, starting its load if needed (``model_ready`` follows)."""
        src = self.source()
        if src is None:
            return None
        tm = self.controller.request_model(src)
        if tm is None:
            self.model_label.setText(self.tr("Loading {0} at step {1:,}…").format(self.run_label(), src[1]))
        else:
            self._describe(tm)
        return tm

    def _describe(self, tm: TrainedModel) -> None:
        m, tok = tm.config.model, tm.tokenizer
        kind = {"char": self.tr("characters"), "bpe": "BPE", "unigram": "Unigram"}.get(tok.kind, tok.kind)
        self.model_label.setText(self.tr("{0} layers · {1} heads · width {2} · context {3} · {4}, {5} tokens").format(m.n_layer, m.n_head, m.n_embd, m.block_size, kind, human_count(tok.vocab_size)))

    @Slot(str, int, object)
    def _on_model_loaded(self, path: str, step: int, tm: TrainedModel) -> None:
        if self.source() != (path, step):
            return
        self._describe(tm)
        self.model_ready.emit()

    @Slot(str, int, str)
    def _on_model_failed(self, path: str, step: int, msg: str) -> None:
        if self.source() != (path, step):
            return
        self.model_label.setText(self.tr("The model could not be loaded."))
        self.show_problem(msg)

    # -- generating -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.controller.busy(self.name)

    def start(self, prompt: str, options: SamplingOptions) -> bool:
        """Generate a new root branch from ``prompt`` (waits for the model if it is loading)."""
        self.show_problem("")
        src = self.source()
        if src is None:
            self.show_problem(self.tr("Pick a run with a checkpoint first."))
            return False
        if self.model() is None:
            self.model_label.setText(self.tr("Loading {0} at step {1:,}…").format(self.run_label(), src[1]))
        return self.controller.generate(self.name, src, self.source_text(), prompt, options)

    def fork(self, k: int, alt_id: int, options: SamplingOptions, alt_prob: float | None = None) -> bool:
        """Branch the shown branch at token ``k`` with ``alt_id`` and continue generating from there.

        ``alt_prob``: the model's probability of ``alt_id`` there (default: from token ``k``'s alternatives).
        """
        if self._shown is None or self.busy:
            return False
        self.show_problem("")
        return self.controller.fork(self.name, self._shown, k, alt_id, options, alt_prob)

    def stop(self) -> None:
        """Stop after the current token (the branch keeps what was generated)."""
        self.controller.stop(self.name)

    def _generating(self) -> int | None:
        return self.controller.panes[self.name].generating

    @Slot(str, int)
    def _on_branch_added(self, pane: str, index: int) -> None:
        if pane == self.name:
            self._refresh_branch_combo(select=index)

    @Slot(str, int, object)
    def _on_tokens(self, pane: str, index: int, tokens: list) -> None:
        if pane != self.name:
            return
        if self._shown == index:
            self.view.append_tokens(tokens)
        self._update_stats()

    @Slot(str, int, str)
    def _on_tail(self, pane: str, index: int, tail: str) -> None:
        if pane == self.name and self._shown == index:
            self.view.append_tail(tail)

    @Slot(str, str)
    def _on_failed(self, pane: str, msg: str) -> None:
        if pane == self.name:
            self.show_problem(msg)

    @Slot(str)
    def _on_finished(self, pane: str) -> None:
        if pane == self.name:
            self._update_stats()
            self.generation_finished.emit()

    @Slot(str, bool)
    def _on_busy(self, pane: str, busy: bool) -> None:
        if pane == self.name:
            self._update_buttons()
            self.busy_changed.emit(busy)

    # -- branches ------------------------------------------------------------------------------------
    def current_branch(self) -> Branch | None:
        return self.tree[self._shown] if self._shown is not None else None

    @property
    def shown_index(self) -> int | None:
        return self._shown

    def show_branch(self, index: int) -> None:
        self._refresh_branch_combo(select=index)

    def _refresh_branch_combo(self, select: int) -> None:
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        for i in range(len(self.tree)):
            self.branch_combo.addItem(self.tree.label(i), i)
        self.branch_combo.setCurrentIndex(select)
        self.branch_combo.blockSignals(False)
        self.branch_combo.setEnabled(len(self.tree) > 1)
        self._show(select)

    def _on_branch_combo(self, i: int) -> None:
        if i >= 0:
            self._show(i)

    def _show(self, index: int) -> None:
        self._shown = index
        b = self.tree[index]
        self.view.show_branch(b.prompt, b.tokens, b.tail, b.forced, b.model.tokenizer if b.model else None)
        self._update_stats()
        self._update_buttons()
        self.branch_shown.emit()

    def _update_stats(self) -> None:
        b = self.current_branch()
        if b is None:
            self.stats.setText("")
            return
        n = len(b.tokens)
        parts = [(self.tr("{0:,} token") if n == 1 else self.tr("{0:,} tokens")).format(n)]
        if b.parent is not None:
            parts[0] += self.tr(" ({0:,} new)").format(b.generated)
        if b.elapsed > 0 and b.generated:
            parts.append(self.tr("{0:,.0f} tok/s").format(b.generated / b.elapsed))
        if b.seed is not None:
            parts.append(self.tr("seed {0}").format(b.seed))
        if b.finish_reason:
            parts.append(QCoreApplication.translate("panels.playground.pane", FINISH_WORDS.get(b.finish_reason, b.finish_reason)))
        elif self._generating() == self._shown:
            parts.append(self.tr("generating…"))
        self.stats.setText(" · ".join(parts))

    def _update_buttons(self) -> None:
        has = self.current_branch() is not None
        self.copy_button.setEnabled(has)
        self.save_button.setEnabled(has)

    # -- copy and save ------------------------------------------------------------------------------------
    def text(self) -> str:
        b = self.current_branch()
        return b.text if b is not None else ""

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def save_text(self) -> None:
        path = self._ask_save_path()
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        try:
            Path(path).write_text(self.text(), encoding="utf-8", newline="")
        except OSError as e:
            self.show_problem(self.tr("Could not save {0}: {1}.").format(path, e.strerror or e))
            return False
        return True

    def _ask_save_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the text"), str(Path.home() / "generated.txt"),
                                              self.tr("Text files (*.txt);;All files (*)"))
        return path

    def show_problem(self, text: str) -> None:
        self.message.show_message(text)
        if text:
            self.problem.emit(text)
