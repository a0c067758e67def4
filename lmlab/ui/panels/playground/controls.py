"""The playground's sampling controls: one group box that turns its fields into ``SamplingOptions``.

Temperature, top-k, top-p, repetition penalty, max new tokens, the seed (with "random"),
stop sequences and greedy. ``changed`` fires on every edit; ``options()`` reads the
fields and ``check()`` marks impossible values at their field (the sentences come from
``SamplingOptions.validate``). With "random" ticked every generation draws a seed
(``seed_for_run``) and the field shows the one used, so unticking it repeats that text.
"""

from __future__ import annotations

import secrets

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ....core.errors import ConfigError
from ....core.generate import SamplingOptions
from ..common import guard_wheel, mark_invalid, name_widget
from ....core.branches import parse_stop_sequences

TOP_ALTERNATIVES = 8  # alternatives kept with each token (tooltip and branch menu)
NO_SEED = -1  # what ``options()`` puts in ``seed`` when "random" is off and the field is empty


class SamplingControls(QGroupBox):
    """The sampling fields; see the module docstring."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Sampling"), parent)
        self.setObjectName("samplingGroup")
        self.temperature = self._double("temperatureSpin", self.tr("Temperature"), 0.0, 5.0, 0.05, 0.8,
                                        self.tr("Below 1 sharper, above 1 flatter; 0 always takes the most likely token"))
        self.top_k = name_widget(QSpinBox(), "topKSpin", self.tr("Top-k"), self.tr("Sample only among the k most likely tokens; "
                                 "0 = off"))
        self.top_k.setRange(0, 1_000_000)
        self.top_k.setSpecialValueText(self.tr("off"))
        self.top_p = self._double("topPSpin", self.tr("Top-p"), 0.01, 1.0, 0.05, 1.0,
                                  self.tr("Sample among the fewest tokens whose probabilities add up to p; 1 = off"))
        self.repetition = self._double("repetitionPenaltySpin", self.tr("Repetition penalty"), 0.5, 5.0, 0.05, 1.0,
                                       self.tr("Above 1 makes tokens already in the context less likely; 1 = off"))
        self.max_tokens = name_widget(QSpinBox(), "maxTokensSpin", self.tr("Max new tokens"),
                                      self.tr("How many tokens to generate (a branch continues for as many again)"))
        self.max_tokens.setRange(1, 1_000_000)
        self.max_tokens.setValue(200)
        self.max_tokens.setGroupSeparatorShown(True)
        self.seed_edit = name_widget(QLineEdit(), "seedEdit", self.tr("Seed"), self.tr("Same seed, same options, same model: "
                                     "same text"))
        self.seed_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,19}"), self))
        self.seed_edit.setPlaceholderText(self.tr("drawn at random"))
        self.random_seed = name_widget(QCheckBox(self.tr("random")), "randomSeedCheck", self.tr("Random seed"),
                                       self.tr("Draw a new seed for every generation (the seed used is shown)"))
        self.random_seed.setChecked(True)
        self.stop_edit = name_widget(QLineEdit(), "stopSequencesEdit", self.tr("Stop sequences"),
                                     self.tr("Stop when the output contains one of these; separate them with commas; "
                                     "type \\n for a line break (e.g. \\n\\n), \\, for a comma"))
        self.stop_edit.setPlaceholderText(self.tr("e.g. \\n\\n, THE END"))
        self.greedy = name_widget(QCheckBox(self.tr("Greedy (always the most likely token)")), "greedyCheck", self.tr("Greedy"),
                                  self.tr("Always take the most likely token: temperature, top-k and top-p are ignored"))
        guard_wheel(self.temperature, self.top_k, self.top_p, self.repetition, self.max_tokens)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-k"), self.top_k)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Repetition penalty"), self.repetition)
        form.addRow(self.tr("Max new tokens"), self.max_tokens)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_edit, 1)
        seed_row.addWidget(self.random_seed)
        form.addRow(self.tr("Seed"), seed_row)
        form.addRow(self.tr("Stop at"), self.stop_edit)
        form.addRow(self.greedy)

        for spin in (self.temperature, self.top_p, self.repetition, self.top_k, self.max_tokens):
            spin.valueChanged.connect(self._on_edit)
        for line in (self.seed_edit, self.stop_edit):
            line.textChanged.connect(self._on_edit)
        for box in (self.random_seed, self.greedy):
            box.toggled.connect(self._on_edit)
        self._on_edit()

    def _double(self, name: str, acc: str, lo: float, hi: float, step: float, value: float,
                tip: str) -> QDoubleSpinBox:
        w = name_widget(QDoubleSpinBox(), name, acc, tip)
        w.setRange(lo, hi)
        w.setSingleStep(step)
        w.setDecimals(2)
        w.setValue(value)
        return w

    def _on_edit(self, *_args) -> None:
        self.seed_edit.setEnabled(not self.random_seed.isChecked())
        for w in (self.temperature, self.top_k, self.top_p):
            w.setEnabled(not self.greedy.isChecked())
        self.check(self.options(seed=0 if self.random_seed.isChecked() else None))
        self.changed.emit()

    # -- reading -------------------------------------------------------------------------------
    def options(self, seed: int | None = None) -> SamplingOptions:
        """The options the fields describe (``seed`` overrides the seed field; ``NO_SEED`` if it is empty)."""
        if seed is None and not self.random_seed.isChecked():
            text = self.seed_edit.text().strip()
            seed = int(text) if text else NO_SEED
        return SamplingOptions(
            temperature=round(self.temperature.value(), 4),
            top_k=self.top_k.value(),
            top_p=round(self.top_p.value(), 4),
            repetition_penalty=round(self.repetition.value(), 4),
            max_new_tokens=self.max_tokens.value(),
            seed=seed,
            stop_sequences=parse_stop_sequences(self.stop_edit.text()),
            greedy=self.greedy.isChecked(),
            top_alternatives=TOP_ALTERNATIVES,
        )

    def check(self, opts: SamplingOptions) -> list[ConfigError]:
        """Every problem with ``opts`` (empty: fine), each marked at its field."""
        if opts.seed == NO_SEED:
            errs = [e for e in SamplingOptions(**{**opts.to_dict(), "seed": None}).validate()]
            errs.append(ConfigError(self.tr("Enter a seed, or tick “random”."), "seed"))
        else:
            errs = opts.validate()
        bad = {e.field for e in errs}
        widgets = {"temperature": self.temperature, "top_k": self.top_k, "top_p": self.top_p,
                   "repetition_penalty": self.repetition, "max_new_tokens": self.max_tokens,
                   "seed": self.seed_edit, "stop_sequences": self.stop_edit}
        for name, w in widgets.items():
            mark_invalid(w, name in bad)
        return errs

    def seed_for_run(self) -> int | None:
        """A fresh seed when "random" is ticked (shown in the field), else None (the field's seed is used)."""
        if not self.random_seed.isChecked():
            return None
        seed = secrets.randbelow(2**31)
        self.seed_edit.setText(str(seed))
        return seed
