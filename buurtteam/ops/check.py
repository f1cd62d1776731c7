"""`buurtteam check`: is the file sound, and does the stored data keep every rule?"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from buurtteam.domain.exchange_rules import check_document
from buurtteam.errors import BuurtteamError
from buurtteam.store.db import Database
from buurtteam.store.exchange_export import export_document
from buurtteam.store.exchange_schema import validate_structure


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)  # SQLite's own findings, verbatim
    problems: list[BuurtteamError] = field(default_factory=list)
    neighbourhoods: int = 0

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.problems


def check_database(db: Database) -> CheckReport:
    report = CheckReport()
    with db.read() as session:
        if db.is_sqlite:
            rows = [r[0] for r in session.execute(text("PRAGMA integrity_check")).all()]
            if rows != ["ok"]:
                report.integrity += rows
            for row in session.execute(text("PRAGMA foreign_key_check")).all():
                report.integrity.append(f"foreign key: {tuple(row)}")
        document = export_document(session)
    report.neighbourhoods = len(document["neighbourhoods"])
    try:
        validate_structure(document)
    except BuurtteamError as error:
        report.problems.append(error)
    else:
        report.problems += check_document(document)
    # Approved minutes must still read as they did when approved (their fingerprint).
    from buurtteam.ops.minutes import verify_fingerprints

    report.problems += [mismatch.error() for mismatch in verify_fingerprints(db)]
    return report
