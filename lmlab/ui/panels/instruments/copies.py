"""The sample timeline's memorisation check: **Copied** underlines, in each sample of the evaluation shown,
the longest span found verbatim in the run's training text (``core.jobs.memorise.copied_spans``, on
the job runner), so a user watches a model go from inventing to reciting as it overfits.

    toggle = CopiedToggle(view, redraw=view.redraw)
    toggle.spans_for(run_path, step, samples)   # {sample index: CopiedSpan} once known, else {} (and a check starts)
    marked_html(text, span, escape)             # the sample as rich text with the span underlined
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtWidgets import QPushButton

from ....core.guards.memorise import CopiedSpan
from ....core.jobs.memorise import copied_spans
from ...jobs import JobSlot
from ..common import name_widget

MIN_SHOWN = 8  # shorter copies are everyday words: not marked


def marked_html(text: str, span: CopiedSpan | None, escape: Callable[[str], str]) -> str:
    """``text`` as rich text (``escape`` per part) with ``span`` underlined in red and its length as a title.

    Example: ("abcdefghij", CopiedSpan(2, 10, 0), html.escape) -> 'ab<u style="color:#d62728" ...>cdefghij</u>'.
    """
    if span is None or span.length < MIN_SHOWN:
        return escape(text)
    title = html.escape(f"{span.length} characters copied from the training text", quote=True)
    return (escape(text[: span.start]) + f'<u style="color:#d62728" title="{title}">'
            + escape(text[span.start : span.end]) + "</u>" + escape(text[span.end :]))


class CopiedToggle(QPushButton):
    """The checkable button, the job that checks a step's samples, and the answers kept per step."""

    def __init__(self, parent, redraw: Callable[[], None]):
        super().__init__(parent)
        self.setText(self.tr("Copied"))
        self.setCheckable(True)
        name_widget(self, "insideCopiedButton", self.tr("Show copied spans"),
                    self.tr("Underline, in each sample, the longest part copied verbatim from the training text"))
        self._redraw = redraw
        self._spans: dict[tuple[str, int], list[CopiedSpan | None]] = {}  # (run, step) -> one per sample
        self._asked: set[tuple[str, int]] = set()
        self._slot = JobSlot("inside-copy-check")
        self.toggled.connect(lambda _on: redraw())

    def spans_for(self, run_path: str, step: int, samples: tuple[str, ...]) -> dict[int, CopiedSpan]:
        if not self.isChecked():
            return {}
        key = (run_path, step)
        if key in self._spans:
            return {i: s for i, s in enumerate(self._spans[key]) if s is not None}
        if key not in self._asked:
            self._asked.add(key)
            self._slot.start(copied_spans, run_path, list(samples), on_return=lambda spans: self._done(key, spans),
                             on_error=lambda _e: self._asked.discard(key))
        return {}

    def _done(self, key: tuple[str, int], spans: list[CopiedSpan | None]) -> None:
        self._spans[key] = spans
        self._redraw()

    def shutdown(self) -> None:
        self._slot.shutdown()
