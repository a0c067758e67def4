"""Tokenizers round-trip exactly on English, Chinese and emoji, and save/load from a run folder."""

from __future__ import annotations

import pytest

from lmlab.core.errors import TokenizerError
from lmlab.core.tokenizers import CharTokenizer, load_tokenizer, train_tokenizer

TRAIN = ["To be, or not to be, that is the question.\n"] * 50 + ["学而时习之，不亦说乎？有朋自远方来。\n"] * 50 + [
    "Party time 🎉🎉 with emoji 😀 and café.\n"
] * 30
SAMPLES = [
    "To be, or not to be",
    "学而时习之，不亦说乎？",
    "Emoji 🎉😀🦀 and ZWJ 👩‍👩‍👧 family",
    "Mixed 中文 and English\twith\ttabs\nand lines\n",
    "  leading spaces and trailing   ",
    "",
]


@pytest.mark.parametrize("kind", ["bpe", "unigram"])
@pytest.mark.parametrize("text", SAMPLES)
def test_subword_round_trip_exact(tmp_path, kind, text):
    tok = train_tokenizer(kind, TRAIN, vocab_size=400)
    tok.save(tmp_path / "tokenizer.json")
    loaded = load_tokenizer(tmp_path / "tokenizer.json")
    assert loaded.kind == kind
    assert loaded.decode(loaded.encode(text)) == text
    assert loaded.encode(text) == tok.encode(text)


def test_subword_file_is_a_plain_hf_tokenizer_json(tmp_path):
    from tokenizers import Tokenizer

    tok = train_tokenizer("bpe", TRAIN, vocab_size=400)
    tok.save(tmp_path / "tokenizer.json")
    hf = Tokenizer.from_file(str(tmp_path / "tokenizer.json"))
    assert hf.decode(hf.encode("学而 🎉").ids) == "学而 🎉"


def test_bpe_vocabulary_size_is_respected():
    tok = train_tokenizer("bpe", TRAIN * 4, vocab_size=350)
    assert 256 < tok.vocab_size <= 350


@pytest.mark.parametrize("text", SAMPLES[:4])
def test_char_round_trip(tmp_path, text):
    tok = CharTokenizer.train(SAMPLES)
    tok.save(tmp_path / "tokenizer.json")
    loaded = load_tokenizer(tmp_path / "tokenizer.json")
    assert loaded.decode(loaded.encode(text)) == text


def test_char_unknown_policies():
    replace = CharTokenizer.train(["abc"], "replace")
    assert replace.decode(replace.encode("abz")) == "ab\ufffd"
    assert replace.vocab_size == 4
    skip = CharTokenizer.train(["abc"], "skip")
    assert skip.decode(skip.encode("a龍b")) == "ab"
    strict = CharTokenizer.train(["abc"], "error")
    with pytest.raises(TokenizerError, match="U\\+9F8D"):
        strict.encode("a龍")
    assert strict.unknown_chars("a龍b龍x") == ["龍", "x"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"model": {"type": "WordPiece"}}', "not a BPE or Unigram"),
        ('{"model": {"type": "BPE", "vocab": 5}}', "malformed"),
        ('{"lmlab_tokenizer": "char", "chars": ""}', "no character list"),
        ('[1, 2]', "not a tokenizer"),
    ],
)
def test_malformed_tokenizer_files_are_refused(tmp_path, content, message):
    p = tmp_path / "tokenizer.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(TokenizerError, match=message):
        load_tokenizer(p)
