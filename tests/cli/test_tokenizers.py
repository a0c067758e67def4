"""``lmlab tokenizers``: the table of candidates, each candidate's cut of the sample, JSON, errors."""

from __future__ import annotations

import json

import pytest

from lmlab.cli import main
from lmlab.core.tokenizers import load_tokenizer

POEM = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\nTo be, or not to be, that is the question.\n"


def test_table_has_a_row_per_candidate(tmp_path, capsys):
    corpus = tmp_path / "poems.txt"
    corpus.write_text(POEM * 40, encoding="utf-8")
    assert main(["tokenizers", str(corpus), "--vocab", "300,512", "--runs-dir", str(tmp_path / "runs")]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("tokenizer"))
    rows = [line.split()[0:2] for line in lines[head + 1:head + 6]]
    assert [r[0] for r in rows] == ["Characters", "BPE", "BPE", "Unigram", "Unigram"]
    assert "100% of 17" in lines[head + 1]  # characters: every Chinese character is one token
    assert "[1/5] Characters…" in err and "[5/5] Unigram 512…" in err
    assert any(line.strip().startswith("Characters  床|前|明") for line in lines)


def test_json_gives_one_object_per_candidate_with_its_cached_file(tmp_path, capsys):
    corpus = tmp_path / "poems.txt"
    corpus.write_text(POEM * 40, encoding="utf-8")
    assert main(["tokenizers", str(corpus), "--vocab", "400", "--kinds", "bpe", "--json",
                 "--runs-dir", str(tmp_path / "runs")]) == 0
    (obj,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert obj["type"] == "tokenizer-candidate" and obj["kind"] == "bpe" and obj["target_vocab"] == 400
    tok = load_tokenizer(obj["tokenizer_file"])
    assert tok.vocab_size == obj["vocab_size"]
    assert "".join(text for text, _ in obj["sample"]) in POEM * 40
    assert str(tmp_path / "runs") in obj["tokenizer_file"]


@pytest.mark.parametrize("args, sentence", [
    (["--vocab", "100"], "A subword vocabulary needs between 300"),
    (["--vocab", "512,lots"], "'lots' is not a vocabulary size"),
    (["--kinds", "char,wordpiece"], "Unknown tokenizer 'wordpiece'"),
    (["--val-fraction", "0.9"], "The validation share must be above 0"),
])
def test_bad_input_is_one_sentence(tmp_path, capsys, args, sentence):
    corpus = tmp_path / "poems.txt"
    corpus.write_text(POEM, encoding="utf-8")
    assert main(["tokenizers", str(corpus), *args, "--runs-dir", str(tmp_path / "runs")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {sentence}") and "\n" not in err
