"""Data-parallel training under ``torchrun`` (PyTorch distributed), off by default.

``lmlab train`` runs unchanged under ``torchrun --nproc_per_node=N``: torchrun sets
RANK / WORLD_SIZE / LOCAL_RANK, ``DistContext.from_env`` joins the process group
(NCCL on GPUs, gloo on the CPU), gradients are averaged by DistributedDataParallel, and
only rank 0 writes metrics, status and checkpoints. The config's ``batch_size * grad_accum``
stays the global batch: every rank draws it as one process would and trains on its share
(``derive.batch_split``), so N processes reproduce the one-process losses to float rounding
(docs/scale-out.md). A checkpoint keeps every rank's random state (``all_gather_bytes``), so
a resumed N-process run continues exactly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist



@dataclass(frozen=True)
class DistContext:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @property
    def enabled(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @classmethod
    def from_env(cls, device_kind: str | None = None) -> "DistContext":
        """The context torchrun describes in the environment; joins the process group once."""
        world = int(os.environ.get("WORLD_SIZE", "1"))
        if world <= 1:
            return cls()
        rank = int(os.environ.get("RANK", "0"))
        local = int(os.environ.get("LOCAL_RANK", "0"))
        if not dist.is_initialized():
            if device_kind is None:
                device_kind = "cuda" if torch.cuda.is_available() else "cpu"
            backend = "nccl" if device_kind == "cuda" else "gloo"
            if device_kind == "cuda":
                torch.cuda.set_device(local)
            dist.init_process_group(backend=backend)
        return cls(rank, world, local)

    def device_name(self, requested: str) -> str:
        """Each rank trains on its own GPU: ``cuda`` becomes ``cuda:LOCAL_RANK``."""
        if not self.enabled:
            return requested
        if requested in ("auto", "cuda") and torch.cuda.is_available():
            return f"cuda:{self.local_rank}"
        return "cpu" if requested == "auto" else requested

    def mean(self, t: torch.Tensor) -> torch.Tensor:
        if self.enabled:
            t = t.detach().clone()
            dist.all_reduce(t, op=dist.ReduceOp.SUM)
            t /= self.world_size
        return t

    def all_gather_bytes(self, t: torch.Tensor, device: torch.device) -> list[torch.Tensor]:
        """Every rank's ``t`` (the same size on each: a generator's state), in rank order, on the CPU.

        Sent through ``device`` (NCCL carries only GPU tensors); one process returns ``[t]``.
        """
        if not self.enabled:
            return [t]
        mine = t.to(device)
        out = [torch.empty_like(mine) for _ in range(self.world_size)]
        dist.all_gather(out, mine)
        return [o.cpu() for o in out]

    def any_true(self, flag: bool, device: torch.device) -> bool:
        """True on every rank if it is true on one (stop requests must be agreed, or a rank hangs)."""
        if not self.enabled:
            return flag
        t = torch.tensor([1.0 if flag else 0.0], device=device)
        dist.all_reduce(t, op=dist.ReduceOp.MAX)
        return bool(t.item() > 0)

    def broadcast_str(self, value: str | None) -> str:
        if not self.enabled:
            return value or ""
        box = [value]
        dist.broadcast_object_list(box, src=0)  # rank 0's own string, from torchrun's peers only
        return box[0] or ""

    def barrier(self) -> None:
        if self.enabled:
            dist.barrier()

    def close(self) -> None:
        if self.enabled and dist.is_initialized():
            dist.destroy_process_group()
