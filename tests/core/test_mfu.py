"""MFU: the FLOP count against a hand computation, the GPU table, and the measured, cached CPU peak."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from lmlab.core.config import ModelConfig, preset, with_modern
from lmlab.core.device import DeviceInfo, resolve_device
from lmlab.core.mfu import Peak, device_peak, mfu, table_peak
from lmlab.core.model import model_size


def test_flops_per_token_of_the_cpu_preset_by_hand():
    cfg = ModelConfig(n_layer=4, n_head=4, n_embd=128, block_size=64, vocab_size=81)
    # per block: qkv 3d², proj d², MLP up 4d² and down 4d² = 12 d² weights; the head V d; each weight costs
    # 6 FLOPs per token (2 forward, 4 backward); attention scores and values 2 x 2 T d forward per layer, x3
    per_token = 6 * (4 * 12 * 128 * 128 + 81 * 128) + 12 * 4 * 64 * 128
    assert per_token == 5_174_016
    assert model_size(cfg).flops_per_token == per_token
    # the modern options change no matmul: the same count (rotary positions are a table lookup, not a matmul)
    modern = with_modern(preset("cpu")).model
    assert model_size(replace(modern, vocab_size=81)).flops_per_token == per_token


def test_mfu_is_model_flops_over_peak():
    assert mfu(5_174_016, 10_000, Peak(1e11, "x")) == pytest.approx(0.5174016)


def test_known_gpus_come_from_the_table_longest_name_first():
    h100 = table_peak(DeviceInfo("cuda", "NVIDIA H100 80GB HBM3"), "bf16")
    assert h100.flops_per_s == 989e12 and h100.source.startswith("table:")
    assert table_peak(DeviceInfo("cuda", "NVIDIA H100 PCIe"), "bf16").flops_per_s == 756e12
    assert table_peak(DeviceInfo("cuda", "NVIDIA H200"), "fp32").flops_per_s == 494.5e12  # tf32
    assert table_peak(DeviceInfo("cuda", "Some Future GPU"), "bf16") is None
    assert table_peak(DeviceInfo("cpu", "CPU (2 threads)"), "fp32") is None


def test_the_cpu_peak_is_measured_once_then_cached(tmp_path):
    cache = tmp_path / "peaks.json"
    cpu = resolve_device("cpu")
    first = device_peak(cpu, "fp32", cache)
    assert first.source.startswith("measured: 1024² float32 matmul") and first.flops_per_s > 1e8
    again = device_peak(cpu, "fp32", cache)
    assert again.flops_per_s == first.flops_per_s and again.source.endswith("(cached)")
    cache.write_text("not json", encoding="utf-8")  # a damaged cache is measured again, not an error
    assert not device_peak(cpu, "fp32", cache).source.endswith("(cached)")


def test_a_cached_peak_below_what_training_reached_is_measured_again_and_the_highest_kept(tmp_path):
    cache = tmp_path / "peaks.json"
    cpu = resolve_device("cpu")
    real = device_peak(cpu, "fp32", cache)
    key = next(iter(json.loads(cache.read_text(encoding="utf-8"))))
    cache.write_text(json.dumps({key: {"flops_per_s": 1.0, "source": "measured under load"}}), encoding="utf-8")
    assert device_peak(cpu, "fp32", cache).flops_per_s == 1.0  # nothing says it is wrong
    again = device_peak(cpu, "fp32", cache, achieved=1e6)  # training reached 1 MFLOP/s: 1 FLOP/s cannot be the peak
    assert again.flops_per_s > 1e6 and not again.source.endswith("(cached)")
    high = {key: {"flops_per_s": 1e15, "source": "an idle moment"}}
    cache.write_text(json.dumps(high), encoding="utf-8")
    assert device_peak(cpu, "fp32", cache, achieved=1e6).flops_per_s == 1e15  # the highest seen stays
