"""Every message the app can show has a Dutch text, and the compiled catalogs are current."""

from datetime import date
from decimal import Decimal

from buurtteam import i18n
from buurtteam.i18n.catalogs import compiled, missing, po_files
from buurtteam.i18n.format import datum, datum_long, euro


def test_every_message_has_a_dutch_text() -> None:
    untranslated = missing("nl")
    assert not untranslated, "\n".join(f"{where}: {msg!r}" for msg, where in untranslated.items())


def test_compiled_catalogs_are_up_to_date() -> None:
    stale = [
        po.name
        for po in po_files("nl")
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").read_bytes() != compiled(po)
    ]
    assert not stale, f"run: python -m buurtteam.i18n.catalogs ({stale})"


def test_dutch_dates_and_money() -> None:
    assert datum(date(2027, 1, 12)) == "dinsdag 12 januari 2027"
    assert datum_long(date(2027, 10, 12)) == "12 oktober 2027"
    assert euro(Decimal("25000")) == "€\xa025.000,00"
    assert euro(Decimal("1234.5")) == "€\xa01.234,50"


def test_english_is_selectable() -> None:
    i18n.set_language("en")
    assert datum(date(2027, 1, 12)) == "Tuesday, 12 January 2027"
    assert i18n._("At {path}: {text}") == "At {path}: {text}"
    i18n.set_language("nl")
    assert i18n._("At {path}: {text}") == "Bij {path}: {text}"


def test_our_catalog_reader_reads_what_gettext_reads() -> None:
    import gettext

    from buurtteam.resources import resource

    files = sorted(resource("locale", "nl", "LC_MESSAGES").glob("*.mo"))
    assert files
    for mo in files:
        with mo.open("rb") as handle:
            theirs = gettext.GNUTranslations(handle)
        assert i18n.read_mo(mo.read_bytes()) == theirs._catalog, mo.name  # type: ignore[attr-defined]
        # The merged catalog counts plural forms the Dutch and English way, as every file says.
        assert theirs.plural(1) == 0 and theirs.plural(0) == theirs.plural(2) == 1  # type: ignore[attr-defined]
