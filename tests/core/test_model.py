"""Model shapes, parameter counts, and the fused vs inspect attention paths."""

from __future__ import annotations

import pytest
import torch

from lmlab.core.config import MODERN_MODEL, RECIPE_OPTIONS, ModelConfig
from lmlab.core.model import GPT, KVCache, count_parameters, model_size

# Each architecture option alone, and all of them (the modern recipe): every model test runs on each.
OPTIONS = {"classic": {}} | {name: o["model"] for name, o in RECIPE_OPTIONS.items() if "model" in o} | {
    "modern": MODERN_MODEL}


def _trained_like(model: GPT) -> GPT:
    """Random weights everywhere (zero-initialised projections would hide the blocks from the checks)."""
    torch.manual_seed(5)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 0.2)
    return model


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("tie", [True, False])
@pytest.mark.parametrize("rope", [False, True])
@pytest.mark.parametrize("shape", [(1, 1, 8, 16), (2, 2, 32, 24), (4, 4, 128, 64)])
def test_parameter_count_matches_formula(shape, bias, tie, rope):
    L, H, d, T = shape
    cfg = ModelConfig(n_layer=L, n_head=H, n_embd=d, block_size=T, vocab_size=65, bias=bias, tie_embeddings=tie,
                      rope=rope, qk_norm=rope)
    size = model_size(cfg)
    assert size.total_params == count_parameters(GPT(cfg))
    assert size.embedding_params == 65 * d + (0 if rope else T * d)  # rotary positions have no table
    assert size.non_embedding_params == size.total_params - size.embedding_params
    assert size.flops_per_token > 6 * size.non_embedding_params


def test_logits_shape_and_loss_at_init_is_near_log_vocab():
    torch.manual_seed(0)
    cfg = ModelConfig(n_layer=2, n_head=2, n_embd=32, block_size=16, vocab_size=50)
    model = GPT(cfg)
    x, y = torch.randint(0, 50, (2, 3, 16))
    logits, loss = model(x, y)
    assert logits.shape == (3, 16, 50)
    assert abs(loss.item() - torch.log(torch.tensor(50.0)).item()) < 0.3


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("bias", [False, True])
def test_fused_and_inspect_paths_give_same_logits(bias, option):
    torch.manual_seed(1)
    cfg = ModelConfig(n_layer=3, n_head=4, n_embd=64, block_size=32, vocab_size=40, bias=bias, **OPTIONS[option])
    model = _trained_like(GPT(cfg)).eval()
    x = torch.randint(0, 40, (2, 32))
    fused, _ = model(x)
    inspected, _, atts = model(x, return_attention=True)
    torch.testing.assert_close(fused, inspected, atol=1e-5, rtol=1e-5)
    assert len(atts) == 3 and atts[0].shape == (2, 4, 32, 32)
    for a in atts:
        torch.testing.assert_close(a.sum(-1), torch.ones(2, 4, 32))
        assert torch.all(a.triu(diagonal=1) == 0)  # causal: nothing above the diagonal


@pytest.mark.parametrize("option", OPTIONS)
def test_kv_cache_matches_full_forward(option):
    torch.manual_seed(2)
    cfg = ModelConfig(n_layer=2, n_head=2, n_embd=32, block_size=24, vocab_size=30, **OPTIONS[option])
    model = _trained_like(GPT(cfg)).eval()
    x = torch.randint(0, 30, (1, 20))
    full, _ = model(x)
    cache = KVCache()
    parts = [model(x[:, :8], cache=cache)[0]] + [model(x[:, i:i + 1], cache=cache)[0] for i in range(8, 20)]
    torch.testing.assert_close(torch.cat(parts, 1), full, atol=1e-5, rtol=1e-5)
    with pytest.raises(ValueError, match="exceeds the context"):
        model(torch.zeros(1, 5, dtype=torch.long), cache=cache)


def test_tied_embeddings_share_storage():
    m = GPT(ModelConfig(n_layer=1, n_head=1, n_embd=8, block_size=8, vocab_size=10))
    assert m.head.weight.data_ptr() == m.tok_emb.weight.data_ptr()
    groups = m.param_groups(0.1)
    assert all(p.dim() >= 2 for p in groups[0]["params"]) and all(p.dim() < 2 for p in groups[1]["params"])
