"""The SQLAlchemy models: one table per record kind of the exchange format.

Every record that the exchange format gives an `id` keeps it as `public_id`; the integer
primary keys are private to the file. Rows are read back in primary-key order where the
exchange format has no order of its own, so a list keeps the order it was imported or
created in. Money columns use `Money` (integer cents), text columns `NFCText`.
No ORM object leaves `store/`: repositories turn rows into domain values or plain rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Time,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    relationship,
)

from buurtteam.store.types import Money, NFCString, NFCText

# Named constraints, so Alembic's batch mode on SQLite can find and change them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(200)  # public ids: slugs or UUIDs
ENUM = String(40)  # exchange vocabulary values, checked in the domain


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """A record people edit in forms, perhaps two at once on different laptops (migration 0004).

    `version` is SQLAlchemy's version counter: every ORM UPDATE says `WHERE version = <the
    version read>` and raises it by one, so a write based on a stale read fails
    (StaleDataError) instead of overwriting. `changed_by` and `changed_at` say who saved
    last and when, so the one who saves second can be told. None of the three travels in
    the exchange format: an import starts at version 1, with nobody named.
    """

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(NFCText)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


@event.listens_for(Session, "before_flush")
def _stamp_editor(session: Session, _context: object, _instances: object) -> None:
    """Every new or changed edited record says who saved it and when.

    `Database.write()` puts the editor and the clock in `session.info`; a session made
    otherwise (a test's own) stamps nobody.
    """
    if "clock" not in session.info:
        return
    moment: dt.datetime | None = None
    for row in (*session.new, *session.dirty):
        if not isinstance(row, Versioned):
            continue
        if row not in session.new and not session.is_modified(row, include_collections=False):
            continue
        moment = moment or session.info["clock"]().replace(microsecond=0)
        row.changed_by = session.info.get("editor")
        row.changed_at = moment


def _fk(target: str, *, nullable: bool = False, cascade: bool = True) -> Mapped:
    return mapped_column(
        ForeignKey(target, ondelete="CASCADE" if cascade else "SET NULL"),
        nullable=nullable,
        index=True,
    )


class Neighbourhood(Base):
    __tablename__ = "neighbourhood"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(NFCString(200), unique=True)
    municipality: Mapped[str] = mapped_column(NFCString(200))
    # Team settings; NULL means "the default" and is exported as absent.
    quorum: Mapped[int | None]
    meeting_interval_weeks: Mapped[int | None]
    reply_weeks: Mapped[int | None]
    default_budget: Mapped[Decimal | None] = mapped_column(Money)

    parties: Mapped[list[Party]] = relationship(
        back_populates="neighbourhood", cascade="all, delete-orphan", order_by="Party.id"
    )


class Party(Versioned, Base):
    __tablename__ = "party"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "public_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    public_id: Mapped[str] = mapped_column(ID)
    name: Mapped[str] = mapped_column(NFCString(300))
    kind: Mapped[str] = mapped_column(ENUM)

    neighbourhood: Mapped[Neighbourhood] = relationship(back_populates="parties")


class Person(Versioned, Base):
    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "public_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    public_id: Mapped[str] = mapped_column(ID)
    name: Mapped[str] = mapped_column(NFCString(300))
    # Space-separated role values in the order given ("resident secretary").
    roles: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(NFCString(300))
    phone: Mapped[str | None] = mapped_column(NFCString(100))
    party_id: Mapped[int | None] = _fk("party.id", nullable=True, cascade=False)


class Contract(Versioned, Base):
    __tablename__ = "contract"
    __table_args__ = (
        UniqueConstraint("neighbourhood_id", "public_id"),
        CheckConstraint("ends_on > starts_on", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    public_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str] = mapped_column(NFCText)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)


class Signature(Base):
    __tablename__ = "signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = _fk("contract.id")
    party_id: Mapped[int] = _fk("party.id")
    signed_on: Mapped[dt.date] = mapped_column(Date)
    signed_by: Mapped[str] = mapped_column(NFCText)


class ContractPoint(Versioned, Base):
    __tablename__ = "contract_point"
    __table_args__ = (UniqueConstraint("contract_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = _fk("contract.id")
    number: Mapped[int]
    title: Mapped[str] = mapped_column(NFCText)
    description: Mapped[str | None] = mapped_column(NFCText)
    theme: Mapped[str | None] = mapped_column(NFCString(200))
    # Exactly one owning party, always.
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(ENUM)
    carried_from_contract_id: Mapped[int | None] = _fk("contract.id", nullable=True, cascade=False)
    carried_from_number: Mapped[int | None]


class PointHistory(Base):
    """One dated entry of a point's history. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "point_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = _fk("contract_point.id")
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(ENUM)
    note: Mapped[str | None] = mapped_column(NFCText)
    meeting_id: Mapped[int | None] = _fk("meeting.id", nullable=True, cascade=False)
    due: Mapped[dt.date | None] = mapped_column(Date)


class Meeting(Versioned, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("neighbourhood_id", "public_id"),
        Index("ix_meeting_neighbourhood_starts", "neighbourhood_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    public_id: Mapped[str] = mapped_column(ID)
    # Local time of the neighbourhood (Europe/Amsterdam), without offset.
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    location: Mapped[str | None] = mapped_column(NFCText)
    chair_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    secretary_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    status: Mapped[str] = mapped_column(ENUM)
    minutes_approved_at_id: Mapped[int | None] = _fk("meeting.id", nullable=True, cascade=False)
    # A meeting moved or cancelled says why (not part of exchange format v1).
    cancel_reason: Mapped[str | None] = mapped_column(NFCText)
    move_reason: Mapped[str | None] = mapped_column(NFCText)
    original_starts_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Set when the minutes are approved; renewed with each erratum. See ops for the hash.
    minutes_fingerprint: Mapped[str | None] = mapped_column(String(64))


class MeetingBreak(Base):
    """A period a six-weekly series skips: the summer break, the Christmas holidays."""

    __tablename__ = "meeting_break"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(NFCText)


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = _fk("meeting.id")
    person_id: Mapped[int] = _fk("person.id")
    status: Mapped[str] = mapped_column(ENUM)
    arrived_at: Mapped[dt.time | None] = mapped_column(Time)
    left_at: Mapped[dt.time | None] = mapped_column(Time)


class Guest(Base):
    __tablename__ = "guest"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = _fk("meeting.id")
    name: Mapped[str] = mapped_column(NFCString(300))
    organisation: Mapped[str | None] = mapped_column(NFCString(300))


class Erratum(Base):
    __tablename__ = "erratum"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = _fk("meeting.id")
    date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(NFCText)


class AgendaRequest(Base):
    __tablename__ = "agenda_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = _fk("meeting.id")
    public_id: Mapped[str] = mapped_column(ID, index=True)
    title: Mapped[str] = mapped_column(NFCText)
    description: Mapped[str | None] = mapped_column(NFCText)
    source: Mapped[str] = mapped_column(ENUM)
    submitted_by_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(ENUM)
    carried_from_id: Mapped[int | None] = _fk("agenda_request.id", nullable=True, cascade=False)
    decline_reason: Mapped[str | None] = mapped_column(NFCText)


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = _fk("meeting.id")
    public_id: Mapped[str] = mapped_column(ID, index=True)
    position: Mapped[int]  # printed order within the meeting
    section: Mapped[str] = mapped_column(ENUM)
    title: Mapped[str] = mapped_column(NFCText)
    description: Mapped[str | None] = mapped_column(NFCText)
    source: Mapped[str] = mapped_column(ENUM)
    submitted_by_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    request_id: Mapped[int | None] = _fk("agenda_request.id", nullable=True, cascade=False)
    minutes: Mapped[int | None]  # time box
    purpose: Mapped[str] = mapped_column(ENUM)
    notes: Mapped[str | None] = mapped_column(NFCText)
    # None until the meeting is held; an undiscussed item carries over to the next agenda.
    discussed: Mapped[bool | None] = mapped_column(Boolean)
    carried_from_id: Mapped[int | None] = _fk("agenda_item.id", nullable=True, cascade=False)


class Decision(Versioned, Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = _fk("agenda_item.id")
    public_id: Mapped[str] = mapped_column(ID, index=True)
    text: Mapped[str] = mapped_column(NFCText)
    # Votes are all three or none.
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]


class Action(Versioned, Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = _fk("agenda_item.id")
    public_id: Mapped[str] = mapped_column(ID, index=True)
    text: Mapped[str] = mapped_column(NFCText)
    owner_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    party_id: Mapped[int | None] = _fk("party.id", nullable=True, cascade=False)
    due: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)


class Idea(Base):
    __tablename__ = "idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = _fk("agenda_item.id")
    public_id: Mapped[str] = mapped_column(ID, index=True)
    text: Mapped[str] = mapped_column(NFCText)


class AgendaItemPoint(Base):
    """An agenda item's link to a contract point, by number as the exchange format has it.

    The number is resolved against the contract in force on the meeting's date.
    """

    __tablename__ = "agenda_item_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = _fk("agenda_item.id")
    number: Mapped[int]


class AgendaItemProposal(Base):
    __tablename__ = "agenda_item_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = _fk("agenda_item.id")
    proposal_id: Mapped[int] = _fk("proposal.id")


class AgendaItemIssue(Base):
    __tablename__ = "agenda_item_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = _fk("agenda_item.id")
    issue_id: Mapped[int] = _fk("issue.id")


class BudgetYear(Base):
    __tablename__ = "budget_year"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Money)
    carry_over: Mapped[Decimal | None] = mapped_column(Money)


class Proposal(Versioned, Base):
    __tablename__ = "proposal"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "public_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    public_id: Mapped[str] = mapped_column(ID)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(NFCText)
    description: Mapped[str | None] = mapped_column(NFCText)
    theme: Mapped[str | None] = mapped_column(NFCString(200))
    submitted_by_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    received_on: Mapped[dt.date] = mapped_column(Date)
    amount_requested: Mapped[Decimal] = mapped_column(Money)
    not_regular_maintenance: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(ENUM)
    # The decision: present when decision_meeting_id is set.
    decision_meeting_id: Mapped[int | None] = _fk("meeting.id", nullable=True, cascade=False)
    amount_granted: Mapped[Decimal | None] = mapped_column(Money)
    decision_reason: Mapped[str | None] = mapped_column(NFCText)
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]


class Payment(Base):
    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = _fk("proposal.id")
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    reference: Mapped[str | None] = mapped_column(NFCText)


class Issue(Versioned, Base):
    __tablename__ = "issue"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "public_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    public_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str] = mapped_column(NFCText)
    description: Mapped[str | None] = mapped_column(NFCText)
    raised_on: Mapped[dt.date] = mapped_column(Date)
    raised_by_id: Mapped[int | None] = _fk("person.id", nullable=True, cascade=False)
    party_id: Mapped[int | None] = _fk("party.id", nullable=True, cascade=False)
    status: Mapped[str] = mapped_column(ENUM)


class IssueStep(Base):
    __tablename__ = "issue_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = _fk("issue.id")
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(ENUM)
    text: Mapped[str] = mapped_column(NFCText)
    to: Mapped[str | None] = mapped_column(NFCText)


class IssuePoint(Base):
    """A buurtkwestie linked to the contract points it concerns."""

    __tablename__ = "issue_point"
    __table_args__ = (UniqueConstraint("issue_id", "point_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = _fk("issue.id")
    point_id: Mapped[int] = _fk("contract_point.id")


class StoreOverride(Base):
    """While a row exists (inside one trusted transaction), frozen minutes may be written.

    Used by import (it writes approved minutes as they are) and by a recorded
    anonymisation; always inserted and deleted in the same transaction.
    """

    __tablename__ = "store_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(NFCText)


class FileLock(Base):
    """Who has the file open for writing; kept in the file so it travels with it."""

    __tablename__ = "file_lock"

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(NFCText)
    user: Mapped[str] = mapped_column(NFCText)
    pid: Mapped[int]
    since: Mapped[dt.datetime] = mapped_column(DateTime)
    heartbeat: Mapped[dt.datetime] = mapped_column(DateTime)


class Anonymisation(Base):
    """The record that a person was erased on request and what replaced their name."""

    __tablename__ = "anonymisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = _fk("neighbourhood.id")
    person_public_id: Mapped[str] = mapped_column(ID)
    role_label: Mapped[str] = mapped_column(NFCText)
    done_on: Mapped[dt.date] = mapped_column(Date)
