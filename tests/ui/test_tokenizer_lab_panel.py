"""The Corpus panel's Tokenizer lab on the real window: compare candidates on a tiny corpus, see a column
per candidate and the sample cut into tokens, choose one, and the run uses it without training again."""

from __future__ import annotations

from lmlab.core import tokenizers
from lmlab.core.units import human_count
from lmlab.ui.jobs import running_workers
from lmlab.ui.panels.corpus.tokenizer_lab import sample_html

from tests.ui.test_corpus_panel import sha256


def run_lab(qtbot, lab, sizes: str) -> None:
    lab.sizes_edit.setText(sizes)
    lab.run_btn.click()
    assert lab.cancel_btn.isVisible() and lab.progress.isVisible()
    qtbot.waitUntil(lambda: not lab.controller.state.running, timeout=60_000)


def test_compare_then_use_a_candidate_and_the_run_copies_it(window, qtbot, monkeypatch):
    panel, s = window.corpus_panel, window.session
    panel.show_tokenizer_lab()
    lab = panel.lab
    assert lab.isVisible()
    lab.kind_boxes["unigram"].setChecked(False)
    run_lab(qtbot, lab, "300, 400")
    reports = lab.controller.state.reports
    assert lab.table.columnCount() == 3 and not lab.progress.isVisible()
    heads = [lab.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert heads == ["Characters", "BPE\n300", "BPE\n400"]
    tokens_row = lab.ROWS.index("tokens")
    assert [lab.table.item(tokens_row, c).text() for c in range(3)] == [human_count(r.tokens) for r in reports]
    assert lab.table.item(lab.ROWS.index("cjk"), 0).text() == "–"  # an English play has no Chinese characters
    assert lab.table.cellWidget(lab.ROWS.index("use"), 0).text() == "In use"  # the window starts on characters

    # Choosing a column draws its cut of the sample.
    lab.table.setCurrentCell(0, 1)
    assert "BPE 300" in lab.sample_title.text()
    assert lab.sample.toPlainText() == "".join(p.text for p in reports[1].pieces).replace("\n", "↵\n")
    assert sample_html(reports[1]).count("<span") == len(reports[1].pieces)

    # "Use" makes BPE 300 the run's tokenizer, with its token count.
    use = lab.table.cellWidget(lab.ROWS.index("use"), 1)
    use.click()
    assert (s.config.data.tokenizer, s.config.data.vocab_size) == ("bpe", 300)
    assert use.text() == "In use" and not use.isEnabled()
    assert panel.tokenizer_combo.currentData() == "bpe" and panel.vocab_spin.value() == 300
    assert panel._stat_values["tokens"].text() == f"{reports[1].tokens:,}"

    def refuse(*args, **kwargs):  # preparing the run must copy the lab's tokenizer, not train one
        raise AssertionError("preparing the run trained a second tokenizer")

    monkeypatch.setattr(tokenizers, "train_tokenizer", refuse)
    with qtbot.waitSignal(s.runFinished, timeout=60_000) as finished:
        window.training_panel.start_action.trigger()
    assert finished.args[0].status == "finished", finished.args[0].reason
    qtbot.waitUntil(lambda: not s.training.busy, timeout=10_000)
    assert sha256(s.training.run.data_dir / tokenizers.TOKENIZER_FILE) == sha256(reports[1].result.path)


def test_bad_sizes_are_marked_and_cancel_returns_to_compare(window, qtbot):
    panel = window.corpus_panel
    panel.show_tokenizer_lab()
    lab = panel.lab
    lab.sizes_edit.setText("512, lots")
    lab.run_btn.click()
    assert lab.sizes_edit.property("invalid") and "'lots'" in lab.message.text()
    assert not lab.controller.state.running
    lab.sizes_edit.setText("100")
    lab.run_btn.click()
    assert "between 300" in lab.message.text()
    lab.sizes_edit.setText("8k")
    lab.run_btn.click()
    assert not lab.sizes_edit.property("invalid") and lab.cancel_btn.isVisible()
    lab.cancel_btn.click()
    assert lab.run_btn.isVisible() and not lab.progress.isVisible() and "Cancelled" in lab.message.text()
    qtbot.waitUntil(lambda: not running_workers(), timeout=30_000)
