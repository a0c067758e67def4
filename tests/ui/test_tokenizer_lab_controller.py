"""The Tokenizer lab's controller, without a window: run the lab on a tiny corpus, choose a candidate,
and the session's configuration and token count follow; cancel; a new corpus clears the reports."""

from __future__ import annotations

import pytest

from lmlab.core.tokenizer_lab import CandidateReport, LabProgress
from lmlab.ui.jobs import running_workers
from lmlab.ui.session import Session

POEMS = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n白日依山尽，黄河入海流。欲穷千里目，更上一层楼。\n"


@pytest.fixture
def session(qtbot, tmp_path):
    corpus = tmp_path / "poems.txt"
    corpus.write_text(POEMS * 60, encoding="utf-8")
    s = Session(tmp_path / "runs")
    s.open_corpus([str(corpus)])
    qtbot.waitUntil(lambda: s.corpus_state.loaded and not s.corpus_state.scanning, timeout=10_000)
    yield s
    assert s.shutdown(30_000)


def test_lab_reports_each_candidate_and_use_sets_the_runs_tokenizer(session, qtbot):
    lab = session.tokenizer_lab
    lab.set_kinds(["bpe", "char"])
    lab.set_vocab_sizes([400, 300])
    seen = []
    lab.stateChanged.connect(lambda st: seen.append(st))
    lab.run()
    assert lab.state.running
    qtbot.waitUntil(lambda: not lab.state.running, timeout=30_000)
    assert not lab.state.error
    assert [r.label for r in lab.state.reports] == ["Characters", "BPE 300", "BPE 400"]
    assert any(isinstance(st.progress, LabProgress) and st.progress.stage == "training" for st in seen)
    assert [len(st.reports) for st in seen if st.running and st.reports][:1] == [1]  # rows arrive one by one
    bpe = lab.state.reports[1]
    assert not lab.in_use(bpe)
    lab.use(1)
    d = session.config.data
    assert (d.tokenizer, d.vocab_size) == ("bpe", 300) and lab.in_use(bpe)
    st = session.corpus_state
    assert st.tokens == bpe.tokens and st.token_vocab == bpe.vocab_size
    assert st.tokenizer_file == str(bpe.result.path)
    assert "BPE 300" in lab.state.message
    lab.use(0)
    assert session.config.data.tokenizer == "char" and lab.in_use(lab.state.reports[0])


def test_a_new_model_shape_recomputes_the_embedding_share(session, qtbot):
    lab = session.tokenizer_lab
    lab.set_kinds(["char"])
    lab.run()
    qtbot.waitUntil(lambda: not lab.state.running, timeout=30_000)
    before = lab.state.reports[0].embedding_share
    session.update(model={"n_layer": session.config.model.n_layer * 2})
    assert isinstance(lab.state.reports[0], CandidateReport)
    assert lab.state.reports[0].embedding_share < before


def test_bad_sizes_are_one_sentence_and_cancel_stops(session, qtbot):
    lab = session.tokenizer_lab
    lab.set_vocab_sizes([100])
    lab.run()
    assert not lab.state.running and "between 300" in lab.state.error
    lab.set_vocab_sizes([8192])
    lab.set_kinds(["unigram", "bpe"])
    lab.run()
    lab.cancel()
    assert not lab.state.running and "Cancelled" in lab.state.message
    qtbot.waitUntil(lambda: not running_workers(), timeout=30_000)


def test_a_new_corpus_clears_the_reports(session, qtbot, tmp_path):
    lab = session.tokenizer_lab
    lab.set_kinds(["char"])
    lab.run()
    qtbot.waitUntil(lambda: not lab.state.running, timeout=30_000)
    assert lab.state.reports
    other = tmp_path / "other.txt"
    other.write_text("To be, or not to be.\n" * 50, encoding="utf-8")
    session.open_corpus([str(other)])
    qtbot.waitUntil(lambda: session.corpus_state.label == "other.txt" and not session.corpus_state.scanning,
                    timeout=10_000)
    assert lab.state.reports == ()
