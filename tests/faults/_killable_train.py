"""Train a prepared run in a child process that dies by SIGKILL at a chosen moment.

Used by ``test_kill.py``: ``python -m tests.faults._killable_train RUN_DIR [--die WHERE:N]``.
Without ``--die`` it just trains (the parent kills it from outside). ``WHERE:N`` makes the
process kill itself, mid-operation, the N-th time it reaches:

* ``step``    inside an optimizer step: after forward and backward, before the weights change;
* ``model``   writing ``model.safetensors`` (half the file is on disk);
* ``optim``   writing ``optim.safetensors`` (half the file is on disk);
* ``state``   writing ``state.json``, the file that marks a checkpoint complete (half written);
* ``latest``  writing ``latest.json``, after the checkpoint folder was renamed into place;
* ``metrics`` appending the N-th step line to ``metrics.jsonl`` (a torn last line).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def install(where: str, nth: int) -> None:
    """Patch the one place named by ``where`` so that its ``nth`` use kills the process."""
    import torch

    from lmlab.core import runs

    calls = {"n": 0}

    def reached() -> bool:
        calls["n"] += 1
        return calls["n"] == nth

    if where in ("model", "optim"):
        real_save = runs.save_file

        def save_file(tensors, filename, metadata=None):
            real_save(tensors, filename, metadata=metadata)
            if Path(filename).name == f"{where}.safetensors" and reached():
                size = os.path.getsize(filename)
                with open(filename, "r+b") as f:
                    f.truncate(size // 2)
                    os.fsync(f.fileno())
                die()

        runs.save_file = save_file
    elif where in ("state", "latest"):
        real_write = runs.atomic_write_bytes

        def atomic_write_bytes(path, data):
            if Path(path).name == f"{where}.json" and reached():
                tmp = Path(path).with_name(f".{Path(path).name}.tmp{os.getpid()}")
                with open(tmp, "wb") as f:
                    f.write(data[: len(data) // 2])
                    os.fsync(f.fileno())
                die()
            real_write(path, data)

        runs.atomic_write_bytes = atomic_write_bytes
    elif where == "metrics":
        real_append = runs.Run.append_metrics

        def append_metrics(self, record):
            if record.get("type") == "step" and reached():
                line = runs.json.dumps(record) + "\n"
                with open(self.metrics_path, "a", encoding="utf-8") as f:
                    f.write(line[: len(line) // 2])
                    f.flush()
                    os.fsync(f.fileno())
                die()
            real_append(self, record)

        runs.Run.append_metrics = append_metrics
    elif where == "step":
        real_clip = torch.nn.utils.clip_grad_norm_

        def clip_grad_norm_(*args, **kwargs):  # called between backward and the optimizer step
            if reached():
                die()
            return real_clip(*args, **kwargs)

        torch.nn.utils.clip_grad_norm_ = clip_grad_norm_
    else:
        raise SystemExit(f"unknown --die point {where!r}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("run_dir")
    p.add_argument("--die", metavar="WHERE:N")
    a = p.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    from lmlab.core.engine import Finished, train
    from lmlab.core.runs import Run

    if a.die:
        where, n = a.die.split(":")
        install(where, int(n))
    for ev in train(Run(a.run_dir)):
        print(ev.type, getattr(ev, "step", ""), flush=True)
        if isinstance(ev, Finished):
            print(ev.reason, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
