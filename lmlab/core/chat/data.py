"""Conversations as training data for the engine, and a parent model's weights for the new tokens.

``write_chat_data`` lays the conversations out one per slot of ``block_size + 1`` tokens (the
rendered conversation, then end-of-turn tokens as padding), with ``{part}.mask.bin`` marking the
tokens that are targets (the assistant's text and end-of-turn). The engine's ``Batches`` draws
whole slots and turns every other target into IGNORE: the loss is on assistant tokens only.
A conversation longer than the context is left out with a sentence naming its file and line.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ..dataset import META_FILE, PreparedData, token_dtype
from ..errors import CorpusError
from ..errors import RunStoreError
from ..runs import atomic_write_bytes, atomic_write_json, read_json
from ..tokenizers import TOKENIZER_FILE
from .conversations import ChatStats, Conversation, chat_stats
from .template import CHAT_TEMPLATE, encode_turns, end_id

CHAT_TEMPLATE_KEY = "chat_template"


@dataclass(frozen=True)
class ChatData:
    data: PreparedData
    n_train: int  # conversations
    n_val: int
    left_out: tuple[str, ...]  # one sentence per conversation that did not fit
    stats: ChatStats  # of every conversation given (conversations, turns and tokens per role)


def split_conversations(convs: Sequence[Conversation], val_fraction: float, seed: int
                        ) -> tuple[list[Conversation], list[Conversation]]:
    """(train, held out): a seeded shuffle, at least one conversation on each side when there are two."""
    order = list(convs)
    random.Random(seed).shuffle(order)
    n_val = min(len(order) - 1, max(1, round(len(order) * val_fraction))) if len(order) > 1 else 0
    return order[n_val:], order[:n_val]


def _slots(tokenizer, convs: Sequence[Conversation], slot: int, dtype: str, left_out: list[str]
           ) -> tuple[np.ndarray, np.ndarray]:
    pad = end_id(tokenizer)
    ids_out, mask_out = [], []
    for c in convs:
        ids, target = encode_turns(tokenizer, c.turns)
        if len(ids) > slot:
            left_out.append(f"{c.where}: this conversation is {len(ids):,} tokens, longer than the context of "
                            f"{slot - 1:,}; it was left out and the rest are used.")
            continue
        ids_out.append(np.asarray(ids + [pad] * (slot - len(ids)), dtype=dtype))
        mask_out.append(np.asarray(target + [False] * (slot - len(ids)), dtype=np.uint8))
    if not ids_out:
        return np.zeros(0, dtype=dtype), np.zeros(0, dtype=np.uint8)
    return np.concatenate(ids_out), np.concatenate(mask_out)


def write_chat_data(folder: str | Path, tokenizer, train: Sequence[Conversation], val: Sequence[Conversation],
                    block_size: int) -> ChatData:
    """Tokenise the conversations into ``folder`` (tokenizer.json, train/val .bin and .mask.bin, meta.json)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    slot = block_size + 1
    dtype = token_dtype(tokenizer)
    left_out: list[str] = []
    counts = {}
    for part, convs in (("train", train), ("val", val)):
        ids, mask = _slots(tokenizer, convs, slot, dtype, left_out)
        if not len(ids):
            raise CorpusError("No held-out conversation fits the context of {block_size:,} tokens; nothing was used."
                              if part == "val" else
                              "No conversation fits the context of {block_size:,} tokens; nothing was used.",
                              block_size=block_size)
        atomic_write_bytes(folder / f"{part}.bin", ids.tobytes())
        atomic_write_bytes(folder / f"{part}.mask.bin", mask.tobytes())
        counts[part] = len(ids)
    tokenizer.save(folder / TOKENIZER_FILE)
    data = PreparedData(folder, tokenizer.vocab_size, dtype, counts["train"], counts["val"], None, tokenizer.kind,
                        "conversations", slot)
    stats = chat_stats([*train, *val], tokenizer)
    atomic_write_json(folder / META_FILE, data.to_dict() | {CHAT_TEMPLATE_KEY: CHAT_TEMPLATE, "chat": {
        "conversations": stats.conversations, "turns": stats.turns, "tokens": stats.tokens,
        "train_conversations": counts["train"] // slot, "val_conversations": counts["val"] // slot,
        "left_out": left_out[:20], "left_out_count": len(left_out)}})
    return ChatData(data, counts["train"] // slot, counts["val"] // slot, tuple(left_out), stats)


def grown_weights(weights: dict[str, torch.Tensor], vocab_size: int) -> dict[str, torch.Tensor]:
    """The parent's weights with rows for the tokens added after its vocabulary.

    A new token's embedding row (and output row, when the head is not tied) starts as the **mean of
    the existing rows**: the new token's input looks like an average token rather than noise the
    network never saw, and its initial logit is the average logit, so the loss does not start with
    a spike on tokens the parent would never predict. Training then moves the rows apart.
    """
    out = dict(weights)
    for name in ("tok_emb.weight", "head.weight"):
        w = weights.get(name)
        if w is None or w.shape[0] >= vocab_size:
            continue
        extra = w.float().mean(dim=0, keepdim=True).expand(vocab_size - w.shape[0], -1).to(w.dtype)
        out[name] = torch.cat([w, extra], dim=0)
    return out


@torch.no_grad()
def masked_loss(model, data: PreparedData, part: str, batch_size: int) -> float:
    """Mean assistant-token loss of ``model`` on every conversation of ``part``, batched as the engine's
    evaluation batches them (so a fine-tune's val loss and its parent's reference line compare)."""
    device = next(model.parameters()).device
    batches = data.batches(part, model.cfg.block_size, batch_size, device)
    starts = batches.eval_starts(0, 0)
    was_training = model.training
    model.eval()
    losses = []
    for i in range(0, len(starts), batch_size):
        x, y = batches.at(starts[i : i + batch_size])
        losses.append(float(model(x, y)[1]))
    model.train(was_training)
    return float(np.mean(losses))


def chat_template_of(data_dir: str | Path) -> str | None:
    """The chat template stored with a run's prepared data, or None (a run never fine-tuned on conversations)."""
    try:
        meta = read_json(Path(data_dir) / META_FILE)
    except RunStoreError:
        return None
    template = meta.get(CHAT_TEMPLATE_KEY) if isinstance(meta, dict) else None
    return template if isinstance(template, str) else None
