"""The vocabulary of a translation run: one tokenizer for both sides, or one per side in one id table.

The model has one token table (``seq2seq.model``); its last three ids are ``<pad> <s> </s>``.

* **Shared** (the default, simplest): one tokenizer trained on both sides, the specials appended;
  ``source`` and ``target`` are the same tokenizer. Saved as ``tokenizer.json``.
* **Separate**: a tokenizer per side (each char / BPE / Unigram, trained on its own side), their ids
  side by side: source ids ``0 .. Vs-1``, target ids ``Vs .. Vs+Vt-1``, then the three specials.
  Saved as ``tokenizer.json`` (source) and ``tokenizer.target.json``. Each side's view
  (``SideTokenizer``) encodes into and decodes from its own range.

Example (separate, char): sources "12", targets "一二" -> source ids 0-2 ("1", "2", unknown), target
ids 3-5 ("一", "二", unknown), specials 6-8; ``target.encode("二") == [4]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from ..tokenizers import TOKENIZER_FILE, UNK_PIECE, Tokenizer, load_tokenizer, train_tokenizer
from .model import SPECIALS, special_ids

TARGET_TOKENIZER_FILE = "tokenizer.target.json"


class SideTokenizer:
    """One side's tokenizer seen through the joint id table: its ids shifted by ``offset``, the specials last."""

    def __init__(self, tok: Tokenizer, offset: int, total: int):
        self.tok, self.offset, self.total = tok, offset, total
        self.kind = tok.kind
        self._specials = dict(zip(special_ids(total), SPECIALS))

    @property
    def vocab_size(self) -> int:
        return self.total

    def encode(self, text: str) -> list[int]:
        return [i + self.offset for i in self.tok.encode(text)]

    def id_to_piece(self, i: int) -> str:
        if i in self._specials:
            return self._specials[i]
        own = i - self.offset
        return self.tok.id_to_piece(own) if 0 <= own < self.tok.vocab_size else UNK_PIECE

    def decode(self, ids: Iterable[int]) -> str:
        ids = list(ids)
        if all(0 <= i - self.offset < self.tok.vocab_size for i in ids):
            return self.tok.decode([i - self.offset for i in ids])  # subword pieces join as the tokenizer joins them
        return "".join(self.id_to_piece(i) for i in ids)

    def unknown_chars(self, text: str) -> list[str]:
        return self.tok.unknown_chars(text)


@dataclass(frozen=True)
class PairVocabulary:
    source: Tokenizer  # encodes the source side into the model's ids
    target: Tokenizer  # encodes and decodes the target side
    size: int  # the model's vocabulary (specials included)
    shared: bool


def _shared(tok: Tokenizer) -> PairVocabulary:
    return PairVocabulary(tok, tok, tok.vocab_size, True)


def _separate(src: Tokenizer, tgt: Tokenizer) -> PairVocabulary:
    total = src.vocab_size + tgt.vocab_size + len(SPECIALS)
    return PairVocabulary(SideTokenizer(src, 0, total), SideTokenizer(tgt, src.vocab_size, total), total, False)


def train_vocabulary(kind: str, vocab_size: int, sources: Sequence[str], targets: Sequence[str],
                     shared: bool = True) -> tuple[PairVocabulary, dict[str, Tokenizer]]:
    """The vocabulary of the training pairs and the files that keep it ({file name: tokenizer}).

    ``vocab_size`` is each tokenizer's (BPE / Unigram): shared, the one; separate, each side's."""
    if shared:
        tok = train_tokenizer(kind, [*sources, *targets], vocab_size).with_special_tokens(SPECIALS)
        if [tok.encode(s) for s in SPECIALS] != [[i] for i in special_ids(tok.vocab_size)]:
            raise CorpusError("The {kind} tokenizer did not place {specials} last; try another tokenizer.", kind=kind, specials=', '.join(SPECIALS))
        return _shared(tok), {TOKENIZER_FILE: tok}
    src, tgt = train_tokenizer(kind, sources, vocab_size), train_tokenizer(kind, targets, vocab_size)
    return _separate(src, tgt), {TOKENIZER_FILE: src, TARGET_TOKENIZER_FILE: tgt}


def load_vocabulary(folder: str | Path) -> PairVocabulary:
    """The vocabulary of a prepared data folder: shared when it has no ``tokenizer.target.json``."""
    folder = Path(folder)
    src = load_tokenizer(folder / TOKENIZER_FILE)
    if not (folder / TARGET_TOKENIZER_FILE).exists():
        return _shared(src)
    return _separate(src, load_tokenizer(folder / TARGET_TOKENIZER_FILE))
