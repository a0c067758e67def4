"""Text generation: sampling options, the next-token distribution, and streaming.

``generate`` streams one ``GeneratedToken`` at a time, so the playground can show
text as it appears and colour each token by its probability; ``lmlab sample`` uses
the same code. Nothing here imports Qt.

Example::

    >>> gen = generate(model, tok, "ROMEO:", SamplingOptions(temperature=0.8, seed=1, max_new_tokens=50))
    >>> text = "".join(t.text for t in gen) + gen.tail
    >>> gen.finish_reason                      # "max_tokens" | "stop_sequence" | "stopped"
    'max_tokens'

The sampling pipeline for one step, in order (``filter_distribution``):

1. ``raw``: softmax of the model's logits at temperature 1 (what the model believes).
2. Repetition penalty (CTRL, Keskar et al. 2019): the logit of every distinct token
   in the model's current context window is divided by the penalty if positive,
   multiplied by it if negative.
3. Greedy (``greedy=True`` or ``temperature == 0``): all mass on the arg-max
   (lowest id on ties). Otherwise divide by the temperature, then
4. top-k: keep exactly the k most likely tokens (ties broken by the lower id), then
5. top-p (nucleus): keep the smallest prefix of the sorted tokens whose mass is
   >= p (at least one token), and renormalise.

Context window. GPT uses learned positions, so its context cannot slide one token
at a time through a KV cache. Both paths therefore use the same window over the
token sequence (prompt + generated so far):

* it starts as the last ``block_size`` tokens of the prompt;
* when appending a token would make it longer than ``block_size``, it is cut to the
  last ``block_size - block_size // 2`` tokens (half the context), and
* with ``use_cache=True`` the cut window is fed once (a "re-prefill") and every
  later token costs one position; with ``use_cache=False`` the whole window is
  recomputed for every token.

So cached and uncached generation condition on exactly the same tokens at the same
positions, and greedy output is identical (tests check it). Cutting to half the
context makes re-prefills rare (one per ``block_size // 2`` tokens) at the price of
a shorter context just after each cut.

Empty prompt: generation starts from the newline token if the tokenizer has a single
token for "\\n", else from token 0. That start token is part of ``prompt_ids``, not of
the generated text.
"""

from __future__ import annotations

import math
import operator
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields

import torch

from .errors import ConfigError, LmlabError, TokenizerError
from .decode import Decoder
from .model import GPT, KVCache
from .text_stream import TextStream

__all__ = [
    "FINISH_REASONS",
    "GeneratedToken",
    "Generation",
    "SamplingOptions",
    "encode_prompt",
    "filter_distribution",
    "generate",
    "draw",
    "start_ids",
    "window_keep",
]

FINISH_REASONS = ("max_tokens", "stop_sequence", "stopped")
_TOP_P_TOLERANCE = 1e-12  # cumulative sums are float64; this absorbs their rounding only
_CPU = torch.device("cpu")


def _invalid_scores() -> LmlabError:  # the literal at the error, where the translators' tool finds it
    return LmlabError("The model produced invalid scores (NaN or infinite); its training may have diverged.")


@dataclass(frozen=True)
class SamplingOptions:
    """How to pick each next token. Defaults sample the model's own distribution."""

    temperature: float = 1.0  # 0 means greedy (arg-max); < 1 sharper, > 1 flatter
    top_k: int = 0  # keep only the k most likely tokens; 0 = off
    top_p: float = 1.0  # keep the smallest set of tokens with mass >= p; 1.0 = off
    repetition_penalty: float = 1.0  # > 1 discourages tokens already in the context; 1.0 = off
    max_new_tokens: int = 200
    seed: int | None = None  # same seed, same text (on the same device); None = a fresh random seed
    stop_sequences: tuple[str, ...] = ()  # stop when the generated text contains one (excluded from it)
    greedy: bool = False  # always take the most likely token (same as temperature 0)
    top_alternatives: int = 5  # how many of the most likely tokens to report with each token
    use_cache: bool = True  # KV cache: one position per token instead of the whole context

    def __post_init__(self) -> None:
        # A single string is one stop sequence, not one per character; lists become tuples.
        stops = self.stop_sequences
        if isinstance(stops, str):
            object.__setattr__(self, "stop_sequences", (stops,))
        elif isinstance(stops, (list, tuple)):
            object.__setattr__(self, "stop_sequences", tuple(stops))

    @property
    def is_greedy(self) -> bool:
        return bool(self.greedy) or self.temperature == 0

    def validate(self) -> list[ConfigError]:
        """Every impossible value, each a ConfigError with a sentence and the field's name (empty: fine)."""
        errs: list[ConfigError] = []

        def bad(name: str, msg: str) -> None:
            errs.append(ConfigError(msg, name))

        def is_num(v) -> bool:
            return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

        def is_int(v) -> bool:
            return isinstance(v, int) and not isinstance(v, bool)

        if not is_num(self.temperature) or self.temperature < 0:
            bad("temperature", "The temperature must be 0 (greedy) or a positive number.")
        elif self.temperature > 100:
            bad("temperature", "A temperature above 100 makes every token equally likely; use at most 100.")
        if not is_int(self.top_k) or self.top_k < 0:
            bad("top_k", "Top-k must be 0 (off) or a whole number of tokens.")
        if not is_num(self.top_p) or not 0 < self.top_p <= 1:
            bad("top_p", "Top-p must be above 0 and at most 1 (1 turns it off).")
        if not is_num(self.repetition_penalty) or self.repetition_penalty <= 0:
            bad("repetition_penalty", "The repetition penalty must be a positive number (1 turns it off).")
        elif self.repetition_penalty > 100:
            bad("repetition_penalty", "A repetition penalty above 100 is not useful; try 1.1 to 1.5.")
        if not is_int(self.max_new_tokens) or self.max_new_tokens < 0:
            bad("max_new_tokens", "The number of tokens to generate must be 0 or more.")
        elif self.max_new_tokens > 1_000_000:
            bad("max_new_tokens", "Generate at most 1,000,000 tokens at a time.")
        if self.seed is not None and (not is_int(self.seed) or not 0 <= self.seed < 2**63):
            bad("seed", "The seed must be empty (random) or a whole number from 0 to 2^63 - 1.")
        stops = self.stop_sequences
        if not isinstance(stops, tuple) or not all(isinstance(s, str) for s in stops):
            bad("stop_sequences", "Stop sequences must be a list of texts.")
        elif any(s == "" for s in stops):
            bad("stop_sequences", "A stop sequence cannot be empty.")
        if not is_int(self.top_alternatives) or not 0 <= self.top_alternatives <= 1000:
            bad("top_alternatives", "The number of alternatives to show must be between 0 and 1000.")
        for name in ("greedy", "use_cache"):
            if not isinstance(getattr(self, name), bool):
                bad(name, f"{name.replace('_', ' ').capitalize()} must be true or false.")
        return errs

    def check(self) -> "SamplingOptions":
        """Raise the first validation error, else return ``self``."""
        errs = self.validate()
        if errs:
            raise errs[0]
        return self

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["stop_sequences"] = list(self.stop_sequences)
        return d


@dataclass(frozen=True)
class GeneratedToken:
    """One generated token, as streamed by ``generate``."""

    id: int
    text: str  # the visible text this token adds; "" while held back (incomplete UTF-8, possible stop sequence)
    prob: float  # probability of this token under the final sampling distribution (1.0 when greedy)
    raw_prob: float  # probability under the model's raw distribution (temperature 1, no filters)
    alternatives: list[tuple[int, str, float]] = field(default_factory=list)  # most likely (id, piece, raw prob)
    index: int = 0  # 0 for the first generated token


# -- the next-token distribution ----------------------------------------------


def filter_distribution(
    logits, options: SamplingOptions, context_ids: Sequence[int] | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """``(raw_probs, final_probs)`` for one position's logits (shape (vocab,)).

    ``raw_probs`` is the softmax at temperature 1; ``final_probs`` is what the
    repetition penalty (over ``context_ids``), temperature, top-k and top-p leave,
    renormalised; tokens removed have probability exactly 0. Both are float64 CPU
    tensors. Top-k keeps exactly k tokens (ties: lower id first); top-p keeps the
    smallest set, in that order, whose mass is >= p, and always at least one token.
    """
    x = torch.as_tensor(logits)
    if x.dtype != torch.float64 or x.device.type != "cpu" or x.dim() != 1:
        x = x.detach().to("cpu", torch.float64).reshape(-1)
    if x.numel() == 0:
        raise ValueError("filter_distribution needs at least one logit")
    if not math.isfinite(float(x.max())):  # the max of scores with a NaN is NaN
        raise _invalid_scores()
    return _filter(x, options, context_ids)


def _unchanged(options: SamplingOptions) -> bool:
    """Whether the options sample the raw distribution itself (temperature 1, no filter, no penalty)."""
    unfiltered = options.top_k <= 0 and options.top_p >= 1.0
    return options.temperature == 1.0 and unfiltered and not options.is_greedy and options.repetition_penalty == 1.0


def _filter(
    x: torch.Tensor, options: SamplingOptions, context_ids: Sequence[int] | None
) -> tuple[torch.Tensor, torch.Tensor]:
    """``filter_distribution`` for 1-D CPU logits of any float dtype, without the check of their values.

    Scores that are NaN or infinite give a raw distribution that is NaN everywhere (softmax's sum
    is NaN), so a caller that reads ``raw`` at the drawn token anyway can check that one number.
    """
    n = x.numel()
    raw = torch.softmax(x, dim=0, dtype=torch.float64)  # converts first: softmax(x.double()) bit for bit
    if _unchanged(options):
        return raw, raw  # softmax(x - max) is softmax(x) bit for bit: no second pass
    pen = options.repetition_penalty
    z = x.to(torch.float64)
    if pen != 1.0 and context_ids is not None and len(context_ids):
        idx = torch.as_tensor(list(context_ids), dtype=torch.long).unique()
        idx = idx[(idx >= 0) & (idx < n)]
        v = z[idx]
        z = z.clone()
        z[idx] = torch.where(v > 0, v / pen, v * pen)
    if options.is_greedy:
        final = torch.zeros_like(raw)
        final[int(torch.argmax(z))] = 1.0  # argmax returns the first (lowest) index on ties
        return raw, final
    z = (z - z.max()) / options.temperature
    k = n if options.top_k <= 0 else min(options.top_k, n)
    if k == n and options.top_p >= 1.0:
        return raw, torch.softmax(z, dim=0)
    order = torch.sort(z, descending=True, stable=True).indices[:k]  # stable: lower id first on ties
    p = torch.softmax(z[order], dim=0)
    if options.top_p < 1.0:
        cum = torch.cumsum(p, dim=0)
        m = min(k, int((cum < options.top_p - _TOP_P_TOLERANCE).sum()) + 1)
        order, p = order[:m], p[:m]
        p = p / p.sum()
    final = torch.zeros_like(raw)
    final[order] = p
    return raw, final


def draw(probs: torch.Tensor, generator: torch.Generator, noise: torch.Tensor | None = None) -> int:
    """One token id from ``probs`` (1-D, sums to 1): ``torch.multinomial(probs, 1)``'s own algorithm.

    ``torch.multinomial`` draws one sample as ``argmax(probs / E)`` with ``E`` exponential(1)
    noise; doing it here skips its input checks (five reductions and a host read, a sixth of
    a small model's token), and gives the same id for the same generator state
    (tests/core/test_decode.py checks it against ``torch.multinomial``). ``noise``, a tensor like
    ``probs`` to overwrite, saves an allocation per token.
    """
    noise = torch.empty_like(probs) if noise is None else noise
    return int(torch.argmax(torch.div(probs, noise.exponential_(generator=generator), out=noise)))


def window_keep(block_size: int) -> int:
    """How many tokens the context keeps when it is cut (see the module docstring)."""
    return max(1, block_size - block_size // 2)


# -- prompts --------------------------------------------------------------------


def start_ids(tokenizer) -> list[int]:
    """The token an empty prompt starts from: newline if it is a single token, else token 0."""
    try:
        ids = tokenizer.encode("\n")
    except TokenizerError:
        ids = []
    if len(ids) == 1 and tokenizer.decode(ids) == "\n":
        return ids
    return [0]


def encode_prompt(tokenizer, prompt: str | Sequence[int], vocab_size: int | None = None) -> list[int]:
    """Token ids for a prompt (text or ids), checked; an empty prompt gives ``start_ids``.

    Text with characters a character-level tokenizer never saw is refused with a
    TokenizerError naming all of them, whatever the tokenizer's unknown-character
    policy (a model never learned anything for its unknown token). Ids outside the
    vocabulary are refused too.
    """
    vocab = vocab_size if vocab_size is not None else tokenizer.vocab_size
    if isinstance(prompt, str):
        unknown = tokenizer.unknown_chars(prompt)
        if unknown:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in unknown[:20])
            raise TokenizerError(
                "The prompt contains 1 character this model's vocabulary does not have: {shown}. "
                "Remove or replace it." if len(unknown) == 1 else
                "The prompt contains {n} characters this model's vocabulary does not have: {shown}. "
                "Remove or replace them." if len(unknown) <= 20 else
                "The prompt contains {n} characters this model's vocabulary does not have: {shown} "
                "and {more} more. Remove or replace them.",
                n=len(unknown), shown=shown, more=len(unknown) - 20,
            )
        ids = list(tokenizer.encode(prompt))
    else:
        ids = []
        for i in prompt:
            try:
                if isinstance(i, bool):
                    raise TypeError
                ids.append(operator.index(i))
            except TypeError:
                raise TokenizerError("A prompt given as tokens must be whole numbers, not {i!r}.", i=i) from None
    bad = [i for i in ids if not 0 <= i < vocab]
    if bad:
        raise TokenizerError("Token id {bad} is outside this model's vocabulary of {vocab} tokens.", bad=bad[0], vocab=vocab)
    return ids if ids else start_ids(tokenizer)


# -- generation -------------------------------------------------------------------


class Generation(Iterator[GeneratedToken]):
    """The stream ``generate`` returns: iterate it for tokens, then read why it ended.

    Attributes (updated as it runs):

    * ``prompt_ids``: the prompt as token ids (``start_ids`` for an empty prompt);
    * ``ids``: the generated ids, one per yielded token (the token that completed a
      stop sequence included);
    * ``text``: the generated text so far, i.e. the yielded ``text`` pieces joined,
      plus ``tail`` at the end; it never includes a stop sequence;
    * ``tail``: text held back when generation was stopped by ``should_stop`` (an
      incomplete character or a possible stop-sequence start), else "";
    * ``finish_reason``: None while running, then "max_tokens" | "stop_sequence" |
      "stopped" (also the ``StopIteration`` value);
    * ``seed``: the seed actually used (drawn at random when the options had None);
    * ``crops``: how many times the context window was cut.
    """

    def __init__(self, model, tokenizer, prompt_ids: list[int], options: SamplingOptions, should_stop, seed: int):
        self.prompt_ids = prompt_ids
        self.options = options
        self.seed = seed
        self.ids: list[int] = []
        self.tail = ""
        self.finish_reason: str | None = None
        self.crops = 0
        self._stream = TextStream(tokenizer, prompt_ids, options.stop_sequences)
        self._it = self._run(model, tokenizer, should_stop)

    @property
    def text(self) -> str:
        return self._stream.text

    def __iter__(self) -> "Generation":
        return self

    def __next__(self) -> GeneratedToken:
        return next(self._it)

    def close(self) -> None:
        """Stop early without a reason (restores the model's training mode)."""
        self._it.close()

    def _run(self, model, tokenizer, should_stop) -> Iterator[GeneratedToken]:
        opts = self.options
        was_training = model.training
        model.eval()
        try:
            reason = yield from self._loop(model, tokenizer, should_stop, opts)
        finally:
            model.train(was_training)
        if reason == "stopped":
            self.tail = self._stream.flush()
        self.finish_reason = reason
        return reason

    def _loop(self, model, tokenizer, should_stop, opts: SamplingOptions):
        block = model.cfg.block_size
        keep = window_keep(block)
        model_vocab = model.cfg.vocab_size
        tok_vocab = tokenizer.vocab_size
        try:
            device = next(model.parameters()).device
        except StopIteration:
            device = torch.device("cpu")
        gen = torch.Generator().manual_seed(self.seed)
        pieces: dict[int, str] = {}

        def piece(i: int) -> str:
            p = pieces.get(i)
            if p is None:
                p = pieces[i] = tokenizer.id_to_piece(i)
            return p

        ctx = list(self.prompt_ids)  # prompt + generated
        w = max(0, len(ctx) - block)  # the window is ctx[w:], never longer than block
        cache: KVCache | None = None
        # GPT's one-position steps skip its module calls; another model (a test's stand-in) uses its forward
        decoder = Decoder(model) if opts.use_cache and isinstance(model, GPT) else None
        need_prefill = True
        penalise = opts.repetition_penalty != 1.0
        n_alt = min(opts.top_alternatives, tok_vocab)
        padded = tok_vocab < model_vocab
        greedy = opts.is_greedy
        unchanged = _unchanged(opts)
        noise = None  # draw's buffer, reused
        off_cpu = device.type != "cpu"
        inference = torch.inference_mode()  # one context manager for every token (entered and left each time)

        for i in range(opts.max_new_tokens):
            if should_stop is not None and should_stop():
                return "stopped"
            with inference:
                if not opts.use_cache:
                    x = torch.tensor([ctx[w:]], dtype=torch.long, device=device)
                    logits = model(x)[0][0, -1]
                elif need_prefill:
                    x = torch.tensor(ctx[w:], dtype=torch.long, device=device)
                    if decoder is None:
                        cache = KVCache()
                        logits = model(x[None], cache=cache)[0][0, -1]
                    else:  # GPT.forward's result for the last position, in ~2/3 of its time
                        cache = decoder.new_cache()
                        logits = decoder.prefill(x, cache)[0]
                    need_prefill = False
                elif decoder is not None:
                    logits = decoder.step(ctx[-1], cache)[0]  # one position's work
                else:
                    x = torch.tensor([[ctx[-1]]], dtype=torch.long, device=device)
                    logits = model(x, cache=cache)[0][0, -1]
                if off_cpu or padded:  # a float64 copy; on the CPU, softmax converts the model's own logits
                    logits = logits.to(_CPU, torch.float64)  # (vocab,)
                if padded:  # never sample ids the tokenizer lacks
                    logits[tok_vocab:] = -math.inf
                if unchanged:  # _filter's first step is all there is to do
                    raw = final = torch.softmax(logits, dim=0, dtype=torch.float64)
                else:
                    raw, final = _filter(logits, opts, ctx[w:] if penalise else None)  # checked below, at raw[t]
                if noise is None:
                    noise = torch.empty_like(final)
                t = int(torch.argmax(final)) if greedy else draw(final, gen, noise)
                alts = []
                if n_alt:
                    top = torch.topk(raw[:tok_vocab] if padded else raw, n_alt)
                    alts = [(j, piece(j), p) for j, p in zip(top.indices.tolist(), top.values.tolist())]
                p_raw = float(raw[t])
                if not math.isfinite(p_raw):  # NaN: some score was NaN or infinite (see _filter)
                    raise _invalid_scores()
                p_final = p_raw if final is raw else float(final[t])
            ctx.append(t)
            if len(ctx) - w > block:
                w = len(ctx) - keep
                need_prefill = True
                self.crops += 1
            self.ids.append(t)
            text, hit = self._stream.push(t, last=i == opts.max_new_tokens - 1)
            yield GeneratedToken(t, text, p_final, p_raw, alts, i)
            if hit:
                return "stop_sequence"
        return "max_tokens"


def generate(
    model,
    tokenizer,
    prompt: str | Sequence[int],
    options: SamplingOptions | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
) -> Generation:
    """Stream new tokens after ``prompt`` (text, or token ids to continue a branch).

    Options and the prompt are checked at once (ConfigError / TokenizerError with a
    sentence); nothing runs until the result is iterated. ``should_stop()`` is asked
    before each token, so a Stop button takes effect within one token. The model is
    put in eval mode while generating and its mode restored afterwards; every forward
    runs under ``torch.inference_mode()``. To branch at a generated token, pass
    ``prompt_ids + generated_ids[:k] + [alternative_id]`` as the prompt.
    """
    options = (options or SamplingOptions()).check()
    if tokenizer.vocab_size > model.cfg.vocab_size:
        raise TokenizerError(
            "The tokenizer has {vocab_size} tokens but the "
            "model only {model_vocab}; they do not belong "
            "together.", vocab_size=tokenizer.vocab_size, model_vocab=model.cfg.vocab_size
        )
    ids = encode_prompt(tokenizer, prompt, min(tokenizer.vocab_size, model.cfg.vocab_size))
    seed = options.seed if options.seed is not None else secrets.randbits(63)
    return Generation(model, tokenizer, ids, options, should_stop, seed)
