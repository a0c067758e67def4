"""Chat fine-tuning measured: a short pretrain of the ``small`` Shakespeare model, then a fine-tune on
the embedded dialogue; the assistant-token validation loss before and after, and sample conversations.

    OMP_NUM_THREADS=2 python bench/bench_chat.py --pretrain-steps 600 > /tmp/chat.md

Prints a Markdown section for docs/benchmarks.md (the numbers, the settings, three conversations
from the parent and three from the fine-tune, on held-out exchanges).
"""

from __future__ import annotations

import argparse
import tempfile
import time

import torch

from lmlab.core.chat.data import masked_loss, split_conversations
from lmlab.core.chat.reply import reply
from lmlab.core.config import preset
from lmlab.core.dataset import load_prepared
from lmlab.core.engine import Control, Finished
from lmlab.core.generate import SamplingOptions
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.finetune import ChatSource, create_finetune
from lmlab.core.jobs.train import new_run, prepare_and_train
from lmlab.core.lineage import load_initial_weights, parent_of
from lmlab.core.loading import load_trained
from lmlab.core.model import GPT
from lmlab.core.runs import RunStore


def train(run) -> Finished:
    t0 = time.perf_counter()
    *_, last = prepare_and_train(run, Control())
    print(f"<!-- {run.name}: {last.reason} in {time.perf_counter() - t0:.0f} s -->")
    return last


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pretrain-steps", type=int, default=600)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--root", default="")
    a = ap.parse_args()
    torch.manual_seed(0)
    store = RunStore(a.root or tempfile.mkdtemp(prefix="lmlab-bench-chat-"))
    cfg = preset("small").with_changes(train={"max_steps": a.pretrain_steps, "eval_every": a.pretrain_steps,
                                              "checkpoint_every": a.pretrain_steps, "attention_snapshots": False})
    parent, _ = drain(new_run(store, cfg, "small shakespeare"))
    pre = train(parent)
    source = ChatSource()  # the embedded dialogue (1,200 exchanges drawn from the plays)
    child = drain(create_finetune(store, parent, source, epochs=a.epochs))
    ref = parent_of(child)["reference_val_loss"]
    post = train(child)
    ccfg = child.read_config()
    before = GPT(ccfg.model)
    before.load_state_dict(load_initial_weights(child), strict=False)
    before.eval()
    after = load_trained(child)
    data = load_prepared(child.data_dir)
    check = masked_loss(after.model, data, "val", ccfg.train.batch_size)
    _, held_out = split_conversations(source.read(cfg.train.seed, cfg.model.block_size), cfg.data.val_fraction, cfg.train.seed)
    m = cfg.model
    print("## Chat fine-tuning (`bench/bench_chat.py`)\n")
    print(f"Parent: the `small` preset ({m.n_layer} layers, {m.n_head} heads, width {m.n_embd}, context "
          f"{m.block_size}, character tokenizer) pretrained for {a.pretrain_steps} steps on the default corpus "
          f"(final val loss {pre.best_val_loss:.3f}). Fine-tune: {parent_of(child)['conversations']['train']:,} "
          f"exchanges of the embedded dialogue, {parent_of(child)['conversations']['val']:,} held out, "
          f"{ccfg.train.max_steps} steps ({a.epochs} epochs), lr {ccfg.train.learning_rate:g} -> "
          f"{ccfg.train.min_lr:g}, warmup {ccfg.train.warmup_steps}.\n")
    print("| model | assistant-token val loss (held-out exchanges) |\n|---|---|")
    print(f"| parent (before fine-tuning; new token rows = mean of the others) | {ref:.3f} |")
    print(f"| fine-tuned | {post.best_val_loss:.3f} (final checkpoint: {check:.3f}) |\n")
    opts = SamplingOptions(temperature=0.8, top_k=40, max_new_tokens=160, seed=1)
    for label, model, tok in (("parent", before, after.tokenizer), ("fine-tuned", after.model, after.tokenizer)):
        print(f"### Samples: {label}\n")
        for conv in held_out[:3]:
            gen = reply(model, tok, conv.turns[:1], opts)
            text = "".join(t.text for t in gen)
            end = "end-of-turn" if gen.finish_reason == "stop_sequence" else gen.finish_reason
            print("```text")
            print(f"USER: {conv.turns[0].content}\nMODEL: {text}\n[{end}]")
            print("```\n")
    print(f"Runs in {store.root}.")


if __name__ == "__main__":
    main()
