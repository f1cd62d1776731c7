"""The window's first screen, read before the data stack has loaded (start-up, issue 8).

Importing SQLAlchemy and the models takes longer than Qt takes to show a window. So the
window opens on what this module reads with bare `sqlite3` (the same SQL as the Overzicht
page, `store.overview_queries`), and the full opening follows behind it. This module must
not import SQLAlchemy, directly or through another module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from buurtteam.domain.overview import NeighbourhoodRow, Overview, chosen_neighbourhood
from buurtteam.store import overview_queries as queries
from buurtteam.store.first_look import first_look as look_into

if TYPE_CHECKING:
    from buurtteam.store.overview_queries import Reader


@dataclass(frozen=True)
class FirstLook:
    """The neighbourhoods in the file and the overview of the one the window opens on."""

    path: Path
    neighbourhoods: tuple[NeighbourhoodRow, ...]
    chosen: int | None  # index in `neighbourhoods`; None when there are none
    overview: Overview | None


def first_look(target: str, wanted: str | None, today: date) -> FirstLook | None:
    """A first look into the file `target`, opening on the neighbourhood named `wanted`.

    None when a quick look is not possible (a database server, a new or damaged file, a
    file that needs migrating): the window then opens the usual way, behind its splash.
    """
    if "://" in target:
        return None
    path = Path(target).expanduser()

    def read(reader: Reader) -> FirstLook:
        rows = queries.neighbourhoods(reader)
        if not rows:
            return FirstLook(path, (), None, None)
        chosen = chosen_neighbourhood(rows, wanted)
        return FirstLook(
            path, tuple(rows), chosen, queries.overview(reader, rows[chosen].id, today)
        )

    return look_into(path, read)
