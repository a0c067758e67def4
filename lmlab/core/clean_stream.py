"""The streaming cleaner: documents in, cleaned documents written to a spool file, duplicates dropped.

Each document (a text file, or a JSON-lines record) is cleaned block by block of whole lines as
it streams in and written at once to the spool; when its end shows it must go (too short, a
duplicate) the spool is cut back to where it began. Memory holds one block, the hashes
``core.dedup`` keeps, and a few counters: never a whole document or corpus.

The spool is a temporary file, deleted once the cleaned corpus reading it is gone.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

from .cleaning import CleaningOptions, text_transform
from .corpus import CHUNK_BYTES, Document
from .dedup import NearDuplicates, Signature, hash64

HEAD_CHARS = 160  # the start of each document kept for duplicate-cluster snippets
MAX_CARRY = 1 << 22  # a "line" longer than this is cut (a file without line ends still streams)


class Spool:
    """A temporary file of cleaned text; deleted when this object is garbage collected."""

    def __init__(self, folder: str | os.PathLike | None = None):
        fd, name = tempfile.mkstemp(prefix="lmlab-clean-", suffix=".txt", dir=folder)
        self.path = Path(name)
        self.file = os.fdopen(fd, "w+b")
        weakref.finalize(self, _remove, self.file, self.path)

    def document(self, name: str, start: int, end: int) -> Document:
        """The cleaned text between byte ``start`` and ``end`` as a document that streams it."""
        return Document(name, lambda: self._read(start, end), end - start)

    def _read(self, start: int, end: int) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        with open(self.path, "rb") as f:
            f.seek(start)
            left = end - start
            while left > 0:
                block = f.read(min(CHUNK_BYTES, left))
                if not block:
                    break
                left -= len(block)
                text = decoder.decode(block, final=left <= 0)
                if text:
                    yield text


def _remove(file, path: Path) -> None:
    file.close()
    try:
        path.unlink()
    except OSError:
        pass


class Cleaner:
    """Cleans one document at a time (``begin``, ``feed``..., ``end``), remembering what it has seen."""

    def __init__(self, opts: CleaningOptions, spool: Spool):
        self.opts = opts
        self.out = spool.file
        self.transform = text_transform(opts) if opts.transforms_text else None
        self.by_line = opts.whitespace or opts.min_line or opts.max_line or opts.dedup_lines
        self.near = NearDuplicates(opts.near_dedup) if opts.near_dedup else None
        self.seen_lines: set[int] = set()
        self.seen_docs: dict[int, int] = {}  # document hash -> key of the document kept
        self.removed: dict[str, int] = {}
        self.kept_docs = self.kept_chars = 0
        self.kept_charset: set[str] = set()

    # -- one document ------------------------------------------------------------------------------
    def begin(self) -> None:
        self.start = self.out.tell()
        self.carry = ""
        self.chars = 0
        self.content = False  # a non-blank line was written
        self.blank = False  # a blank line is pending (written before the next content line)
        self.charset: set[str] = set()
        self.head = ""
        self.hasher = hashlib.blake2b(digest_size=8) if self.opts.dedup else None
        self.sig = Signature() if self.near else None

    def feed(self, text: str, final: bool = False) -> None:
        block = self.carry + text
        if not final:
            cut = block.rfind("\n") + 1
            if cut == 0 and len(block) < MAX_CARRY:
                self.carry = block
                return
            cut = cut or len(block)
            block, self.carry = block[:cut], block[cut:]
        else:
            self.carry = ""
        if self.transform is not None:
            block = self.transform(block)
        if self.by_line:
            self._lines(block)
        elif block:
            self.content = self.content or not block.isspace()
            self._emit(block)

    def end(self, key: int) -> tuple[str, int | None]:
        """Finish the document: ("", None) kept, or (reason, key of the document it repeats or None) removed."""
        if self.carry:
            self.feed("", final=True)
        reason, first = self._verdict(key)
        if reason:
            self.out.seek(self.start)
            self.out.truncate()
            self.removed[reason] = self.removed.get(reason, 0) + 1
        else:
            self.kept_docs += 1
            self.kept_chars += self.chars
            self.kept_charset |= self.charset
        return reason, first

    def _verdict(self, key: int) -> tuple[str, int | None]:
        o = self.opts
        if not self.content:
            return "empty", None
        if (o.min_doc and self.chars < o.min_doc) or (o.max_doc and self.chars > o.max_doc):
            return "length", None
        h = int.from_bytes(self.hasher.digest(), "little") if self.hasher is not None else None
        if h is not None and h in self.seen_docs:
            return "duplicate", self.seen_docs[h]
        if self.near is not None:
            first = self.near.match(key, self.sig.finish())
            if first is not None:
                return "near-duplicate", first
        if h is not None:  # only kept documents are remembered: a copy of a removed one joins its cluster
            self.seen_docs[h] = key
        return "", None

    # -- lines ------------------------------------------------------------------------------------
    def _lines(self, block: str) -> None:
        o = self.opts
        out: list[str] = []
        pieces = block.split("\n")
        for i, line in enumerate(pieces):
            last = i == len(pieces) - 1
            if last and not line:
                break
            end = "" if last else "\n"
            if o.whitespace:
                line = line.strip(" ")
            if not line or line.isspace():
                if o.whitespace:
                    self.blank = self.content or bool(out)  # runs of blank lines become one; none at the start
                else:
                    out.append(line + end)
                continue
            n = len(line)
            if (o.min_line and n < o.min_line) or (o.max_line and n > o.max_line):
                self.removed["lines by length"] = self.removed.get("lines by length", 0) + 1
                continue
            if o.dedup_lines:
                h = hash64(line)
                if h in self.seen_lines:
                    self.removed["duplicate lines"] = self.removed.get("duplicate lines", 0) + 1
                    continue
                self.seen_lines.add(h)
            if self.blank:
                out.append("\n")
                self.blank = False
            out.append(line + end)
        if out:
            self.content = self.content or any(not p.isspace() for p in out)
            self._emit("".join(out))

    def _emit(self, text: str) -> None:
        self.out.write(text.encode("utf-8", "surrogatepass"))
        self.chars += len(text)
        self.charset.update(text)
        if len(self.head) < HEAD_CHARS:
            self.head += text[: HEAD_CHARS - len(self.head)]
        if self.hasher is not None:
            self.hasher.update(text.encode("utf-8", "surrogatepass"))
        if self.sig is not None:
            self.sig.update(text)
