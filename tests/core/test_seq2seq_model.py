"""The encoder-decoder (core.seq2seq.model): two attention paths agree, the cache changes nothing,
padding is invisible, beam width 1 is greedy, and the size readout counts the real model."""

from __future__ import annotations

import pytest
import torch

from lmlab.core.config import RECIPE_OPTIONS, ModelConfig
from lmlab.core.model_kinds import build_model
from lmlab.core.seq2seq.decode import beam_search, greedy_batch, stream_greedy
from lmlab.core.seq2seq.model import IGNORE, EncoderDecoder, Seq2SeqCache, encdec_size, special_ids

V = 30
PAD, BOS, EOS = special_ids(V)


def model_of(**changes) -> EncoderDecoder:
    torch.manual_seed(0)
    cfg = ModelConfig(arch="encdec", vocab_size=V, n_layer=2, n_head=2, n_embd=32, block_size=16)
    model = build_model(ModelConfig(**{**cfg.__dict__, **changes}))
    assert isinstance(model, EncoderDecoder)
    with torch.no_grad():  # weights big enough that attention is far from uniform
        for p in model.parameters():
            if p.dim() >= 2:
                p.mul_(8)
    return model.eval()


def batch():
    g = torch.Generator().manual_seed(1)
    src = torch.randint(0, PAD, (3, 9), generator=g)
    src[0, 6:] = PAD  # a shorter source, padded
    tgt = torch.randint(0, PAD, (3, 7), generator=g)
    return src, tgt


OPTIONS = [{}, *(o["model"] for o in RECIPE_OPTIONS.values() if "model" in o)]


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: ",".join(o) or "plain")
@torch.no_grad()
def test_inspect_and_fused_paths_give_the_same_logits(option):
    model = model_of(**option)
    src, tgt = batch()
    fused, _ = model(src, tgt)
    inspected, _, maps = model(src, tgt, return_attention=True)
    torch.testing.assert_close(inspected, fused, rtol=1e-4, atol=1e-4)
    assert [m.shape for m in maps["encoder"]] == [(3, 2, 9, 9)] * 2
    assert [m.shape for m in maps["decoder"]] == [(3, 2, 7, 7)] * 2
    assert [m.shape for m in maps["cross"]] == [(3, 2, 7, 9)] * 2
    cross = maps["cross"][0]
    torch.testing.assert_close(cross.sum(-1), torch.ones(3, 2, 7))
    assert float(cross[0, :, :, 6:].abs().max()) == 0.0  # no attention to the source's padding
    assert float(maps["decoder"][0].triu(1).abs().max()) == 0.0  # the decoder is causal


@pytest.mark.parametrize("option", [{}, {"rope": True}, {"qk_norm": True}], ids=["plain", "rope", "qk_norm"])
@torch.no_grad()
def test_cached_decoding_equals_uncached(option):
    model = model_of(**option)
    src, tgt = batch()
    full, _ = model(src, tgt)
    cache = Seq2SeqCache()
    steps = [model(src, tgt[:, i:i + 1], cache=cache)[0] for i in range(tgt.shape[1])]
    torch.testing.assert_close(torch.cat(steps, 1), full, rtol=1e-4, atol=1e-4)
    # greedy decoding with the cache == recomputing the whole prefix every step
    ids = [PAD - 1, 3, 4, 5]
    cached = [i for i, _ in stream_greedy(model, ids, max_len=10)]
    prefix = [BOS]
    for _ in range(10):
        nxt = int(model(torch.tensor([ids]), torch.tensor([prefix]))[0][0, -1].argmax())
        if nxt == EOS:
            break
        prefix.append(nxt)
    assert cached == prefix[1:] and len(cached) > 2


@torch.no_grad()
def test_padding_the_source_changes_nothing_and_padded_targets_carry_no_loss():
    model = model_of()
    src, tgt = batch()
    short = src[:1, :6]
    torch.testing.assert_close(model(short, tgt[:1])[0], model(src[:1], tgt[:1])[0], rtol=1e-5, atol=1e-5)
    out = tgt.clone()
    _, loss_all = model(src, tgt, out)
    out[:, 4:] = IGNORE
    _, loss_some = model(src, tgt, out)
    logits, _ = model(src, tgt)
    want = torch.nn.functional.cross_entropy(logits[:, :4].reshape(-1, V), tgt[:, :4].reshape(-1))
    torch.testing.assert_close(loss_some, want)
    assert float(loss_some) != float(loss_all)


def test_beam_width_one_is_greedy_and_wider_beams_score_at_least_as_well():
    model = model_of()
    for src in ([3, 4, 5, 6], [10, 2], [7] * 9):
        greedy = [i for i, _ in stream_greedy(model, src)]
        assert list(beam_search(model, src, beam=1)[0].ids) == greedy == greedy_batch(model, [src])[0]
        best1 = beam_search(model, src, beam=1, length_penalty=0.0)[0]
        best4 = beam_search(model, src, beam=4, length_penalty=0.0)
        assert len(best4) == 4 and best4[0].logprob >= best1.logprob - 1e-5
        assert [h.score for h in best4] == sorted((h.score for h in best4), reverse=True)


def test_greedy_batch_equals_one_at_a_time():
    model = model_of()
    sources = [[3, 4, 5, 6], [10, 2], [7] * 9]
    assert greedy_batch(model, sources) == [greedy_batch(model, [s])[0] for s in sources]


@pytest.mark.parametrize("changes", [{}, {"tie_embeddings": False}, {"bias": True}, {"rope": True}])
@torch.no_grad()
def test_size_readout_counts_the_built_model(changes):
    model = model_of(**changes)
    size = encdec_size(model.cfg)
    assert size.total_params == sum(p.numel() for p in model.parameters())
    assert size.flops_per_token > 0 and size.train_memory_bytes > size.total_params * 16
