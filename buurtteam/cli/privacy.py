"""`buurtteam person export|erase`: a resident's privacy requests."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from buurtteam.cli import Registry, open_db
from buurtteam.errors import N_, InvalidInput
from buurtteam.i18n import _


def register(registry: Registry) -> None:
    person = registry.command(
        "person", _("a person's privacy requests: export or erase"), _cmd_missing
    )
    actions = person.add_subparsers(dest="action", metavar=_("action"), required=True)
    export = actions.add_parser(
        "export", help=_("everything stored about a person, as JSON or PDF")
    )
    export.add_argument("--person", required=True, metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json|FILE.pdf")
    export.set_defaults(handler=_cmd_export)
    erase = actions.add_parser(
        "erase", help=_("erase a person: name replaced by their role, contact details removed")
    )
    erase.add_argument("--person", required=True, metavar="ID")
    erase.set_defaults(handler=_cmd_erase)


def _cmd_missing(args: argparse.Namespace) -> int:  # argparse requires an action first
    return 2


def _cmd_export(args: argparse.Namespace) -> int:
    from buurtteam.ops.exchange import write_json
    from buurtteam.ops.privacy import person_data

    target = Path(args.output)
    if target.suffix.lower() not in (".json", ".pdf"):
        raise InvalidInput(
            N_("Give a file name ending in .json or .pdf, not {file}."), file=target.name
        )
    db = open_db(args)
    try:
        data = person_data(db, args.person)
    finally:
        db.close()
    if target.suffix.lower() == ".pdf":
        from buurtteam.reports.person_report import print_person

        print_person(data, target, dt.date.today())
    else:
        write_json(data, target)
    print(
        _("Everything stored about {name} is in {file}.").format(
            name=data["person"]["name"], file=target
        )
    )
    return 0


def _cmd_erase(args: argparse.Namespace) -> int:
    from buurtteam.ops.privacy import erase_person

    db = open_db(args)
    try:
        report = erase_person(db, args.person, dt.date.today())
    finally:
        db.close()
    print(
        _(
            "Erased: the name is replaced by {label!r} in {count} text(s) and the contact "
            "details are gone; the person is now {id}. Backups made before today still hold "
            "the old data until they rotate out (at most a year)."
        ).format(label=report.replaced_by, count=report.texts_changed, id=report.person_id)
    )
    return 0
