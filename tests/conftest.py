"""Shared fixtures: small real corpora and tiny real runs (no mocks of the model or engine)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import torch  # noqa: E402

# Tests train tiny models: one thread is faster for them and does not fight other processes.
torch.set_num_threads(1)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LMLAB_SHARED", REPO.parent / "shared"))

SAMPLE_TEXT = (
    "First Citizen:\nBefore we proceed any further, hear me speak.\n\n"
    "All:\nSpeak, speak.\n\n"
    "First Citizen:\nYou are all resolved rather to die than to famish?\n\n"
    "All:\nResolved. resolved.\n\n"
)


@pytest.fixture(autouse=True)
def _isolated_runs_dir(tmp_path, monkeypatch):
    """Never touch the user's real runs folder or settings."""
    monkeypatch.setenv("LMLAB_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # measured peaks and speed choices


@pytest.fixture
def text_corpus_file(tmp_path) -> Path:
    p = tmp_path / "corpus.txt"
    p.write_text(SAMPLE_TEXT * 60, encoding="utf-8")
    return p


def tiny_config(**train):
    from lmlab.core.config import preset

    t = {"max_steps": 20, "eval_every": 10, "log_every": 1, "batch_size": 4, "eval_batches": 2,
         "checkpoint_every": 10, "warmup_steps": 2, "learning_rate": 3e-3, "min_lr": 3e-4}
    t.update(train)
    return preset("tiny").with_changes(model={"block_size": 32, "n_embd": 32}, train=t)


def make_prepared_run(root: Path, cfg=None, text: str | None = None, name: str = "t"):
    from lmlab.core.corpus import corpus_from_texts
    from lmlab.core.jobs.drive import drain
    from lmlab.core.pipeline import prepare_run
    from lmlab.core.runs import RunStore

    store = RunStore(root)
    run = store.create(cfg or tiny_config(), name)
    drain(prepare_run(run, corpus_from_texts([text or SAMPLE_TEXT * 60])))
    return run
