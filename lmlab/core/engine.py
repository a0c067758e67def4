"""The training loop as a generator of typed events.

``train(run, control)`` reads the run's config and prepared data, trains, and
yields ``Started``, ``StepMetrics``, ``EvalMetrics``, ``Checkpointed`` and finally
one ``Finished`` (status finished | stopped | failed, with the reason). It knows
nothing about who listens: the CLI prints the events, the app's worker thread
forwards them to the window, tests assert on them.

Each step (numbered plainly, as in nanoGPT's train.py):

1. set the learning rate for this step (linear warmup, cosine decay to min_lr);
2. for each micro-batch: sample a batch -> forward under autocast -> backward;
3. unscale (fp16), clip the global gradient norm, optimizer step, zero grads;
4. every ``log_every`` steps: one GPU sync, check the loss is finite, emit StepMetrics;
5. every ``eval_every`` steps: loss on fixed train/val blocks, emit EvalMetrics; record the attention
   snapshot and the learning instruments (``core.instruments``), emit InstrumentsRecorded;
6. every ``checkpoint_every`` steps (and at the end or on stop): save, emit Checkpointed;
7. between steps: honour pause and stop.
"""

from __future__ import annotations

import contextlib
import math
import time
import traceback
import uuid
from collections.abc import Iterator

import numpy as np
import torch

from .config import RunConfig, check, check_against_data
from .dataset import PreparedData, load_prepared
from .derive import batch_split, warmup_for
from .device import DeviceInfo, is_out_of_memory, release_memory, resolve_device, resolve_precision
from .distributed import DistContext
from .errors import LmlabError, RunStoreError, user_text
from .model_kinds import build_model, evaluator, kind_of, parameter_counts
from .optim import build_optimizer
from .checkpoint_tensors import optimizer_from_tensors, optimizer_to_tensors
from .lineage import INITIAL_WEIGHTS, load_initial_weights
from .runs import Checkpoint, Run
from .speed_choice import resolve as resolve_speed
from .stopfile import StopFile, clear_pause_request, clear_stop_request
from .tokenizers import Tokenizer
# The events and Control are defined in events.py; they are part of the engine's API.
from .guards.monitor import HealthMonitor, roll_back
from .guards.overfit import OverfitWatch
from .events import (  # noqa: F401
    Checkpointed,
    Control,
    EvalMetrics,
    Event,
    Finished,
    InstrumentsRecorded,
    Started,
    StepMetrics,
    event_from_dict,
    event_to_dict,
)

def lr_at(step: int, cfg: RunConfig, total_steps: int) -> float:
    """Learning rate for optimizer step ``step`` (0-based): linear warmup, then cosine to min_lr.

    Example (lr 1e-3, min 1e-4, warmup 100, 2000 steps): step 0 -> 9.9e-6, step 99 -> 1e-3,
    step 1050 -> 5.5e-4, step 1999 -> ~1e-4. The warmup is at most a tenth of the run
    (``derive.warmup_for``): with 120 steps it is 12, and the peak comes at step 12.
    """
    t = cfg.train
    warmup = warmup_for(t.warmup_steps, total_steps)
    if step < warmup:
        return t.learning_rate * (step + 1) / (warmup + 1)
    decay_steps = max(1, total_steps - warmup)
    ratio = min(1.0, (step - warmup) / decay_steps)
    coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
    return t.min_lr + coeff * (t.learning_rate - t.min_lr)


# -- the loop ------------------------------------------------------------------------------


class _FollowerRun(Run):
    """A non-zero rank's view of the run under torchrun: it reads, rank 0 alone writes."""

    def write_config(self, cfg) -> None:
        pass

    def write_status(self, status: str, **fields) -> None:
        pass

    def append_metrics(self, record: dict) -> None:
        pass

    def truncate_metrics_after(self, step: int) -> None:
        pass

    def save_checkpoint(self, step, model, optim_tensors, state, keep=2) -> Checkpoint:
        return Checkpoint(step, self.checkpoints_dir / f"step_{step:06d}")


def rank_key(rank: int, name: str) -> str:
    """Where a rank's tensor ``name`` is kept in a checkpoint: rank 0's plainly, as one process keeps it."""
    return f"rank{rank}.{name}" if rank else name


class _Trainer:
    """State of one training run; ``train()`` drives it. Split out so each phase reads plainly."""

    def __init__(self, run: Run, cfg: RunConfig, data: PreparedData, device: DeviceInfo,
                 dist: DistContext | None = None):
        self.run, self.cfg, self.data, self.device = run, cfg, data, device
        self.dist = dist or DistContext()
        t = cfg.train
        # Every process draws the whole step's batch as one process would and trains on its share.
        self.split = batch_split(t.batch_size, t.grad_accum, self.dist.world_size)
        self.speed = resolve_speed(cfg, device)  # compiled / bf16 where measured faster (core.speed_choice)
        self.precision = resolve_precision(self.speed.precision, device)
        if device.kind == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
        torch.manual_seed(t.seed)
        self.model_cfg = cfg.model
        with device.torch_device:  # build the weights where they will live (no host copy of a big model)
            self.model = build_model(self.model_cfg)  # GPT, or another kind (core.model_kinds)
        if self.dist.rank:  # DDP copies rank 0's weights; each rank draws its own dropout masks (as nanoGPT),
            torch.manual_seed(t.seed + 1000 * self.dist.rank)  # from a stream apart from the batches' (seed + 1)
        self.optimizer = build_optimizer(self.model, t, device)  # AdamW, or Muon + AdamW (core.optim)
        self.scaler = torch.amp.GradScaler(device.kind, enabled=self.precision.use_scaler)
        self.ddp = None
        if self.dist.enabled:
            from torch.nn.parallel import DistributedDataParallel

            self.ddp = DistributedDataParallel(self.model, device_ids=[device.index] if device.kind == "cuda" else None)
        trained = self.ddp or self.model
        self.forward = torch.compile(trained) if self.speed.compile else trained
        self.data_gen = torch.Generator().manual_seed(t.seed + 1)  # the same on every rank (see train_step)
        self.train_batches = data.batches("train", cfg.model.block_size, t.batch_size, device.torch_device)
        self.val_batches = data.batches("val", cfg.model.block_size, t.batch_size, device.torch_device)
        n_eval = t.eval_batches * t.batch_size
        self.eval_starts = {  # conversations (slots) are evaluated whole, every one of them
            "train": self.train_batches.eval_starts(n_eval, t.seed + 2)[:n_eval],
            "val": self.val_batches.eval_starts(n_eval, t.seed + 3),
        }
        self.kind = kind_of(cfg.model.arch)
        self.evaluate_extra = evaluator(cfg.model.arch)
        n_probe = min(t.probe_tokens, cfg.model.block_size, data.n_val) if self.kind.records_attention else 0
        self.probe_ids = [int(i) for i in data.val_tokens()[:n_probe]] if n_probe else []
        self.step = 0
        self.elapsed_before = 0.0
        self.t0 = time.perf_counter()  # start of this session's clock (``start_clock``)
        self.best_val: float | None = None
        self.total_steps = cfg.total_steps
        self._tok: Tokenizer | None = None  # for the attention probe's labels, read once
        self._optim_meta: dict = {}
        self._recorder = None  # instruments.record.Recorder, made at the first evaluation
        self.recorded: InstrumentsRecorded | None = None  # the last evaluation's, until yielded
        self.extra: dict[str, float] = {}  # the last evaluation's model-kind metrics
        # Guards (core.guards): spikes and non-finite values -> stop or roll back; the best checkpoint and overfitting.
        self.health = HealthMonitor(t.spike_factor, warmup_for(t.warmup_steps, self.total_steps), t.on_divergence,
                                    check_grad=not self.precision.use_scaler)
        self.overfit = OverfitWatch(run)

    def start_clock(self) -> None:
        self.t0 = time.perf_counter()

    # 6. checkpoints ------------------------------------------------------------------------
    def state(self) -> dict:
        return {
            "best_val_loss": self.best_val,
            "elapsed": self.elapsed(),
            "tokens": self.step * self.cfg.tokens_per_step,
            "optimizer": self._optim_meta,
            "scaler": self.scaler.state_dict() if self.precision.use_scaler else None,
            "processes": self.dist.world_size,  # whose random states (rng.*, rank1.rng.*, ...) it holds
            "health": self.health.state(),  # the learning-rate factor after roll-backs, and their count
        }

    def rng_states(self) -> dict[str, torch.Tensor]:
        """This rank's random state: the batch sampler, dropout on the CPU and on its GPU."""
        states = {"rng.torch": torch.get_rng_state(), "rng.data": self.data_gen.get_state()}
        if self.device.kind == "cuda":
            states["rng.cuda"] = torch.cuda.get_rng_state(self.device.index)
        return states

    def save(self) -> Checkpointed:
        """Every rank calls this at the same step: rank 0 writes, with every rank's random state.

        Rank 0's is saved as ``rng.*`` (as one process saves it), rank r's as ``rank{r}.rng.*``.
        """
        tensors, self._optim_meta = optimizer_to_tensors(self.optimizer)
        for name, state in self.rng_states().items():
            for rank, s in enumerate(self.dist.all_gather_bytes(state, self.device.torch_device)):
                tensors[rank_key(rank, name)] = s
        ck = self.run.save_checkpoint(self.step, self.model, tensors, self.state(), self.cfg.train.keep_checkpoints)
        return Checkpointed(self.step, str(ck.path))

    def restore_rng(self, saved: dict[str, torch.Tensor]) -> None:
        """This rank's random state from a checkpoint. One written by an older lmlab or by fewer
        processes has no state for this rank: it continues rank 0's batch sampler (the same on every
        rank) and keeps the dropout masks it was seeded with."""
        key = rank_key(self.dist.rank, "rng.data")
        own = key in saved
        self.data_gen.set_state(saved[key if own else "rng.data"])
        if not own:
            return
        torch.set_rng_state(saved[rank_key(self.dist.rank, "rng.torch")])
        cuda = rank_key(self.dist.rank, "rng.cuda")
        if self.device.kind == "cuda" and cuda in saved:
            torch.cuda.set_rng_state(saved[cuda], self.device.index)

    def restore(self, ck: Checkpoint | None = None) -> bool:
        """Load ``ck`` (default: the latest checkpoint) if there is one; True if resumed."""
        ck = ck or self.run.latest_checkpoint()
        if ck is None:
            return False
        state = ck.load_state()
        self.load_weights(ck.load_model_tensors(), ck.path)
        opt = ck.load_optimizer_tensors()
        self.optimizer.load_state_dict(optimizer_from_tensors(opt, state["optimizer"]))
        self.restore_rng(opt)
        if state.get("scaler") and self.precision.use_scaler:
            self.scaler.load_state_dict(state["scaler"])
        self.step = int(state["step"])
        self.elapsed_before = float(state.get("elapsed", 0.0))
        self.best_val = state.get("best_val_loss")
        self.health.load_state(state.get("health"))
        self.run.truncate_metrics_after(self.step)
        return True

    def load_weights(self, weights: dict[str, torch.Tensor], where) -> None:
        from .loading import shape_mismatch

        mismatch = shape_mismatch(self.model, weights)
        if mismatch:
            raise RunStoreError("The checkpoint {where} does not fit this run's model: {mismatch}.", where=where, mismatch=mismatch)
        missing, unexpected = self.model.load_state_dict(weights, strict=False)
        tied = {"head.weight"} if self.model_cfg.tie_embeddings else set()
        if unexpected or set(missing) - tied:
            raise RunStoreError("The checkpoint {where} does not match this model's shape.", where=where)

    def start_from_parent(self) -> None:
        """A fine-tuning run's first start: its parent's weights (``core.lineage``), a fresh optimizer."""
        weights = load_initial_weights(self.run)
        if weights is not None:
            self.load_weights(weights, self.run.path / INITIAL_WEIGHTS)

    def elapsed(self) -> float:
        return self.elapsed_before + (time.perf_counter() - self.t0)

    # 5. evaluation ------------------------------------------------------------------------
    @torch.no_grad()
    def evaluate(self) -> tuple[float, float]:
        self.model.eval()
        out = []
        B = self.cfg.train.batch_size
        for part, batches in (("train", self.train_batches), ("val", self.val_batches)):
            starts = self.eval_starts[part]
            losses = []
            for i in range(0, len(starts), B):
                batch = batches.at(starts[i : i + B])
                with self.precision.autocast(self.device):
                    _, loss = self.forward(*batch)
                losses.append(loss.float())
            out.append(torch.stack(losses).mean().item())
        if self.cfg.train.attention_snapshots and self.probe_ids and self.dist.is_main:
            # Attention over training: the probe's maps and head scores, off the fused path.
            from .attention import record_snapshot

            if self._tok is None:
                self._tok = self.data.tokenizer()
            tok = self._tok
            record_snapshot(self.model, self.probe_ids, self.run.path, self.step,
                            tokens=[tok.id_to_piece(i) for i in self.probe_ids])
        if self.cfg.train.attention_snapshots and self.kind.records_attention and self.dist.is_main:
            # Learning instruments: the probe's per-token loss and logit lens, the sample timeline.
            if self._recorder is None:
                from .instruments.record import Recorder

                self._recorder = Recorder(self.run.path, self.data.tokenizer(), self.probe_ids)
            self.recorded = self._recorder.record(self.model, self.step, out[1])
        # the model kind's own metrics (BLEU, accuracy...), on the main process
        self.extra = self.evaluate_extra(self.model, self.data, self.cfg, self.run.path, self.step) \
            if self.evaluate_extra is not None and self.dist.is_main else {}
        self.model.train()
        return out[0], out[1]

    # 1-3. one optimizer step ------------------------------------------------------------------
    def train_step(self) -> tuple[torch.Tensor, torch.Tensor | None]:
        t = self.cfg.train
        lr = lr_at(self.step, self.cfg, self.total_steps) * self.health.lr_scale
        self.optimizer.set_lr(lr)
        loss_sum = torch.zeros((), device=self.device.torch_device)
        # 2. the global batch: grad_accum draws of batch_size starts, as one process makes them;
        # this rank trains on its contiguous share (derive.batch_split), DDP averages the shares.
        draws = [self.train_batches.sample_starts(self.data_gen) for _ in range(t.grad_accum)]
        share = len(draws) * t.batch_size // self.dist.world_size
        starts = np.concatenate(draws)[self.dist.rank * share : (self.dist.rank + 1) * share]
        m, n = self.split.micro_batch, self.split.micro_batches
        for i in range(n):
            batch = self.train_batches.at(starts[i * m : (i + 1) * m])
            # Under DDP, gradients are averaged across ranks only on the last micro-batch.
            sync = self.ddp.no_sync() if self.ddp is not None and i < n - 1 else contextlib.nullcontext()
            with sync:
                with self.precision.autocast(self.device):
                    _, loss = self.forward(*batch)
                loss = loss / n
                self.scaler.scale(loss).backward()
            loss_sum += loss.detach()
        self.scaler.unscale_(self.optimizer)
        max_norm = t.grad_clip if t.grad_clip > 0 else float("inf")
        grad_norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), max_norm)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        self.optimizer.zero_grad(set_to_none=True)
        self.step += 1
        return loss_sum, grad_norm


def train(run: Run, control: Control | None = None, *, resume: bool = True,
          dist: DistContext | None = None) -> Iterator[Event]:
    """Train the run in ``run`` (its config.json and prepared data/); yields events, ends with Finished.

    Never raises for problems a user can cause: they end in ``Finished(status="failed")``
    with a sentence. With ``resume`` the latest checkpoint, if any, is continued.
    Under torchrun, pass the ``DistContext`` (``DistContext.from_env()``): every rank
    trains, rank 0 alone writes to the run folder.
    """
    control = control or Control()
    dist = dist or DistContext()
    if not dist.is_main:
        run = _FollowerRun(run.path)
    tr: _Trainer | None = None
    device: DeviceInfo | None = None
    try:
        cfg = run.read_config()
        check(cfg)
        data = load_prepared(run.data_dir)
        if cfg.model.vocab_size != data.vocab_size:
            cfg = cfg.with_changes(model={"vocab_size": data.vocab_size})
            run.write_config(cfg)
        check_against_data(cfg, data.n_train, data.n_val)
        if cfg.train.threads:
            torch.set_num_threads(cfg.train.threads)
        device = resolve_device(dist.device_name(cfg.train.device))
        tr = _Trainer(run, cfg, data, device, dist)
        resumed = resume and tr.restore()
        if not resumed:
            run.truncate_metrics_after(-1)  # a fresh start: drop lines of an attempt that died before a checkpoint
            tr.start_from_parent()
        tr.start_clock()
        size = parameter_counts(tr.model, cfg)
        run.write_status("running", step=tr.step, total_steps=tr.total_steps, message="")
        if dist.is_main:
            clear_stop_request(run)  # requests left by an earlier attempt are not meant for this one
            clear_pause_request(run)
        started = Started(
            str(run.path), tr.step, tr.total_steps, device.kind, device.name, tr.precision.name,
            size.total_params, size.non_embedding_params, cfg.tokens_per_step,
        )
        # A follower learns the device; a resume, where the attempt starts. ``attempt`` tells this attempt's
        # record from an earlier one's, which a resume keeps (core.follow).
        run.append_metrics(event_to_dict(started) | {"step": tr.step, "attempt": uuid.uuid4().hex})
        yield started
        if not resumed and cfg.train.on_divergence == "rollback":
            yield tr.save()  # a good checkpoint to roll back to before the first regular one
        yield from _loop(tr, control)
    except Exception as e:  # noqa: BLE001 - every failure becomes a Finished event with a sentence
        yield _failure(run, tr, device, e)


def _loop(tr: _Trainer, control: Control) -> Iterator[Event]:
    t = tr.cfg.train
    tokens_per_step = tr.cfg.tokens_per_step
    stop_file = StopFile(tr.run, pausable=not tr.dist.enabled)
    last_log_time, last_log_step = time.perf_counter(), tr.step
    tr.model.train()
    while tr.step < tr.total_steps:
        # 7. pause and stop, between steps
        if control.paused or stop_file.pause_requested():  # asked here (Control) or through the run folder
            pause_start = time.perf_counter()
            tr.run.write_status("paused", step=tr.step)
            stop_file.wait_while_paused(control)
            paused_for = time.perf_counter() - pause_start
            tr.t0 += paused_for  # paused time is not training time
            last_log_time += paused_for
            if not control.stop_requested:
                tr.run.write_status("running", step=tr.step)
        # a stop asked from here (Control) or through the run folder (stop-request: the app, a job elsewhere)
        asked = control.stop_requested or stop_file.poll()
        stop = tr.dist.any_true(asked, tr.device.torch_device) if tr.dist.enabled else asked
        if stop:
            # "stopping" before the request goes: a follower that finds no request and a running
            # run asks again (its request came before this attempt started), one that finds
            # "stopping" waits.
            tr.run.write_status("stopping", step=tr.step)
            if tr.dist.is_main:
                clear_stop_request(tr.run)
            yield tr.save()
            yield _finish(tr, "stopped", user_text("Stopped at step {step:,}; resume to continue from here.", step=tr.step))
            return
        loss, grad_norm = tr.train_step()
        last = tr.step == tr.total_steps
        do_eval = tr.step % t.eval_every == 0 or last
        do_ckpt = tr.step % t.checkpoint_every == 0 or last
        # 4. metrics: the only regular GPU sync
        if tr.step % t.log_every == 0 or last or do_ckpt:
            loss_v = float(tr.dist.mean(loss).item())
            grad_norm_v = float(grad_norm)  # one host read of it per log, for the guard and the metrics
            problem = tr.health.check(tr.step, loss_v, grad_norm_v)
            if problem is not None:  # core.guards.monitor: roll back (RolledBack) or say why it stops
                reason = yield from roll_back(tr, problem)
                if reason:
                    yield _finish(tr, "failed", reason)
                    return
                last_log_time, last_log_step = time.perf_counter(), tr.step
                continue
            now = time.perf_counter()
            tps = (tr.step - last_log_step) * tokens_per_step / max(1e-9, now - last_log_time)
            last_log_time, last_log_step = now, tr.step
            ev = StepMetrics(tr.step, tr.step * tokens_per_step, loss_v,
                             lr_at(tr.step - 1, tr.cfg, tr.total_steps) * tr.health.lr_scale,
                             grad_norm_v, tps, tr.elapsed())
            tr.run.append_metrics(event_to_dict(ev))
            yield ev
        if do_eval:
            t_eval = time.perf_counter()
            train_loss, val_loss = tr.evaluate()
            if math.isfinite(val_loss) and (tr.best_val is None or val_loss < tr.best_val):
                tr.best_val = val_loss
            ev = EvalMetrics(tr.step, tr.step * tokens_per_step, train_loss, val_loss, tr.elapsed(), tr.extra)
            tr.run.append_metrics(event_to_dict(ev))
            tr.run.write_status("running", step=tr.step, best_val_loss=tr.best_val)
            yield ev
            if tr.recorded is not None:
                yield tr.recorded
                tr.recorded = None
            last_log_time += time.perf_counter() - t_eval  # keep evaluation out of tokens/s
        if do_ckpt:
            t_ck = time.perf_counter()
            yield tr.save()
            last_log_time += time.perf_counter() - t_ck
        if do_eval:  # after the checkpoint: the best one is kept (core.guards.overfit), overfitting said
            t_best = time.perf_counter()
            yield from tr.overfit.after_eval(tr, train_loss, val_loss, saved=do_ckpt)
            last_log_time += time.perf_counter() - t_best
    yield _finish(tr, "finished", user_text("Finished {steps:,} steps.", steps=tr.step))


def _finish(tr: _Trainer, status: str, reason: str) -> Finished:
    ev = Finished(status, reason, tr.step, tr.best_val, tr.elapsed())
    tr.run.append_metrics(event_to_dict(ev))
    tr.run.write_status(status, step=tr.step, best_val_loss=tr.best_val, message=reason)
    release_memory(tr.device)
    return ev


def _failure(run: Run, tr: _Trainer | None, device: DeviceInfo | None, e: Exception) -> Finished:
    step = tr.step if tr else 0
    if device is not None and is_out_of_memory(e):
        reason = user_text(
            "Out of memory on {device} at step {step:,}. Try a smaller batch size or a shorter context; "
            "the last checkpoint is kept.", device=device.name, step=step)
    elif isinstance(e, LmlabError):
        reason = user_text(e.template, **e.params)  # the app shows it translated
    else:
        reason = user_text("Training failed at step {step:,}: {error}", step=step, error=f"{type(e).__name__}: {e}")
    if tr is not None:
        tr.optimizer.zero_grad(set_to_none=True)
        del tr.model, tr.optimizer, tr.forward
    if device is not None:
        release_memory(device)
    ev = Finished("failed", reason, step, tr.best_val if tr else None, tr.elapsed() if tr else 0.0)
    try:
        run.append_metrics(event_to_dict(ev) | {"traceback": traceback.format_exc(limit=8)})
        run.write_status("failed", step=step, message=reason)
    except LmlabError:
        pass  # the disk itself may be what failed; the event still reaches the user
    return ev
