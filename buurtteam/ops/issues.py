"""Use cases of the buurtkwesties: the list, one issue with its steps, escalation, letters.

One transaction per function, plain frozen values out, "today" passed in. The steps of an
issue are its dated record (letter sent, reply received, reminder, discussed at a
meeting, note); the escalation ladder and the "no reply within N weeks" flag are derived
from them by `buurtteam.domain.contract`. A printed letter is recorded as a letter_sent
step, so an unanswered letter cannot be forgotten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from buurtteam.domain.contract import (
    RUNG_STEP,
    Rung,
    RungReached,
    current_rung,
    ladder,
    next_rung,
)
from buurtteam.domain.letters import (
    StepFact,
    UnansweredLetter,
    overdue_reply,
    unanswered_letters,
)
from buurtteam.domain.text import clean_line, clean_text, fold
from buurtteam.domain.vocab import (
    DEFAULT_REPLY_WEEKS,
    IssueStatus,
    MeetingStatus,
    PartyKind,
    PointStatus,
    StepKind,
)
from buurtteam.errors import N_, InvalidInput, NotFound, RuleBroken
from buurtteam.i18n import _
from buurtteam.i18n.labels import issue_status_label
from buurtteam.ops.contract import PartyChoice, default_contract_id, parties_of
from buurtteam.ops.editing import Field, Started, check_edit, values_of
from buurtteam.reports.letter import LetterData, write_letter
from buurtteam.store import models as m
from buurtteam.store.db import Database


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str


@dataclass(frozen=True)
class IssueLine:
    id: int
    title: str
    status: IssueStatus
    party: str | None
    raised_on: dt.date
    raised_by: str | None
    steps: int
    last_step_on: dt.date | None
    rung: Rung
    reply_overdue: UnansweredLetter | None  # the oldest letter whose reply is overdue


@dataclass(frozen=True)
class IssuesView:
    neighbourhood: str
    today: dt.date
    reply_weeks: int
    issues: tuple[IssueLine, ...]  # open first, then the most recently raised
    parties: tuple[PartyChoice, ...]
    people: tuple[PersonChoice, ...]


@dataclass(frozen=True)
class StepLine:
    id: int
    date: dt.date
    kind: StepKind
    text: str
    to: str | None


@dataclass(frozen=True)
class LinkedPoint:
    point_id: int
    contract_title: str
    number: int
    title: str
    status: PointStatus


@dataclass(frozen=True)
class LinkedItem:
    agenda_item_id: int
    meeting_on: dt.datetime
    title: str
    frozen: bool  # its meeting's minutes are approved: the link cannot change


@dataclass(frozen=True)
class IssueDetail:
    id: int
    neighbourhood_id: int
    public_id: str
    title: str
    description: str | None
    raised_on: dt.date
    raised_by: PersonChoice | None
    party: PartyChoice | None
    status: IssueStatus
    steps: tuple[StepLine, ...]  # by date, then as recorded
    ladder: tuple[RungReached, ...]
    next_rung: Rung | None
    unanswered: tuple[UnansweredLetter, ...]
    reply_overdue: UnansweredLetter | None
    reply_weeks: int
    points: tuple[LinkedPoint, ...]
    agenda_items: tuple[LinkedItem, ...]
    version: int = 1  # for saving an edit safely (ops.editing)

    def started(self) -> Started:
        """What the edit form starts from: the fields of `IssueInput`."""
        return Started(
            self.version,
            {
                "title": self.title,
                "raised_on": self.raised_on,
                "description": self.description,
                "raised_by_id": self.raised_by.id if self.raised_by else None,
                "party_id": self.party.id if self.party else None,
                "status": self.status,
            },
        )


@dataclass(frozen=True)
class IssueInput:
    title: str
    raised_on: dt.date
    description: str | None = None
    raised_by_id: int | None = None
    party_id: int | None = None
    status: IssueStatus = IssueStatus.OPEN


@dataclass(frozen=True)
class StepInput:
    date: dt.date
    kind: StepKind
    text: str
    to: str | None = None


# -- reading ------------------------------------------------------------------------------


def _hood(session: Session, neighbourhood_id: int) -> m.Neighbourhood:
    hood = session.get(m.Neighbourhood, neighbourhood_id)
    if hood is None:
        raise NotFound(N_("This neighbourhood no longer exists in the database."))
    return hood


def _reply_weeks(hood: m.Neighbourhood) -> int:
    return hood.reply_weeks if hood.reply_weeks is not None else DEFAULT_REPLY_WEEKS


def _council_names(session: Session, neighbourhood_id: int) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(m.Party.name).where(
                m.Party.neighbourhood_id == neighbourhood_id,
                m.Party.kind == PartyKind.COUNCIL.value,
            )
        )
    )


def _steps_by_issue(session: Session, neighbourhood_id: int) -> dict[int, list[m.IssueStep]]:
    grouped: dict[int, list[m.IssueStep]] = defaultdict(list)
    for step in session.execute(
        select(m.IssueStep)
        .join(m.Issue, m.IssueStep.issue_id == m.Issue.id)
        .where(m.Issue.neighbourhood_id == neighbourhood_id)
        .order_by(m.IssueStep.date, m.IssueStep.id)
    ).scalars():
        grouped[step.issue_id].append(step)
    return grouped


def _facts(steps: list[m.IssueStep]) -> list[StepFact]:
    return [StepFact(s.date, StepKind(s.kind), s.to, s.text) for s in steps]


def people_of(session: Session, neighbourhood_id: int) -> tuple[PersonChoice, ...]:
    rows = session.execute(
        select(m.Person.id, m.Person.name).where(m.Person.neighbourhood_id == neighbourhood_id)
    ).all()
    return tuple(
        sorted((PersonChoice(r.id, r.name) for r in rows), key=lambda p: (fold(p.name), p.id))
    )


def issues_view(db: Database, neighbourhood_id: int, today: dt.date) -> IssuesView:
    """The Kwesties page: every issue with its rung on the ladder and the reply flag."""
    with db.read() as session:
        hood = _hood(session, neighbourhood_id)
        name, weeks = hood.name, _reply_weeks(hood)
        council = _council_names(session, neighbourhood_id)
        steps = _steps_by_issue(session, neighbourhood_id)
        raiser = m.Person
        rows = session.execute(
            select(
                m.Issue.id,
                m.Issue.title,
                m.Issue.status,
                m.Issue.raised_on,
                m.Party.name.label("party"),
                raiser.name.label("raised_by"),
            )
            .outerjoin(m.Party, m.Issue.party_id == m.Party.id)
            .outerjoin(raiser, m.Issue.raised_by_id == raiser.id)
            .where(m.Issue.neighbourhood_id == neighbourhood_id)
            .order_by(m.Issue.raised_on.desc(), m.Issue.id.desc())
        ).all()
        lines = []
        for row in rows:
            facts = _facts(steps[row.id])
            status = IssueStatus(row.status)
            lines.append(
                IssueLine(
                    id=row.id,
                    title=row.title,
                    status=status,
                    party=row.party,
                    raised_on=row.raised_on,
                    raised_by=row.raised_by,
                    steps=len(facts),
                    last_step_on=facts[-1].date if facts else None,
                    rung=current_rung(ladder(row.raised_on, facts, council)),
                    reply_overdue=overdue_reply(status, facts, today, weeks),
                )
            )
        # Open issues first: those are the ones the team still acts on.
        lines.sort(key=lambda line: line.status is not IssueStatus.OPEN)
        return IssuesView(
            neighbourhood=name,
            today=today,
            reply_weeks=weeks,
            issues=tuple(lines),
            parties=parties_of(session, neighbourhood_id),
            people=people_of(session, neighbourhood_id),
        )


def _issue(session: Session, issue_id: int) -> m.Issue:
    issue = session.get(m.Issue, issue_id)
    if issue is None:
        raise NotFound(N_("This issue no longer exists in the database."))
    return issue


def issue_detail(db: Database, issue_id: int, today: dt.date) -> IssueDetail:
    with db.read() as session:
        issue = _issue(session, issue_id)
        hood = _hood(session, issue.neighbourhood_id)
        weeks = _reply_weeks(hood)
        steps = list(
            session.execute(
                select(m.IssueStep)
                .where(m.IssueStep.issue_id == issue.id)
                .order_by(m.IssueStep.date, m.IssueStep.id)
            ).scalars()
        )
        facts = _facts(steps)
        rungs = ladder(issue.raised_on, facts, _council_names(session, issue.neighbourhood_id))
        status = IssueStatus(issue.status)
        person = session.get(m.Person, issue.raised_by_id) if issue.raised_by_id else None
        party = session.get(m.Party, issue.party_id) if issue.party_id else None
        points = tuple(
            LinkedPoint(r.id, r.c, r.number, r.title, PointStatus(r.status))
            for r in session.execute(
                select(
                    m.ContractPoint.id,
                    m.ContractPoint.number,
                    m.ContractPoint.title,
                    m.ContractPoint.status,
                    m.Contract.title.label("c"),
                )
                .join(m.IssuePoint, m.IssuePoint.point_id == m.ContractPoint.id)
                .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
                .where(m.IssuePoint.issue_id == issue.id)
                .order_by(m.Contract.starts_on, m.ContractPoint.number)
            ).all()
        )
        items = tuple(
            LinkedItem(r.id, r.starts_at, r.title, r.status == MeetingStatus.MINUTES_APPROVED.value)
            for r in session.execute(
                select(m.AgendaItem.id, m.AgendaItem.title, m.Meeting.starts_at, m.Meeting.status)
                .join(m.AgendaItemIssue, m.AgendaItemIssue.agenda_item_id == m.AgendaItem.id)
                .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
                .where(m.AgendaItemIssue.issue_id == issue.id)
                .order_by(m.Meeting.starts_at, m.AgendaItem.position)
            ).all()
        )
        return IssueDetail(
            id=issue.id,
            neighbourhood_id=issue.neighbourhood_id,
            public_id=issue.public_id,
            title=issue.title,
            description=issue.description,
            raised_on=issue.raised_on,
            raised_by=PersonChoice(person.id, person.name) if person else None,
            party=(
                PartyChoice(party.id, party.public_id, party.name, PartyKind(party.kind))
                if party
                else None
            ),
            status=status,
            steps=tuple(StepLine(s.id, s.date, StepKind(s.kind), s.text, s.to) for s in steps),
            ladder=rungs,
            next_rung=next_rung(rungs) if status is IssueStatus.OPEN else None,
            unanswered=unanswered_letters(facts, today, weeks),
            reply_overdue=overdue_reply(status, facts, today, weeks),
            reply_weeks=weeks,
            points=points,
            agenda_items=items,
            version=issue.version,
        )


# -- changing -----------------------------------------------------------------------------


def _optional_text(value: str | None) -> str | None:
    return clean_text(value or "").strip() or None


def _line(value: str | None) -> str:
    return " ".join(clean_line(value or "").split())


def _check_not_future(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise RuleBroken(
            N_(
                "The date {on} lies in the future; record what has happened. Choose today "
                "({today}) or an earlier date."
            ),
            on=day,
            today=today,
        )


def _check_refs(session: Session, neighbourhood_id: int, data: IssueInput) -> None:
    if data.party_id is not None:
        party = session.get(m.Party, data.party_id)
        if party is None or party.neighbourhood_id != neighbourhood_id:
            raise NotFound(
                N_("The chosen party does not exist in this neighbourhood. Choose another one.")
            )
    if data.raised_by_id is not None:
        person = session.get(m.Person, data.raised_by_id)
        if person is None or person.neighbourhood_id != neighbourhood_id:
            raise NotFound(
                N_("The chosen person does not exist in this neighbourhood. Choose another one.")
            )


def _clean_issue(data: IssueInput, today: dt.date) -> IssueInput:
    title = _line(data.title)
    if not title:
        raise InvalidInput(N_("An issue needs a title: say in a few words what is wrong."))
    _check_not_future(data.raised_on, today)
    return IssueInput(
        title=title,
        raised_on=data.raised_on,
        description=_optional_text(data.description),
        raised_by_id=data.raised_by_id,
        party_id=data.party_id,
        status=data.status,
    )


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _new_public_id(session: Session, neighbourhood_id: int, title: str) -> str:
    """A readable id like `k-kapotte-straatverlichting`, unique in the neighbourhood."""
    slug = _NOT_SLUG.sub("-", fold(title)).strip("-")[:40].strip("-") or "kwestie"
    base = f"k-{slug}"
    taken = set(
        session.scalars(
            select(m.Issue.public_id).where(
                m.Issue.neighbourhood_id == neighbourhood_id,
                m.Issue.public_id.like(f"{base}%"),
            )
        )
    )
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    return candidate


def create_issue(db: Database, neighbourhood_id: int, data: IssueInput, today: dt.date) -> int:
    data = _clean_issue(data, today)
    with db.write() as session:
        _hood(session, neighbourhood_id)
        _check_refs(session, neighbourhood_id, data)
        issue = m.Issue(
            neighbourhood_id=neighbourhood_id,
            public_id=_new_public_id(session, neighbourhood_id, data.title),
            title=data.title,
            description=data.description,
            raised_on=data.raised_on,
            raised_by_id=data.raised_by_id,
            party_id=data.party_id,
            status=data.status.value,
        )
        session.add(issue)
        session.flush()
        return issue.id


def _issue_fields(session: Session) -> tuple[Field, ...]:
    def person_name(person_id: int) -> str:
        person = session.get(m.Person, person_id)
        return person.name if person is not None else "?"

    def party_name(party_id: int) -> str:
        party = session.get(m.Party, party_id)
        return party.name if party is not None else "?"

    return (
        Field("title", N_("Title")),
        Field("raised_on", N_("Raised on")),
        Field("description", N_("Description")),
        Field("raised_by_id", N_("Raised by"), person_name),
        Field("party_id", N_("Party to act"), party_name),
        Field("status", N_("Status"), lambda status: issue_status_label(IssueStatus(status))),
    )


def edit_issue(
    db: Database,
    issue_id: int,
    data: IssueInput,
    today: dt.date,
    started: Started | None = None,
) -> int:
    """Change what the issue says, who raised it, which party should act and its status.

    Raises:
        EditConflict: saving would undo what someone else saved since `started`.
    """
    data = _clean_issue(data, today)
    with db.write() as session:
        issue = _issue(session, issue_id)
        check_edit(
            session,
            issue,
            started,
            _issue_fields(session),
            values_of(data),
            lambda: {
                "title": issue.title,
                "raised_on": issue.raised_on,
                "description": issue.description,
                "raised_by_id": issue.raised_by_id,
                "party_id": issue.party_id,
                "status": IssueStatus(issue.status),
            },
            kind="issue",
            record=lambda: _("issue “{title}”").format(title=issue.title),
        )
        _check_refs(session, issue.neighbourhood_id, data)
        first = session.scalar(
            select(func.min(m.IssueStep.date)).where(m.IssueStep.issue_id == issue.id)
        )
        if first is not None and data.raised_on > first:
            raise RuleBroken(
                N_(
                    "The issue has a step dated {first}; it cannot have been raised later "
                    "than that. Choose {first} or an earlier date."
                ),
                first=first,
            )
        issue.title = data.title
        issue.description = data.description
        issue.raised_on = data.raised_on
        issue.raised_by_id = data.raised_by_id
        issue.party_id = data.party_id
        issue.status = data.status.value
        return issue.id


def _clean_step(data: StepInput) -> StepInput:
    text = clean_text(data.text).strip()
    if not text:
        raise InvalidInput(
            N_("A step needs a short text: what was written, answered or discussed.")
        )
    return StepInput(data.date, data.kind, text, _line(data.to) or None)


def _check_step_date(issue: m.Issue, day: dt.date, today: dt.date) -> None:
    _check_not_future(day, today)
    if day < issue.raised_on:
        raise RuleBroken(
            N_(
                "The issue was raised on {raised}; a step cannot be dated before that. "
                "Choose {raised} or a later date."
            ),
            raised=issue.raised_on,
        )


def add_step(db: Database, issue_id: int, data: StepInput, today: dt.date) -> int:
    """Record a dated step: a letter sent (to whom), a reply, a reminder, a meeting, a note.

    Steps are a record and are not edited afterwards; a correction is a new note.
    """
    data = _clean_step(data)
    with db.write() as session:
        issue = _issue(session, issue_id)
        _check_step_date(issue, data.date, today)
        step = m.IssueStep(
            issue_id=issue.id, date=data.date, kind=data.kind.value, text=data.text, to=data.to
        )
        session.add(step)
        session.flush()
        return step.id


def escalate(db: Database, issue_id: int, data: StepInput, today: dt.date) -> Rung:
    """Climb one rung: record the step the next rung asks for; the rung reached.

    `data.kind` is ignored: the ladder decides (a meeting, a letter, a reminder, a letter to
    the gemeenteraad). Raises RuleBroken at the top of the ladder or on a closed issue.
    """
    with db.write() as session:
        issue = _issue(session, issue_id)
        if IssueStatus(issue.status) is not IssueStatus.OPEN:
            raise RuleBroken(N_("This issue is closed; reopen it before escalating."))
        facts = _facts(
            list(
                session.execute(
                    select(m.IssueStep).where(m.IssueStep.issue_id == issue.id)
                ).scalars()
            )
        )
        council = _council_names(session, issue.neighbourhood_id)
        rung = next_rung(ladder(issue.raised_on, facts, council))
        if rung is None:
            raise RuleBroken(
                N_("The issue is already at the top of the ladder: it lies with the council.")
            )
        to = data.to
        if rung is Rung.COUNCIL and not to:
            to = council[0] if council else _("gemeenteraad")
        step = _clean_step(StepInput(data.date, RUNG_STEP[rung], data.text, to))
        _check_step_date(issue, step.date, today)
        session.add(
            m.IssueStep(
                issue_id=issue.id, date=step.date, kind=step.kind.value, text=step.text, to=step.to
            )
        )
        return rung


# -- links --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointOption:
    point_id: int
    contract_title: str
    number: int
    title: str


@dataclass(frozen=True)
class ItemOption:
    agenda_item_id: int
    meeting_on: dt.datetime
    title: str


def point_options(db: Database, neighbourhood_id: int, today: dt.date) -> tuple[PointOption, ...]:
    """Points an issue may be linked to: the contract in force first, then older ones."""
    with db.read() as session:
        current = default_contract_id(session, neighbourhood_id, today)
        rows = session.execute(
            select(
                m.ContractPoint.id,
                m.ContractPoint.number,
                m.ContractPoint.title,
                m.Contract.id.label("cid"),
                m.Contract.title.label("c"),
            )
            .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
            .where(m.Contract.neighbourhood_id == neighbourhood_id)
            .order_by(m.Contract.starts_on.desc(), m.ContractPoint.number)
        ).all()
    ordered = sorted(rows, key=lambda r: r.cid != current)  # stable: numbers stay in order
    return tuple(PointOption(r.id, r.c, r.number, r.title) for r in ordered)


def item_options(db: Database, neighbourhood_id: int) -> tuple[ItemOption, ...]:
    """Agenda items of meetings whose minutes are not frozen yet, the latest first."""
    with db.read() as session:
        rows = session.execute(
            select(m.AgendaItem.id, m.AgendaItem.title, m.Meeting.starts_at)
            .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
            .where(
                m.Meeting.neighbourhood_id == neighbourhood_id,
                m.Meeting.status != MeetingStatus.MINUTES_APPROVED.value,
            )
            .order_by(m.Meeting.starts_at.desc(), m.AgendaItem.position)
        ).all()
    return tuple(ItemOption(r.id, r.starts_at, r.title) for r in rows)


def link_point(db: Database, issue_id: int, point_id: int) -> None:
    with db.write() as session:
        issue = _issue(session, issue_id)
        point = session.get(m.ContractPoint, point_id)
        contract = session.get(m.Contract, point.contract_id) if point else None
        if point is None or contract is None or contract.neighbourhood_id != issue.neighbourhood_id:
            raise NotFound(N_("This contract point no longer exists in the database."))
        exists = session.scalar(
            select(m.IssuePoint.id).where(
                m.IssuePoint.issue_id == issue.id, m.IssuePoint.point_id == point.id
            )
        )
        if exists is None:
            session.add(m.IssuePoint(issue_id=issue.id, point_id=point.id))


def unlink_point(db: Database, issue_id: int, point_id: int) -> None:
    with db.write() as session:
        link = session.execute(
            select(m.IssuePoint).where(
                m.IssuePoint.issue_id == issue_id, m.IssuePoint.point_id == point_id
            )
        ).scalar()
        if link is not None:
            session.delete(link)


def _item_meeting_frozen(session: Session, item: m.AgendaItem) -> bool:
    status = session.scalar(select(m.Meeting.status).where(m.Meeting.id == item.meeting_id))
    return status == MeetingStatus.MINUTES_APPROVED.value


def _refuse_frozen() -> RuleBroken:
    return RuleBroken(
        N_(
            "The minutes of that meeting are approved and frozen, so its agenda items keep "
            "their links. Link the issue to an item of a later meeting."
        )
    )


def link_agenda_item(db: Database, issue_id: int, agenda_item_id: int) -> None:
    with db.write() as session:
        issue = _issue(session, issue_id)
        item = session.get(m.AgendaItem, agenda_item_id)
        meeting = session.get(m.Meeting, item.meeting_id) if item else None
        if item is None or meeting is None or meeting.neighbourhood_id != issue.neighbourhood_id:
            raise NotFound(N_("This agenda item no longer exists in the database."))
        if _item_meeting_frozen(session, item):
            raise _refuse_frozen()
        exists = session.scalar(
            select(m.AgendaItemIssue.id).where(
                m.AgendaItemIssue.issue_id == issue.id,
                m.AgendaItemIssue.agenda_item_id == item.id,
            )
        )
        if exists is None:
            session.add(m.AgendaItemIssue(issue_id=issue.id, agenda_item_id=item.id))


def unlink_agenda_item(db: Database, issue_id: int, agenda_item_id: int) -> None:
    with db.write() as session:
        link = session.execute(
            select(m.AgendaItemIssue).where(
                m.AgendaItemIssue.issue_id == issue_id,
                m.AgendaItemIssue.agenda_item_id == agenda_item_id,
            )
        ).scalar()
        if link is None:
            return
        item = session.get(m.AgendaItem, agenda_item_id)
        if item is not None and _item_meeting_frozen(session, item):
            raise _refuse_frozen()
        session.delete(link)


# -- letters ------------------------------------------------------------------------------


def letter_defaults(db: Database, issue_id: int, today: dt.date) -> LetterData:
    """A letter about the issue, filled in as far as the data allows; the person edits it."""
    with db.read() as session:
        issue = _issue(session, issue_id)
        hood = _hood(session, issue.neighbourhood_id)
        party = session.get(m.Party, issue.party_id) if issue.party_id else None
        chair = session.scalar(
            select(m.Person.name)
            .where(
                m.Person.neighbourhood_id == hood.id,
                m.Person.roles.like("%chair%"),
            )
            .order_by(m.Person.id)
            .limit(1)
        )
        sender = _("Projectteam {neighbourhood}").format(neighbourhood=hood.name)
        return LetterData(
            sender=sender,
            addressee=party.name if party else "",
            place=hood.municipality,
            date=today,
            subject=issue.title,
            body=issue.description or "",
            signature="\n".join(x for x in (chair, sender) if x),
        )


def print_letter(
    db: Database, issue_id: int, letter: LetterData, target: Path, today: dt.date
) -> Path:
    """Print the letter to `target` and record it as a letter_sent step of the issue.

    Checked first, printed second, recorded last: a refused letter leaves no step behind.
    """
    sender = _optional_text(letter.sender)
    addressee = _optional_text(letter.addressee)
    subject = _line(letter.subject)
    body = _optional_text(letter.body)
    if not addressee:
        raise InvalidInput(N_("The letter needs an addressee: to whom does it go?"))
    if not subject:
        raise InvalidInput(N_("The letter needs a subject, so the reply can refer to it."))
    if not body:
        raise InvalidInput(N_("The letter is empty; write what the team asks or reports."))
    clean = LetterData(
        sender=sender or "",
        addressee=addressee,
        place=_line(letter.place) or None,
        date=letter.date,
        subject=subject,
        body=body,
        signature=_optional_text(letter.signature) or "",
    )
    with db.write() as session:
        issue = _issue(session, issue_id)
        _check_step_date(issue, letter.date, today)
        # Printed inside the transaction: if the PDF cannot be written, no step is recorded.
        written = write_letter(clean, target)
        session.add(
            m.IssueStep(
                issue_id=issue.id,
                date=letter.date,
                kind=StepKind.LETTER_SENT.value,
                text=subject,
                to=addressee.splitlines()[0],
            )
        )
    return written
