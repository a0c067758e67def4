"""A model's reply in a conversation: the chat template's prompt, streamed until end-of-turn."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import replace

from ..errors import user_text
from ..events import TokenBatch
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


def stream_reply(cache, run_path, step: int | None, turns: Sequence[Turn], options: SamplingOptions,
                 should_stop: Callable[[], bool]) -> Generator[TokenBatch, None, Generation]:
    """The chat view's job: the run's model through the shared cache, then ``reply`` streamed in batches
    (``jobs.generate.stream_tokens``); returns the finished Generation."""
    from ..jobs.generate import stream_tokens

    yield TokenBatch([], 0.0)  # the model may take a moment to load: say the reply has begun
    tm = cache.get(run_path, step).language_model(user_text("Chat"))
    gen = reply(tm.model, tm.tokenizer, turns, options, should_stop=should_stop)
    return (yield from stream_tokens(gen))
