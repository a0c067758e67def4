"""The fast one-token step of generation (``lmlab.core.decode``) against ``GPT.forward``, and the sampling draw."""

from __future__ import annotations

import pytest
import torch

from lmlab.core.config import MODERN_MODEL, RECIPE_OPTIONS, ModelConfig
from lmlab.core.decode import Decoder
from lmlab.core.generate import SamplingOptions, draw, generate
from lmlab.core.errors import LmlabError
from lmlab.core.model import GPT, KVCache
from lmlab.core.tokenizers import CharTokenizer

OPTIONS = {"classic": {}} | {name: o["model"] for name, o in RECIPE_OPTIONS.items() if "model" in o} | {
    "modern": MODERN_MODEL}


def _model(bias: bool, option: str, **shape) -> GPT:
    cfg = ModelConfig(**({"n_layer": 3, "n_head": 4, "n_embd": 64, "block_size": 32, "vocab_size": 40} | shape),
                      bias=bias, **OPTIONS[option])
    torch.manual_seed(5)
    model = GPT(cfg).eval()
    with torch.no_grad():  # random weights everywhere: zero-initialised projections would hide the blocks
        for p in model.parameters():
            p.normal_(0.0, 0.2)
    return model


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("prompt_by", ["prefill", "forward"])
def test_each_step_gives_the_logits_of_the_whole_sequence(option, bias, prompt_by):
    model = _model(bias, option)
    ids = torch.randint(0, 40, (1, 32), generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        full = model(ids)[0][0]  # (32, vocab): no cache at all
        step = Decoder(model)
        cache = step.new_cache()
        if prompt_by == "prefill":  # the last position only, through the decoder
            torch.testing.assert_close(step.prefill(ids[0, :5], cache)[0], full[4], rtol=1e-4, atol=1e-4)
        else:  # GPT.forward, into the decoder's rows
            model(ids[:, :5], cache=cache)
        assert cache.length == 5
        for t in range(5, 32):
            logits = step.step(int(ids[0, t]), cache)
            assert logits.shape == (1, 40)
            torch.testing.assert_close(logits[0], full[t], rtol=1e-4, atol=1e-4)
        assert cache.length == 32
        with pytest.raises(ValueError, match="cached positions"):
            step.step(0, cache)  # the context is full


def test_a_prefill_of_the_whole_context_then_a_cut_and_another():
    model = _model(False, "modern")
    ids = torch.randint(0, 40, (32,), generator=torch.Generator().manual_seed(6))
    step = Decoder(model)
    with torch.inference_mode():
        cache = step.new_cache()
        torch.testing.assert_close(step.prefill(ids, cache)[0], model(ids[None])[0][0, -1], rtol=1e-4, atol=1e-4)
        with pytest.raises(ValueError, match="empty cache"):
            step.prefill(ids[:3], cache)
        cache = step.new_cache()  # the window cut: the same rows, positions from 0 again
        cut = ids[16:]
        torch.testing.assert_close(step.prefill(cut, cache)[0], model(cut[None])[0][0, -1], rtol=1e-4, atol=1e-4)
        torch.testing.assert_close(step.step(7, cache)[0], model(torch.cat([cut, torch.tensor([7])])[None])[0][0, -1],
                                   rtol=1e-4, atol=1e-4)
        with pytest.raises(ValueError, match="empty cache"):
            step.prefill(torch.zeros(33, dtype=torch.long), step.new_cache())  # longer than the context


def test_a_step_refuses_a_cache_that_is_not_its_latest():
    model = _model(False, "classic")
    ids = torch.randint(0, 40, (1, 6), generator=torch.Generator().manual_seed(2))
    step = Decoder(model)
    with torch.inference_mode():
        other = KVCache()
        model(ids, cache=other)  # filled, but in buffers of its own
        with pytest.raises(ValueError, match="new_cache"):
            step.step(0, other)
        old = step.new_cache()
        model(ids, cache=old)
        new = step.new_cache()  # the same rows: the old cache's positions are about to be overwritten
        model(ids[:, :3], cache=new)
        with pytest.raises(ValueError, match="new_cache"):
            step.step(0, old)
        full = model(torch.cat([ids[:, :3], ids[:, :1]], dim=1))[0][0, -1]
        torch.testing.assert_close(step.step(int(ids[0, 0]), new)[0], full, rtol=1e-4, atol=1e-4)


def test_a_large_matrix_is_used_in_place_and_a_small_one_copied():
    model = _model(False, "classic", n_embd=1024, n_head=4, n_layer=1, block_size=8)  # up: 4096 x 1024 > 2^20
    step = Decoder(model)
    lay = step.layers[0]
    assert lay.up[0].data_ptr() == model.blocks[0].mlp.up.weight.data_ptr()  # a view, no memory doubled
    assert lay.proj[0].data_ptr() != model.blocks[0].attn.proj.weight.data_ptr()  # 1024 x 1024: a copy
    assert lay.proj[0].is_contiguous()
    torch.testing.assert_close(lay.proj[0], model.blocks[0].attn.proj.weight.detach().t())
    ids = torch.randint(0, 40, (1, 8), generator=torch.Generator().manual_seed(3))
    with torch.inference_mode():  # the exact GELU keeps its factor 1/2 when the down matrix is not a copy
        full = model(ids)[0][0]
        cache = step.new_cache()
        model(ids[:, :4], cache=cache)
        for t in range(4, 8):
            torch.testing.assert_close(step.step(int(ids[0, t]), cache)[0], full[t], rtol=1e-4, atol=1e-4)


def test_cached_generation_keeps_the_greedy_tokens_of_recomputing(tmp_path):
    tok = CharTokenizer("abcdefghij \n", unk_policy="skip")
    model = _model(False, "modern", vocab_size=tok.vocab_size, block_size=24)
    out = {}
    for cache in (True, False):  # 60 tokens through a 24-token context: the window is cut and re-prefilled
        gen = generate(model, tok, "abc", SamplingOptions(greedy=True, max_new_tokens=60, use_cache=cache))
        out[cache] = [t.id for t in gen]
        assert gen.crops >= 3
    assert out[True] == out[False]


def test_sampled_generation_with_the_cache_is_recomputing_s_token_for_token():
    tok = CharTokenizer("abcdefghij \n", unk_policy="skip")
    model = _model(False, "classic", vocab_size=tok.vocab_size, block_size=24)
    out = {}
    for cache in (True, False):  # temperature 1, the default 5 alternatives, window cuts and re-prefills
        gen = generate(model, tok, "abc", SamplingOptions(seed=4, max_new_tokens=80, use_cache=cache))
        out[cache] = list(gen)
        assert gen.crops >= 4
    assert [t.id for t in out[True]] == [t.id for t in out[False]]
    for a, b in zip(out[True], out[False]):
        assert [j for j, _, _ in a.alternatives] == [j for j, _, _ in b.alternatives]
        assert a.raw_prob == pytest.approx(b.raw_prob, rel=1e-4)


@pytest.mark.parametrize("cache", [True, False])
def test_invalid_scores_stop_generation_with_a_sentence(cache):
    tok = CharTokenizer("abcdefghij \n", unk_policy="skip")
    model = _model(False, "classic", vocab_size=tok.vocab_size)
    with torch.no_grad():
        model.head.weight[3, 0] = float("nan")  # every score of a position is NaN after the final norm
    gen = generate(model, tok, "abc", SamplingOptions(max_new_tokens=5, seed=0, use_cache=cache))
    with pytest.raises(LmlabError, match="diverged"):
        next(gen)


@pytest.mark.parametrize("vocab", [7, 100, 50257])
def test_the_draw_is_torch_multinomial_for_the_same_seed(vocab):
    g = torch.Generator().manual_seed(vocab)
    for seed in range(200):
        p = torch.rand(vocab, generator=g, dtype=torch.float64) ** 4
        p[torch.rand(vocab, generator=g) < 0.3] = 0.0  # filtered tokens (top-k, top-p) have probability 0
        p[0] = 0.5
        p /= p.sum()
        want = int(torch.multinomial(p, 1, generator=torch.Generator().manual_seed(seed)))
        assert draw(p, torch.Generator().manual_seed(seed)) == want
