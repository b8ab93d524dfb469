"""Preferences and window state through QSettings; built in main() and passed in, never at import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    """A thin, typed wrapper over a QSettings. Tests pass one backed by a file in tmp_path."""

    def __init__(self, qsettings: QSettings) -> None:
        self._s = qsettings

    @classmethod
    def from_file(cls, path: str | Path) -> "Settings":
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def sync(self) -> None:
        self._s.sync()

    # -- window state (kept apart from preferences) ---------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    # -- recent files ----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._s.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent_file(self, path: str | Path) -> list[str]:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        files = files[:MAX_RECENT]
        self._s.setValue("files/recent", files)
        return files

    def clear_recent_files(self) -> None:
        self._s.setValue("files/recent", [])

    # -- preferences -----------------------------------------------------------------------
    def theme(self) -> str:
        """'system', 'light', 'dark' or 'high-contrast'."""
        value = str(self._s.value("prefs/theme", "system"))
        return value if value in {"system", "light", "dark", "high-contrast"} else "system"

    def set_theme(self, value: str) -> None:
        self._s.setValue("prefs/theme", value)

    def value(self, key: str, default=None):
        return self._s.value(key, default)

    def flag(self, key: str, default: bool = False) -> bool:
        """A yes/no preference, whatever form the file holds it in (true, 1, yes...)."""
        return bool(self._s.value(key, default, type=bool))

    def set_value(self, key: str, value) -> None:
        self._s.setValue(key, value)
