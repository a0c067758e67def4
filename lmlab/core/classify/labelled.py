"""Labelled texts from a CSV/TSV file, a JSON-lines file or a folder with one subfolder per label.

Every problem is one sentence naming the file and, where there is one, the line and column:

    >>> read_labelled("reviews.csv")            # doctest: +SKIP
    LabelledSet(source='reviews.csv', 1200 examples, labels neg/pos)

``LabelledSet.where[i]`` says where example ``i`` came from ("reviews.csv, line 7"), so the checks
after reading (one label only, a label with a single example) can point at it too.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..corpus import sniff_encoding
from ..errors import CorpusError, user_text

TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
JSONL_SUFFIXES = (".jsonl", ".ndjson")
UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # text that may hold NUL bytes
IMBALANCE_RATIO = 5.0  # largest class / smallest class from which a warning is given


@dataclass(frozen=True)
class LabelledSet:
    source: str  # what a person would call it: a path, or the embedded default's name
    texts: list[str]
    labels: list[str]
    where: list[str]  # per example: "file, line N" (or the file of a folder's example)
    groups: list[str] | None = None  # examples that must stay on one side of the split (the default's plays)

    @property
    def label_names(self) -> list[str]:
        """The labels in a fixed order (sorted), the index of each being its class number."""
        return sorted(set(self.labels))

    def counts(self) -> dict[str, int]:
        c = Counter(self.labels)
        return {name: c[name] for name in self.label_names}

    def imbalance_warning(self) -> str:
        """A sentence when the largest class outnumbers the smallest ``IMBALANCE_RATIO`` to 1, else ""."""
        counts = self.counts()
        big, small = max(counts, key=counts.get), min(counts, key=counts.get)
        ratio = counts[big] / counts[small]
        if ratio < IMBALANCE_RATIO:
            return ""
        return (f"The labels are imbalanced: {big!r} has {counts[big]:,} examples, {small!r} {counts[small]:,} "
                f"({ratio:.0f} to 1); a model that always answers {big!r} scores well on accuracy alone, "
                "so read macro-F1 too.")

    def check(self) -> None:
        """Refuse a set no classifier can learn from or be validated on, naming the example at fault."""
        if not self.texts:
            raise CorpusError("{source} holds no labelled examples.", source=self.source)
        counts = self.counts()
        if len(counts) < 2:
            raise CorpusError("{source}: every example has the label "
                              "{label!r}; a classifier needs at least two "
                              "labels.", source=self.source, label=self.labels[0])
        for name, n in counts.items():
            if n == 1:
                at = self.where[self.labels.index(name)]
                raise CorpusError("{at}: the label {name!r} has only this one example; each "
                                  "label needs at least two (one to train on, one to "
                                  "validate).", at=at, name=name)


def read_text_file(path: Path) -> str:
    """The whole text of ``path`` (UTF-8, or UTF-16 with a byte-order mark), line ends as LF; binary or
    undecodable text is refused naming the line and column of the first bad byte."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CorpusError("{path}: cannot be read ({reason}).", path=path, reason=e.strerror or e) from None
    if b"\x00" in raw and not raw.startswith(UNICODE_BOMS):
        line, col = _line_col(raw, raw.index(0))
        raise CorpusError("{path}, line {line}, column {col}: a NUL byte; the file is binary, not text.", path=path, line=line, col=col)
    codec = sniff_encoding(path, raw[:4096])
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as e:
        line, col = _line_col(raw, e.start)
        raise CorpusError("{path}, line {line}, column {col}: not "
                          "valid {encoding} text; save the file as "
                          "UTF-8.", path=path, line=line, col=col, encoding=codec.upper().replace('-SIG', '')) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of byte ``offset``. Example: (b"ab\\ncd", 4) -> (2, 2)."""
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def read_labelled(path: str | os.PathLike, text_column: str = "text", label_column: str = "label") -> LabelledSet:
    """Read and check labelled examples from a table, a JSON-lines file or a folder of label folders."""
    p = Path(path)
    if p.is_dir():
        out = _read_folder(p)
    elif not p.exists():
        raise CorpusError("{p}: no such file or folder.", p=p)
    elif p.suffix.lower() in TABLE_SUFFIXES:
        out = _read_table(p, TABLE_SUFFIXES[p.suffix.lower()], text_column, label_column)
    elif p.suffix.lower() in JSONL_SUFFIXES:
        out = _read_jsonl(p, text_column, label_column)
    else:
        raise CorpusError("{p}: labelled data is a .csv, .tsv or .jsonl "
                          "file, or a folder with one subfolder per label.", p=p)
    out.check()
    return out


def read_texts(path: str | os.PathLike, text_column: str = "text", label_column: str = "label"
               ) -> tuple[list[str], list[str] | None]:
    """Texts to classify, with their labels when the file has them: a table or JSON-lines file with a
    text column (the label column is optional here), else a plain text file, one text per line."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in TABLE_SUFFIXES or suffix in JSONL_SUFFIXES:
        read = (lambda label: _read_table(p, TABLE_SUFFIXES[suffix], text_column, label)) \
            if suffix in TABLE_SUFFIXES else (lambda label: _read_jsonl(p, text_column, label))
        try:
            s = read(label_column)
            return s.texts, s.labels
        except MissingColumn as e:
            if e.column != label_column:
                raise
        return read(None).texts, None
    if p.is_dir() or not p.exists():
        raise CorpusError("{p}: no such file.", p=p)
    texts = [line for line in read_text_file(p).split("\n") if line.strip()]
    if not texts:
        raise CorpusError("{p} holds no texts.", p=p)
    return texts, None


class MissingColumn(CorpusError):
    """A table has no such column (a JSON line no such field); ``column`` names it."""

    def __init__(self, message: str, column: str, **params):
        super().__init__(message, **params)
        self.column = column


def _read_table(p: Path, delimiter: str, text_column: str, label_column: str | None) -> LabelledSet:
    rows = csv.reader(io.StringIO(read_text_file(p), newline=""), delimiter=delimiter)
    try:
        header = next(rows)
    except StopIteration:
        raise CorpusError("{p} is empty.", p=p) from None
    except csv.Error as e:
        raise CorpusError("{p}, line 1: the header cannot be read ({e}).", p=p, e=e) from None
    header = [h.strip() for h in header]
    cols = []
    for name in (text_column, label_column):
        if name is not None and name not in header:
            raise MissingColumn("{p}, line 1: no column {name!r}; the columns are {columns}.",
                                name, p=p, name=name, columns=', '.join(map(repr, header)))
        cols.append(header.index(name) if name is not None else -1)
    texts, labels, where = [], [], []
    line = rows.line_num
    while True:
        start = line + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as e:
            raise CorpusError("{p}, line {start}: the row cannot be read ({e}).", p=p, start=start, e=e) from None
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(header):
            raise CorpusError("{p}, line {start}: the row has {n_row} fields, the header {n_header}.", p=p, start=start, n_row=len(row), n_header=len(header))
        at = user_text("{path}, line {line}", path=p, line=start)
        texts.append(_nonempty(row[cols[0]], user_text("{at}, column {column!r}", at=at, column=text_column), "text"))
        if label_column is not None:
            labels.append(_nonempty(row[cols[1]], user_text("{at}, column {column!r}", at=at, column=label_column), "label").strip())
        where.append(at)
    return LabelledSet(str(p), texts, labels, where)


def _read_jsonl(p: Path, text_key: str, label_key: str | None) -> LabelledSet:
    texts, labels, where = [], [], []
    for n, line in enumerate(read_text_file(p).split("\n"), 1):
        if not line.strip():
            continue
        at = user_text("{path}, line {line}", path=p, line=n)
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise CorpusError("{at}, column {colno}: not valid JSON ({msg}).", at=at, colno=e.colno, msg=e.msg) from None
        except RecursionError:
            raise CorpusError("{at}: nested too deeply to be an example.", at=at) from None
        if not isinstance(rec, dict):
            raise CorpusError("{at}: expected an object like {{\"{text_key}\": ..., \"{label_key}\": ...}}.", at=at, text_key=text_key, label_key=label_key)
        for key in (text_key, label_key):
            if key is not None and key not in rec:
                raise MissingColumn("{at}: no field {key!r} (the fields are {fields}).", key, at=at, key=key, fields=', '.join(map(repr, rec)))
        text = rec[text_key]
        if not isinstance(text, str):
            raise CorpusError("{at}: the field {text_key!r} is not a string.", at=at, text_key=text_key)
        texts.append(_nonempty(text, user_text("{at}, field {key!r}", at=at, key=text_key), "text"))
        if label_key is not None:
            label = rec[label_key]
            if isinstance(label, bool) or not isinstance(label, (str, int)):
                raise CorpusError("{at}: the field {label_key!r} is not a string or a whole number.", at=at, label_key=label_key)
            labels.append(_nonempty(str(label), user_text("{at}, field {key!r}", at=at, key=label_key), "label").strip())
        where.append(at)
    return LabelledSet(str(p), texts, labels, where)


def _read_folder(p: Path) -> LabelledSet:
    texts, labels, where = [], [], []
    subfolders = sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith("."))
    if not subfolders:
        raise CorpusError("{p}: no subfolders; put each label's texts in a subfolder named after the label.", p=p)
    for d in subfolders:
        for f in sorted(f for f in d.rglob("*") if f.is_file() and not f.name.startswith(".")):
            text = read_text_file(f)
            texts.append(_nonempty(text, str(f), "text"))
            labels.append(d.name)
            where.append(str(f))
    return LabelledSet(str(p), texts, labels, where)


def _nonempty(value: str, at: str, what: str) -> str:
    if not value.strip():
        raise CorpusError("{at}: the text is empty." if what == "text" else "{at}: the label is empty.", at=at)
    return value
