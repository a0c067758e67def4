"""Where the corpus splits into training and validation text.

With several documents, whole documents at the end of the corpus are held out until they
make up ``val_fraction`` of the characters; with one document (or when whole documents
cannot come close to the share), the tail of the text is. The tokenizer is trained on the
training part only, and the same cut decides which tokens go to ``train.bin`` and ``val.bin``.
"""

from __future__ import annotations

from collections.abc import Iterator

from .corpus import Corpus

# ("documents", first validation document, 0) or ("tail", document, character offset in it)
Split = tuple[str, int, int]


def choose_split(doc_chars: tuple[int, ...], val_fraction: float) -> Split:
    """Where validation starts: ("documents", first_val_doc, 0) or ("tail", doc, char offset in it).

    Example: docs of 50, 30, 10, 10 chars, 20% -> ("documents", 2, 0): the last two documents.
    Example: one doc of 100 chars, 10% -> ("tail", 0, 90).
    """
    total = sum(doc_chars)
    target = val_fraction * total
    if len(doc_chars) >= 2:
        acc = 0
        for i in range(len(doc_chars) - 1, 0, -1):
            acc += doc_chars[i]
            if acc >= target:
                if acc <= 2 * target and acc < total:
                    return "documents", i, 0
                break
    # Tail split: validation starts at character total - target.
    cut = total - max(1, int(round(target)))
    acc = 0
    for i, n in enumerate(doc_chars):
        if acc + n > cut:
            return "tail", i, cut - acc
        acc += n
    return "tail", len(doc_chars) - 1, 0


def split_chunks(corpus: Corpus, split: Split) -> Iterator[tuple[str, str]]:
    """("train" | "val", chunk) over the corpus, cut at the split point."""
    mode, val_doc, val_offset = split
    for i, doc in enumerate(corpus.documents):
        if i < val_doc:
            for c in doc.chunks():
                yield "train", c
        elif i > val_doc or mode == "documents":
            for c in doc.chunks():
                yield "val", c
        else:
            pos = 0
            for c in doc.chunks():
                if pos + len(c) <= val_offset:
                    yield "train", c
                elif pos >= val_offset:
                    yield "val", c
                else:
                    k = val_offset - pos
                    yield "train", c[:k]
                    yield "val", c[k:]
                pos += len(c)
