"""Decoding a translation: greedy (streaming, or a batch at once) and beam search, with the KV cache.

Every function encodes the source once (``Seq2SeqCache``) and feeds the decoder one token per step.

* ``stream_greedy`` yields ``(token id, probability)`` as each token is chosen: the Playground shows
  the translation growing, coloured by probability.
* ``greedy_batch`` translates many sources at once (the evaluation's validation sample).
* ``beam_search`` keeps the ``beam`` best partial translations by total log-probability; finished
  ones are ranked by log-probability / length^alpha (Wu et al. 2016's length normalisation, alpha
  ``length_penalty``; 0 ranks by the plain sum). With ``beam=1`` it is greedy decoding.

Example::

    >>> ids = greedy_batch(model, [[5, 6, 7]], max_len=10)[0]   # a list of target ids, no <s> or </s>
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import torch

from .model import EncoderDecoder, Seq2SeqCache


def _src_tensor(model: EncoderDecoder, sources: Sequence[Sequence[int]]) -> torch.Tensor:
    width = max(1, max(len(s) for s in sources))
    rows = [list(s) + [model.pad_id] * (width - len(s)) for s in sources]
    return torch.tensor(rows, dtype=torch.long, device=model.tok_emb.weight.device)  # (B, S)


def _limit(model: EncoderDecoder, max_len: int | None) -> int:
    return min(max_len or model.cfg.block_size, model.cfg.block_size)


@torch.inference_mode()
def stream_greedy(model: EncoderDecoder, src: Sequence[int], max_len: int | None = None) -> Iterator[tuple[int, float]]:
    """(token id, its probability) of the greedy translation of ``src``, one per step, until ``</s>``."""
    cache = Seq2SeqCache()
    src_t = _src_tensor(model, [src])
    token = torch.tensor([[model.bos_id]], device=src_t.device)
    for _ in range(_limit(model, max_len)):
        logits, _ = model(src_t, token, cache=cache)
        probs = torch.softmax(logits[0, -1].float(), dim=-1)
        i = int(probs.argmax())
        if i == model.eos_id:
            return
        yield i, float(probs[i])
        token = torch.tensor([[i]], device=src_t.device)


@torch.inference_mode()
def greedy_batch(model: EncoderDecoder, sources: Sequence[Sequence[int]], max_len: int | None = None) -> list[list[int]]:
    """The greedy translations of many sources at once (target ids without ``<s>``/``</s>``)."""
    cache = Seq2SeqCache()
    src_t = _src_tensor(model, sources)
    B = len(sources)
    token = torch.full((B, 1), model.bos_id, device=src_t.device)
    out = torch.empty((B, 0), dtype=torch.long, device=src_t.device)
    done = torch.zeros(B, dtype=torch.bool, device=src_t.device)
    for _ in range(_limit(model, max_len)):
        logits, _ = model(src_t, token, cache=cache)
        token = logits[:, -1].argmax(-1, keepdim=True)  # (B, 1)
        out = torch.cat([out, token], dim=1)
        done |= token[:, 0] == model.eos_id
        if bool(done.all()):
            break
    result = []
    for row in out.tolist():
        result.append(row[: row.index(model.eos_id)] if model.eos_id in row else row)
    return result


@dataclass(frozen=True)
class Hypothesis:
    ids: tuple[int, ...]  # target ids, no <s> / </s>
    probs: tuple[float, ...]  # each token's probability when it was chosen
    logprob: float  # sum of the log-probabilities, </s> included
    score: float  # what beams are ranked by: logprob / length^alpha


def _score(logprob: float, length: int, alpha: float) -> float:
    return logprob / (max(1, length) ** alpha) if alpha else logprob


@torch.inference_mode()
def beam_search(model: EncoderDecoder, src: Sequence[int], beam: int = 4, max_len: int | None = None,
                length_penalty: float = 1.0) -> list[Hypothesis]:
    """The ``beam`` best translations of ``src``, best first (finished ones ranked by their normalised score).

    Steps: 1. encode the source once; 2. each step, extend every live beam by every token and keep the
    ``beam`` best totals; 3. a beam that chose ``</s>`` is finished (its length counts ``</s>``) and
    leaves the search; 4. stop when ``beam`` are finished or the context is full; 5. rank them.
    """
    cache = Seq2SeqCache()
    src_t = _src_tensor(model, [src])
    device = src_t.device
    live: list[tuple[tuple[int, ...], tuple[float, ...], float]] = [((), (), 0.0)]
    finished: list[Hypothesis] = []
    token = torch.tensor([[model.bos_id]], device=device)
    for step in range(_limit(model, max_len)):
        logits, _ = model(src_t, token, cache=cache)
        logp = torch.log_softmax(logits[:, -1].float(), dim=-1)  # (live, V)
        total = logp + torch.tensor([lp for _, _, lp in live], device=device)[:, None]
        top = total.flatten().topk(min(total.numel(), 2 * beam))  # room for the ones that finish now
        keep_rows, nxt = [], []
        for value, flat in zip(top.values.tolist(), top.indices.tolist()):
            row, tok = divmod(flat, logp.shape[1])
            ids, probs, _ = live[row]
            p = float(logp[row, tok].exp())
            if tok == model.eos_id:
                finished.append(Hypothesis(ids, probs, value, _score(value, len(ids) + 1, length_penalty)))
            else:
                keep_rows.append(row)
                nxt.append((ids + (tok,), probs + (p,), value))
            if len(nxt) == beam:
                break
        if len(finished) >= beam or not nxt:
            break
        live = nxt
        cache.select(torch.tensor(keep_rows, device=device))
        token = torch.tensor([[ids[-1]] for ids, _, _ in live], device=device)
        src_t = src_t[:1].expand(len(live), -1)
    if not finished:  # the context filled before any beam ended: rank the live ones
        finished = [Hypothesis(ids, probs, lp, _score(lp, len(ids), length_penalty)) for ids, probs, lp in live]
    return sorted(finished, key=lambda h: h.score, reverse=True)[:beam]
