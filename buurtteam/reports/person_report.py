"""The printed copy of everything stored about one person (a privacy request)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm

from buurtteam.domain.vocab import AttendanceStatus, ProposalStatus, Role
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, datum_long, euro
from buurtteam.i18n.labels import attendance_label, proposal_status_label, roles_label
from buurtteam.reports.pdf import PageFrame, Styles, build_pdf, para, spacer, table


def _day(value: str | None) -> str:
    return datum_long(dt.date.fromisoformat(value[:10])) if value else "-"


def print_person(
    data: dict[str, Any], target: Path, today: dt.date, *, large: bool = False
) -> Path:
    """Lay out `ops.privacy.person_data` as a letter-sized listing."""
    styles = Styles(large)
    person = data["person"]
    story: list[Any] = [
        para(_("What buurtteam stores about {name}").format(name=person["name"]), styles.title),
        para(
            _("Neighbourhood {hood}, printed on {day}.").format(
                hood=data["neighbourhood"], day=datum(today)
            ),
            styles.body,
        ),
        spacer(styles),
        para(_("Personal details"), styles.heading),
    ]
    rows = [
        [_("Name"), person["name"]],
        [_("Roles"), roles_label(tuple(Role(r) for r in person["roles"])) or "-"],
        [_("E-mail"), person["email"] or _("not stored")],
        [_("Phone"), person["phone"] or _("not stored")],
        [_("Organisation"), person["party"] or "-"],
    ]
    story.append(table(rows, [45 * mm, 125 * mm], styles, header=False))
    sections = [
        (
            _("Attendance at meetings"),
            [_("Meeting"), _("Attendance")],
            [
                [
                    _day(a["meeting"]["starts_at"]) if a["meeting"] else "-",
                    attendance_label(AttendanceStatus(a["status"])),
                ]
                for a in data["attendance"]
            ],
        ),
        (
            _("Agenda requests"),
            [_("Date"), _("Title")],
            [[_day(r["submitted_on"]), r["title"]] for r in data["agenda_requests"]],
        ),
        (
            _("Actions"),
            [_("Action"), _("Due"), _("Done")],
            [[a["text"], _day(a["due"]), _day(a["done_on"])] for a in data["actions"]],
        ),
        (
            _("Budget proposals"),
            [_("Received"), _("Title"), _("Requested"), _("Status")],
            [
                [
                    _day(p["received_on"]),
                    p["title"],
                    euro(Decimal(p["amount_requested"])),
                    proposal_status_label(ProposalStatus(p["status"])),
                ]
                for p in data["proposals"]
            ],
        ),
        (
            _("Issues raised"),
            [_("Date"), _("Title")],
            [[_day(i["raised_on"]), i["title"]] for i in data["issues"]],
        ),
        (
            _("Texts that mention the name"),
            [_("Where"), _("Text")],
            [[m["in"], m["text"]] for m in data["mentions"]],
        ),
    ]
    for title, header, rows in sections:
        story.append(para(title, styles.heading))
        if rows:
            width = 170 * mm / len(header)
            story.append(table([header, *rows], [width] * len(header), styles))
        else:
            story.append(para(_("Nothing stored."), styles.body))
    frame = PageFrame(
        data["neighbourhood"],
        _("Privacy request"),
        _("Printed on {day}").format(day=datum_long(today)),
    )
    return build_pdf(target, story, frame, styles, title=_("Personal data"))
