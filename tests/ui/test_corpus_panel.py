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
