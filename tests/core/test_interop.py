"""Export to Hugging Face / GGUF and open a Hugging Face folder: real tiny runs, real transformers and gguf."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from lmlab.core.events import ExportProgress
from lmlab.core.generate import SamplingOptions, generate
from lmlab.core.interop.hf import InteropError
from lmlab.core.interop.hf_load import read_hf_folder
from lmlab.core.jobs.export import export_run
from lmlab.core.loading import ModelCache, load_trained
from tests._interop import ROUND_TRIP, export, trained_runs

transformers = pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return trained_runs(tmp_path_factory.mktemp("runs"))


@pytest.fixture(scope="module")
def exports(runs, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return {kind: (export(run, out / kind), load_trained(run)) for kind, run in runs.items()}


def hf_load(path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True).float().eval()
    return model, AutoTokenizer.from_pretrained(path, local_files_only=True)


@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_the_export_is_a_gpt2_folder_transformers_loads_with_the_same_logits(exports, kind):
    result, tm = exports[kind]
    assert set(result.files) == {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                                 "generation_config.json", "README.md"}
    assert result.max_abs_diff is not None and result.max_abs_diff < 1e-4
    config = json.loads(Path(result.path, "config.json").read_text())
    assert config["architectures"] == ["GPT2LMHeadModel"] and config["activation_function"] == "gelu"
    assert config["tie_word_embeddings"] is True and config["vocab_size"] == tm.tokenizer.vocab_size
    model, tok = hf_load(result.path)
    ids = tm.tokenizer.encode(ROUND_TRIP)[: tm.config.model.block_size]
    x = torch.tensor([ids])
    with torch.no_grad():
        diff = (model(x).logits - tm.model(x)[0]).abs().max().item()
    assert diff < 1e-4
    card = Path(result.path, "README.md").read_text(encoding="utf-8")
    assert "2 layers" in card and "Tokens seen" in card and "lmlab export" in card and "validation" in card


@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_transformers_greedy_generation_equals_lmlab_sample_token_for_token(exports, kind):
    result, tm = exports[kind]
    model, tok = hf_load(result.path)
    prompt = "All:\nSpeak"
    ours = [t.id for t in generate(tm.model, tm.tokenizer, prompt, SamplingOptions(greedy=True, max_new_tokens=16))]
    ids = tok(prompt, add_special_tokens=False, return_tensors="pt")
    out = model.generate(**ids, max_new_tokens=16, do_sample=False, pad_token_id=0)
    theirs = out[0, ids["input_ids"].shape[1]:].tolist()
    assert theirs == ours
    assert len(set(ours)) > 1  # a trained model, not one that repeats a single token


@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_the_tokenizer_round_trips_chinese_and_emoji_exactly(exports, kind):
    result, tm = exports[kind]
    _, tok = hf_load(result.path)
    ids = tok(ROUND_TRIP, add_special_tokens=False)["input_ids"]
    assert ids == tm.tokenizer.encode(ROUND_TRIP)
    assert tok.decode(ids) == ROUND_TRIP == tm.tokenizer.decode(ids)


def test_a_character_the_char_model_never_saw_is_its_unknown_token_in_both(exports):
    result, tm = exports["char"]
    _, tok = hf_load(result.path)
    text = "Speak Ω!"
    ids = tok(text, add_special_tokens=False)["input_ids"]
    assert ids == tm.tokenizer.encode(text) and tm.tokenizer.unk_id in ids
    assert tok.decode(ids) == tm.tokenizer.decode(ids) == "Speak \ufffd!"


@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_an_export_opens_as_lmlabs_own_model_with_the_same_logits(exports, kind):
    result, tm = exports[kind]
    model, tokenizer, cfg = read_hf_folder(result.path)
    assert cfg.model.n_layer == tm.config.model.n_layer and cfg.model.bias is False
    assert tokenizer.encode(ROUND_TRIP) == tm.tokenizer.encode(ROUND_TRIP)
    x = torch.tensor([tm.tokenizer.encode(ROUND_TRIP)[:32]])
    with torch.no_grad():
        assert torch.equal(model(x)[0], tm.model(x)[0])
    cache = ModelCache()
    assert cache.get(result.path, None) is cache.get(result.path, 0) and cache.loads == 1
    assert cache.get(result.path, None).run is None


def test_gguf_reads_back_with_the_names_shapes_values_and_tokens(runs, tmp_path):
    gguf = pytest.importorskip("gguf")
    result = export(runs["bpe"], tmp_path / "g", fmt="gguf")
    tm = load_trained(runs["bpe"])
    reader = gguf.GGUFReader(f"{result.path}/model.gguf")
    tensors = {t.name: np.asarray(t.data) for t in reader.tensors}
    m = tm.config.model
    assert tensors["token_embd.weight"].shape == (m.vocab_size, m.n_embd)
    assert tensors["blk.0.attn_qkv.weight"].shape == (3 * m.n_embd, m.n_embd)  # llama.cpp's ne = (n_embd, 3 n_embd)
    assert tensors["blk.1.ffn_up.weight"].shape == (4 * m.n_embd, m.n_embd)
    assert np.array_equal(tensors["blk.0.attn_qkv.weight"], tm.model.blocks[0].attn.qkv.weight.detach().numpy())
    assert not tensors["blk.0.attn_qkv.bias"].any()  # lmlab's run has no biases; llama.cpp's gpt2 wants zeros
    assert len(tensors) == 4 + 12 * m.n_layer  # embeddings, positions, final norm (weight, bias); no tied output
    field = reader.fields["tokenizer.ggml.tokens"]
    tokens = [bytes(field.parts[i]).decode() for i in field.data]
    vocab = tm.tokenizer.tok.get_vocab()
    assert tokens == sorted(vocab, key=vocab.get) and len(tokens) == m.vocab_size
    arch = reader.fields["general.architecture"]
    assert bytes(arch.parts[arch.data[0]]).decode() == "gpt2"
    # Every tensor is one llama.cpp's gpt2 architecture knows (gguf's own table of names).
    known = {gguf.TENSOR_NAMES[t].format(bid=i) for t in gguf.MODEL_TENSORS[gguf.MODEL_ARCH.GPT2]
             for i in range(m.n_layer)}
    assert {name.rsplit(".", 1)[0] for name in tensors} <= known
    context = reader.fields["gpt2.context_length"]
    assert int(context.parts[context.data[0]][0]) == m.block_size


def test_gguf_of_a_char_run_is_refused_with_a_sentence(runs, tmp_path):
    with pytest.raises(InteropError, match="GGUF export needs a BPE tokenizer"):
        export(runs["char"], tmp_path / "g", fmt="gguf")
    assert not (tmp_path / "g").exists() and list(tmp_path.iterdir()) == []


def test_an_export_stopped_half_way_leaves_no_output_and_the_next_one_succeeds(runs, tmp_path):
    out = tmp_path / "half"
    job = export_run(runs["char"].path, out)
    stages = []
    for ev in job:
        assert isinstance(ev, ExportProgress)
        stages.append(ev.stage)
        if ev.stage == "verify":
            break
    assert list(tmp_path.iterdir())  # the staging folder, hidden beside the output
    job.close()  # the app's abort, or a Ctrl+C, at the next yield
    assert stages == ["load", "weights", "tokenizer", "verify"] and list(tmp_path.iterdir()) == []
    assert export(runs["char"], out).path == str(out)


def test_an_export_never_overwrites_a_folder(runs, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "mine.txt").write_text("keep")
    with pytest.raises(InteropError, match="exists already"):
        export(runs["char"], tmp_path / "taken")
    assert (tmp_path / "taken" / "mine.txt").read_text() == "keep"


@pytest.fixture
def export_copy(exports, tmp_path):
    dst = tmp_path / "copy"
    shutil.copytree(exports["char"][0].path, dst)
    return dst


def test_a_pickle_checkpoint_is_refused_with_a_sentence(export_copy):
    (export_copy / "model.safetensors").unlink()
    (export_copy / "pytorch_model.bin").write_bytes(b"\x80\x04not read")
    with pytest.raises(InteropError, match=r"pytorch_model\.bin, a format that can run code") as e:
        read_hf_folder(export_copy)
    assert "\n" not in str(e.value)


def test_a_missing_config_is_one_sentence(export_copy):
    (export_copy / "config.json").unlink()
    with pytest.raises(InteropError, match="has no config.json"):
        read_hf_folder(export_copy)


def test_an_architecture_lmlab_cannot_run_is_named(export_copy):
    cfg = json.loads((export_copy / "config.json").read_text())
    (export_copy / "config.json").write_text(json.dumps(cfg | {"model_type": "llama",
                                                                "architectures": ["LlamaForCausalLM"]}))
    with pytest.raises(InteropError, match=r"holds a llama model \(LlamaForCausalLM\); lmlab can open only GPT-2"):
        read_hf_folder(export_copy)
    (export_copy / "config.json").write_text(json.dumps(cfg | {"activation_function": "relu"}))
    with pytest.raises(InteropError, match="uses the relu activation"):
        read_hf_folder(export_copy)


def test_a_gpt2_with_its_own_tanh_gelu_and_biases_opens_with_transformers_logits(tmp_path):
    """A GPT-2 as the Hub has them (gelu_new, biases, no lmlab in sight), made by transformers itself."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from lmlab.core.interop.hf import char_tokenizer_json
    from lmlab.core.tokenizers import CharTokenizer

    torch.manual_seed(0)
    tok = CharTokenizer("abcdefgh \n")
    hf = GPT2LMHeadModel(GPT2Config(vocab_size=tok.vocab_size, n_positions=16, n_embd=32, n_layer=2, n_head=4))
    for p in hf.parameters():  # transformers starts biases at zero: make them matter
        torch.nn.init.normal_(p, 0.0, 0.1)
    hf.eval().save_pretrained(tmp_path)
    (tmp_path / "tokenizer.json").write_text(char_tokenizer_json(tok), encoding="utf-8")
    model, tokenizer, cfg = read_hf_folder(tmp_path)
    assert cfg.model.activation == "gelu_tanh" and cfg.model.bias is True
    x = torch.tensor([tokenizer.encode("abc defg\nh")])
    with torch.no_grad():
        assert (model(x)[0] - hf(x).logits).abs().max().item() < 1e-4


def test_transformer_lens_loads_the_export_with_the_same_logits(exports):
    # TransformerLens 3+ (TransformerBridge); not in the test extra: it pulls wandb, datasets and pandas.
    from lmlab.core.attention import attention_maps

    bridge = pytest.importorskip("transformer_lens.model_bridge", reason="transformer-lens is not installed")
    result, tm = exports["bpe"]
    hf_model, tok = hf_load(result.path)
    model = bridge.TransformerBridge.boot_transformers(result.path, hf_model=hf_model, tokenizer=tok, device="cpu")
    ids = tm.tokenizer.encode(ROUND_TRIP)[:32]
    x = torch.tensor([ids])
    with torch.no_grad():
        logits, cache = model.run_with_cache(x)
        assert (logits - tm.model(x)[0]).abs().max().item() < 1e-4
    maps = attention_maps(tm.model, ids)  # (L, H, T, T): what lmlab's Attention panel shows
    for layer in range(tm.config.model.n_layer):
        np.testing.assert_allclose(cache[f"blocks.{layer}.attn.hook_pattern"][0].numpy(), maps[layer], atol=1e-5)


def test_without_transformers_the_export_works_and_says_the_check_was_skipped(runs, tmp_path, monkeypatch):
    from lmlab.core.interop.verify import NOT_INSTALLED
    from lmlab.core.jobs import export as export_job

    monkeypatch.setattr(export_job, "transformers_available", lambda: False)
    result = export(runs["char"], tmp_path / "plain")
    assert result.max_abs_diff is None and result.check == NOT_INSTALLED
    assert NOT_INSTALLED in (tmp_path / "plain" / "README.md").read_text(encoding="utf-8")


def test_a_run_with_biases_and_an_untied_head_exports_and_opens_back(tmp_path):
    from lmlab.core import engine
    from tests.conftest import make_prepared_run, tiny_config

    cfg = tiny_config(max_steps=10).with_changes(model={"bias": True, "tie_embeddings": False})
    run = make_prepared_run(tmp_path / "runs", cfg, text=ROUND_TRIP * 200, name="untied")
    for _ev in engine.train(run):
        pass
    result = export(run, tmp_path / "out")
    assert result.max_abs_diff < 1e-4
    assert json.loads((tmp_path / "out" / "config.json").read_text())["tie_word_embeddings"] is False
    model, _tok, cfg = read_hf_folder(tmp_path / "out")
    assert cfg.model.bias is True and cfg.model.tie_embeddings is False
    tm = load_trained(run)
    x = torch.tensor([tm.tokenizer.encode(ROUND_TRIP)])
    with torch.no_grad():
        assert torch.equal(model(x)[0], tm.model(x)[0])


@pytest.mark.parametrize("fmt", ["hf", "gguf"])
def test_a_modern_recipe_run_is_refused_with_a_sentence_naming_the_options(tmp_path, fmt):
    from lmlab.core import engine
    from tests.conftest import make_prepared_run, tiny_config

    cfg = tiny_config(max_steps=4, checkpoint_every=4, eval_every=4).with_changes(
        model={"rope": True, "qk_norm": True}, data={"tokenizer": "bpe", "vocab_size": 320})
    run = make_prepared_run(tmp_path / "runs", cfg, text=(ROUND_TRIP * 200), name="modern")
    for _ev in engine.train(run):
        pass
    with pytest.raises(InteropError, match=r"rotary positions \(rope\), QK-norm, which GPT-2"):
        export(run, tmp_path / "out", fmt=fmt)
    assert not (tmp_path / "out").exists()
