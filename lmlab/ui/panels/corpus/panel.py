"""Corpus panel: choose the text (drop, open, or the default Shakespeare), see what is in it,
choose and try the tokenizer.

A view of ``Session.corpus_state``: a drop or a dialog becomes a list of paths handed
to ``Session.open_corpus``; the panel reads no file itself. Scanning and tokenizer
training run in the session's workers; this panel only renders their progress.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core.units import human_count
from ....core.corpus import TEXT_SUFFIXES
from ...resources import monospace_font
from ...session import CorpusState, Session
from .cleaning import CleaningTab
from .tokenizer_lab import TokenizerLabTab
from ..common import CompactSpinBox, MessageLabel, compact_combo, guard_wheel, hint_label, mark_invalid, name_widget
from ...i18n import core_text, error_text

TOKENIZERS = (("char", QT_TRANSLATE_NOOP("panels.corpus.panel", "Characters")), ("bpe", QT_TRANSLATE_NOOP("panels.corpus.panel", "BPE (byte-level)")), ("unigram", QT_TRANSLATE_NOOP("panels.corpus.panel", "Unigram (byte-level)")))
STAGES = {
    "training": QT_TRANSLATE_NOOP("panels.corpus.panel", "Training the tokenizer"),
    "merging": QT_TRANSLATE_NOOP("panels.corpus.panel", "Learning the vocabulary"),
    "counting": QT_TRANSLATE_NOOP("panels.corpus.panel", "Counting tokens"),
}


def paths_from_mime(mime) -> list[str]:
    """Local file/folder paths of a drag's URLs ([] if none are local files)."""
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def _scrolled(tab: QWidget) -> QScrollArea:
    """``tab`` in a scroll area: a short dock scrolls the tab instead of squeezing it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(tab)
    return scroll


class DropZone(QFrame):
    """The dashed target; the whole panel (and the main window) accept drops too."""

    def __init__(self, parent=None):
        super().__init__(parent)
        name_widget(self, "corpusDropZone", self.tr("Corpus drop target"),
                    self.tr("Drop text files or folders here to use them as the corpus."))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_dragging(self, on: bool) -> None:
        self.setProperty("dragging", on)
        self.style().unpolish(self)
        self.style().polish(self)


class CorpusPanel(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        name_widget(self, "corpusPanel", self.tr("Corpus panel"))
        self.setAcceptDrops(True)

        # 1. Where the text comes from.
        self.drop_zone = DropZone()
        dz = QVBoxLayout(self.drop_zone)
        dz.setContentsMargins(10, 8, 10, 8)
        dz.setSpacing(6)
        hint = QLabel(self.tr("Drop text files or folders here (.txt, .md, .jsonl)"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        dz.addWidget(hint)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.open_files_btn = name_widget(QPushButton(self.tr("Open files…")), "openFilesButton", self.tr("Open corpus files"))
        self.open_folder_btn = name_widget(QPushButton(self.tr("Open folder…")), "openFolderButton", self.tr("Open a corpus folder"))
        self.default_btn = name_widget(
            QPushButton(self.tr("Shakespeare")), "defaultCorpusButton", self.tr("Use default corpus (Shakespeare)"),
            self.tr("Use the default corpus: Shakespeare's plays."),
        )
        for b in (self.open_files_btn, self.open_folder_btn, self.default_btn):
            buttons.addWidget(b)
        dz.addLayout(buttons)

        self.title = QLabel()
        self.title.setObjectName("corpusTitle")
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scan_progress = name_widget(QProgressBar(), "corpusScanProgress", self.tr("Corpus reading progress"))
        self.scan_progress.setRange(0, 1000)
        self.scan_progress.setFormat(self.tr("Reading… %p%"))
        self.scan_progress.hide()
        self.error = MessageLabel("corpusError")

        # 2. What is in it.
        stats = QGridLayout()
        stats.setHorizontalSpacing(12)
        stats.setVerticalSpacing(2)
        self._stat_values: dict[str, QLabel] = {}
        rows = (("characters", self.tr("Characters")), ("distinct", self.tr("Distinct characters")), ("documents", self.tr("Documents")),
                ("lines", self.tr("Lines")), ("tokens", self.tr("Tokens")))
        for i, (key, label) in enumerate(rows):
            value = QLabel("–")
            value.setObjectName(f"corpusStat_{key}")
            value.setAccessibleName(label)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            r, c = divmod(i, 2)
            stats.addWidget(QLabel(label), r, c * 2)
            stats.addWidget(value, r, c * 2 + 1)
            self._stat_values[key] = value
        stats.setColumnStretch(1, 1)
        stats.setColumnStretch(3, 1)

        # 3. Tokenizer.
        self.tokenizer_combo = name_widget(QComboBox(), "tokenizerCombo", self.tr("Tokenizer"),
                                           self.tr("How text becomes tokens: one per character, or learned subwords."))
        for kind, label in TOKENIZERS:
            self.tokenizer_combo.addItem(QCoreApplication.translate("panels.corpus.panel", label), kind)
        compact_combo(self.tokenizer_combo, 12)
        self.vocab_spin = name_widget(CompactSpinBox(), "vocabSizeSpin", self.tr("Vocabulary size"),
                                      self.tr("How many subword tokens BPE or Unigram learns (256 of them are bytes)."))
        self.vocab_spin.setRange(1, 1_000_000)
        self.vocab_spin.setSingleStep(256)
        self.vocab_spin.setGroupSeparatorShown(True)
        self.train_tok_btn = name_widget(QPushButton(self.tr("Train tokenizer")), "trainTokenizerButton", self.tr("Train tokenizer"),
                                         self.tr("Learn the subword vocabulary now and count the corpus's tokens."))
        self.cancel_tok_btn = name_widget(QPushButton(self.tr("Cancel")), "cancelTokenizerButton", self.tr("Cancel tokenizer training"))
        self.cancel_tok_btn.hide()
        self.tok_progress = name_widget(QProgressBar(), "tokenizerProgress", self.tr("Tokenizer training progress"))
        self.tok_progress.setRange(0, 1000)
        self.tok_progress.hide()
        self.vocab_error = MessageLabel("vocabSizeError")
        self.tok_info = hint_label(object_name="tokenizerInfo")
        guard_wheel(self.tokenizer_combo, self.vocab_spin)

        tok_form = QFormLayout()
        tok_form.setContentsMargins(0, 0, 0, 0)
        tok_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        tok_form.addRow(self.tr("Tokenizer"), self.tokenizer_combo)
        vocab_row = QHBoxLayout()
        vocab_row.addWidget(self.vocab_spin, 1)
        vocab_row.addWidget(self.train_tok_btn)
        vocab_row.addWidget(self.cancel_tok_btn)
        tok_form.addRow(self.tr("Vocabulary"), vocab_row)

        # 4. A look at the text.
        self.preview = name_widget(QPlainTextEdit(), "corpusPreview", self.tr("Corpus preview"),
                                   self.tr("The first few thousand characters of the corpus."))
        self.preview.setReadOnly(True)
        self.preview.setFont(monospace_font())
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.preview.setMinimumHeight(60)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.title)
        layout.addWidget(self.scan_progress)
        layout.addWidget(self.error)
        layout.addLayout(stats)
        layout.addSpacing(2)
        layout.addLayout(tok_form)
        layout.addWidget(self.vocab_error)
        layout.addWidget(self.tok_progress)
        layout.addWidget(self.tok_info)
        self.tabs = name_widget(QTabWidget(), "corpusTabs", self.tr("Corpus text and cleaning"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.preview, self.tr("Text"))
        self.cleaning = CleaningTab(session)
        self.tabs.addTab(_scrolled(self.cleaning), self.tr("Cleaning"))
        self.lab = TokenizerLabTab(session)
        self.tabs.addTab(_scrolled(self.lab), self.tr("Tokenizer lab"))
        layout.addWidget(self.tabs, 1)

        self.open_files_btn.clicked.connect(self.open_files_dialog)
        self.open_folder_btn.clicked.connect(self.open_folder_dialog)
        self.default_btn.clicked.connect(session.use_default_corpus)
        self.tokenizer_combo.currentIndexChanged.connect(self._tokenizer_edited)
        self.vocab_spin.valueChanged.connect(lambda v: session.update(data={"vocab_size": int(v)}))
        self.train_tok_btn.clicked.connect(session.train_tokenizer)
        self.cancel_tok_btn.clicked.connect(session.cancel_tokenizer)
        session.corpusChanged.connect(self.show_corpus)
        session.configChanged.connect(self.show_config)
        session.problemsChanged.connect(self.show_problems)
        self.show_config(session.config)
        self.show_corpus(session.corpus_state)
        self.show_problems(session.problems())

    # -- user actions -----------------------------------------------------------------------
    def open_files_dialog(self) -> None:
        exts = " ".join(f"*{e}" for e in TEXT_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open corpus files"), "", self.tr("Text ({0});;All files (*)").format(exts))
        if files:
            self.session.open_corpus(files)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a corpus folder"))
        if folder:
            self.session.open_corpus([folder])

    def show_cleaning(self) -> None:
        """Bring the Cleaning tab to the front."""
        self.tabs.setCurrentIndex(1)

    def show_tokenizer_lab(self) -> None:
        """Bring the Tokenizer lab tab to the front."""
        self.tabs.setCurrentIndex(2)

    def _tokenizer_edited(self) -> None:
        self.session.update(data={"tokenizer": self.tokenizer_combo.currentData()})

    def dragEnterEvent(self, ev: QDragEnterEvent) -> None:  # noqa: N802
        if paths_from_mime(ev.mimeData()):
            ev.acceptProposedAction()
            self.drop_zone.set_dragging(True)
        else:
            ev.ignore()

    def dragLeaveEvent(self, ev) -> None:  # noqa: N802
        self.drop_zone.set_dragging(False)
        super().dragLeaveEvent(ev)

    def dropEvent(self, ev: QDropEvent) -> None:  # noqa: N802
        self.drop_zone.set_dragging(False)
        paths = paths_from_mime(ev.mimeData())
        if not paths:
            ev.ignore()
            return
        ev.acceptProposedAction()
        self.session.open_corpus(paths)

    # -- rendering --------------------------------------------------------------------------
    def show_config(self, cfg) -> None:
        d = cfg.data
        idx = self.tokenizer_combo.findData(d.tokenizer)
        self.tokenizer_combo.blockSignals(True)
        self.tokenizer_combo.setCurrentIndex(max(0, idx))
        self.tokenizer_combo.blockSignals(False)
        self.vocab_spin.blockSignals(True)
        self.vocab_spin.setValue(d.vocab_size)
        self.vocab_spin.blockSignals(False)
        self.vocab_spin.setEnabled(d.tokenizer != "char")
        self._update_tokenizer_controls(self.session.corpus_state)

    def show_problems(self, problems) -> None:
        vocab = [e for e in problems if e.field in ("vocab_size", "tokenizer", "val_fraction", "unk_policy")]
        mark_invalid(self.vocab_spin, any(e.field == "vocab_size" for e in vocab))
        self.vocab_error.show_message(" ".join(error_text(e) for e in vocab))

    def show_corpus(self, st: CorpusState) -> None:
        if st.label:
            self.title.setText(core_text(st.label) + (" " + self.tr("(cleaned: {spec})").format(spec=st.cleaning)
                                           if st.cleaning else ""))
            self.title.setToolTip("\n".join(st.sources) or self.tr("The embedded default corpus"))
        else:
            self.title.setText(self.tr("No corpus yet"))
        self.scan_progress.setVisible(st.scanning)
        self.scan_progress.setValue(int(st.scan_fraction * 1000))
        self.error.show_message(st.error)
        s = st.stats
        values = {
            "characters": human_count(s.characters) if s else "–",
            "distinct": f"{s.distinct_characters:,}" if s else "–",
            "documents": f"{s.documents:,}" if s else "–",
            "lines": human_count(s.lines) if s else "–",
            "tokens": human_count(st.tokens) if st.tokens is not None else (self.tr("not yet counted") if s else "–"),
        }
        for key, text in values.items():
            self._stat_values[key].setText(text)
        if s:
            self._stat_values["characters"].setToolTip(self.tr("{0:,} characters, {1:,} bytes").format(s.characters, s.bytes_read))
        if self.preview.toPlainText() != st.preview:
            self.preview.setPlainText(st.preview)
        self._update_tokenizer_controls(st)

    def _update_tokenizer_controls(self, st: CorpusState) -> None:
        cfg = self.session.config
        char = cfg.data.tokenizer == "char"
        self.train_tok_btn.setVisible(not st.tokenizing)
        self.cancel_tok_btn.setVisible(st.tokenizing)
        self.train_tok_btn.setEnabled(not char and st.loaded and not st.scanning)
        self.tokenizer_combo.setEnabled(not st.tokenizing)
        self.vocab_spin.setEnabled(not char and not st.tokenizing)
        self.tok_progress.setVisible(st.tokenizing)
        if st.tokenizing:
            if st.tokenizer_fraction < 0:
                self.tok_progress.setRange(0, 0)  # busy
            else:
                self.tok_progress.setRange(0, 1000)
                self.tok_progress.setValue(int(st.tokenizer_fraction * 1000))
            self.tok_progress.setFormat(self.tr("{0}… %p%").format(QCoreApplication.translate("panels.corpus.panel", STAGES.get(st.tokenizer_stage, st.tokenizer_stage))))
        if char:
            info = self.tr("One token per distinct character (plus one for characters never seen).")
        elif st.tokens is not None and st.stats:
            ratio = st.stats.characters / max(1, st.tokens)
            info = self.tr("{0:,} tokens learned; {1:.2f} characters per token.").format(st.token_vocab, ratio)
        else:
            info = self.tr("Learned from the corpus when the run starts, or now with Train tokenizer.")
        if st.tokenizer_file and not char:
            info += " " + self.tr("New runs on this corpus use this tokenizer as it is.")
        self.tok_info.setText(info)
