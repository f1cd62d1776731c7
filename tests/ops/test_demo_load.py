"""The demo as a newcomer gets it: loaded, sound, its approved minutes sealed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from buurtteam.errors import RuleBroken
from buurtteam.ops.check import check_database
from buurtteam.ops.demo import load_demo
from buurtteam.store import models as m
from buurtteam.store.db import Database


def test_the_demo_loads_sound_with_sealed_minutes(db: Database) -> None:
    summary = load_demo(db, date(2026, 12, 1))
    assert summary.neighbourhoods == ["De Vlinderbuurt"]
    with db.read() as session:
        approved = (
            session.execute(
                select(m.Meeting.minutes_fingerprint).where(m.Meeting.status == "minutes_approved")
            )
            .scalars()
            .all()
        )
    assert approved and all(approved)
    assert check_database(db).ok


def test_the_demo_goes_only_into_an_empty_database(db: Database) -> None:
    load_demo(db, date(2026, 12, 1))
    with pytest.raises(RuleBroken):
        load_demo(db, date(2026, 12, 1))
