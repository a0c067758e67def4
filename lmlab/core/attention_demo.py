"""Induction heads from scratch on a CPU (``lmlab demo induction``).

A 2-layer GPT is trained with plain AdamW on random tokens in which a random
stretch ``r`` appears twice, ``[noise; r; noise; r; noise]``, with a random length,
a random start and a random gap between the copies. The first copy cannot be
predicted; the second can, but only by looking back at what followed the earlier
occurrence of the current token. Because start, length and gap vary, no fixed
positional offset works: the model has to build an *induction head* (layer 0
moves each token's predecessor into its position, a layer-1 head matches the
current token against it), and the induction score of the layer-1 heads (see
``lmlab.core.attention``) jumps from about 0.02 to about 0.9 after some hundred
steps of plateau.

Two choices matter (found by trying; see docs/benchmarks_attention.md):

* The vocabulary (256) is larger than the context (64). With ~50 tokens every
  token is already somewhere in the context and the model gets no early reward for
  copying tokens it has seen, so the plateau lasted over 5000 steps.
* The gap is random. With ``fixed_period=True`` (every row exactly ``[r; r]``) a
  *layer-0* head learns to look ``len(r) - 1`` positions back by position alone:
  it scores ~0.97 on ``[r; r]`` of that length in 200 steps but it is not an
  induction head (it fails at other lengths). Kept as a counter-example.

``tests/core/test_induction_demo.py`` runs this demo.

Example (a minute or two on one CPU core)::

    >>> r = induction_demo(seed=0)                            # doctest: +SKIP
    >>> r["best_head"], round(r["induction_after"], 2)         # doctest: +SKIP
    ((1, 0), 0.89)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict

import numpy as np
import torch
import torch.nn.functional as F

from .attention import induction_score, top_heads
from .attention_phases import phase_markers
from .config import ModelConfig
from .model import GPT


def repeat_batch(
    batch_size: int,
    block_size: int,
    vocab_size: int,
    min_len: int,
    max_len: int,
    gen: torch.Generator,
    fixed_period: bool = False,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Token ids (B, block_size) and a loss mask (B, block_size - 1) over the predictable targets.

    Each row is noise with one random stretch ``r`` (distinct tokens, length in
    [min_len, max_len]) shown twice, at a random start with a random gap between
    the copies; the noise uses tokens not in ``r``, so each token of the second copy
    occurred exactly once before. The mask selects targets 2..n of the second copy
    (its first token cannot be known). With ``fixed_period`` every row is exactly
    ``[r; r]`` with ``len(r) == block_size // 2``.
    """
    T = block_size
    x = torch.empty(batch_size, T, dtype=torch.long)
    mask = torch.zeros(batch_size, T - 1)
    lens = torch.randint(min_len, max_len + 1, (batch_size,), generator=gen)
    u = torch.rand(batch_size, 2, generator=gen)
    perms = torch.rand(batch_size, vocab_size, generator=gen).argsort(dim=1)
    noise_idx = torch.rand(batch_size, T, generator=gen)
    for b in range(batch_size):
        n = T // 2 if fixed_period else int(lens[b])
        gap = 0 if fixed_period else int(u[b, 0] * (T - 2 * n + 1))  # tokens between the two copies
        a = int(u[b, 1] * (T - 2 * n - gap + 1))  # start of the first copy
        c = a + n + gap  # start of the second copy
        r, rest = perms[b, :n], perms[b, n:]
        x[b] = rest[(noise_idx[b] * len(rest)).long().clamp_max(len(rest) - 1)] if len(rest) else 0
        x[b, a : a + n] = r
        x[b, c : c + n] = r
        mask[b, c : c + n - 1] = 1  # target x[t + 1] for t in the second copy, except its last
    return x, mask


def induction_demo(
    steps: int = 2000,
    seed: int = 0,
    *,
    n_layer: int = 2,
    n_head: int = 4,
    n_embd: int = 64,
    block_size: int = 64,
    vocab_size: int = 256,
    batch_size: int = 32,
    learning_rate: float = 1e-3,
    weight_decay: float = 0.01,
    min_len: int = 8,
    max_len: int | None = None,
    fixed_period: bool = False,
    eval_every: int = 100,
    stop_at: float | None = 0.8,
    threads: int | None = 1,
    progress: Callable[[int, float, np.ndarray], None] | None = None,
) -> dict:
    """Train a tiny GPT on repeated random tokens; report its induction scores before and after.

    Stops after ``steps`` optimizer steps, or earlier at the first evaluation
    (every ``eval_every`` steps) where a head of layer >= 1 scores at least
    ``stop_at`` (None: never early). Scores are measured on 16 fresh sequences
    ``[r; r]`` with ``len(r) == block_size // 2``. ``threads`` sets torch's CPU
    threads for the run (1 is fastest for a model this small, and much faster on
    a busy machine); the previous setting is restored. Deterministic for a given
    seed on one machine.

    Returns a dict: ``induction_before`` / ``induction_after`` (max over heads),
    ``best_head`` (layer, head) after training, ``best_head_short`` (that head's
    score on copies half as long: an induction head keeps it, a positional shortcut
    does not), ``scores_before`` / ``scores_after`` ((L, H) lists), ``history``
    ([step, loss, max score of each layer...] per evaluation), ``final_loss`` (on
    the predictable tokens), ``chance_loss``, ``steps``, ``seed``, ``seconds``.
    ``progress(step, loss, scores)`` is called at each evaluation.
    """
    old_threads = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        return _train_demo(
            steps, seed, n_layer, n_head, n_embd, block_size, vocab_size, batch_size, learning_rate,
            weight_decay, min_len, block_size // 2 if max_len is None else max_len, fixed_period, eval_every,
            stop_at, progress,
        )  # fmt: skip
    finally:
        torch.set_num_threads(old_threads)


def _train_demo(
    steps, seed, n_layer, n_head, n_embd, block_size, vocab_size, batch_size, learning_rate,
    weight_decay, min_len, max_len, fixed_period, eval_every, stop_at, progress,
) -> dict:  # fmt: skip
    seq_len = block_size // 2
    torch.manual_seed(seed)
    cfg = ModelConfig(
        n_layer=n_layer, n_head=n_head, n_embd=n_embd, block_size=block_size, vocab_size=vocab_size, dropout=0.0
    )
    model = GPT(cfg)
    # Scored on fresh sequences [r; r] (not the training ones).
    probe = dict(seq_len=seq_len, n_seqs=16, seed=seed + 10_000)
    before = induction_score(model, **probe)
    opt = torch.optim.AdamW(model.param_groups(weight_decay), lr=learning_rate, betas=(0.9, 0.99))
    gen = torch.Generator().manual_seed(seed)
    warmup = max(1, min(100, steps // 10))
    history: list[list[float]] = []
    scored: list = []  # (step, {"induction": (L, H)}) at each evaluation, for the phase marker
    start = time.perf_counter()
    loss_value = float("nan")
    model.train()
    step = 0
    for step in range(1, steps + 1):
        for g in opt.param_groups:
            g["lr"] = learning_rate * min(1.0, step / warmup)
        x, mask = repeat_batch(batch_size, block_size, vocab_size, min_len, max_len, gen, fixed_period)
        logits, _ = model(x[:, :-1])
        per_token = F.cross_entropy(logits.reshape(-1, vocab_size), x[:, 1:].reshape(-1), reduction="none")
        loss = (per_token.view(batch_size, -1) * mask).sum() / mask.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % eval_every == 0 or step == steps:
            loss_value = float(loss.detach())
            scores = induction_score(model, **probe)
            history.append([step, round(loss_value, 4), *np.round(scores.max(axis=1), 4).tolist()])
            scored.append((step, {"induction": scores}))
            if progress is not None:
                progress(step, loss_value, scores)
            if stop_at is not None and n_layer > 1 and scores[1:].max() >= stop_at:
                break
    seconds = time.perf_counter() - start
    after = induction_score(model, **probe)
    best_l, best_h, _ = top_heads(after, k=1)[0]
    short = induction_score(model, seq_len=max(2, seq_len // 2), n_seqs=16, seed=seed + 20_000)
    return {
        "steps": step,
        "seed": seed,
        "induction_before": float(before.max()),
        "induction_after": float(after.max()),
        "best_head": (best_l, best_h),
        "best_head_short": float(short[best_l, best_h]),
        "scores_before": before.round(4).tolist(),
        "scores_after": after.round(4).tolist(),
        "history": history,
        # where the induction score first crossed its threshold: the marker the Training plots draw
        "induction_marker": next((asdict(m) for m in phase_markers(scored) if m.score == "induction"), None),
        "final_loss": loss_value,
        "chance_loss": float(np.log(vocab_size)),
        "seconds": round(seconds, 2),
    }
