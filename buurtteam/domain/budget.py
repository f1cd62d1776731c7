"""Budget arithmetic for one neighbourhood and year. Pure functions over Decimals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from buurtteam.domain.money import ZERO, total
from buurtteam.errors import N_, RuleBroken

DEFAULT_BUDGET = Decimal("25000.00")


@dataclass(frozen=True)
class Ledger:
    """What a year's budget looks like at one moment."""

    year: int
    amount: Decimal
    carry_over: Decimal
    granted: Decimal
    paid: Decimal

    @property
    def available(self) -> Decimal:
        """The year's amount plus what the team carried over from the previous year."""
        return self.amount + self.carry_over

    @property
    def remaining(self) -> Decimal:
        """Left to grant."""
        return self.available - self.granted

    @property
    def to_pay(self) -> Decimal:
        """Granted but not yet paid."""
        return self.granted - self.paid

    @property
    def is_low(self) -> bool:
        """Less than a tenth of the budget is left to grant."""
        return self.available > 0 and self.remaining * 10 < self.available


def ledger(
    year: int,
    amount: Decimal,
    carry_over: Decimal,
    grants: Iterable[Decimal],
    payments: Iterable[Decimal],
) -> Ledger:
    return Ledger(year, amount, carry_over, total(grants), total(payments))


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
