"""Scaling sweeps: plan a grid of runs, run them one after another through the engine.

A sweep is a folder::

    sweep.json     schema version, the base config, the plan (one point per run) and each point's state
    data/          the corpus, prepared once and shared (hard-linked) by every run
    runs/          a RunStore with one run per point

``plan_sizes_by_tokens`` (sizes × token budgets) and ``plan_isoflop`` (compute
budgets × sizes, D = C / 6N) make the plan; every point's learning-rate schedule
is its own (warmup and cosine decay over that point's steps). ``run_sweep`` is a
generator like ``engine.train``: it yields ``SweepProgress`` around the engine's
events, marks a failed point and goes on, and picks up where it stopped after a
restart (finished points are kept, a stopped point resumes from its checkpoint).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .config import ModelConfig, RunConfig, check, with_option
from .corpus import Corpus, load_corpus
from .dataset import load_prepared, prepare
from .engine import Control, EvalMetrics, Event, Finished, Started, train
from .errors import ConfigError, LmlabError, RunStoreError
from .follow import RunStatus, train_in_child
from .model import model_size
from .derive import warmup_for
from .runs import Run, RunStore, atomic_write_bytes, atomic_write_json, read_json

SWEEP_SCHEMA_VERSION = 1
SWEEP_FILE = "sweep.json"


# -- shapes --------------------------------------------------------------------------


def _heads_for(width: int, head_dim: int) -> int:
    """The divisor of ``width`` whose head size is closest to ``head_dim``.

    Example: width 72, head_dim 16 -> 4 heads of 18; width 64 -> 4 heads of 16.
    """
    divisors = [h for h in range(1, width + 1) if width % h == 0]
    return min(divisors, key=lambda h: (abs(math.log((width / h) / head_dim)), -h))


def shape_for_params(
    target: float, vocab_size: int, block_size: int, head_dim: int = 16, max_layers: int = 24,
    tolerance: float = 0.1,
) -> ModelConfig:
    """The GPT shape whose non-embedding parameter count is within ``tolerance`` of ``target``,
    with a width/depth ratio as near 32 as possible (Kaplan et al. find a broad optimum there).

    Widths are multiples of 8 (heads of about ``head_dim``); when no shape comes within the
    tolerance (tiny targets), the closest one is taken.

    Example: target 100,000 (vocab 80, context 64) -> 2 layers, width 64, 4 heads (~99k);
    target 120,000 -> 2 layers, width 72 (~125k).
    """
    if not (math.isfinite(target) and target >= 1000):
        raise ConfigError("Models of fewer than 1,000 parameters are too small to train.", "size")
    candidates: list[tuple[float, float, ModelConfig]] = []  # (size miss, aspect miss, shape), both in log
    for n_layer in range(1, max_layers + 1):
        d_exact = math.sqrt(target / (12 * n_layer))
        for d in {max(16, int(d_exact // 8) * 8), max(16, int(math.ceil(d_exact / 8)) * 8)}:
            cfg = ModelConfig(n_layer=n_layer, n_head=_heads_for(d, head_dim), n_embd=d, block_size=block_size,
                              vocab_size=vocab_size)
            n = model_size(cfg).non_embedding_params
            candidates.append((abs(math.log(n / target)), abs(math.log((d / n_layer) / 32.0)), cfg))
    close = [c for c in candidates if c[0] <= math.log1p(tolerance)]
    if close:
        return min(close, key=lambda c: (c[1] + 0.5 * c[0]))[2]
    return min(candidates, key=lambda c: c[0] * 4 + c[1] * 0.5)[2]


# -- plans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepPoint:
    name: str
    n_layer: int
    n_head: int
    n_embd: int
    tokens: int  # D: training tokens for this run
    budget: float = 0.0  # C the point was planned for (IsoFLOP), 0 when planned by tokens
    option: str = ""  # a modern-recipe option on over the base (config.RECIPE_OPTIONS, or "modern"); "" none

    def model(self, base: ModelConfig) -> ModelConfig:
        return replace(base, n_layer=self.n_layer, n_head=self.n_head, n_embd=self.n_embd)


def _point(name: str, m: ModelConfig, tokens: int, budget: float = 0.0) -> SweepPoint:
    return SweepPoint(name, m.n_layer, m.n_head, m.n_embd, int(tokens), float(budget))


def plan_sizes_by_tokens(base: RunConfig, shapes: Sequence[ModelConfig], token_budgets: Sequence[int]) -> list[SweepPoint]:
    """Every shape trained on every token budget."""
    out = []
    for m in shapes:
        for d in token_budgets:
            out.append(_point(f"{m.n_layer}x{m.n_embd}-D{_short(d)}", m, d))
    return out


def plan_isoflop(base: RunConfig, shapes: Sequence[ModelConfig], budgets: Sequence[float],
                 min_tokens_per_param: float = 0.5) -> list[SweepPoint]:
    """IsoFLOP design: for each compute budget C, each shape gets D = C / (6 N) tokens.

    Points with fewer than ``min_tokens_per_param`` tokens per parameter (hopelessly undertrained)
    or fewer tokens than one step are left out.
    """
    out = []
    step_tokens = base.tokens_per_step
    for c in budgets:
        for m in shapes:
            n = model_size(m).non_embedding_params
            d = int(c / (6 * n))
            if d < step_tokens or d < min_tokens_per_param * n:
                continue
            out.append(_point(f"C{_short(c)}-{m.n_layer}x{m.n_embd}", m, d, c))
    return out


def plan_ablation(points: Sequence[SweepPoint], options: Sequence[str]) -> list[SweepPoint]:
    """Each point as planned, then once more with each option on (an ablation axis).

    Example: points [4x128-D600k], options ["rope", "muon"] -> 4x128-D600k, 4x128-D600k+rope, 4x128-D600k+muon.
    """
    return [replace(p, name=f"{p.name}+{o}" if o else p.name, option=o) for p in points for o in ("", *options)]


def _short(x: float) -> str:
    """Example: 1500000 -> "1.5M", 2e15 -> "2P"."""
    for unit, div in (("P", 1e15), ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(x) >= div:
            return f"{x / div:.3g}{unit}"
    return f"{x:.3g}"


def point_config(base: RunConfig, p: SweepPoint) -> RunConfig:
    """The run config of one point: its shape, its token budget, and a schedule fitted to its own length."""
    steps = max(1, math.ceil(p.tokens / base.tokens_per_step))
    warmup = warmup_for(base.train.warmup_steps, steps)
    base = with_option(base, p.option)
    return base.with_changes(
        name=p.name,
        model=asdict(p.model(base.model)),
        train={"token_budget": p.tokens, "max_steps": steps, "warmup_steps": warmup,
               "eval_every": max(1, min(base.train.eval_every, steps)),
               "checkpoint_every": max(1, min(base.train.checkpoint_every, steps))},
    )


# -- the sweep folder -----------------------------------------------------------------------


@dataclass
class PointState:
    status: str = "pending"  # pending | running | finished | stopped | failed
    run_id: str = ""
    message: str = ""
    final_val_loss: float | None = None
    best_val_loss: float | None = None
    wall_time: float = 0.0


@dataclass
class Sweep:
    path: Path
    base: RunConfig
    points: list[SweepPoint]
    states: list[PointState] = field(default_factory=list)
    name: str = ""

    @property
    def runs(self) -> RunStore:
        return RunStore(self.path / "runs")

    @property
    def data_dir(self) -> Path:
        return self.path / "data"

    def save(self) -> None:
        atomic_write_json(self.path / SWEEP_FILE, {
            "schema_version": SWEEP_SCHEMA_VERSION,
            "name": self.name,
            "base": self.base.to_dict(),
            "points": [asdict(p) for p in self.points],
            "states": [asdict(s) for s in self.states],
        })

    @classmethod
    def create(cls, folder: str | Path, base: RunConfig, points: Sequence[SweepPoint], name: str = "") -> "Sweep":
        if not points:
            raise ConfigError("The sweep plan is empty: add sizes and budgets (IsoFLOP points need D >= one step).")
        check(base)
        for p in points:
            check(point_config(base, p))
        path = Path(folder)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise RunStoreError("Cannot create the sweep folder {path}: {reason}.", path=path, reason=e.strerror or e) from None
        if (path / SWEEP_FILE).exists():
            raise RunStoreError("{path} already holds a sweep; open it instead.", path=path)
        sw = cls(path, base, list(points), [PointState() for _ in points], name or path.name)
        sw.save()
        return sw

    @classmethod
    def open(cls, folder: str | Path) -> "Sweep":
        path = Path(folder)
        raw = read_json(path / SWEEP_FILE)
        if not isinstance(raw, dict) or raw.get("schema_version", 1) > SWEEP_SCHEMA_VERSION:
            raise RunStoreError("{path} was written by a newer lmlab or is not a sweep.", path=path / SWEEP_FILE)
        try:
            base = RunConfig.from_dict(raw["base"])
            points = [SweepPoint(**p) for p in raw["points"]]
            states = [PointState(**s) for s in raw.get("states", [])]
        except (KeyError, TypeError, ConfigError) as e:
            raise RunStoreError("{path} is damaged ({e}).", path=path / SWEEP_FILE, e=e) from None
        states += [PointState() for _ in range(len(points) - len(states))]
        return cls(path, base, points, states, raw.get("name", path.name))

    def unfinished(self) -> list[int]:
        """The points still to train (pending, running when interrupted, or stopped), in plan order."""
        return [i for i, s in enumerate(self.states) if s.status not in ("finished", "failed")]

    def run_for(self, i: int, vocab_size: int = 0) -> Run:
        """Point ``i``'s run: the one it has (to continue), else a new one in ``runs/`` (saved in sweep.json).

        ``vocab_size``: the prepared data's, once known (0: filled in when the run trains).
        """
        st = self.states[i]
        if st.run_id:
            try:
                return self.runs.open(st.run_id)
            except RunStoreError:
                pass  # its folder is gone: a new run
        p = self.points[i]
        run = self.runs.create(point_config(self.base, p).with_changes(model={"vocab_size": vocab_size}), p.name)
        run.write_status("ready", step=0)
        st.run_id = run.id
        self.save()
        return run

    def results(self) -> list[dict]:
        """One row per point: N (total, non-embedding), D, C = 6 N D, losses, wall time, status."""
        rows = []
        for p, s in zip(self.points, self.states):
            m = point_config(self.base, p).model
            if m.vocab_size < 1:
                m = replace(m, vocab_size=self._vocab_size())
            size = model_size(m)
            rows.append({
                "name": p.name, "status": s.status, "N": size.non_embedding_params, "N_total": size.total_params,
                "D": p.tokens, "C": 6.0 * size.non_embedding_params * p.tokens,
                "final_val_loss": s.final_val_loss, "best_val_loss": s.best_val_loss,
                "wall_time": s.wall_time, "run_id": s.run_id, "message": s.message, "budget": p.budget,
                "option": p.option,
            })
        return rows

    def _vocab_size(self) -> int:
        try:
            return load_prepared(self.data_dir).vocab_size
        except LmlabError:
            return 256

    def export_csv(self, path: str | Path) -> int:
        """Finished points as CSV with columns N, D, loss, C (+ N_total, name): what ``lmlab fit`` reads."""
        rows = [r for r in self.results() if r["status"] == "finished" and r["final_val_loss"] is not None]
        text = io.StringIO(newline="")
        w = csv.writer(text)
        w.writerow(["N", "D", "loss", "C", "N_total", "best_loss", "wall_time", "name"])
        for r in rows:
            w.writerow([r["N"], r["D"], r["final_val_loss"], r["C"], r["N_total"], r["best_val_loss"],
                        round(r["wall_time"], 2), r["name"]])
        atomic_write_bytes(path, text.getvalue().encode("utf-8"))
        return len(rows)


# -- running ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepProgress:
    index: int  # point being run (0-based)
    total: int
    name: str
    status: str  # preparing | started | running | finished | stopped | failed | sweep-finished | sweep-stopped
    fraction: float  # of the whole sweep, 0..1
    point_fraction: float  # of this point, 0..1
    message: str = ""
    event: Event | None = None  # the engine event behind this progress, if any
    type: str = "sweep"


def _link_data(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.name.startswith("."):
            continue
        target = dst / f.name
        if target.exists():
            continue
        try:
            os.link(f, target)
        except OSError:
            shutil.copy2(f, target)


def prepare_sweep_data(sweep: Sweep, control: Control | None = None,
                       corpus: Corpus | None = None) -> Generator[SweepProgress, None, bool]:
    """Tokenise the sweep's corpus into ``sweep/data`` once, yielding progress; False if stopped meanwhile."""
    if (sweep.data_dir / "meta.json").exists():
        return True
    control = control or Control()
    n = len(sweep.points)
    yield SweepProgress(0, n, "", "preparing", 0.0, 0.0, "Preparing the corpus")
    corpus = corpus if corpus is not None else load_corpus(sweep.base.corpus)
    d = sweep.base.data
    gen = prepare(corpus, sweep.data_dir, d.tokenizer, d.vocab_size, d.val_fraction, d.unk_policy, clean=d.clean)
    while True:
        control.wait_if_paused()
        if control.stop_requested:
            gen.close()
            yield SweepProgress(0, n, "", "sweep-stopped", 0.0, 0.0,
                                "Stopped while preparing the corpus; resume to continue.")
            return False
        try:
            ev = next(gen)
        except StopIteration:
            break
        yield SweepProgress(0, n, "", "preparing", 0.0, max(0.0, ev.fraction), ev.message or ev.stage)
    return True


def _point_weights(sweep: Sweep) -> list[float]:
    """Each point's share of the sweep's work: its tokens times its FLOPs per token."""
    return [max(1, p.tokens * model_size(p.model(replace(sweep.base.model, vocab_size=1))).flops_per_token)
            for p in sweep.points]


def _overall(sweep: Sweep, weights: list[float], i: int, frac: float) -> float:
    """The sweep's fraction done when point ``i`` is ``frac`` done (finished and failed points count whole)."""
    done = sum(w for w, s in zip(weights, sweep.states) if s.status in ("finished", "failed"))
    cur = weights[i] * frac if sweep.states[i].status not in ("finished", "failed") else 0.0
    return min(1.0, (done + cur) / float(sum(weights)))


def train_point(sweep: Sweep, i: int, control: Control | None = None,
                corpus: Corpus | None = None, *, own_process: bool = False) -> Iterator[SweepProgress]:
    """Train point ``i`` of the sweep and record its result in ``sweep.json``.

    Yields ``preparing`` (the sweep's corpus, prepared once for every point, if it is not yet),
    ``started``, ``running`` (with the engine's event) and ends with the point's ``finished``,
    ``stopped`` or ``failed``, whose ``event`` is the run's ``Finished``. The point's run is
    created, or opened and continued from its checkpoint. ``run_sweep`` trains every point this
    way; the app queues the points one by one and trains each with this, ``own_process``: in a child
    process of its own (``core.follow.train_in_child``), as it trains a single run.
    """
    control = control or Control()
    n, p, st = len(sweep.points), sweep.points[i], sweep.states[i]
    weights = _point_weights(sweep)
    prep = prepare_sweep_data(sweep, control, corpus)
    while True:
        try:
            ev = next(prep)
        except StopIteration as stop:
            ready = stop.value
            break
        if ev.status == "preparing":
            yield replace(ev, index=i, name=p.name)
    if not ready:
        reason = "Stopped while preparing the sweep's corpus; nothing was trained."
        yield SweepProgress(i, n, p.name, "stopped", _overall(sweep, weights, i, 0.0), 0.0, reason,
                            Finished("stopped", reason, 0, None, 0.0))
        return
    try:
        run = sweep.run_for(i, load_prepared(sweep.data_dir).vocab_size)
        _link_data(sweep.data_dir, run.data_dir)  # again on resume: a crash may have left it half done
    except (LmlabError, OSError) as e:
        st.status, st.message = "failed", f"Could not set up the run: {e}"
        sweep.save()
        yield SweepProgress(i, n, p.name, "failed", _overall(sweep, weights, i, 1.0), 1.0, st.message,
                            Finished("failed", st.message, 0, None, 0.0))
        return
    st.run_id, st.status, st.message = run.id, "running", ""
    sweep.save()
    yield SweepProgress(i, n, p.name, "started", _overall(sweep, weights, i, 0.0), 0.0)
    t0 = time.perf_counter()
    last_val = None
    end: Finished | None = None
    total_steps = point_config(sweep.base, p).total_steps
    frac = 0.0
    for ev in train_in_child(run, control) if own_process else train(run, control):
        if isinstance(ev, EvalMetrics):
            last_val = ev.val_loss
        if isinstance(ev, Finished):
            end = ev
            break
        # Reloaded has no step, and RunStatus may say a step already passed (status.json lags the records)
        step = ev.start_step if isinstance(ev, Started) else None if isinstance(ev, RunStatus) else getattr(
            ev, "step", None)
        frac = frac if step is None else min(1.0, step / max(1, total_steps))
        yield SweepProgress(i, n, p.name, "running", _overall(sweep, weights, i, frac), frac, event=ev)
    st.wall_time += time.perf_counter() - t0
    assert end is not None
    st.status = end.status
    st.message = end.reason
    st.final_val_loss = last_val if end.status == "finished" else st.final_val_loss
    st.best_val_loss = end.best_val_loss
    sweep.save()
    yield SweepProgress(i, n, p.name, end.status, _overall(sweep, weights, i, 1.0), 1.0, end.reason, event=end)


def run_sweep(sweep: Sweep, control: Control | None = None, corpus: Corpus | None = None) -> Iterator[SweepProgress]:
    """Run every pending or unfinished point in order; yields progress, ends with sweep-finished/stopped."""
    control = control or Control()
    n = len(sweep.points)

    # 1. The corpus, prepared once for the whole sweep.
    if not (yield from prepare_sweep_data(sweep, control, corpus)):
        return

    # 2. Each point in turn.
    for i in sweep.unfinished():
        if control.stop_requested:
            break
        end = None
        for ev in train_point(sweep, i, control):
            end = ev
            yield ev
        if end is not None and end.status == "stopped":
            break
    stopped = bool(sweep.unfinished())
    yield SweepProgress(n - 1, n, "", "sweep-stopped" if stopped else "sweep-finished",
                        _overall(sweep, _point_weights(sweep), n - 1, 0.0) if stopped else 1.0, 1.0,
                        "Sweep stopped; resume to continue." if stopped else "Sweep finished.")


DEFAULT_CPU_SIZES = (2e4, 5e4, 1.2e5, 3e5, 7e5)  # target non-embedding parameters
DEFAULT_CPU_TOKENS = (150_000, 500_000, 1_500_000)  # D: each size on each budget (×10 in data, ×35 in size)


def default_cpu_base() -> RunConfig:
    """Base settings of the default CPU sweep: nanoGPT's CPU recipe (context 64, batch 12, lr 1e-3),
    char tokens on the embedded corpus, evaluation kept cheap and no attention snapshots."""
    from .config import preset

    return preset("cpu").with_changes(
        name="default CPU sweep",
        train={"learning_rate": 1e-3, "min_lr": 1e-4, "warmup_steps": 100,  # as measured (docs/benchmarks_sweep.md)
               "eval_every": 500, "eval_batches": 20, "checkpoint_every": 500, "log_every": 20,
               "attention_snapshots": False},
    )


def default_cpu_sweep(base: RunConfig, vocab_size: int = 81) -> tuple[list[ModelConfig], list[int]]:
    """Five small sizes × three token budgets (15 runs) for a 2-core CPU in well under 15 minutes.

    With ``default_cpu_base()`` (context 64, batch 12) the 15 runs train 10.75 M tokens in all;
    ``bench/default_sweep.py`` measures it (docs/benchmarks_sweep.md).
    """
    shapes = [shape_for_params(n, vocab_size, base.model.block_size) for n in DEFAULT_CPU_SIZES]
    return shapes, list(DEFAULT_CPU_TOKENS)


def sweep_summary_json(sweep: Sweep) -> str:
    return json.dumps({"name": sweep.name, "results": sweep.results()}, ensure_ascii=False)
