"""A model's reply in a conversation: the chat template's prompt, streamed until end-of-turn."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..generate import Generation, SamplingOptions, generate
from .conversations import Turn
from .template import END, end_id, prompt_ids


def reply(model, tokenizer, turns: Sequence[Turn], options: SamplingOptions | None = None, *,
          should_stop: Callable[[], bool] | None = None) -> Generation:
    """Stream the assistant's next turn after ``turns``; it ends at the end-of-turn token
    (``finish_reason`` "stop_sequence"), at ``max_new_tokens`` or when ``should_stop()``.

    A model without chat tokens is refused with a sentence (fine-tune it on conversations first).
    """
    end_id(tokenizer)
    options = options or SamplingOptions()
    options = replace(options, stop_sequences=tuple(dict.fromkeys((*options.stop_sequences, END))))
    return generate(model, tokenizer, prompt_ids(tokenizer, turns), options, should_stop=should_stop)
