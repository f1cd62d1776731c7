"""The `buurtteam` command (see the README and shared spec cli.md).

Everything but the window works without a screen: Qt is imported only for the window.
Exit codes: 0 done; 1 refused (a Dutch message on standard error, no traceback);
2 wrong usage (argparse).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from buurtteam import i18n
from buurtteam.errors import N_, BuurtteamError
from buurtteam.i18n import _

if TYPE_CHECKING:
    from buurtteam.store.db import Database

STARTED = time.perf_counter()

DB_ENV = "BUURTTEAM_DB"
Handler = Callable[[argparse.Namespace], int]


def default_database() -> str:
    """`--db`, else $BUURTTEAM_DB, else a file in the platform's user data folder."""
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("buurtteam", appauthor=False)) / "buurtteam.sqlite")


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before and after the subcommand; SUPPRESS keeps a later default from
    # overwriting what was given earlier.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        default=default,
        metavar="DB",
        help=_("database file or URL (default: $BUURTTEAM_DB, else your data folder)"),
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=default,
        help=_("language of the window, messages and documents (default: nl)"),
    )


def _translate_argparse() -> None:
    """argparse's own words ("usage:", "options", its errors) in our language.

    Python ships no Dutch catalog for argparse; it looks its words up through the module
    globals `_` and `ngettext`, so point those at ours (texts in cli.po).
    """
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when that is all `argv` holds, else None.

    The usual start opens the window; building every command's parser for it took a
    tenth of the window's start (issue 8). Anything else (a command, --help, a wrong
    value) goes to the full parser, which also words every refusal.
    """
    parser = argparse.ArgumentParser(prog="buurtteam", add_help=False, exit_on_error=False)
    _common(parser, top=True)
    parser.add_argument("--smoke", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    _translate_argparse()
    parser = argparse.ArgumentParser(
        prog="buurtteam",
        description=_("Neighbourhood contract, meetings and budget for a projectteam."),
    )
    _common(parser, top=True)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=_("paint the main window once, print the milliseconds, exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("command"))

    def command(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _common(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("demo", _("fill an empty database with the demo neighbourhood"), _cmd_demo)
    sub.add_argument(
        "--large",
        action="store_true",
        help=_("five neighbourhoods over ten years instead (for measuring speed)"),
    )
    sub = command("import", _("import an exchange file (all or nothing)"), _cmd_import)
    sub.add_argument("file", metavar="FILE.json")
    sub = command("export", _("export to an exchange file"), _cmd_export)
    sub.add_argument("-o", "--output", required=True, metavar="FILE.json")
    sub.add_argument("--neighbourhood", metavar="NAME")
    sub = command(
        "backup", _("make a sound copy of the database, also while it is in use"), _cmd_backup
    )
    sub.add_argument("-o", "--output", required=True, metavar="FILE")
    command("check", _("check the file and every rule over the stored data"), _cmd_check)
    printing = commands.add_parser(
        "print", help=_("print a document to PDF"), description=_("print a document to PDF")
    )
    targets = printing.add_subparsers(dest="target", metavar=_("document"), required=True)

    def print_target(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        sub = targets.add_parser(name, help=help_text, description=help_text)
        _common(sub, top=False)
        sub.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        sub.set_defaults(handler=handler)
        return sub

    registry = Registry(command=command, print_target=print_target)
    for module in _AREAS:
        importlib.import_module(f"buurtteam.cli.{module}").register(registry)
    return parser


@dataclass(frozen=True)
class Registry:
    """What an area's CLI module gets to add its subcommands and print targets."""

    command: Callable[[str, str, Handler], argparse.ArgumentParser]
    print_target: Callable[[str, str, Handler], argparse.ArgumentParser]


# Each area of the app adds its commands in buurtteam/cli/<area>.py with a
# `register(registry)` function; list it here.
_AREAS: tuple[str, ...] = ("privacy", "contract", "budget", "agenda", "minutes")


PASSWORD_TRIES = 3


def open_db(args: argparse.Namespace) -> Database:
    """The database of `--db`; for the area modules too.

    A server that asks for a password is given one typed at the terminal (never echoed,
    never kept); without a terminal (a script) the person is told where to put it instead.
    """
    from buurtteam.store.db import open_database
    from buurtteam.store.server import PasswordNeeded

    password: str | None = None
    for _attempt in range(PASSWORD_TRIES):
        try:
            return open_database(args.db, password=password)
        except PasswordNeeded as needed:
            if not sys.stdin.isatty():
                raise PasswordNeeded(
                    N_(
                        "{reason} There is no terminal to type it in. Keep it in the "
                        "system keyring (open the window once and tick \"Remember\"), or ask "
                        "your IT department for a password file (.pgpass) for scripts."
                    ),
                    refused=needed.refused,
                    reason=needed.text(),
                ) from None
            print(needed.text(), file=sys.stderr)
            password = getpass.getpass(_("Password: "))
    raise PasswordNeeded(
        N_("The password was refused {count} times; nothing was opened."),
        refused=True,
        count=PASSWORD_TRIES,
    )


def progress(message: str) -> None:
    """Show what long work is doing, on a terminal only (scripts get clean output)."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def _cmd_demo(args: argparse.Namespace) -> int:
    from buurtteam.ops.demo import load_demo

    db = open_db(args)
    try:
        if args.large:
            progress(_("Filling the database with five neighbourhoods over ten years..."))
        else:
            progress(_("Filling the database with the demo neighbourhood..."))
        summary = load_demo(db, dt.date.today(), large=args.large)
    finally:
        db.close()
    if args.large:
        print(
            _("Demo neighbourhoods {names} are ready in {db}.").format(
                names=", ".join(summary.neighbourhoods), db=args.db
            )
        )
        return 0
    print(
        _("Demo neighbourhood {name} is ready in {db}.").format(
            name=", ".join(summary.neighbourhoods), db=args.db
        )
    )
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from buurtteam.ops.exchange import import_file

    db = open_db(args)
    try:
        progress(_("Checking and importing {file}...").format(file=args.file))
        summary = import_file(db, args.file)
    finally:
        db.close()
    records = sum(summary.counts.values())
    print(
        _("Imported: {names} ({records} records).").format(
            names=", ".join(summary.neighbourhoods) or "-", records=records
        )
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from buurtteam.ops.exchange import export_file

    db = open_db(args)
    try:
        document = export_file(db, args.output, args.neighbourhood)
    finally:
        db.close()
    print(
        _("Exported {count} neighbourhood(s) to {file}.").format(
            count=len(document["neighbourhoods"]), file=args.output
        )
    )
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from buurtteam.store.db import backup_to

    db = open_db(args)
    try:
        target = backup_to(db, Path(args.output))
    finally:
        db.close()
    print(_("Backup written to {file}.").format(file=target))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from buurtteam.ops.check import check_database

    db = open_db(args)
    try:
        report = check_database(db)
    finally:
        db.close()
    for line in report.integrity:
        print(_("File damaged: {detail}").format(detail=line), file=sys.stderr)
    for problem in report.problems:
        print(problem.text(), file=sys.stderr)
    if not report.ok:
        print(
            _(
                "The check found {count} problem(s). Restore a backup, or correct the data "
                "named above."
            ).format(count=len(report.integrity) + len(report.problems)),
            file=sys.stderr,
        )
        return 1
    print(
        _("All is well: the file is sound and {count} neighbourhood(s) keep every rule.").format(
            count=report.neighbourhoods
        )
    )
    return 0


def _cmd_window(args: argparse.Namespace) -> int:
    from buurtteam.ui.app import run

    return run(args.db, args.lang, smoke=args.smoke, started=STARTED)


def _log_bug() -> Path | None:
    try:
        from platformdirs import user_log_dir

        folder = Path(user_log_dir("buurtteam", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "fouten.log"
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()} {sys.argv!r}\n")
            handle.write(traceback.format_exc())
        return log
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser's help texts are made.
    language = os.environ.get("BUURTTEAM_LANG", i18n.DEFAULT_LANGUAGE)
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            language = argv[index + 1]
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
    i18n.set_language(language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    args = window_args(argv) or build_parser().parse_args(argv)
    explicit = getattr(args, "lang", None) or os.environ.get("BUURTTEAM_LANG")
    # The window falls back to the language chosen in its own menu; everything else to Dutch.
    args.lang = explicit if explicit in i18n.LANGUAGES else None
    args.db = getattr(args, "db", None) or os.environ.get(DB_ENV) or default_database()
    handler: Handler = getattr(args, "handler", _cmd_window)
    try:
        return handler(args)
    except BuurtteamError as error:
        print(error.text(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Stopped; nothing half-done was saved."), file=sys.stderr)
        return 130
    except Exception:
        log = _log_bug()
        print(
            _(
                "Something went wrong inside buurtteam (a bug, not your mistake); nothing "
                "half-done was saved. Details are in {log}; please send that file to whoever "
                "supports the app."
            ).format(log=log or "-"),
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
