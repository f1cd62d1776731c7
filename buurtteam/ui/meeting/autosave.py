"""Saving fields as they are typed: no save button, and never more than seconds at risk.

A field's save runs a second after typing pauses, at the latest two seconds after the
first unsaved keystroke (typing on without a pause does not hold a save back), when the
field loses focus, and whenever the window asks (`flush`: before another item is shown,
before printing, on closing). Each save is one small transaction of its own.

A refused save (a control character pasted in, minutes approved meanwhile) keeps the
text on screen and says so in `failed`; it is not retried until the field changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from buurtteam.errors import BuurtteamError

PAUSE_MS = 1000
MAX_WAIT_S = 2.0

Save = Callable[[], None]


class Autosave(QObject):
    """Debounced saves, keyed by the object that owns the field (an editor, a panel)."""

    saving = Signal()
    saved = Signal()
    failed = Signal(object)  # the BuurtteamError

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pause_ms: int = PAUSE_MS,
        max_wait_s: float = MAX_WAIT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._pending: dict[int, Save] = {}
        self._first_pending: float | None = None
        self._pause_ms = pause_ms
        self._max_wait_s = max_wait_s
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def schedule(self, owner: object, save: Save) -> None:
        """Save `owner`'s field soon; a later call for the same owner replaces this one."""
        self._pending[id(owner)] = save
        now = self._clock()
        if self._first_pending is None:
            self._first_pending = now
        waited = now - self._first_pending
        if waited >= self._max_wait_s:
            self.flush()
            return
        left_ms = int((self._max_wait_s - waited) * 1000)
        self._timer.start(max(0, min(self._pause_ms, left_ms)))
        self.saving.emit()

    def watch_focus(self, widget: QWidget) -> None:
        """Save what is pending as soon as `widget` loses the focus."""
        widget.installEventFilter(self)

    def flush(self) -> bool:
        """Run every pending save now; False when one was refused."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        self._first_pending = None
        ok = True
        for save in pending.values():
            try:
                save()
            except BuurtteamError as error:
                ok = False
                self.failed.emit(error)
        if ok and pending:
            self.saved.emit()
        return ok

    def forget(self, owner: object) -> None:
        """Drop `owner`'s pending save (its record was removed)."""
        self._pending.pop(id(owner), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._pending:
            self.flush()
        return False
