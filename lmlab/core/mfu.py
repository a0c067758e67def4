"""Model FLOPs utilisation: the share of the device's peak that training turns into model FLOPs.

MFU = FLOPs per token (``model_size``: 6 N over the matmul weights + 12 L T d for attention, the
PaLM paper's accounting) × tokens/s ÷ peak FLOP/s. The peak comes from a small table of known
GPUs (dense tensor-core figures from the vendors' data sheets), else it is measured: the best
rate of a large matmul in the training precision, at the current thread count, cached per
device, precision, thread count and torch version so a second ``lmlab bench`` does not pay it.

Example: the cpu preset (4 x 128, context 64, vocab 81) needs 6 x (4 x 12 x 128² + 81 x 128)
+ 12 x 4 x 64 x 128 = 5,174,016 FLOPs per token; at 10,000 tokens/s on a CPU with a measured
peak of 100 GFLOP/s that is an MFU of 52 %.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from .device import DeviceInfo, synchronize

# Dense peak FLOP/s (no sparsity) by GPU name fragment: (bf16/fp16 tensor cores, tf32 tensor cores).
# Longer fragments first, so "H100 PCIe" wins over "H100". Sources: NVIDIA data sheets.
GPU_PEAKS: dict[str, tuple[float, float]] = {
    "H200": (989e12, 494.5e12),
    "H100 PCIe": (756e12, 378e12),
    "H100": (989e12, 494.5e12),  # SXM
    "A100": (312e12, 156e12),
    "L40S": (362e12, 183e12),
    "L4": (121e12, 60e12),
    "A10G": (70e12, 35e12),
    "A10": (125e12, 62.5e12),
    "RTX 4090": (165e12, 82.6e12),
    "RTX 3090": (71e12, 35.6e12),
    "V100": (125e12, 15.7e12),  # no bf16 or tf32 tensor cores: fp16 / plain fp32
    "T4": (65e12, 8.1e12),
}


@dataclass(frozen=True)
class Peak:
    flops_per_s: float
    source: str  # "table: NVIDIA H100 80GB HBM3 bf16" | "measured: 2048² fp32 matmul, 1 thread(s)"


def table_peak(device: DeviceInfo, precision: str) -> Peak | None:
    """The data-sheet peak of a known GPU in ``precision`` (fp32 counts as tf32, which lmlab enables)."""
    if device.kind != "cuda":
        return None
    for fragment in sorted(GPU_PEAKS, key=len, reverse=True):
        if fragment in device.name:
            half, tf32 = GPU_PEAKS[fragment]
            return Peak(half if precision in ("bf16", "fp16") else tf32, f"table: {device.name} {precision}")
    return None


def measure_matmul_peak(device: DeviceInfo, precision: str, n: int = 1024, repeat: int = 8) -> Peak:
    """The best FLOP/s of ``repeat`` (n x n) @ (n x n) matmuls in the training precision on ``device``."""
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision, torch.float32)
    if device.kind == "cpu" and dtype == torch.float16:
        dtype = torch.float32
    a = torch.randn(n, n, device=device.torch_device).to(dtype)
    b = torch.randn(n, n, device=device.torch_device).to(dtype)
    a @ b  # warm up (allocator, kernels)
    best = float("inf")
    for _ in range(repeat):
        synchronize(device)
        t0 = time.perf_counter()
        a @ b
        synchronize(device)
        best = min(best, time.perf_counter() - t0)
    name = str(dtype).removeprefix("torch.")
    return Peak(2 * n**3 / best, f"measured: {n}² {name} matmul, {torch.get_num_threads()} thread(s)")


def default_cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("lmlab", appauthor=False)) / "matmul_peaks.json"


def device_peak(device: DeviceInfo, precision: str, cache_file: Path | None = None, achieved: float = 0.0) -> Peak:
    """The table's peak for a known GPU, else a measured one (read from / written to ``cache_file``).

    A peak is a maximum and other work on the machine only lowers a measurement, so the cache keeps
    the highest one seen; a cached peak below ``achieved`` (the FLOP/s training just reached, which
    it cannot be) is measured again.
    """
    known = table_peak(device, precision)
    if known is not None:
        return known
    path = cache_file or default_cache_file()
    key = f"{device.kind}|{device.name}|{precision}|{torch.get_num_threads()}|{torch.__version__}"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = {}
    table = cached if isinstance(cached, dict) else {}
    old = table.get(key)
    if isinstance(old, dict) and float(old["flops_per_s"]) >= achieved:
        return Peak(float(old["flops_per_s"]), str(old["source"]) + " (cached)")
    peak = measure_matmul_peak(device, precision)
    if isinstance(old, dict) and float(old["flops_per_s"]) > peak.flops_per_s:
        peak = Peak(float(old["flops_per_s"]), str(old["source"]))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(table | {key: {"flops_per_s": peak.flops_per_s, "source": peak.source}}),
                        encoding="utf-8")
    except OSError:
        pass  # a read-only cache only costs the next bench a measurement
    return peak


def mfu(flops_per_token: float, tokens_per_s: float, peak: Peak) -> float:
    """Model FLOPs utilisation, 0..1 (can exceed 1 only if the peak is wrong)."""
    return flops_per_token * tokens_per_s / peak.flops_per_s
