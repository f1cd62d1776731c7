"""The buurtbudget's rules, as pure functions over plain values.

A neighbourhood has a budget per year (25.000,00 unless the team records another amount).
Residents propose, the team decides at a meeting: grant (in full or in part), reject with
a reason, defer (with a reason and until when) or record a withdrawal. Money is granted
only to a proposal confirmed as *not regular maintenance*, never more than what is left
of the year, and paid out never above what was granted. Unspent money stays behind unless
the team records a carry-over, which then shows as its own line in the next year.

Every refusal raises a `RuleBroken` (or `InvalidInput`) carrying the figures a person
needs to put it right; nothing here touches a database, a clock or a screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from buurtteam.domain.ledger import Ledger
from buurtteam.domain.money import ZERO, check_amount, total
from buurtteam.domain.text import clean_text
from buurtteam.domain.vocab import ProposalStatus
from buurtteam.errors import N_, InvalidInput, RuleBroken

DEFAULT_BUDGET = Decimal("25000.00")


class OverBudget(RuleBroken):
    def __init__(self, requested: Decimal, remaining: Decimal, year: int, path: str | None = None):
        super().__init__(
            N_(
                "A grant of {requested} does not fit: only {remaining} is left of the budget "
                "for {year}. Grant less, or record a larger budget for the year first."
            ),
            path=path,
            requested=requested,
            remaining=max(remaining, ZERO),
            year=year,
        )
        self.requested = requested
        self.remaining = remaining


def check_grant(current: Ledger, amount: Decimal, path: str | None = None) -> None:
    """Refuse a grant that does not fit in what remains of the year."""
    if amount > current.remaining:
        raise OverBudget(amount, current.remaining, current.year, path)


# -- decisions ------------------------------------------------------------------------------


class DecisionKind(StrEnum):
    """What the team can decide about a proposal. A partial grant is a grant of less."""

    GRANT = "grant"
    REJECT = "reject"
    DEFER = "defer"
    WITHDRAW = "withdraw"  # the resident withdrew it; the team records that at a meeting


@dataclass(frozen=True)
class Votes:
    in_favour: int
    against: int
    abstain: int


@dataclass(frozen=True)
class Decision:
    """A decision on one proposal, taken at one meeting (always named).

    `amount` is for a grant (None: the amount requested); `until` for a deferral;
    `year` moves a grant to another budget year (None: the proposal's own year).
    """

    kind: DecisionKind
    meeting_id: int
    amount: Decimal | None = None
    reason: str | None = None
    until: date | None = None
    votes: Votes | None = None
    year: int | None = None


@dataclass(frozen=True)
class ProposalFacts:
    """What the rules need to know of a proposal as it stands."""

    status: ProposalStatus
    requested: Decimal
    not_regular_maintenance: bool
    received_on: date
    granted: Decimal | None
    paid: Decimal
    year: int


@dataclass(frozen=True)
class Outcome:
    """What a decision makes of the proposal, ready to be stored."""

    status: ProposalStatus
    amount_granted: Decimal | None
    reason: str | None  # as stored: a deferral's date is written in front (see deferral_reason)
    year: int


_RESULT = {
    DecisionKind.GRANT: ProposalStatus.GRANTED,
    DecisionKind.REJECT: ProposalStatus.REJECTED,
    DecisionKind.DEFER: ProposalStatus.DEFERRED,
    DecisionKind.WITHDRAW: ProposalStatus.WITHDRAWN,
}


def decide(
    facts: ProposalFacts,
    decision: Decision,
    meeting_date: date,
    today: date,
    year_ledger: Ledger | None,
) -> Outcome:
    """Check `decision` against every rule and say what the proposal becomes.

    `year_ledger` is the ledger of the year the grant is charged to (None when that year
    has no budget recorded); it is only consulted for a grant.

    Raises:
        RuleBroken: the decision breaks a rule; the message says which and what to do.
        InvalidInput: a reason or amount that cannot be used.
    """
    _check_transition(facts, decision.kind)
    _check_meeting_date(facts, meeting_date, today)
    reason = _clean_reason(decision.reason)
    if decision.votes is not None:
        _check_votes(decision.votes)
    year = decision.year if decision.year is not None else facts.year
    if decision.kind is DecisionKind.GRANT:
        amount = _check_grant_decision(facts, decision, reason, year, year_ledger)
        return Outcome(ProposalStatus.GRANTED, amount, reason, year)
    if decision.year is not None and decision.year != facts.year:
        raise RuleBroken(N_("Only a grant can move a proposal to another budget year."))
    if decision.kind is DecisionKind.REJECT:
        if reason is None:
            raise RuleBroken(
                N_(
                    "Say why the proposal is rejected: the resident receives the reason in "
                    "the decision letter."
                )
            )
        return Outcome(ProposalStatus.REJECTED, None, reason, year)
    if decision.kind is DecisionKind.DEFER:
        if reason is None:
            raise RuleBroken(
                N_("Say why the proposal is put on hold: the resident receives it in writing.")
            )
        if decision.until is None or decision.until <= meeting_date:
            raise RuleBroken(
                N_(
                    "Say until when the proposal is put on hold: a date after the meeting of "
                    "{date}, for instance the date of the next meeting."
                ),
                date=meeting_date,
            )
        return Outcome(ProposalStatus.DEFERRED, None, deferral_reason(decision.until, reason), year)
    return Outcome(ProposalStatus.WITHDRAWN, None, reason, year)


def _check_transition(facts: ProposalFacts, kind: DecisionKind) -> None:
    if facts.status.awaits_decision:
        return
    if facts.status is ProposalStatus.GRANTED:
        # A grant can be corrected (another amount) or withdrawn while nothing is paid.
        if kind is DecisionKind.GRANT:
            return
        if kind is DecisionKind.WITHDRAW and facts.paid == ZERO:
            return
        raise RuleBroken(
            N_(
                "This proposal was granted and {paid} has been paid on it; it can now only "
                "be corrected to another amount (not below what was paid)."
            )
            if facts.paid
            else N_(
                "This proposal was granted; it can be corrected to another amount or "
                "withdrawn, but not rejected or put on hold."
            ),
            paid=facts.paid,
        )
    if facts.status is ProposalStatus.REJECTED:
        raise RuleBroken(
            N_(
                "This proposal was rejected; that decision stands. The resident can submit "
                "a new proposal."
            )
        )
    raise RuleBroken(
        N_("This proposal was withdrawn; that stands. The resident can submit a new proposal.")
    )


def _check_meeting_date(facts: ProposalFacts, meeting_date: date, today: date) -> None:
    if meeting_date > today:
        raise RuleBroken(
            N_(
                "The meeting of {date} has not taken place yet. A decision is recorded for a "
                "meeting that has been held (or is held today)."
            ),
            date=meeting_date,
        )
    if meeting_date < facts.received_on:
        raise RuleBroken(
            N_(
                "The meeting of {date} was before the proposal came in ({received}); choose "
                "the meeting that took the decision."
            ),
            date=meeting_date,
            received=facts.received_on,
        )


def _check_votes(votes: Votes) -> None:
    if min(votes.in_favour, votes.against, votes.abstain) < 0:
        raise InvalidInput(N_("Votes are counted from zero up; a negative count is not possible."))


def _clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    cleaned = clean_text(reason).strip()
    return cleaned or None


def _check_grant_decision(
    facts: ProposalFacts,
    decision: Decision,
    reason: str | None,
    year: int,
    year_ledger: Ledger | None,
) -> Decimal:
    if not facts.not_regular_maintenance:
        raise RuleBroken(
            N_(
                "This proposal has not been confirmed as not regular maintenance. The "
                "neighbourhood budget honours residents' wishes; regular maintenance is the "
                "municipality's job. Confirm it on the proposal first, or reject it."
            )
        )
    amount = check_amount(facts.requested if decision.amount is None else decision.amount)
    if amount <= ZERO:
        raise RuleBroken(
            N_("A grant must be more than {zero}. To give nothing, reject the proposal."),
            zero=ZERO,
        )
    if amount > facts.requested:
        raise RuleBroken(
            N_(
                "The grant of {granted} is more than the {requested} requested. Grant at most "
                "the amount requested."
            ),
            granted=amount,
            requested=facts.requested,
        )
    if amount < facts.requested and reason is None:
        raise RuleBroken(
            N_(
                "{granted} is less than the {requested} requested: say why, so the resident "
                "knows what the money is for."
            ),
            granted=amount,
            requested=facts.requested,
        )
    if amount < facts.paid:
        raise RuleBroken(
            N_("{paid} has already been paid; the grant cannot be lowered to {granted}."),
            paid=facts.paid,
            granted=amount,
        )
    if year_ledger is None:
        raise NoBudgetYear(year)
    # A corrected grant already sits in the ledger: only the difference has to fit.
    room = year_ledger.remaining + _already_counted(facts, year)
    if amount > room:
        raise OverBudget(amount, room, year)
    return amount


def _already_counted(facts: ProposalFacts, year: int) -> Decimal:
    """The part of a corrected grant that the year's ledger already holds."""
    if facts.status is ProposalStatus.GRANTED and facts.granted is not None and facts.year == year:
        return facts.granted
    return ZERO


class NoBudgetYear(RuleBroken):
    def __init__(self, year: int) -> None:
        super().__init__(
            N_(
                "No budget has been recorded for {year} yet. Record the budget for {year} "
                "first (on the Neighbourhood budget page), then grant."
            ),
            year=str(year),
        )
        self.year = year


def grant_preview(current: Ledger, amount: Decimal, already_counted: Decimal = ZERO) -> Decimal:
    """What would be left to grant after granting `amount` (negative: it does not fit)."""
    return current.remaining - (amount - already_counted)


# -- deferral: the date travels inside the stored reason --------------------------------------
#
# The schema and exchange format v1 keep one reason per decision and no "until" date.
# A deferral's date is written in front of its reason as "YYYY-MM-DD: reason": readable in
# an export, language-neutral, and read back here.

_DEFERRAL = re.compile(r"^(\d{4}-\d{2}-\d{2}): (.*)$", re.DOTALL)


def deferral_reason(until: date, reason: str) -> str:
    return f"{until.isoformat()}: {reason}"


def split_deferral(stored: str | None) -> tuple[date | None, str | None]:
    """The until-date and the reason of a stored deferral reason (no date: None)."""
    if not stored:
        return None, stored
    match = _DEFERRAL.match(stored)
    if match is None:
        return None, stored
    try:
        return date.fromisoformat(match.group(1)), match.group(2)
    except ValueError:
        return None, stored


# -- payments -------------------------------------------------------------------------------


def check_payment(
    status: ProposalStatus,
    granted: Decimal | None,
    paid: Decimal,
    amount: Decimal,
    paid_on: date,
    today: date,
) -> None:
    """Refuse a payment that is not on a grant, not positive, in the future or above the grant."""
    if status is not ProposalStatus.GRANTED or granted is None:
        raise RuleBroken(
            N_("Payments are only made on a granted proposal; this one has not been granted.")
        )
    check_amount(amount)
    if amount <= ZERO:
        raise RuleBroken(N_("A payment must be more than {zero}."), zero=ZERO)
    if paid_on > today:
        raise RuleBroken(
            N_("A payment is recorded once it is made; {date} is still to come."),
            date=paid_on,
        )
    if paid + amount > granted:
        raise PaymentAboveGrant(amount, granted, paid)


class PaymentAboveGrant(RuleBroken):
    def __init__(self, amount: Decimal, granted: Decimal, paid: Decimal) -> None:
        super().__init__(
            N_(
                "A payment of {amount} is more than is still open: {granted} was granted and "
                "{paid} has been paid, so at most {open} can still be paid."
            ),
            amount=amount,
            granted=granted,
            paid=paid,
            open=granted - paid,
        )


# -- the year's amount and the carry-over -----------------------------------------------------


def check_budget_amount(current: Ledger, amount: Decimal) -> Decimal:
    """Refuse a year's amount below what that year has already granted (and carried on)."""
    amount = check_amount(amount)
    changed = Ledger(
        current.year, amount, current.carry_over, current.granted, current.paid, current.carried_out
    )
    if changed.remaining < ZERO:
        raise RuleBroken(
            N_(
                "The budget for {year} cannot be {amount}: {granted} has already been granted "
                "that year. Record at least {least}."
            ),
            year=str(current.year),
            amount=amount,
            granted=current.granted,
            least=amount - changed.remaining,
        )
    return amount


def check_carry_over(source: Ledger, target: Ledger | None, amount: Decimal) -> Decimal:
    """Refuse a carry-over from `source` into the next year that breaks either year.

    `source.carried_out` is the carry-over as it stands; `amount` replaces it.
    `target` is the next year's ledger as it stands (None when it has no budget yet).
    """
    amount = check_amount(amount)
    unspent = source.remaining + source.carried_out
    if amount > unspent:
        raise RuleBroken(
            N_(
                "Only {unspent} of {year} is not granted, so at most that can be carried "
                "over to {next}, not {amount}."
            ),
            unspent=max(unspent, ZERO),
            year=str(source.year),
            next=str(source.year + 1),
            amount=amount,
        )
    if target is not None:
        after = target.remaining - target.carry_over + amount
        if after < ZERO:
            raise RuleBroken(
                N_(
                    "{next} has already granted {granted}; with a carry-over of {amount} that "
                    "no longer fits in its budget. Carry over at least {least}."
                ),
                next=str(target.year),
                granted=target.granted,
                amount=amount,
                least=amount - after,
            )
    return amount


# -- per theme ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeTotal:
    theme: str | None  # None: proposals without a theme
    proposals: int
    requested: Decimal
    granted: Decimal
    paid: Decimal

    @property
    def to_pay(self) -> Decimal:
        return self.granted - self.paid


def theme_totals(
    lines: Iterable[tuple[str | None, Decimal, Decimal | None, Decimal]],
) -> list[ThemeTotal]:
    """Totals per theme from (theme, requested, granted or None, paid), largest grant first."""
    grouped: dict[str | None, list[tuple[Decimal, Decimal, Decimal]]] = {}
    for theme, requested, granted, paid in lines:
        key = theme.strip() if theme and theme.strip() else None
        grouped.setdefault(key, []).append((requested, granted or ZERO, paid))
    totals = [
        ThemeTotal(
            theme,
            len(rows),
            total(r for r, _g, _p in rows),
            total(g for _r, g, _p in rows),
            total(p for _r, _g, p in rows),
        )
        for theme, rows in grouped.items()
    ]
    return sorted(totals, key=lambda t: (-t.granted, t.theme is None, (t.theme or "").casefold()))
