"""Learning instruments on real tiny models and runs: per-token loss, logit lens, timeline, phase markers."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lmlab.core.attention_files import load_snapshot_scores, load_snapshots, save_snapshot
from lmlab.core.attention_phases import PHASE_THRESHOLDS, best_scores, phase_markers, scores_of
from lmlab.core.config import ModelConfig
from lmlab.core.engine import Control, EvalMetrics, InstrumentsRecorded, StepMetrics, train
from lmlab.core.instruments.logit_lens import lens_logits, logit_lens, residual_stream
from lmlab.core.instruments.per_token import hardest_tokens, loss_change, token_losses
from lmlab.core.instruments.record import load_probe_records
from lmlab.core.instruments.timeline import DEFAULT_PROMPTS, load_timeline, save_prompts
from lmlab.core.loading import evaluate_text_loss, load_trained
from lmlab.core.model import GPT
from tests.conftest import make_prepared_run, tiny_config


def _model(seed: int = 0) -> GPT:
    torch.manual_seed(seed)
    return GPT(ModelConfig(n_layer=3, n_head=2, n_embd=32, block_size=24, vocab_size=17)).eval()


def test_per_token_losses_sum_to_the_models_loss():
    model = _model()
    ids = torch.randint(0, 17, (25,), generator=torch.Generator().manual_seed(1))
    tl = token_losses(model, ids)
    with torch.no_grad():
        _, loss = model(ids[None, :-1], ids[None, 1:])
    assert tl.losses.shape == (24,) and tl.top_ids.shape == (24, 5)
    assert float(tl.losses.sum()) == pytest.approx(float(loss) * 24, rel=1e-5)
    assert tl.mean == pytest.approx(float(loss), rel=1e-5)
    assert np.allclose(tl.probs, np.exp(-tl.losses), rtol=1e-5)
    # the top alternatives are sorted and the true token's probability is among the distribution's
    assert (np.diff(tl.top_probs, axis=1) <= 0).all() and (tl.top_probs[:, 0] >= tl.probs - 1e-6).all()
    assert loss_change(tl, tl).tolist() == [0.0] * 24


def test_logit_lens_last_layer_is_the_models_output():
    model = _model(2)
    ids = torch.randint(0, 17, (20,), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        stream, logits = residual_stream(model, ids[None])
        rows = lens_logits(model, stream)
    assert len(stream) == model.cfg.n_layer + 1
    assert torch.equal(rows[-1], logits)  # the last row is exactly what the model outputs
    assert not torch.allclose(rows[0], logits)  # and the embeddings alone say something else
    lens = logit_lens(model, ids)
    assert lens.top_ids.shape == (4, 20) and lens.target_probs.shape == (4, 19)
    assert lens.top_ids[-1].tolist() == logits[0].argmax(-1).tolist()
    probs = logits[0].softmax(-1)
    assert np.allclose(lens.target_probs[-1], probs[torch.arange(19), ids[1:]].numpy(), atol=1e-6)
    win = lens.first_win
    for i, row in enumerate(win):
        hits = [r for r in range(4) if lens.top_ids[r, i] == ids[i + 1]]
        assert row == (hits[0] if hits else -1)


def test_hardest_tokens_are_mean_losses_by_token_type():
    model = _model(4)
    tokens = np.random.default_rng(5).integers(0, 17, size=24 * 3 + 1)
    hard = hardest_tokens(model, tokens, n=50, min_count=1)
    losses = np.concatenate([token_losses(model, tokens[b * 24 : b * 24 + 25]).losses for b in range(3)])
    targets = np.concatenate([tokens[b * 24 + 1 : b * 24 + 25] for b in range(3)])
    assert [h.mean_loss for h in hard] == sorted((h.mean_loss for h in hard), reverse=True)
    for h in hard:
        assert h.count == int((targets == h.id).sum())
        assert h.mean_loss == pytest.approx(float(losses[targets == h.id].mean()), rel=1e-4)


def test_training_records_instruments_at_every_evaluation(tmp_path):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=20, eval_every=10, checkpoint_every=10))
    events = list(train(run))
    kinds = [type(e).__name__ for e in events if isinstance(e, (EvalMetrics, InstrumentsRecorded))]
    assert kinds == ["EvalMetrics", "InstrumentsRecorded"] * 2
    recorded = [e for e in events if isinstance(e, InstrumentsRecorded)]
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert [e.step for e in recorded] == [10, 20]
    assert [e.val_loss for e in recorded] == [e.val_loss for e in evals]
    assert all(len(e.samples) == len(DEFAULT_PROMPTS) for e in recorded)
    records = load_probe_records(run.path)
    assert [r.step for r in records] == [10, 20]
    # the stored per-token losses are the checkpoint's own loss on the probe
    tm = load_trained(run, 20)
    probe = records[-1].losses.ids.tolist()
    assert records[-1].losses.mean == pytest.approx(evaluate_text_loss(tm, probe), rel=1e-5)
    assert recorded[-1].probe_loss == pytest.approx(records[-1].losses.mean)
    assert records[-1].lens.top_ids.shape == (tm.config.model.n_layer + 1, len(probe))
    timeline = load_timeline(run.path)
    assert timeline.steps == [10, 20] and timeline.entries[0].prompts == DEFAULT_PROMPTS
    assert timeline.entries[1].samples == recorded[1].samples


def test_sample_timeline_is_identical_across_a_resume(tmp_path):
    cfg = tiny_config(max_steps=24, eval_every=6, checkpoint_every=10)
    full = make_prepared_run(tmp_path / "a", cfg)
    save_prompts(full.path, ["Speak", "All:\n"])
    list(train(full))
    expected = load_timeline(full.path).entries

    split = make_prepared_run(tmp_path / "b", cfg)
    save_prompts(split.path, ["Speak", "All:\n"])
    for ev in train(split, Control()):
        if isinstance(ev, StepMetrics) and ev.step == 14:
            break  # killed after the evaluation at 12, with its checkpoint at 10: 12 is recorded again
    assert load_timeline(split.path).steps == [6, 12]
    list(train(split))
    got = load_timeline(split.path).entries
    assert [e.step for e in got] == [6, 12, 18, 24]
    assert got == expected
    assert expected[0].samples != expected[-1].samples  # the samples do change as it learns
    assert [r.step for r in load_probe_records(split.path)] == [6, 12, 18, 24]


def _snap(step, values):
    return {"induction": np.array([[0.0, values[0]], [values[1], 0.0]], dtype=np.float32),
            "previous_token": np.full((2, 2), 0.1, dtype=np.float32),
            "first_token": np.full((2, 2), 0.6, dtype=np.float32)}


def test_phase_markers_appear_at_the_step_the_score_crosses(tmp_path):
    steps = [100, 200, 300, 400]
    induction = [(0.05, 0.1), (0.1, 0.25), (0.2, 0.45), (0.1, 0.7)]  # layer 1 head 0 crosses 0.3 at 300
    for step, values in zip(steps, induction):
        save_snapshot(tmp_path, step, np.zeros((2, 2, 4, 4)), _snap(step, values))
    snaps = scores_of(load_snapshots(tmp_path))
    assert [(s, load_snapshot_scores(tmp_path, s)["induction"].tolist()) for s in steps] == [
        (s, sc["induction"].tolist()) for s, sc in snaps]
    markers = {m.score: m for m in phase_markers(snaps)}
    assert markers["induction"].step == 300
    assert (markers["induction"].layer, markers["induction"].head) == (1, 0)
    assert markers["induction"].value == pytest.approx(0.45)
    assert markers["first_token"].step == 100  # above its threshold from the first evaluation
    assert "previous_token" not in markers  # never reached 0.5
    hist = best_scores(snaps)
    assert hist.steps.tolist() == steps
    assert hist.best["induction"] == pytest.approx([0.1, 0.25, 0.45, 0.7])
    # a higher threshold moves the marker to the later step
    later = phase_markers(snaps, {**PHASE_THRESHOLDS, "induction": 0.5})
    assert [m.step for m in later if m.score == "induction"] == [400]


def test_update_to_weight_ratio_per_layer_is_recorded(tmp_path):
    from lmlab.core.instruments.health import UpdateTracker, layer_groups

    model = _model(6)
    groups = layer_groups(model)
    assert list(groups) == ["embed", "layer 1", "layer 2", "layer 3", "head"]
    assert sum(p.numel() for ps in groups.values() for p in ps) == sum(p.numel() for p in model.parameters())
    tracker = UpdateTracker()
    assert tracker.measure(model) is None
    w = model.blocks[1].mlp.up.weight
    before = w.detach().clone()
    with torch.no_grad():
        w.mul_(1.1)  # only layer 2 moves
    ratios = tracker.measure(model)
    with torch.no_grad():
        norm = sum(float(p.pow(2).sum()) for p in model.blocks[1].parameters()) ** 0.5
        assert ratios["layer 2"] == pytest.approx(float((w - before).norm()) / norm, rel=1e-5)
    assert ratios["layer 1"] == ratios["layer 3"] == ratios["embed"] == ratios["head"] == 0.0
    run = make_prepared_run(tmp_path, tiny_config(max_steps=20, eval_every=10))
    list(train(run))
    first, second = load_probe_records(run.path)
    assert first.update_ratio == {}  # nothing to compare with at the first evaluation
    assert set(second.update_ratio) == {"embed", "layer 1", "layer 2", "head"}
    assert all(0 < r < 1 for r in second.update_ratio.values())


def test_per_layer_gradient_norms_on_the_probe_leave_training_untouched(tmp_path):
    from lmlab.core.instruments.health import layer_grad_norms

    model = _model(7).train()
    ids = list(range(17)) + list(range(8))
    norms = layer_grad_norms(model, ids)
    assert model.training and all(p.grad is None for p in model.parameters())
    model.zero_grad()
    model.eval()
    _, loss = model(torch.tensor([ids[:-1]]), torch.tensor([ids[1:]]))
    loss.backward()
    expected = sum(float(p.grad.pow(2).sum()) for p in model.blocks[0].parameters()) ** 0.5
    assert norms["layer 1"] == pytest.approx(expected, rel=1e-5)
    assert set(norms) == {"embed", "layer 1", "layer 2", "layer 3", "head"} and all(v > 0 for v in norms.values())
    run = make_prepared_run(tmp_path, tiny_config(max_steps=10, eval_every=10))
    list(train(run))
    assert set(load_probe_records(run.path)[0].grad_norm) == {"embed", "layer 1", "layer 2", "head"}
