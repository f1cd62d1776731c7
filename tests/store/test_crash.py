"""Kill a writing process at random moments: the file stays sound and keeps every
acknowledged transaction, and never half of one.

Each transaction of the writer adds a party and a person who belongs to it, then
prints its number (the acknowledgement). After SIGKILL, every acknowledged number must
have both rows and no number may have only one.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from buurtteam.store.db import open_database

WRITER = r"""
import sys
from buurtteam.store.db import open_database
from buurtteam.store import models as m

db = open_database(sys.argv[1], daily_backup=False)
with db.write() as s:
    hood = s.query(m.Neighbourhood).one_or_none()
    if hood is None:
        hood = m.Neighbourhood(name="Crashbuurt", municipality="Testgemeente")
        s.add(hood)
        s.flush()
    hood_id = hood.id
start = int(sys.argv[2])
for n in range(start, start + 100000):
    with db.write() as s:
        party = m.Party(neighbourhood_id=hood_id, public_id=f"p{n}", name=f"Partij {n}",
                        kind="other")
        s.add(party)
        s.flush()
        s.add(m.Person(neighbourhood_id=hood_id, public_id=f"p{n}",
                       name=f"Persoon {n} " + "x" * 500,
                       party_id=party.id))
    print(n, flush=True)
"""


def _kill_once(path: Path, start: int, rng: random.Random) -> list[int]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # wait until it really writes
    time.sleep(rng.uniform(0.0, 0.25))
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    return [int(line) for line in (first + rest).split()]


def _check(path: Path, acknowledged: list[int]) -> None:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        parties = {r[0] for r in raw.execute("SELECT public_id FROM party")}
        people = {r[0] for r in raw.execute("SELECT public_id FROM person")}
    finally:
        raw.close()
    assert parties == people, "half a transaction survived"
    missing = {f"p{n}" for n in acknowledged} - parties
    assert not missing, f"acknowledged but lost: {sorted(missing)[:5]}"


def _run(tmp_path: Path, kills: int, seed: int) -> None:
    path = tmp_path / "crash.sqlite"
    open_database(path).close()
    rng = random.Random(seed)
    acknowledged: list[int] = []
    start = 0
    for _ in range(kills):
        done = _kill_once(path, start, rng)
        acknowledged += done
        start = (max(done) + 1 if done else start) + 1000
        _check(path, acknowledged)
    assert acknowledged, "the writer never acknowledged a transaction"
    assert open_database(path) is not None  # and the app opens it again


def test_killing_a_writer_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    _run(tmp_path, kills=8, seed=20270112)


@pytest.mark.slow
def test_killing_a_writer_many_times(tmp_path: Path) -> None:
    _run(tmp_path, kills=150, seed=1)
