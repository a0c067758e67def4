"""Settings derived from the ones a user chooses: one rule each, used by the CLI, the app and sweeps.

* **min-lr**: the floor of the cosine decay keeps its ratio to the peak learning rate when the
  peak changes (nanoGPT's rule of thumb is a tenth): ``min_lr_for``.
* **warmup**: linear warmup lasts the configured steps but never more than a tenth of the run
  (at least one step when any is asked for), so a short run is not spent warming up:
  ``warmup_for``. The engine's schedule applies it; sweep points store it.
* **the batch over N processes**: the configured ``batch_size x grad_accum`` sequences stay the
  global batch of one optimizer step; each process takes an equal share, as few micro-batches
  as fit in the configured micro-batch: ``batch_split``.

Worked example (the ``cpu`` preset: batch 12, accumulation 1, lr 3e-3 -> 3e-4, warmup 100)::

    >>> from lmlab.core.config import preset
    >>> t = preset("cpu").train
    >>> min_lr_for(1e-2, t)          # a peak of 1e-2 keeps the floor at a tenth of it
    0.001
    >>> warmup_for(t.warmup_steps, 120), warmup_for(t.warmup_steps, 2000)
    (12, 100)
    >>> batch_split(t.batch_size, t.grad_accum, 2)   # 2 processes: 6 sequences each, 1 micro-batch
    BatchSplit(micro_batch=6, micro_batches=1)
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import RunConfig, TrainConfig
from .errors import ConfigError

WARMUP_SHARE = 10  # warmup lasts at most 1/WARMUP_SHARE of the run's steps
DEFAULT_MIN_LR_RATIO = 0.1  # when the old peak was 0


def min_lr_for(learning_rate: float, before: TrainConfig) -> float:
    """The floor for a new peak ``learning_rate``: the ratio of ``before``'s floor to its peak, kept.

    Example: before 3e-3 -> 3e-4 (a tenth); new peak 1e-2 -> 1e-3. A floor above the peak is capped.
    """
    ratio = before.min_lr / before.learning_rate if before.learning_rate > 0 else DEFAULT_MIN_LR_RATIO
    return learning_rate * min(1.0, ratio)


def warmup_for(warmup_steps: int, total_steps: int) -> int:
    """Warmup steps used by a run of ``total_steps``: the configured ones, at most a tenth of the run.

    Example: 100 configured, 120 steps -> 12 (the peak comes at step 12, not 100 of 120);
    100 of 2,000 -> 100; 0 -> 0; 100 of 5 -> 1.
    """
    if warmup_steps <= 0:
        return 0
    return min(warmup_steps, max(1, total_steps // WARMUP_SHARE))


@dataclass(frozen=True)
class BatchSplit:
    micro_batch: int  # sequences per micro-batch in each process
    micro_batches: int  # micro-batches per optimizer step in each process


def batch_split(batch_size: int, grad_accum: int, processes: int) -> BatchSplit:
    """How each of ``processes`` runs its share of the global batch (``batch_size x grad_accum`` sequences).

    Each process takes ``batch_size x grad_accum / processes`` sequences per step, in the fewest
    micro-batches whose size stays within ``batch_size`` (never more memory than one process uses).
    Examples: 12 x 1 over 2 -> 6 x 1; 4 x 2 over 2 -> 4 x 1; 4 x 3 over 2 -> 3 x 2; 3 x 3 over 2 -> an error.
    """
    if processes <= 1:
        return BatchSplit(batch_size, grad_accum)
    total = batch_size * grad_accum
    if total % processes:
        raise ConfigError(
            "With {processes} processes the global batch (batch size {batch_size} x accumulation "
            "{grad_accum} = {total} sequences) must be a multiple of {processes}: each process takes an "
            "equal share.",
            "batch_size", processes=processes, batch_size=batch_size, grad_accum=grad_accum, total=total,
        )
    share = total // processes
    k = next(k for k in range(1, share + 1) if share % k == 0 and share // k <= batch_size)
    return BatchSplit(share // k, k)


def with_choices(cfg: RunConfig, **sections: dict) -> RunConfig:
    """``cfg`` with what a user chose (``model={...}, train={...}, data={...}``, as ``with_changes``) and the
    settings those choices imply: a new peak learning rate given without a floor keeps the floor's ratio.

    Example: the cpu preset (3e-3 -> 3e-4) with ``train={"learning_rate": 1e-2}`` -> min_lr 1e-3.
    """
    train = dict(sections.get("train") or {})
    if "learning_rate" in train and "min_lr" not in train:
        train["min_lr"] = min_lr_for(train["learning_rate"], cfg.train)
    return cfg.with_changes(**(sections | {"train": train}))


# -- fine-tuning --------------------------------------------------------------------------------

FINETUNE_LR_SHARE = 10  # a fine-tune's peak learning rate is the parent's divided by this
FINETUNE_EPOCHS = 3  # passes over the training conversations
FINETUNE_WARMUP_SHARE = 0.05  # warmup: 5 % of the fine-tune's steps (at least one)


def finetune_defaults(parent: TrainConfig, n_conversations: int, epochs: int = FINETUNE_EPOCHS) -> dict:
    """The train settings of a fine-tune of a run trained with ``parent`` on ``n_conversations``
    conversations (one per sequence): a tenth of the parent's learning rate (the weights already
    know the language; a full rate would wash that out), a short warmup, ``epochs`` passes, an
    evaluation about twice an epoch and a checkpoint at the end.

    Example: the cpu preset (3e-3, batch 12) on 240 conversations, 3 epochs -> lr 3e-4 -> 3e-5,
    60 steps, warmup 3, evaluation every 10 steps.
    """
    per_epoch = max(1, -(-n_conversations // parent.batch_size // parent.grad_accum))
    steps = max(1, epochs * per_epoch)
    lr = parent.learning_rate / FINETUNE_LR_SHARE
    return {
        "learning_rate": lr,
        "min_lr": min_lr_for(lr, parent),
        "warmup_steps": max(1, round(steps * FINETUNE_WARMUP_SHARE)),
        "max_steps": steps,
        "token_budget": 0,
        "eval_every": max(1, per_epoch // 2),
        "checkpoint_every": steps,
        "log_every": max(1, min(parent.log_every, per_epoch // 4)),
    }
