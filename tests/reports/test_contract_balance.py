"""The contract report's summary says whose agendas the meetings of the period had."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from buurtteam.ops.contract import print_contract_report
from buurtteam.ops.exchange import import_file
from buurtteam.store.db import Database
from tests.conftest import EXAMPLE


def test_the_contract_report_shows_the_agenda_balance(db: Database, tmp_path: Path) -> None:
    import_file(db, EXAMPLE)
    pdf = print_contract_report(db, 1, tmp_path / "rapport.pdf", date(2027, 3, 1))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Wiens agenda was het?" in text
    assert "(3 vergaderingen)" in text
    assert "Bewoners, opbouwwerker en team:" in text
