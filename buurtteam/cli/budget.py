"""`buurtteam print budget` (spec cli.md) and `buurtteam budget show|export|letter`.

print budget  --neighbourhood NAME --year YYYY -o FILE.pdf       the printed overview
budget show   --neighbourhood NAME [--year YYYY]                  the ledger, on screen
budget export --neighbourhood NAME --year YYYY -o FILE.xlsx|.csv  the file for finance
budget letter --neighbourhood NAME --proposal ID -o FILE.pdf      the decision letter
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from buurtteam.cli import Handler, Registry, _common, open_db, progress
from buurtteam.i18n import _

if TYPE_CHECKING:
    from buurtteam.ops.budget import YearBudget


def register(registry: Registry) -> None:
    sub = registry.print_target(
        "budget",
        _("the budget overview of a neighbourhood for one year"),
        _cmd_print_budget,
    )
    sub.add_argument("--neighbourhood", required=True, metavar="NAME")
    sub.add_argument("--year", required=True, type=int, metavar="YYYY")

    budget = registry.command(
        "budget", _("the neighbourhood budget: show, export for finance, letters"), _usage
    )
    actions = budget.add_subparsers(dest="action", metavar=_("action"), required=True)

    def action(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text, description=help_text)
        _common(parser, top=False)  # --db and --lang also after the action
        parser.add_argument("--neighbourhood", required=True, metavar="NAME")
        parser.set_defaults(handler=handler)
        return parser

    show = action(
        "show", _("how much is left, and who is still waiting for money or a decision"), _cmd_show
    )
    show.add_argument(
        "--year", type=int, metavar="YYYY", help=_("the budget year (default: this year)")
    )
    export = action(
        "export", _("the year for the finance department, as .xlsx or .csv"), _cmd_export
    )
    export.add_argument("--year", required=True, type=int, metavar="YYYY")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.csv")
    letter = action("letter", _("the decision letter to the resident who proposed"), _cmd_letter)
    letter.add_argument("--proposal", required=True, metavar="ID")
    letter.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def _usage(args: argparse.Namespace) -> int:  # argparse requires an action first
    return 2


def _cmd_print_budget(args: argparse.Namespace) -> int:
    from buurtteam.ops.budget import find_neighbourhood, print_budget_overview

    db = open_db(args)
    try:
        hood = find_neighbourhood(db, args.neighbourhood)
        progress(_("Printing the budget overview..."))
        target = print_budget_overview(db, hood.id, args.year, Path(args.output), dt.date.today())
    finally:
        db.close()
    print(
        _("Budget overview {year} of {name} written to {file}.").format(
            year=args.year, name=hood.name, file=target
        )
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from buurtteam.ops.budget import find_neighbourhood
    from buurtteam.ops.finance_export import export_finance

    db = open_db(args)
    try:
        hood = find_neighbourhood(db, args.neighbourhood)
        target = export_finance(db, hood.id, args.year, Path(args.output))
    finally:
        db.close()
    print(
        _("The budget {year} of {name} for finance is in {file}.").format(
            year=args.year, name=hood.name, file=target
        )
    )
    return 0


def _cmd_letter(args: argparse.Namespace) -> int:
    from buurtteam.ops.budget import find_neighbourhood, find_proposal, print_decision_letter

    db = open_db(args)
    try:
        hood = find_neighbourhood(db, args.neighbourhood)
        proposal = find_proposal(db, hood.id, args.proposal)
        target = print_decision_letter(db, proposal.id, Path(args.output), dt.date.today())
    finally:
        db.close()
    print(_("The letter about “{title}” is in {file}.").format(title=proposal.title, file=target))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from buurtteam.ops.budget import find_neighbourhood, year_budget

    db = open_db(args)
    try:
        hood = find_neighbourhood(db, args.neighbourhood)
        data = year_budget(db, hood.id, args.year or dt.date.today().year)
    finally:
        db.close()
    print("\n".join(ledger_lines(data)))
    return 0


def ledger_lines(data: YearBudget) -> list[str]:
    """The year's ledger and who is waiting, as lines for a terminal."""
    from buurtteam.i18n.format import datum_long, euro
    from buurtteam.i18n.labels import proposal_status_label

    figures = data.ledger
    rows = [(_("Budget for {year}").format(year=data.year), figures.amount)]
    if figures.carry_over:
        rows.append((_("Carried over from {year}").format(year=data.year - 1), figures.carry_over))
    if figures.carried_out:
        rows.append((_("Carried over to {year}").format(year=data.year + 1), -figures.carried_out))
    rows += [
        (_("Granted (committed)"), figures.granted),
        (_("Paid"), figures.paid),
        (_("Granted, still to pay"), figures.to_pay),
        (_("Left to grant"), figures.remaining),
    ]
    width = max(len(label) for label, _amount in rows)
    lines = [
        _("Neighbourhood budget {year}").format(year=data.year) + f" · {data.neighbourhood.name}"
    ]
    if not data.recorded:
        lines.append(_("No budget has been recorded for {year}.").format(year=data.year))
    lines += [f"  {label:<{width}}  {euro(amount):>14}" for label, amount in rows]
    lines.append("")
    lines.append(_("Still waiting for money:"))
    for p in data.waiting_for_money:
        lines.append(
            "  "
            + _("{title} ({who}): {open} of {granted} still to pay").format(
                title=p.title,
                who=p.submitted_by or "-",
                open=euro(p.to_pay),
                granted=euro(p.granted or p.to_pay),
            )
        )
    if not data.waiting_for_money:
        lines.append("  " + _("nobody"))
    lines.append(_("Waiting for a decision:"))
    for p in data.waiting_for_decision:
        status = proposal_status_label(p.status)
        if p.deferred_until:
            status = _("on hold until {date}").format(date=datum_long(p.deferred_until))
        lines.append(
            "  "
            + _("{title} ({who}): {amount} requested, {status}").format(
                title=p.title, who=p.submitted_by or "-", amount=euro(p.requested), status=status
            )
        )
    if not data.waiting_for_decision:
        lines.append("  " + _("nobody"))
    return lines
