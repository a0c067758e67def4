"""The chat template: how turns become one token sequence, and which tokens carry the loss.

A conversation renders as each turn's role marker, its text and an end-of-turn marker, with
nothing between turns::

    <|system|>Be brief.<|end|><|user|>Who art thou?<|end|><|assistant|>A friend.<|end|>

A reply is asked for by ending the prompt with ``<|assistant|>``; the model answers and ends its
turn with ``<|end|>``, where generation stops. The four markers are special tokens added to a
run's tokenizer (``with_chat_tokens``): whole tokens, never split, never produced by ordinary text.
``CHAT_TEMPLATE`` is the same rule as a Jinja string in the Hugging Face ``chat_template``
convention (``tokenizer.apply_chat_template`` renders exactly ``render`` 's text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import TokenizerError
from .conversations import ROLES, Conversation, Turn

END = "<|end|>"
MARKERS = {role: f"<|{role}|>" for role in ROLES}
SPECIAL_TOKENS = (*MARKERS.values(), END)
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)
_TURN = re.compile(r"<\|(system|user|assistant)\|>(.*?)<\|end\|>", re.S)


def render(turns: Sequence[Turn], add_generation_prompt: bool = False) -> str:
    """The conversation as text, as ``CHAT_TEMPLATE`` renders it."""
    text = "".join(f"{MARKERS[t.role]}{t.content}{END}" for t in turns)
    return text + (MARKERS["assistant"] if add_generation_prompt else "")


def parse(text: str) -> list[Turn]:
    """The turns of rendered text (``render``'s inverse); an unfinished last turn is left out."""
    return [Turn(role, content) for role, content in _TURN.findall(text)]


def with_chat_tokens(tokenizer):
    """``tokenizer`` with the chat markers as special tokens (a tokenizer that has them is returned as it is)."""
    missing = [t for t in SPECIAL_TOKENS if t not in tokenizer.special_tokens]
    return tokenizer.with_special_tokens(missing) if missing else tokenizer


def end_id(tokenizer) -> int:
    """The id of the end-of-turn token; a TokenizerError if the tokenizer has no chat tokens."""
    ids = tokenizer.encode(END)
    if END not in tokenizer.special_tokens or len(ids) != 1:
        raise TokenizerError("This model has no chat tokens; fine-tune it on conversations first.")
    return ids[0]


def encode_turns(tokenizer, turns: Sequence[Turn]) -> tuple[list[int], list[bool]]:
    """Token ids of the rendered conversation and, for each, whether it is a training target.

    The targets are the assistant's text and its end-of-turn token: the model learns to answer
    and to stop. Role markers, the system prompt and the user's turns carry no loss.
    """
    ids: list[int] = []
    target: list[bool] = []
    for t in turns:
        head = tokenizer.encode(MARKERS[t.role])
        body = tokenizer.encode(t.content + END)
        ids += head + body
        target += [False] * len(head) + [t.role == "assistant"] * len(body)
    return ids, target


def prompt_ids(tokenizer, conversation: Conversation | Sequence[Turn]) -> list[int]:
    """Token ids asking for the next assistant reply after ``conversation``'s turns."""
    turns = conversation.turns if isinstance(conversation, Conversation) else conversation
    return tokenizer.encode(render(turns, add_generation_prompt=True))
