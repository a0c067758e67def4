"""How a run is executed fastest on this machine: compiled or eager, bf16 autocast or not, and how many threads.

``lmlab bench --choose`` measures eager, compiled and (on CPUs with native bf16) bf16 autocast on a
run's shape, interleaved, and keeps the fastest one whose loss matches eager's (``core.bench``). It
``record``s that choice here, in a small JSON file in the user's cache folder, per device, shape,
batch, precision setting and optimizer. A run whose ``compile`` setting is ``"auto"`` (the default)
then uses it (``resolve``): compiled where compiling measured faster, bf16 autocast where that did
and its precision is ``"auto"``, and eager where nothing was measured. ``"on"`` and ``"off"`` are
the learner's own choice and win over the measurement.

Threads: the app trains a run in a child process of its own with torch's default threads
(``child_threads``): beside the window in one process, the window's thread and torch's intra-op
threads contend (Python's lock, and one delayed thread stalls the others at each parallel region).
What the app still runs in its own process (sampling, attention maps, a run trained there when the
user turns the child process off) leaves one core to the window on machines of 2-4 cores
(``app_threads``); docs/benchmarks.md has the measurements.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import torch

from .config import RunConfig
from .device import DeviceInfo
from .errors import user_text

__all__ = ["SpeedChoice", "app_threads", "child_threads", "cache_file", "lookup", "record", "resolve", "speed_key"]


@dataclass(frozen=True)
class SpeedChoice:
    compile: bool  # torch.compile the model
    precision: str  # the precision setting to train with (a measured bf16 replaces "auto")
    name: str  # eager | compiled | bf16
    why: str  # the reason, for a person: "not measured for this device and shape yet (...)"


def cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("lmlab", appauthor=False)) / "speed_choices.json"


def speed_key(cfg: RunConfig, device: DeviceInfo) -> str:
    """What a measurement is valid for: the device, the model's shape, tokenizer and recipe, the batch, the
    precision setting, the optimizer and torch's version (a new torch compiles differently)."""
    m, t, d = cfg.model, cfg.train, cfg.data
    recipe = "+".join(name for name, on in (("rope", m.rope), ("qk-norm", m.qk_norm), ("relu2", m.relu_squared),
                                            ("untied", not m.tie_embeddings)) if on)
    return (f"{device.kind}:{device.name} | {m.n_layer}x{m.n_head}x{m.n_embd} ctx{m.block_size}"
            f" {d.tokenizer}{'' if d.tokenizer == 'char' else d.vocab_size}"
            f" {recipe or 'classic'} | batch {t.batch_size} | {t.precision} | {t.optimizer} | torch {torch.__version__}")


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(cfg: RunConfig, device: DeviceInfo, choice: str, why: str, path: Path | None = None) -> None:
    """Keep ``lmlab bench --choose``'s ``choice`` (eager | compiled | bf16) and its reason for this run's key."""
    path = path or cache_file()
    data = _read(path)
    data[speed_key(cfg, device)] = {"choice": choice, "why": why}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache only costs the next run its measured choice


def lookup(cfg: RunConfig, device: DeviceInfo, path: Path | None = None) -> dict | None:
    """The recorded measurement for this run's key ({"choice", "why"}), or None."""
    entry = _read(path or cache_file()).get(speed_key(cfg, device))
    ok = isinstance(entry, dict) and entry.get("choice") in ("eager", "compiled", "bf16")
    return entry if ok else None


def resolve(cfg: RunConfig, device: DeviceInfo, path: Path | None = None) -> SpeedChoice:
    """How the engine runs ``cfg`` on ``device``: the setting, else the recorded measurement, else eager."""
    t = cfg.train
    if t.compile == "on":
        return SpeedChoice(True, t.precision, "compiled", user_text("on in the run's settings"))
    if t.compile == "off":
        return SpeedChoice(False, t.precision, "eager", user_text("compiling is off in the run's settings"))
    if getattr(sys, "frozen", False):  # the desktop executable has no C++ compiler for inductor
        return SpeedChoice(False, t.precision, "eager", user_text("the desktop executable cannot compile"))
    entry = lookup(cfg, device, path)
    if entry is None:
        return SpeedChoice(False, t.precision, "eager",
                           user_text("not measured for this device and shape yet (lmlab bench --choose measures it)"))
    why = user_text("lmlab bench --choose measured {why}", why=entry["why"])
    if entry["choice"] == "compiled":
        return SpeedChoice(True, t.precision, "compiled", why)
    if entry["choice"] == "bf16" and t.precision == "auto":
        return SpeedChoice(False, "bf16", "bf16", why)
    return SpeedChoice(False, t.precision, "eager", why)


TORCH_DEFAULT_THREADS = torch.get_num_threads()  # what a fresh process (the app's training child) gets


def child_threads() -> tuple[int, str]:
    """The torch threads of the app's training child process (torch's default), and why."""
    return TORCH_DEFAULT_THREADS, user_text("torch's default")


def app_threads(cores: int | None = None) -> tuple[int, str]:
    """The torch threads the app trains with, and why: one core left to the window on machines of 2-4 cores.

    ``lmlab bench --gui --baseline`` measured it (docs/benchmarks.md): on 2 cores, torch's default of 2
    threads beside the window trained at 0.65-0.82 of headless; 1 thread at >= 0.95 of the best headless.
    """
    cores = cores or os.cpu_count() or 1
    if 2 <= cores <= 4:
        return cores - 1, user_text("one of {cores} cores is left to the window", cores=cores)
    return torch.get_num_threads(), user_text("torch's default on {cores} cores", cores=cores)
