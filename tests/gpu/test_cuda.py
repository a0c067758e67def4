"""Checks that need a CUDA GPU. They run where one exists (the device check in
docs/benchmarks.md records a run on an H200) and are skipped on CPU-only machines."""

from __future__ import annotations

import pytest
import torch

from lmlab.core.engine import Control, EvalMetrics, Finished, Started, StepMetrics, train
from lmlab.core.generate import SamplingOptions, generate
from lmlab.core.loading import load_trained
from tests.conftest import make_prepared_run, tiny_config
from tests.distributed.equivalence import assert_same_losses, step_losses

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


def test_cuda_run_uses_bf16_autocast_and_loss_falls(tmp_path):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=60, eval_every=30, device="cuda"))
    events = list(train(run))
    start = events[0]
    assert isinstance(start, Started) and start.device == "cuda"
    assert start.precision == ("bf16" if torch.cuda.is_bf16_supported() else "fp16")
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert isinstance(events[-1], Finished) and events[-1].status == "finished"
    assert evals[-1].val_loss < evals[0].val_loss


def test_fp16_with_grad_scaler_resumes_to_the_uninterrupted_losses(tmp_path):
    """fp16 with a loss scaler, stopped at step 8 and resumed: the losses of the run never stopped, and
    the scaler (scale and growth tracker) where that run's is, so the scaler came back with the checkpoint."""
    cfg = tiny_config(max_steps=20, device="cuda", precision="fp16")
    whole = make_prepared_run(tmp_path / "whole", cfg)
    assert list(train(whole))[-1].status == "finished"
    run = make_prepared_run(tmp_path / "parts", cfg)
    control = Control()
    for ev in train(run, control):
        if isinstance(ev, StepMetrics) and ev.step == 8:
            control.stop()
    stopped = run.latest_checkpoint()
    assert stopped.step == 8 and stopped.load_state()["scaler"]["scale"] > 0
    again = list(train(run))
    assert again[0].start_step == 8 and again[-1].status == "finished"
    expected, got = step_losses(whole), step_losses(run)
    assert sorted(got) == list(range(1, 21))
    # The same kernels on the same GPU; 1e-3 leaves room for reductions CUDA orders freely (atomics in
    # some backward kernels), far below what a lost optimizer, sampler or scaler state does.
    assert_same_losses(expected, got, 1e-3)
    assert run.latest_checkpoint().load_state()["scaler"] == whole.latest_checkpoint().load_state()["scaler"]


def test_gpu_generation_cached_equals_uncached(tmp_path):
    run = make_prepared_run(tmp_path, tiny_config(max_steps=30, device="cuda"))
    list(train(run))
    tm = load_trained(run, device="cuda")
    texts = []
    for cache in (True, False):
        opts = SamplingOptions(greedy=True, max_new_tokens=80, use_cache=cache)
        texts.append("".join(t.text for t in generate(tm.model, tm.tokenizer, "First", opts)))
    assert texts[0] == texts[1]


def test_real_out_of_memory_is_caught_and_memory_released(tmp_path):
    # A shape far beyond the GPU's memory: ~100 billion parameters (400 GB in fp32).
    cfg = tiny_config(max_steps=2, device="cuda").with_changes(
        model={"block_size": 32, "n_layer": 8, "n_head": 1, "n_embd": 32768})
    run = make_prepared_run(tmp_path, cfg)
    before = torch.cuda.memory_allocated()
    end = list(train(run))[-1]
    assert end.status == "failed" and "Out of memory" in end.reason
    assert torch.cuda.memory_allocated() <= before + (1 << 20)
