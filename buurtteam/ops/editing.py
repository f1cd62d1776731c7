"""Saving an edit when someone else may have saved the same record first.

Optimistic concurrency: a form remembers the version of the record it loaded and the
values it showed (`Started`). An edit op given a `Started` reads the record again under
a row lock and calls `check_edit` before it writes. When the version moved on and saving
would undo something the other person saved, it raises `EditConflict` and writes
nothing; the window then lets the person choose (save theirs over, merge, or discard).
When the other person changed only fields this form does not touch, or changed them to
what this person typed too, the save goes ahead: nothing of theirs is lost.

The command line passes no `Started`: it reads and writes in one transaction. The
version check itself is SQLAlchemy's (`version_id_col`, see `store.models.Versioned`):
a write that slipped past all this still fails rather than overwrites.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from buurtteam.domain.concurrency import FieldEdit, compare
from buurtteam.errors import ConflictField, EditConflict
from buurtteam.i18n import _
from buurtteam.i18n.format import datum_long, euro, tijd
from buurtteam.store.models import Versioned

NOTHING = "—"

Show = Callable[[Any], str]


@dataclass(frozen=True)
class Started:
    """What an editor started from: the record's version and the values the form showed."""

    version: int
    values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, version: int, values: object) -> Started:
        """From a form's values: a dataclass (its fields) or a mapping."""
        if is_dataclass(values) and not isinstance(values, type):
            return cls(version, asdict(values))
        assert isinstance(values, Mapping)
        return cls(version, dict(values))


@dataclass(frozen=True)
class Field:
    """A field a form edits: its name (as in the values), its label (a msgid), its words."""

    name: str
    label: str
    show: Show | None = None


def shown(value: Any) -> str:
    """A stored value as a person reads it in the conflict table."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return f"{datum_long(value.date())} {tijd(value)}"
    if isinstance(value, date):
        return datum_long(value)
    if isinstance(value, Decimal):
        return euro(value)
    return str(value)


def values_of(data: object) -> dict[str, Any]:
    """The editor's values: a dataclass's fields, or a mapping as it is."""
    if is_dataclass(data) and not isinstance(data, type):
        return asdict(data)
    assert isinstance(data, Mapping)
    return dict(data)


def check_edit(
    session: Session,
    row: Versioned,
    started: Started | None,
    fields: Sequence[Field],
    mine: Mapping[str, Any],
    stored: Callable[[], Mapping[str, Any]],
    *,
    kind: str,
    record: Callable[[], str],
) -> None:
    """Refuse a save that would undo what someone else saved since the form was loaded.

    Call before changing `row`. `mine` holds the editor's values of `fields` (cleaned as
    they will be stored), `stored` reads the same fields from `row`.

    Raises:
        EditConflict: the version moved on and saving would lose their change.
    """
    if started is None:
        return
    # Read the row again, locked (PostgreSQL): a save at this very moment waits for ours.
    session.refresh(row, with_for_update=True)
    if row.version == started.version:
        return
    names = [f.name for f in fields]
    theirs = {name: value for name, value in stored().items() if name in names}
    ours = {name: mine[name] for name in names}
    comparison = compare(started.values, theirs, ours)
    if not comparison.conflicting:
        return
    by_name = {f.name: f for f in fields}
    raise EditConflict(
        kind=kind,
        record=record(),
        who=row.changed_by,
        when=row.changed_at,
        version=row.version,
        fields=[_conflict_field(by_name[edit.name], edit) for edit in comparison.changed],
        theirs=theirs,
        merged=comparison.merged() if comparison.can_merge else None,
    )


def _conflict_field(spec: Field, edit: FieldEdit) -> ConflictField:
    def show(value: Any) -> str:
        if value is None or spec.show is None:
            return shown(value)
        return spec.show(value)

    return ConflictField(
        name=spec.name,
        label=_(spec.label),
        was=show(edit.base),
        now=show(edit.theirs),
        mine=show(edit.mine),
        by_them=edit.by_them,
        by_me=edit.by_me,
        clash=edit.clash,
    )
