"""Training health per layer: how much each layer's weights moved between two evaluations, and
each layer's gradient norm on the probe.

``UpdateTracker.measure(model)`` returns, per group of parameters (the embeddings, each block, the
final norm and head), ``||W_now - W_before|| / ||W_now||`` since its previous call: the
update-to-weight ratio over an evaluation interval (Karpathy's rule of thumb for one step is about
1e-3; over an interval of many steps it is larger). The first call returns None (nothing to compare).

``layer_grad_norms(model, ids)`` is the norm of each group's gradient of the loss on one sequence (the
probe), taken with ``torch.autograd.grad`` in eval mode: the parameters' ``.grad`` and every random
state are left as they were, so training goes on exactly as without it.
"""

from __future__ import annotations

import torch


def layer_groups(model: torch.nn.Module) -> dict[str, list[torch.Tensor]]:
    """Parameters by layer, in model order: ``embed``, ``layer 1`` ... ``layer L``, ``head``."""
    groups: dict[str, list[torch.Tensor]] = {"embed": []}
    groups.update({f"layer {i + 1}": list(b.parameters()) for i, b in enumerate(model.blocks)})
    groups["head"] = []
    in_blocks = {id(p) for p in model.blocks.parameters()}
    seen: set[int] = set()
    for name, p in model.named_parameters():  # tied weights are listed once
        if id(p) in in_blocks or id(p) in seen:
            continue
        seen.add(id(p))
        groups["embed" if name.startswith(("tok_emb", "pos_emb")) else "head"].append(p)
    return {k: v for k, v in groups.items() if v}


def layer_grad_norms(model: torch.nn.Module, ids) -> dict[str, float]:
    """Per-group gradient norm of the next-token loss on ``ids`` (at most ``block_size + 1`` tokens)."""
    x = torch.as_tensor(list(ids)[: model.cfg.block_size + 1], dtype=torch.long,
                        device=next(model.parameters()).device)[None]
    groups = layer_groups(model)
    was_training = model.training
    model.eval()
    try:
        with torch.enable_grad():
            _, loss = model(x[:, :-1], x[:, 1:])
            params = [p for ps in groups.values() for p in ps]
            grads = iter(torch.autograd.grad(loss, params, allow_unused=True))
    finally:
        model.train(was_training)
    out = {}
    for name, ps in groups.items():
        sq = 0.0
        for _p in ps:
            g = next(grads)
            sq += float(g.float().pow(2).sum()) if g is not None else 0.0
        out[name] = sq ** 0.5
    return out


class UpdateTracker:
    def __init__(self) -> None:
        self._before: dict[str, list[torch.Tensor]] | None = None

    @torch.no_grad()
    def measure(self, model: torch.nn.Module) -> dict[str, float] | None:
        groups = layer_groups(model)
        ratios = None
        if self._before is not None and self._before.keys() == groups.keys():
            ratios = {}
            for name, params in groups.items():
                delta = sum(float((p.float() - q).pow(2).sum()) for p, q in zip(params, self._before[name]))
                norm = sum(float(p.float().pow(2).sum()) for p in params)
                ratios[name] = (delta / norm) ** 0.5 if norm > 0 else 0.0
        self._before = {name: [p.detach().float().clone() for p in params] for name, params in groups.items()}
        return ratios
