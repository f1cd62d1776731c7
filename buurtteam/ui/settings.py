"""The window's own settings, each declared once here with its key, type and default.

Only what belongs to this computer's window lives here (size, last page, language); what
the team shares (meeting interval, quorum, budget) lives in the database.
"""

from __future__ import annotations

from typing import Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from buurtteam.i18n import DEFAULT_LANGUAGE, LANGUAGES

T = TypeVar("T", str, QByteArray)


class _Setting(Generic[T]):
    """One setting: read and written as an attribute of `Settings`."""

    def __init__(self, key: str, default: T, choices: tuple[T, ...] = ()) -> None:
        self.key = key
        self.default: T = default
        self.choices: tuple[T, ...] = choices

    @overload
    def __get__(self, settings: None, owner: type[Settings]) -> _Setting[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type[Settings]) -> T: ...

    def __get__(self, settings: Settings | None, owner: type[Settings]) -> T | _Setting[T]:
        if settings is None:
            return self
        value = settings.store.value(self.key, self.default, type=type(self.default))
        # A hand-edited or old settings file must not break the window.
        if not isinstance(value, type(self.default)) or (
            self.choices and value not in self.choices
        ):
            return self.default
        return value

    def __set__(self, settings: Settings, value: T) -> None:
        settings.store.setValue(self.key, value)


class Settings:
    """Typed access to QSettings. Pass a store of your own in tests (an ini file in tmp_path)."""

    language = _Setting("language", DEFAULT_LANGUAGE, LANGUAGES)
    geometry = _Setting("window/geometry", QByteArray())
    window_state = _Setting("window/state", QByteArray())
    neighbourhood = _Setting("window/neighbourhood", "")  # by name: ids are private to a file
    page = _Setting("window/page", "overview")
    # Files (one path per line) whose synced-folder warning was shown once already.
    synced_warned = _Setting("trust/synced-folder-warned", "")
    # The meeting being run ("<neighbourhood name>\t<meeting id>") and the id of its item on
    # screen ("" for the attendance): after a crash the window reopens right there.
    meeting = _Setting("meeting/active", "")
    meeting_item = _Setting("meeting/item", "")

    def __init__(self, store: QSettings | None = None) -> None:
        # Without a store: the platform's place for organisation/application "buurtteam".
        self.store = store if store is not None else QSettings()

    def sync(self) -> None:
        self.store.sync()
