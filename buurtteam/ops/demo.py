"""Filling an empty database with the invented demo neighbourhood."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from buurtteam.errors import N_, RuleBroken
from buurtteam.ops.exchange import import_data
from buurtteam.store import models as m
from buurtteam.store.db import Database
from buurtteam.store.exchange_import import ImportSummary


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return not session.execute(select(func.count(m.Neighbourhood.id))).scalar()


def load_demo(db: Database, today: dt.date, *, large: bool = False) -> ImportSummary:
    """Import the demo neighbourhood, dated around `today`, into an empty database.

    `large`: the five wijken of Lingestede over ten years instead (what the benchmarks
    measure on; see `demo_large`).

    Raises:
        RuleBroken: when the database already holds a neighbourhood.
    """
    if not is_empty(db):
        raise RuleBroken(
            N_(
                "The demo only goes into an empty database, and this one already "
                "holds data. Give another file with --db, for example "
                "--db demo.sqlite."
            )
        )
    if large:
        from buurtteam.ops.demo_large import large_exchange

        summary = import_data(db, large_exchange(today))
    else:
        from buurtteam.ops.demo_data import demo_exchange

        summary = import_data(db, demo_exchange(today))
    # The demo's approved minutes were approved "in the app": give them their check code,
    # as approval does (the exchange format carries none).
    from buurtteam.ops.minutes import seal_minutes

    seal_minutes(db)
    return summary
