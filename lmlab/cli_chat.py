"""``lmlab finetune`` and ``lmlab chat``: printers over ``core.jobs.finetune`` and ``core.chat.reply``.

``lmlab finetune PARENT_RUN --data FILE`` makes a new run that starts from the parent's checkpoint and
trains on the conversations (loss on the assistant's tokens only), with the fine-tuning defaults
(``derive.finetune_defaults``) unless changed; without ``--data`` it uses the embedded Shakespeare
dialogue. ``lmlab chat RUN`` talks with a fine-tuned run in the terminal.
"""

from __future__ import annotations

import argparse
import sys

from .core.errors import LmlabError

CHAT_HELP = "commands: /regen (answer again), /save FILE (append as JSONL chat), /quit"


def add_chat_commands(sub, common: argparse.ArgumentParser) -> None:
    """Register ``lmlab finetune`` and ``lmlab chat`` (``common``: --runs-dir, --json, --debug)."""
    from .core.chat.conversations import FORMATS

    sp = sub.add_parser("finetune", parents=[common], help="fine-tune a run on conversations (a chat model)",
                        description="A new run that starts from PARENT_RUN's checkpoint and trains on conversations "
                                    "with the loss on the assistant's turns only; the parent is recorded as its "
                                    "lineage and its loss on the held-out conversations as a reference.")
    sp.add_argument("parent", metavar="PARENT_RUN", help="run folder, id or name")
    sp.add_argument("--data", metavar="FILE", help="conversations: chat JSONL, ShareGPT JSONL or a NAME: text "
                                                   "transcript (default: the embedded Shakespeare dialogue)")
    sp.add_argument("--format", choices=FORMATS, default="auto")
    sp.add_argument("--assistant", metavar="NAME", help="transcripts: the speaker who answers (default: every reply)")
    sp.add_argument("--limit", type=int, default=0, metavar="N", help="at most N conversations (a seeded sample)")
    sp.add_argument("--step", type=int, help="the parent's checkpoint (default: the latest)")
    sp.add_argument("--epochs", type=int, default=None, help="passes over the conversations (default 3)")
    sp.add_argument("--lr", type=float, help="peak learning rate (default: a tenth of the parent's)")
    sp.add_argument("--steps", type=int, help="optimizer steps (default: from --epochs)")
    sp.add_argument("--batch-size", type=int, help="conversations per batch (default: the parent's)")
    sp.add_argument("--name", default="", help="the new run's name (default: the parent's + ' chat')")
    sp.add_argument("--device", help="auto | cpu | cuda | mps")
    sp.set_defaults(func=cmd_finetune)

    sp = sub.add_parser("chat", parents=[common], help="chat with a fine-tuned run in the terminal",
                        description=f"Talk with a run fine-tuned on conversations. {CHAT_HELP}.")
    sp.add_argument("run", help="run folder, id or name")
    sp.add_argument("--step", type=int, help="checkpoint step (default: the latest)")
    sp.add_argument("--system", default="", help="a system prompt")
    sp.add_argument("--message", action="append", metavar="TEXT",
                    help="say this instead of reading the terminal (repeatable); print the replies and end")
    sp.add_argument("--temperature", type=float, default=0.8)
    sp.add_argument("--top-k", type=int, default=0)
    sp.add_argument("--top-p", type=float, default=1.0)
    sp.add_argument("--max-new-tokens", type=int, default=300)
    sp.add_argument("--seed", type=int)
    sp.add_argument("--save", metavar="FILE", help="append the conversation to FILE (JSONL chat) at the end")
    sp.set_defaults(func=cmd_chat)


def cmd_finetune(a) -> int:
    from .cli import _printer, _store, _StopOnInterrupt
    from .core.derive import FINETUNE_EPOCHS
    from .core.engine import Control, Finished
    from .core.events import FinetuneProgress, ReferenceLoss
    from .core.jobs.drive import drain
    from .core.jobs.finetune import ChatSource, create_finetune
    from .core.jobs.train import prepare_and_train
    from .core.lineage import parent_of

    store, printer = _store(a), _printer(a)
    parent = store.open(a.parent)
    train = {k: v for k, v in (("learning_rate", a.lr), ("max_steps", a.steps), ("batch_size", a.batch_size),
                               ("device", a.device)) if v is not None}
    source = ChatSource(a.data, a.format, a.assistant, a.limit)

    def show(ev) -> None:
        if isinstance(ev, FinetuneProgress):
            printer.emit({"type": ev.type, "stage": ev.stage, "message": ev.message}, ev.message)
        elif isinstance(ev, ReferenceLoss):
            printer.emit({"type": ev.type, "parent": ev.parent, "val_loss": ev.val_loss, "run_dir": ev.run_dir},
                         f"Run folder: {ev.run_dir}")

    run = drain(create_finetune(store, parent, source, step=a.step, epochs=a.epochs or FINETUNE_EPOCHS,
                                train=train, name=a.name), show)
    control, status, best = Control(), "failed", None
    with _StopOnInterrupt(control):
        for ev in prepare_and_train(run, control):
            printer.train_event(ev, run.path)
            if isinstance(ev, Finished):
                status, best = ev.status, ev.best_val_loss
    ref = parent_of(run).get("reference_val_loss")
    if isinstance(best, float) and isinstance(ref, float):
        printer.emit({"type": "finetune-result", "reference_val_loss": ref, "best_val_loss": best},
                     f"Assistant-token validation loss: {parent.name} {ref:.4f} -> {run.name} {best:.4f}")
    return 0 if status in ("finished", "stopped") else 2


def cmd_chat(a) -> int:
    from .core.chat.conversations import Conversation, Turn, write_conversations
    from .core.chat.reply import reply
    from .core.generate import SamplingOptions
    from .core.loading import load_trained
    from .cli import _store

    tm = load_trained(_store(a).open(a.run), a.step).language_model("Chat")
    opts = SamplingOptions(temperature=a.temperature, top_k=a.top_k, top_p=a.top_p,
                           max_new_tokens=a.max_new_tokens, seed=a.seed).check()
    turns: list[Turn] = [Turn("system", a.system)] if a.system else []
    scripted = list(a.message or [])
    if not scripted:
        print(f"Chatting with {tm.run.name if tm.run else a.run} ({CHAT_HELP}).", file=sys.stderr)
    while True:
        if scripted:
            line = scripted.pop(0)
        elif a.message:
            break
        else:
            try:
                line = input("you> ")
            except EOFError:
                break
        if line.strip() == "/quit":
            break
        if line.startswith("/save "):
            write_conversations(line[6:].strip(), [Conversation(tuple(turns))])
            continue
        if line.strip() == "/regen":
            if not turns or turns[-1].role != "assistant":
                print("Nothing to answer again yet.", file=sys.stderr)
                continue
            turns.pop()
        else:
            turns.append(Turn("user", line))
        if not a.json:
            print("bot> ", end="", flush=True)
        gen = reply(tm.model, tm.tokenizer, turns, opts)
        for tok in gen:
            if not a.json:
                print(tok.text, end="", flush=True)
        turns.append(Turn("assistant", gen.text))
        if a.json:
            import json

            print(json.dumps({"type": "reply", "text": gen.text, "finish_reason": gen.finish_reason},
                             ensure_ascii=False), flush=True)
        else:
            print()
    if a.save:
        if not any(t.role == "assistant" for t in turns):
            raise LmlabError("Nothing was said, so nothing was saved.")
        write_conversations(a.save, [Conversation(tuple(turns))])
    return 0
