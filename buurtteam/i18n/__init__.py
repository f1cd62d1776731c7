"""Language: gettext catalogs (Dutch by default, English selectable) and message rendering.

Message ids in the code are English; the Dutch text lives in `resources/locale/nl`. Each
area of the app has its own catalog file there (`core.po`, `contract.po`, ...); all `.mo`
files of a language are merged at start, so areas can be translated independently.
"""

from __future__ import annotations

import gettext as _gettext
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


def _load(language: str) -> _gettext.NullTranslations:
    """All catalogs of `language` as one: a later file's text wins, as when chained.

    Merged into one table rather than chained as fallbacks: the window asks for hundreds
    of texts while it builds, and a chain of fifteen catalogs made each ask fifteen
    look-ups (start-up time, issue 8).
    """
    from buurtteam.resources import resource

    folder = resource("locale", language, "LC_MESSAGES")
    merged: _gettext.NullTranslations = _gettext.NullTranslations()
    texts: dict[object, str] = {}
    for mo in sorted(folder.glob("*.mo")) if folder.is_dir() else []:
        with mo.open("rb") as handle:
            catalog = _gettext.GNUTranslations(handle)
        texts.update(catalog._catalog)  # type: ignore[attr-defined]
        merged = catalog
    if isinstance(merged, _gettext.GNUTranslations):
        merged._catalog = texts  # type: ignore[attr-defined]
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
