"""Use cases for the exchange format: import a file (all or nothing) and export one."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select

from buurtteam.domain.exchange_rules import check_document
from buurtteam.domain.text import MAX_TEXT_LENGTH, clean_text
from buurtteam.errors import N_, InvalidInput, NotFound, StoreError
from buurtteam.store.db import Database
from buurtteam.store.exchange_export import export_document
from buurtteam.store.exchange_import import (
    ImportSummary,
    import_document,
    refuse_existing_neighbourhoods,
)
from buurtteam.store.exchange_schema import conforms, validate_structure
from buurtteam.store.models import Neighbourhood

# Ten years of five neighbourhoods is about 40 MB; far larger is not an exchange file.
MAX_FILE_BYTES = 200 * 1024 * 1024
_MAX_DEPTH = 12  # the format nests 7 deep; deeper is an attack or a mistake


def read_exchange_file(path: Path) -> Any:
    """The parsed JSON of an exchange file, or a clear refusal."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(
                N_("The file is {size} MB, too large for an exchange file (at most {limit} MB)."),
                size=size // 2**20,
                limit=MAX_FILE_BYTES // 2**20,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            N_("The file {file} does not exist. Check the name and the folder."), file=str(path)
        ) from None
    except IsADirectoryError:
        raise InvalidInput(N_("{file} is a folder, not a file."), file=str(path)) from None
    except PermissionError:
        raise StoreError(
            N_("You may not read {file}. Ask for access or copy it somewhere else."), file=str(path)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            N_(
                "The file is not UTF-8 text, so it is not an exchange file. Export "
                "it again from buurtteam."
            )
        ) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_refuse_float)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            N_("The file is not valid JSON: {problem} on line {line}, column {column}."),
            problem=error.msg,
            line=error.lineno,
            column=error.colno,
        ) from None
    except RecursionError:
        raise InvalidInput(
            N_("The file is nested far too deeply to be an exchange file.")
        ) from None
    return data


def _refuse_constant(name: str) -> Any:
    raise InvalidInput(N_("The file contains {name}, which is not a value JSON allows."), name=name)


def _refuse_float(text: str) -> Any:
    # Money is a text in this format; a bare decimal number is always a mistake. Keep it as a
    # string-marked float so the schema reports it at its path with the money message.
    return float(text)


def _depth(node: Any, limit: int) -> int:
    if limit < 0:
        raise InvalidInput(N_("The file is nested far too deeply to be an exchange file."))
    if isinstance(node, dict):
        return 1 + max((_depth(v, limit - 1) for v in node.values()), default=0)
    if isinstance(node, list):
        return 1 + max((_depth(v, limit - 1) for v in node), default=0)
    return 0


def normalise_texts(data: Any) -> Any:
    """Every string NFC-normalised; control characters and lone surrogates refused."""
    if isinstance(data, dict):
        return {key: normalise_texts(value) for key, value in data.items()}
    if isinstance(data, list):
        return [normalise_texts(value) for value in data]
    return data


def validate_document(data: Any) -> dict[str, Any]:
    """Structure, text and every domain rule; returns the normalised document.

    The input is not changed; what comes back shares every part that needed no change.

    Raises:
        InvalidInput / RuleBroken: the first problem, with its JSON path.
    """
    if not conforms(data):
        # Only now the slow, exact check: it explains the first problem with its path.
        # (A file that conforms nests no deeper than the schema, far less than _MAX_DEPTH.)
        _depth(data, _MAX_DEPTH)
        validate_structure(data)
    cleaned: dict[str, Any] = clean_texts(data)
    errors = check_document(cleaned)
    if errors:
        raise errors[0]
    return cleaned


def clean_texts(node: Any) -> Any:
    """Every string of a JSON tree as `clean_text` makes it, in one pass.

    The first string `clean_text` refuses, in document order, raises with its JSON path
    (`neighbourhoods[0].meetings[2].location`). Containers holding no string that
    changes are returned as they are, so a clean file is not copied.
    """
    if isinstance(node, str):
        return node if _already_clean(node) else clean_text(node, "")
    if isinstance(node, (dict, list)):
        return _clean_container(node, None)
    return node


# What clean_text refuses or changes: C0 controls but tab and newline, carriage return
# (folded), DEL, C1 controls, lone surrogates.
_NOT_PLAIN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _already_clean(value: str) -> bool:
    """True when clean_text would return `value` unchanged (most texts: checked in C)."""
    if len(value) > MAX_TEXT_LENGTH:
        return False
    if not value.isprintable() and _NOT_PLAIN.search(value):
        return False
    return value.isascii() or unicodedata.is_normalized("NFC", value)


_Trail = tuple[Any, ...] | None  # (parent trail, key): the path, made only when needed


def _clean_container(node: dict[str, Any] | list[Any], trail: _Trail) -> Any:
    copied: dict[str, Any] | list[Any] | None = None
    pairs = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in pairs:
        kind = type(value)
        if kind is str:
            # _already_clean, written out: this runs for every text of the file.
            if (
                len(value) <= MAX_TEXT_LENGTH
                and (value.isprintable() or not _NOT_PLAIN.search(value))
                and (value.isascii() or unicodedata.is_normalized("NFC", value))
            ):
                continue
            new = clean_text(value, _path((trail, key)))
            if new == value:
                continue
        elif kind is dict or kind is list:
            new = _clean_container(value, (trail, key))
            if new is value:
                continue
        else:
            continue
        if copied is None:
            copied = dict(node) if isinstance(node, dict) else list(node)
        copied[key] = new  # type: ignore[index]
    return node if copied is None else copied


def _path(trail: _Trail) -> str:
    """`neighbourhoods[0].name`, as domain.exchange_rules.iter_strings writes paths."""
    keys: list[Any] = []
    while trail is not None:
        trail, key = trail
        keys.append(key)
    path = ""
    for key in reversed(keys):
        if isinstance(key, int):
            path += f"[{key}]"
        else:
            path += f".{key}" if path else str(key)
    return path


def import_data(db: Database, data: Any) -> ImportSummary:
    """Import a parsed exchange document in one transaction: all of it, or nothing."""
    with _collector_paused():
        return _import_data(db, data)


def _import_data(db: Database, data: Any) -> ImportSummary:
    cleaned = validate_document(data)
    with db.read() as session:
        refuse_existing_neighbourhoods(session, cleaned)
        holds_data = session.execute(select(Neighbourhood.id).limit(1)).first() is not None
    if db.path is not None and holds_data:
        from buurtteam.store.backups import make_backup

        make_backup(db, "voor-import", dt.datetime.now())
    with db.write() as session:
        return import_document(session, cleaned)


def import_file(db: Database, path: str | os.PathLike[str]) -> ImportSummary:
    with _collector_paused():
        return _import_data(db, read_exchange_file(Path(path)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a file is read and stored.

    A large file makes a million small objects without a single cycle among them, and
    the collector would walk them all again and again: a tenth of the import's time.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def export_data(
    db: Database, neighbourhood: str | None = None, now: dt.datetime | None = None
) -> dict[str, Any]:
    with db.read() as session:
        document = export_document(session, neighbourhood, exported_at=now)
    if neighbourhood is not None and not document["neighbourhoods"]:
        raise NotFound(
            N_("There is no neighbourhood called {name!r} in this database."), name=neighbourhood
        )
    return document


def write_json(document: dict[str, Any], path: Path) -> None:
    """Write atomically: a crash leaves the old file or the whole new one, never half."""
    path = path.expanduser()
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StoreError(
            N_(
                "The file {file} could not be written: {reason}. Choose another "
                "folder or make room on the disk."
            ),
            file=str(path),
            reason=error.strerror or str(error),
        ) from None


def export_file(
    db: Database,
    path: str | os.PathLike[str],
    neighbourhood: str | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    document = export_data(db, neighbourhood, now or dt.datetime.now())
    write_json(document, Path(path))
    return document
