"""Two people edited the same record: who changed which field, and what merging gives.

The three values of each field: what the editor started from (`base`), what is stored
now because someone else saved in between (`theirs`), and what the editor typed
(`mine`). A field changed by one side only merges cleanly; a field both changed, to
different values, is a clash that a person must settle. Values are plain Python values
compared with `==`, keyed by field name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Values = Mapping[str, Any]


@dataclass(frozen=True)
class FieldEdit:
    """One field as the editor started from it, as stored now, and as the editor typed it."""

    name: str
    base: Any
    theirs: Any
    mine: Any

    @property
    def by_them(self) -> bool:
        return bool(self.theirs != self.base)

    @property
    def by_me(self) -> bool:
        return bool(self.mine != self.base)

    @property
    def clash(self) -> bool:
        """Both changed it, and not to the same value."""
        return self.by_them and self.by_me and bool(self.theirs != self.mine)

    @property
    def overwritten_by_mine(self) -> bool:
        """Saving the editor's values as they are would undo this change of theirs."""
        return self.by_them and bool(self.theirs != self.mine)

    @property
    def merged(self) -> Any:
        return self.mine if self.by_me else self.theirs


@dataclass(frozen=True)
class Comparison:
    fields: tuple[FieldEdit, ...]  # in the order the editor's values name them

    def names(self, which: str) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if getattr(f, which))

    @property
    def by_them(self) -> tuple[str, ...]:
        return self.names("by_them")

    @property
    def by_me(self) -> tuple[str, ...]:
        return self.names("by_me")

    @property
    def by_both(self) -> tuple[str, ...]:
        """The clashes: changed on both sides to different values."""
        return self.names("clash")

    @property
    def conflicting(self) -> bool:
        """Would saving the editor's values lose something the other person saved?"""
        return any(f.overwritten_by_mine for f in self.fields)

    @property
    def can_merge(self) -> bool:
        return not self.by_both

    @property
    def changed(self) -> tuple[FieldEdit, ...]:
        """The fields worth showing: changed on at least one side."""
        return tuple(f for f in self.fields if f.by_them or f.by_me)

    def merged(self) -> dict[str, Any]:
        """Their changes plus the editor's; only when no field clashes.

        Raises:
            ValueError: a field was changed on both sides to different values.
        """
        if not self.can_merge:
            raise ValueError(f"both sides changed {', '.join(self.by_both)}")
        return {f.name: f.merged for f in self.fields}


def compare(base: Values, theirs: Values, mine: Values) -> Comparison:
    """Compare field by field, over the fields the editor's values name."""
    return Comparison(
        tuple(FieldEdit(name, base[name], theirs[name], value) for name, value in mine.items())
    )


def merge(base: Values, theirs: Values, mine: Values) -> dict[str, Any] | None:
    """Their changes plus the editor's, or None when a field clashes."""
    comparison = compare(base, theirs, mine)
    return comparison.merged() if comparison.can_merge else None
