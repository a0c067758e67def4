"""Clean a corpus: the Corpus panel's *Clean*, and what preparing a run with ``data.clean`` does first.

The original files are only read. The cleaned text goes to a temporary spool file, and the
returned ``CleanResult.corpus`` streams it: documents keep their order and names, so the split,
the tokenizer and the token files of a run are made from exactly this text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Generator
from dataclasses import replace
from pathlib import Path

from ..clean_stream import Cleaner, Spool
from ..cleaning import CleaningOptions
from ..corpus import Corpus, iter_scan
from ..errors import CorpusError
from ..events import CleanProgress, CleanResult, DuplicateCluster, TextStats
from .drive import mapped, thinned

TOP_CLUSTERS = 10
EXAMPLES = 3
PREVIEW_CHARS = 3000


def clean_corpus(
    corpus: Corpus, options: CleaningOptions | str, *, spool_dir: str | Path | None = None,
    preview_chars: int = PREVIEW_CHARS,
) -> Generator[CleanProgress, None, CleanResult]:
    """Clean ``corpus`` as ``options`` say, streaming; yields progress, and closing it cancels.

    Raises CorpusError when the cleaning would leave no text (the caller keeps the corpus it had).
    """
    opts = options if isinstance(options, CleaningOptions) else CleaningOptions.parse(options)
    spool = Spool(spool_dir)
    cleaner = Cleaner(opts, spool)
    total = max(1, corpus.size_hint)
    done = before_docs = before_chars = last = 0
    before_charset: set[str] = set()
    clusters: dict[int, list] = {}  # key of the kept document -> [kind, size, examples, snippet]
    preview: list[tuple[str, str]] = []  # (original, cleaned) of the first documents
    ranges: list[tuple[int, int]] = []

    def name(key: int) -> str:
        doc = corpus.documents[key >> 32]
        base = Path(doc.name).name if Path(doc.name).name else doc.name
        return f"{base}, record {(key & 0xFFFFFFFF) + 1:,}" if doc.records else base

    for di, doc in enumerate(corpus.documents):
        start = spool.file.tell()
        read = 0
        units = ((chunk,) for chunk in doc.chunks()) if doc.records else (doc.chunks(),)
        for ri, pieces in enumerate(units):
            cleaner.begin()
            original: list[str] = []
            capture = sum(len(o) for o, _ in preview) < preview_chars
            for piece in pieces:
                before_chars += len(piece)
                before_charset.update(piece)
                read += len(piece)
                if capture and sum(map(len, original)) < preview_chars:
                    original.append(piece[:preview_chars])
                cleaner.feed(piece)
                frac = min(1.0, (done + min(read, doc.size_hint)) / total)
                if frac - last >= 0.01:
                    last = frac
                    yield CleanProgress(frac, sum(v for k, v in cleaner.removed.items() if "lines" not in k))
            before_docs += 1
            reason, first = cleaner.end((di << 32) | ri)
            if capture:
                cleaned = "" if reason else _read_back(spool, cleaner.start)
                preview.append(("".join(original)[:preview_chars], cleaned[:preview_chars]))
            if first is not None:
                c = clusters.setdefault(first, ["exact" if reason == "duplicate" else "near", 1, [], cleaner.head])
                c[1] += 1
                if reason == "near-duplicate":  # "exact" only while every copy removed is exact
                    c[0] = "near"
                if len(c[2]) < EXAMPLES:
                    c[2].append(name((di << 32) | ri))
        done += doc.size_hint
        ranges.append((start, spool.file.tell()))
    spool.file.flush()

    before = TextStats(before_docs, before_chars, len(before_charset))
    after = TextStats(cleaner.kept_docs, cleaner.kept_chars, len(cleaner.kept_charset))
    if cleaner.kept_chars == 0 or not "".join(cleaner.kept_charset).strip():
        what = ", ".join(f"{n:,} {k}" for k, n in sorted(cleaner.removed.items())) or "nothing was left"
        raise CorpusError("Cleaning with '{spec}' removes everything (documents before: "
                          "{before_docs:,}; removed: {what}). The corpus stays as it was; choose "
                          "gentler options.", spec=opts.spec(), before_docs=before_docs, what=what)
    # Files left empty are left out (a JSON-lines file is one document of its kept records).
    cleaned = Corpus([spool.document(d.name, a, b) for d, (a, b) in zip(corpus.documents, ranges) if b > a],
                     sources=list(corpus.sources), label=corpus.label, cleaning=opts.spec())
    top = sorted(clusters.items(), key=lambda kv: (-kv[1][1], kv[0]))[:TOP_CLUSTERS]
    return CleanResult(
        opts.spec(), cleaned, before, after, dict(cleaner.removed),
        tuple(DuplicateCluster(kind, name(key), size, tuple(ex), snippet) for key, (kind, size, ex, snippet) in top),
        tuple((marked_segments(o, c), c) for o, c in preview),
    )


def clean_and_scan(corpus: Corpus, options: CleaningOptions | str, *, spool_dir: str | Path | None = None,
                   ) -> Generator[CleanProgress, None, CleanResult]:
    """``clean_corpus``, then the cleaned text read as preparing a run reads it (``result.stats``):
    the Corpus panel's *Clean*; the statistics and the tokenizer then describe the cleaned text."""
    result = yield from mapped(clean_corpus(corpus, options, spool_dir=spool_dir),
                               lambda p: CleanProgress(0.9 * p.fraction, p.documents_removed))
    removed = sum(v for k, v in result.removed.items() if "lines" not in k)
    stats = yield from mapped(thinned(iter_scan(result.corpus)), lambda f: CleanProgress(0.9 + 0.1 * f, removed))
    return replace(result, stats=stats)


def _read_back(spool: Spool, start: int) -> str:
    """The cleaned text of the document just kept (the spool holds it from ``start`` to its end)."""
    end = spool.file.tell()
    spool.file.seek(start)
    raw = spool.file.read(min(end - start, 4 * PREVIEW_CHARS))
    spool.file.seek(end)
    return raw.decode("utf-8", "ignore")


def marked_segments(original: str, cleaned: str) -> tuple[tuple[str, str], ...]:
    """``original`` as ("kept" | "removed" | "added", text) segments that turn it into ``cleaned``.

    Example: "a <b>b</b>" -> "a b" gives ("kept", "a "), ("removed", "<b>"), ("kept", "b"), ("removed", "</b>").
    """
    a, b = _TOKEN.findall(original), _TOKEN.findall(cleaned)  # tags and words align whole
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _append(out, "kept", "".join(a[i1:i2]))
        if op in ("delete", "replace"):
            _append(out, "removed", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _append(out, "added", "".join(b[j1:j2]))
    return tuple(out)


_TOKEN = re.compile(r"<[^<>]*>|&#?\w+;|[A-Za-z0-9_]+|\s|.", re.S)


def _append(out: list[tuple[str, str]], kind: str, text: str) -> None:
    if out and out[-1][0] == kind:
        out[-1] = (kind, out[-1][1] + text)
    else:
        out.append((kind, text))
