"""What the Overzicht page shows: the state of one neighbourhood on one day.

Read-only: each function runs one read transaction and returns frozen dataclasses.
"Today" is passed in, never looked up here. The queries themselves are plain SQL in
`buurtteam.store.overview_queries`, shared with the window's first screen.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from buurtteam.domain.overview import (
    NeighbourhoodRow,
    NextMeeting,
    OpenAction,
    OverduePoint,
    Overview,
    ReplyFlag,
)
from buurtteam.store import overview_queries as queries
from buurtteam.store.db import Database
from buurtteam.store.overview_queries import SessionReader

__all__ = [
    "NeighbourhoodRow",
    "NextMeeting",
    "OpenAction",
    "OverduePoint",
    "Overview",
    "ReplyFlag",
    "current_contract_id",
    "list_neighbourhoods",
    "neighbourhood_row",
    "overview",
]


def list_neighbourhoods(db: Database) -> list[NeighbourhoodRow]:
    """All neighbourhoods, sorted by name the way a person reads them (case and accents aside)."""
    with db.read() as session:
        return queries.neighbourhoods(SessionReader(session))


def neighbourhood_row(session: Session, neighbourhood_id: int) -> NeighbourhoodRow:
    """The neighbourhood, or NotFound (it may have been removed since the list was read)."""
    return queries.neighbourhood_row(SessionReader(session), neighbourhood_id)


def overview(db: Database, neighbourhood_id: int, today: date) -> Overview:
    """The Overzicht of one neighbourhood on `today`.

    Raises:
        NotFound: when the neighbourhood does not exist.
    """
    with db.read() as session:
        return queries.overview(SessionReader(session), neighbourhood_id, today)


def current_contract_id(session: Session, neighbourhood_id: int, today: date) -> int | None:
    """The contract in force: the latest one that has started by `today`."""
    return queries.current_contract_id(SessionReader(session), neighbourhood_id, today)
