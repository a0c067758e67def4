"""Parallel data (core.seq2seq.tasks, core.seq2seq.data): the embedded tasks are right and keep their
held-out items apart; bad files get one sentence naming the file and line; prepared data reads back."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from lmlab.core.errors import CorpusError
from lmlab.core.seq2seq.data import PairBatches, open_parallel, prepare_parallel, read_pairs
from lmlab.core.seq2seq.model import IGNORE, special_ids
from lmlab.core.seq2seq.tasks import (DIRECTIONS, chinese_numeral, english_words, human_date, parse_task_source,
                                      task_pairs, task_source)
from lmlab.core.jobs.drive import drain


@pytest.mark.parametrize(("n", "zh"), [
    (0, "零"), (7, "七"), (10, "十"), (11, "十一"), (20, "二十"), (101, "一百零一"), (110, "一百一十"),
    (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (10000, "一万"), (10010, "一万零一十"),
    (10100, "一万零一百"), (20345, "二万零三百四十五"), (99999, "九万九千九百九十九"), (100000, "十万"),
    (100001, "十万零一"), (110000, "十一万"), (1234, "一千二百三十四"),
])
def test_chinese_numerals(n, zh):
    assert chinese_numeral(n) == zh


@pytest.mark.parametrize(("n", "en"), [
    (0, "zero"), (13, "thirteen"), (40, "forty"), (1234, "one thousand two hundred thirty-four"),
    (100001, "one hundred thousand one"), (99999, "ninety-nine thousand nine hundred ninety-nine"),
])
def test_english_words(n, en):
    assert english_words(n) == en


def test_every_direction_generates_and_keeps_held_out_items_apart():
    for direction in DIRECTIONS:
        train, val = task_pairs(direction, 2000, 0.1, seed=3)
        assert len(val) == 200 and len(train) == 1800
        assert not {s for s, _ in train} & {s for s, _ in val}, direction
        assert not {t for _, t in train} & {t for _, t in val}, direction
        assert task_pairs(direction, 2000, 0.1, seed=3) == (train, val)  # seeded
    src, tgt = task_pairs("zh->digits", 50)[1][0]
    assert chinese_numeral(int(tgt)) == src


def test_dates_are_written_six_ways():
    day = dt.date(2021, 3, 3)
    assert {human_date(day, k) for k in range(6)} == {
        "March 3, 2021", "3 March 2021", "Mar 3 2021", "Wednesday, March 3, 2021", "3rd of March 2021", "03.03.2021"}
    _, val = task_pairs("dates->iso", 500)
    assert all(dt.date.fromisoformat(t) for _, t in val)


def test_task_sources_name_a_direction():
    assert parse_task_source(task_source("digits->en", 500)) == ("digits->en", 500)
    assert parse_task_source("task:zh->digits") == ("zh->digits", 40_000)
    assert parse_task_source("corpus.tsv") is None
    with pytest.raises(CorpusError, match="Unknown translation task 'klingon->en'"):
        parse_task_source("task:klingon->en")


def write(path, data: str | bytes):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_tsv_jsonl_and_aligned_files_read_the_same_pairs(tmp_path):
    tsv = write(tmp_path / "p.tsv", "one\tun\n\ntwo\tdeux\n")
    jsonl = write(tmp_path / "p.jsonl", '{"source": "one", "target": "un"}\n{"source": "two", "target": "deux"}\n')
    a, b = write(tmp_path / "a.txt", "one\ntwo\n"), write(tmp_path / "b.txt", "un\ndeux\n")
    for paths in ([tsv], [jsonl], [a, b]):
        assert [(p.source, p.target) for p in read_pairs(paths)] == [("one", "un"), ("two", "deux")]


@pytest.mark.parametrize(("files", "message"), [
    ({"p.tsv": "one\tun\ntwo deux\n"}, "p.tsv, line 2: expected source<TAB>target, found no tab."),
    ({"p.tsv": "one\tun\na\tb\tc\n"}, "p.tsv, line 2: expected source<TAB>target, found 2 tabs."),
    ({"p.tsv": "one\tun\n \tdeux\n"}, "p.tsv, line 2: the source side is empty."),
    ({"p.tsv": "one\tun\ntwo\t\n"}, "p.tsv, line 2: the target side is empty."),
    ({"p.tsv": b"one\tun\ntw\xff\tdeux\n"}, "p.tsv, line 2: the text is not UTF-8 (byte 0xff)"),
    ({"p.tsv": b"one\tun\n\x00\x01\x02"}, "p.tsv looks like a binary file (a NUL byte on line 2), not text."),
    ({"p.jsonl": '{"source": "a", "target": "b"}\n{"source": "a"}\n'}, 'p.jsonl, line 2: expected {"source"'),
    ({"p.jsonl": '{"source": "a", "target": "b"}\n{oops\n'}, "p.jsonl, line 2: not valid JSON"),
    ({"a.txt": "one\ntwo\nthree\n", "b.txt": "un\ndeux\n"}, "a.txt has 3 lines but "),
    ({"a.txt": "one\n\nthree\n", "b.txt": "un\ndeux\ntrois\n"}, "a.txt, line 2: the source side is empty."),
])
def test_bad_input_is_one_sentence_naming_file_and_line(tmp_path, files, message):
    paths = [write(tmp_path / name, data) for name, data in files.items()]
    with pytest.raises(CorpusError) as e:
        read_pairs(paths)
    assert message in str(e.value) and "\n" not in str(e.value)
    assert str(tmp_path) in str(e.value)


def test_a_sentence_longer_than_the_context_names_its_line(tmp_path):
    rows = "".join(f"{w}\t{w[::-1]}\n" for w in ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"])
    tsv = write(tmp_path / "p.tsv", rows + "abcdefghijklmnop\tshort\n")
    with pytest.raises(CorpusError, match=r"p\.tsv, line 9: the source has 16 tokens, more than the 8 the context"):
        drain(prepare_parallel([str(tsv)], tmp_path / "data", block_size=8, val_fraction=0.2))


def test_prepared_data_reads_back_as_padded_batches(tmp_path):
    data = drain(prepare_parallel(["task:digits->zh:300"], tmp_path / "data", block_size=16, seed=1))
    again = open_parallel(tmp_path / "data", json.loads((tmp_path / "data" / "meta.json").read_text()))
    assert again == data and data.meta["kind"] == "parallel" and data.meta["pairs_val"] == 30
    stats = data.meta["stats"]["train"]
    assert stats["source"]["pairs"] == 270 and stats["source"]["max"] <= 5 and stats["target"]["max"] <= 9
    assert stats["source"]["p50"] <= stats["source"]["p90"] <= stats["source"]["max"]
    tok = data.tokenizer()
    pad, bos, eos = special_ids(data.vocab_size)
    assert [tok.encode(s)[0] for s in ("<pad>", "<s>", "</s>")] == [pad, bos, eos]
    batches = data.batches("val", 16, 4, "cpu")
    assert isinstance(batches, PairBatches)
    src, tgt_in, tgt_out = batches.at(np.arange(4))
    source, target = data.val_sample()[0]
    assert tok.decode(src[0][src[0] != pad].tolist()) == source
    assert tgt_in[0, 0] == bos and tok.decode(tgt_in[0, 1:len(target) + 1].tolist()) == target
    assert tgt_out[0, len(target)] == eos and (tgt_out[tgt_in == pad] == IGNORE).all()
    assert len(data.val_sample()) == 30


@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_a_separate_vocabulary_gives_each_side_its_own_ids(tmp_path, kind):
    data = drain(prepare_parallel(["task:digits->en:300"], tmp_path / "data", block_size=64, shared_vocab=False,
                                  tokenizer=kind, vocab_size=300))
    vocab = data.vocabulary()
    assert not vocab.shared and data.meta["vocabulary"] == "separate" and vocab.size == data.vocab_size
    src_tgt = data.arrays("train")
    pad, bos, eos = special_ids(data.vocab_size)
    source, target = data.val_sample()[0]
    src_ids, tgt_ids = vocab.source.encode(source), vocab.target.encode(target)
    assert max(src_ids) < min(tgt_ids) and max(tgt_ids) < pad  # side by side, specials last
    assert vocab.source.decode(src_ids) == source and vocab.target.decode(tgt_ids) == target
    assert vocab.target.id_to_piece(bos) == "<s>" and vocab.source.id_to_piece(eos) == "</s>"
    real = src_tgt[0][src_tgt[0] != pad]
    assert real.max() < min(tgt_ids)  # the source arrays hold source ids only


def test_scan_pairs_gives_each_sides_statistics_without_a_run(tmp_path):
    from lmlab.core.config import DataConfig
    from lmlab.core.jobs.translate import scan_pairs

    tsv = write(tmp_path / "p.tsv", "".join(f"{n}\t{chinese_numeral(n)}\n" for n in range(1, 101)))
    scan = drain(scan_pairs(str(tsv), DataConfig(val_fraction=0.2), block_size=16))
    assert scan.label == "p.tsv" and scan.shared and len(scan.preview) == 20
    assert scan.stats["train"]["source"]["pairs"] == 80 and scan.stats["val"]["target"]["pairs"] == 20
    assert scan.stats["train"]["source"]["max"] == scan.stats["train"]["target"]["max"] == 3  # 100, 九十九
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.tsv"]
    with pytest.raises(CorpusError, match=r"p\.tsv, line \d+: the (source|target) has \d tokens, more than the [12] "):
        drain(scan_pairs(str(tsv), DataConfig(), block_size=2))
