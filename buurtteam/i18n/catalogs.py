"""Maintaining the translation catalogs (a developer's tool, not used at run time).

    python -m buurtteam.i18n.catalogs          compile every .po to .mo
    python -m buurtteam.i18n.catalogs missing  list message ids without a Dutch text

Catalogs live in `resources/locale/<lang>/LC_MESSAGES/<area>.po`, one file per area of the
app; at run time all `.mo` files of a language are merged (see `buurtteam.i18n`).
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from buurtteam.resources import resource

PACKAGE = Path(__file__).resolve().parents[1]


def po_files(language: str) -> list[Path]:
    return sorted(resource("locale", language, "LC_MESSAGES").glob("*.po"))


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.parts[-3])
    # babel stamps "now" into headers the .po leaves out; pin them so that compiling
    # twice gives the same bytes (the test that .mo files are current relies on it).
    catalog.creation_date = catalog.revision_date = datetime(2026, 1, 1, tzinfo=UTC)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> list[Path]:
    written = []
    for language in ("nl", "en"):
        for po in po_files(language):
            mo = po.with_suffix(".mo")
            data = compiled(po)
            if not mo.exists() or mo.read_bytes() != data:
                mo.write_bytes(data)
                written.append(mo)
    return written


def source_messages() -> dict[str, str]:
    """Every message id marked in the package's code, with one place it occurs."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(PACKAGE)):
        key = message if isinstance(message, str) else (message or ("",))[0]
        if key:
            found.setdefault(key, f"{filename}:{lineno}")
    return found


def translated(language: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for po in po_files(language):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=language):
                key = message.id if isinstance(message.id, str) else message.id[0]
                strings = message.string
                value = strings if isinstance(strings, str) else (strings or ("",))[0]
                if key and value:
                    texts[key] = value
    return texts


def missing(language: str = "nl") -> dict[str, str]:
    have = translated(language)
    return {msg: where for msg, where in source_messages().items() if msg not in have}


def main(argv: list[str]) -> int:
    if argv and argv[0] == "missing":
        for message, where in sorted(missing().items(), key=lambda kv: kv[1]):
            print(f"{where}\t{message!r}")
        return 0
    for path in compile_all():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
