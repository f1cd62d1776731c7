"""Language: gettext catalogs (Dutch by default, English selectable) and message rendering.

Message ids in the code are English; the Dutch text lives in `resources/locale/nl`. Each
area of the app has its own catalog file there (`core.po`, `contract.po`, ...); all `.mo`
files of a language are merged at start, so areas can be translated independently.
"""

from __future__ import annotations

import gettext as _gettext
import struct
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from buurtteam.errors import BuurtteamError

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_current = DEFAULT_LANGUAGE
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_loaded = False


def read_mo(data: bytes) -> dict[str | tuple[str, int], str]:
    """The texts of a compiled catalog, keyed as `gettext.GNUTranslations` keys them.

    gettext's own reader unpacks each entry on its own and compiles every file's plural
    rule; reading the tables in one go takes a third of the time, at every start.
    """
    (magic,) = struct.unpack_from("<I", data)
    order = "<" if magic == 0x950412DE else ">"
    _magic, _revision, count, originals, translations = struct.unpack_from(f"{order}5I", data)
    ids = struct.unpack_from(f"{order}{2 * count}I", data, originals)
    texts = struct.unpack_from(f"{order}{2 * count}I", data, translations)
    catalog: dict[str | tuple[str, int], str] = {}
    for index in range(0, 2 * count, 2):
        msgid = data[ids[index + 1] : ids[index + 1] + ids[index]].decode()
        text = data[texts[index + 1] : texts[index + 1] + texts[index]].decode()
        if "\x00" in msgid:  # singular and plural: one text per plural form
            singular = msgid.split("\x00")[0]
            for form, variant in enumerate(text.split("\x00")):
                catalog[(singular, form)] = variant
        else:
            catalog[msgid] = text
    return catalog


def _load(language: str) -> _gettext.NullTranslations:
    """All catalogs of `language` as one: a later file's text wins, as when chained.

    Merged into one table rather than chained as fallbacks: the window asks for hundreds
    of texts while it builds, and a chain of fifteen catalogs made each ask fifteen
    look-ups (start-up time, issue 8). Every catalog uses the same plural rule, that of
    Dutch and English: one form for 1, another for the rest.
    """
    from buurtteam.resources import resource

    folder = resource("locale", language, "LC_MESSAGES")
    files = sorted(folder.glob("*.mo")) if folder.is_dir() else []
    if not files:
        return _gettext.NullTranslations()
    texts: dict[str | tuple[str, int], str] = {}
    for mo in files:
        texts.update(read_mo(mo.read_bytes()))
    merged = _gettext.GNUTranslations()  # no file: filled below
    merged._catalog = texts  # type: ignore[attr-defined]
    merged.plural = lambda n: int(n != 1)  # type: ignore[attr-defined]
    return merged


def set_language(language: str) -> None:
    """Choose the language of screens, messages and printed documents."""
    global _current, _translations, _loaded
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if _loaded and language == _current:
        return
    _current = language
    _translations = _load(language)
    _loaded = True


def language() -> str:
    return _current


def _(message: str) -> str:
    if not _loaded:
        set_language(_current)
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if not _loaded:
        set_language(_current)
    return _translations.ngettext(singular, plural, n)


def render_error(error: BuurtteamError) -> str:
    """The error's message in the current language, parameters formatted the local way."""
    from buurtteam.i18n.format import datum_long, euro

    params = {}
    for key, value in error.params.items():
        if isinstance(value, Decimal):
            params[key] = euro(value)
        elif isinstance(value, datetime):
            params[key] = value.strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, date):
            params[key] = datum_long(value)
        else:
            params[key] = value
    text = _(error.message).format(**params)
    if error.path:
        return _("At {path}: {text}").format(path=error.path, text=text)
    return text
