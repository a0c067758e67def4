"""The Model panel's *Architecture* group: one checkbox per option of the modern recipe.

Each box shows the option's name, a one-line explanation beneath it and a longer tooltip;
toggling it edits the session's config (``Session.update``), and the boxes redraw from
``configChanged`` so presets and loaded runs show their options.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout

from ...core.config import MODERN_MODEL, RunConfig
from ..session import Session
from .common import hint_label, name_widget


@dataclass(frozen=True)
class ArchOption:
    key: str  # objectName stem
    label: str
    hint: str  # the one line shown under the box
    tooltip: str
    is_on: Callable[[RunConfig], bool]
    change: Callable[[bool], dict]  # on/off -> Session.update(**sections)


def _flag(key: str, field: str, label: str, hint: str, tooltip: str) -> ArchOption:
    """An option that is one boolean field of ModelConfig."""
    return ArchOption(key, label, hint, tooltip, lambda c: getattr(c.model, field), lambda on: {"model": {field: on}})


def arch_options() -> list[ArchOption]:
    """The options, in the order the group shows them (strings translated at call time)."""
    cap = MODERN_MODEL["logit_softcap"]
    return [
        _flag("rope", "rope", QCoreApplication.translate("ArchitectureGroup", "Rotary positions (RoPE)"), QCoreApplication.translate("ArchitectureGroup", "Queries and keys rotate by their position."),
              QCoreApplication.translate("ArchitectureGroup", "Replaces the learned position table: attention sees relative offsets between tokens.")),
        _flag("qkNorm", "qk_norm", QCoreApplication.translate("ArchitectureGroup", "QK-norm"), QCoreApplication.translate("ArchitectureGroup", "Normalise queries and keys before attention."),
              QCoreApplication.translate("ArchitectureGroup", "Keeps attention logits bounded, so training tolerates larger learning rates.")),
        _flag("reluSquared", "relu_squared", QCoreApplication.translate("ArchitectureGroup", "ReLU² MLP"), QCoreApplication.translate("ArchitectureGroup", "relu(x)² instead of GELU in the MLP."),
              QCoreApplication.translate("ArchitectureGroup", "Cheaper and sparser than GELU, and trains a little faster (Primer, 2021).")),
        _flag("zeroInit", "zero_init_proj", QCoreApplication.translate("ArchitectureGroup", "Zero-initialised projections"),
              QCoreApplication.translate("ArchitectureGroup", "Each block starts as the identity."),
              QCoreApplication.translate("ArchitectureGroup", "The output projections of attention and MLP start at zero; training switches depth on.")),
        ArchOption("untiedHead", QCoreApplication.translate("ArchitectureGroup", "Untied head"), QCoreApplication.translate("ArchitectureGroup", "The output layer has its own weights."),
                   QCoreApplication.translate("ArchitectureGroup", "GPT-2 reuses the input embedding as the output layer; untying costs parameters but "
                       "lets each specialise."),
                   lambda c: not c.model.tie_embeddings, lambda on: {"model": {"tie_embeddings": not on}}),
        ArchOption("softcap", QCoreApplication.translate("ArchitectureGroup", "Logit soft-cap"), QCoreApplication.translate("ArchitectureGroup", "Squash the logits into (−{0}, {0}).").format(f"{cap:g}"),
                   QCoreApplication.translate("ArchitectureGroup", "cap · tanh(logits / cap): the model cannot become over-confident early (Gemma 2)."),
                   lambda c: c.model.logit_softcap > 0, lambda on: {"model": {"logit_softcap": cap if on else 0.0}}),
        ArchOption("muon", QCoreApplication.translate("ArchitectureGroup", "Muon optimizer"), QCoreApplication.translate("ArchitectureGroup", "Orthogonalised updates for the hidden matrices."),
                   QCoreApplication.translate("ArchitectureGroup", "Muon trains the weight matrices inside the blocks, AdamW the embeddings, head and norms; "
                       "the largest single gain at small sizes."),
                   lambda c: c.train.optimizer == "muon",
                   lambda on: {"train": {"optimizer": "muon" if on else "adamw"}}),
    ]


class ArchitectureGroup(QGroupBox):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Architecture"))
        name_widget(self, "architectureGroup", self.tr("Architecture"),
                    self.tr("The modern recipe, one option at a time (all off: GPT-2 as in nanoGPT)."))
        self.session = session
        self.options = arch_options()
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(0)
        for opt in self.options:
            box = name_widget(QCheckBox(opt.label), f"{opt.key}Check", opt.label, opt.tooltip)
            box.toggled.connect(lambda on, o=opt: self.session.update(**o.change(on)))
            layout.addWidget(box)
            layout.addWidget(hint_label(opt.hint, f"{opt.key}Hint"))
            self.boxes[opt.key] = box
        session.configChanged.connect(self.show_config)
        self.show_config(session.config)

    def show_config(self, cfg: RunConfig) -> None:
        for opt in self.options:
            box = self.boxes[opt.key]
            if box.isChecked() != opt.is_on(cfg):
                box.blockSignals(True)
                box.setChecked(opt.is_on(cfg))
                box.blockSignals(False)
