"""`buurtteam print minutes` (spec cli.md).

print minutes --meeting ID -o FILE.pdf [--large]   the minutes of a meeting on paper

`--meeting` takes the meeting's public id, or its date (2027-01-12) when that is unambiguous.
Concept minutes print as "Concept"; approved minutes with the meeting that approved them
and their check code (fingerprint) in the footer.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from buurtteam.cli import Registry, open_db, progress
from buurtteam.i18n import _


def register(registry: Registry) -> None:
    printing = registry.print_target(
        "minutes", _("the minutes of a meeting, with decisions and actions"), _cmd_print_minutes
    )
    printing.add_argument("--meeting", required=True, metavar="ID")
    printing.add_argument(
        "--large", action="store_true", help=_("large print (14 pt) for easier reading")
    )


def _cmd_print_minutes(args: argparse.Namespace) -> int:
    from buurtteam.ops.lookup import find_meeting
    from buurtteam.ops.minutes import print_minutes

    db = open_db(args)
    try:
        meeting_id = find_meeting(db, args.meeting)
        progress(_("Printing the minutes..."))
        target = print_minutes(db, meeting_id, Path(args.output), dt.date.today(), large=args.large)
    finally:
        db.close()
    print(_("The minutes are in {file}.").format(file=target))
    return 0
