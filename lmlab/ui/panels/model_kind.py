"""The Model panel's choice of architecture: which kind of model a run trains (``ModelConfig.arch``).

One entry per kind of ``core.model_kinds.KINDS`` that the Model panel sets up (decoder-only GPT, the
encoder-decoder translator; a classifier starts from the Classify tab), named for a person; choosing one edits the session's config, and the combo redraws from
``configChanged`` so a loaded run or a preset shows its kind. The readouts below it (parameters,
FLOPs per token, memory) come from the kind's own size function (``Session.model_size``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from ..session import Session
from .common import compact_combo, guard_wheel, name_widget

KIND_LABELS = {  # arch -> (label, tooltip); translated where shown
    "gpt": (QT_TRANSLATE_NOOP("ModelKindCombo", "decoder-only (GPT)"),
            QT_TRANSLATE_NOOP("ModelKindCombo", "One causal stack that continues text: a language model.")),
    "encdec": (QT_TRANSLATE_NOOP("ModelKindCombo", "encoder-decoder (translation)"),
               QT_TRANSLATE_NOOP("ModelKindCombo", "A bidirectional encoder reads the source; a causal decoder "
                                 "writes the target, looking at the source through cross-attention.")),
}


def kind_label(arch: str) -> str:
    known = KIND_LABELS.get(arch)
    return QCoreApplication.translate("ModelKindCombo", known[0]) if known else arch


class ModelKindCombo(QComboBox):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        name_widget(self, "architectureCombo", self.tr("Architecture"),
                    self.tr("Which kind of model to train: a decoder-only language model or an "
                            "encoder-decoder translator."))
        for arch in KIND_LABELS:  # the kinds a run is set up for here (classifiers: the Classify tab)
            self.addItem(kind_label(arch), arch)
            self.setItemData(self.count() - 1, self.tr(KIND_LABELS[arch][1]), 3)  # Qt.ToolTipRole
        compact_combo(self, 16)
        guard_wheel(self)
        self.activated.connect(lambda i: session.update(model={"arch": self.itemData(i)}))
        session.configChanged.connect(self.show_config)
        self.show_config(session.config)

    def show_config(self, cfg) -> None:
        i = self.findData(cfg.model.arch)
        if i >= 0 and i != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(i)
            self.blockSignals(False)
