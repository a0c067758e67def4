"""What the app remembers between launches, through ``QSettings``.

Window geometry and dock layout, the interface language, the last configuration (as the same JSON a run
folder holds, with a schema version) and the runs folder. Tests pass
``AppSettings.at(tmp_path / "lmlab.ini")`` so they never touch the user's settings.

    settings = AppSettings()                     # the user's (organisation/app "lmlab")
    settings.save_config(cfg); settings.load_config() -> RunConfig | None
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..core.config import RunConfig
from ..core.errors import LmlabError

log = logging.getLogger(__name__)

SETTINGS_SCHEMA_VERSION = 1


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings if qsettings is not None else QSettings("lmlab", "lmlab")
        stored = self._int("schema_version")
        if stored is not None and stored > SETTINGS_SCHEMA_VERSION:
            log.warning("settings written by a newer lmlab (schema %s); ignoring them", stored)
            self.q.clear()
        self.q.setValue("schema_version", SETTINGS_SCHEMA_VERSION)

    @classmethod
    def at(cls, path: str | Path) -> "AppSettings":
        """Settings kept in an INI file at ``path`` (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _int(self, key: str) -> int | None:
        v = self.q.value(key)
        try:
            return int(v) if v is not None else None
        except (TypeError, ValueError):
            return None

    # window ------------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        v = self.q.value("window/geometry")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        v = self.q.value("window/state")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    # configuration -----------------------------------------------------------------------
    def load_config(self) -> RunConfig | None:
        raw = self.q.value("config/last")
        if not raw:
            return None
        try:
            return RunConfig.from_dict(json.loads(str(raw)))
        except (ValueError, LmlabError) as e:  # an older or damaged entry: start from the preset
            log.warning("ignoring the saved configuration: %s", e)
            return None

    def save_config(self, cfg: RunConfig) -> None:
        self.q.setValue("config/last", json.dumps(cfg.to_dict(), ensure_ascii=False))

    # runs folder --------------------------------------------------------------------------
    def runs_dir(self) -> str | None:
        v = self.q.value("runs/dir")
        return str(v) if v else None

    def set_runs_dir(self, path: str | Path) -> None:
        self.q.setValue("runs/dir", str(path))

    # language -------------------------------------------------------------------------------
    def language(self) -> str:
        """The chosen interface language ("en", "zh_CN"), or "" to follow the system."""
        return str(self.q.value("ui/language") or "")

    def set_language(self, code: str) -> None:
        self.q.setValue("ui/language", code)

    # training -------------------------------------------------------------------------------
    def own_process(self) -> bool:
        """Train a run in a child process of its own (default), or in the app's process."""
        return str(self.q.value("training/own_process", "true")).lower() not in ("false", "0")

    def set_own_process(self, on: bool) -> None:
        self.q.setValue("training/own_process", "true" if on else "false")

    # view preferences ----------------------------------------------------------------------
    def value(self, key: str, default=None):
        v = self.q.value(f"view/{key}")
        return default if v is None else v

    def set_value(self, key: str, value) -> None:
        self.q.setValue(f"view/{key}", value)

    def sync(self) -> None:
        self.q.sync()
