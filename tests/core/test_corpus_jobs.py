"""The use-case jobs in ``lmlab.core.jobs``: scanning, training a tokenizer a run then reuses, prepare + train."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from lmlab.core import tokenizers
from lmlab.core.corpus import corpus_from_texts, scan
from lmlab.core.engine import Control, Finished
from lmlab.core.jobs.corpus import scan_corpus
from lmlab.core.jobs.drive import drain, mapped, stoppable, thinned
from lmlab.core.jobs.tokenizer import train_tokenizer_job
from lmlab.core.jobs.train import prepare_and_train
from lmlab.core.pipeline import prepare_run
from lmlab.core.runs import RunStore
from lmlab.core.tokenizer_fit import pieces, tokenizer_cache_dir
from tests.conftest import SAMPLE_TEXT, tiny_config

DOCS = [SAMPLE_TEXT * 30, "Second play:\nA horse, a horse, my kingdom for a horse.\n" * 60, SAMPLE_TEXT * 10]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def no_training(monkeypatch) -> None:
    """From here on, training a tokenizer fails the test: preparing must reuse the one trained before."""
    def refuse(*args, **kwargs):
        raise AssertionError("a second tokenizer was trained")

    monkeypatch.setattr(tokenizers, "train_tokenizer", refuse)


@pytest.mark.parametrize("kind, vocab", [("bpe", 300), ("unigram", 320), ("char", 0)])
def test_a_run_uses_the_tokenizer_the_job_trained_and_its_token_count(tmp_path, monkeypatch, kind, vocab):
    store = RunStore(tmp_path / "runs")
    corpus = corpus_from_texts(DOCS)
    cfg = tiny_config().with_changes(data={"tokenizer": kind, "vocab_size": vocab or 2048, "val_fraction": 0.15})
    job = drain(train_tokenizer_job(corpus, kind, cfg.data.vocab_size, val_fraction=0.15,
                                    cache_dir=tokenizer_cache_dir(store.root)))
    assert job.path is not None and job.path.parent == tokenizer_cache_dir(store.root)

    no_training(monkeypatch)  # (char tokenizers are never "trained": they must still come from the cache)
    run = store.create(cfg, "reuses")
    data = drain(prepare_run(run, corpus))
    assert sha256(run.data_dir / tokenizers.TOKENIZER_FILE) == sha256(job.path)  # the very same file
    assert (data.n_train, data.n_val) == (job.n_train, job.n_val)  # counted as the run encodes
    assert data.n_train + data.n_val == job.tokens and data.vocab_size == job.vocab_size


def test_another_split_or_vocabulary_trains_its_own_tokenizer(tmp_path, monkeypatch):
    store = RunStore(tmp_path / "runs")
    corpus = corpus_from_texts(DOCS)
    drain(train_tokenizer_job(corpus, "bpe", 300, val_fraction=0.1, cache_dir=tokenizer_cache_dir(store.root)))
    calls = []
    real = tokenizers.train_tokenizer
    monkeypatch.setattr(tokenizers, "train_tokenizer", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    for data in ({"val_fraction": 0.3}, {"vocab_size": 400}):
        cfg = tiny_config().with_changes(data={"tokenizer": "bpe", "vocab_size": 300, "val_fraction": 0.1} | data)
        drain(prepare_run(store.create(cfg, "other"), corpus))
    assert calls == ["bpe", "bpe"]
    # ... and each is kept: preparing the same again trains nothing.
    no_training(monkeypatch)
    drain(prepare_run(store.create(cfg, "again"), corpus))


def test_a_damaged_cache_entry_is_trained_again(tmp_path):
    store = RunStore(tmp_path / "runs")
    corpus = corpus_from_texts(DOCS)
    job = drain(train_tokenizer_job(corpus, "bpe", 300, val_fraction=0.1, cache_dir=tokenizer_cache_dir(store.root)))
    job.path.write_text("{ not json", encoding="utf-8")
    cfg = tiny_config().with_changes(data={"tokenizer": "bpe", "vocab_size": 300})
    run = store.create(cfg, "damaged")
    data = drain(prepare_run(run, corpus))
    assert data.n_train + data.n_val == job.tokens
    assert sha256(job.path) == sha256(run.data_dir / tokenizers.TOKENIZER_FILE)  # replaced by a good one


def test_closing_the_tokenizer_job_cancels_training(tmp_path):
    big = corpus_from_texts([" ".join(f"w{i % 977}x{i % 13}" for i in range(400_000))])
    gen = train_tokenizer_job(big, "bpe", 2000, val_fraction=0.1, cache_dir=tmp_path / "cache", stats=scan(big))
    assert next(gen).stage == "training"
    gen.close()
    assert not [t for t in threading.enumerate() if t.name == "lmlab-tokenizer"]
    assert not (tmp_path / "cache").exists()


def test_the_same_text_has_the_same_fingerprint_however_it_is_cut():
    one = scan(corpus_from_texts(["ab", "c"]))
    assert one.fingerprint == scan(corpus_from_texts(["ab", "c"])).fingerprint
    assert one.fingerprint != scan(corpus_from_texts(["a", "bc"])).fingerprint


def test_pieces_split_at_line_ends():
    assert list(pieces("a\nb\nc", 2)) == ["a\n", "b\n", "c"]
    assert "".join(pieces("x" * 1000 + "\n" + "y" * 10, 64)) == "x" * 1000 + "\n" + "y" * 10


def test_generator_helpers():
    def job():
        yield from (0.001, 0.004, 0.012, 0.013, 0.5)
        return "done"

    seen = []
    assert drain(thinned(job()), seen.append) == "done" and seen == [0.012, 0.5]
    assert drain(mapped(job(), lambda f: f * 2), seen.append) == "done" and seen[-1] == 1.0
    control = Control()
    gen = stoppable(job(), control)
    assert next(gen) == 0.001
    control.stop()
    assert drain(gen) == (True, None)
    assert drain(stoppable(job(), Control())) == (False, "done")


def test_scan_corpus_yields_fractions_and_returns_stats(tmp_path):
    p = tmp_path / "play.txt"
    p.write_text("ROMEO:\n" + SAMPLE_TEXT * 200, encoding="utf-8")
    fractions = []
    result = drain(scan_corpus([str(p)]), fractions.append)
    assert fractions and fractions[-1] == pytest.approx(1.0)
    assert result.stats.characters == len(p.read_text(encoding="utf-8"))
    assert result.preview.startswith("ROMEO:")


def test_prepare_and_train_honours_stop_during_preparation(tmp_path):
    run = RunStore(tmp_path / "runs").create(tiny_config(), "stopped early")
    control = Control()
    control.stop()
    events = list(prepare_and_train(run, control, corpus_from_texts(["some text " * 500])))
    assert isinstance(events[-1], Finished) and events[-1].status == "stopped"
    assert run.read_status()["status"] == "stopped"


def test_prepare_and_train_reports_a_corpus_problem_as_a_failed_run(tmp_path):
    run = RunStore(tmp_path / "runs").create(tiny_config(), "too short")
    events = list(prepare_and_train(run, Control(), corpus_from_texts(["tiny"])))
    last = events[-1]
    assert isinstance(last, Finished) and last.status == "failed"
    assert "fewer than one block" in last.reason
    assert run.read_status()["status"] == "failed"


def test_the_cache_keeps_the_tokenizers_used_last_within_its_size(tmp_path, monkeypatch):
    import os

    from lmlab.core import tokenizer_fit

    cache = tokenizer_cache_dir(tmp_path / "runs")
    corpus = corpus_from_texts(DOCS)

    def fit(vocab):
        return drain(train_tokenizer_job(corpus, "bpe", vocab, val_fraction=0.1, cache_dir=cache)).path

    first, second = fit(340), fit(300)  # the larger first: only the order of use can keep it below
    assert first.stat().st_size > second.stat().st_size
    os.utime(first, (1e9, 1e9))
    os.utime(second, (1e9 + 10, 1e9 + 10))  # first used longest ago ...
    no_training(monkeypatch)
    assert fit(340) == first  # ... then used again: a hit marks it
    monkeypatch.undo()
    third = fit(320)
    assert {first, second, third} == set(cache.glob("*.json"))  # far below the cache's size
    removed = tokenizer_fit.prune_cache(cache, max_bytes=first.stat().st_size + third.stat().st_size)
    assert removed == [second] and {first, third} == set(cache.glob("*.json"))
    # storing prunes: with room for none, the one just stored is kept alone
    monkeypatch.setattr(tokenizer_fit, "CACHE_MAX_BYTES", 1)
    fourth = fit(360)
    assert set(cache.glob("*.json")) == {fourth}
