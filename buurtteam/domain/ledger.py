"""A year's buurtbudget at one moment: what is available, granted, paid and left.

Kept apart from the budget's decision rules (`domain.budget`): the window's first screen
shows the year's figures, and loads only what it needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from buurtteam.domain.money import ZERO, total


@dataclass(frozen=True)
class Ledger:
    """What a year's budget looks like at one moment."""

    year: int
    amount: Decimal
    carry_over: Decimal  # brought in from the previous year, as the team recorded it
    granted: Decimal
    paid: Decimal
    carried_out: Decimal = ZERO  # taken on to the next year (that year's carry_over)

    @property
    def available(self) -> Decimal:
        """The year's amount plus what the team carried over from the previous year."""
        return self.amount + self.carry_over

    @property
    def remaining(self) -> Decimal:
        """Left to grant: what is available, less the grants and what went on to next year."""
        return self.available - self.carried_out - self.granted

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
    carried_out: Decimal = ZERO,
) -> Ledger:
    return Ledger(year, amount, carry_over, total(grants), total(payments), carried_out)
