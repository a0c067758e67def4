"""The sample timeline: the same prompts, sampled with the same seed, at every evaluation.

Seeing "ROMEO:" continue as noise, then letters, then words, then lines is the most direct view of
a model learning. The prompts are the run's (``instruments/prompts.json``, editable; defaults
below); each evaluation appends one ``TimelineEntry`` to ``instruments/timeline.json`` (a schema
version, written atomically). Sampling uses its own seeded generator and no dropout, so a resumed
run writes the very entries an uninterrupted one would (a test checks it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch

from ..errors import LmlabError
from ..generate import SamplingOptions, generate
from ..runs import atomic_write_json
from ..tokenizers import CharTokenizer

INSTRUMENTS_DIR = "instruments"
TIMELINE_FILE = "timeline.json"
PROMPTS_FILE = "prompts.json"
TIMELINE_VERSION = 1
DEFAULT_PROMPTS = ("The ", "ROMEO:\n", "\n")
TIMELINE_SEED = 1234
TIMELINE_TOKENS = 40
TIMELINE_TEMPERATURE = 0.8


@dataclass(frozen=True)
class TimelineEntry:
    step: int
    val_loss: float | None
    samples: tuple[str, ...]  # one continuation per prompt, in the order of ``prompts``
    prompts: tuple[str, ...]  # the prompts used at this step (a user may change them mid-run)


@dataclass
class Timeline:
    entries: list[TimelineEntry] = field(default_factory=list)  # ascending steps

    @property
    def steps(self) -> list[int]:
        return [e.step for e in self.entries]


def instruments_dir(run_dir: str | Path) -> Path:
    return Path(run_dir) / INSTRUMENTS_DIR


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_prompts(run_dir: str | Path) -> tuple[str, ...]:
    """The run's timeline prompts: ``prompts.json`` if it holds a list of strings, else the defaults."""
    data = _read_json(instruments_dir(run_dir) / PROMPTS_FILE)
    if isinstance(data, dict) and isinstance(data.get("prompts"), list):
        prompts = tuple(p for p in data["prompts"] if isinstance(p, str))
        if prompts:
            return prompts
    return DEFAULT_PROMPTS


def save_prompts(run_dir: str | Path, prompts: Sequence[str]) -> None:
    """Set the run's timeline prompts; the next evaluation samples them."""
    prompts = [str(p) for p in prompts]
    if not prompts:
        raise LmlabError("The sample timeline needs at least one prompt.")
    folder = instruments_dir(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_json(folder / PROMPTS_FILE, {"version": TIMELINE_VERSION, "prompts": prompts})


def load_timeline(run_dir: str | Path) -> Timeline:
    """The entries written so far; a missing, foreign or damaged file reads as an empty timeline."""
    data = _read_json(instruments_dir(run_dir) / TIMELINE_FILE)
    if not isinstance(data, dict) or data.get("version") != TIMELINE_VERSION:
        return Timeline()
    entries = []
    for e in data.get("entries") or []:
        try:
            loss = e["val_loss"]
            entries.append(TimelineEntry(int(e["step"]), None if loss is None else float(loss),
                                         tuple(str(s) for s in e["samples"]), tuple(str(p) for p in e["prompts"])))
        except (KeyError, TypeError, ValueError):
            continue
    entries.sort(key=lambda e: e.step)
    return Timeline(entries)


def append_entry(run_dir: str | Path, entry: TimelineEntry) -> None:
    """Add ``entry``, dropping entries at its step or later (left by an attempt that a resume replaced)."""
    kept = [e for e in load_timeline(run_dir).entries if e.step < entry.step] + [entry]
    folder = instruments_dir(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_json(folder / TIMELINE_FILE,
                      {"version": TIMELINE_VERSION, "entries": [asdict(e) for e in kept]})


def usable(tokenizer, prompt: str) -> bool:
    """Whether a prompt can be encoded (a char tokenizer may not know its characters)."""
    return not (isinstance(tokenizer, CharTokenizer) and tokenizer.unknown_chars(prompt))


@torch.no_grad()
def sample_prompts(model, tokenizer, prompts: Sequence[str], *, seed: int = TIMELINE_SEED,
                   max_new_tokens: int = TIMELINE_TOKENS) -> tuple[str, ...]:
    """One continuation per prompt, sampled at temperature 0.8 with ``seed``; "" for an unusable prompt."""
    opts = SamplingOptions(temperature=TIMELINE_TEMPERATURE, seed=seed, max_new_tokens=max_new_tokens,
                           top_alternatives=0)
    out = []
    for p in prompts:
        if not usable(tokenizer, p):
            out.append("")
            continue
        gen = generate(model, tokenizer, p, opts)
        out.append("".join(t.text for t in gen) + gen.tail)
    return tuple(out)
