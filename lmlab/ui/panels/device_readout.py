"""The Training panel's device readout: how the next run will execute on this machine, and why.

It asks the same functions the engine and the app ask (``core.speed_choice.resolve`` for compiled or
eager and the precision, ``child_threads`` / ``app_threads`` for torch's threads), so what it says is
what a run does.
Also the *Compile* choice itself (Auto / On / Off), which the readout explains.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel

from ...core.config import ConfigError, RunConfig
from ...core.device import resolve_device, resolve_precision
from ...core.speed_choice import app_threads, child_threads, resolve
from ..i18n import core_text, error_text
from .common import compact_combo, hint_label, name_widget


def compile_combo() -> QComboBox:
    """Auto (the measured choice) / On / Off, with the config's values as item data."""
    combo = name_widget(QComboBox(), "compileCombo", QCoreApplication.translate("DeviceReadout", "Compile the model"),
                        QCoreApplication.translate(
                            "DeviceReadout", "torch.compile: Auto compiles where `lmlab bench --choose` measured it "
                            "faster on this device and shape; On always (a slow first step); Off never."))
    for key, label in (("auto", QCoreApplication.translate("DeviceReadout", "Auto (measured)")),
                       ("on", QCoreApplication.translate("DeviceReadout", "On")),
                       ("off", QCoreApplication.translate("DeviceReadout", "Off"))):
        combo.addItem(label, key)
    compact_combo(combo, 10)
    return combo


def show_compile(combo: QComboBox, value: str) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(max(0, combo.findData(value)))
    combo.blockSignals(False)


class DeviceReadout:
    """A muted label: "Eager, fp32: not measured ...", "Torch threads: 1, ...", from the run's settings."""

    def __init__(self):
        self.label: QLabel = hint_label(object_name="deviceReadout")

    def text_for(self, cfg: RunConfig, own_process: bool = True) -> str:
        """``own_process``: the app trains the run in a child process of its own (its setting)."""
        t = cfg.train
        try:
            device = resolve_device(t.device)
            speed = resolve(cfg, device)
            precision = resolve_precision(speed.precision, device).name
        except ConfigError as e:
            return error_text(e)
        how = {"compiled": QCoreApplication.translate("DeviceReadout", "Compiled"),
               "eager": QCoreApplication.translate("DeviceReadout", "Eager"),
               "bf16": QCoreApplication.translate("DeviceReadout", "Eager with bf16 autocast")}[speed.name]
        lines = [QCoreApplication.translate("DeviceReadout", "{0}, {1}: {2}.").format(how, precision, core_text(speed.why))]
        if device.kind == "cpu":
            if t.threads:
                lines.append(QCoreApplication.translate(
                    "DeviceReadout", "Torch threads: {0}, set in the run's settings.").format(t.threads))
            else:
                n, why = child_threads() if own_process else app_threads()
                lines.append(QCoreApplication.translate("DeviceReadout", "Torch threads: {0}, {1}.").format(n, core_text(why)))
        if own_process:
            lines.append(QCoreApplication.translate(
                "DeviceReadout", "Trains in a process of its own, which the window does not slow (Run ▸ Train in a "
                "separate process)."))
        return "\n".join(lines)

    def show_config(self, cfg: RunConfig, own_process: bool = True) -> None:
        text = self.text_for(cfg, own_process)
        if self.label.text() != text:  # a re-layout only when it changes (it would repaint the plots)
            self.label.setText(text)
