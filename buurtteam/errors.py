"""Expected errors: things a person caused or can fix, shown to them in their language.

Anything that is not a `BuurtteamError` is a bug and goes to the crash handler.
A `BuurtteamError` carries an English message id (marked with `N_` so it is extracted
into the catalogs) and parameters; `text()` translates and formats it when shown, so the
domain can raise it without knowing the language.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


class BuurtteamError(Exception):
    """An error a user can act on. `path` names where in the input it was found."""

    def __init__(self, message: str, /, path: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.params = params

    def text(self) -> str:
        # Imported here: errors.py sits below every layer and must not pull i18n in at import.
        from buurtteam.i18n import render_error

        return render_error(self)

    def __str__(self) -> str:
        return self.text()


class InvalidInput(BuurtteamError):
    """Input that does not have the right form (a bad amount, a broken file)."""


class RuleBroken(BuurtteamError):
    """A change that would break a rule of the domain (over budget, frozen minutes)."""


class NotFound(BuurtteamError):
    """A record asked for by id or name does not exist."""


class StoreError(BuurtteamError):
    """The database file cannot be used: locked, damaged, read-only, too new."""
