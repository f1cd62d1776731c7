"""Lifting the freeze on approved minutes, for one trusted operation, inside its transaction.

The triggers of migration 0002 refuse any change to approved minutes while the
`store_override` table is empty. Import and a recorded anonymisation hold a row there
for the duration of their work; it is removed before their transaction commits, so no
other writer ever sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import delete
from sqlalchemy.orm import Session

from buurtteam.store.models import StoreOverride


@contextmanager
def overridden(session: Session, reason: str) -> Iterator[None]:
    row = StoreOverride(reason=reason)
    session.add(row)
    session.flush()
    yield
    session.execute(delete(StoreOverride).where(StoreOverride.id == row.id))
