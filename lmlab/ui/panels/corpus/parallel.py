"""The Corpus dock of an encoder-decoder: the sentence pairs a translator learns from.

When the Model panel's kind is *encoder-decoder*, the Corpus dock shows this panel instead of the
text corpus (``CorpusStack``): pick an embedded task and its direction (digits → Chinese numerals,
dates → ISO, ...) or open parallel files (TSV ``source<TAB>target``, JSONL ``{"source", "target"}``,
or two aligned files; drop them here too), and the tokenizer: shared by both sides or one per side.
What the pairs hold is shown under the choice, tokenised as the run will be: pairs for training and
held out, each side's tokens and lengths in tokens, a few examples; pairs that cannot be used get
their sentence (file and line, or a sentence longer than the context) at the field. A view of
``ParallelDataController``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.seq2seq.tasks import DIRECTIONS
from ....core.units import human_count
from ...controllers.parallel import DEFAULT_DIRECTION, ParallelDataController, ParallelState
from ...resources import with_cjk_fallback
from ...session import Session
from ..common import CompactSpinBox, MessageLabel, compact_combo, guard_wheel, hint_label, name_widget
from .panel import TOKENIZERS, CorpusPanel, paths_from_mime

WRITING_NAMES = {  # translated where shown
    "digits": QT_TRANSLATE_NOOP("ParallelPanel", "digits (1234)"),
    "zh": QT_TRANSLATE_NOOP("ParallelPanel", "Chinese numerals (一千二百三十四)"),
    "en": QT_TRANSLATE_NOOP("ParallelPanel", "English words (one thousand…)"),
    "dates": QT_TRANSLATE_NOOP("ParallelPanel", "written dates"),
    "iso": QT_TRANSLATE_NOOP("ParallelPanel", "ISO dates"),
}
FILES = "files"  # the task combo's entry for parallel files


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParallelPanel", text)


def direction_label(direction: str) -> str:
    """"digits->zh" -> "digits (1234) → Chinese numerals (一千二百三十四)"."""
    src, tgt = direction.split("->")
    return _tr("{0} → {1}").format(_tr(WRITING_NAMES[src]), _tr(WRITING_NAMES[tgt]))


class ParallelPanel(QWidget):
    def __init__(self, session: Session, data: ParallelDataController, parent=None):
        super().__init__(parent)
        self.session, self.data = session, data
        name_widget(self, "parallelPanel", self.tr("Sentence pairs"))
        self.setAcceptDrops(True)
        intro = hint_label(self.tr("An encoder-decoder learns from sentence pairs: pick a generated task, or open a "
                                   "TSV / JSONL file of pairs, or two aligned files (drop them here)."))
        self.task_combo = name_widget(QComboBox(), "translationTaskCombo", self.tr("Translation task"),
                                      self.tr("What to translate into what: a generated task that needs no "
                                              "files, or your own parallel files"))
        for d in DIRECTIONS:
            self.task_combo.addItem(direction_label(d), d)
        self.task_combo.addItem(self.tr("my own files…"), FILES)
        self.task_combo.setFont(with_cjk_fallback(self.task_combo.font()))
        compact_combo(self.task_combo, 18)
        self.open_btn = name_widget(QPushButton(self.tr("Open pairs…")), "openPairsButton",
                                    self.tr("Open parallel files"),
                                    self.tr("One TSV or JSONL file of pairs, or two aligned files (source first)"))
        self.tokenizer_combo = name_widget(QComboBox(), "pairsTokenizerCombo", self.tr("Tokenizer"),
                                           self.tr("One vocabulary for both sides, learned from the training pairs"))
        for kind, label in TOKENIZERS:
            self.tokenizer_combo.addItem(QCoreApplication.translate("panels.corpus.panel", label), kind)
        compact_combo(self.tokenizer_combo, 12)
        self.vocab_spin = name_widget(CompactSpinBox(), "pairsVocabSpin", self.tr("Vocabulary size"))
        self.vocab_spin.setRange(1, 1_000_000)
        self.vocab_spin.setSingleStep(256)
        self.shared_check = name_widget(QCheckBox(self.tr("One vocabulary for both sides")), "sharedVocabCheck",
                                        self.tr("Shared vocabulary"),
                                        self.tr("On: one tokenizer learns both languages (digits and names are "
                                                "shared). Off: one per side, so neither crowds out the other."))
        self.vocab_label = hint_label(object_name="pairsVocabulary")
        guard_wheel(self.task_combo, self.tokenizer_combo, self.vocab_spin)
        self.title = QLabel()
        self.title.setObjectName("pairsTitle")
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.title.setFont(with_cjk_fallback(self.title.font()))
        self.error = MessageLabel("pairsError")

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Task"), self.task_combo)
        form.addRow("", self.open_btn)
        tok_row = QHBoxLayout()
        tok_row.addWidget(self.tokenizer_combo, 1)
        tok_row.addWidget(self.vocab_spin)
        form.addRow(self.tr("Tokenizer"), tok_row)
        form.addRow("", self.shared_check)

        # Each side's statistics: pairs, characters, length percentiles (in characters).
        self.stats = QGridLayout()
        self.stats.setHorizontalSpacing(10)
        self.stats.setVerticalSpacing(2)
        self.stat_labels: dict[tuple[str, str], QLabel] = {}
        heads = (self.tr("source"), self.tr("target"))
        for c, head in enumerate(heads, 1):
            h = QLabel(head)
            h.setProperty("role", "heading")
            self.stats.addWidget(h, 0, c, Qt.AlignmentFlag.AlignRight)
        rows = (("tokens", self.tr("Tokens")), ("p50", self.tr("Median length")),
                ("p90", self.tr("90th percentile")), ("max", self.tr("Longest")))
        for r, (key, label) in enumerate(rows, 1):
            self.stats.addWidget(QLabel(label), r, 0)
            for c, side in enumerate(("source", "target"), 1):
                value = QLabel("–")
                value.setObjectName(f"pairsStat_{side}_{key}")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.stats.addWidget(value, r, c)
                self.stat_labels[(side, key)] = value
        self.stats.setColumnStretch(0, 1)
        self.examples = name_widget(QTreeWidget(), "pairsExamples", self.tr("Example pairs"),
                                    self.tr("The first training pairs"))
        self.examples.setHeaderLabels([self.tr("source"), self.tr("target")])
        self.examples.setRootIsDecorated(False)
        self.examples.setFont(with_cjk_fallback(self.examples.font()))
        self.examples.setMinimumHeight(80)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addLayout(self.stats)
        layout.addWidget(self.vocab_label)
        layout.addWidget(self.examples, 1)

        self.task_combo.activated.connect(self._task_chosen)
        self.open_btn.clicked.connect(self.open_files_dialog)
        self.tokenizer_combo.activated.connect(
            lambda i: session.update(data={"tokenizer": self.tokenizer_combo.itemData(i)}))
        self.vocab_spin.valueChanged.connect(lambda v: session.update(data={"vocab_size": int(v)}))
        self.shared_check.toggled.connect(lambda on: session.update(data={"shared_vocab": bool(on)}))
        session.configChanged.connect(self.show_config)
        data.stateChanged.connect(self.show_state)
        self.show_config(session.config)
        self.show_state(data.state)

    # -- user actions -----------------------------------------------------------------------
    def _task_chosen(self, index: int) -> None:
        choice = self.task_combo.itemData(index)
        if choice == FILES:
            self.open_files_dialog()
        else:
            self.data.use_task(choice)

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open sentence pairs"), "",
                                                self.tr("Pairs (*.tsv *.jsonl *.txt);;All files (*)"))
        if files:
            self.data.open_files(files)
        else:
            self.show_state(self.data.state)  # the combo goes back to what is in use

    def dragEnterEvent(self, ev) -> None:  # noqa: N802
        if paths_from_mime(ev.mimeData()):
            ev.acceptProposedAction()

    def dropEvent(self, ev) -> None:  # noqa: N802
        paths = paths_from_mime(ev.mimeData())
        if paths:
            ev.acceptProposedAction()
            self.data.open_files(paths)

    # -- rendering --------------------------------------------------------------------------
    def show_config(self, cfg) -> None:
        d = cfg.data
        self.tokenizer_combo.setCurrentIndex(max(0, self.tokenizer_combo.findData(d.tokenizer)))
        self.vocab_spin.blockSignals(True)
        self.vocab_spin.setValue(d.vocab_size)
        self.vocab_spin.blockSignals(False)
        self.vocab_spin.setEnabled(d.tokenizer != "char")
        self.shared_check.blockSignals(True)
        self.shared_check.setChecked(d.shared_vocab)
        self.shared_check.blockSignals(False)

    def show_state(self, st: ParallelState) -> None:
        i = self.task_combo.findData(st.direction or (FILES if st.source else DEFAULT_DIRECTION))
        self.task_combo.setCurrentIndex(max(0, i))
        self.error.show_message(st.error)
        scan = st.scan if st.ready else None
        if st.checking:
            self.title.setText(self.tr("Reading and tokenising the pairs…"))
        elif scan is not None:
            what = direction_label(st.direction) if st.direction else scan.label
            self.title.setText(self.tr("{0}: {1:,} pairs to train on, {2:,} held out").format(
                what, st.pairs("train"), st.pairs("val")))
        else:
            self.title.setText("" if st.error else self.tr("No pairs chosen yet."))
        for (side, key), label in self.stat_labels.items():
            v = scan.stats["train"][side][key] if scan is not None else None
            label.setText("–" if v is None else human_count(v) if key == "tokens" else f"{v:g}")
        self.vocab_label.setText("" if scan is None else (
            self.tr("Vocabulary: {0:,} tokens, shared by both sides (lengths in tokens, training pairs)")
            if scan.shared else self.tr("Vocabulary: {0:,} tokens, one tokenizer per side (lengths in tokens, "
                                        "training pairs)")).format(scan.vocab_size))
        self.examples.clear()
        for src, tgt in (scan.preview if scan is not None else ()):
            self.examples.addTopLevelItem(QTreeWidgetItem([src, tgt]))


class CorpusStack(QStackedWidget):
    """The Corpus dock's content: the text corpus, or the sentence pairs of an encoder-decoder."""

    def __init__(self, session: Session, corpus: CorpusPanel, data: ParallelDataController, parent=None):
        super().__init__(parent)
        self.setObjectName("corpusStack")
        self.corpus = corpus
        self.pairs = ParallelPanel(session, data)
        self.addWidget(corpus)
        self.addWidget(self.pairs)
        session.configChanged.connect(self.show_config)
        self.show_config(session.config)

    def show_config(self, cfg) -> None:
        pairs = cfg.model.arch == "encdec"
        self.setCurrentWidget(self.pairs if pairs else self.corpus)
        if pairs and not self.pairs.data.state.source:
            self.pairs.data.use_task(DEFAULT_DIRECTION)  # something that trains offline, at once
