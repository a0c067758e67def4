"""Generation: sampling filters, streaming text, stop conditions, KV cache vs recompute."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn

from lmlab.core.branches import byte_level_chars
from lmlab.core.config import ModelConfig
from lmlab.core.errors import ConfigError, TokenizerError
from lmlab.core.generate import (
    GeneratedToken,
    SamplingOptions,
    filter_distribution,
    generate,
    start_ids,
    window_keep,
)
from lmlab.core.model import GPT
from lmlab.core.tokenizers import CharTokenizer, HFTokenizer

PATTERN = "the cat sat on the mat. "


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    # Tiny models: threads only add synchronisation, and a busy machine makes that very slow.
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def tiny_gpt(vocab_size: int, seed: int = 0, block_size: int = 32) -> GPT:
    torch.manual_seed(seed)
    return GPT(ModelConfig(n_layer=2, n_head=2, n_embd=32, block_size=block_size, vocab_size=vocab_size)).eval()


def run(model, tok, prompt, **kw):
    gen = generate(model, tok, prompt, SamplingOptions(**kw))
    toks = list(gen)
    return gen, toks


@pytest.fixture(scope="module")
def char_tok() -> CharTokenizer:
    return CharTokenizer.train([PATTERN + "\n"])


@pytest.fixture(scope="module")
def random_model(char_tok) -> GPT:
    return tiny_gpt(char_tok.vocab_size)


@pytest.fixture(scope="module")
def trained_model(char_tok) -> GPT:
    """A tiny model trained ~100 steps on a repeated sentence: its greedy output is the sentence."""
    torch.manual_seed(0)
    model = GPT(ModelConfig(n_layer=2, n_head=2, n_embd=32, block_size=32, vocab_size=char_tok.vocab_size))
    data = torch.tensor(char_tok.encode(PATTERN * 20))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    g = torch.Generator().manual_seed(0)
    for _ in range(100):
        ix = torch.randint(0, len(data) - 33, (16,), generator=g)
        x = torch.stack([data[i : i + 32] for i in ix])
        y = torch.stack([data[i + 1 : i + 33] for i in ix])
        _, loss = model(x, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.2
    return model.eval()


@pytest.fixture(scope="module")
def bpe_tok() -> HFTokenizer:
    text = "你好，世界！中文和表情 🙂😀🎉 hello world, the cat sat on the mat. " * 10
    return HFTokenizer.train([text], "bpe", vocab_size=300)


class ScriptedModel(nn.Module):
    """Stands in for GPT: forward i returns logits that force ``script[i]`` (or constant logits)."""

    def __init__(self, vocab_size: int, script=None, logits=None, block_size: int = 64):
        super().__init__()
        self.cfg = ModelConfig(n_layer=1, n_head=1, n_embd=1, block_size=block_size, vocab_size=vocab_size)
        self.dummy = nn.Parameter(torch.zeros(1))
        self.script = list(script or [])
        self.const = None if logits is None else torch.tensor(logits, dtype=torch.float32)
        self.calls = 0

    def forward(self, idx, targets=None, *, return_attention=False, cache=None):
        B, T = idx.shape
        if self.const is not None:
            row = self.const
        else:
            row = torch.full((self.cfg.vocab_size,), -10.0)
            row[self.script[self.calls]] = 10.0
        self.calls += 1
        return row.expand(B, T, -1).clone(), None


def byte_ids(tok: HFTokenizer, text: str) -> list[int]:
    m = byte_level_chars()
    return [tok.tok.token_to_id(m[b]) for b in text.encode("utf-8")]


# -- options ------------------------------------------------------------------------


def test_options_validate_in_sentences():
    assert SamplingOptions().validate() == []
    bad = SamplingOptions(
        temperature=-1, top_k=-2, top_p=0.0, repetition_penalty=0, max_new_tokens=-1, seed=-5,
        stop_sequences=("",), top_alternatives=-1,
    )
    errs = bad.validate()
    assert {e.field for e in errs} == {
        "temperature", "top_k", "top_p", "repetition_penalty", "max_new_tokens", "seed", "stop_sequences",
        "top_alternatives",
    }
    assert all(str(e).endswith(".") and str(e)[0].isupper() for e in errs)
    assert SamplingOptions(top_p=float("nan")).validate()[0].field == "top_p"
    with pytest.raises(ConfigError, match="Top-p"):
        SamplingOptions(top_p=1.5).check()
    assert SamplingOptions(stop_sequences="\n").stop_sequences == ("\n",)
    assert SamplingOptions(stop_sequences=["a", "b"]).stop_sequences == ("a", "b")


def test_generate_checks_options_before_running(random_model, char_tok):
    with pytest.raises(ConfigError):
        generate(random_model, char_tok, "the", SamplingOptions(temperature=-0.5))


# -- the distribution ---------------------------------------------------------------

PROBS = [0.1, 0.4, 0.2, 0.2, 0.1]


def kept(final) -> set[int]:
    return {i for i, p in enumerate(final.tolist()) if p > 0}


@pytest.mark.parametrize(
    "kw, expect",
    [
        (dict(top_k=1), {1}),
        (dict(top_k=2), {1, 2}),  # 2 and 3 tie: exactly k kept, the lower id wins
        (dict(top_k=3), {1, 2, 3}),
        (dict(top_k=99), {0, 1, 2, 3, 4}),
        (dict(top_p=0.4), {1}),  # 0.4 >= 0.4 exactly
        (dict(top_p=0.05), {1}),  # always at least one token
        (dict(top_p=0.5), {1, 2}),
        (dict(top_p=0.6), {1, 2}),  # 0.4 + 0.2 reaches 0.6 exactly
        (dict(top_p=0.61), {1, 2, 3}),
        (dict(top_p=0.9), {0, 1, 2, 3}),  # the tie at 0.1: the lower id is kept
        (dict(top_p=0.95), {0, 1, 2, 3, 4}),
        (dict(top_k=2, top_p=0.6), {1}),  # top-p after top-k: 0.4/0.6 = 0.667 >= 0.6
        (dict(top_k=2, top_p=0.7), {1, 2}),
        (dict(greedy=True, top_k=3), {1}),
        (dict(temperature=0), {1}),
    ],
)
def test_filters_keep_exactly_the_right_tokens(kw, expect):
    logits = torch.tensor(PROBS).log()
    raw, final = filter_distribution(logits, SamplingOptions(**kw))
    assert torch.allclose(raw, torch.tensor(PROBS, dtype=torch.float64))
    assert kept(final) == expect
    assert math.isclose(float(final.sum()), 1.0, rel_tol=1e-12)
    # Kept tokens keep their relative odds (temperature 1).
    if len(expect) > 1:
        sel = sorted(expect)
        ref = torch.tensor([PROBS[i] for i in sel], dtype=torch.float64)
        assert torch.allclose(final[sel], ref / ref.sum())


def test_temperature_reshapes_the_distribution():
    logits = torch.tensor([2.0, 1.0, 0.0, -1.0])
    raw, final = filter_distribution(logits, SamplingOptions(temperature=0.5))
    assert torch.allclose(raw, torch.softmax(logits.double(), 0))
    assert torch.allclose(final, torch.softmax(logits.double() / 0.5, 0))
    _, tiny = filter_distribution(logits, SamplingOptions(temperature=1e-6))
    assert tiny.tolist() == [1.0, 0.0, 0.0, 0.0]


def test_repetition_penalty_is_ctrl_style():
    logits = torch.tensor([2.0, -1.0, 0.5, 0.0])
    raw, final = filter_distribution(logits, SamplingOptions(repetition_penalty=2.0), context_ids=[0, 1, 1])
    expected = torch.softmax(torch.tensor([1.0, -2.0, 0.5, 0.0], dtype=torch.float64), 0)
    assert torch.allclose(final, expected)
    assert torch.allclose(raw, torch.softmax(logits.double(), 0))  # raw ignores the penalty
    assert final[0] < raw[0] and final[1] < raw[1]  # seen tokens lose probability
    assert final[2] > raw[2] and final[3] > raw[3]
    _, same = filter_distribution(logits, SamplingOptions(repetition_penalty=2.0), context_ids=[])
    assert torch.allclose(same, raw)


def test_repetition_penalty_in_generation():
    model = ScriptedModel(6, logits=[3.0, 2.0, 1.0, 0.0, -1.0, -2.0])
    tok = CharTokenizer("abcdef", unk_policy="skip")
    _, plain = run(model, tok, [0], greedy=True, max_new_tokens=4)
    assert [t.id for t in plain] == [0, 0, 0, 0]
    _, pen = run(model, tok, [0], greedy=True, max_new_tokens=4, repetition_penalty=10.0)
    # 0 -> 0.3, so 1 (2.0) wins; then 2 (1.0); then 0 (0.3) beats 1 (0.2) and 3 (0.0).
    assert [t.id for t in pen][:3] == [1, 2, 0]
    assert all(t.prob == 1.0 for t in pen)


def test_nan_logits_give_a_sentence():
    with pytest.raises(Exception, match="diverged"):
        filter_distribution(torch.tensor([0.0, float("nan")]), SamplingOptions())


# -- sampling -----------------------------------------------------------------------


def test_fixed_seed_reproduces_and_seeds_differ(random_model, char_tok):
    g1, a = run(random_model, char_tok, "the cat", seed=7, max_new_tokens=40)
    _, b = run(random_model, char_tok, "the cat", seed=7, max_new_tokens=40)
    _, c = run(random_model, char_tok, "the cat", seed=8, max_new_tokens=40)
    assert [t.id for t in a] == [t.id for t in b]
    assert [t.id for t in a] != [t.id for t in c]
    assert g1.seed == 7 and g1.finish_reason == "max_tokens"
    assert g1.text == "".join(t.text for t in a) == char_tok.decode(g1.ids)
    assert [t.index for t in a] == list(range(40))
    g_rand = generate(random_model, char_tok, "the", SamplingOptions(max_new_tokens=1))
    list(g_rand)
    assert isinstance(g_rand.seed, int)


def test_tokens_report_probabilities_and_alternatives(random_model, char_tok):
    _, toks = run(random_model, char_tok, "the cat", seed=3, max_new_tokens=5, top_alternatives=4, top_k=3)
    for t in toks:
        assert isinstance(t, GeneratedToken)
        assert 0 < t.prob <= 1 and 0 < t.raw_prob <= 1
        assert t.prob >= t.raw_prob  # top-k only removes mass elsewhere
        assert len(t.alternatives) == 4
        probs = [p for _, _, p in t.alternatives]
        assert probs == sorted(probs, reverse=True)
        assert all(piece == char_tok.id_to_piece(i) for i, piece, _ in t.alternatives)
        assert t.id in [i for i, _, _ in t.alternatives[:3]]  # sampled from the top 3


def test_top_k_1_equals_greedy(random_model, char_tok):
    _, greedy = run(random_model, char_tok, "the mat", greedy=True, max_new_tokens=30)
    _, k1 = run(random_model, char_tok, "the mat", top_k=1, temperature=1.3, seed=5, max_new_tokens=30)
    _, t0 = run(random_model, char_tok, "the mat", temperature=0, max_new_tokens=30)
    assert [t.id for t in greedy] == [t.id for t in k1] == [t.id for t in t0]
    assert all(t.prob == 1.0 for t in k1)


def test_trained_model_greedy_continues_the_pattern(trained_model, char_tok):
    gen, _ = run(trained_model, char_tok, "the cat", greedy=True, max_new_tokens=40)
    assert (" the cat" + gen.text).startswith(" the cat sat on the mat. the cat sat on the mat.")


def test_stop_sequence_stops_and_is_excluded(trained_model, char_tok):
    gen, toks = run(trained_model, char_tok, "the cat", greedy=True, max_new_tokens=100, stop_sequences=("mat",))
    assert gen.finish_reason == "stop_sequence"
    assert gen.text == " sat on the "
    assert "".join(t.text for t in toks) == gen.text
    assert char_tok.decode(gen.ids) == " sat on the mat"  # the token completing it is still yielded
    # A multi-character stop whose start is streamed token by token is held back, never emitted.
    gen2, toks2 = run(trained_model, char_tok, "the cat", greedy=True, max_new_tokens=100,
                      stop_sequences=("xyz", ". the"))
    assert gen2.text == " sat on the mat"
    assert "".join(t.text for t in toks2) == gen2.text
    assert [t.text for t in toks2][-5:] == ["", "", "", "", ""]  # ". the" was held, then dropped


def test_should_stop_within_one_token(random_model, char_tok):
    stop = {"now": False}
    gen = generate(random_model, char_tok, "the", SamplingOptions(max_new_tokens=50, seed=1),
                   should_stop=lambda: stop["now"])
    got = []
    for t in gen:
        got.append(t)
        if len(got) == 3:
            stop["now"] = True
    assert len(got) == 3
    assert gen.finish_reason == "stopped"
    pre = generate(random_model, char_tok, "the", SamplingOptions(max_new_tokens=5), should_stop=lambda: True)
    assert list(pre) == [] and pre.finish_reason == "stopped"


def test_model_mode_is_restored(char_tok):
    model = tiny_gpt(char_tok.vocab_size).train()
    gen = generate(model, char_tok, "the", SamplingOptions(max_new_tokens=2, seed=0))
    first = next(gen)
    assert not model.training  # dropout off while generating
    list(gen)
    assert model.training and isinstance(first, GeneratedToken)


def test_padded_model_vocabulary_never_samples_missing_ids(char_tok):
    model = ScriptedModel(char_tok.vocab_size + 3, logits=[0.0] * char_tok.vocab_size + [50.0] * 3)
    gen, toks = run(model, char_tok, "the", seed=0, max_new_tokens=20)
    assert all(t.id < char_tok.vocab_size for t in toks)
    assert all(i < char_tok.vocab_size for t in toks for i, _, _ in t.alternatives)
    with pytest.raises(TokenizerError, match="do not belong together"):
        generate(tiny_gpt(3), char_tok, "the")


# -- KV cache and the context window ------------------------------------------------


def reference_greedy(model, prompt_ids: list[int], n: int) -> list[int]:
    """The documented windowing, spelled out: the last block_size tokens, cut to half when full."""
    block = model.cfg.block_size
    ctx = list(prompt_ids)
    w = max(0, len(ctx) - block)
    out = []
    with torch.inference_mode():
        for _ in range(n):
            logits, _ = model(torch.tensor([ctx[w:]]))
            t = int(torch.argmax(logits[0, -1]))
            ctx.append(t)
            out.append(t)
            if len(ctx) - w > block:
                w = len(ctx) - window_keep(block)
    return out


@pytest.mark.parametrize("which", ["random", "trained"])
@pytest.mark.parametrize("prompt_len", [5, 40])  # 40 > block_size: the prompt itself is cut
def test_cached_and_uncached_greedy_are_identical_past_the_context(which, prompt_len, request, char_tok):
    model = request.getfixturevalue(f"{which}_model")
    prompt = (PATTERN * 3)[:prompt_len]
    n = 90  # block_size 32: several cuts of the window
    cached, _ = run(model, char_tok, prompt, greedy=True, max_new_tokens=n, use_cache=True)
    uncached, _ = run(model, char_tok, prompt, greedy=True, max_new_tokens=n, use_cache=False)
    assert cached.ids == uncached.ids
    assert cached.text == uncached.text
    assert cached.crops == uncached.crops >= 4
    assert cached.ids == reference_greedy(model, char_tok.encode(prompt), n)


def test_cached_sampling_matches_uncached(random_model, char_tok):
    a, _ = run(random_model, char_tok, "the cat", seed=11, max_new_tokens=70, top_p=0.9, use_cache=True)
    b, _ = run(random_model, char_tok, "the cat", seed=11, max_new_tokens=70, top_p=0.9, use_cache=False)
    assert a.ids == b.ids


def test_window_keep():
    assert window_keep(256) == 128 and window_keep(33) == 17 and window_keep(2) == 1 and window_keep(1) == 1


# -- prompts --------------------------------------------------------------------------


def test_unknown_characters_are_named(random_model, char_tok):
    for policy in ("error", "replace", "skip"):
        tok = CharTokenizer(char_tok.chars, unk_policy=policy)
        with pytest.raises(TokenizerError) as e:
            generate(random_model, tok, "the cat é 中 é", SamplingOptions(max_new_tokens=3))
        msg = str(e.value)
        assert "2 characters" in msg and "'é' (U+00E9)" in msg and "'中' (U+4E2D)" in msg


def test_token_prompts_are_checked(random_model, char_tok):
    with pytest.raises(TokenizerError, match="outside"):
        generate(random_model, char_tok, [1, 2, 999])
    with pytest.raises(TokenizerError, match="whole numbers"):
        generate(random_model, char_tok, [1, "a"])


def test_empty_prompt_starts_from_newline_or_token_0(random_model, char_tok):
    gen, toks = run(random_model, char_tok, "", seed=0, max_new_tokens=3)
    assert gen.prompt_ids == [char_tok.encode("\n")[0]] == start_ids(char_tok)
    assert len(toks) == 3
    no_nl = CharTokenizer("abc")
    assert start_ids(no_nl) == [0]
    gen2, _ = run(tiny_gpt(no_nl.vocab_size), no_nl, [], seed=0, max_new_tokens=2)
    assert gen2.prompt_ids == [0]


def test_branch_from_an_alternative(random_model, char_tok):
    gen, toks = run(random_model, char_tok, "the ", seed=2, max_new_tokens=6)
    alt = toks[2].alternatives[1][0]
    branch_prompt = gen.prompt_ids + gen.ids[:2] + [alt]
    br, _ = run(random_model, char_tok, branch_prompt, greedy=True, max_new_tokens=5)
    assert br.prompt_ids == branch_prompt and len(br.ids) == 5


# -- byte-level text: Chinese and emoji ----------------------------------------------


@pytest.mark.parametrize("prompt", ["你好", "🙂😀", "中文 hello 🎉"])
def test_chinese_and_emoji_prompts_with_byte_level_bpe(bpe_tok, prompt):
    model = tiny_gpt(bpe_tok.vocab_size, seed=1)
    gen, toks = run(model, bpe_tok, prompt, seed=4, max_new_tokens=40)
    assert gen.prompt_ids == bpe_tok.encode(prompt)
    streamed = "".join(t.text for t in toks)
    assert streamed == gen.text == bpe_tok.decode(gen.ids)


def test_incomplete_utf8_is_held_back_until_complete(bpe_tok):
    script = byte_ids(bpe_tok, "中") + byte_ids(bpe_tok, "🙂") + bpe_tok.encode("ok")
    model = ScriptedModel(bpe_tok.vocab_size, script=script)
    gen, toks = run(model, bpe_tok, "hi", greedy=True, max_new_tokens=len(script))
    assert [t.text for t in toks] == ["", "", "中", "", "", "", "🙂"] + [bpe_tok.decode([i]) for i in script[7:]]
    assert gen.text == "中🙂ok"


def test_branch_inside_a_character_completes_it(bpe_tok):
    zh = byte_ids(bpe_tok, "中")
    model = ScriptedModel(bpe_tok.vocab_size, script=zh[1:] + bpe_tok.encode("!"))
    prompt = bpe_tok.encode("hi ") + zh[:1]  # the prompt ends with the first byte of 中
    gen, toks = run(model, bpe_tok, prompt, greedy=True, max_new_tokens=3)
    assert [t.text for t in toks] == ["", "中", "!"]


def test_stopped_generation_releases_held_text_as_tail(bpe_tok):
    zh = byte_ids(bpe_tok, "中")
    model = ScriptedModel(bpe_tok.vocab_size, script=zh)
    calls = {"n": 0}

    def stop():
        calls["n"] += 1
        return calls["n"] > 2

    gen = generate(model, bpe_tok, "hi", SamplingOptions(greedy=True, max_new_tokens=3), should_stop=stop)
    toks = list(gen)
    assert [t.text for t in toks] == ["", ""] and gen.finish_reason == "stopped"
    assert gen.tail == "\ufffd" and gen.text == "\ufffd"


def test_long_generation_text_is_consistent(bpe_tok):
    model = tiny_gpt(bpe_tok.vocab_size, seed=2, block_size=16)
    gen, toks = run(model, bpe_tok, "中文", seed=9, max_new_tokens=300, stop_sequences=("zzz",))
    assert "".join(t.text for t in toks) == gen.text == bpe_tok.decode(gen.ids)
