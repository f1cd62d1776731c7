"""Overzicht: where the chosen neighbourhood stands today, at a glance.

The next meeting, the year's budget, open actions and contract points past their deadline.
Everything a user typed is shown as plain text (names and places may hold `<` or `&`).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from buurtteam import i18n
from buurtteam.domain.ledger import Ledger
from buurtteam.domain.overview import NextMeeting, OpenAction, OverduePoint, Overview, ReplyFlag
from buurtteam.i18n import _, ngettext
from buurtteam.i18n.format import datum, datum_long, euro, tijd
from buurtteam.i18n.labels import point_status_label
from buurtteam.ui.pages import SUBHEADING_SCALE, Page, heading, plain_label
from buurtteam.ui.section import SectionBox
from buurtteam.ui.table import Column, TableSection

if TYPE_CHECKING:
    from buurtteam.store.db import Database

WARNING_COLOUR = "#8b1a1a"  # dark red, readable on light backgrounds; the words say it too


@lru_cache(maxsize=2048)
def _long_date(day: date, language: str) -> str:
    return datum_long(day)


def _date_text(day: date) -> str:
    """`12 oktober 2027`, formatted once per day: Qt asks a cell's text many times while it
    sizes the columns and rows, and babel takes a fifth of a millisecond per date (ten years
    of open actions made the page a quarter of a second slower)."""
    return _long_date(day, i18n.language())


def _due_text(action: OpenAction) -> str:
    if action.due is None:
        return "—"
    if action.overdue:
        return _("{date}, overdue").format(date=_date_text(action.due))
    return _date_text(action.due)


def _action_columns() -> list[Column[OpenAction]]:
    return [
        Column(_("Action"), lambda a: a.text, stretch=True),
        Column(_("Who"), lambda a: a.who or "—"),
        Column(_("Due"), _due_text),
        Column(_("From the meeting of"), lambda a: _date_text(a.meeting_date)),
    ]


def _point_columns() -> list[Column[OverduePoint]]:
    return [
        Column(_("No."), lambda p: str(p.number), right_aligned=True),
        Column(_("Contract point"), lambda p: p.title, stretch=True),
        Column(_("Responsible party"), lambda p: p.party),
        Column(_("Deadline"), lambda p: _date_text(p.due)),
        Column(_("Status"), lambda p: point_status_label(p.status)),
    ]


def _value_label(name: str, *, bold: bool = False) -> QLabel:
    label = plain_label(bold=bold)
    label.setAccessibleName(name)
    return label


class _MeetingBox(SectionBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Next meeting"), parent)
        self.date = _value_label(_("Date"), bold=True)
        self.time = _value_label(_("Time"))
        self.place = _value_label(_("Place"))
        self.requests = _value_label(_("Agenda requests"))
        self.none_label = plain_label(_("No meeting is planned yet."))
        self._details = QWidget()
        form = QFormLayout(self._details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Date:"), self.date)
        form.addRow(_("Time:"), self.time)
        form.addRow(_("Place:"), self.place)
        form.addRow(_("Agenda:"), self.requests)
        layout = QVBoxLayout(self)
        layout.addWidget(self._details)
        layout.addWidget(self.none_label)
        layout.addStretch(1)

    def show_meeting(self, meeting: NextMeeting | None) -> None:
        self._details.setVisible(meeting is not None)
        self.none_label.setVisible(meeting is None)
        if meeting is None:
            return
        self.date.setText(datum(meeting.starts_at.date()))
        self.time.setText(tijd(meeting.starts_at))
        self.place.setText(meeting.location or _("not known yet"))
        count = meeting.pending_requests
        self.requests.setText(
            ngettext(
                "{count} request waiting for a place",
                "{count} requests waiting for a place",
                count,
            ).format(count=count)
            if count
            else _("no requests waiting")
        )


class _BudgetBox(SectionBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Neighbourhood budget"), parent)
        self.available = _value_label(_("Available"))
        self.granted = _value_label(_("Granted"))
        self.paid = _value_label(_("Paid"))
        self.remaining = _value_label(_("Left to grant"), bold=True)
        self.carry_over = plain_label()
        self.warning = plain_label(bold=True)
        palette = self.warning.palette()
        palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR)
        self.warning.setPalette(palette)
        self.none_label = plain_label()
        self._details = QWidget()
        form = QFormLayout(self._details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Available:"), self.available)
        form.addRow(_("Granted:"), self.granted)
        form.addRow(_("Paid:"), self.paid)
        form.addRow(_("Left to grant:"), self.remaining)
        # Amounts right-aligned in a column of their own width, so the digits line up.
        amount_width = self.remaining.fontMetrics().horizontalAdvance("€ 000.000,00") + 8
        for label in (self.available, self.granted, self.paid, self.remaining):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setFixedWidth(amount_width)
        layout = QVBoxLayout(self)
        layout.addWidget(self._details)
        layout.addWidget(self.carry_over)
        layout.addWidget(self.warning)
        layout.addWidget(self.none_label)
        layout.addStretch(1)

    def show_budget(self, budget: Ledger | None, year: int) -> None:
        self.setTitle(_("Neighbourhood budget {year}").format(year=year))
        self._details.setVisible(budget is not None)
        self.none_label.setVisible(budget is None)
        if budget is None:
            self.carry_over.hide()
            self.warning.hide()
            self.none_label.setText(
                _("No budget has been recorded for {year} yet.").format(year=year)
            )
            return
        self.available.setText(euro(budget.available))
        self.granted.setText(euro(budget.granted))
        self.paid.setText(euro(budget.paid))
        self.remaining.setText(euro(budget.remaining))
        self.carry_over.setVisible(bool(budget.carry_over))
        self.carry_over.setText(
            _("Including {amount} carried over from {year}.").format(
                amount=euro(budget.carry_over), year=budget.year - 1
            )
        )
        self.warning.setVisible(budget.is_low)
        self.warning.setText(
            _("Note: less than a tenth of the budget is left to grant.") if budget.is_low else ""
        )


class _RepliesBox(SectionBox):
    """Letters of open issues that got no reply in time: shown only when there are any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Letters without a reply"), parent)
        self.setAccessibleName(_("Letters without a reply"))
        self._layout = QVBoxLayout(self)
        self.lines: list[QLabel] = []

    def show_flags(self, flags: tuple[ReplyFlag, ...]) -> None:
        for label in self.lines:
            # Hidden now: deleteLater waits for the event loop, and the new lines must
            # not show beside the old ones meanwhile.
            label.hide()
            self._layout.removeWidget(label)
            label.deleteLater()
        self.lines = []
        self.setVisible(bool(flags))
        for flag in flags:
            letter = flag.letter
            label = plain_label(
                _(
                    "⚠ {issue}: the letter of {date} to {to} has had no reply for {weeks} "
                    "weeks (expected by {due}). Send a reminder or take the next step."
                ).format(
                    issue=flag.issue_title,
                    date=datum_long(letter.sent_on),
                    to=letter.to or flag.party or _("the party"),
                    weeks=letter.weeks_waiting,
                    due=datum_long(letter.reply_due),
                ),
                bold=True,
            )
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR)
            label.setPalette(palette)
            self._layout.addWidget(label)
            self.lines.append(label)


class OverviewPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading()
        self.subtitle = plain_label(scale=SUBHEADING_SCALE)
        self.meeting = _MeetingBox()
        self.budget = _BudgetBox()
        self.replies = _RepliesBox()
        self.actions_section: TableSection[OpenAction] = TableSection(
            _action_columns(),
            name=_("Open actions"),
            empty_text=_("There are no open actions."),
            emphasis=lambda a: a.overdue,
        )
        self.points_section: TableSection[OverduePoint] = TableSection(
            _point_columns(),
            name=_("Contract points past their deadline"),
            empty_text=_("No contract point is past its deadline."),
        )
        boxes = QHBoxLayout()
        boxes.addWidget(self.meeting, 1)
        boxes.addWidget(self.budget, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(boxes)
        layout.addWidget(self.replies)
        layout.addWidget(self.actions_section, 1)
        layout.addWidget(self.points_section, 1)

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        # Imported here: the window's first screen shows this page before the data stack
        # (SQLAlchemy) has loaded, from a quick look (ops.first_look).
        from buurtteam.ops.overview import overview

        self.show_overview(overview(db, neighbourhood_id, today))

    def show_overview(self, data: Overview) -> None:
        self.title.setText(data.neighbourhood.name)
        self.subtitle.setText(
            _("{municipality} · as of {date}").format(
                municipality=data.neighbourhood.municipality, date=datum(data.today)
            )
        )
        self.meeting.show_meeting(data.next_meeting)
        self.budget.show_budget(data.budget, data.today.year)
        self.actions_section.set_rows(data.open_actions)
        self.points_section.set_rows(data.overdue_points)
        self.replies.show_flags(data.reply_flags)
