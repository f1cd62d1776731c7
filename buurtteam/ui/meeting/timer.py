"""The chair's clock: how long an item has run against its time box.

One item's clock runs at a time; stopping keeps what it ran, starting again adds to it.
Over time is said in words with a warning sign ("⚠ 2:10 over de tijd"), never by colour
alone. The clock is injected so tests need no waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from buurtteam.i18n import _

WARNING_MARK = "⚠"


class ItemClock:
    """Seconds spent per item; at most one item's clock runs."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._spent: dict[int, float] = {}
        self._running: int | None = None
        self._since = 0.0

    @property
    def running_item(self) -> int | None:
        return self._running

    def running(self, item_id: int) -> bool:
        return self._running == item_id

    def start(self, item_id: int) -> None:
        if self._running == item_id:
            return
        self.stop()
        self._running, self._since = item_id, self._now()

    def stop(self) -> None:
        if self._running is not None:
            self._spent[self._running] = self.seconds(self._running)
            self._running = None

    def toggle(self, item_id: int) -> bool:
        """Start `item_id`'s clock, or stop it when it runs; True when it runs now."""
        if self._running == item_id:
            self.stop()
            return False
        self.start(item_id)
        return True

    def seconds(self, item_id: int) -> float:
        spent = self._spent.get(item_id, 0.0)
        if self._running == item_id:
            spent += self._now() - self._since
        return spent

    def has_run(self, item_id: int) -> bool:
        return self.seconds(item_id) > 0


def clock_text(seconds: float) -> str:
    """`12:05`: minutes and seconds."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def timer_words(seconds: float, time_box: int | None, running: bool) -> str:
    """What the timer says, in words, for the chair and the second screen."""
    spent = clock_text(seconds)
    state = _("running") if running else (_("stopped") if seconds else _("not started"))
    if time_box:
        over = seconds - time_box * 60
        if over > 0:
            return _("{mark} {over} over time ({box} min. planned) · {state}").format(
                mark=WARNING_MARK, over=clock_text(over), box=time_box, state=state
            )
        return _("Time: {spent} of {box} min. · {state}").format(
            spent=spent, box=time_box, state=state
        )
    return _("Time: {spent} (no time box) · {state}").format(spent=spent, state=state)


def is_over(seconds: float, time_box: int | None) -> bool:
    return bool(time_box) and seconds > (time_box or 0) * 60
