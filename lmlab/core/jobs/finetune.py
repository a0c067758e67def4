"""Fine-tune a run on conversations: a new run that starts from its parent's checkpoint.

``create_finetune`` reads the conversations (a file, or the embedded Shakespeare dialogue), adds
the chat tokens to the parent's tokenizer, lays the data out for the engine (``core.chat.data``),
writes the parent's weights (grown by the new tokens' rows) as the run's starting point, records
the lineage and the parent's own loss on the held-out conversations, and returns the run. It is
then trained like any run (``jobs.train.prepare_and_train``: the same engine, queue and plots).
"""

from __future__ import annotations

import random
from collections.abc import Generator
from dataclasses import dataclass

from ..chat.conversations import DEFAULT_LABEL, Conversation, default_dialogue, read_conversations
from ..chat.data import grown_weights, masked_loss, split_conversations, write_chat_data
from ..chat.template import SPECIAL_TOKENS, with_chat_tokens
from ..derive import FINETUNE_EPOCHS, finetune_defaults, with_choices
from ..errors import LmlabError, user_text
from ..events import FinetuneProgress, ReferenceLoss
from ..lineage import write_initial_weights
from ..loading import find_checkpoint
from ..model import GPT
from ..runs import Run, RunStore
from ..dataset import load_prepared

DEFAULT_DIALOGUE_SIZE = 1200  # exchanges drawn from the plays' ~21,000 (a few minutes on a CPU)
LANGUAGE_MODEL = "gpt"  # the kind (ModelConfig.arch) that predicts the next token: the only one that can chat
MAX_LEFT_OUT_SHOWN = 5  # sentences about conversations that did not fit; the rest are counted


@dataclass(frozen=True)
class ChatSource:
    """Where a fine-tune's conversations come from: ``path`` None is the embedded Shakespeare dialogue."""

    path: str | None = None
    fmt: str = "auto"  # auto | chat | sharegpt | transcript
    assistant: str | None = None  # transcripts: the speaker who answers (None: every reply)
    limit: int = 0  # at most this many conversations (a seeded sample); 0: all (the default dialogue: 1,200)

    @property
    def label(self) -> str:
        return self.path or DEFAULT_LABEL

    def read(self, seed: int, context: int = 0) -> list[Conversation]:
        """The conversations (a seeded sample when limited); the embedded dialogue keeps to exchanges whose
        characters fit ``context`` tokens with the template's four markers (a character model's count)."""
        if self.path is None:
            convs = default_dialogue(max_total=max(1, context - len(SPECIAL_TOKENS)) if context else 0)
        else:
            convs = read_conversations(self.path, self.fmt, self.assistant)
        limit = self.limit or (DEFAULT_DIALOGUE_SIZE if self.path is None else 0)
        if limit and len(convs) > limit:
            convs = random.Random(seed).sample(convs, limit)
        return convs


def create_finetune(store: RunStore, parent: Run, source: ChatSource, *, step: int | None = None,
                    epochs: int = FINETUNE_EPOCHS, train: dict | None = None, name: str = ""
                    ) -> Generator[FinetuneProgress | ReferenceLoss, None, Run]:
    """A new run in ``store`` that fine-tunes ``parent`` (its checkpoint ``step``, default the latest) on
    ``source``; ``train``: settings that replace the fine-tuning defaults (``derive.finetune_defaults``)."""
    if epochs < 1:
        raise LmlabError("Fine-tune for at least one epoch.")
    pcfg = parent.read_config()
    if pcfg.model.arch != LANGUAGE_MODEL:
        raise LmlabError("{name} is not a language model (its kind is {kind}): only a GPT run can be fine-tuned "
                         "on conversations.", name=parent.name, kind=pcfg.model.arch)
    ck = find_checkpoint(parent, step)
    yield FinetuneProgress("read", user_text("Reading conversations from {label}", label=source.label))
    convs = source.read(pcfg.train.seed, pcfg.model.block_size)
    train_convs, val_convs = split_conversations(convs, pcfg.data.val_fraction, pcfg.train.seed)
    if not val_convs:
        raise LmlabError("{label}: one conversation is too few; fine-tuning "
                         "needs at least two (one is held out to validate).", label=source.label)
    tokenizer = with_chat_tokens(load_prepared(parent.data_dir).tokenizer())
    changes = finetune_defaults(pcfg.train, len(train_convs), epochs) | (train or {})
    cfg = with_choices(pcfg, train=changes, model={"vocab_size": tokenizer.vocab_size})
    cfg = cfg.with_changes(name=name or f"{parent.name} chat")
    run = store.create(cfg)
    lineage = {"run": parent.id, "name": parent.name, "step": ck.step, "data": source.label, "epochs": epochs}
    run.write_config(cfg, parent=lineage)
    try:
        yield FinetuneProgress("tokenize", user_text("Tokenising {count:,} conversations", count=len(train_convs) + len(val_convs)))
        chat = write_chat_data(run.data_dir, tokenizer, train_convs, val_convs, cfg.model.block_size)
        yield FinetuneProgress("tokenize", chat.stats.sentence())
        for sentence in chat.left_out[:MAX_LEFT_OUT_SHOWN]:
            yield FinetuneProgress("left-out", sentence)
        if len(chat.left_out) > MAX_LEFT_OUT_SHOWN:
            yield FinetuneProgress("left-out", user_text("{count:,} conversations in all were longer than the context and left out; the rest are used.", count=len(chat.left_out)))
        weights = grown_weights(ck.load_model_tensors(), tokenizer.vocab_size)
        write_initial_weights(run, weights)
        yield FinetuneProgress("reference", user_text("Measuring {name}'s loss on the held-out conversations", name=parent.name))
        model = GPT(cfg.model)
        model.load_state_dict(weights, strict=False)
        reference = masked_loss(model, chat.data, "val", cfg.train.batch_size)
        run.write_config(cfg, parent=lineage | {"reference_val_loss": reference,
                                                "conversations": {"train": chat.n_train, "val": chat.n_val},
                                                "left_out": len(chat.left_out)})
        run.write_status("ready", step=0, total_steps=cfg.total_steps,
                         message=chat.left_out[0] if len(chat.left_out) == 1 else
                         f"{len(chat.left_out):,} conversations longer than the context were left out."
                         if chat.left_out else "")
    except BaseException as e:
        run.write_status("failed", step=0, message=str(e))
        raise
    yield ReferenceLoss(str(run.path), parent.name, reference)
    yield FinetuneProgress("ready", user_text("{n_train:,} conversations to train on, {n_val:,} held out; {name} scores {reference:.3f} on them", n_train=chat.n_train, n_val=chat.n_val, name=parent.name, reference=reference))
    return run

