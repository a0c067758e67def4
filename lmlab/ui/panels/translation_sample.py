"""Under the training plots of a translator: what it wrote at the latest evaluation.

At each evaluation an encoder-decoder run translates its fixed validation sample and writes the
translations to ``translations.jsonl`` (``core.seq2seq.evaluate``); this view shows the first few
of the newest one as source / reference / output, each output marked right or wrong, so the BLEU
curve above has sentences behind it. Hidden until a run has written one.

    view = DecodedSampleView()
    view.show_step(run_dir, step)   # read the run's translations at (or before) ``step``
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ...core.seq2seq.evaluate import read_translations
from ..resources import with_cjk_fallback

SHOWN = 3  # sample sentences shown


class DecodedSampleView(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("decodedSample")
        self.setAccessibleName(self.tr("Decoded validation sample"))
        self.setToolTip(self.tr("The first held-out sentences as the model translated them at the latest evaluation"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFont(with_cjk_fallback(self.font()))
        self.setWordWrap(True)
        self.items: list[dict] = []  # what is shown: [{"source", "reference", "output"}]
        self.hide()

    def clear_sample(self) -> None:
        self.items = []
        self.setText("")
        self.hide()

    def show_step(self, run_dir: str, step: int) -> None:
        """Show the run's decoded sample of ``step`` (the newest one up to it); hidden when there is none."""
        records = [r for r in read_translations(run_dir) if r["step"] <= step]
        if not records:
            self.clear_sample()
            return
        rec = records[-1]
        self.items = [i for i in rec.get("items", [])[:SHOWN] if isinstance(i, dict)]
        rows = [self.tr("<b>Step {0:,}</b>, held-out sentences:").format(rec["step"])]
        for item in self.items:
            src, ref, out = (html.escape(str(item.get(k, ""))) for k in ("source", "reference", "output"))
            mark = "✓" if item.get("output") == item.get("reference") else "✗"
            rows.append(self.tr("{0} → <b>{1}</b> {2} <span style='color:gray'>(reference {3})</span>")
                        .format(src, out or "∅", mark, ref))
        self.setText("<br>".join(rows))
        self.show()
