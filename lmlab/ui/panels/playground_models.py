"""Trained models for the playground, loaded off the GUI thread and kept while they are in use.

``ModelCache.request(path, step)`` returns the model if it is loaded, else starts a
``GeneratorWorker`` on ``load_job`` and answers later with ``loaded(key, model)`` or
``failed(key, sentence)``. Two panes comparing checkpoints share it; the most recent
``capacity`` models stay in memory.
"""

from __future__ import annotations

from collections import OrderedDict

import shiboken6

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ...core.errors import LmlabError
from ...core.loading import TrainedModel
from ..jobs import GeneratorWorker
from .playground_state import keyed_job, load_job


def source_key(path: str, step: int) -> str:
    return f"{path}@{step}"


class ModelCache(QObject):
    """Trained models by (run folder, step), loaded in worker threads; keeps the ``capacity`` most recent."""

    loaded = Signal(str, object)  # key, TrainedModel
    failed = Signal(str, str)  # key, sentence

    def __init__(self, capacity: int = 4, parent: QObject | None = None):
        super().__init__(parent)
        self.capacity = capacity
        self._models: OrderedDict[str, TrainedModel] = OrderedDict()
        self._loading: dict[str, GeneratorWorker] = {}

    def get(self, key: str) -> TrainedModel | None:
        tm = self._models.get(key)
        if tm is not None:
            self._models.move_to_end(key)
        return tm

    def is_loading(self, key: str) -> bool:
        return key in self._loading

    def request(self, path: str, step: int) -> TrainedModel | None:
        """The model if it is loaded; else start loading it (``loaded``/``failed`` follow) and return None."""
        key = source_key(path, step)
        tm = self.get(key)
        if tm is not None or key in self._loading:
            return tm
        w = GeneratorWorker(keyed_job, key, load_job, path, step, name="playground-load")
        w.returned.connect(self._on_returned, Qt.ConnectionType.QueuedConnection)
        w.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._loading[key] = w
        w.start()
        return None

    @Slot(object)
    def _on_returned(self, result) -> None:
        key, value = result
        if isinstance(value, BaseException):
            msg = str(value) if isinstance(value, LmlabError) else f"Loading the model failed: {value}"
            self.failed.emit(key, msg)
            return
        self._models[key] = value
        self._models.move_to_end(key)
        while len(self._models) > self.capacity:
            self._models.popitem(last=False)
        self.loaded.emit(key, value)

    @Slot()
    def _on_finished(self) -> None:
        for k, w in list(self._loading.items()):
            if not shiboken6.isValid(w) or not w.isRunning():
                del self._loading[k]

    def workers(self) -> list[GeneratorWorker]:
        return list(self._loading.values())

    def shutdown(self) -> None:
        for w in list(self._loading.values()):
            w.abort()
        for w in list(self._loading.values()):
            w.wait()
