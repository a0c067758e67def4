"""Reading corpora: every good and bad case a user can drop on lmlab."""

from __future__ import annotations

import json
import os

import pytest

from lmlab.core.corpus import collect_files, corpus_from_texts, default_corpus, load_corpus, scan, shakespeare_markdown_to_text
from lmlab.core.dataset import load_prepared, prepare
from lmlab.core.split import choose_split
from lmlab.core.errors import CorpusError
from lmlab.core.jobs.drive import drain


def read_all(paths) -> str:
    c = load_corpus(paths)
    return "".join(chunk for _, chunk in c.iter_chunks())


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("hello\nworld\n".encode("utf-8"), "hello\nworld\n"),
        (b"\xef\xbb\xbf" + "héllo 你好\n".encode("utf-8"), "héllo 你好\n"),  # UTF-8 with BOM
        ("héllo 你好 🎉\n".encode("utf-16"), "héllo 你好 🎉\n"),  # UTF-16 with BOM (LE)
        (b"\xfe\xff" + "big endian\n".encode("utf-16-be"), "big endian\n"),  # UTF-16 BE with BOM
        (b"a\r\nb\r\nc\rd", "a\nb\nc\nd"),  # CRLF and lone CR normalised
    ],
)
def test_reads_supported_encodings(tmp_path, raw, expected):
    p = tmp_path / "t.txt"
    p.write_bytes(raw)
    assert read_all([p]) == expected


def test_crlf_split_across_chunk_boundary(tmp_path):
    from lmlab.core.corpus import iter_file_text

    p = tmp_path / "t.txt"
    p.write_bytes(b"x" * 9999 + b"\r\n" + b"y" * 10)
    text = "".join(iter_file_text(p, chunk_bytes=10000))  # the CR ends one chunk, the LF starts the next
    assert text == "x" * 9999 + "\n" + "y" * 10


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
        (b"\x7fELF" + bytes(100), "executable"),
        (b"text then \x00 a nul", "NUL"),
        (b"caf\xe9 latin-1 text", "not valid UTF-8"),
        ("no bom utf16".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ],
)
def test_refuses_non_text_naming_file_and_reason(tmp_path, raw, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(raw)
    with pytest.raises(CorpusError) as e:
        read_all([p])
    assert str(p) in str(e.value) and reason in str(e.value)


def test_invalid_utf8_deep_in_a_large_file_names_the_offset(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 100_000 + b"\xff" + b"b" * 10)
    with pytest.raises(CorpusError, match="near byte 100,000"):
        read_all([p])


def test_empty_corpus_is_refused_with_a_sentence(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(CorpusError, match="holds no text"):
        scan(load_corpus([tmp_path]))


def test_folder_without_text_files(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(CorpusError, match="no text files"):
        load_corpus([tmp_path])


def test_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus([tmp_path / "nope.txt"])


def test_folder_recursive_sorted_and_symlink_loop_safe(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("A\n", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("C\n", encoding="utf-8")
    (tmp_path / "b" / "skip.bin").write_bytes(b"\x00")
    os.symlink(tmp_path, tmp_path / "b" / "loop")  # a loop back to the top
    files = collect_files([tmp_path])
    assert [f.name for f in files] == ["a.txt", "c.md"]
    assert read_all([tmp_path]) == "A\nC\n"


def test_jsonl_documents_and_bad_lines(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"text": "第一篇。"}) + "\n\n" + json.dumps({"text": "second", "id": 2}) + "\n",
                 encoding="utf-8")
    assert read_all([p]) == "第一篇。\nsecond\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"title": "no text"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 2: no \"text\" field"):
        read_all([bad])
    bad.write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: not valid JSON"):
        read_all([bad])


def test_statistics():
    c = corpus_from_texts(["ab\ncd\n", "你好\n"])
    s = scan(c)
    assert (s.characters, s.distinct_characters, s.documents, s.lines) == (9, 7, 2, 3)


def test_default_corpus_is_shakespeare_speaker_verse():
    c = default_corpus()
    s = scan(c)
    assert 4_500_000 < s.characters < 5_200_000
    assert s.documents >= 36
    text = c.preview(3000)
    assert "**" not in text and "#" not in text
    assert any(line.endswith(":") and line[:-1].isupper() for line in text.splitlines())


def test_markdown_conversion():
    md = "# Hamlet\n\n## ACT I\n\n_Enter HAMLET,\nalone_\n\n**HAMLET**  \nTo be, or not to be  \nthat is\n\n_Exit_\n"
    assert shakespeare_markdown_to_text(md) == "HAMLET:\nTo be, or not to be\nthat is\n\n"


@pytest.mark.parametrize(
    "sizes, frac, expected",
    [
        ((50, 30, 10, 10), 0.2, ("documents", 2, 0)),
        ((100,), 0.1, ("tail", 0, 90)),
        ((95, 5), 0.5, ("tail", 0, 50)),  # whole documents cannot come close to 50%
        ((10, 10, 10, 10, 10, 10, 10, 10, 10, 10), 0.1, ("documents", 9, 0)),
    ],
)
def test_choose_split(sizes, frac, expected):
    assert choose_split(sizes, frac) == expected


def test_prepare_tail_split_and_memmaps(tmp_path):
    text = "abcdefghij" * 100
    data = drain(prepare(corpus_from_texts([text]), tmp_path, val_fraction=0.1))
    assert (data.n_train, data.n_val, data.split, data.dtype) == (900, 100, "tail", "uint16")
    tok = data.tokenizer()
    assert tok.decode(data.train_tokens()[:10].tolist()) == "abcdefghij"
    again = load_prepared(tmp_path)
    assert again.n_train == 900 and again.vocab_size == data.vocab_size


def test_prepare_uses_uint32_when_vocabulary_needs_it(tmp_path):
    text = "".join(chr(0x20000 + i) for i in range(66_000))  # CJK Extension B and beyond: > 65,535 symbols
    data = drain(prepare(corpus_from_texts([text]), tmp_path))
    assert data.vocab_size > 65535 and data.dtype == "uint32"
    ids = data.train_tokens()
    assert data.tokenizer().decode(ids[:5].tolist()) == text[:5]


def test_prepare_streams_with_progress(tmp_path):
    p = tmp_path / "big.txt"
    line = "All the world's a stage, and all the men and women merely players.\n"
    p.write_text(line * 150_000, encoding="utf-8")  # ~10 MB, read in 4 MiB chunks
    events = []
    gen = prepare(load_corpus([p]), tmp_path / "out")
    while True:
        try:
            events.append(next(gen))
        except StopIteration as stop:
            data = stop.value
            break
    fractions = [e.fraction for e in events if e.stage == "encoding"]
    assert len(fractions) >= 3 and fractions[-1] == pytest.approx(1.0)
    assert data.n_train + data.n_val == len(line) * 150_000
