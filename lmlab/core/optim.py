"""The run's optimizers: AdamW alone (nanoGPT), or Muon for the hidden matrices and AdamW for the rest.

Muon (Keller Jordan, 2024; the modded-nanogpt speedrun, nanochat) keeps SGD momentum for each 2-D
weight matrix inside the blocks and replaces the update by its nearest (semi-)orthogonal matrix,
computed with a few Newton-Schulz iterations: every direction of the matrix moves by about the same
amount, so rarely-used directions learn as fast as dominant ones. Embeddings, the head and the
norms are not hidden matrices and stay on AdamW.

``build_optimizer`` returns an ``OptimizerSet``: the engine steps, zeroes, schedules and saves it
as one optimizer. With AdamW alone its state_dict is AdamW's own, so older checkpoints resume.

Example::

    >>> opt = build_optimizer(model, cfg.train, device)   # doctest: +SKIP
    >>> opt.set_lr(lr_at(step, cfg, total))                # AdamW at lr, Muon at lr * muon_lr / learning_rate
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch.torch_version import TorchVersion

from .config import TrainConfig
from .device import DeviceInfo
from .model import GPT

# Newton-Schulz quintic coefficients (Keller Jordan's Muon, also torch.optim.Muon's default).
NS_COEFFICIENTS = (3.4445, -4.775, 2.0315)


def orthogonalize(g: torch.Tensor, steps: int = 5, eps: float = 1e-7) -> torch.Tensor:
    """About U V^T of ``g`` = U S V^T (singular values pushed into ~[0.5, 1.5]), by Newton-Schulz in bf16.

    Example: a (384, 128) gradient -> a (384, 128) matrix whose singular values are all near 1.
    """
    a, b, c = NS_COEFFICIENTS
    x = g.bfloat16()
    tall = g.size(0) > g.size(1)
    if tall:
        x = x.T  # iterate on the smaller Gram matrix
    x = x / x.norm().clamp(min=eps)  # spectral norm <= Frobenius norm = 1
    for _ in range(steps):
        gram = x @ x.T
        x = torch.addmm(x, torch.addmm(gram, gram, gram, beta=b, alpha=c), x, beta=a)
    return x.T if tall else x


class SmallMuon(torch.optim.Optimizer):
    """Muon for torch versions without ``torch.optim.Muon`` (before 2.9); the same update and state.

    Per matrix W (rows A, columns B) with gradient G: buf <- lerp(buf, G, 1 - momentum);
    update <- orthogonalize(lerp(G, buf, momentum)) (Nesterov); W <- W * (1 - lr * wd) - lr * sqrt(max(1, A/B)) * update.
    """

    def __init__(self, params, lr: float = 0.02, weight_decay: float = 0.0, momentum: float = 0.95):
        super().__init__(params, dict(lr=lr, weight_decay=weight_decay, momentum=momentum))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, wd, mu = group["lr"], group["weight_decay"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "momentum_buffer" not in state:
                    state["momentum_buffer"] = torch.zeros_like(p.grad)
                buf = state["momentum_buffer"]
                buf.lerp_(p.grad, 1 - mu)
                update = orthogonalize(p.grad.lerp(buf, mu))
                p.mul_(1 - lr * wd)
                p.add_(update.to(p.dtype), alpha=-lr * math.sqrt(max(1.0, p.size(0) / p.size(1))))


def muon_class() -> type[torch.optim.Optimizer]:
    """PyTorch's Muon where the installed torch has it (2.9+), else ``SmallMuon``."""
    return getattr(torch.optim, "Muon", SmallMuon)


class OptimizerSet:
    """Several optimizers over disjoint parameters, driven as one (step, zero_grad, lr, state_dict).

    ``parts`` pairs each optimizer with its learning rate relative to the run's schedule. The
    state_dict numbers parameters and groups consecutively across the parts, the format of a
    single torch optimizer (and exactly AdamW's own when AdamW is the only part).
    """

    def __init__(self, parts: list[tuple[str, torch.optim.Optimizer, float]]):
        self.parts = parts  # (name, optimizer, lr multiplier)

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self.parts]

    @property
    def param_groups(self) -> list[dict]:
        return [g for _, opt, _ in self.parts for g in opt.param_groups]

    def set_lr(self, lr: float) -> None:
        for _, opt, mult in self.parts:
            for g in opt.param_groups:
                g["lr"] = lr * mult

    def step(self) -> None:
        for _, opt, _ in self.parts:
            opt.step()

    def zero_grad(self, set_to_none: bool = True) -> None:
        for _, opt, _ in self.parts:
            opt.zero_grad(set_to_none=set_to_none)

    def state_dict(self) -> dict[str, Any]:
        state: dict[int, Any] = {}
        groups: list[dict] = []
        offset = 0
        for _, opt, _ in self.parts:
            sd = opt.state_dict()
            state.update({offset + i: st for i, st in sd["state"].items()})
            groups += [g | {"params": [offset + i for i in g["params"]]} for g in sd["param_groups"]]
            offset += sum(len(g["params"]) for g in sd["param_groups"])
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, sd: dict[str, Any]) -> None:
        groups = sd["param_groups"]
        offset = 0
        for _, opt, _ in self.parts:
            mine, groups = groups[: len(opt.param_groups)], groups[len(opt.param_groups):]
            n = sum(len(g["params"]) for g in mine)
            opt.load_state_dict({
                "state": {int(i) - offset: st for i, st in sd["state"].items() if offset <= int(i) < offset + n},
                "param_groups": [g | {"params": [i - offset for i in g["params"]]} for g in mine],
            })
            offset += n


def fused_adamw_available(device: DeviceInfo) -> bool:
    """Whether torch has a fused AdamW kernel for ``device`` (CUDA always; the CPU from torch 2.4)."""
    return device.kind == "cuda" or (device.kind == "cpu" and TorchVersion(torch.__version__) >= "2.4")


def build_optimizer(model: GPT, t: TrainConfig, device: DeviceInfo) -> OptimizerSet:
    """AdamW over every parameter (``optimizer="adamw"``), or Muon for ``model.hidden_matrices()`` + AdamW.

    AdamW is fused (one kernel for every parameter) on CUDA and, from torch 2.4, on the CPU: at the cpu
    shape its step takes ~5 ms there against ~20 ms for the per-tensor loop torch picks by default
    (docs/benchmarks.md). Elsewhere (MPS, older torch) it uses the multi-tensor (foreach) kernels.
    """
    fused = fused_adamw_available(device)
    hidden = model.hidden_matrices() if t.optimizer == "muon" else []
    adamw = torch.optim.AdamW(
        model.param_groups(t.weight_decay, exclude=tuple(hidden)),
        lr=t.learning_rate,
        betas=(t.beta1, t.beta2),
        fused=fused,
        foreach=None if fused else True,
    )
    if not hidden:
        return OptimizerSet([("adamw", adamw, 1.0)])
    # Muon: no weight decay (the orthogonalised step already bounds the weights' growth at this scale).
    muon = muon_class()(hidden, lr=t.muon_lr, weight_decay=0.0, momentum=0.95)
    return OptimizerSet([("muon", muon, t.muon_lr / t.learning_rate), ("adamw", adamw, 1.0)])
