"""The corpus panel's tokenizer controls: training a subword tokenizer off the GUI thread, and cancelling it."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from lmlab.core import tokenizers
from lmlab.core.dataset import load_prepared
from lmlab.ui.jobs import running_workers


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_train_a_bpe_tokenizer_and_count_tokens(window, qtbot):
    panel, s = window.corpus_panel, window.session
    assert not panel.vocab_spin.isEnabled() and not panel.train_tok_btn.isEnabled()  # characters need no training
    panel.tokenizer_combo.setCurrentIndex(panel.tokenizer_combo.findData("bpe"))
    assert s.config.data.tokenizer == "bpe"
    assert panel.vocab_spin.isEnabled() and panel.train_tok_btn.isEnabled()
    assert panel._stat_values["tokens"].text() == "not yet counted"
    panel.vocab_spin.setValue(300)
    panel.train_tok_btn.click()
    qtbot.waitUntil(lambda: s.corpus_state.tokens is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not s.tokenizer_running, timeout=10_000)
    st = s.corpus_state
    assert 256 <= st.token_vocab <= 300
    assert 0 < st.tokens < st.stats.characters  # subwords: fewer tokens than characters
    assert panel._stat_values["tokens"].text() == f"{st.tokens:,}"
    assert "characters per token" in panel.tok_info.text()
    assert s.vocab_estimate() == st.token_vocab  # the model readouts use the learned vocabulary
    assert not panel.tok_progress.isVisible() and panel.train_tok_btn.isVisible()
    # Another vocabulary size makes the count stale again.
    panel.vocab_spin.setValue(400)
    assert panel._stat_values["tokens"].text() == "not yet counted"


def test_the_run_uses_the_tokenizer_the_panel_trained_and_has_the_panel_s_token_count(window, qtbot, monkeypatch):
    panel, s = window.corpus_panel, window.session
    panel.tokenizer_combo.setCurrentIndex(panel.tokenizer_combo.findData("bpe"))
    panel.vocab_spin.setValue(300)
    panel.train_tok_btn.click()
    qtbot.waitUntil(lambda: s.corpus_state.tokens is not None and not s.tokenizer_running, timeout=60_000)
    st = s.corpus_state
    shown = panel._stat_values["tokens"].text()
    assert shown == f"{st.tokens:,}" and st.tokenizer_file

    def refuse(*args, **kwargs):  # preparing the run must copy the panel's tokenizer, not train one
        raise AssertionError("preparing the run trained a second tokenizer")

    monkeypatch.setattr(tokenizers, "train_tokenizer", refuse)
    with qtbot.waitSignal(s.runFinished, timeout=60_000) as finished:
        window.training_panel.start_action.trigger()
    assert finished.args[0].status == "finished", finished.args[0].reason
    qtbot.waitUntil(lambda: not s.training.busy, timeout=10_000)
    run = s.training.run
    assert sha256(run.data_dir / tokenizers.TOKENIZER_FILE) == sha256(st.tokenizer_file)
    data = load_prepared(run.data_dir)
    assert f"{data.n_train + data.n_val:,}" == shown == panel._stat_values["tokens"].text()


def test_a_vocabulary_too_small_is_marked(window):
    panel = window.corpus_panel
    panel.tokenizer_combo.setCurrentIndex(panel.tokenizer_combo.findData("unigram"))
    panel.vocab_spin.setValue(100)
    assert panel.vocab_error.isVisible() and "300" in panel.vocab_error.text()
    assert panel.vocab_spin.property("invalid") is True
    assert not window.training_panel.start_action.isEnabled()


def test_cancel_tokenizer_training(make_window, qtbot, tmp_path):
    rng = random.Random(0)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    big = tmp_path / "big.txt"
    big.write_text("\n".join(" ".join(rng.choices(words, k=12)) for _ in range(40_000)), encoding="utf-8")
    window = make_window(corpus=[str(big)])
    panel, s = window.corpus_panel, window.session
    panel.tokenizer_combo.setCurrentIndex(panel.tokenizer_combo.findData("bpe"))
    panel.train_tok_btn.click()
    assert panel.cancel_tok_btn.isVisible() and panel.tok_progress.isVisible()
    panel.cancel_tok_btn.click()
    qtbot.waitUntil(lambda: not s.tokenizer_running, timeout=60_000)
    assert s.corpus_state.tokens is None and not s.corpus_state.tokenizing
    assert panel.train_tok_btn.isVisible() and not panel.cancel_tok_btn.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()
    assert not running_workers()


def test_opening_a_new_corpus_while_scanning_keeps_the_newest(window, qtbot, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("alpha\n" * 3000, encoding="utf-8")
    b.write_text("beta\n" * 3000, encoding="utf-8")
    window.session.open_corpus([str(a)])
    window.session.open_corpus([str(b)])
    qtbot.waitUntil(lambda: not window.session.corpus_state.scanning, timeout=10_000)
    qtbot.waitUntil(lambda: not running_workers(), timeout=10_000)
    assert window.session.corpus_state.label == "b.txt"


# -- cleaning ----------------------------------------------------------------------------------------


def _pages(folder: Path) -> Path:
    """Five web pages: two identical, one a near copy, two of their own; each ~2,000 characters."""
    folder.mkdir()
    rng = random.Random(1)
    words = [f"{rng.choice('bdfgklmnprst')}{rng.choice('aeiou')}{rng.choice('lnrst')}{i}" for i in range(300)]

    def page(seed: int) -> list[str]:
        r = random.Random(seed)
        return [" ".join(r.choice(words) for _ in range(10)) + "." for _ in range(40)]

    base = page(10)
    near = list(base)
    near[3] = near[7] = "A different sentence here."
    for name, sentences in (("a", base), ("b", base), ("c", page(11)), ("d", near), ("e", page(12))):
        (folder / f"{name}.txt").write_text("<html><body><p>" + "</p>\n<p>".join(sentences) + "</p></body></html>\n")
    return folder


def test_turning_on_dedup_in_the_window_changes_the_counts_and_the_preview(make_window, qtbot, tmp_path):
    w = make_window(corpus=[str(_pages(tmp_path / "pages"))])
    panel, s = w.corpus_panel, w.session
    tab = panel.cleaning
    panel.show_cleaning()
    assert s.corpus_state.stats.documents == 5 and tab.stat_cells[("after", "documents")].text() == "–"

    tab.checks["dedup"].setChecked(True)
    assert s.cleaning.state.options.dedup
    tab.clean_btn.click()
    qtbot.waitUntil(lambda: s.cleaning.state.result is not None and not s.cleaning.state.running, timeout=30_000)
    assert tab.stat_cells[("before", "documents")].text() == "5"
    assert tab.stat_cells[("after", "documents")].text() == "4"
    assert "1 duplicate documents" in tab.removed.text()
    assert s.corpus_state.stats.documents == 4 and s.config.data.clean == "dedup"
    assert s.corpus_state.tokens == s.corpus_state.stats.characters  # the Tokens readout counts the cleaned text
    assert "(cleaned: dedup)" in panel.title.text()
    assert tab.clusters.topLevelItemCount() == 1 and tab.clusters.topLevelItem(0).text(2) == "a.txt"
    assert "line-through" not in tab.original.toHtml()  # nothing inside the kept pages was removed

    # Markup stripping and near-duplicates: fewer characters, struck-through tags, a larger cluster.
    chars = s.corpus_state.stats.characters
    tab.checks["html"].setChecked(True)
    tab.checks["near_dedup"].setChecked(True)
    tab.clean_btn.click()
    qtbot.waitUntil(lambda: not s.cleaning.state.running and "near" in s.config.data.clean, timeout=30_000)
    assert s.corpus_state.stats.documents == 3 and s.corpus_state.stats.characters < chars
    assert tab.stat_cells[("after", "documents")].text() == "3"
    assert "line-through" in tab.original.toHtml()
    assert "<p>" in tab.original.toPlainText() and "<p>" not in tab.cleaned.toPlainText()
    assert tab.clusters.topLevelItemCount() == 1  # b.txt (exact) and d.txt (near) both repeat a.txt
    assert [tab.clusters.topLevelItem(0).text(i) for i in range(3)] == ["3", "near", "a.txt"]

    # A run started now records the cleaning and trains on exactly the cleaned text.
    with qtbot.waitSignal(s.runFinished, timeout=60_000) as finished:
        w.training_panel.start_action.trigger()
    assert finished.args[0].status == "finished", finished.args[0].reason
    run = s.training.run
    assert run.read_config().data.clean == s.config.data.clean
    data = load_prepared(run.data_dir)
    assert data.n_train + data.n_val == s.corpus_state.stats.characters  # char tokens = cleaned characters


def test_a_cleaning_that_removes_everything_says_so_and_keeps_the_corpus(make_window, qtbot, tmp_path):
    folder = tmp_path / "tags"
    folder.mkdir()
    (folder / "a.txt").write_text("<div><br></div>\n" * 200)
    w = make_window(corpus=[str(folder)])
    s, tab = w.session, w.corpus_panel.cleaning
    before = s.corpus_state.stats
    w.corpus_panel.show_cleaning()
    tab.checks["html"].setChecked(True)
    tab.checks["whitespace"].setChecked(True)
    with qtbot.waitSignal(s.notice, timeout=30_000, check_params_cb=lambda level, msg: level == "error"):
        tab.clean_btn.click()
    assert s.cleaning.state.error
    assert "removes everything" in tab.error.text() and tab.error.isVisible()
    assert s.corpus_state.stats is before and s.config.data.clean == ""


def test_cleaning_controller_runs_off_the_gui_thread_and_cancels(qtbot):
    from lmlab.core.cleaning import CleaningOptions
    from lmlab.core.corpus import corpus_from_texts
    from lmlab.ui.controllers.corpus import CleaningController

    c = CleaningController()
    c.set_options(CleaningOptions(dedup=True))
    with qtbot.waitSignal(c.cleaned, timeout=10_000) as got:
        c.clean(corpus_from_texts(["same\n", "same\n", "other\n"]))
    assert got.args[0].after.documents == 2 and c.state.result is got.args[0]
    c.clean(corpus_from_texts(["x\n" * 10] * 50))
    assert c.state.running
    c.cancel()
    assert not c.state.running and "cancelled" in c.state.message
    c.set_options(CleaningOptions())
    with qtbot.waitSignal(c.cleaned, timeout=1_000) as got:
        c.clean(corpus_from_texts(["a\n"]))
    assert got.args[0] is None and c.state.result is None
    assert c.shutdown()
