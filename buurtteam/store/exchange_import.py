"""Writing a validated exchange document into the database, all or nothing.

The caller (an op) owns the transaction. Rows are inserted in bulk with primary keys
assigned here, in document order, so the stored order is the file's order and a large
file goes in at executemany speed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, DateTime, Table, Time, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from buurtteam.domain.exchange_rules import parse_date
from buurtteam.errors import N_, RuleBroken
from buurtteam.store import models as m
from buurtteam.store.override import overridden

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
Json = Mapping[str, Any]

# Insert order: every table after the tables it refers to.
_TABLES: tuple[type[m.Base], ...] = (
    m.Neighbourhood,
    m.Party,
    m.Person,
    m.Contract,
    m.Signature,
    m.Meeting,
    m.ContractPoint,
    m.PointHistory,
    m.Attendance,
    m.Guest,
    m.Erratum,
    m.AgendaRequest,
    m.BudgetYear,
    m.Proposal,
    m.Payment,
    m.Issue,
    m.IssueStep,
    m.AgendaItem,
    m.Decision,
    m.Action,
    m.Idea,
    m.AgendaItemPoint,
    m.AgendaItemProposal,
    m.AgendaItemIssue,
)


def local_datetime(value: str) -> dt.datetime:
    """A naive local (Europe/Amsterdam) datetime; an offset, when given, is honoured."""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_ZONE).replace(tzinfo=None)
    return moment


def _date(value: str | None) -> dt.date | None:
    return None if value is None else _parsed_date(value)


# Ten years hold a few thousand distinct days among 40,000 dates: each is parsed once.
_parsed_date = lru_cache(maxsize=65536)(parse_date)


def _time(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _items(data: Json, key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


@dataclass
class ImportSummary:
    neighbourhoods: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class _Rows:
    """Rows per table with primary keys handed out in order."""

    def __init__(self, session: Session) -> None:
        self.rows: dict[type[m.Base], list[dict[str, Any]]] = defaultdict(list)
        # The highest id of every table, in one statement (24 statements cost 60 ms).
        highest = session.execute(
            text(
                "SELECT "
                + ", ".join(f'(SELECT max(id) FROM "{model.__tablename__}")' for model in _TABLES)
            )
        ).one()
        self.next_id: dict[type[m.Base], int] = {
            model: (current or 0) + 1 for model, current in zip(_TABLES, highest, strict=True)
        }

    def add(self, model: type[m.Base], **values: Any) -> int:
        row_id = self.next_id[model]
        self.next_id[model] = row_id + 1
        values["id"] = row_id
        self.rows[model].append(values)
        return row_id


def refuse_existing_neighbourhoods(session: Session, data: Json) -> None:
    """Rule 7: import never merges into a neighbourhood that is already there."""
    existing = {name.casefold() for name in session.execute(select(m.Neighbourhood.name)).scalars()}
    for index, hood in enumerate(_items(data, "neighbourhoods")):
        if hood["name"].casefold() in existing:
            raise RuleBroken(
                N_(
                    "The neighbourhood {name!r} is already in this database; import "
                    "never merges. Rename it in the file, or import into another "
                    "database."
                ),
                path=f"neighbourhoods[{index}].name",
                name=hood["name"],
            )


def import_document(
    session: Session, data: Json, *, bulk_index: bool = True, plain_rows: bool = True
) -> ImportSummary:
    """Insert every neighbourhood of a schema- and rule-checked document.

    `bulk_index`: fill the search index once for all new rows instead of row by row
    through its triggers (the same entries, in a third of the time); False only to test
    that claim. `plain_rows`: on SQLite, hand the rows to the driver as tuples (see
    `_insert`); False only to test that Core stores the very same.

    Raises:
        RuleBroken: when a neighbourhood of the same name is already in the database.
    """
    hoods = _items(data, "neighbourhoods")
    refuse_existing_neighbourhoods(session, data)
    # Approved minutes arrive as they are: lift the freeze for this transaction only.
    with overridden(session, "import"):
        return _write(session, hoods, bulk_index=bulk_index, plain_rows=plain_rows)


def _write(
    session: Session, hoods: list[Any], *, bulk_index: bool, plain_rows: bool
) -> ImportSummary:
    rows = _Rows(session)
    first_ids = dict(rows.next_id)
    summary = ImportSummary()
    late_updates: list[tuple[type[m.Base], dict[str, Any]]] = []
    for hood in hoods:
        _Neighbourhood(rows, hood, late_updates).write()
        summary.neighbourhoods.append(hood["name"])
    if plain_rows and session.get_bind().dialect.name == "sqlite":
        late_updates = _references_in_place(session, rows, first_ids, late_updates)
    triggers = _search_insert_triggers(session) if bulk_index else []
    guards = _frozen_insert_guards(session) if bulk_index else []
    for _table, name, _sql in triggers + guards:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    for model in _TABLES:
        batch = rows.rows.get(model)
        if batch:
            _insert(session, model, batch, plain=plain_rows)
            summary.counts[model.__tablename__] = len(batch)
    for _table, _name, sql in guards:
        session.execute(text(sql))  # the guard again, exactly as it was
    first_by_table = {model.__tablename__: first_ids[model] for model in _TABLES}
    _index_new_rows(session, triggers, first_by_table)
    for _table, _name, sql in triggers:
        session.execute(text(sql))  # the trigger again, exactly as it was
    # References that may point forward (a later meeting, a request of another meeting).
    # After the index is filled: their update triggers replace the entries they touch.
    grouped: dict[type[m.Base], list[dict[str, Any]]] = defaultdict(list)
    for model, values in late_updates:
        grouped[model].append(values)
    for model, batch in grouped.items():
        _update_by_id(session, model, batch)
    _advance_sequences(session, [model for model in _TABLES if model in rows.rows])
    return summary


def _references_in_place(
    session: Session,
    rows: _Rows,
    first_ids: dict[type[m.Base], int],
    late: list[tuple[type[m.Base], dict[str, Any]]],
) -> list[tuple[type[m.Base], dict[str, Any]]]:
    """SQLite: write forward references with the rows themselves; nothing is left late.

    SQLite checks foreign keys at the commit when asked to (`defer_foreign_keys`, for
    this transaction only), so a meeting may name the later meeting that approved its
    minutes as it is inserted. A reference that resolves to nothing still fails the
    commit, and the whole import with it.
    """
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    for model, values in late:
        rows.rows[model][values["id"] - first_ids[model]].update(values)
    return []


def _insert(
    session: Session, model: type[m.Base], batch: list[dict[str, Any]], *, plain: bool
) -> None:
    """One executemany for the whole batch.

    On SQLite the rows go to the driver as tuples, each value through its column type's
    own conversion (dates, cents, NFC) as SQLAlchemy would do it; SQLAlchemy's own
    per-row work for an executemany was half the import. Elsewhere Core batches them.
    """
    table: Table = model.__table__  # type: ignore[assignment]
    plan = _plain_insert(session, table, batch) if plain else None
    if plan is None:
        # Core, not the ORM's bulk insert: the ORM splits a batch wherever the None
        # values fall differently (10,000 statements for the large demo instead of 24).
        session.execute(insert(table), batch)
        return
    try:
        rows = list(map(itemgetter(*plan.keys), batch))
    except KeyError:  # rows naming different columns: Core sorts them out
        session.execute(insert(table), batch)
        return
    if plan.conversions or plan.fixed:
        columns: list[Iterable[Any]] = list(zip(*rows, strict=True))
        for index, convert in plan.conversions:
            columns[index] = map(convert, columns[index])
        columns += [repeat(value, len(batch)) for value in plan.fixed]
        rows = list(zip(*columns, strict=True))
    session.connection().exec_driver_sql(plan.sql, rows)


@dataclass(frozen=True)
class _InsertPlan:
    sql: str  # INSERT INTO t (<keys>, <columns with a fixed default>) VALUES (?, ...)
    keys: tuple[str, ...]  # what each row gives
    conversions: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, type's conversion)
    fixed: tuple[Any, ...]  # the defaults of columns the rows leave out, converted


def _plain_insert(
    session: Session, table: Table, batch: list[dict[str, Any]]
) -> _InsertPlan | None:
    """How to give `batch` to the driver as it is.

    None where Core must do it: not SQLite, rows with different numbers of columns, or
    a column default computed per row.
    """
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite":
        return None
    keys = batch[0].keys()
    # Every row names as many columns (counted in C); a row naming others fails to give
    # one of these keys, and `_insert` leaves the batch to Core.
    if len(keys) < 2 or set(map(len, batch)) != {len(keys)}:
        return None
    columns = [table.c[key] for key in keys]
    fixed = []
    for column in table.c:
        if column.key in keys or column.default is None:
            continue  # a server default or NULL, as an INSERT without the column gives
        if not column.default.is_scalar:
            return None
        convert = column.type.dialect_impl(dialect).bind_processor(dialect)
        value = column.default.arg  # type: ignore[attr-defined]
        columns.append(column)
        fixed.append(convert(value) if convert else value)
    conversions = []
    for index, key in enumerate(keys):
        column_type = table.c[key].type
        convert = column_type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None and isinstance(column_type, (Date, DateTime, Time)):
            # Equal moments are stored alike: each distinct day is written out once.
            convert = cache(convert)
        if convert is not None:
            conversions.append((index, convert))
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column.name) for column in columns)
    marks = ", ".join("?" for _ in columns)
    return _InsertPlan(
        sql=f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})",
        keys=tuple(keys),
        conversions=tuple(conversions),
        fixed=tuple(fixed),
    )


def _advance_sequences(session: Session, models: list[type[m.Base]]) -> None:
    """PostgreSQL: move each id sequence past the ids the import gave, so the next
    record made in the app does not take an imported id."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'(SELECT max(id) FROM "{table}"))'
            )
        )


def _update_by_id(session: Session, model: type[m.Base], batch: list[dict[str, Any]]) -> None:
    """Core, not the ORM's bulk update: that one wants each row's version (migration 0004)
    and raises it, while an imported row stays at version 1."""
    table = model.__table__
    columns = [name for name in batch[0] if name != "id"]
    statement = (
        update(table)  # type: ignore[arg-type]
        .where(table.c.id == bindparam("row_id"))
        .values({name: bindparam(f"new_{name}") for name in columns})
    )
    session.execute(
        statement,
        [{"row_id": row["id"], **{f"new_{name}": row[name] for name in columns}} for row in batch],
    )


# The search index (migration 0002) is kept by triggers `search_<table>_insert`, each
# `AFTER INSERT ON <table> BEGIN INSERT INTO search_index(...) SELECT <new.* exprs>; END`.
_SEARCH_TRIGGER = re.compile(
    r"^CREATE TRIGGER (?P<name>search_\w+_insert) AFTER INSERT ON (?P<table>\w+) "
    r"BEGIN (?P<head>INSERT INTO search_index\([^)]*\)) (?P<select>SELECT .*?);? END$",
    re.DOTALL,
)


def _search_insert_triggers(session: Session) -> list[tuple[str, str, str]]:
    """(table, trigger name, its SQL) of every search-index insert trigger, on SQLite."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    found = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")
    ).all()
    triggers = []
    for name, sql in found:
        match = _SEARCH_TRIGGER.match(sql or "")
        if match and match["name"] == name:
            triggers.append((match["table"], name, sql))
    return triggers


# The guards of approved minutes (migration 0002), `frozen_<table>_insert`, refuse a new
# row in frozen minutes unless an override is held. The import holds one throughout, so
# during its bulk insert they can refuse nothing and only cost a lookup per row (a fifth
# of the insert): they are lifted for it and put back, all inside the one transaction.
_FROZEN_GUARD = re.compile(
    r"^CREATE TRIGGER (?P<name>frozen_\w+_insert) BEFORE INSERT ON (?P<table>\w+) WHEN .*"
    r"NOT EXISTS \(SELECT 1 FROM store_override\)",
    re.DOTALL,
)


def _frozen_insert_guards(session: Session) -> list[tuple[str, str, str]]:
    """(table, trigger name, its SQL) of every frozen-minutes insert guard, on SQLite."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    found = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'frozen%'")
    ).all()
    guards = []
    for name, sql in found:
        match = _FROZEN_GUARD.match(sql or "")
        if match and match["name"] == name:
            guards.append((match["table"], name, sql))
    return guards


def _index_new_rows(
    session: Session, triggers: list[tuple[str, str, str]], first_by_table: dict[str, int]
) -> None:
    """Do for every new row what the insert triggers do one row at a time.

    All tables in one statement, in rowid order: FTS5 then writes one ordered stream,
    where table after table it starts afresh at every step back in rowid (a quarter
    more work, and a larger index).
    """
    by_head: dict[str, list[str]] = defaultdict(list)
    bound: dict[str, int] = {}
    for index, (table, _name, sql) in enumerate(triggers):
        match = _SEARCH_TRIGGER.match(sql)
        first_id = first_by_table.get(table)
        if match is None or first_id is None:
            continue
        select = re.sub(r"\bnew\.", "r.", match["select"])
        by_head[match["head"]].append(f"{select} FROM {table} AS r WHERE r.id >= :first_{index}")
        bound[f"first_{index}"] = first_id
    for head, selects in by_head.items():
        union = " UNION ALL ".join(selects)
        session.execute(text(f"{head} SELECT * FROM ({union}) ORDER BY 1"), bound)


class _Neighbourhood:
    def __init__(self, rows: _Rows, hood: Json, late: list[tuple[type[m.Base], dict[str, Any]]]):
        self.rows = rows
        self.hood = hood
        self.late = late
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)
        self.point_ids: dict[tuple[str, int], int] = {}

    def ref(self, kind: str, public_id: str | None) -> int | None:
        return None if public_id is None else self.ids[kind][public_id]

    def write(self) -> None:
        hood = self.hood
        settings = hood.get("settings") or {}
        self.hood_id = self.rows.add(
            m.Neighbourhood,
            name=hood["name"],
            municipality=hood["municipality"],
            quorum=settings.get("quorum"),
            meeting_interval_weeks=settings.get("meeting_interval_weeks"),
            reply_weeks=settings.get("reply_weeks"),
            default_budget=_money(settings.get("default_budget")),
        )
        for party in _items(hood, "parties"):
            self.ids["party"][party["id"]] = self.rows.add(
                m.Party,
                neighbourhood_id=self.hood_id,
                public_id=party["id"],
                name=party["name"],
                kind=party["kind"],
            )
        for person in _items(hood, "people"):
            self.ids["person"][person["id"]] = self.rows.add(
                m.Person,
                neighbourhood_id=self.hood_id,
                public_id=person["id"],
                name=person["name"],
                roles=" ".join(_items(person, "roles")),
                email=person.get("email"),
                phone=person.get("phone"),
                party_id=self.ref("party", person.get("party")),
            )
        self.meetings()
        self.contracts()
        self.requests_and_attendance()
        self.budget()
        self.issues()
        self.agendas()

    def contracts(self) -> None:
        contracts = _items(self.hood, "contracts")
        for contract in contracts:
            contract_id = self.rows.add(
                m.Contract,
                neighbourhood_id=self.hood_id,
                public_id=contract["id"],
                title=contract["title"],
                starts_on=_date(contract["starts_on"]),
                ends_on=_date(contract["ends_on"]),
            )
            self.ids["contract"][contract["id"]] = contract_id
            for signature in _items(contract, "signatures"):
                self.rows.add(
                    m.Signature,
                    contract_id=contract_id,
                    party_id=self.ref("party", signature["party"]),
                    signed_on=_date(signature["signed_on"]),
                    signed_by=signature["signed_by"],
                )
        for contract in contracts:
            contract_id = self.ids["contract"][contract["id"]]
            for point in _items(contract, "points"):
                origin = point.get("carried_from") or {}
                point_id = self.rows.add(
                    m.ContractPoint,
                    contract_id=contract_id,
                    number=point["number"],
                    title=point["title"],
                    description=point.get("description"),
                    theme=point.get("theme"),
                    party_id=self.ref("party", point["party"]),
                    due=_date(point.get("due")),
                    status=point["status"],
                    carried_from_contract_id=self.ref("contract", origin.get("contract")),
                    carried_from_number=origin.get("number"),
                )
                for entry in _items(point, "history"):
                    self.rows.add(
                        m.PointHistory,
                        point_id=point_id,
                        date=_date(entry["date"]),
                        status=entry["status"],
                        note=entry.get("note"),
                        meeting_id=self.ref("meeting", entry.get("meeting")),
                        due=_date(entry.get("due")),
                    )

    def meetings(self) -> None:
        for meeting in _items(self.hood, "meetings"):
            self.ids["meeting"][meeting["id"]] = self.rows.add(
                m.Meeting,
                neighbourhood_id=self.hood_id,
                public_id=meeting["id"],
                starts_at=local_datetime(meeting["starts_at"]),
                ends_at=local_datetime(meeting["ends_at"]) if meeting.get("ends_at") else None,
                location=meeting.get("location"),
                chair_id=self.ref("person", meeting.get("chair")),
                secretary_id=self.ref("person", meeting.get("secretary")),
                status=meeting["status"],
                minutes_approved_at_id=None,
            )
        for meeting in _items(self.hood, "meetings"):
            if meeting.get("minutes_approved_at"):
                self.late.append(
                    (
                        m.Meeting,
                        {
                            "id": self.ids["meeting"][meeting["id"]],
                            "minutes_approved_at_id": self.ids["meeting"][
                                meeting["minutes_approved_at"]
                            ],
                        },
                    )
                )

    def requests_and_attendance(self) -> None:
        for meeting in _items(self.hood, "meetings"):
            meeting_id = self.ids["meeting"][meeting["id"]]
            for row in _items(meeting, "attendance"):
                self.rows.add(
                    m.Attendance,
                    meeting_id=meeting_id,
                    person_id=self.ref("person", row["person"]),
                    status=row["status"],
                    arrived_at=_time(row.get("arrived_at")),
                    left_at=_time(row.get("left_at")),
                )
            for guest in _items(meeting, "guests"):
                self.rows.add(
                    m.Guest,
                    meeting_id=meeting_id,
                    name=guest["name"],
                    organisation=guest.get("organisation"),
                )
            for erratum in _items(meeting, "errata"):
                self.rows.add(
                    m.Erratum,
                    meeting_id=meeting_id,
                    date=_date(erratum["date"]),
                    text=erratum["text"],
                )
            for request in _items(meeting, "agenda_requests"):
                self.ids["agenda_request"][request["id"]] = self.rows.add(
                    m.AgendaRequest,
                    meeting_id=meeting_id,
                    public_id=request["id"],
                    title=request["title"],
                    description=request.get("description"),
                    source=request["source"],
                    submitted_by_id=self.ref("person", request.get("submitted_by")),
                    submitted_on=_date(request["submitted_on"]),
                    state=request["state"],
                    carried_from_id=None,
                )
        for meeting in _items(self.hood, "meetings"):
            for request in _items(meeting, "agenda_requests"):
                if request.get("carried_from"):
                    self.late.append(
                        (
                            m.AgendaRequest,
                            {
                                "id": self.ids["agenda_request"][request["id"]],
                                "carried_from_id": self.ids["agenda_request"][
                                    request["carried_from"]
                                ],
                            },
                        )
                    )

    def budget(self) -> None:
        for year in _items(self.hood, "budget_years"):
            self.rows.add(
                m.BudgetYear,
                neighbourhood_id=self.hood_id,
                year=year["year"],
                amount=_money(year["amount"]),
                carry_over=_money(year.get("carry_over")),
            )
        for proposal in _items(self.hood, "proposals"):
            decision = proposal.get("decision") or {}
            votes = decision.get("votes") or {}
            proposal_id = self.rows.add(
                m.Proposal,
                neighbourhood_id=self.hood_id,
                public_id=proposal["id"],
                year=proposal["year"],
                title=proposal["title"],
                description=proposal.get("description"),
                theme=proposal.get("theme"),
                submitted_by_id=self.ref("person", proposal.get("submitted_by")),
                received_on=_date(proposal["received_on"]),
                amount_requested=_money(proposal["amount_requested"]),
                not_regular_maintenance=proposal["not_regular_maintenance"],
                status=proposal["status"],
                decision_meeting_id=self.ref("meeting", decision.get("meeting")),
                amount_granted=_money(decision.get("amount_granted")),
                decision_reason=decision.get("reason"),
                votes_for=votes.get("for"),
                votes_against=votes.get("against"),
                votes_abstain=votes.get("abstain"),
            )
            self.ids["proposal"][proposal["id"]] = proposal_id
            for payment in _items(proposal, "payments"):
                self.rows.add(
                    m.Payment,
                    proposal_id=proposal_id,
                    paid_on=_date(payment["paid_on"]),
                    amount=_money(payment["amount"]),
                    reference=payment.get("reference"),
                )

    def issues(self) -> None:
        for issue in _items(self.hood, "issues"):
            issue_id = self.rows.add(
                m.Issue,
                neighbourhood_id=self.hood_id,
                public_id=issue["id"],
                title=issue["title"],
                description=issue.get("description"),
                raised_on=_date(issue["raised_on"]),
                raised_by_id=self.ref("person", issue.get("raised_by")),
                party_id=self.ref("party", issue.get("party")),
                status=issue["status"],
            )
            self.ids["issue"][issue["id"]] = issue_id
            for step in _items(issue, "steps"):
                self.rows.add(
                    m.IssueStep,
                    issue_id=issue_id,
                    date=_date(step["date"]),
                    kind=step["kind"],
                    text=step["text"],
                    to=step.get("to"),
                )

    def agendas(self) -> None:
        for meeting in _items(self.hood, "meetings"):
            meeting_id = self.ids["meeting"][meeting["id"]]
            for position, item in enumerate(_items(meeting, "agenda"), start=1):
                item_id = self.rows.add(
                    m.AgendaItem,
                    meeting_id=meeting_id,
                    public_id=item["id"],
                    position=position,
                    section=item["section"],
                    title=item["title"],
                    description=item.get("description"),
                    source=item["source"],
                    submitted_by_id=self.ref("person", item.get("submitted_by")),
                    request_id=self.ref("agenda_request", item.get("request")),
                    minutes=item.get("minutes"),
                    purpose=item["purpose"],
                    notes=item.get("notes"),
                )
                for decision in _items(item, "decisions"):
                    votes = decision.get("votes") or {}
                    self.rows.add(
                        m.Decision,
                        agenda_item_id=item_id,
                        public_id=decision["id"],
                        text=decision["text"],
                        votes_for=votes.get("for"),
                        votes_against=votes.get("against"),
                        votes_abstain=votes.get("abstain"),
                    )
                for action in _items(item, "actions"):
                    self.rows.add(
                        m.Action,
                        agenda_item_id=item_id,
                        public_id=action["id"],
                        text=action["text"],
                        owner_id=self.ref("person", action.get("owner")),
                        party_id=self.ref("party", action.get("party")),
                        due=_date(action.get("due")),
                        done_on=_date(action.get("done_on")),
                    )
                for idea in _items(item, "ideas"):
                    self.rows.add(
                        m.Idea, agenda_item_id=item_id, public_id=idea["id"], text=idea["text"]
                    )
                for number in _items(item, "contract_points"):
                    self.rows.add(m.AgendaItemPoint, agenda_item_id=item_id, number=number)
                for proposal in _items(item, "proposals"):
                    self.rows.add(
                        m.AgendaItemProposal,
                        agenda_item_id=item_id,
                        proposal_id=self.ids["proposal"][proposal],
                    )
                for issue in _items(item, "issues"):
                    self.rows.add(
                        m.AgendaItemIssue, agenda_item_id=item_id, issue_id=self.ids["issue"][issue]
                    )
