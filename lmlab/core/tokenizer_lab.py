"""The tokenizer lab's measures: how a tokenizer cuts one corpus, and what its vocabulary costs a model.

The lab (``core.jobs.tokenizer_lab.compare_tokenizers``) trains char / BPE / Unigram candidates
with the Corpus panel's own tokenizer job and describes each with a ``CandidateReport``; the
helpers here are the pure arithmetic behind those numbers, each with a worked example.

    plan_candidates(["char", "bpe"], [512, 2048]) -> [("char", 0), ("bpe", 512), ("bpe", 2048)]
    report.bytes_per_token        # UTF-8 bytes of the corpus / its tokens
    report.cjk_single_share       # distinct Chinese characters of the corpus that are one token each
    report.embedding_share        # the token (and position) embedding's share of the model's parameters
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .config import ModelConfig
from .errors import ConfigError
from .events import TokenizerResult
from .model import model_size
from .tokenizers import CharTokenizer, HFTokenizer, Tokenizer

KINDS = ("char", "bpe", "unigram")
KIND_NAMES = {"char": "Characters", "bpe": "BPE", "unigram": "Unigram"}
MIN_SUBWORD_VOCAB = 300  # as config.validate: 256 of a byte-level vocabulary are the bytes
MAX_SUBWORD_VOCAB = 1_000_000
SAMPLE_CHARS = 240  # the sample passage shown with its token boundaries

# CJK unified ideographs: the main block, extension A, and extensions B to H (planes 2 and 3).
CJK_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2EBEF), (0x30000, 0x323AF))


@dataclass(frozen=True)
class LabProgress:
    """Where the lab is: candidate ``index`` of ``total``, in the tokenizer job's ``stage``."""

    index: int
    total: int
    kind: str
    target_vocab: int  # 0 for characters (their vocabulary is the corpus's character set)
    stage: str  # the tokenizer job's "reading" | "training" | "merging" | "counting", or "measuring"
    fraction: float  # of that stage, 0..1, or -1 when unknown

    @property
    def overall(self) -> float:
        """The share of the whole lab done (a candidate's unknown stage counts as half done)."""
        part = 0.5 if self.fraction < 0 else self.fraction
        return min(1.0, (self.index + part) / max(1, self.total))


@dataclass(frozen=True)
class TokenPiece:
    """A stretch of the sample passage that is one token, or several (bytes of one character)."""

    text: str
    tokens: int  # 1: a whole token; more: these characters are split into that many byte tokens


@dataclass(frozen=True)
class CandidateReport:
    """One candidate tokenizer on the corpus: what it costs and how it cuts."""

    result: TokenizerResult  # the trained tokenizer, as the Corpus panel's job returns it (cache path included)
    corpus_bytes: int  # UTF-8 bytes of the corpus
    characters: int
    cjk_chars: int  # distinct CJK unified ideographs in the corpus
    cjk_single: int  # how many of them are a single token
    embedding_params: int  # model.model_size's embedding parameters at the chosen shape with this vocabulary
    total_params: int
    pieces: tuple[TokenPiece, ...]  # the sample passage, cut where this tokenizer cuts it

    @property
    def kind(self) -> str:
        return self.result.kind

    @property
    def target_vocab(self) -> int:
        return 0 if self.kind == "char" else self.result.target_vocab

    @property
    def vocab_size(self) -> int:
        return self.result.vocab_size

    @property
    def tokens(self) -> int:
        return self.result.tokens

    @property
    def bytes_per_token(self) -> float:
        return self.corpus_bytes / max(1, self.tokens)

    @property
    def chars_per_token(self) -> float:
        return self.characters / max(1, self.tokens)

    @property
    def cjk_single_share(self) -> float | None:
        """The share of the corpus's distinct Chinese characters that are one token; None without any."""
        return self.cjk_single / self.cjk_chars if self.cjk_chars else None

    @property
    def embedding_share(self) -> float:
        return self.embedding_params / max(1, self.total_params)

    @property
    def sample_tokens(self) -> int:
        return sum(p.tokens for p in self.pieces)

    @property
    def label(self) -> str:
        """"Characters", "BPE 2,048", "Unigram 512"."""
        name = KIND_NAMES[self.kind]
        return name if self.kind == "char" else f"{name} {self.target_vocab:,}"


@dataclass(frozen=True)
class LabResult:
    """Every candidate, in the order asked."""

    reports: tuple[CandidateReport, ...]
    sample: str  # the passage each report's ``pieces`` cut


def at_shape(report: CandidateReport, model: ModelConfig) -> CandidateReport:
    """``report`` with its parameter counts for the shape ``model`` (with the report's vocabulary).

    Example: the small preset (4 layers, width 128, 256 learned positions, tied head), vocabulary 2,048 ->
    2,048 * 128 + 256 * 128 = 294,912 of 1,082,496 parameters (27.2 %).
    """
    size = model_size(replace(model, vocab_size=report.vocab_size))
    return replace(report, embedding_params=size.embedding_params, total_params=size.total_params)


def plan_candidates(kinds: Iterable[str], vocab_sizes: Iterable[int]) -> list[tuple[str, int]]:
    """The (kind, target vocabulary) pairs to train: characters once, each subword kind at every size.

    Example: ["char", "bpe"], [2048, 512, 512] -> [("char", 0), ("bpe", 512), ("bpe", 2048)].
    Bad sizes or kinds raise a ConfigError naming them.
    """
    kinds = list(dict.fromkeys(kinds))
    sizes = sorted(set(int(v) for v in vocab_sizes))
    if not kinds:
        raise ConfigError("Choose at least one kind of tokenizer to compare.", "tokenizer")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ConfigError("Unknown tokenizer {name!r}; choose from char, bpe and unigram.", "tokenizer", name=unknown[0])
    subword = [k for k in kinds if k != "char"]
    if subword and not sizes:
        raise ConfigError("Give at least one vocabulary size for BPE or Unigram.", "vocab_size")
    bad = [v for v in sizes if not MIN_SUBWORD_VOCAB <= v <= MAX_SUBWORD_VOCAB]
    if subword and bad:
        raise ConfigError("A subword vocabulary needs between {low} and {high:,} tokens (256 are bytes), not {size:,}.",
                          "vocab_size", low=MIN_SUBWORD_VOCAB, high=MAX_SUBWORD_VOCAB, size=bad[0])
    return [(k, 0) for k in kinds if k == "char"] + [(k, v) for k in subword for v in sizes]


def parse_vocab_sizes(text: str) -> list[int]:
    """Vocabulary sizes written by a person: "512, 2048 8k" -> [512, 2048, 8192].

    A ``k`` multiplies by 1024. Something else raises a ConfigError quoting it.
    """
    out = []
    for part in text.replace(",", " ").split():
        mult = 1024 if part.lower().endswith("k") else 1
        digits = part[:-1] if mult > 1 else part
        try:
            out.append(int(float(digits) * mult))
        except ValueError:
            raise ConfigError("{part!r} is not a vocabulary size; write sizes like 512, 2048, 8k.",
                              "vocab_size", part=part) from None
    return out


def is_cjk(c: str) -> bool:
    """Whether ``c`` is a CJK unified ideograph (a Chinese character). Example: "中" -> True, "a" -> False."""
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in CJK_RANGES)


def single_token_chars(tok: Tokenizer, chars: Sequence[str]) -> int:
    """How many of ``chars`` ``tok`` encodes, each on its own, as exactly one token.

    Example: a byte-level BPE that never merged the three UTF-8 bytes of "霜" -> it counts 0 for it.
    """
    if isinstance(tok, HFTokenizer):
        return sum(len(ids) == 1 for ids in tok.encode_batch(list(chars)))
    return sum(len(tok.encode(c)) == 1 for c in chars)


def token_pieces(tok: Tokenizer, text: str) -> tuple[TokenPiece, ...]:
    """``text`` cut where ``tok`` cuts it; byte tokens of one character stay together as one piece.

    Example: a BPE that knows "明月" but not "光" -> ("明月", 1), ("光", 3) (its three UTF-8 bytes).
    The pieces' texts always join back to ``text``.
    """
    if not text:
        return ()
    if isinstance(tok, CharTokenizer):
        return tuple(TokenPiece(c, 1) for c in text)
    if not isinstance(tok, HFTokenizer):
        raise TypeError(f"token_pieces: no offsets for a {type(tok).__name__}")
    enc = tok.tok.encode(text, add_special_tokens=False)
    # Group tokens whose character spans overlap (the bytes of one character), then cut at each group.
    starts: list[int] = []
    counts: list[int] = []
    end = -1
    for start, stop in enc.offsets:
        if starts and start < end:
            counts[-1] += 1
        else:
            starts.append(start)
            counts.append(1)
        end = max(end, stop)
    if not starts:
        return (TokenPiece(text, 1),)
    starts[0] = 0
    bounds = starts + [len(text)]
    return tuple(TokenPiece(text[bounds[i]:bounds[i + 1]], counts[i]) for i in range(len(starts)))


def sample_passage(preview: str, chars: int = SAMPLE_CHARS) -> str:
    """A passage from the start of the corpus: about ``chars`` characters, ending at a line end or space.

    Leading blank lines are skipped. Example (chars 12): "\\nTo be, or not to be" -> "To be, or".
    """
    text = preview.lstrip("\n")
    if len(text) <= chars:
        return text
    cut = max(text.rfind("\n", 0, chars), text.rfind(" ", 0, chars))
    return text[:cut] if cut > chars // 2 else text[:chars]
