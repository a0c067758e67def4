"""The run store: one folder per run, written so that a crash never breaks it.

Layout of a run folder::

    config.json        {"schema_version", "lmlab_version", "created", "config": RunConfig}
    status.json        status (created | preparing | running | finished | stopped | failed), message, step, best val
    metrics.jsonl      one JSON object per event, appended and flushed as they happen
    data/              train.bin, val.bin (token ids), meta.json, tokenizer.json
    checkpoints/       step_000500/{model.safetensors, optim.safetensors, state.json}, latest.json
    parent.safetensors a fine-tuning run's starting weights (``core.lineage``)
    attention/         attention snapshots of the probe text (see core.attention)

Checkpoints are written into a temporary folder, synced, then renamed into place;
``state.json`` is the last file written, so a checkpoint folder without it is
incomplete and ignored. ``latest.json`` is replaced atomically afterwards, for people
and other tools; the loader itself takes the newest complete ``step_NNNNNN`` folder,
so a kill between the rename and ``latest.json`` loses nothing, and a hand-edited
``latest.json`` can never lead outside the run folder.
Weights are safetensors; nothing here ever unpickles.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from .. import __version__
from .config import RunConfig
from .checkpoint_tensors import model_weights_for_saving
from .errors import ConfigError, LmlabError, RunStoreError

RUN_SCHEMA_VERSION = 1
CONFIG_FILE = "config.json"
STATUS_FILE = "status.json"
METRICS_FILE = "metrics.jsonl"
DATA_DIR = "data"
CKPT_DIR = "checkpoints"
LATEST = "latest.json"
_STEP_DIR = re.compile(r"^step_(\d{6,})$")
_LEFTOVER = re.compile(r"^\.(?:tmp-step_\d+-|old-step_\d+-|[\w.]+\.tmp)(\d+)$")


def default_runs_dir() -> Path:
    """The user's data folder for runs (``LMLAB_RUNS_DIR`` overrides it)."""
    env = os.environ.get("LMLAB_RUNS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("lmlab", appauthor=False)) / "runs"


# -- atomic file helpers ---------------------------------------------------------


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """The one way lmlab replaces a file: a temp file beside ``path``, fsynced, renamed over it, the
    folder fsynced; a crash leaves the old file or the new one. On failure the temp file is removed
    and an ``OSError`` (a full disk, a read-only folder) becomes a RunStoreError naming ``path``::

        with atomic_writer(run.path / "notes.txt") as f:
            f.write(b"hello")     # readers see the old notes.txt until the block ends
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        _unlink_quietly(tmp)
        if isinstance(e, OSError):
            raise RunStoreError("Cannot write {path}: {reason}.", path=path, reason=e.strerror or e) from None
        raise
    _fsync_dir(path.parent)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """``atomic_writer`` for bytes already in memory."""
    with atomic_writer(path) as f:
        f.write(data)


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_bytes(path, json.dumps(obj, indent=1, ensure_ascii=False).encode("utf-8"))


def _unlink_quietly(p: Path) -> None:
    with contextlib.suppress(OSError):
        p.unlink()


def _fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def parse_metrics_line(line: str) -> dict | None:
    """One ``metrics.jsonl`` record, or None for a torn or damaged line (a crash mid-write)."""
    try:
        rec = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return rec if isinstance(rec, dict) else None


def check_regular_file(path: Path) -> None:
    """Raise a RunStoreError unless ``path`` is a regular file (following links).

    A run folder may come from elsewhere: a named pipe called config.json would block the
    reader forever, and a link to /dev/zero would never end.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RunStoreError("{path} is missing.", path=path) from None
    except OSError as e:
        raise RunStoreError("Cannot read {path}: {reason}.", path=path, reason=e.strerror or e) from None
    if not stat.S_ISREG(st.st_mode):
        raise RunStoreError("Cannot read {path}: it is not a regular file.", path=path)


def read_json(path: Path) -> Any:
    check_regular_file(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunStoreError("{path} is missing.", path=path) from None
    except OSError as e:
        raise RunStoreError("Cannot read {path}: {reason}.", path=path, reason=e.strerror or e) from None
    except (ValueError, UnicodeDecodeError) as e:
        raise RunStoreError("{path} is damaged (not valid JSON: {e}).", path=path, e=e) from None
    except RecursionError:
        raise RunStoreError("{path} is damaged (nested too deeply to be lmlab's).", path=path) from None


# -- checkpoints -------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    step: int
    path: Path  # the step_NNNNNN folder

    @property
    def model_file(self) -> Path:
        return self.path / "model.safetensors"

    def load_state(self) -> dict:
        return read_json(self.path / "state.json")

    def load_model_tensors(self) -> dict[str, torch.Tensor]:
        return load_safetensors(self.model_file)

    def load_optimizer_tensors(self) -> dict[str, torch.Tensor]:
        return load_safetensors(self.path / "optim.safetensors")


def load_safetensors(path: Path) -> dict[str, torch.Tensor]:
    check_regular_file(path)
    try:
        return load_file(str(path))
    except FileNotFoundError:
        raise RunStoreError("{path} is missing.", path=path) from None
    except (SafetensorError, OSError, ValueError, RuntimeError) as e:
        raise RunStoreError("{path} is not a valid safetensors file ({e}).", path=path, e=e) from None


# -- a run -----------------------------------------------------------------------------


class Run:
    """One run folder."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    # paths
    @property
    def id(self) -> str:
        return self.path.name

    @property
    def data_dir(self) -> Path:
        return self.path / DATA_DIR

    @property
    def checkpoints_dir(self) -> Path:
        return self.path / CKPT_DIR

    @property
    def metrics_path(self) -> Path:
        return self.path / METRICS_FILE

    # config and status
    def read_config(self) -> RunConfig:
        raw = read_json(self.path / CONFIG_FILE)
        if not isinstance(raw, dict) or "config" not in raw:
            raise RunStoreError("{path} is not an lmlab run configuration.", path=self.path / CONFIG_FILE)
        version = raw.get("schema_version", 1)
        if not isinstance(version, int) or version > RUN_SCHEMA_VERSION:
            raise RunStoreError(
                "The run {path} was written by a newer lmlab (run schema {version}); update lmlab to open it.", path=self.path, version=version
            )
        try:
            return RunConfig.from_dict(raw["config"])
        except ConfigError as e:
            raise RunStoreError("{path}: {e}", path=self.path / CONFIG_FILE, e=e) from None

    def write_config(self, cfg: RunConfig, parent: dict | None = None) -> None:
        """Write config.json; ``parent`` (a fine-tuning run's lineage) is kept once written."""
        meta = self.read_meta() if (self.path / CONFIG_FILE).exists() else {}
        parent = parent if parent is not None else meta.get("parent")
        atomic_write_json(
            self.path / CONFIG_FILE,
            {
                "schema_version": RUN_SCHEMA_VERSION,
                "lmlab_version": __version__,
                "created": meta.get("created") or _now(),
                "config": cfg.to_dict(),
            } | ({"parent": parent} if parent else {}),
        )

    def read_meta(self) -> dict:
        try:
            raw = read_json(self.path / CONFIG_FILE)
            return raw if isinstance(raw, dict) else {}
        except RunStoreError:
            return {}

    def read_status(self) -> dict:
        try:
            st = read_json(self.path / STATUS_FILE)
            return st if isinstance(st, dict) else {"status": "unknown"}
        except RunStoreError:
            return {"status": "unknown"}

    def write_status(self, status: str, **fields: Any) -> None:
        st = self.read_status()
        st.update(fields)
        st["status"] = status
        st["updated"] = _now()
        atomic_write_json(self.path / STATUS_FILE, st)

    @property
    def name(self) -> str:
        try:
            return self.read_config().name or self.id
        except RunStoreError:
            return self.id

    # metrics
    def append_metrics(self, record: dict) -> None:
        line = json.dumps(record, ensure_ascii=False, allow_nan=True) + "\n"
        if os.path.lexists(self.metrics_path):  # a named pipe in its place would block the open
            check_regular_file(self.metrics_path)
        try:
            with open(self.metrics_path, "a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
        except OSError as e:
            raise RunStoreError("Cannot write {metrics_path}: {reason}.", metrics_path=self.metrics_path, reason=e.strerror or e) from None

    def read_metrics(self) -> list[dict]:
        """Every record in metrics.jsonl; a torn or damaged line (a crash mid-write) is skipped."""
        out = []
        if os.path.lexists(self.metrics_path):
            check_regular_file(self.metrics_path)
        try:
            with open(self.metrics_path, encoding="utf-8", errors="replace") as f:
                out = [rec for rec in map(parse_metrics_line, f) if rec is not None]
        except FileNotFoundError:
            pass
        except OSError as e:
            raise RunStoreError("Cannot read {metrics_path}: {reason}.", metrics_path=self.metrics_path, reason=e.strerror or e) from None
        return out

    def truncate_metrics_after(self, step: int) -> None:
        """Drop records past ``step`` (resuming from a checkpoint continues the curve from there)."""
        kept = [r for r in self.read_metrics() if int(r.get("step", 0)) <= step]
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept)
        atomic_write_bytes(self.metrics_path, data.encode("utf-8"))

    # checkpoints
    def checkpoints(self) -> list[Checkpoint]:
        """Complete checkpoints (state.json present), oldest first."""
        out = []
        try:
            entries = list(self.checkpoints_dir.iterdir())
        except OSError:
            return []
        for p in entries:
            m = _STEP_DIR.match(p.name)
            # A symlinked step folder could point anywhere: only real folders inside the run count.
            if m and not p.is_symlink() and (p / "state.json").is_file() and (p / "model.safetensors").is_file():
                out.append(Checkpoint(int(m.group(1)), p))
        return sorted(out, key=lambda c: c.step)

    def latest_checkpoint(self) -> Checkpoint | None:
        """The newest complete checkpoint, or None.

        ``latest.json`` is not followed: after a kill between renaming a checkpoint into
        place and rewriting it, it names the one before; and a path in it (``../../etc``,
        an absolute path) must never lead outside the run folder. The folders decide.
        """
        cks = self.checkpoints()
        return cks[-1] if cks else None

    def save_checkpoint(
        self,
        step: int,
        model: torch.nn.Module,
        optim_tensors: dict[str, torch.Tensor],
        state: dict,
        keep: int = 2,
    ) -> Checkpoint:
        """Write a checkpoint atomically and prune older ones (keeping ``keep``)."""
        self.checkpoints_dir.mkdir(parents=True, exist_ok=True)
        name = f"step_{step:06d}"
        final = self.checkpoints_dir / name
        tmp = self.checkpoints_dir / f".tmp-{name}-{os.getpid()}"
        try:
            if tmp.exists():
                shutil.rmtree(tmp)
            tmp.mkdir()
            weights = model_weights_for_saving(model)
            save_file(weights, str(tmp / "model.safetensors"), metadata={"format": "pt", "lmlab": __version__})
            save_file(optim_tensors, str(tmp / "optim.safetensors"))
            for f in ("model.safetensors", "optim.safetensors"):
                _fsync_file(tmp / f)
            state = dict(state, step=step, saved=_now(), lmlab_version=__version__)
            atomic_write_json(tmp / "state.json", state)  # last: marks the folder complete
            _fsync_dir(tmp)
            if final.exists():  # re-saving the same step (e.g. stop right after a resume)
                old = self.checkpoints_dir / f".old-{name}-{os.getpid()}"
                os.replace(final, old)
                os.replace(tmp, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, final)
            _fsync_dir(self.checkpoints_dir)
            atomic_write_json(self.checkpoints_dir / LATEST, {"step": step, "dir": name})
        except (OSError, SafetensorError) as e:
            shutil.rmtree(tmp, ignore_errors=True)
            msg = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            raise RunStoreError("Cannot write the checkpoint in {checkpoints_dir}: {msg}.", checkpoints_dir=self.checkpoints_dir, msg=msg) from None
        except RunStoreError:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._prune(keep, protect=final)
        return Checkpoint(step, final)

    def _prune(self, keep: int, protect: Path) -> None:
        cks = self.checkpoints()
        for c in cks[: max(0, len(cks) - keep)]:
            if c.path != protect:
                shutil.rmtree(c.path, ignore_errors=True)
        # Leftovers of a process killed mid-save (only the training process writes here):
        # .tmp-step_N-PID/ and .old-step_N-PID/ folders, .latest.json.tmpPID files.
        me = str(os.getpid())
        for p in self.checkpoints_dir.glob(".*"):
            m = _LEFTOVER.match(p.name)
            if m and m.group(1) != me:
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    _unlink_quietly(p)

    def summary(self) -> dict:
        """What the Runs panel and ``lmlab runs`` show. Never raises: a damaged folder is status ``damaged``
        with the reason as message (an unreadable config included, so the row cannot look healthy);
        a folder without a config yet keeps its status (``unknown`` when it has none) and says why."""
        row = {"id": self.id, "name": self.id, "path": str(self.path), "created": "", "shape": "?", "step": 0,
               "total_steps": None, "best_val_loss": None, "status": "damaged", "message": "", "parent": ""}
        try:
            st, meta = self.read_status(), self.read_meta()
        except Exception as e:  # noqa: BLE001 - a broken folder is shown, never raised
            return row | {"message": f"Cannot read this run: {type(e).__name__}: {e}"}
        row |= {"created": meta.get("created", ""), "step": st.get("step", 0), "total_steps": st.get("total_steps"),
                "best_val_loss": st.get("best_val_loss"), "status": st.get("status", "unknown"),
                "message": st.get("message", "")}
        try:
            cfg = self.read_config()
        except Exception as e:  # noqa: BLE001 - a config that is there but unreadable damages the run
            why = str(e) if isinstance(e, LmlabError) else f"{type(e).__name__}: {e}"
            return row | {"message": why} | ({"status": "damaged"} if (self.path / CONFIG_FILE).exists() else {})
        m = cfg.model
        parent = meta.get("parent") if isinstance(meta.get("parent"), dict) else {}
        return row | {"name": cfg.name or self.id, "shape": f"{m.n_layer}L {m.n_head}H {m.n_embd}d ctx {m.block_size}",
                      "parent": str(parent.get("name") or parent.get("run") or "")}

def _fsync_file(p: Path) -> None:
    with open(p, "rb") as f:
        os.fsync(f.fileno())


def _now() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _slug(text: str) -> str:
    s = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-")
    return s[:40] or "run"


class RunStore:
    """The runs folder: create, list, open, rename, delete runs."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root is not None else default_runs_dir()

    def ensure(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise RunStoreError("The runs folder {root} is a file, not a folder; choose another one.", root=self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise RunStoreError("Cannot create the runs folder {root}: {reason}.", root=self.root, reason=e.strerror or e) from None
        if not os.access(self.root, os.W_OK):
            raise RunStoreError("The runs folder {root} is not writable; choose another one.", root=self.root)

    def create(self, cfg: RunConfig, name: str | None = None) -> Run:
        self.ensure()
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{stamp}-{_slug(name or cfg.name or 'run')}"
        path = self.root / base
        n = 1
        while True:
            try:
                path.mkdir()
                break
            except FileExistsError:
                n += 1
                path = self.root / f"{base}-{n}"
            except OSError as e:
                raise RunStoreError("Cannot create a run folder in {root}: {reason}.", root=self.root, reason=e.strerror or e) from None
        run = Run(path)
        if name and not cfg.name:
            cfg = cfg.with_changes(name=name)
        run.write_config(cfg)
        run.write_status("created", step=0)
        return run

    def runs(self) -> list[Run]:
        """Every run folder (one holding config.json), newest first."""
        try:
            entries = [p for p in self.root.iterdir() if p.is_dir() and (p / CONFIG_FILE).exists()]
        except OSError:
            return []
        return [Run(p) for p in sorted(entries, key=lambda p: p.name, reverse=True)]

    def open(self, ref: str | Path) -> Run:
        """A run by folder path, id, or unique id prefix / name."""
        p = Path(ref)
        if p.is_dir() and (p / CONFIG_FILE).exists():
            return Run(p)
        # Never let a reference escape the runs folder: a path is taken only as the path it is.
        if os.sep in str(ref) or (os.altsep and os.altsep in str(ref)) or str(ref) in ("", ".", ".."):
            if p.is_dir():
                raise RunStoreError("{p} is not an lmlab run folder (it has no {config}).", p=p, config=CONFIG_FILE)
            raise RunStoreError("No run at {ref}.", ref=ref)
        matches = [r for r in self.runs() if r.id == ref]
        if not matches:
            matches = [r for r in self.runs() if r.id.startswith(str(ref)) or r.name == ref]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise RunStoreError("No run called {ref!r} in {root}.", ref=ref, root=self.root)
        raise RunStoreError("{ref!r} matches {n_matches} runs; give more of the name.", ref=ref, n_matches=len(matches))

    def delete(self, run: Run) -> None:
        if run.path.resolve().parent != self.root.resolve():
            raise RunStoreError("{path} is not inside the runs folder {root}; not deleting it.", path=run.path, root=self.root)
        shutil.rmtree(run.path)

    def rename(self, run: Run, new_name: str) -> None:
        cfg = run.read_config()
        run.write_config(cfg.with_changes(name=new_name))
