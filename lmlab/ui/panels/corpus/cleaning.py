"""The Corpus panel's Cleaning tab: choose the cleaning, run it, and see what it did.

A view of ``CleaningController.state``: the options it edits go to the controller, *Clean* asks
the session to clean in a worker. The result shows as before/after counts, the first documents
side by side (removed spans struck through on the left, changed text marked on the right) and
the largest clusters of duplicates.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.cleaning import DEFAULT_NEAR_THRESHOLD, CleaningOptions
from ...controllers.corpus import CleaningState
from ...resources import monospace_font
from ..common import CompactDoubleSpinBox, CompactSpinBox, MessageLabel, guard_wheel, hint_label, name_widget

REMOVED = "color:#b3261e;background:rgba(179,38,30,0.12);text-decoration:line-through"
ADDED = "color:#0b6b2f;background:rgba(11,107,47,0.14)"


def _visible(text: str) -> str:
    """Removed whitespace made visible: spaces as ·, line ends as ↵ (then the line end itself)."""
    return text.replace(" ", "·").replace("\t", "→").replace("\n", "↵\n")


def preview_html(preview, side: str) -> str:
    """The first documents as HTML: ``side`` "original" strikes removed spans, "cleaned" marks added ones."""
    parts = []
    for segments, cleaned in preview:
        out = []
        for kind, text in segments:
            if kind == "kept":
                out.append(html.escape(text))
            elif kind == "removed" and side == "original":
                out.append(f'<span style="{REMOVED}">{html.escape(_visible(text))}</span>')
            elif kind == "added" and side == "cleaned":
                out.append(f'<span style="{ADDED}">{html.escape(text)}</span>')
        if side == "cleaned" and not cleaned:
            out = [QCoreApplication.translate("panels.corpus.cleaning", '<span style="{0}">(document removed)</span>').format(REMOVED)]
        parts.append("".join(out))
    body = '<hr style="border:0;border-top:1px dashed #888">'.join(parts)
    return f'<pre style="white-space:pre-wrap;margin:0">{body}</pre>'


class CleaningTab(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.controller = session.cleaning
        name_widget(self, "cleaningTab", self.tr("Corpus cleaning"))

        # 1. Options.
        self.norm_combo = name_widget(QComboBox(), "cleanNormalise", self.tr("Unicode normalisation"), self.tr(
            "NFC joins letters and accents into one character; NFKC also turns compatibility forms (full-width "
            "letters and punctuation, ligatures, circled digits) into plain ones."))
        for value, label in (("", self.tr("Unicode: as is")), ("NFC", "NFC"), ("NFKC", "NFKC")):
            self.norm_combo.addItem(label, value)
        boxes = (
            ("halfwidth", self.tr("Full-width → ASCII"),
             self.tr("Full-width letters, digits and spaces (Ｈｅｌｌｏ　１２３) become ASCII; Chinese punctuation stays.")),
            ("whitespace", self.tr("Whitespace, controls"),
             self.tr("Removes control characters and zero-width marks, collapses runs of spaces, trims lines "
                     "and keeps at most one blank line.")),
            ("html", self.tr("Strip HTML"),
             self.tr("Removes tags, comments, scripts and styles; decodes entities such as &amp;amp;.")),
            ("t2s", self.tr("Traditional → Simpl."),
             self.tr("Converts Traditional Chinese to Simplified with OpenCC (pip install opencc).")),
            ("stopwords", self.tr("Stop words, punct."),
             self.tr("For experiments only: language-model pretraining keeps stop words and punctuation, "
                     "because the model has to learn to write them.")),
            ("dedup_lines", self.tr("Repeated lines"),
             self.tr("A line seen before anywhere in the corpus (boilerplate, menus) is dropped.")),
            ("dedup", self.tr("Duplicate documents"),
             self.tr("A document identical to an earlier one (after the cleaning above) is dropped.")),
            ("near_dedup", self.tr("Near-duplicates"),
             self.tr("A document whose 5-character shingles overlap an earlier one's at least this much "
                     "(Jaccard similarity, estimated by MinHash) is dropped.")),
        )
        self.checks: dict[str, QCheckBox] = {}
        for key, label, tip in boxes:
            self.checks[key] = name_widget(QCheckBox(label), f"clean_{key}", label, tip)
            self.checks[key].setToolTip(tip)
        self.near_spin = name_widget(CompactDoubleSpinBox(), "cleanNearThreshold", self.tr("Near-duplicate similarity"),
                                     self.tr("Jaccard similarity from which two documents count as near-duplicates."))
        self.near_spin.setRange(0.3, 1.0)
        self.near_spin.setSingleStep(0.05)
        self.near_spin.setValue(DEFAULT_NEAR_THRESHOLD)
        self.lengths: dict[str, CompactSpinBox] = {}
        for key, label in (("min_line", self.tr("Shortest line kept")), ("max_line", self.tr("Longest line kept")),
                           ("min_doc", self.tr("Shortest document kept")),
                           ("max_doc", self.tr("Longest document kept"))):
            spin = name_widget(CompactSpinBox(), f"clean_{key}", label,
                               self.tr("In characters after cleaning; 0: no limit."))
            spin.setRange(0, 1_000_000_000)
            spin.setSpecialValueText(self.tr("any"))
            spin.setGroupSeparatorShown(True)
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("10,000,000") + 24)
            self.lengths[key] = spin
        guard_wheel(self.norm_combo, self.near_spin, *self.lengths.values())

        opts = QGridLayout()
        opts.setHorizontalSpacing(10)
        opts.setVerticalSpacing(2)
        opts.addWidget(self.norm_combo, 0, 0)
        order = ("halfwidth", "whitespace", "html", "t2s", "dedup_lines", "dedup", "stopwords")
        for i, key in enumerate(order, start=1):
            opts.addWidget(self.checks[key], *divmod(i, 2))
        near = QHBoxLayout()
        near.addWidget(self.checks["near_dedup"])
        near.addWidget(self.near_spin)
        near.addStretch(1)
        opts.addLayout(near, 4, 0, 1, 2)
        lengths = QGridLayout()
        lengths.setHorizontalSpacing(6)
        lengths.setVerticalSpacing(2)
        for row, (what, lo, hi) in enumerate(((self.tr("Line length"), "min_line", "max_line"),
                                              (self.tr("Document length"), "min_doc", "max_doc"))):
            label = QLabel(what)
            label.setToolTip(self.tr("Characters after cleaning: shorter or longer ones are dropped."))
            lengths.addWidget(label, row, 0)
            lengths.addWidget(self.lengths[lo], row, 1)
            lengths.addWidget(QLabel("–"), row, 2)
            lengths.addWidget(self.lengths[hi], row, 3)
        lengths.setColumnStretch(4, 1)
        opts.addLayout(lengths, 5, 0, 1, 2)

        # 2. Run it.
        self.clean_btn = name_widget(QPushButton(self.tr("Clean")), "cleanButton", self.tr("Clean the corpus"),
                                     self.tr("Clean with these options; new runs and the tokenizer then use the "
                                             "cleaned text (the files are never changed)."))
        self.cancel_btn = name_widget(QPushButton(self.tr("Cancel")), "cancelCleanButton", self.tr("Cancel cleaning"))
        self.progress = name_widget(QProgressBar(), "cleanProgress", self.tr("Cleaning progress"))
        self.progress.setRange(0, 1000)
        run_row = QHBoxLayout()
        run_row.addWidget(self.clean_btn)
        run_row.addWidget(self.cancel_btn)
        run_row.addWidget(self.progress, 1)
        self.error = MessageLabel("cleanError")
        self.summary = hint_label(object_name="cleanSummary")

        # 3. What it did.
        stats = QGridLayout()
        stats.setHorizontalSpacing(12)
        stats.setVerticalSpacing(1)
        for c, head in enumerate(("", self.tr("Before"), self.tr("After cleaning"))):
            label = QLabel(f"<b>{head}</b>")
            label.setAlignment(Qt.AlignmentFlag.AlignRight if c else Qt.AlignmentFlag.AlignLeft)
            stats.addWidget(label, 0, c)
        self.stat_cells: dict[tuple[str, str], QLabel] = {}
        for r, (key, label) in enumerate((("documents", self.tr("Documents")), ("characters", self.tr("Characters")),
                                          ("distinct_characters", self.tr("Distinct characters"))), start=1):
            stats.addWidget(QLabel(label), r, 0)
            for c, when in enumerate(("before", "after"), start=1):
                cell = QLabel("–")
                cell.setObjectName(f"clean_{when}_{key}")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                stats.addWidget(cell, r, c)
                self.stat_cells[(when, key)] = cell
        stats.setColumnMinimumWidth(1, 70)
        stats.setColumnMinimumWidth(2, 90)
        stats.setColumnStretch(3, 1)  # the numbers stay next to their names
        self.removed = hint_label(object_name="cleanRemoved")

        self.original = self._text_view("cleanPreviewOriginal", self.tr("Original, removed spans struck through"))
        self.cleaned = self._text_view("cleanPreviewCleaned", self.tr("Cleaned text, changes marked"))
        sides = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.tr("Original (removed struck through)"), self.original),
                            (self.tr("Cleaned"), self.cleaned)):
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(QLabel(f"<b>{html.escape(title)}</b>"))
            v.addWidget(view, 1)
            sides.addWidget(box)
        self.clusters = name_widget(QTreeWidget(), "cleanClusters", self.tr("Largest duplicate clusters"),
                                    self.tr("Documents that repeat an earlier one, largest groups first."))
        self.clusters.setHeaderLabels([self.tr("Copies"), self.tr("Kind"), self.tr("Kept document"),
                                       self.tr("Text")])
        self.clusters.setRootIsDecorated(False)
        self.clusters.setAlternatingRowColors(True)
        below = QSplitter(Qt.Orientation.Vertical)
        below.addWidget(sides)
        below.addWidget(self.clusters)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 1)
        sides.setSizes([1000, 1000])  # equal halves
        self.clusters.setMinimumHeight(70)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(opts)
        layout.addLayout(run_row)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addLayout(stats)
        layout.addWidget(self.removed)
        layout.addWidget(below, 1)

        self.norm_combo.currentIndexChanged.connect(self._edited)
        for w in self.checks.values():
            w.toggled.connect(self._edited)
        self.near_spin.valueChanged.connect(self._edited)
        for w in self.lengths.values():
            w.valueChanged.connect(self._edited)
        self.clean_btn.clicked.connect(session.clean_corpus)
        self.cancel_btn.clicked.connect(self.controller.cancel)
        self.controller.stateChanged.connect(self.show_state)
        session.corpusChanged.connect(lambda st: self.clean_btn.setEnabled(st.loaded and not st.scanning))
        self.show_options(self.controller.state.options)
        self.show_state(self.controller.state)

    def _text_view(self, name: str, accessible: str) -> QTextEdit:
        view = name_widget(QTextEdit(), name, accessible)
        view.setReadOnly(True)
        view.setFont(monospace_font())
        view.setMinimumHeight(120)
        return view

    # -- options ------------------------------------------------------------------------------------
    def options(self) -> CleaningOptions:
        c = self.checks
        flags = {k: c[k].isChecked() for k in ("halfwidth", "whitespace", "html", "t2s", "stopwords", "dedup_lines",
                                               "dedup")}
        return CleaningOptions(
            normalise=self.norm_combo.currentData(), **flags, **{k: s.value() for k, s in self.lengths.items()},
            near_dedup=round(self.near_spin.value(), 2) if c["near_dedup"].isChecked() else 0.0,
        )

    def show_options(self, o: CleaningOptions) -> None:
        widgets = [self.norm_combo, self.near_spin, *self.checks.values(), *self.lengths.values()]
        for w in widgets:
            w.blockSignals(True)
        self.norm_combo.setCurrentIndex(max(0, self.norm_combo.findData(o.normalise)))
        for key, box in self.checks.items():
            box.setChecked(bool(getattr(o, key)))
        if o.near_dedup:
            self.near_spin.setValue(o.near_dedup)
        for key, spin in self.lengths.items():
            spin.setValue(getattr(o, key))
        for w in widgets:
            w.blockSignals(False)
        self.near_spin.setEnabled(self.checks["near_dedup"].isChecked())

    def _edited(self, *_) -> None:
        self.near_spin.setEnabled(self.checks["near_dedup"].isChecked())
        self.controller.set_options(self.options())

    # -- rendering ----------------------------------------------------------------------------------
    def show_state(self, st: CleaningState) -> None:
        if st.options != self.options():
            self.show_options(st.options)
        self.clean_btn.setVisible(not st.running)
        self.cancel_btn.setVisible(st.running)
        self.progress.setVisible(st.running)
        self.progress.setValue(int(st.fraction * 1000))
        self.progress.setFormat(self.tr("Cleaning… %p% ({n:,} documents removed)").format(n=st.removed_so_far))
        self.error.show_message(st.error)
        self.summary.setText(st.message)
        r = st.result
        for (when, key), cell in self.stat_cells.items():
            cell.setText(f"{getattr(getattr(r, when), key):,}" if r else "–")
        if r is None:
            self.removed.setText(self.tr("Nothing removed yet: choose options and press Clean."))
        else:
            parts = [f"{n:,} {self._reason(k)}" for k, n in sorted(r.removed.items())]
            self.removed.setText(self.tr("Removed: {what}.").format(what=", ".join(parts) or self.tr("nothing")))
        self.original.setHtml(preview_html(r.preview, "original") if r else "")
        self.cleaned.setHtml(preview_html(r.preview, "cleaned") if r else "")
        self.clusters.clear()
        for c in (r.clusters if r else ()):
            item = QTreeWidgetItem([f"{c.size:,}", self.tr("exact") if c.kind == "exact" else self.tr("near"),
                                    c.first, " ".join(c.snippet.split())[:120]])
            item.setToolTip(2, self.tr("Removed: {names}").format(names=", ".join(c.examples)))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.clusters.addTopLevelItem(item)

    def _reason(self, key: str) -> str:
        return {
            "empty": self.tr("documents left empty"), "length": self.tr("documents by length"),
            "duplicate": self.tr("duplicate documents"), "near-duplicate": self.tr("near-duplicate documents"),
            "duplicate lines": self.tr("repeated lines"), "lines by length": self.tr("lines by length"),
        }.get(key, key)
