"""The plan form of the Scaling panel: model sizes, token or compute budgets, base settings.

Sizes are target parameter counts (``shape_for_params`` turns each into a shape) or explicit
shapes ``layers x width``; budgets are tokens per run (every size on every budget) or compute
budgets (IsoFLOP: each size gets D = C / 6N tokens). The table under the form lists every
planned run with its shape, N, D, C and steps, so the user sees what will run before it does.

The form holds the base configuration it was given (``set_base``) and edits only the fields it
shows (context, batch, learning rate, tokenizer, corpus); ``plan()`` returns the base and the
points, or raises ``ValueError`` / ``ConfigError`` with a sentence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.units import format_number
from ....core.config import ModelConfig, RunConfig, check
from ....core.derive import min_lr_for
from ....core.errors import ConfigError
from ....core.model import model_size
from ....core.sweep import (
    DEFAULT_CPU_SIZES,
    Sweep,
    SweepPoint,
    default_cpu_base,
    default_cpu_sweep,
    plan_isoflop,
    plan_sizes_by_tokens,
    point_config,
    shape_for_params,
)
from ..common import CompactSpinBox, MessageLabel, SciSpinBox, compact_combo, guard_wheel, hint_label, name_widget
from ....core.scaling.results import parse_numbers, parse_shapes
from ...i18n import error_text

CHAR_VOCAB_GUESS = 81  # the embedded Shakespeare corpus: 80 characters and the unknown token
PLAN_COLUMNS = (QT_TRANSLATE_NOOP("panels.scaling.plan", "Shape"), "N", QT_TRANSLATE_NOOP("panels.scaling.plan", "N total"), "D", QT_TRANSLATE_NOOP("panels.scaling.plan", "C (FLOPs)"), QT_TRANSLATE_NOOP("panels.scaling.plan", "Steps"))


class SweepPlanForm(QWidget):
    """Sizes × budgets and the base settings; emits ``planChanged`` on every edit."""

    planChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._base = default_cpu_base()
        self._corpus: tuple[str, ...] = ()
        self._vocab = CHAR_VOCAB_GUESS

        self.sizes_mode = name_widget(QComboBox(), "sizesMode", self.tr("How sizes are given"))
        self.sizes_mode.addItem(self.tr("N targets"), "targets")
        self.sizes_mode.addItem(self.tr("Shapes"), "shapes")
        self.sizes_mode.setItemData(0, self.tr("Target non-embedding parameter counts; each becomes the nearest shape"),
                                    Qt.ItemDataRole.ToolTipRole)
        self.sizes_mode.setItemData(1, self.tr("Explicit shapes: layers x width"), Qt.ItemDataRole.ToolTipRole)
        compact_combo(self.sizes_mode, 8)
        self.sizes_edit = name_widget(QLineEdit(), "sizesEdit", self.tr("Model sizes"),
                                      self.tr("Non-embedding parameter counts (2e4, 50k, 1.2M) or shapes (2x64, 4x128)"))
        self.budget_mode = name_widget(QComboBox(), "budgetMode", self.tr("How budgets are given"))
        self.budget_mode.addItem(self.tr("Tokens D"), "tokens")
        self.budget_mode.addItem(self.tr("IsoFLOP C"), "isoflop")
        self.budget_mode.setItemData(0, self.tr("Tokens per run: every size trains on every budget"), Qt.ItemDataRole.ToolTipRole)
        self.budget_mode.setItemData(1, self.tr("Compute budgets: each size gets D = C / 6N tokens"), Qt.ItemDataRole.ToolTipRole)
        compact_combo(self.budget_mode, 8)
        self.budgets_edit = name_widget(QLineEdit(), "budgetsEdit", self.tr("Budgets"),
                                        self.tr("Tokens per run (every size on each), or FLOPs per IsoFLOP group (D = C / 6N)"))

        self.context_spin = name_widget(CompactSpinBox(), "contextSpin", self.tr("Context length"), self.tr("Tokens the model sees at once"))
        self.context_spin.setRange(2, 65536)
        self.batch_spin = name_widget(CompactSpinBox(), "batchSpin", self.tr("Batch size"), self.tr("Sequences per step"))
        self.batch_spin.setRange(1, 4096)
        self.lr_spin = name_widget(SciSpinBox(1e-6, 1.0), "lrSpin", self.tr("Learning rate"), self.tr("Peak learning rate of every run"))
        self.tokenizer_combo = name_widget(QComboBox(), "tokenizerCombo", self.tr("Tokenizer"))
        for kind, label in (("char", self.tr("characters")), ("bpe", self.tr("BPE subwords")), ("unigram", self.tr("Unigram subwords"))):
            self.tokenizer_combo.addItem(label, kind)
        compact_combo(self.tokenizer_combo, 9)
        guard_wheel(self.context_spin, self.batch_spin, self.lr_spin, self.tokenizer_combo, self.sizes_mode,
                    self.budget_mode)

        self.corpus_label = QLabel()
        self.corpus_label.setObjectName("sweepCorpusLabel")
        self.corpus_label.setWordWrap(True)
        self.corpus_button = name_widget(QPushButton(self.tr("Choose…")), "sweepCorpusButton", self.tr("Choose the corpus"),
                                         self.tr("Text files or a folder for every run of the sweep"))
        self.default_corpus_button = name_widget(QPushButton(self.tr("Default")), "sweepDefaultCorpusButton",
                                                 self.tr("Use the embedded corpus"), self.tr("The embedded Shakespeare plays"))
        self.default_button = name_widget(QPushButton(self.tr("Default CPU sweep")), "defaultSweepButton", self.tr("Default CPU sweep"),
                                          self.tr("Five small sizes × three token budgets on Shakespeare: about ten minutes "
                                          "on a 2-core CPU"))

        self.table = name_widget(QTableWidget(0, len(PLAN_COLUMNS)), "planTable", self.tr("Planned runs"))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("panels.scaling.plan", c) for c in PLAN_COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setMinimumHeight(110)
        self.summary = hint_label("", "planSummary")
        self.message = MessageLabel("planMessage")

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        row = QHBoxLayout()
        row.addWidget(self.sizes_mode)
        row.addWidget(self.sizes_edit, 1)
        form.addRow(self.tr("Sizes"), row)
        row = QHBoxLayout()
        row.addWidget(self.budget_mode)
        row.addWidget(self.budgets_edit, 1)
        form.addRow(self.tr("Budgets"), row)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for i, (label, w) in enumerate(((self.tr("Context"), self.context_spin), (self.tr("Batch"), self.batch_spin),
                                        ("LR", self.lr_spin), (self.tr("Tokens"), self.tokenizer_combo))):
            lab = QLabel(label)
            lab.setBuddy(w)
            grid.addWidget(lab, i // 2, (i % 2) * 2)
            grid.addWidget(w, i // 2, (i % 2) * 2 + 1)
        form.addRow(grid)
        row = QHBoxLayout()
        row.addWidget(self.corpus_label, 1)
        row.addWidget(self.corpus_button)
        row.addWidget(self.default_corpus_button)
        form.addRow(self.tr("Corpus"), row)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addLayout(form)
        lay.addWidget(self.default_button)
        lay.addWidget(self.message)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)

        for w in (self.sizes_edit, self.budgets_edit):
            w.textChanged.connect(self._changed)
        for w in (self.sizes_mode, self.budget_mode, self.tokenizer_combo):
            w.currentIndexChanged.connect(self._mode_changed)
        for w in (self.context_spin, self.batch_spin):
            w.valueChanged.connect(self._changed)
        self.lr_spin.valueChanged.connect(self._changed)
        self.corpus_button.clicked.connect(self.choose_corpus)
        self.default_corpus_button.clicked.connect(lambda: self.set_corpus([]))
        self.default_button.clicked.connect(self.apply_default_sweep)
        self.apply_default_sweep()

    # -- state in and out -------------------------------------------------------------------------
    def set_base(self, cfg: RunConfig) -> None:
        """Start from ``cfg`` (its hidden settings, e.g. evaluation, are kept) and show its fields."""
        self._base = cfg
        self._corpus = tuple(cfg.corpus)
        widgets = (self.context_spin, self.batch_spin, self.lr_spin, self.tokenizer_combo)
        for w in widgets:
            w.blockSignals(True)
        self.context_spin.setValue(cfg.model.block_size)
        self.batch_spin.setValue(cfg.train.batch_size)
        self.lr_spin.setValue(cfg.train.learning_rate)
        self.tokenizer_combo.setCurrentIndex(max(0, self.tokenizer_combo.findData(cfg.data.tokenizer)))
        for w in widgets:
            w.blockSignals(False)
        self._show_corpus()
        self._changed()

    def set_corpus(self, paths) -> None:
        self._corpus = tuple(str(p) for p in paths)
        self._show_corpus()
        self._changed()

    def set_vocab_size(self, vocab: int) -> None:
        """The vocabulary once known (from a prepared sweep), for the total parameter counts."""
        self._vocab = max(1, int(vocab))
        self._changed()

    def set_sizes(self, text: str, mode: str = "targets") -> None:
        self.sizes_mode.setCurrentIndex(self.sizes_mode.findData(mode))
        self.sizes_edit.setText(text)

    def set_budgets(self, text: str, mode: str = "tokens") -> None:
        self.budget_mode.setCurrentIndex(self.budget_mode.findData(mode))
        self.budgets_edit.setText(text)

    def apply_default_sweep(self) -> None:
        """Five small sizes × three token budgets on the embedded corpus (``default_cpu_sweep``)."""
        base = default_cpu_base()
        _, tokens = default_cpu_sweep(base, CHAR_VOCAB_GUESS)
        self.set_base(base)
        self._vocab = CHAR_VOCAB_GUESS
        self.set_sizes(", ".join(format_number(n) for n in DEFAULT_CPU_SIZES), "targets")
        self.set_budgets(", ".join(format_number(t) for t in tokens), "tokens")

    def show_sweep(self, sweep: Sweep) -> None:
        """Show an opened sweep's plan: its base settings, its shapes and its budgets."""
        self.set_base(sweep.base)
        shapes = list(dict.fromkeys((p.n_layer, p.n_embd) for p in sweep.points))
        self.set_sizes(", ".join(f"{a}x{b}" for a, b in shapes), "shapes")
        if any(p.budget > 0 for p in sweep.points):
            budgets = list(dict.fromkeys(p.budget for p in sweep.points))
            self.set_budgets(", ".join(format_number(b) for b in budgets), "isoflop")
        else:
            tokens = list(dict.fromkeys(p.tokens for p in sweep.points))
            self.set_budgets(", ".join(format_number(t, 4) for t in tokens), "tokens")

    def base_config(self) -> RunConfig:
        b = self._base
        d = {"tokenizer": self.tokenizer_combo.currentData()}
        return b.with_changes(
            corpus=list(self._corpus),
            model={"block_size": self.context_spin.value(), "vocab_size": 0},
            data=d,
            train={"batch_size": self.batch_spin.value(), "learning_rate": self.lr_spin.value(),
                   "min_lr": min_lr_for(self.lr_spin.value(), b.train)},
        )

    def vocab_estimate(self) -> int:
        base = self.base_config()
        return self._vocab if base.data.tokenizer == "char" else base.data.vocab_size

    def shapes(self, base: RunConfig | None = None) -> list[ModelConfig]:
        base = base or self.base_config()
        text = self.sizes_edit.text()
        if self.sizes_mode.currentData() == "shapes":
            out = []
            for layers, width in parse_shapes(text):
                heads = max(1, width // 16)
                while width % heads:
                    heads -= 1
                out.append(ModelConfig(n_layer=layers, n_head=heads, n_embd=width, block_size=base.model.block_size))
        else:
            out = [shape_for_params(n, self.vocab_estimate(), base.model.block_size) for n in parse_numbers(text)]
        if not out:
            raise ValueError(self.tr("Give at least one model size."))
        shapes = list(dict.fromkeys(
            ModelConfig(n_layer=m.n_layer, n_head=m.n_head, n_embd=m.n_embd, block_size=m.block_size) for m in out))
        return sorted(shapes, key=lambda m: model_size(m).non_embedding_params)

    def plan(self) -> tuple[RunConfig, list[SweepPoint]]:
        """The base configuration and the planned points; raises ValueError/ConfigError with a sentence."""
        base = check(self.base_config())
        shapes = [m for m in self.shapes(base)]
        budgets = parse_numbers(self.budgets_edit.text())
        if not budgets:
            raise ValueError(self.tr("Give at least one budget."))
        if self.budget_mode.currentData() == "tokens":
            points = plan_sizes_by_tokens(base, shapes, [int(b) for b in budgets])
        else:
            points = plan_isoflop(base, shapes, budgets)
            if not points:
                raise ValueError(self.tr("No size fits these compute budgets (each run needs D ≥ one step and ≥ N/2 "
                                         "tokens): raise the budgets or add smaller sizes."))
        for p in points:
            check(point_config(base, p))
        return base, points

    def refresh(self) -> None:
        """Recompute the plan table (and emit ``planChanged``)."""
        self._changed()

    # -- choosing the corpus -----------------------------------------------------------------------
    def choose_corpus(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose the sweep's corpus"), "",
                                                self.tr("Text (*.txt *.md *.jsonl *.csv);;All files (*)"))
        if files:
            self.set_corpus(files)

    def _show_corpus(self) -> None:
        if not self._corpus:
            text = self.tr("Shakespeare (embedded)")
        elif len(self._corpus) == 1:
            text = Path(self._corpus[0]).name
        else:
            text = self.tr("{0} files").format(len(self._corpus))
        self.corpus_label.setText(text)
        self.corpus_label.setToolTip("\n".join(self._corpus) or text)
        if not self._corpus:
            self._vocab = CHAR_VOCAB_GUESS

    # -- live preview ---------------------------------------------------------------------------------
    def _mode_changed(self, *_):
        targets = self.sizes_mode.currentData() == "targets"
        self.sizes_edit.setPlaceholderText("e.g. 2e4, 5e4, 1.2e5" if targets else "e.g. 1x40, 2x64, 3x96")
        iso = self.budget_mode.currentData() == "isoflop"
        self.budgets_edit.setPlaceholderText(self.tr("FLOPs, e.g. 1e12, 3e12") if iso else self.tr("tokens, e.g. 200k, 600k"))
        self._changed()

    def _changed(self, *_):
        try:
            base, points = self.plan()
        except (ValueError, ConfigError) as e:
            self.message.show_message(error_text(e))
            self.table.setRowCount(0)
            self.summary.setText("")
            self.planChanged.emit()
            return
        self.message.show_message("")
        vocab = self.vocab_estimate()
        self.table.setRowCount(len(points))
        total_c = total_tokens = 0.0
        for i, p in enumerate(points):
            m = p.model(base.model)
            size = model_size(ModelConfig(**{**m.__dict__, "vocab_size": vocab}))
            c = 6.0 * size.non_embedding_params * p.tokens
            total_c += c
            total_tokens += p.tokens
            cells = (f"{p.n_layer}×{p.n_embd}", format_number(size.non_embedding_params),
                     format_number(size.total_params), format_number(p.tokens), format_number(c),
                     f"{point_config(base, p).total_steps:,}")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(self.tr("{0}: {1} layers, width {2}, {3} heads").format(p.name, p.n_layer, p.n_embd, p.n_head))
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.summary.setText(self.tr("{0} runs · {1} tokens · {2} FLOPs (6·N·D) · N total with a vocabulary of {3}").format(len(points), format_number(total_tokens), format_number(total_c), vocab))
        self.planChanged.emit()
