"""Cleaning: each option on crafted English and Chinese text, de-duplication, and prepared runs."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from lmlab.core.cleaning import CleaningOptions
from lmlab.core.config import RunConfig, load_config_file, validate
from lmlab.core.corpus import corpus_from_texts, load_corpus, scan
from lmlab.core.dataset import prepare
from lmlab.core.dedup import NearDuplicates
from lmlab.core.errors import ConfigError, CorpusError
from lmlab.core.jobs.clean import clean_corpus, marked_segments
from lmlab.core.jobs.drive import drain


def cleaned(texts: list[str], spec: str) -> list[str]:
    """The cleaned text of each document that is kept."""
    result = drain(clean_corpus(corpus_from_texts(texts), spec))
    return ["".join(d.chunks()) for d in result.corpus.documents]


@pytest.mark.parametrize("spec, text, expected", [
    ("nfc", "Cafe\u0301", "Café"),
    ("nfkc", "Ｈｅｌｌｏ，ｗｏｒｌｄ！ ﬁ ①", "Hello,world! fi 1"),
    ("nfkc", "全角：１２３，中文。", "全角:123,中文。"),
    ("halfwidth", "Ｈｅｌｌｏ　１２３，中文。", "Hello 123，中文。"),
    ("whitespace", "\n\n  Two   spaces\u200b here\t\x07!  \n\n\n\n\nNext\u00a0line \n\n", "Two spaces here !\n\nNext line\n"),
    ("whitespace", "　　第一章　开始\n", "第一章 开始\n"),
    ("html", "<p>Fish &amp; chips</p><script>var x = 1;</script><!-- note -->\n<b>a</b> < b\n",
     "Fish & chips\n\na < b\n"),
    ("html,whitespace", "<div><h1>标题</h1><p>正文&lt;内容&gt;</p></div>", "标题\n正文<内容>\n"),
    ("t2s", "漢語簡體與繁體。", "汉语简体与繁体。"),
    ("stopwords", "The cat sat on the mat, and it purred.", " cat sat   mat   purred"),
    ("stopwords,whitespace", "我的猫在家里。The cat is here!", "我猫家里 cat here"),
    ("min-line=5", "short\nok\nlong enough\n\n", "short\nlong enough\n\n"),
    ("max-line=5", "short\nok\nlong enough\n", "short\nok\n"),
])
def test_each_option_gives_exactly_the_expected_text(spec, text, expected):
    assert cleaned([text], spec) == [expected]


def test_no_cleaning_changes_nothing():
    texts = ["  odd   spacing \n\n\n", "<b>tags</b>\n"]
    assert cleaned(texts, "") == texts
    assert not CleaningOptions.parse("").active


def test_document_length_filters_and_empty_documents():
    texts = ["tiny\n", "a document of fair length\n", "x" * 100 + "\n", "<br><br><br>\n"]
    assert cleaned(texts, "min-doc=10,max-doc=50") == ["a document of fair length\n", "<br><br><br>\n"]
    r = drain(clean_corpus(corpus_from_texts(texts), "html,whitespace,min-doc=10,max-doc=50"))
    assert r.removed == {"length": 2, "empty": 1}
    assert (r.before.documents, r.after.documents) == (4, 1)


def test_exact_line_and_document_dedup():
    texts = ["Subscribe now!\nStory one.\n", "Subscribe now!\nStory two.\n", "Story one.\nSubscribe now!\n"]
    assert cleaned(texts, "dedup-lines") == ["Subscribe now!\nStory one.\n", "Story two.\n"]
    docs = ["same text\n", "other\n", "same text\n", "same text\n"]
    r = drain(clean_corpus(corpus_from_texts(docs), "dedup"))
    assert ["".join(d.chunks()) for d in r.corpus.documents] == ["same text\n", "other\n"]
    assert r.removed == {"duplicate": 2}
    (c,) = r.clusters
    assert (c.kind, c.first, c.size, c.examples) == ("exact", "text[0]", 3, ("text[2]", "text[3]"))


def _sentences(rng: random.Random, n: int) -> list[str]:
    words = [f"{rng.choice('bcdfghjklmnp')}{rng.choice('aeiou')}{rng.choice('rstvz')}{i}" for i in range(400)]
    return [" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(n)]


@pytest.mark.parametrize("merge_every", [1 << 15, 3])  # 3: the index's sorted arrays are used too
def test_near_dedup_finds_planted_90_percent_copies_and_keeps_distinct_documents(merge_every, monkeypatch):
    monkeypatch.setattr(NearDuplicates, "MERGE_EVERY", merge_every)
    rng = random.Random(0)
    originals = [_sentences(rng, 20) for _ in range(30)]
    docs = [" ".join(s) + "\n" for s in originals]
    planted = []
    for i in range(0, 30, 3):  # 10 copies with 2 of 20 sentences (10%) replaced
        copy = list(originals[i])
        for j in rng.sample(range(20), 2):
            copy[j] = _sentences(rng, 1)[0]
        planted.append(" ".join(copy) + "\n")
    r = drain(clean_corpus(corpus_from_texts(docs + planted), "near-dedup=0.7"))
    assert r.removed == {"near-duplicate": 10}
    assert r.after.documents == 30
    kept = ["".join(d.chunks()) for d in r.corpus.documents]
    assert kept == docs  # every distinct document stays, every planted copy goes
    assert {c.first for c in r.clusters} == {f"text[{i}]" for i in range(0, 30, 3)}
    assert all(c.kind == "near" and c.size == 2 for c in r.clusters)


def test_a_copy_of_a_removed_near_duplicate_joins_the_kept_document_s_cluster():
    rng = random.Random(5)
    original = _sentences(rng, 20)
    near = list(original)
    near[4] = _sentences(rng, 1)[0]
    docs = [" ".join(original) + "\n", " ".join(near) + "\n", " ".join(near) + "\n"]
    r = drain(clean_corpus(corpus_from_texts(docs), "dedup,near-dedup"))
    assert r.removed == {"near-duplicate": 2}
    (c,) = r.clusters
    assert (c.kind, c.first, c.size, c.examples) == ("near", "text[0]", 3, ("text[1]", "text[2]"))


def test_cleaning_everything_away_says_so():
    with pytest.raises(CorpusError, match="removes everything.*stays as it was"):
        drain(clean_corpus(corpus_from_texts(["<p></p>\n", "<br>"]), "html,whitespace"))


def test_preview_marks_removed_spans():
    segs = marked_segments("a <b>b</b>", "a b")
    assert segs == (("kept", "a "), ("removed", "<b>"), ("kept", "b"), ("removed", "</b>"))
    r = drain(clean_corpus(corpus_from_texts(["x <i>y</i>\n", "x <i>y</i>\n"]), "html,dedup"))
    assert r.preview[0] == ((("kept", "x "), ("removed", "<i>"), ("kept", "y"), ("removed", "</i>"), ("kept", "\n")),
                            "x y\n")
    assert r.preview[1] == ((("removed", "x <i>y</i>\n"),), "")


def test_spec_round_trip_and_bad_specs():
    opts = CleaningOptions.parse(" NFKC, html ,dedup,near-dedup, min-doc=20")
    assert opts.spec() == "nfkc,html,min-doc=20,dedup,near-dedup=0.7"
    assert CleaningOptions.parse(opts.spec()) == opts
    for bad in ("nfd", "min-doc=x", "near-dedup=2", "min-line=9,max-line=3"):
        with pytest.raises(ConfigError):
            CleaningOptions.parse(bad)


def test_config_records_cleaning_and_old_configs_load(tmp_path):
    cfg = RunConfig().with_changes(data={"clean": "nfkc,dedup"})
    path = tmp_path / "config.json"
    path.write_text(json.dumps(cfg.to_dict()))
    assert load_config_file(path).data.clean == "nfkc,dedup"
    old = cfg.to_dict()
    del old["data"]["clean"]  # a config.json written before cleaning existed
    path.write_text(json.dumps(old))
    assert load_config_file(path).data.clean == ""
    assert [e.field for e in validate(cfg.with_changes(data={"clean": "bogus"}))] == ["clean"]


def test_prepare_cleans_and_a_re_prepared_run_gives_identical_tokens(tmp_path):
    src = tmp_path / "corpus"
    src.mkdir()
    body = "<p>The same page, again &amp; again.</p>\n" * 40
    for i in range(6):
        (src / f"p{i}.txt").write_text(body if i % 2 else f"<h1>Page {i}</h1>\n" + body.replace("same", f"own{i}"))
    cache = tmp_path / "cache"
    outs = []
    for run in ("a", "b"):
        data = drain(prepare(load_corpus([src]), tmp_path / run, "bpe", 300, tokenizer_cache=cache,
                             clean="html,whitespace,dedup"))
        outs.append(data)
        assert not any(p.name.startswith("lmlab-clean-") for p in (tmp_path / run).iterdir())  # spool removed
    for name in ("train.bin", "val.bin", "tokenizer.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert len(list(cache.iterdir())) == 1  # the second preparation took the first's tokenizer
    raw = drain(prepare(load_corpus([src]), tmp_path / "raw", "char", tokenizer_cache=cache))
    assert outs[0].stats.documents == 4  # three identical pages became one
    assert outs[0].stats.characters < raw.stats.characters
    assert outs[0].stats.fingerprint != raw.stats.fingerprint
    text = outs[0].tokenizer().decode(np.fromfile(tmp_path / "a" / "train.bin", dtype=outs[0].dtype).tolist())
    assert "<p>" not in text and "&amp;" not in text and "again & again." in text
    assert (src / "p1.txt").read_text() == body  # the original files are never changed


def test_cleaning_is_part_of_the_fingerprint():
    corpus = corpus_from_texts(["plain text\n"])
    a = scan(drain(clean_corpus(corpus, "nfc")).corpus)
    b = scan(drain(clean_corpus(corpus, "nfkc")).corpus)
    assert a.characters == b.characters and a.fingerprint != b.fingerprint


def test_t2s_without_opencc_says_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "opencc", None)  # as if it were not installed
    with pytest.raises(ConfigError, match=r"needs OpenCC: pip install 'lmlab\[clean\]'"):
        cleaned(["漢語\n"], "t2s")
