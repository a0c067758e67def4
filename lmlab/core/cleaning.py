"""Cleaning options and the text transforms they name (no I/O, no state across documents).

A cleaning is written as one short spec, the same in ``lmlab prepare --clean``, ``lmlab train
--clean`` and a run's ``config.json`` (``data.clean``)::

    >>> CleaningOptions.parse("nfkc,html,dedup,near-dedup=0.8,min-doc=20").spec()
    'nfkc,html,min-doc=20,dedup,near-dedup=0.8'

Words: ``nfc`` | ``nfkc`` (Unicode normalisation), ``halfwidth`` (full-width letters, digits and
spaces to ASCII; full-width Chinese punctuation stays), ``whitespace`` (control characters and
zero-width marks removed, runs of spaces collapsed, lines trimmed, at most one blank line),
``html`` (tags, comments, scripts and styles removed, entities decoded), ``t2s`` (Traditional to
Simplified Chinese with OpenCC, an optional dependency), ``stopwords`` (stop words and punctuation
removed: language-model pretraining normally keeps both, since the model must learn to write
them), ``min-line=N`` / ``max-line=N`` (lines shorter / longer are dropped), ``min-doc=N`` /
``max-doc=N`` (documents shorter / longer after cleaning are dropped), ``dedup-lines`` (a line
seen before anywhere in the corpus is dropped), ``dedup`` (a document identical to an earlier one
is dropped), ``near-dedup[=T]`` (a document whose 5-character shingles overlap an earlier one's
with Jaccard similarity >= T, default 0.7, is dropped). The empty spec cleans nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields

from .errors import ConfigError

NORMALISATIONS = ("", "NFC", "NFKC")
DEFAULT_NEAR_THRESHOLD = 0.7
_FLAGS = ("halfwidth", "whitespace", "html", "t2s", "stopwords", "dedup_lines", "dedup")
_LENGTHS = ("min_line", "max_line", "min_doc", "max_doc")


@dataclass(frozen=True)
class CleaningOptions:
    """What a cleaning does; the defaults do nothing."""

    normalise: str = ""  # "" | "NFC" | "NFKC"
    halfwidth: bool = False
    whitespace: bool = False
    html: bool = False
    t2s: bool = False
    stopwords: bool = False
    min_line: int = 0  # characters; 0: no limit
    max_line: int = 0
    min_doc: int = 0
    max_doc: int = 0
    dedup_lines: bool = False
    dedup: bool = False
    near_dedup: float = 0.0  # Jaccard threshold in (0, 1]; 0: off

    @property
    def active(self) -> bool:
        return self != CleaningOptions()

    @property
    def transforms_text(self) -> bool:
        return bool(self.normalise or self.halfwidth or self.whitespace or self.html or self.t2s or self.stopwords)

    def spec(self) -> str:
        """The canonical spec (parse(spec()) == self); "" for no cleaning."""
        words = [self.normalise.lower()] if self.normalise else []
        words += [_word(f) for f in ("halfwidth", "whitespace", "html", "t2s", "stopwords") if getattr(self, f)]
        words += [f"{_word(f)}={getattr(self, f)}" for f in _LENGTHS if getattr(self, f)]
        words += [_word(f) for f in ("dedup_lines", "dedup") if getattr(self, f)]
        if self.near_dedup:
            words.append(f"near-dedup={self.near_dedup:g}")
        return ",".join(words)

    @classmethod
    def parse(cls, spec: str) -> "CleaningOptions":
        """Options from a spec such as ``"nfkc,html,dedup,near-dedup=0.8"``; a ConfigError names a bad word."""
        kw: dict = {}
        for raw in (spec or "").split(","):
            word, _, value = raw.strip().lower().partition("=")
            if not word:
                continue
            name = word.replace("-", "_")
            if word in ("nfc", "nfkc") and not value:
                kw["normalise"] = word.upper()
            elif name in _FLAGS and not value:
                kw[name] = True
            elif name in _LENGTHS:
                kw[name] = _number(word, value, int)
            elif name == "near_dedup":
                kw[name] = _number(word, value, float) if value else DEFAULT_NEAR_THRESHOLD
            else:
                raise ConfigError("Unknown cleaning {value!r}; known: {choices}.", "clean", value=raw.strip(), choices=', '.join(known_words()))
        opts = cls(**kw)
        problems = opts.problems()
        if problems:
            raise ConfigError(problems[0], "clean")
        return opts

    def problems(self) -> list[str]:
        out = []
        if self.normalise not in NORMALISATIONS:
            out.append(f"Unicode normalisation must be NFC or NFKC, not {self.normalise!r}.")
        if any(getattr(self, f) < 0 for f in _LENGTHS):
            out.append("Length limits cannot be negative (0 means no limit).")
        if self.max_line and self.max_line < self.min_line:
            out.append("The longest line kept (max-line) is shorter than the shortest (min-line).")
        if self.max_doc and self.max_doc < self.min_doc:
            out.append("The longest document kept (max-doc) is shorter than the shortest (min-doc).")
        if not 0.0 <= self.near_dedup <= 1.0:
            out.append("The near-duplicate similarity threshold must lie between 0 and 1.")
        return out


def known_words() -> list[str]:
    return (["nfc", "nfkc"] + [_word(f) for f in _FLAGS] + [f"{_word(f)}=N" for f in _LENGTHS]
            + ["near-dedup[=0.7]"])


def _word(field_name: str) -> str:
    return field_name.replace("_", "-")


def _number(word: str, value: str, typ: type):
    try:
        return typ(value)
    except ValueError:
        raise ConfigError("Cleaning {word!r} needs a number, as in {word}={value}.", "clean", word=word, value='0.8' if typ is float else '20') from None


assert {f.name for f in fields(CleaningOptions)} == {"normalise", "near_dedup", *_FLAGS, *_LENGTHS}


# -- text transforms: a block of whole lines in, the cleaned block out ------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_BLOCK_TAG = re.compile(r"<(br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<![^<>]*>")


def strip_html(text: str) -> str:
    """Markup removed, entities decoded; block ends become line ends.

    Example: "<p>Fish &amp; chips</p><script>x()</script>" -> "Fish & chips\\n".
    """
    text = _COMMENT.sub("", text)
    text = _SCRIPT.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


# Full-width letters and digits (U+FF10-FF19, FF21-FF3A, FF41-FF5A) and the ideographic space.
_HALFWIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in
              range(r[0], r[1] + 1)} | {0x3000: 0x20}
_INVISIBLE = (0x00AD, 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF)
_SPACES = (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, 0x09)
_WHITESPACE = ({c: None for c in range(32) if c not in (9, 10)} | {0x7F: None} | {c: None for c in range(0x80, 0xA0)}
               | {c: None for c in _INVISIBLE} | {c: 0x20 for c in _SPACES})
_RUNS = re.compile(r" {2,}")

EN_STOPWORDS = frozenset(
    "a an and are as at be but by for from has have he her his i in is it its of on or she that the their them "
    "they this to was we were which will with you your".split()
)
ZH_STOPWORDS = ("我们", "你们", "他们", "一个", "没有", "的", "了", "和", "是", "在", "也", "就", "都", "而", "与", "着", "或")
_EN_STOP = re.compile(r"\b(?:" + "|".join(sorted(EN_STOPWORDS, key=len, reverse=True)) + r")\b", re.I)
_ZH_STOP = re.compile("|".join(ZH_STOPWORDS))


def remove_stopwords(text: str) -> str:
    """Stop words and punctuation removed (for teaching: pretraining normally keeps both).

    Example: "The cat, on the mat." -> " cat   mat" before whitespace cleanup; "我的猫。" -> "我猫".
    """
    text = _EN_STOP.sub("", text)
    text = _ZH_STOP.sub("", text)
    return "".join(c for c in text if not unicodedata.category(c).startswith("P"))


def opencc_t2s() -> Callable[[str], str]:
    """OpenCC's Traditional-to-Simplified converter, or a ConfigError saying how to install it."""
    try:
        import opencc
    except ImportError:
        raise ConfigError("Traditional-to-Simplified conversion (t2s) needs OpenCC: "
                          "pip install 'lmlab[clean]' (or pip install opencc).", "clean") from None
    return opencc.OpenCC("t2s").convert


def text_transform(opts: CleaningOptions) -> Callable[[str], str]:
    """The character-level part of ``opts`` as one function on a block of whole lines."""
    steps: list[Callable[[str], str]] = []
    if opts.html:
        steps.append(strip_html)
    if opts.normalise:
        steps.append(lambda t, form=opts.normalise: unicodedata.normalize(form, t))
    if opts.halfwidth:
        steps.append(lambda t: t.translate(_HALFWIDTH))
    if opts.t2s:
        steps.append(opencc_t2s())
    if opts.stopwords:
        steps.append(remove_stopwords)
    if opts.whitespace:
        steps.append(lambda t: _RUNS.sub(" ", t.translate(_WHITESPACE)))

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return run
