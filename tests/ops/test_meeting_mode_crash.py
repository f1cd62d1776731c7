"""Kill the process that is writing a meeting's notes: what it acknowledged is there.

The writer saves the notes of one agenda item over and over as the window's autosave
does (one small transaction per save), and prints the number of each save once it
returned. After SIGKILL, the stored notes are those of the last acknowledged save, or of
the one that was in flight (committed but not yet printed); never older, never half.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from buurtteam.domain.vocab import Section
from buurtteam.ops.minutes import minutes_of
from buurtteam.store.db import Database, open_database
from tests.ops.test_meeting_mode import composed_meeting, example, item_in

WRITER = r"""
import sys
from buurtteam.ops.meeting_mode import save_notes
from buurtteam.store.db import open_database

db = open_database(sys.argv[1], daily_backup=False)
item = int(sys.argv[2])
start = int(sys.argv[3])
for n in range(start, start + 100000):
    save_notes(db, item, f"Notitie {n}: de coördinator belt de wijkagent. " + "ë" * (n % 300))
    print(n, flush=True)
"""


def notes_for(n: int) -> str:
    return f"Notitie {n}: de coördinator belt de wijkagent. " + "ë" * (n % 300)


def _kill_once(target: str, item: int, start: int, rng: random.Random) -> list[int]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, target, str(item), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # it is really writing
    time.sleep(rng.uniform(0.0, 0.3))
    process.send_signal(signal.SIGKILL)
    rest, _errors = process.communicate(timeout=60)
    return [int(line) for line in (first + rest).split()]


def test_killing_the_note_writer_keeps_what_it_acknowledged(db: Database) -> None:
    example(db)
    meeting = composed_meeting(db)
    item = item_in(db, meeting, Section.TOPICS)
    target = db.url  # the file, or the database on the server
    db.close()
    rng = random.Random(20270406)
    start = 0
    for _round in range(4):
        acknowledged = _kill_once(target, item, start, rng)
        assert acknowledged, "the writer never acknowledged a save"
        last = acknowledged[-1]
        reopened = open_database(target, daily_backup=False)
        try:
            stored = minutes_of(reopened, meeting).item(item).notes
        finally:
            reopened.close()
        assert stored in (notes_for(last), notes_for(last + 1)), (last, stored)
        start = last + 2
