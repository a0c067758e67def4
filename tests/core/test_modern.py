"""The modern recipe: options off for old runs, the Muon + AdamW split, its state, and real training with it."""

from __future__ import annotations

import copy
import json

import pytest
import torch

from lmlab.core.config import MODERN, MODERN_MODEL, PRESETS, ModelConfig, RunConfig, TrainConfig, preset, validate, with_option
from lmlab.core.device import resolve_device
from lmlab.core.engine import StepMetrics, train
from lmlab.core.model import GPT
from lmlab.core.optim import SmallMuon, build_optimizer, orthogonalize
from tests.conftest import make_prepared_run, tiny_config


def test_an_old_config_json_loads_with_every_option_off(tmp_path):
    old = RunConfig().to_dict()
    for key in ("rope", "qk_norm", "relu_squared", "zero_init_proj", "logit_softcap"):
        del old["model"][key]
    for key in ("optimizer", "muon_lr"):
        del old["train"][key]
    cfg = RunConfig.from_dict(json.loads(json.dumps(old)))
    m, t = cfg.model, cfg.train
    assert not (m.rope or m.qk_norm or m.relu_squared or m.zero_init_proj) and m.tie_embeddings
    assert m.logit_softcap == 0.0 and t.optimizer == "adamw"


def test_classic_presets_are_unchanged_and_modern_is_the_cpu_shape_with_the_recipe():
    for name in ("tiny", "small", "medium", "cpu", "shakespeare"):
        assert PRESETS[name].model == ModelConfig(**{k: getattr(PRESETS[name].model, k) for k in (
            "n_layer", "n_head", "n_embd", "block_size", "dropout")})
        assert PRESETS[name].train.optimizer == "adamw"
    modern, cpu = preset("modern"), preset("cpu")
    assert modern.model.rope and modern.model.qk_norm and not modern.model.tie_embeddings
    assert modern.train.optimizer == "muon"
    assert modern.model.n_layer == cpu.model.n_layer and modern.train.batch_size == cpu.train.batch_size


def test_impossible_modern_settings_name_their_field():
    fields = {e.field for e in validate(RunConfig(
        model=ModelConfig(n_embd=30, n_head=2, rope=True, logit_softcap=-1.0),
        train=TrainConfig(optimizer="sgd", muon_lr=0.0)))}
    assert {"rope", "logit_softcap", "optimizer", "muon_lr"} <= fields


def _model(**opts) -> GPT:
    torch.manual_seed(0)
    return GPT(ModelConfig(n_layer=2, n_head=2, n_embd=16, block_size=8, vocab_size=11, **opts))


def test_muon_takes_the_hidden_matrices_and_adamw_everything_else_once():
    model = _model(tie_embeddings=False)
    opt = build_optimizer(model, TrainConfig(optimizer="muon"), resolve_device("cpu"))
    assert opt.names == ["muon", "adamw"]
    muon, adamw = (p for _, o, _ in opt.parts for p in [[q for g in o.param_groups for q in g["params"]]])
    assert {id(p) for p in muon} == {id(p) for p in model.hidden_matrices()}
    assert len(muon) == 2 * 4  # qkv, proj, up, down per block
    assert {id(p) for p in muon + adamw} == {id(p) for p in model.parameters()}
    assert not {id(p) for p in muon} & {id(p) for p in adamw}
    assert {id(model.head.weight), id(model.tok_emb.weight)} <= {id(p) for p in adamw}
    opt.set_lr(1e-3)  # the schedule's AdamW rate; Muon follows it at muon_lr / learning_rate
    assert [g["lr"] for g in opt.parts[0][1].param_groups] == [pytest.approx(0.02)]


def test_the_optimizer_set_state_round_trips_and_adamw_alone_keeps_adamws_format():
    def stepped(optimizer):
        model = _model()
        opt = build_optimizer(model, TrainConfig(optimizer=optimizer), resolve_device("cpu"))
        for _ in range(2):
            model(torch.randint(0, 11, (2, 8)), torch.randint(0, 11, (2, 8)))[1].backward()
            opt.step()
            opt.zero_grad()
        return model, opt

    model, opt = stepped("adamw")
    assert opt.state_dict()["param_groups"] == opt.parts[0][1].state_dict()["param_groups"]
    _, muon = stepped("muon")
    _, fresh = stepped("muon")
    fresh.load_state_dict(copy.deepcopy(muon.state_dict()))
    for (_, a, _), (_, b, _) in zip(muon.parts, fresh.parts):
        assert a.param_groups[0]["lr"] == b.param_groups[0]["lr"]
        for pa, pb in zip((p for g in a.param_groups for p in g["params"]), (p for g in b.param_groups for p in g["params"])):
            assert a.state[pa].keys() == b.state[pb].keys()
            for k, v in a.state[pa].items():
                torch.testing.assert_close(b.state[pb][k], v)


@pytest.mark.skipif(not hasattr(torch.optim, "Muon"), reason="this torch has no torch.optim.Muon to compare with")
def test_the_small_muon_matches_pytorchs():
    torch.manual_seed(3)
    w1 = torch.randn(24, 8, requires_grad=True)
    w2 = w1.detach().clone().requires_grad_(True)
    ours, theirs = SmallMuon([w1], lr=0.02), torch.optim.Muon([w2], lr=0.02, weight_decay=0.0)
    for _ in range(3):
        g = torch.randn(24, 8)
        w1.grad, w2.grad = g.clone(), g.clone()
        ours.step()
        theirs.step()
    torch.testing.assert_close(w1, w2)


def test_orthogonalize_brings_singular_values_near_one():
    s = torch.linalg.svdvals(orthogonalize(torch.randn(48, 16) @ torch.diag(torch.logspace(-1, 1, 16))).float())
    assert 0.3 < s.min() and s.max() < 1.6  # the input spans 100x; Newton-Schulz squeezes it towards 1


def test_the_modern_recipe_trains_a_real_run(tmp_path):
    cfg = tiny_config(max_steps=40, eval_every=40, log_every=10, optimizer="muon").with_changes(model=MODERN_MODEL)
    run = make_prepared_run(tmp_path, cfg)
    events = list(train(run))
    assert events[-1].status == "finished", events[-1].reason
    losses = [e.loss for e in events if isinstance(e, StepMetrics)]
    assert losses[-1] < losses[0] - 0.5
    # the checkpoint reloads into the same architecture (no position table, its own head) and generates
    from lmlab.core.generate import SamplingOptions, generate
    from lmlab.core.loading import load_trained

    tm = load_trained(run)
    assert tm.model.cfg.rope and "pos_emb.weight" not in tm.model.state_dict() and not tm.model.cfg.tie_embeddings
    assert len(list(generate(tm.model, tm.tokenizer, "First", SamplingOptions(max_new_tokens=10, seed=1)))) == 10


def test_modern_flag_turns_the_recipe_on_over_any_preset_and_explicit_options_still_win():
    from lmlab.cli import build_parser
    from lmlab.cli_config import build_config

    cfg = build_config(build_parser().parse_args(["train", "--preset", "tiny", "--modern", "--layers", "3"]))
    assert cfg.model.rope and cfg.model.logit_softcap == 15.0 and cfg.train.optimizer == "muon"
    assert cfg.model.n_layer == 3 and cfg.model.n_embd == preset("tiny").model.n_embd
    plain = build_config(build_parser().parse_args(["train", "--preset", "tiny"]))
    assert plain == preset("tiny")


def _compile_problem() -> str:
    """Why torch.compile cannot run here ("" when it can): the inductor C++ backend needs a compiler."""
    try:
        torch.compile(lambda x: x * 2)(torch.ones(2))
    except Exception as e:  # noqa: BLE001 - any failure means "skip", with its reason
        return f"torch.compile is unavailable here: {type(e).__name__}: {e}"
    return ""


@pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning")
@pytest.mark.parametrize("option", ["", MODERN])
def test_compiled_and_eager_training_give_the_same_loss_curve(tmp_path, option):
    problem = _compile_problem()
    if problem:
        pytest.skip(problem)
    cfg = with_option(tiny_config(max_steps=50, eval_every=50, log_every=5, checkpoint_every=50), option)
    curves = []
    for compiled in ("off", "on"):
        events = list(train(make_prepared_run(tmp_path / compiled, cfg.with_changes(train={"compile": compiled}))))
        assert events[-1].status == "finished", events[-1].reason
        curves.append([e.loss for e in events if isinstance(e, StepMetrics)])
    assert len(curves[0]) == 10
    assert curves[1] == pytest.approx(curves[0], abs=5e-3)
