"""Tokenizers: character-level, and byte-level BPE / Unigram from Hugging Face ``tokenizers``.

All of them follow one small protocol (``Tokenizer``): ``encode``, ``decode``,
``vocab_size``, ``kind``, ``id_to_piece`` and ``save``; ``load_tokenizer`` reads any
of them back from ``tokenizer.json`` in a run folder.

The subword tokenizers work on bytes (GPT-2's byte-level pre-tokenizer with all
256 bytes in the alphabet), so every text, Chinese and emoji included, encodes and
decodes back exactly, with no unknown token.

Example::

    >>> tok = CharTokenizer.train(["hello"])
    >>> tok.encode("hell"), tok.decode([1, 0])
    ([2, 1, 3, 3], 'eh')
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from .errors import TokenizerError
from .runs import atomic_write_bytes

TOKENIZER_FILE = "tokenizer.json"
UNK_PIECE = "\ufffd"  # what the char tokenizer's unknown token decodes to
# Longest run of non-space characters the subword trainers see as one piece. HF's BPE
# trainer is quadratic in a word's length (a 1 MB line without spaces took minutes, then
# hours) and its Unigram trainer crashed the process on a 1 MB word; no real word is this long.
MAX_TRAIN_WORD = 256
_LONG_RUN = re.compile(r"\S{%d}" % MAX_TRAIN_WORD)


class Tokenizer(Protocol):
    kind: str

    @property
    def vocab_size(self) -> int: ...

    def encode(self, text: str) -> list[int]: ...

    def decode(self, ids: Iterable[int]) -> str: ...

    def id_to_piece(self, i: int) -> str: ...

    def unknown_chars(self, text: str) -> list[str]:
        """Characters of ``text`` this tokenizer cannot encode (in order, once each); [] if none."""
        ...

    def save(self, path: str | Path) -> None: ...

    @property
    def special_tokens(self) -> tuple[str, ...]: ...

    def with_special_tokens(self, tokens: Iterable[str]) -> "Tokenizer": ...


def _special_pattern(specials: Iterable[str]) -> re.Pattern | None:
    """A regex that splits text at the special tokens (longest first), or None when there are none."""
    ordered = sorted(specials, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, ordered)) + ")") if ordered else None


class CharTokenizer:
    """One token per character seen in the training text, in code-point order.

    ``unk_policy`` says what ``encode`` does with a character it never saw:
    ``"error"`` raises a TokenizerError naming it, ``"replace"`` maps it to an
    extra unknown token (decoded as U+FFFD), ``"skip"`` drops it.

    ``specials`` (chat fine-tuning's turn markers such as ``<|user|>``) are whole tokens after the
    characters and the unknown token: ``encode`` finds them in the text first, and the character
    ids stay what the model was trained with.
    """

    kind = "char"

    def __init__(self, chars: Iterable[str], unk_policy: str = "replace", specials: Iterable[str] = ()):
        self.chars = sorted(set(chars))
        if unk_policy not in ("error", "replace", "skip"):
            raise TokenizerError("Unknown-character policy must be error, replace or skip, not {unk_policy!r}.", unk_policy=unk_policy)
        self.unk_policy = unk_policy
        self.stoi = {c: i for i, c in enumerate(self.chars)}
        self.unk_id = len(self.chars) if unk_policy == "replace" else None
        self.specials = tuple(dict.fromkeys(specials))
        first = len(self.chars) + (1 if self.unk_id is not None else 0)
        self.special_ids = {t: first + k for k, t in enumerate(self.specials)}
        self._split = _special_pattern(self.specials)

    @classmethod
    def train(cls, texts: Iterable[str], unk_policy: str = "replace") -> "CharTokenizer":
        seen: set[str] = set()
        for t in texts:
            seen.update(t)
        if not seen:
            raise TokenizerError("Cannot build a character vocabulary from empty text.")
        return cls(seen, unk_policy)

    @property
    def vocab_size(self) -> int:
        return len(self.chars) + (1 if self.unk_id is not None else 0) + len(self.specials)

    @property
    def special_tokens(self) -> tuple[str, ...]:
        return self.specials

    def with_special_tokens(self, tokens: Iterable[str]) -> "CharTokenizer":
        """This tokenizer with ``tokens`` appended as whole tokens (those it has already are kept)."""
        return CharTokenizer(self.chars, self.unk_policy, self.specials + tuple(tokens))

    def encode(self, text: str) -> list[int]:
        if self._split is None:
            return self._encode_chars(text)
        out: list[int] = []
        for k, part in enumerate(self._split.split(text)):
            if k % 2:
                out.append(self.special_ids[part])
            elif part:
                out.extend(self._encode_chars(part))
        return out

    def _encode_chars(self, text: str) -> list[int]:
        stoi = self.stoi
        try:
            return [stoi[c] for c in text]
        except KeyError:
            pass
        out = []
        for c in text:
            i = stoi.get(c)
            if i is not None:
                out.append(i)
            elif self.unk_policy == "replace":
                out.append(self.unk_id)
            elif self.unk_policy == "error":
                raise TokenizerError(
                    "The character {c!r} (U+{code:04X}) is not in this model's vocabulary of {size} characters.",
                c=c, code=ord(c), size=len(self.chars))
        return out

    def unknown_chars(self, text: str) -> list[str]:
        """Characters of ``text`` this tokenizer has never seen, in order of first appearance."""
        if self._split is not None:
            text = "".join(self._split.split(text)[::2])
        return list(dict.fromkeys(c for c in text if c not in self.stoi))

    def decode(self, ids: Iterable[int]) -> str:
        chars, n = self.chars, len(self.chars)
        first = n + (1 if self.unk_id is not None else 0)
        specials, m = self.specials, len(self.specials)
        return "".join(chars[i] if 0 <= i < n else specials[i - first] if 0 <= i - first < m else UNK_PIECE
                       for i in ids)

    def id_to_piece(self, i: int) -> str:
        return self.decode([i])

    def to_dict(self) -> dict:
        d = {"lmlab_tokenizer": "char", "version": 1, "unk_policy": self.unk_policy, "chars": "".join(self.chars)}
        return d | ({"special_tokens": list(self.specials)} if self.specials else {})

    def save(self, path: str | Path) -> None:
        atomic_write_bytes(path, json.dumps(self.to_dict(), ensure_ascii=False).encode("utf-8"))


class HFTokenizer:
    """A byte-level BPE or Unigram tokenizer trained with Hugging Face ``tokenizers``."""

    def __init__(self, tok, kind: str):
        self.tok = tok
        self.kind = kind

    @classmethod
    def train(
        cls,
        texts: Iterable[str],
        kind: str = "bpe",
        vocab_size: int = 2048,
        progress: Callable[[str], None] | None = None,
    ) -> "HFTokenizer":
        """Train on an iterable of text chunks (fed in pieces, so the caller can report progress)."""
        from tokenizers import Tokenizer as HFTok, decoders, models, pre_tokenizers, trainers

        alphabet = pre_tokenizers.ByteLevel.alphabet()
        if kind == "bpe":
            tok = HFTok(models.BPE())
            trainer = trainers.BpeTrainer(
                vocab_size=vocab_size, initial_alphabet=alphabet, show_progress=False, special_tokens=[]
            )
        elif kind == "unigram":
            tok = HFTok(models.Unigram())
            trainer = trainers.UnigramTrainer(
                vocab_size=vocab_size, initial_alphabet=alphabet, show_progress=False, special_tokens=[]
            )
        else:
            raise TokenizerError("Unknown subword tokenizer {kind!r}; choose bpe or unigram.", kind=kind)
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
        tok.decoder = decoders.ByteLevel()
        try:
            tok.train_from_iterator(_bounded_words(texts), trainer=trainer)
        except Exception as e:  # tokenizers raises plain Exceptions from Rust
            raise TokenizerError("Training the {kind} tokenizer failed: {e}", kind=kind, e=e) from None
        if progress:
            progress("done")
        if tok.get_vocab_size() == 0:
            raise TokenizerError("The tokenizer learned nothing: is the corpus empty?")
        return cls(tok, kind)

    @property
    def vocab_size(self) -> int:
        return self.tok.get_vocab_size()

    def unknown_chars(self, text: str) -> list[str]:
        """Byte-level: every character has bytes to fall back on, so none is unknown."""
        return []

    def encode(self, text: str) -> list[int]:
        return self.tok.encode(text, add_special_tokens=False).ids

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tok.encode_batch(texts, add_special_tokens=False)]

    def decode(self, ids: Iterable[int]) -> str:
        return self.tok.decode(list(ids), skip_special_tokens=False)

    @property
    def special_tokens(self) -> tuple[str, ...]:
        return tuple(t.content for _, t in sorted(self.tok.get_added_tokens_decoder().items()) if t.special)

    def with_special_tokens(self, tokens: Iterable[str]) -> "HFTokenizer":
        """A copy with ``tokens`` added as special tokens after the learned vocabulary (ids unchanged)."""
        from tokenizers import AddedToken, Tokenizer as HFTok

        tok = HFTok.from_str(self.tok.to_str())
        tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in tokens])
        return HFTokenizer(tok, self.kind)

    def id_to_piece(self, i: int) -> str:
        return self.decode([i])

    def save(self, path: str | Path) -> None:
        # A plain Hugging Face tokenizer.json: other tools can load it too.
        atomic_write_bytes(path, self.tok.to_str().encode("utf-8"))


def _bounded_words(texts: Iterable[str]) -> Iterator[str]:
    """The non-empty texts, cut so that no run of non-space characters exceeds MAX_TRAIN_WORD.

    Each yielded piece is pre-tokenised on its own, so a cut ends a word there. Ordinary
    text passes through whole. Example (limit 3): "ab cdefgh" -> "ab cde", "fgh".
    """
    for t in texts:
        if not t:
            continue
        start = 0
        for m in _LONG_RUN.finditer(t):
            yield t[start : m.end()]
            start = m.end()
        if start < len(t):
            yield t[start:]


def train_tokenizer(
    kind: str,
    texts: Iterable[str],
    vocab_size: int = 2048,
    unk_policy: str = "replace",
) -> Tokenizer:
    """Build a tokenizer of ``kind`` (char | bpe | unigram) from text chunks."""
    if kind == "char":
        return CharTokenizer.train(texts, unk_policy)
    return HFTokenizer.train(texts, kind, vocab_size)


def load_tokenizer(path: str | Path) -> Tokenizer:
    """Read a tokenizer saved by ``save``; a malformed file is refused with a sentence."""
    p = Path(path)
    try:
        if not stat.S_ISREG(os.stat(p).st_mode):  # a pipe or device would block or never end
            raise TokenizerError("The tokenizer file {p} is not a regular file.", p=p)
        raw = json.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise TokenizerError("Cannot read the tokenizer file {p}: {reason}.", p=p, reason=e.strerror or e) from None
    except (ValueError, UnicodeDecodeError) as e:
        raise TokenizerError("The tokenizer file {p} is not valid JSON: {e}.", p=p, e=e) from None
    except RecursionError:
        raise TokenizerError("The tokenizer file {p} is nested too deeply to be a tokenizer.", p=p) from None
    if not isinstance(raw, dict):
        raise TokenizerError("The file {p} is not a tokenizer.", p=p)
    if "lmlab_tokenizer" not in raw:
        return _load_hf(p, raw)
    kind = raw["lmlab_tokenizer"]
    if kind == "char":
        chars = raw.get("chars")
        if not isinstance(chars, str) or not chars:
            raise TokenizerError("The tokenizer file {p} has no character list.", p=p)
        specials = raw.get("special_tokens", [])
        if not isinstance(specials, list) or not all(isinstance(t, str) and t for t in specials):
            raise TokenizerError("The tokenizer file {p} has a damaged list of special tokens.", p=p)
        try:
            return CharTokenizer(chars, raw.get("unk_policy", "replace"), specials)
        except (TokenizerError, TypeError) as e:
            raise TokenizerError("The tokenizer file {p} is damaged: {e}", p=p, e=e) from None
    raise TokenizerError("The tokenizer file {p} names an unknown kind {kind!r}.", p=p, kind=kind)


def _load_hf(p: Path, raw: dict) -> HFTokenizer:
    model = raw.get("model")
    kind = {"BPE": "bpe", "Unigram": "unigram"}.get(model.get("type") if isinstance(model, dict) else None)
    if kind is None:
        raise TokenizerError("The file {p} is not a BPE or Unigram tokenizer.json.", p=p)
    from tokenizers import Tokenizer as HFTok

    try:
        tok = HFTok.from_str(json.dumps(raw))
    except Exception as e:  # Rust-side parse errors are plain Exceptions
        raise TokenizerError("The tokenizer file {p} is malformed: {e}", p=p, e=e) from None
    return HFTokenizer(tok, kind)
