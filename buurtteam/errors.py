"""Expected errors: things a person caused or can fix, shown to them in their language.

Anything that is not a `BuurtteamError` is a bug and goes to the crash handler.
A `BuurtteamError` carries an English message id (marked with `N_` so it is extracted
into the catalogs) and parameters; `text()` translates and formats it when shown, so the
domain can raise it without knowing the language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
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


@dataclass(frozen=True)
class ConflictField:
    """One field of an edit conflict, each value already written as a person reads it."""

    name: str
    label: str
    was: str  # what the editor started from
    now: str  # what the other person saved
    mine: str  # what the editor typed
    by_them: bool
    by_me: bool
    clash: bool  # both changed it, differently: merging cannot decide


class EditConflict(BuurtteamError):
    """Someone else saved this record while this person was editing it; nothing was saved.

    Carries what a person needs to choose: which record (`kind`, a code such as
    "contract_point", and `record`, its label), who saved in between and when, each field
    as it was, as it is now and as typed (`fields`), and for saving again the version now
    stored (`version`), the stored values (`theirs`) and, when no field clashes, their
    changes plus the editor's (`merged`).
    """

    def __init__(
        self,
        *,
        kind: str,
        record: str,
        who: str | None,
        when: datetime | None,
        version: int,
        fields: Sequence[ConflictField],
        theirs: Mapping[str, Any],
        merged: Mapping[str, Any] | None,
    ) -> None:
        super().__init__(
            N_(
                "{who} changed {record} {when} while you were editing it. Nothing was saved. "
                "Open it again to see that change, then make yours once more if it is still "
                "needed."
            ),
            record=record,
        )
        self.kind = kind
        self.record = record
        self.who = who
        self.when = when
        self.version = version
        self.fields = tuple(fields)
        self.theirs = dict(theirs)
        self.merged = None if merged is None else dict(merged)

    def who_text(self) -> str:
        from buurtteam.i18n import _

        return self.who or _("Someone else")

    def when_text(self, today: date) -> str:
        """ "at 14:03" today, else "on Tuesday 12 January 2027 at 14:03"; "" when unknown."""
        from buurtteam.i18n import _
        from buurtteam.i18n.format import datum, tijd

        if self.when is None:
            return ""
        if self.when.date() == today:
            return _("at {time}").format(time=tijd(self.when))
        return _("on {day} at {time}").format(day=datum(self.when.date()), time=tijd(self.when))

    def text(self) -> str:
        from buurtteam.i18n import _

        words = _(self.message).format(
            who=self.who_text(), record=self.record, when=self.when_text(date.today())
        )
        return " ".join(words.split())  # no double space where the moment is unknown
