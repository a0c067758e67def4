"""Tensors in and out of a checkpoint: safetensors holds plain named tensors only.

The optimizer's state is split into tensors and a JSON-able rest (``optimizer_to_tensors``)
and put back together on resume (``optimizer_from_tensors``); tied weights are saved once
(``model_weights_for_saving``).
"""

from __future__ import annotations

from typing import Any

import torch


def optimizer_to_tensors(opt: torch.optim.Optimizer) -> tuple[dict[str, torch.Tensor], dict]:
    """Split an optimizer's state_dict into tensors (for safetensors) and JSON-able rest.

    Example: AdamW state {0: {"step": t, "exp_avg": m, "exp_avg_sq": v}} ->
    tensors {"state.0.step": t, "state.0.exp_avg": m, ...} and {"param_groups": [...]}.
    """
    sd = opt.state_dict()
    tensors: dict[str, torch.Tensor] = {}
    scalars: dict[str, Any] = {}
    for idx, st in sd["state"].items():
        for k, v in st.items():
            if isinstance(v, torch.Tensor):
                tensors[f"state.{idx}.{k}"] = v.detach().cpu().contiguous()
            else:
                scalars[f"{idx}.{k}"] = v
    return tensors, {"param_groups": sd["param_groups"], "scalars": scalars}


def optimizer_from_tensors(tensors: dict[str, torch.Tensor], meta: dict) -> dict:
    state: dict[int, dict[str, Any]] = {}
    for key, v in tensors.items():
        if not key.startswith("state."):
            continue
        _, idx, name = key.split(".", 2)
        state.setdefault(int(idx), {})[name] = v
    for key, v in meta.get("scalars", {}).items():
        idx, name = key.split(".", 1)
        state.setdefault(int(idx), {})[name] = v
    return {"state": state, "param_groups": meta["param_groups"]}


def model_weights_for_saving(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The state dict with each shared tensor once (tied embeddings): safetensors refuses aliases."""
    seen: set[int] = set()
    out = {}
    for k, v in model.state_dict().items():
        ptr = v.untyped_storage().data_ptr()
        if ptr in seen:
            continue
        seen.add(ptr)
        out[k] = v.detach().cpu().contiguous()
    return out
