"""Branches of generated text, and the small text helpers the playground shows them with (no Qt).

A *branch* is a prompt plus generated tokens. Generating from a prompt makes a root
branch; choosing another token at position ``k`` of a branch makes a child branch
whose tokens are the parent's first ``k``, then the chosen one, then whatever the
model generates after it. Every branch stays in the ``BranchTree``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from .generate import GeneratedToken
from .loading import TrainedModel
from .text_stream import REPLACEMENT
from .tokenizers import HFTokenizer


# -- branches ---------------------------------------------------------------------------------


@dataclass
class Branch:
    """One line of text: ``prompt`` (as typed) then ``tokens``; ``root_ids`` is the prompt as token ids.

    ``tokens[i].index == i``. A child branch repeats its parent's tokens before ``fork_index``;
    ``tokens[fork_index]`` is the token the user chose (in ``forced``).
    """

    prompt: str
    root_ids: list[int]
    model: TrainedModel | None  # what generated it (the distribution view and forks use the same model)
    source: str  # "run name · step N", for labels
    tokens: list[GeneratedToken] = field(default_factory=list)
    tail: str = ""  # text released at the end (held back when the generation stopped)
    parent: int | None = None
    fork_index: int | None = None
    forced: set[int] = field(default_factory=set)
    seed: int | None = None
    finish_reason: str | None = None
    elapsed: float = 0.0  # seconds the last generation into this branch took
    generated: int = 0  # tokens that generation produced (not inherited or chosen)

    @property
    def ids(self) -> list[int]:
        """Prompt and generated ids: what the model saw (and would continue from)."""
        return self.root_ids + [t.id for t in self.tokens]

    @property
    def generated_text(self) -> str:
        return "".join(t.text for t in self.tokens) + self.tail

    @property
    def text(self) -> str:
        return self.prompt + self.generated_text


class BranchTree:
    """Every branch generated in one pane, in creation order (index = branch number - 1)."""

    def __init__(self) -> None:
        self.branches: list[Branch] = []

    def __len__(self) -> int:
        return len(self.branches)

    def __getitem__(self, i: int) -> Branch:
        return self.branches[i]

    def add(self, branch: Branch) -> int:
        self.branches.append(branch)
        return len(self.branches) - 1

    def fork(self, parent: int, k: int, alt_id: int, alt_text: str, alt_prob: float) -> int:
        """A child of branch ``parent`` that takes ``alt_id`` at token ``k``; returns its index.

        ``k == len(tokens)`` continues the parent with ``alt_id`` after its last token.

        Example: parent tokens "h","e","l" and fork(0, 1, id_of("a"), "a", 0.2) -> child tokens "h","a".
        """
        p = self.branches[parent]
        if not 0 <= k <= len(p.tokens):
            raise IndexError(f"branch {parent + 1} has no token {k}")
        alternatives = list(p.tokens[k].alternatives) if k < len(p.tokens) else []
        chosen = GeneratedToken(alt_id, alt_text, math.nan, alt_prob, alternatives, k)
        child = Branch(
            prompt=p.prompt, root_ids=list(p.root_ids), model=p.model, source=p.source,
            tokens=p.tokens[:k] + [chosen], parent=parent, fork_index=k,
            forced={i for i in p.forced if i < k} | {k}, seed=None,
        )
        return self.add(child)

    def depth(self, i: int) -> int:
        d = 0
        while (p := self.branches[i].parent) is not None:
            d, i = d + 1, p
        return d

    def label(self, i: int) -> str:
        """'1 · ROMEO: I will…' for a root; '  3 ← 'a' at 14 (from 1)' for a fork."""
        b = self.branches[i]
        if b.parent is None:
            head = " ".join(b.prompt.split())[:24] or "(empty prompt)"
            return f"{i + 1} · {head}{'…' if len(b.prompt) > 24 else ''} · {b.source}"
        piece = display_text(b.tokens[b.fork_index].text) if b.fork_index is not None else "?"
        return f"{'  ' * self.depth(i)}{i + 1} ← “{piece}” at token {b.fork_index} (from {b.parent + 1})"


def choice_text(tokenizer, root_ids: list[int], tokens: list[GeneratedToken], k: int, alt_id: int) -> str:
    """The text ``alt_id`` adds when it replaces ``tokens[k]``, given what is shown before it.

    What is shown before it is the decoded prompt and ``tokens[:k]``'s texts; text they
    held back (half a UTF-8 character, a possible stop sequence) is released here, and a
    character the chosen byte starts but does not finish is left for the next token.

    Example (characters): tokens "h","e" and alt "a" at k=1 -> "a".
    """
    shown = "".join(t.text for t in tokens[:k])
    base = tokenizer.decode(root_ids).rstrip(REPLACEMENT) + shown
    full = tokenizer.decode(list(root_ids) + [t.id for t in tokens[:k]] + [alt_id]).rstrip(REPLACEMENT)
    if full.startswith(base):
        return full[len(base):]
    return tokenizer.id_to_piece(alt_id).rstrip(REPLACEMENT)


# -- text helpers -----------------------------------------------------------------------------------


def display_text(text: str) -> str:
    """Make whitespace visible in a short label: 'a b\\n' -> 'a␣b↵'."""
    return text.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥").replace("\r", "␍")


def byte_level_chars() -> dict[int, str]:
    """GPT-2's byte -> printable character map (how HF's ByteLevel spells a byte in a token).

    Example: 65 ("A") -> "A"; 32 (space) -> "Ġ"; 10 (newline) -> "Ċ".
    """
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), 256))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


_BYTES = {c: b for b, c in byte_level_chars().items()}  # printable character -> byte


def display_piece(tokenizer, token_id: int, piece: str | None = None) -> str:
    """A token as a short readable label; pieces that are part of a UTF-8 character show their bytes.

    Examples: ' the' -> '␣the'; '\\n' -> '↵'; a BPE token holding the first two bytes of '中'
    -> '‹e4 b8›'.
    """
    if piece is None:
        piece = tokenizer.id_to_piece(token_id)
    if REPLACEMENT in piece:
        s = tokenizer.tok.id_to_token(token_id) if isinstance(tokenizer, HFTokenizer) else None
        if s and all(c in _BYTES for c in s):
            data = bytes(_BYTES[c] for c in s)
            text = data.decode("utf-8", errors="replace")
            if REPLACEMENT in text:
                return "‹" + " ".join(f"{b:02x}" for b in data) + "›"
            return display_text(text)
    return display_text(piece) if piece else "∅"


def parse_stop_sequences(text: str) -> tuple[str, ...]:
    """Stop sequences from a field: separated by commas or new lines; ``\\n``, ``\\t``, ``\\,``, ``\\\\`` escapes.

    Example: 'END, \\\\n\\\\n' (as typed: END, \\n\\n) -> ('END', '\\n\\n'). Empty items are dropped.
    """
    out: list[str] = []
    cur: list[str] = []
    i = 0
    escapes = {"n": "\n", "t": "\t", ",": ",", "\\": "\\"}

    def end_item() -> None:
        item = "".join(cur).strip(" ")
        if item:
            out.append(item)
        cur.clear()

    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in escapes:
            cur.append(escapes[text[i + 1]])
            i += 2
            continue
        if c in ",\n":
            end_item()
        else:
            cur.append(c)
        i += 1
    end_item()
    return tuple(dict.fromkeys(out))


def renumbered(tokens: list[GeneratedToken], offset: int) -> list[GeneratedToken]:
    """Tokens with ``index`` shifted by ``offset`` (a continuation's first token follows the branch)."""
    return [dataclasses.replace(t, index=t.index + offset) for t in tokens] if offset else tokens
