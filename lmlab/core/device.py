"""Choosing a device and the precision that suits it.

``auto`` picks CUDA, then Apple MPS, then the CPU. On CUDA, bf16 autocast where the
GPU supports it, else fp16 with a gradient scaler; MPS has no GradScaler, so it
trains in fp32; the CPU trains in fp32 unless bf16 is asked for.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import torch

from .errors import ConfigError, user_text


@dataclass(frozen=True)
class DeviceInfo:
    kind: str  # cuda | mps | cpu
    name: str  # human name: "NVIDIA H200", "Apple MPS", "CPU (8 threads)"
    index: int = 0

    @property
    def torch_device(self) -> torch.device:
        return torch.device(f"cuda:{self.index}" if self.kind == "cuda" else self.kind)


def mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps and mps.is_available())


def available_devices() -> list[DeviceInfo]:
    """Every device lmlab can train on, best first (for the device menu)."""
    out = []
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            out.append(DeviceInfo("cuda", torch.cuda.get_device_name(i), i))
    if mps_available():
        out.append(DeviceInfo("mps", "Apple MPS"))
    threads = torch.get_num_threads()
    out.append(DeviceInfo("cpu", user_text("CPU (1 thread)") if threads == 1 else
                          user_text("CPU ({threads} threads)", threads=threads)))
    return out


def resolve_device(name: str) -> DeviceInfo:
    """``auto`` | ``cpu`` | ``cuda`` | ``cuda:N`` | ``mps`` -> a DeviceInfo, or a ConfigError saying why not."""
    if name == "auto":
        return available_devices()[0]
    if name == "cpu":
        return available_devices()[-1]
    if name.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ConfigError("CUDA was asked for, but no CUDA GPU is available; use --device cpu or auto.", "device")
        idx = int(name.split(":", 1)[1]) if ":" in name else 0
        if idx >= torch.cuda.device_count():
            raise ConfigError("There is no CUDA device {idx}.", "device", idx=idx)
        return DeviceInfo("cuda", torch.cuda.get_device_name(idx), idx)
    if name == "mps":
        if not mps_available():
            raise ConfigError("Apple MPS was asked for, but it is not available here.", "device")
        return DeviceInfo("mps", "Apple MPS")
    raise ConfigError("Unknown device {name!r}; use auto, cpu, cuda or mps.", "device", name=name)


@dataclass(frozen=True)
class Precision:
    name: str  # fp32 | bf16 | fp16
    dtype: torch.dtype | None  # autocast dtype, None for fp32
    use_scaler: bool

    def autocast(self, device: DeviceInfo):
        if self.dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(device.kind, dtype=self.dtype)


def resolve_precision(name: str, device: DeviceInfo) -> Precision:
    if name == "auto":
        if device.kind == "cuda":
            name = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        else:
            name = "fp32"
    if name == "fp32":
        return Precision("fp32", None, False)
    if name == "bf16":
        if device.kind == "cuda" and not torch.cuda.is_bf16_supported():
            raise ConfigError("This GPU does not support bf16; use fp16 or auto.", "precision")
        return Precision("bf16", torch.bfloat16, False)
    if name == "fp16":
        if device.kind == "cpu":
            raise ConfigError("fp16 training is for GPUs; on the CPU use fp32 or bf16.", "precision")
        if device.kind == "mps":
            raise ConfigError("Apple MPS has no gradient scaler for fp16 training; use fp32.", "precision")
        return Precision("fp16", torch.float16, True)
    raise ConfigError("Unknown precision {name!r}.", "precision", name=name)


def synchronize(device: DeviceInfo) -> None:
    if device.kind == "cuda":
        torch.cuda.synchronize(device.index)
    elif device.kind == "mps":
        torch.mps.synchronize()


def release_memory(device: DeviceInfo) -> None:
    """Give cached GPU memory back after a run (or an out-of-memory error)."""
    import gc
    import threading

    if threading.current_thread() is threading.main_thread():
        gc.collect()  # off the main thread it could free GUI objects there; the GUI collects on its own thread
    if device.kind == "cuda":
        torch.cuda.empty_cache()
    elif device.kind == "mps":
        torch.mps.empty_cache()


def is_out_of_memory(e: BaseException) -> bool:
    if isinstance(e, torch.OutOfMemoryError):
        return True
    msg = str(e).lower()
    return isinstance(e, RuntimeError) and (
        "out of memory" in msg or "can't allocate memory" in msg  # CUDA/MPS, and the CPU allocator
    )
