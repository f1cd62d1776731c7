"""`buurtteam import-contract` and `buurtteam print contract` (see spec cli.md)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from buurtteam.cli import Registry, open_db, progress
from buurtteam.i18n import _


def register(registry: Registry) -> None:
    sub = registry.command(
        "import-contract",
        _("import contract points from a spreadsheet (.xlsx or .csv), all or nothing"),
        _cmd_import_contract,
    )
    sub.add_argument("--neighbourhood", required=True, metavar="NAME")
    sub.add_argument("--contract", required=True, metavar="ID")
    sub.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    sub = registry.print_target(
        "contract",
        _("the progress report of the neighbourhood contract in force"),
        _cmd_print_contract,
    )
    sub.add_argument("--neighbourhood", required=True, metavar="NAME")


def _cmd_import_contract(args: argparse.Namespace) -> int:
    from buurtteam.ops.contract import import_contract_file

    db = open_db(args)
    try:
        progress(_("Reading and checking {file}...").format(file=args.file))
        result = import_contract_file(
            db, args.neighbourhood, args.contract, Path(args.file), dt.date.today()
        )
    finally:
        db.close()
    print(
        _(
            "Imported into {contract} ({id}): {added} new points, {updated} updated, "
            "{unchanged} unchanged."
        ).format(
            contract=result.contract_title,
            id=result.contract_public_id,
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    )
    return 0


def _cmd_print_contract(args: argparse.Namespace) -> int:
    from buurtteam.ops.contract import print_contract_report_for

    db = open_db(args)
    try:
        progress(_("Printing the contract report..."))
        target = print_contract_report_for(
            db, args.neighbourhood, Path(args.output), dt.date.today()
        )
    finally:
        db.close()
    print(_("Contract report written to {file}.").format(file=target))
    return 0
