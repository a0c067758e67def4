"""Model panel: the GPT's shape, with presets, the Architecture options and live size, compute and memory readouts.

Edits go to ``Session.update(model=...)``; the panel redraws from ``configChanged``,
marks impossible values at their field from ``problemsChanged`` (each ConfigError
names its field) and shows ``sizeChanged``'s ModelSize.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.units import human_bytes, human_count
from ...core.config import PRESETS
from ...core.model import ModelSize
from ..session import Session
from .architecture import ArchitectureGroup
from .model_kind import ModelKindCombo
from .common import CompactSpinBox, MessageLabel, compact_combo, guard_wheel, hint_label, mark_invalid, name_widget
from ..i18n import error_text

PRESET_LABELS = {
    "tiny": QT_TRANSLATE_NOOP("panels.model", "tiny: 2 layers, seconds on a CPU"),
    "small": QT_TRANSLATE_NOOP("panels.model", "small: 4 layers, the default"),
    "medium": QT_TRANSLATE_NOOP("panels.model", "medium: 6 layers"),
    "cpu": QT_TRANSLATE_NOOP("panels.model", "cpu: nanoGPT's CPU recipe"),
    "shakespeare": QT_TRANSLATE_NOOP("panels.model", "shakespeare: nanoGPT's Shakespeare (GPU)"),
    "modern": QT_TRANSLATE_NOOP("panels.model", "modern: the cpu shape, modern recipe"),
}

# field -> (label, minimum, maximum, step, help)
FIELDS = {
    "n_layer": (QT_TRANSLATE_NOOP("panels.model", "Layers"), 1, 256, 1, QT_TRANSLATE_NOOP("panels.model", "Transformer blocks stacked: the model's depth.")),
    "n_head": (QT_TRANSLATE_NOOP("panels.model", "Heads"), 1, 256, 1, QT_TRANSLATE_NOOP("panels.model", "Attention heads per block; the width must divide evenly among them.")),
    "n_embd": (QT_TRANSLATE_NOOP("panels.model", "Width"), 1, 16384, 32, QT_TRANSLATE_NOOP("panels.model", "Size of the residual stream (embedding dimension).")),
    "block_size": (QT_TRANSLATE_NOOP("panels.model", "Context"), 2, 65536, 32, QT_TRANSLATE_NOOP("panels.model", "How many tokens the model sees at once.")),
}


class ModelPanel(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        name_widget(self, "modelPanel", self.tr("Model panel"))

        self.preset_combo = name_widget(QComboBox(), "presetCombo", self.tr("Preset"),
                                        self.tr("Start from a known recipe; any edit makes it custom."))
        for name in PRESETS:
            self.preset_combo.addItem(QCoreApplication.translate("panels.model", PRESET_LABELS.get(name, name)), name)
        self.preset_combo.addItem(self.tr("custom"), None)
        compact_combo(self.preset_combo, 16)
        self.preset_combo.model().item(self.preset_combo.count() - 1).setEnabled(False)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_combo = ModelKindCombo(session)  # decoder-only or encoder-decoder
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Preset"), self.preset_combo)

        self.fields: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.errors: dict[str, MessageLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        cells = [(f, (QCoreApplication.translate("panels.model", lab), lo, hi, st, QCoreApplication.translate("panels.model", h)))
                 for f, (lab, lo, hi, st, h) in FIELDS.items()] + [("dropout", (self.tr("Dropout"), 0.0, 0.99, 0.05, self.tr("Share of activations "
                                                     "dropped in training; 0 when data is plentiful.")))]
        for i, (field, (label, lo, hi, step, help_)) in enumerate(cells):
            if field == "dropout":
                spin = QDoubleSpinBox()
                spin.setDecimals(2)
            else:
                spin = CompactSpinBox()
                spin.setGroupSeparatorShown(True)
            spin.setRange(lo, hi)
            spin.setSingleStep(step)
            name_widget(spin, f"{field}Spin", label, help_)
            spin.setMinimumWidth(56)
            guard_wheel(spin)
            self.fields[field] = spin
            err = MessageLabel(f"{field}Error")
            self.errors[field] = err
            r, c = divmod(i, 2)
            lab = QLabel(label)
            lab.setBuddy(spin)
            lab.setToolTip(help_)
            grid.addWidget(lab, r * 2, c * 2)
            grid.addWidget(spin, r * 2, c * 2 + 1)
            grid.addWidget(err, r * 2 + 1, 0, 1, 4)
            spin.valueChanged.connect(lambda v, f=field: self._edited(f, v))
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        guard_wheel(self.preset_combo)

        # Readouts.
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.readouts: dict[str, QLabel] = {}
        readouts = QFormLayout()
        readouts.setContentsMargins(0, 0, 0, 0)
        readouts.setVerticalSpacing(2)
        for key, label, help_ in (
            ("params", self.tr("Parameters"), self.tr("Every weight the model learns (tied embeddings counted once).")),
            ("non_embedding", self.tr("Non-embedding"), self.tr("Parameters outside the token and position tables (Kaplan's N).")),
            ("flops", self.tr("FLOPs per token"), self.tr("Training compute per token: forward + backward, attention included.")),
            ("memory", self.tr("Training memory"), self.tr("Rough estimate: weights, gradients, AdamW state and activations.")),
            ("tokens_per_param", self.tr("Tokens per parameter"), self.tr("Tokens trained on ÷ parameters (Chinchilla: ~20).")),
        ):
            value = QLabel("–")
            value.setObjectName(f"readout_{key}")
            value.setAccessibleName(label)
            value.setProperty("role", "readout")
            value.setToolTip(help_)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab = QLabel(label)
            lab.setToolTip(help_)
            readouts.addRow(lab, value)
            self.readouts[key] = value
        self.vocab_note = hint_label(object_name="vocabNote")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(form)
        layout.addLayout(grid)
        self.architecture = ArchitectureGroup(session)  # the modern recipe's options
        layout.addWidget(self.architecture)
        layout.addWidget(line)
        layout.addLayout(readouts)
        layout.addWidget(self.vocab_note)
        layout.addStretch(1)

        self.preset_combo.activated.connect(self._preset_chosen)
        session.configChanged.connect(self.show_config)
        session.problemsChanged.connect(self.show_problems)
        session.sizeChanged.connect(self.show_size)
        self.show_config(session.config)
        self.show_problems(session.problems())
        self.show_size(session.model_size())

    # -- user actions -----------------------------------------------------------------------
    def _edited(self, field: str, value) -> None:
        self.session.update(model={field: float(value) if field == "dropout" else int(value)})

    def _preset_chosen(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name:
            self.session.apply_preset(name)

    # -- rendering --------------------------------------------------------------------------
    def show_config(self, cfg) -> None:
        for field, spin in self.fields.items():
            value = getattr(cfg.model, field)
            if spin.value() != value:
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
        name = self.session.matching_preset()
        idx = self.preset_combo.findData(name) if name else self.preset_combo.count() - 1
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(idx)
        self.preset_combo.blockSignals(False)

    def show_problems(self, problems) -> None:
        by_field: dict[str, list[str]] = {}
        for e in problems:
            by_field.setdefault(e.field or "", []).append(error_text(e))
        for field, spin in self.fields.items():
            msgs = by_field.get(field, [])
            mark_invalid(spin, bool(msgs))
            self.errors[field].show_message(" ".join(msgs))

    def show_size(self, size: ModelSize) -> None:
        cfg = self.session.config
        self.readouts["params"].setText(human_count(size.total_params))
        self.readouts["non_embedding"].setText(human_count(size.non_embedding_params))
        self.readouts["flops"].setText(human_count(size.flops_per_token, "FLOP"))
        self.readouts["memory"].setText(self.tr("{0} (batch {1})").format(human_bytes(size.train_memory_bytes), cfg.train.batch_size))
        tokens = cfg.total_steps * cfg.tokens_per_step
        self.readouts["tokens_per_param"].setText(
            self.tr("{0:.2f}  ({1} tokens)").format(size.tokens_per_param(tokens), human_count(tokens))
        )
        vocab = self.session.vocab_estimate()
        exact = self.session.corpus_state.token_vocab is not None
        self.vocab_note.setText(
            (self.tr("With a vocabulary of {0:,} tokens.") if exact
             else self.tr("With a vocabulary of {0:,} tokens (estimated until the corpus is tokenised).")).format(vocab)
        )
