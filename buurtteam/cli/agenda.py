"""`buurtteam agenda compose|ics` and `buurtteam print agenda` (spec cli.md).

agenda compose --meeting ID                       propose the agenda from pending requests
agenda ics     --meeting ID -o FILE.ics           one meeting for members' calendars
agenda ics     --neighbourhood NAME -o FILE.ics   every planned meeting from today on
print agenda   --meeting ID -o FILE.pdf [--large] the invitation and agenda on paper

`--meeting` takes the meeting's public id, or its date (2027-01-12) when that is unambiguous.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from buurtteam.cli import Handler, Registry, _common, open_db, progress
from buurtteam.i18n import _, ngettext


def register(registry: Registry) -> None:
    printing = registry.print_target(
        "agenda", _("the invitation and agenda of a meeting"), _cmd_print_agenda
    )
    printing.add_argument("--meeting", required=True, metavar="ID")
    printing.add_argument(
        "--large", action="store_true", help=_("large print (14 pt) for easier reading")
    )

    agenda = registry.command(
        "agenda", _("a meeting's agenda: compose it, or export meetings for calendars"), _usage
    )
    actions = agenda.add_subparsers(dest="action", metavar=_("action"), required=True)

    def action(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text, description=help_text)
        _common(parser, top=False)  # --db and --lang also after the action
        parser.set_defaults(handler=handler)
        return parser

    compose = action("compose", _("propose the agenda from pending requests"), _cmd_compose)
    compose.add_argument("--meeting", required=True, metavar="ID")
    ics = action("ics", _("meetings as a calendar file (.ics) for members' agendas"), _cmd_ics)
    which = ics.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="ID", help=_("one meeting"))
    which.add_argument(
        "--neighbourhood", metavar="NAME", help=_("every planned meeting from today on")
    )
    ics.add_argument("-o", "--output", required=True, metavar="FILE.ics")


def _usage(args: argparse.Namespace) -> int:  # argparse requires an action first
    return 2


def _cmd_compose(args: argparse.Namespace) -> int:
    from buurtteam.i18n.format import datum, tijd
    from buurtteam.ops.agenda import agenda_of, compose_agenda
    from buurtteam.ops.lookup import find_meeting

    db = open_db(args)
    try:
        meeting_id = find_meeting(db, args.meeting)
        result = compose_agenda(db, meeting_id)
        view = agenda_of(db, meeting_id)
    finally:
        db.close()
    day = datum(view.meeting.starts_at.date())
    if result.changed:
        print(
            _("Agenda of {date} composed: {items}, {requests}.").format(
                date=day,
                items=ngettext("{count} item added", "{count} items added", result.added).format(
                    count=result.added
                ),
                requests=ngettext(
                    "{count} request placed", "{count} requests placed", result.placed_requests
                ).format(count=result.placed_requests),
            )
        )
    else:
        print(_("The agenda of {date} was composed already; nothing changed.").format(date=day))
    for item in view.items:
        print(f"{tijd(item.starts_at)}  {item.number:>2}. {item.title}")
    return 0


def _cmd_print_agenda(args: argparse.Namespace) -> int:
    from buurtteam.ops.agenda import print_agenda
    from buurtteam.ops.lookup import find_meeting

    db = open_db(args)
    try:
        meeting_id = find_meeting(db, args.meeting)
        progress(_("Printing the agenda..."))
        target = print_agenda(db, meeting_id, Path(args.output), dt.date.today(), large=args.large)
    finally:
        db.close()
    print(_("The agenda is in {file}.").format(file=target))
    return 0


def _cmd_ics(args: argparse.Namespace) -> int:
    from buurtteam.ops.calendar import export_meeting, export_series
    from buurtteam.ops.lookup import find_meeting, neighbourhood_by_name

    stamp = dt.datetime.now(dt.UTC)
    db = open_db(args)
    try:
        if args.meeting:
            target = export_meeting(db, find_meeting(db, args.meeting), Path(args.output), stamp)
        else:
            with db.read() as session:
                neighbourhood_id = neighbourhood_by_name(session, args.neighbourhood).id
            target = export_series(db, neighbourhood_id, Path(args.output), dt.date.today(), stamp)
    finally:
        db.close()
    print(_("The calendar file is in {file}.").format(file=target))
    return 0
