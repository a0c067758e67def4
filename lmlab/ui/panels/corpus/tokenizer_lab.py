"""The Corpus panel's Tokenizer lab tab: char / BPE / Unigram candidates side by side on the corpus.

A view of ``TokenizerLabController.state`` (``session.tokenizer_lab``): the kinds and sizes it
edits go to the controller, *Compare* runs the lab in a worker (progress bar, *Cancel*). Each
candidate is a column of measures with a *Use* button that makes it the run's tokenizer; the
chosen column's cut of a sample passage is drawn below, one background colour per token.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ....core.errors import LmlabError
from ....core.tokenizer_lab import KIND_NAMES, CandidateReport, parse_vocab_sizes
from ....core.units import human_count
from ...i18n import error_text
from ...controllers.tokenizer_lab import TokenizerLabState
from ...resources import with_cjk_fallback
from ..common import MessageLabel, hint_label, mark_invalid, name_widget, set_progress

# Token backgrounds: two that alternate, and one for tokens that cut a character into its bytes.
TOKEN_COLOURS = ("rgba(66,133,244,0.20)", "rgba(251,188,5,0.30)")
SPLIT_STYLE = "background:rgba(217,48,37,0.22);text-decoration:underline;color:#b3261e"


def sample_html(report: CandidateReport) -> str:
    """The sample passage with one background per token (line ends shown as ↵).

    Example: pieces ("To", 1), (" be", 1), ("光", 3) -> three spans, the last marked as cut into bytes.
    """
    spans = []
    k = 0
    for p in report.pieces:
        text = html.escape(p.text.replace("\n", "↵\n"))
        if p.tokens > 1:
            spans.append(f'<span style="{SPLIT_STYLE}">{text}</span>')
            k += p.tokens
        else:
            spans.append(f'<span style="background:{TOKEN_COLOURS[k % 2]}">{text}</span>')
            k += 1
    return f'<p style="white-space:pre-wrap;margin:0;line-height:140%">{"".join(spans)}</p>'


class TokenizerLabTab(QWidget):
    # The measures, one row each (the candidates are the columns).
    ROWS = ("vocab", "tokens", "bytes", "chars", "cjk", "embedding", "sample", "use")

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.controller = session.tokenizer_lab
        name_widget(self, "tokenizerLabTab", self.tr("Tokenizer lab"))

        # 1. What to compare.
        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds_row = QHBoxLayout()
        kinds_row.setSpacing(10)
        kinds_row.addWidget(QLabel(self.tr("Compare")))
        for kind, label in (("char", self.tr("Characters")), ("bpe", self.tr("BPE")),
                            ("unigram", self.tr("Unigram"))):
            box = name_widget(QCheckBox(label), f"labKind_{kind}", self.tr("Compare {kind}").format(kind=label))
            self.kind_boxes[kind] = box
            kinds_row.addWidget(box)
            box.toggled.connect(self._kinds_edited)
        kinds_row.addStretch(1)
        self.sizes_edit = name_widget(QLineEdit(), "labVocabSizes", self.tr("Vocabulary sizes to compare"), self.tr(
            "BPE and Unigram vocabulary sizes, separated by commas (8k = 8192); each kind is trained at each size."))
        self.sizes_edit.editingFinished.connect(self._sizes_edited)
        self.run_btn = name_widget(QPushButton(self.tr("Compare")), "labRunButton", self.tr("Compare tokenizers"),
                                   self.tr("Train every candidate on the corpus (in the background) and measure it."))
        self.cancel_btn = name_widget(QPushButton(self.tr("Cancel")), "labCancelButton",
                                      self.tr("Cancel the tokenizer lab"))
        self.cancel_btn.hide()
        sizes_row = QHBoxLayout()
        sizes_row.addWidget(QLabel(self.tr("Vocabulary sizes")))
        sizes_row.addWidget(self.sizes_edit, 1)
        sizes_row.addWidget(self.run_btn)
        sizes_row.addWidget(self.cancel_btn)
        self.progress = name_widget(QProgressBar(), "labProgress", self.tr("Tokenizer lab progress"))
        self.progress.hide()
        self.message = MessageLabel("labMessage")

        # 2. The candidates side by side.
        self.table = name_widget(QTableWidget(len(self.ROWS), 0), "labTable", self.tr("Tokenizer candidates"),
                                 self.tr("One column per candidate tokenizer; click a column to see how it cuts "
                                         "the sample passage."))
        self.table.setVerticalHeaderLabels([
            self.tr("Vocabulary"), self.tr("Tokens in corpus"), self.tr("Bytes / token"),
            self.tr("Characters / token"), self.tr("Chinese chars as 1 token"), self.tr("Embedding share"),
            self.tr("Sample tokens"), "",
        ])
        tips = (self.tr("The vocabulary the tokenizer reached (a small corpus may stop short of the size asked)."),
                self.tr("Tokens of the whole corpus, counted as a run will encode it."),
                self.tr("UTF-8 bytes of the corpus per token: more means each token carries more text."),
                self.tr("Characters of the corpus per token."),
                self.tr("Of the distinct Chinese characters in the corpus, the share the tokenizer has as one "
                        "token; the rest are cut into 2 or 3 byte tokens."),
                self.tr("The token (and position) embedding's share of the model's parameters, at the shape "
                        "set in the Model panel."),
                self.tr("Tokens of the sample passage below."), "")
        for row, tip in enumerate(tips):
            self.table.verticalHeaderItem(row).setToolTip(tip)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(72)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.currentCellChanged.connect(lambda row, col, *_: self._show_sample(col))

        # 3. How the chosen candidate cuts a sample passage.
        self.sample_title = QLabel()
        self.sample_title.setObjectName("labSampleTitle")
        self.sample_title.setWordWrap(True)
        self.sample = name_widget(QTextBrowser(), "labSample", self.tr("Sample passage with token boundaries"))
        self.sample.setFont(with_cjk_fallback(self.font()))
        self.sample.setMinimumHeight(70)
        self.legend = hint_label(self.tr("Each token has its own background; red underlined: a character cut "
                                         "into byte tokens."), "labLegend")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(6)
        layout.addLayout(kinds_row)
        layout.addLayout(sizes_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addWidget(self.sample_title)
        layout.addWidget(self.sample, 1)
        layout.addWidget(self.legend)

        self.run_btn.clicked.connect(self._run)
        self.cancel_btn.clicked.connect(self.controller.cancel)
        self._shown: tuple[CandidateReport, ...] | None = None
        self.controller.stateChanged.connect(self.show_state)
        session.configChanged.connect(lambda _cfg: self._show_use_buttons())
        session.corpusChanged.connect(lambda st: self.run_btn.setEnabled(st.loaded and not st.scanning))
        self.show_state(self.controller.state)
        self.run_btn.setEnabled(session.corpus_state.loaded)

    # -- user actions -------------------------------------------------------------------------
    def _kinds_edited(self) -> None:
        self.controller.set_kinds([k for k, box in self.kind_boxes.items() if box.isChecked()])

    def _sizes_edited(self) -> None:
        try:
            sizes = parse_vocab_sizes(self.sizes_edit.text())
        except LmlabError as e:
            mark_invalid(self.sizes_edit, True)
            self.message.show_message(error_text(e))
            return
        mark_invalid(self.sizes_edit, False)
        self.message.show_message("")
        self.controller.set_vocab_sizes(sizes)

    def _run(self) -> None:
        self._sizes_edited()
        if not self.sizes_edit.property("invalid"):
            self.controller.run()

    # -- rendering ------------------------------------------------------------------------------
    def show_state(self, st: TokenizerLabState) -> None:
        for kind, box in self.kind_boxes.items():
            box.blockSignals(True)
            box.setChecked(kind in st.kinds)
            box.blockSignals(False)
            box.setEnabled(not st.running)
        text = ", ".join(str(v) for v in st.vocab_sizes)
        if not self.sizes_edit.hasFocus() and self.sizes_edit.text() != text:
            self.sizes_edit.setText(text)
        self.sizes_edit.setEnabled(not st.running)
        self.run_btn.setVisible(not st.running)
        self.cancel_btn.setVisible(st.running)
        self.progress.setVisible(st.running)
        if st.running:
            self._show_progress(st)
        if st.error:
            self.message.show_message(st.error)
        else:
            self.message.show_message(st.message, "info")
        if st.reports is not self._shown:  # progress events leave the table as it is
            self._shown = st.reports
            self._show_reports(st.reports)

    def _show_progress(self, st: TokenizerLabState) -> None:
        p = st.progress
        if p is None:
            set_progress(self.progress, 0, 0, 0, self.tr("Starting…"))
            return
        name = KIND_NAMES[p.kind] if p.kind == "char" else f"{KIND_NAMES[p.kind]} {p.target_vocab:,}"
        stage = {"reading": self.tr("reading the corpus"), "training": self.tr("training"),
                 "merging": self.tr("learning the vocabulary"), "counting": self.tr("counting tokens"),
                 "measuring": self.tr("measuring")}.get(p.stage, p.stage)
        fmt = self.tr("{name} ({i} of {n}): {stage}… %p%").format(name=name, i=p.index + 1, n=p.total, stage=stage)
        set_progress(self.progress, 0, 1000, int(p.overall * 1000), fmt)

    def _show_reports(self, reports: tuple[CandidateReport, ...]) -> None:
        current = self.table.currentColumn()
        self.table.setColumnCount(len(reports))
        for col, r in enumerate(reports):
            head = KIND_NAMES[r.kind] if r.kind == "char" else f"{KIND_NAMES[r.kind]}\n{r.target_vocab:,}"
            self.table.setHorizontalHeaderItem(col, QTableWidgetItem(head))
            reached = f"{r.vocab_size:,}" if r.kind == "char" or r.vocab_size >= r.target_vocab else \
                self.tr("{reached:,} of {asked:,}").format(reached=r.vocab_size, asked=r.target_vocab)
            cjk = "–" if r.cjk_single_share is None else f"{r.cjk_single_share:.0%}"
            cells = (reached, human_count(r.tokens), f"{r.bytes_per_token:.2f}", f"{r.chars_per_token:.2f}", cjk,
                     f"{r.embedding_share:.1%}", f"{r.sample_tokens:,}")
            for row, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row == 4 and r.cjk_single_share is not None:
                    item.setToolTip(self.tr("{n:,} of {total:,} distinct Chinese characters").format(
                        n=r.cjk_single, total=r.cjk_chars))
                if row == 5:
                    item.setToolTip(self.tr("{emb:,} of {total:,} parameters").format(
                        emb=r.embedding_params, total=r.total_params))
                self.table.setItem(row, col, item)
        self._show_use_buttons()
        self._fit_table_height()
        if reports:
            col = current if 0 <= current < len(reports) else 0
            if self.table.currentColumn() != col:
                self.table.setCurrentCell(0, col)
            self._show_sample(col)
        else:
            self.sample_title.setText(self.tr("Compare tokenizers to see how each cuts a passage of the corpus."))
            self.sample.clear()

    def _show_use_buttons(self) -> None:
        row = self.ROWS.index("use")
        for col, r in enumerate(self.controller.state.reports):
            btn = self.table.cellWidget(row, col)
            if not isinstance(btn, QPushButton):
                btn = name_widget(QPushButton(), f"labUse_{col}", self.tr("Use this tokenizer"))
                btn.clicked.connect(lambda _=False, c=col: self.controller.use(c))
                self.table.setCellWidget(row, col, btn)
            used = self.controller.in_use(r)
            btn.setText(self.tr("In use") if used else self.tr("Use"))
            btn.setEnabled(not used)
            btn.setToolTip(self.tr("New runs use this tokenizer (trained already: the run copies it).")
                           if not used else self.tr("New runs use this tokenizer."))

    def _fit_table_height(self) -> None:
        """Every row shown (the table never scrolls vertically), plus room for the scroll bar when the
        candidates are wider than the table."""
        t = self.table
        frame = 2 * t.frameWidth()
        h = t.horizontalHeader().sizeHint().height() + sum(t.rowHeight(r) for r in range(t.rowCount())) + frame
        wide = t.verticalHeader().sizeHint().width() + t.horizontalHeader().length() + frame > t.width()
        t.setFixedHeight(h + (t.horizontalScrollBar().sizeHint().height() if wide else 0))

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._fit_table_height()

    def _show_sample(self, col: int) -> None:
        reports = self.controller.state.reports
        if not 0 <= col < len(reports):
            return
        r = reports[col]
        self.sample_title.setText(self.tr("How {name} cuts the sample ({n:,} tokens for {c:,} characters)").format(
            name=r.label, n=r.sample_tokens, c=sum(len(p.text) for p in r.pieces)))
        self.sample.setHtml(sample_html(r))
