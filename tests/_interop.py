"""Tiny real runs (char-level and BPE) trained once, for the export / open-a-folder tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config

# Chinese and emoji in the corpus, so the char vocabulary holds them and the round-trip tests mean something.
EXTRA = "中文的句子很好。 🙂🚀 emoji! "
CORPUS = (SAMPLE_TEXT + EXTRA) * 30
ROUND_TRIP = "All:\nSpeak 中文 🙂 🚀, speak. "


def trained_run(root: Path, tokenizer: str, steps: int = 60):
    """A real run of ``tokenizer`` (char | bpe) trained ``steps`` steps (on the one thread tests/conftest sets)."""
    from lmlab.core import engine

    cfg = tiny_config(max_steps=steps, checkpoint_every=steps, eval_every=steps).with_changes(
        data={"tokenizer": tokenizer, "vocab_size": 320})
    run = make_prepared_run(root, cfg, text=CORPUS, name=tokenizer)
    for _ev in engine.train(run):
        pass
    return run


def trained_runs(root: Path) -> dict:
    """A char-level and a BPE run, by tokenizer kind."""
    return {kind: trained_run(root, kind) for kind in ("char", "bpe")}


def export(run, out: Path, fmt: str = "hf", step: int | None = None):
    from lmlab.core.jobs.export import export_run
    from lmlab.core.jobs.drive import drain

    return drain(export_run(run.path, out, step, fmt))
