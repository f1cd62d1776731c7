"""Whose agenda it is, in words: shared by the Vergaderingen page and the contract report."""

from __future__ import annotations

from buurtteam.domain.agenda import Balance
from buurtteam.i18n import _, ngettext


def balance_text(balance: Balance) -> str:
    """Whose agenda it is, in words, with the counts behind the percentages."""
    if not balance.items:
        return _("There are no discussion items on this agenda yet.")
    items = ngettext(
        "{count} of {total} item ({share}%)", "{count} of {total} items ({share}%)", balance.items
    ).format(count=balance.resident_items, total=balance.items, share=balance.resident_item_share)
    minutes = ngettext(
        "{count} of {total} minute ({share}%)",
        "{count} of {total} minutes ({share}%)",
        balance.minutes,
    ).format(
        count=balance.resident_minutes,
        total=balance.minutes,
        share=balance.resident_minute_share or 0,
    )
    return _(
        "Residents, community worker and team: {items} and {minutes}. "
        "Municipality and partners: {other_items}, {other_minutes}."
    ).format(
        items=items,
        minutes=minutes,
        other_items=ngettext("{count} item", "{count} items", balance.other_items).format(
            count=balance.other_items
        ),
        other_minutes=ngettext("{count} minute", "{count} minutes", balance.other_minutes).format(
            count=balance.other_minutes
        ),
    )
