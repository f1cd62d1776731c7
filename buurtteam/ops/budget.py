"""The buurtbudget's use cases: budget years, proposals, decisions, payments and the ledger.

Each function is one transaction and returns plain frozen dataclasses; the rules live in
`buurtteam.domain.budget`. A refused change raises a `BuurtteamError` before anything is
written, and the transaction rolls back, so the database is left exactly as it was.

The window's budget page, meeting mode and the command line all come through here:
`decide_proposal` and `preview_grant` are the two a meeting needs at the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from buurtteam.domain.budget import (
    DEFAULT_BUDGET,
    Decision,
    DecisionKind,
    Ledger,
    ProposalFacts,
    ThemeTotal,
    Votes,
    check_budget_amount,
    check_carry_over,
    check_payment,
    decide,
    grant_preview,
    split_deferral,
    theme_totals,
)
from buurtteam.domain.money import ZERO, check_amount, parse_amount, total
from buurtteam.domain.text import clean_line, clean_text, fold
from buurtteam.domain.vocab import MeetingStatus, ProposalStatus
from buurtteam.errors import N_, InvalidInput, NotFound, RuleBroken
from buurtteam.ops.lookup import neighbourhood_by_name
from buurtteam.ops.overview import NeighbourhoodRow, neighbourhood_row
from buurtteam.store import overview_queries
from buurtteam.store.db import Database
from buurtteam.store.models import (
    BudgetYear,
    Meeting,
    Neighbourhood,
    Payment,
    Person,
    Proposal,
)
from buurtteam.store.overview_queries import SessionReader

if TYPE_CHECKING:
    from buurtteam.reports.budget_report import BudgetReportData
    from buurtteam.reports.decision_letter import DecisionLetterData

Amount = Decimal | str  # a Decimal, or what a person typed ("1.250,00")


# -- what the ops return ----------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentLine:
    id: int
    paid_on: date
    amount: Decimal
    reference: str | None


@dataclass(frozen=True)
class ProposalLine:
    """One proposal as the budget page, the reports and the export show it."""

    id: int
    public_id: str
    year: int
    title: str
    description: str | None
    theme: str | None
    submitted_by: str | None
    submitted_by_id: int | None
    received_on: date
    requested: Decimal
    not_regular_maintenance: bool
    status: ProposalStatus
    granted: Decimal | None
    paid: Decimal
    decision_meeting_id: int | None
    decided_on: date | None
    reason: str | None  # as the team gave it (a deferral's date apart, in deferred_until)
    deferred_until: date | None
    votes: Votes | None
    payments: tuple[PaymentLine, ...]
    version: int = 1  # for saving an edit safely (ops.editing)

    @property
    def to_pay(self) -> Decimal:
        """Granted and not yet paid: what the resident still waits for."""
        return (self.granted or ZERO) - self.paid if self.status is ProposalStatus.GRANTED else ZERO

    @property
    def is_partial(self) -> bool:
        return self.granted is not None and self.granted < self.requested

    @property
    def awaits_decision(self) -> bool:
        return self.status.awaits_decision


@dataclass(frozen=True)
class YearBudget:
    """The ledger of one year with its proposals, per theme, and who is still waiting."""

    neighbourhood: NeighbourhoodRow
    year: int
    recorded: bool  # False: no budget has been recorded for the year (ledger amount 0)
    ledger: Ledger
    default_amount: Decimal
    proposals: tuple[ProposalLine, ...]  # of this year, the latest received first
    themes: tuple[ThemeTotal, ...]
    # Across all years: granted with money still to pay, and proposals awaiting a decision.
    waiting_for_money: tuple[ProposalLine, ...]
    waiting_for_decision: tuple[ProposalLine, ...]


@dataclass(frozen=True)
class LedgerAfter:
    """What a change made: the proposal as it now stands and its year's ledger."""

    proposal: ProposalLine
    ledger: Ledger | None


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    starts_at: datetime
    location: str | None
    status: MeetingStatus


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str


@dataclass(frozen=True)
class IntakeChoices:
    people: tuple[PersonChoice, ...]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class ProposalIntake:
    """A new proposal as a person fills it in. `amount_requested` is the typed text."""

    title: str
    amount_requested: Amount
    received_on: date
    not_regular_maintenance: bool
    description: str | None = None
    theme: str | None = None
    submitted_by_id: int | None = None
    # A resident not yet known: recorded with their name and the role resident only.
    new_person_name: str | None = None
    year: int | None = None  # the budget year; None: the year it was received


@dataclass(frozen=True)
class LetterFacts:
    """What a decision letter needs: the proposal, who wrote it and who decided."""

    neighbourhood: NeighbourhoodRow
    proposal: ProposalLine
    resident: str | None
    meeting_starts_at: datetime | None
    chair: str | None
    next_meeting: datetime | None  # the first planned meeting after the decision


# -- reading --------------------------------------------------------------------------------


def default_amount(session: Session, neighbourhood_id: int) -> Decimal:
    """The neighbourhood's own default budget if the team set one, else 25.000,00."""
    setting = session.scalar(
        select(Neighbourhood.default_budget).where(Neighbourhood.id == neighbourhood_id)
    )
    return setting if setting is not None else DEFAULT_BUDGET


def read_ledger(session: Session, neighbourhood_id: int, year: int) -> Ledger | None:
    """The year's ledger, or None when no budget is recorded for it.

    Counts what went on to the next year as carried out, so money is never spent twice.
    """
    budget_year = _budget_year(session, neighbourhood_id, year)
    if budget_year is None:
        return None
    return _ledger(session, neighbourhood_id, year, budget_year.amount, budget_year.carry_over)


def _ledger(
    session: Session,
    neighbourhood_id: int,
    year: int,
    amount: Decimal,
    carry_over: Decimal | None,
) -> Ledger:
    return overview_queries.ledger_of(
        SessionReader(session), neighbourhood_id, year, amount, carry_over
    )


def _budget_year(
    session: Session, neighbourhood_id: int, year: int, *, lock: bool = False
) -> BudgetYear | None:
    query = select(BudgetYear).where(
        BudgetYear.neighbourhood_id == neighbourhood_id, BudgetYear.year == year
    )
    if lock:
        # On a database server two people could both see room and both grant: lock the
        # year's row for the rest of the transaction (SQLite already writes one at a time).
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def budget_years(db: Database, neighbourhood_id: int, today: date) -> list[int]:
    """The years worth showing, the latest first: those with a budget or a proposal, and now."""
    with db.read() as session:
        neighbourhood_row(session, neighbourhood_id)
        recorded = session.scalars(
            select(BudgetYear.year).where(BudgetYear.neighbourhood_id == neighbourhood_id)
        ).all()
        proposed = session.scalars(
            select(Proposal.year).where(Proposal.neighbourhood_id == neighbourhood_id).distinct()
        ).all()
    return sorted({*recorded, *proposed, today.year}, reverse=True)


def year_budget(db: Database, neighbourhood_id: int, year: int) -> YearBudget:
    """Everything the budget page and the printed overview show for one year.

    Raises:
        NotFound: the neighbourhood does not exist.
    """
    with db.read() as session:
        hood = neighbourhood_row(session, neighbourhood_id)
        budget_year = _budget_year(session, neighbourhood_id, year)
        if budget_year is None:
            current = _ledger(session, neighbourhood_id, year, ZERO, None)
        else:
            current = _ledger(
                session, neighbourhood_id, year, budget_year.amount, budget_year.carry_over
            )
        lines = _proposal_lines(session, Proposal.neighbourhood_id == neighbourhood_id)
        default = default_amount(session, neighbourhood_id)
    of_year = tuple(line for line in lines if line.year == year)
    oldest_first = sorted(lines, key=lambda p: (p.received_on, p.id))
    return YearBudget(
        neighbourhood=hood,
        year=year,
        recorded=budget_year is not None,
        ledger=current,
        default_amount=default,
        proposals=of_year,
        themes=tuple(
            theme_totals((p.theme, p.requested, _counted_grant(p), p.paid) for p in of_year)
        ),
        waiting_for_money=tuple(p for p in oldest_first if p.to_pay > ZERO),
        waiting_for_decision=tuple(p for p in oldest_first if p.awaits_decision),
    )


def _counted_grant(line: ProposalLine) -> Decimal | None:
    return line.granted if line.status is ProposalStatus.GRANTED else None


def _proposal_lines(session: Session, *where: ColumnElement[bool]) -> list[ProposalLine]:
    """Proposals with their payments and decision dates; the latest received first."""
    rows = session.execute(
        select(
            Proposal,
            Person.name.label("submitted_by"),
            Meeting.starts_at.label("decided_at"),
        )
        .outerjoin(Person, Proposal.submitted_by_id == Person.id)
        .outerjoin(Meeting, Proposal.decision_meeting_id == Meeting.id)
        .where(*where)
        .order_by(Proposal.year.desc(), Proposal.received_on.desc(), Proposal.id.desc())
    ).all()
    ids = [row.Proposal.id for row in rows]
    payments: dict[int, list[PaymentLine]] = {}
    if ids:
        for payment in session.scalars(
            select(Payment)
            .where(Payment.proposal_id.in_(ids))
            .order_by(Payment.paid_on, Payment.id)
        ):
            payments.setdefault(payment.proposal_id, []).append(
                PaymentLine(payment.id, payment.paid_on, payment.amount, payment.reference)
            )
    return [
        _line(row.Proposal, row.submitted_by, row.decided_at, payments.get(row.Proposal.id, []))
        for row in rows
    ]


def _line(
    p: Proposal,
    submitted_by: str | None,
    decided_at: datetime | None,
    payments: Sequence[PaymentLine],
) -> ProposalLine:
    status = ProposalStatus(p.status)
    until, reason = (
        split_deferral(p.decision_reason)
        if status is ProposalStatus.DEFERRED
        else (None, p.decision_reason)
    )
    votes = None
    if p.votes_for is not None and p.votes_against is not None and p.votes_abstain is not None:
        votes = Votes(p.votes_for, p.votes_against, p.votes_abstain)
    return ProposalLine(
        id=p.id,
        public_id=p.public_id,
        year=p.year,
        title=p.title,
        description=p.description,
        theme=p.theme,
        submitted_by=submitted_by,
        submitted_by_id=p.submitted_by_id,
        received_on=p.received_on,
        requested=p.amount_requested,
        not_regular_maintenance=p.not_regular_maintenance,
        status=status,
        granted=p.amount_granted,
        paid=total(x.amount for x in payments),
        decision_meeting_id=p.decision_meeting_id,
        decided_on=decided_at.date() if decided_at is not None else None,
        reason=reason,
        deferred_until=until,
        votes=votes,
        payments=tuple(payments),
        version=p.version,
    )


def proposal_line(db: Database, proposal_id: int) -> ProposalLine:
    with db.read() as session:
        return _one_line(session, proposal_id)


def _one_line(session: Session, proposal_id: int) -> ProposalLine:
    found = _proposal_lines(session, Proposal.id == proposal_id)
    if not found:
        raise NotFound(N_("This proposal no longer exists in the database."))
    return found[0]


def decision_meetings(db: Database, neighbourhood_id: int, today: date) -> list[MeetingChoice]:
    """Meetings a decision can be recorded for: held, or held today; the latest first."""
    end_of_today = datetime.combine(today + timedelta(days=1), time.min)
    with db.read() as session:
        rows = session.scalars(
            select(Meeting)
            .where(
                Meeting.neighbourhood_id == neighbourhood_id,
                Meeting.starts_at < end_of_today,
                Meeting.cancel_reason.is_(None),
            )
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        ).all()
        return [MeetingChoice(m.id, m.starts_at, m.location, MeetingStatus(m.status)) for m in rows]


def next_meeting_after(db: Database, neighbourhood_id: int, day: date) -> MeetingChoice | None:
    """The first meeting after `day` that is not cancelled: where a deferral comes back."""
    with db.read() as session:
        return _next_meeting_after(session, neighbourhood_id, day)


def _next_meeting_after(session: Session, neighbourhood_id: int, day: date) -> MeetingChoice | None:
    meeting = session.scalars(
        select(Meeting)
        .where(
            Meeting.neighbourhood_id == neighbourhood_id,
            Meeting.starts_at >= datetime.combine(day + timedelta(days=1), time.min),
            Meeting.cancel_reason.is_(None),
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    ).one_or_none()
    if meeting is None:
        return None
    return MeetingChoice(
        meeting.id, meeting.starts_at, meeting.location, MeetingStatus(meeting.status)
    )


def intake_choices(db: Database, neighbourhood_id: int) -> IntakeChoices:
    """Who can propose (the neighbourhood's people) and the themes used so far."""
    with db.read() as session:
        people = session.execute(
            select(Person.id, Person.name).where(Person.neighbourhood_id == neighbourhood_id)
        ).all()
        themes = session.scalars(
            select(Proposal.theme)
            .where(Proposal.neighbourhood_id == neighbourhood_id, Proposal.theme.is_not(None))
            .distinct()
        ).all()
    return IntakeChoices(
        people=tuple(
            sorted((PersonChoice(p.id, p.name) for p in people), key=lambda p: (fold(p.name), p.id))
        ),
        themes=tuple(sorted({t for t in themes if t}, key=lambda t: (fold(t), t))),
    )


def letter_facts(db: Database, proposal_id: int, today: date) -> LetterFacts:
    """What the decision letter for a proposal says, read in one go.

    The next meeting is the first after the decision, or after today when there is none yet.
    """
    with db.read() as session:
        line = _one_line(session, proposal_id)
        hood_id = session.scalar(
            select(Proposal.neighbourhood_id).where(Proposal.id == proposal_id)
        )
        assert hood_id is not None
        meeting = (
            session.get(Meeting, line.decision_meeting_id)
            if line.decision_meeting_id is not None
            else None
        )
        chair = (
            session.scalar(select(Person.name).where(Person.id == meeting.chair_id))
            if meeting is not None and meeting.chair_id is not None
            else None
        )
        after = meeting.starts_at.date() if meeting is not None else today - timedelta(days=1)
        following = _next_meeting_after(session, hood_id, after)
        return LetterFacts(
            neighbourhood=neighbourhood_row(session, hood_id),
            proposal=line,
            resident=line.submitted_by,
            meeting_starts_at=meeting.starts_at if meeting is not None else None,
            chair=chair,
            next_meeting=following.starts_at if following is not None else None,
        )


# -- budget years and carry-over -------------------------------------------------------------


def _amount(value: Amount, path: str | None = None) -> Decimal:
    if isinstance(value, Decimal):
        return check_amount(value, path)
    return parse_amount(value, path)


def _check_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise InvalidInput(
            N_("{year} is not a budget year this app can keep (2000 to 2100)."), year=str(year)
        )
    return year


def set_year_amount(db: Database, neighbourhood_id: int, year: int, amount: Amount) -> Ledger:
    """Record (or change) the budget of `year`.

    Raises:
        RuleBroken: the amount is below what the year has already granted.
        InvalidInput: the amount is not an amount.
    """
    _check_year(year)
    value = _amount(amount)
    with db.write() as session:
        neighbourhood_row(session, neighbourhood_id)
        budget_year = _budget_year(session, neighbourhood_id, year, lock=True)
        if budget_year is None:
            current = _ledger(session, neighbourhood_id, year, value, None)
            check_budget_amount(current, value)
            session.add(BudgetYear(neighbourhood_id=neighbourhood_id, year=year, amount=value))
        else:
            current = _ledger(
                session, neighbourhood_id, year, budget_year.amount, budget_year.carry_over
            )
            budget_year.amount = check_budget_amount(current, value)
        session.flush()
        result = read_ledger(session, neighbourhood_id, year)
    assert result is not None
    return result


def record_carry_over(db: Database, neighbourhood_id: int, year: int, amount: Amount) -> Ledger:
    """Carry `amount` of `year`'s unspent money over to the next year (0: none).

    The next year gets a budget (the default amount) if it had none. Returns the next
    year's ledger, where the carry-over shows as its own line.

    Raises:
        RuleBroken: more than is unspent, or a carry-over the next year already relies on.
        NoBudgetYear-like RuleBroken: `year` has no budget to carry money from.
    """
    _check_year(year)
    value = _amount(amount)
    with db.write() as session:
        neighbourhood_row(session, neighbourhood_id)
        source = _budget_year(session, neighbourhood_id, year, lock=True)
        if source is None:
            raise RuleBroken(
                N_("No budget has been recorded for {year}, so nothing can be carried over."),
                year=str(year),
            )
        source_ledger = _ledger(session, neighbourhood_id, year, source.amount, source.carry_over)
        target = _budget_year(session, neighbourhood_id, year + 1, lock=True)
        target_ledger = (
            None
            if target is None
            else _ledger(session, neighbourhood_id, year + 1, target.amount, target.carry_over)
        )
        check_carry_over(source_ledger, target_ledger, value)
        if target is None:
            target = BudgetYear(
                neighbourhood_id=neighbourhood_id,
                year=year + 1,
                amount=default_amount(session, neighbourhood_id),
            )
            session.add(target)
        target.carry_over = value if value > ZERO else None
        session.flush()
        result = read_ledger(session, neighbourhood_id, year + 1)
    assert result is not None
    return result


# -- proposals ------------------------------------------------------------------------------


def take_in_proposal(
    db: Database, neighbourhood_id: int, intake: ProposalIntake, today: date
) -> ProposalLine:
    """Record a resident's proposal as received (status: submitted).

    Raises:
        InvalidInput: no title, an amount that is not an amount, a date in the future,
            a person of another neighbourhood.
    """
    title = clean_line(intake.title)
    if not title:
        raise InvalidInput(N_("Give the proposal a title: what should the money be for?"))
    requested = _amount(intake.amount_requested)
    if requested <= ZERO:
        raise InvalidInput(
            N_("Fill in the amount requested; it must be more than {zero}."), zero=ZERO
        )
    if intake.received_on > today:
        raise InvalidInput(
            N_("The date received ({date}) lies in the future; fill in the day it came in."),
            date=intake.received_on,
        )
    year = _check_year(intake.year if intake.year is not None else intake.received_on.year)
    description = clean_text(intake.description).strip() if intake.description else None
    theme = clean_line(intake.theme) if intake.theme else None
    new_person = clean_line(intake.new_person_name) if intake.new_person_name else None
    with db.write() as session:
        neighbourhood_row(session, neighbourhood_id)
        submitted_by = intake.submitted_by_id
        if submitted_by is not None:
            _check_person(session, neighbourhood_id, submitted_by)
        elif new_person:
            submitted_by = _add_resident(session, neighbourhood_id, new_person)
        proposal = Proposal(
            neighbourhood_id=neighbourhood_id,
            public_id=_new_public_id(session, neighbourhood_id, title),
            year=year,
            title=title,
            description=description or None,
            theme=theme or None,
            submitted_by_id=submitted_by,
            received_on=intake.received_on,
            amount_requested=requested,
            not_regular_maintenance=intake.not_regular_maintenance,
            status=ProposalStatus.SUBMITTED.value,
        )
        session.add(proposal)
        session.flush()
        return _one_line(session, proposal.id)


def _check_person(session: Session, neighbourhood_id: int, person_id: int) -> None:
    found = session.scalar(
        select(Person.id).where(Person.id == person_id, Person.neighbourhood_id == neighbourhood_id)
    )
    if found is None:
        raise NotFound(N_("The person who proposes is not known in this neighbourhood."))


def _add_resident(session: Session, neighbourhood_id: int, name: str) -> int:
    """A resident who proposes and was not known yet: name and role only (privacy)."""
    taken = set(
        session.scalars(select(Person.public_id).where(Person.neighbourhood_id == neighbourhood_id))
    )
    person = Person(
        neighbourhood_id=neighbourhood_id,
        public_id=_free_id(taken, "p", name, "bewoner"),
        name=name,
        roles="resident",
    )
    session.add(person)
    session.flush()
    return person.id


def _new_public_id(session: Session, neighbourhood_id: int, title: str) -> str:
    """A readable id from the title (`b-buurtmoestuin`), numbered when it is taken."""
    taken = set(
        session.scalars(
            select(Proposal.public_id).where(Proposal.neighbourhood_id == neighbourhood_id)
        )
    )
    return _free_id(taken, "b", title, "aanvraag")


def _free_id(taken: set[str], prefix: str, text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40].strip("-") or fallback
    base = f"{prefix}-{slug}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def set_not_regular_maintenance(db: Database, proposal_id: int, confirmed: bool) -> ProposalLine:
    """Confirm (or take back) that a proposal is not regular maintenance.

    Raises:
        RuleBroken: taking it back from a granted proposal.
    """
    with db.write() as session:
        proposal = _proposal(session, proposal_id)
        if not confirmed and proposal.status == ProposalStatus.GRANTED.value:
            raise RuleBroken(
                N_(
                    "This proposal has been granted as not regular maintenance; that "
                    "confirmation cannot be taken back now."
                )
            )
        proposal.not_regular_maintenance = confirmed
        session.flush()
        return _one_line(session, proposal_id)


def _proposal(session: Session, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound(N_("This proposal no longer exists in the database."))
    return proposal


def _facts(proposal: Proposal, paid: Decimal) -> ProposalFacts:
    return ProposalFacts(
        status=ProposalStatus(proposal.status),
        requested=proposal.amount_requested,
        not_regular_maintenance=proposal.not_regular_maintenance,
        received_on=proposal.received_on,
        granted=proposal.amount_granted,
        paid=paid,
        year=proposal.year,
    )


def _paid(session: Session, proposal_id: int) -> Decimal:
    return total(
        session.scalars(select(Payment.amount).where(Payment.proposal_id == proposal_id)).all()
    )


def decide_proposal(db: Database, proposal_id: int, decision: Decision, today: date) -> LedgerAfter:
    """Record the team's decision on a proposal, taken at `decision.meeting_id`.

    A grant that does not fit in what is left of the year, a grant of a proposal not
    confirmed as not regular maintenance, a meeting of another neighbourhood or one still
    to come: each is refused with the figures, and nothing changes.
    """
    with db.write() as session:
        proposal = _proposal(session, proposal_id)
        meeting = session.get(Meeting, decision.meeting_id)
        if meeting is None or meeting.neighbourhood_id != proposal.neighbourhood_id:
            raise NotFound(
                N_("The meeting chosen is not a meeting of this proposal's neighbourhood.")
            )
        if meeting.cancel_reason is not None:
            raise RuleBroken(
                N_("The meeting of {date} was cancelled; choose the meeting that decided."),
                date=meeting.starts_at.date(),
            )
        facts = _facts(proposal, _paid(session, proposal_id))
        year = decision.year if decision.year is not None else proposal.year
        if decision.year is not None:
            _check_year(decision.year)
        year_ledger = None
        if decision.kind is DecisionKind.GRANT:
            _budget_year(session, proposal.neighbourhood_id, year, lock=True)
            year_ledger = read_ledger(session, proposal.neighbourhood_id, year)
        outcome = decide(facts, decision, meeting.starts_at.date(), today, year_ledger)
        proposal.status = outcome.status.value
        proposal.amount_granted = outcome.amount_granted
        proposal.decision_reason = outcome.reason
        proposal.decision_meeting_id = meeting.id
        proposal.year = outcome.year
        votes = decision.votes
        proposal.votes_for = votes.in_favour if votes else None
        proposal.votes_against = votes.against if votes else None
        proposal.votes_abstain = votes.abstain if votes else None
        session.flush()
        return LedgerAfter(
            _one_line(session, proposal_id),
            read_ledger(session, proposal.neighbourhood_id, outcome.year),
        )


def preview_grant(
    db: Database, proposal_id: int, amount: Decimal, year: int | None = None
) -> tuple[Decimal, Decimal]:
    """What is left to grant in the year now, and after granting `amount` to the proposal.

    For a proposal already granted in that year only the difference counts. When the year
    has no budget recorded, both are zero less the amount (it does not fit).
    """
    with db.read() as session:
        proposal = _proposal(session, proposal_id)
        charged = year if year is not None else proposal.year
        current = read_ledger(session, proposal.neighbourhood_id, charged) or Ledger(
            charged, ZERO, ZERO, ZERO, ZERO
        )
        already = (
            proposal.amount_granted or ZERO
            if proposal.status == ProposalStatus.GRANTED.value and proposal.year == charged
            else ZERO
        )
    return current.remaining, grant_preview(current, amount, already)


# -- payments -------------------------------------------------------------------------------


def record_payment(
    db: Database,
    proposal_id: int,
    paid_on: date,
    amount: Amount,
    reference: str | None,
    today: date,
) -> LedgerAfter:
    """Record money paid out on a grant (an invoice, an advance).

    Raises:
        RuleBroken: not a granted proposal, or more than is still open on the grant.
    """
    value = _amount(amount)
    reference = clean_line(reference) if reference else None
    with db.write() as session:
        proposal = _proposal(session, proposal_id)
        paid = _paid(session, proposal_id)
        check_payment(
            ProposalStatus(proposal.status), proposal.amount_granted, paid, value, paid_on, today
        )
        session.add(
            Payment(
                proposal_id=proposal_id, paid_on=paid_on, amount=value, reference=reference or None
            )
        )
        session.flush()
        return LedgerAfter(
            _one_line(session, proposal_id),
            read_ledger(session, proposal.neighbourhood_id, proposal.year),
        )


def remove_payment(db: Database, payment_id: int) -> LedgerAfter:
    """Take back a payment recorded by mistake."""
    with db.write() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise NotFound(N_("This payment no longer exists in the database."))
        proposal = _proposal(session, payment.proposal_id)
        session.delete(payment)
        session.flush()
        return LedgerAfter(
            _one_line(session, proposal.id),
            read_ledger(session, proposal.neighbourhood_id, proposal.year),
        )


# -- printing ---------------------------------------------------------------------------------


def budget_report_data(data: YearBudget, today: date) -> BudgetReportData:
    """The printed overview's input: the year as the budget page shows it."""
    # Printing is imported when used: reportlab is not needed to show the budget.
    from buurtteam.reports.budget_report import BudgetReportData, ReportProposal

    return BudgetReportData(
        neighbourhood=data.neighbourhood.name,
        municipality=data.neighbourhood.municipality,
        year=data.year,
        printed_on=today,
        recorded=data.recorded,
        ledger=data.ledger,
        themes=data.themes,
        # On paper the oldest first: the order in which the team dealt with them.
        proposals=tuple(
            ReportProposal(
                title=p.title,
                submitted_by=p.submitted_by,
                theme=p.theme,
                status=p.status,
                decided_on=p.decided_on,
                requested=p.requested,
                granted=p.granted,
                paid=p.paid,
                reason=p.reason,
                deferred_until=p.deferred_until,
            )
            for p in sorted(data.proposals, key=lambda p: (p.received_on, p.id))
        ),
    )


def print_budget_overview(
    db: Database,
    neighbourhood_id: int,
    year: int,
    target: Path,
    today: date,
    *,
    large: bool = False,
) -> Path:
    """Print the year's budget overview to the PDF `target`."""
    from buurtteam.reports.budget_report import write_budget_report

    data = year_budget(db, neighbourhood_id, year)
    return write_budget_report(budget_report_data(data, today), target, large=large)


def decision_letter_data(facts: LetterFacts, today: date) -> DecisionLetterData:
    from buurtteam.reports.decision_letter import DecisionLetterData

    p = facts.proposal
    return DecisionLetterData(
        neighbourhood=facts.neighbourhood.name,
        municipality=facts.neighbourhood.municipality,
        resident=facts.resident,
        reference=p.public_id,
        title=p.title,
        received_on=p.received_on,
        requested=p.requested,
        status=p.status,
        year=p.year,
        granted=p.granted,
        reason=p.reason,
        deferred_until=p.deferred_until,
        decided_on=p.decided_on,
        chair=facts.chair,
        next_meeting=facts.next_meeting.date() if facts.next_meeting else None,
        printed_on=today,
    )


def print_decision_letter(
    db: Database, proposal_id: int, target: Path, today: date, *, large: bool = False
) -> Path:
    """Print the letter telling the resident where their proposal stands."""
    from buurtteam.reports.decision_letter import write_decision_letter

    data = decision_letter_data(letter_facts(db, proposal_id, today), today)
    return write_decision_letter(data, target, large=large)


# -- finding by name, for the command line -----------------------------------------------------


def find_neighbourhood(db: Database, name: str) -> NeighbourhoodRow:
    """The neighbourhood called `name` (case aside), or NotFound listing the known names."""
    with db.read() as session:
        found = neighbourhood_by_name(session, name)
        return NeighbourhoodRow(found.id, found.name, found.municipality)


def find_proposal(db: Database, neighbourhood_id: int, reference: str) -> ProposalLine:
    """A proposal of the neighbourhood by its public id (`b-buurtmoestuin`)."""
    with db.read() as session:
        proposal_id = session.scalar(
            select(Proposal.id).where(
                Proposal.neighbourhood_id == neighbourhood_id, Proposal.public_id == reference
            )
        )
        if proposal_id is None:
            known = ", ".join(
                session.scalars(
                    select(Proposal.public_id)
                    .where(Proposal.neighbourhood_id == neighbourhood_id)
                    .order_by(Proposal.public_id)
                )
            )
            raise NotFound(
                N_("There is no proposal with id {reference!r}. Known: {known}."),
                reference=reference,
                known=known or "-",
            )
        return _one_line(session, proposal_id)
