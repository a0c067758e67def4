"""A translator in the real window: choose the kind and the task, train through the queue, watch its
BLEU curve and decoded sample, translate in the Playground, open the cross-attention map."""

from __future__ import annotations

import numpy as np

from lmlab.ui.jobs import running_workers

from tests.ui.conftest import quick_config

TIMEOUT = 120_000


def test_train_a_tiny_translator_translate_it_and_see_its_cross_attention(make_window, qtbot):
    cfg = quick_config(max_steps=24, eval_every=12, batch_size=8)
    window = make_window(config=cfg, extra_panels=True)
    session = window.session

    # 1. Model panel: the kind; the Corpus dock turns into the sentence pairs, with a task at once.
    kind = window.model_panel.kind_combo
    kind.activated.emit(kind.findData("encdec"))
    assert session.config.model.arch == "encdec"
    stack = window.corpus_dock.widget()
    pairs = stack.pairs
    assert stack.currentWidget() is pairs
    pairs.task_combo.activated.emit(pairs.task_combo.findData("digits->zh"))
    qtbot.waitUntil(lambda: session.pairs.state.ready, timeout=30_000)
    assert "36,000 pairs to train on, 4,000 held out" in pairs.title.text()
    assert pairs.examples.topLevelItemCount() > 0
    src, tgt = pairs.examples.topLevelItem(0).text(0), pairs.examples.topLevelItem(0).text(1)
    assert src.isdigit() and any("\u4e00" <= c <= "\u9fff" for c in tgt)
    assert pairs.stat_labels[("target", "max")].text() not in ("", "–")
    assert window.training_panel.start_action.isEnabled()
    assert session.vocab_estimate() == session.pairs.state.scan.vocab_size  # the readouts use the pairs' vocabulary

    # 2. Train through the queue; the plots get BLEU / chrF / exact and the decoded sample.
    window.new_run()
    with qtbot.waitSignal(session.runFinished, timeout=TIMEOUT) as finished:
        window.training_panel.start_action.trigger()
    assert finished.args[0].status == "finished", finished.args[0].reason
    qtbot.waitUntil(lambda: not session.training.busy, timeout=TIMEOUT)
    run_path = str(session.training.run.path)
    assert session.training.run.read_config().corpus == ("task:digits->zh:40000",)
    curves = window.training_panel.curves
    assert curves.extra_plot.isVisible() and not curves.heads_plot.isVisible()
    assert curves.extra_plot.keys() == ["bleu", "chrf", "exact"]
    assert curves.extra_plot.buffer("bleu")["step"].tolist() == [12, 24]
    assert curves.sample_view.isVisible() and len(curves.sample_view.items) == 3
    assert "Step 24" in curves.sample_view.text()

    # 3. Playground: the Translate mode opens on the run; greedy streams, beam search returns.
    playground = window.panel("Playground")
    window.show_panel("Playground")
    view = playground.translator
    assert playground.modes.currentWidget() is view
    assert view.controller.run_path == run_path and view.run_combo.currentData() == run_path
    view.source_edit.setPlainText("2034")
    with qtbot.waitSignal(view.controller.translated, timeout=TIMEOUT) as done:
        view.translate_button.click()
    greedy = done.args[0]
    assert greedy.beam == 1 and greedy.step == 24 and len(view.tokens()) == len(greedy.tokens) > 0
    assert all(0.0 < t.prob <= 1.0 for t in greedy.tokens)
    assert "background-color:" in view.output.toHtml() and "step 24" in view.status.text()
    view.beam_spin.setValue(3)
    with qtbot.waitSignal(view.controller.translated, timeout=TIMEOUT) as done:
        view.translate_button.click()
    assert done.args[0].beam == 3
    lines = view.output.toPlainText().splitlines()
    assert lines[0].startswith("2034 → ") and lines[1].startswith("2034 (beam 3) → ")  # earlier ones stay

    # 4. Attention: the encoder-decoder page; a typed sentence's cross-attention is target x source.
    attention = window.panel("Attention")
    window.show_panel("Attention")
    pair_view = attention.pages.currentWidget()
    assert pair_view.objectName() == "pairAttentionView"
    qtbot.waitUntil(lambda: pair_view.maps is not None, timeout=TIMEOUT)  # the recorded probe pair first
    assert pair_view.probe_check.isChecked() and pair_view.step_slider.maximum() == 1  # two evaluations
    pair_view.text_edit.clear()  # it showed the probe's source
    qtbot.keyClicks(pair_view.text_edit, "305")
    assert not pair_view.probe_check.isChecked()
    qtbot.waitUntil(lambda: pair_view.maps is not None and pair_view.maps.source_tokens == ["3", "0", "5"],
                    timeout=TIMEOUT)
    weights = pair_view.shown_weights()
    T = len(pair_view.maps.target_tokens)
    assert weights.shape == (T, 3) and np.allclose(weights.sum(axis=1), 1.0, atol=1e-3)  # rows: a distribution
    pair_view.map_combo.setCurrentIndex(pair_view.map_combo.findData("encoder"))
    pair_view.redraw()
    assert pair_view.shown_weights().shape == (3, 3)
    window.close()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)


def test_pairs_dropped_on_the_window_of_an_encoder_decoder_are_checked_at_the_field(make_window, qtbot, tmp_path):
    from tests.ui.test_main_window import drop_paths

    window = make_window()
    window.session.update(model={"arch": "encdec"})
    pairs = window.corpus_dock.widget().pairs
    qtbot.waitUntil(lambda: window.session.pairs.state.ready, timeout=30_000)  # the default task, offline
    bad = tmp_path / "pairs.tsv"
    bad.write_text("1\tone\n2\ttwo\n3 three\n", encoding="utf-8")
    drop_paths(window, [bad])
    qtbot.waitUntil(lambda: bool(window.session.pairs.state.error), timeout=30_000)
    assert pairs.error.text() == f"{bad}, line 3: expected source<TAB>target, found no tab."
    assert not window.training_panel.start_action.isEnabled()  # nothing to train on
    bad.write_text("1\tone\n2\ttwo\n3\tthree\n", encoding="utf-8")
    drop_paths(window, [bad])
    qtbot.waitUntil(lambda: window.session.pairs.state.ready, timeout=30_000)
    assert pairs.task_combo.currentData() == "files" and "pairs.tsv" in pairs.title.text()
    assert pairs.error.text() == "" and window.training_panel.start_action.isEnabled()
    assert window.session.corpus_state.stats is not None  # the text corpus was left alone
