"""Read-only list pages: meetings, contract points, proposals, issues, people and parties.

Each shows what the database holds for the chosen neighbourhood, with Dutch labels for
every status; the pages that edit these records build on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

from buurtteam.domain.vocab import PointStatus
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, datum_long, euro, number, tijd
from buurtteam.i18n.labels import (
    issue_status_label,
    meeting_status_label,
    party_kind_label,
    point_status_label,
    proposal_status_label,
    roles_label,
)
from buurtteam.ops.browse import (
    IssueRow,
    MeetingRow,
    PartyRow,
    PersonRow,
    PointRow,
    ProposalRow,
    contract_points,
    issues_list,
    meetings_list,
    people_and_parties,
    proposals_list,
)
from buurtteam.store.db import Database
from buurtteam.ui.pages import Page, heading
from buurtteam.ui.table import Column, TableSection

R = TypeVar("R")

NOTHING = "—"


def _date_or_nothing(day: date | None) -> str:
    return datum_long(day) if day is not None else NOTHING


class ListPage(Page, Generic[R]):
    """A heading and one table of rows read by `read`."""

    def __init__(
        self,
        title: str,
        columns: Sequence[Column[R]],
        read: Callable[[Database, int], Sequence[R]],
        *,
        section_name: str,
        empty_text: str,
        emphasis: Callable[[R], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read
        self.section: TableSection[R] = TableSection(
            columns, name=section_name, empty_text=empty_text, emphasis=emphasis
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(self.section, 1)

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        self.section.set_rows(self._read(db, neighbourhood_id))


def meetings_page() -> ListPage[MeetingRow]:
    columns: list[Column[MeetingRow]] = [
        Column(_("Date"), lambda m: datum(m.starts_at.date())),
        Column(_("Time"), lambda m: tijd(m.starts_at)),
        Column(_("Place"), lambda m: m.location or NOTHING, stretch=True),
        Column(_("Status"), lambda m: meeting_status_label(m.status)),
        Column(_("Chair"), lambda m: m.chair or NOTHING),
        Column(_("Agenda items"), lambda m: number(m.agenda_items), right_aligned=True),
        Column(_("Requests waiting"), lambda m: number(m.pending_requests), right_aligned=True),
    ]
    return ListPage(
        _("Meetings"),
        columns,
        meetings_list,
        section_name=_("All meetings"),
        empty_text=_("No meetings have been recorded yet."),
    )


def contract_page() -> ListPage[PointRow]:
    columns: list[Column[PointRow]] = [
        # The period tells contracts apart in a few characters; the title is on the paper.
        Column(_("Contract"), lambda p: f"{p.contract_starts_on.year}–{p.contract_ends_on.year}"),
        Column(_("No."), lambda p: str(p.number), right_aligned=True),
        Column(_("Contract point"), lambda p: p.title, stretch=True),
        Column(_("Theme"), lambda p: p.theme or NOTHING),
        Column(_("Responsible party"), lambda p: p.party),
        Column(_("Deadline"), lambda p: _date_or_nothing(p.due)),
        Column(_("Status"), lambda p: point_status_label(p.status)),
    ]
    return ListPage(
        _("Neighbourhood contract"),
        columns,
        contract_points,
        section_name=_("Contract points"),
        empty_text=_("No neighbourhood contract has been recorded yet."),
        emphasis=lambda p: p.status is PointStatus.NOT_KEPT,
    )


def budget_page() -> ListPage[ProposalRow]:
    columns: list[Column[ProposalRow]] = [
        Column(_("Year"), lambda p: str(p.year)),
        Column(_("Proposal"), lambda p: p.title, stretch=True),
        Column(_("Submitted by"), lambda p: p.submitted_by or NOTHING),
        Column(_("Received"), lambda p: datum_long(p.received_on)),
        Column(_("Requested"), lambda p: euro(p.amount_requested), right_aligned=True),
        Column(_("Status"), lambda p: proposal_status_label(p.status)),
        Column(
            _("Granted"),
            lambda p: euro(p.amount_granted) if p.amount_granted is not None else NOTHING,
            right_aligned=True,
        ),
        Column(_("Paid"), lambda p: euro(p.paid), right_aligned=True),
    ]
    return ListPage(
        _("Neighbourhood budget"),
        columns,
        proposals_list,
        section_name=_("Proposals"),
        empty_text=_("No budget proposals have been received yet."),
    )


def issues_page() -> ListPage[IssueRow]:
    columns: list[Column[IssueRow]] = [
        Column(_("Raised on"), lambda i: datum_long(i.raised_on)),
        Column(_("Issue"), lambda i: i.title, stretch=True),
        Column(_("Raised by"), lambda i: i.raised_by or NOTHING),
        Column(_("Party"), lambda i: i.party or NOTHING),
        Column(_("Status"), lambda i: issue_status_label(i.status)),
        Column(_("Steps"), lambda i: number(i.steps), right_aligned=True),
        Column(_("Last step"), lambda i: _date_or_nothing(i.last_step_on)),
    ]
    return ListPage(
        _("Issues"),
        columns,
        issues_list,
        section_name=_("All issues"),
        empty_text=_("No neighbourhood issues have been recorded yet."),
    )


class PeoplePage(Page):
    """The team's people and the parties that carry out the contract."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        people_columns: list[Column[PersonRow]] = [
            Column(_("Name"), lambda p: p.name, stretch=True),
            Column(_("Roles"), lambda p: roles_label(p.roles)),
            Column(_("Party"), lambda p: p.party or NOTHING),
            Column(_("E-mail"), lambda p: p.email or NOTHING),
            Column(_("Phone"), lambda p: p.phone or NOTHING),
        ]
        party_columns: list[Column[PartyRow]] = [
            Column(_("Name"), lambda p: p.name, stretch=True),
            Column(_("Kind"), lambda p: party_kind_label(p.kind)),
        ]
        self.people: TableSection[PersonRow] = TableSection(
            people_columns, name=_("People"), empty_text=_("No people have been recorded yet.")
        )
        self.parties: TableSection[PartyRow] = TableSection(
            party_columns, name=_("Parties"), empty_text=_("No parties have been recorded yet.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("People and parties")))
        layout.addWidget(self.people, 3)
        layout.addWidget(self.parties, 2)

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        found = people_and_parties(db, neighbourhood_id)
        self.people.set_rows(found.people)
        self.parties.set_rows(found.parties)
