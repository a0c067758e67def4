"""Every kind of bad corpus gets one clear sentence (a CorpusError naming the file), in the core
and on the command line (exit code non-zero, one ``error:`` line on stderr, no traceback),
and nothing hangs."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest

from lmlab.cli import main
from lmlab.core.corpus import iter_file_text, load_corpus
from lmlab.core.dataset import prepare
from lmlab.core.errors import CorpusError
from lmlab.core.jobs.drive import drain
from tests.conftest import SAMPLE_TEXT
from tests.faults._cli_output import assert_one_error_line
from tests.faults._watchdog import no_hang  # noqa: F401 - a fixture

TINY = ["--preset", "tiny", "--layers", "1", "--heads", "2", "--width", "32", "--context", "32",
        "--batch-size", "4", "--lr-warmup", "0"]


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("inside.txt", "hello")
    return buf.getvalue()


def _png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


# name -> (how to make it inside tmp_path; returns the path to give lmlab), words the message must hold
def _file(name: str, data: bytes):
    def make(tmp: Path) -> Path:
        p = tmp / name
        p.write_bytes(data)
        return p

    return make


def _folder(*entries: tuple[str, bytes]):
    def make(tmp: Path) -> Path:
        d = tmp / "folder"
        d.mkdir()
        for name, data in entries:
            (d / name).write_bytes(data)
        return d

    return make


def _self_link(tmp: Path) -> Path:
    p = tmp / "loop.txt"
    os.symlink(p, p)
    return p


def _link_loop_in_folder(tmp: Path) -> Path:
    d = tmp / "folder"
    d.mkdir()
    os.symlink(d / "b.txt", d / "a.txt")
    os.symlink(d / "a.txt", d / "b.txt")
    return d


def _dangling_link(tmp: Path) -> Path:
    p = tmp / "gone.txt"
    os.symlink(tmp / "deleted-long-ago.txt", p)
    return p


def _fifo(tmp: Path) -> Path:
    p = tmp / "pipe.txt"
    os.mkfifo(p)
    return p


def _folder_with_only_a_fifo(tmp: Path) -> Path:
    d = tmp / "folder"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")  # opening it would wait for a writer forever
    return d


BAD = {
    "empty file": (_file("empty.txt", b""), "holds no text"),
    "only whitespace": (_file("blank.txt", b" \n\t\n\r\n"), "holds no text"),
    "PNG image": (_file("photo.png", _png_bytes()), "PNG image"),
    "ZIP archive": (_file("archive.txt", _zip_bytes()), "ZIP archive"),
    "gzip archive": (_file("notes.txt.gz", gzip.compress(b"hello " * 100)), "gzip archive"),
    "ELF executable": (_file("prog", Path(sys.executable).resolve().read_bytes()[:65536]), "executable"),
    "Windows executable": (_file("setup.exe", b"MZ\x90\x00" + bytes(200)), "Windows executable"),
    "PDF": (_file("paper.pdf", b"%PDF-1.7\n" + bytes(range(256))), "PDF"),
    "random bytes": (_file("noise.bin", bytes((i * 7919 + 13) % 256 for i in range(20000))), "binary"),
    "invalid UTF-8": (_file("latin1.txt", "café crème brûlée\n".encode("latin-1")), "not valid UTF-8"),
    "invalid UTF-8 deep inside": (_file("deep.txt", b"ok\n" * 3_000_000 + b"\xc3\x28 bad\n"), "near byte 9,000,000"),
    "UTF-16 without a BOM": (_file("u16.txt", "some text\n".encode("utf-16-le") * 50), "UTF-16"),
    "UTF-32": (_file("u32.txt", codecs.BOM_UTF32_LE + "text\n".encode("utf-32-le")), "UTF-32"),
    "folder without text files": (_folder(("a.png", _png_bytes()), ("b.bin", b"\x00\x01")), "no text files"),
    "empty folder": (_folder(), "no text files"),
    "folder of empty files": (_folder(("a.txt", b""), ("b.md", b"\n\n")), "holds no text"),
    "symlink to itself": (_self_link, "symbolic link"),
    "symlink loop in a folder": (_link_loop_in_folder, "symbolic links"),
    "dangling symlink": (_dangling_link, "symbolic link"),
    "missing path": (lambda tmp: tmp / "nope.txt", "no such file"),
    "named pipe": (_fifo, "not a regular file"),
    "folder with only a named pipe": (_folder_with_only_a_fifo, "no text files"),
    "jsonl without text": (_file("d.jsonl", b'{"title": "x"}\n'), 'no "text" field'),
    "jsonl with garbage": (_file("d.jsonl", b'{"text": "ok"}\n\x7b\x7b\x7b\n'), "not valid JSON"),
}


CLI_RESOLVES_LINKS = {"symlink to itself", "dangling symlink"}


def _named(msg: str, path: Path) -> bool:
    return str(path) in msg or path.name in msg


@pytest.mark.parametrize("kind", list(BAD))
def test_core_refuses_with_a_corpus_error(no_hang, tmp_path, kind):
    make, words = BAD[kind]
    path = make(tmp_path)
    with pytest.raises(CorpusError) as e:
        drain(prepare(load_corpus([path]), tmp_path / "out"))
    msg = str(e.value)
    assert words in msg and "\n" not in msg, msg
    assert _named(msg, path) or kind.startswith("folder") or kind == "empty folder", msg


@pytest.mark.parametrize("kind", list(BAD))
def test_cli_prepare_and_train_say_one_line(no_hang, tmp_path, kind, capsys):
    make, words = BAD[kind]
    path = make(tmp_path)
    assert main(["prepare", str(path), "--out", str(tmp_path / "out")]) != 0
    assert_one_error_line(capsys.readouterr().err, words)
    code = main(["train", "--corpus", str(path), "--steps", "1", "--runs-dir", str(tmp_path / "runs"), *TINY])
    assert code != 0
    # `lmlab train` resolves --corpus paths first (cli_config.build_config), which turns a dangling link into
    # its missing target and a self-link into "RuntimeError: Symlink loop from ...": still one line.
    assert_one_error_line(capsys.readouterr().err, "" if kind in CLI_RESOLVES_LINKS else words)


# -- files that change under lmlab's feet --------------------------------------------------------


def test_file_deleted_between_loading_and_reading(tmp_path):
    p = tmp_path / "vanishing.txt"
    p.write_text(SAMPLE_TEXT * 10, encoding="utf-8")
    c = load_corpus([p])
    p.unlink()
    with pytest.raises(CorpusError, match=r"vanishing\.txt: cannot be read \(No such file"):
        drain(prepare(c, tmp_path / "out"))


def test_file_truncated_while_being_read(tmp_path):
    p = tmp_path / "shrinking.txt"
    p.write_bytes(b"0123456789\n" * 10_000)
    chunks = iter_file_text(p, chunk_bytes=20_000)
    next(chunks)
    with open(p, "r+b") as f:  # another program cuts the file while lmlab is half-way through it
        f.truncate(30_000)
    with pytest.raises(CorpusError, match=r"shrinking\.txt: changed while it was being read \(110,000 bytes"):
        list(chunks)


def test_file_appended_to_while_being_read(tmp_path):
    p = tmp_path / "growing.txt"
    p.write_bytes(b"0123456789\n" * 10_000)
    chunks = iter_file_text(p, chunk_bytes=20_000)
    next(chunks)
    with open(p, "ab") as f:
        f.write(b"more\n" * 1000)
    with pytest.raises(CorpusError, match="changed while it was being read"):
        list(chunks)


@pytest.mark.parametrize("change", ["truncate", "append"])
def test_file_changed_between_reading_and_encoding(tmp_path, change):
    p = tmp_path / "edited.txt"
    p.write_text(SAMPLE_TEXT * 40, encoding="utf-8")
    gen = prepare(load_corpus([p]), tmp_path / "out")
    with pytest.raises(CorpusError, match="changed while it was being prepared"):
        for ev in gen:
            if ev.stage == "encoding" and ev.fraction == 0.0:  # the statistics and split are fixed now
                if change == "truncate":
                    p.write_text(SAMPLE_TEXT * 3, encoding="utf-8")
                else:
                    with open(p, "a", encoding="utf-8") as f:
                        f.write(SAMPLE_TEXT)
    assert not [q.name for q in (tmp_path / "out").iterdir() if q.suffix == ".bin" or ".tmp" in q.name]


def test_unreadable_file_is_refused(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("text\n", encoding="utf-8")
    os.chmod(p, 0)
    try:
        try:
            p.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running as root: chmod 000 does not stop root from reading")
        with pytest.raises(CorpusError, match=r"secret\.txt: cannot be read \(Permission denied\)"):
            load_corpus([p])
    finally:
        os.chmod(p, 0o644)


# -- big but valid: no hang ---------------------------------------------------------------------


def test_megabyte_lines_without_newlines_prepare(tmp_path, capsys):
    p = tmp_path / "one-line.txt"
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
    p.write_text(words * 60_000, encoding="utf-8")  # 4.7 MB, no newline at all
    assert main(["prepare", str(p), "--out", str(tmp_path / "out"), "--json"]) == 0
    assert '"lines": 1' in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["bpe", "unigram"])
def test_subword_training_on_a_long_line_without_spaces_is_bounded(kind):
    """HF's trainers are superlinear in a word's length: on this 1 MB word both ran for minutes
    (BPE: 300 kB of random letters took ~100 s; Unigram crashed the process on a 1 MB random word).
    Words are now cut at MAX_TRAIN_WORD characters: well under a second each."""
    from lmlab.core.tokenizers import train_tokenizer

    blob = "".join(chr(97 + i * i % 7) for i in range(1_000_000))  # 1 MB, one line, no spaces
    t0 = time.perf_counter()
    tok = train_tokenizer(kind, [blob], vocab_size=400)
    assert time.perf_counter() - t0 < 30
    assert tok.decode(tok.encode(blob[:5000])) == blob[:5000]
