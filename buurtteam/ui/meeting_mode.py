"""Meeting mode ("Vergadering leiden"): the chair runs the meeting, the secretary types up
the minutes, in one calm, large, full window.

Attendance comes first, with the quorum always in view; then item by item: the time box
and a running timer, what the item is linked to (a contract point's status is changed
with the contract's own dialog, a proposal decided with the budget's, showing what is left
of the year before and after), the notes and the outcomes. Everything is operable with the
keyboard; the shortcuts stand at the bottom of the window.

Nothing typed is lost: fields save themselves as they are typed (see `meeting.autosave`),
and the meeting and item on screen are kept in the settings, so after a crash the app
reopens right there (`MeetingModeLauncher.resume`). Approved minutes open read-only, with
errata as the way to correct them.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from buurtteam.domain.vocab import MeetingStatus
from buurtteam.errors import BuurtteamError, EditConflict
from buurtteam.i18n import _
from buurtteam.i18n.format import datum, tijd
from buurtteam.ops.editing import Started
from buurtteam.ops.meeting_mode import (
    finish_meeting,
    mark_action_done,
    record_budget_decision,
    record_commitment,
    save_notes,
    set_discussed,
)
from buurtteam.ops.minutes import (
    Minutes,
    MinutesItem,
    add_erratum,
    approve_minutes,
    contract_point_id,
    minutes_of,
    print_minutes,
)
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.conflict import Choice, ConflictBar
from buurtteam.ui.meeting.attendance import AttendancePanel
from buurtteam.ui.meeting.autosave import Autosave
from buurtteam.ui.meeting.dialogs import CommitmentDialog, CommitmentInput, ErratumDialog
from buurtteam.ui.meeting.item_panel import ItemPanel
from buurtteam.ui.meeting.outcomes import ConflictHandler, EditContext, SaveAgain
from buurtteam.ui.meeting.presentation import PresentationWindow
from buurtteam.ui.meeting.timer import WARNING_MARK, ItemClock, is_over, timer_words
from buurtteam.ui.pages import plain_label
from buurtteam.ui.settings import Settings

FONT_SCALE = 1.3  # large type: read from a distance, by people who do not see well
TICK_MS = 1000
ATTENDANCE_ROW = 0
MIN_WIDTH, MIN_HEIGHT = 900, 600
AGENDA_WIDTH = 300
DONE_MARK = "✓"
CARRIED_MARK = "→"


def _status_line(minutes: Minutes) -> str:
    head = minutes.head
    if head.frozen and head.approved_at is not None:
        return _(
            "These minutes were approved at the meeting of {date} and are frozen. A "
            "correction is added as an erratum."
        ).format(date=datum(head.approved_at.date()))
    if head.cancelled:
        return _("This meeting was cancelled.")
    if head.status is MeetingStatus.HELD:
        return _(
            "The meeting was held; the minutes are a concept until the next meeting approves "
            "them. Everything is saved as you type."
        )
    return _("Concept minutes. Everything is saved as you type.")


def quorum_words(minutes: Minutes) -> str:
    """The quorum in words with a sign, never colour alone."""
    state = minutes.quorum
    if state.reached:
        return _("✔ Quorum: {present} with a vote present (at least {quorum})").format(
            present=state.voters_present, quorum=state.quorum
        )
    return _("{mark} No quorum: {present} with a vote present, {quorum} needed").format(
        mark=WARNING_MARK, present=state.voters_present, quorum=state.quorum
    )


def item_row_text(item: MinutesItem) -> str:
    mark = {True: f"  {DONE_MARK}", False: f"  {CARRIED_MARK}", None: ""}[item.discussed]
    return f"{item.number}. {item.title}{mark}"


SHORTCUTS = (
    ("Alt+→", "next item"),
    ("Alt+←", "previous item"),
    ("Alt+T", "timer"),
    ("Alt+B", "decision"),
    ("Alt+A", "action"),
    ("Alt+I", "idea"),
    ("Alt+Z", "commitment"),
    ("Alt+W", "attendance"),
)


def shortcut_legend() -> str:
    words = {
        "next item": _("next item"),
        "previous item": _("previous item"),
        "timer": _("start/stop timer"),
        "decision": _("new decision"),
        "action": _("new action"),
        "idea": _("new idea"),
        "commitment": _("commitment"),
        "attendance": _("attendance"),
    }
    return "   ".join(f"{key} {words[name]}" for key, name in SHORTCUTS)


class MeetingModeWindow(QMainWindow):
    """One meeting, run or typed up. Opened by `MeetingModeLauncher`."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        settings: Settings,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
        start_item: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        self._settings = settings
        self._today = today
        self._now = now
        self.autosave = Autosave(self)
        self.clock = ItemClock(monotonic)
        self.presentation: PresentationWindow | None = None
        self.dialog: QWidget | None = None  # the dialog open now, for tests to fill in
        self.minutes = minutes_of(db, meeting_id)
        self._current_row = -1
        # What the next save of each item's notes starts from (see ops.editing).
        self._notes_started: dict[int, Started] = {}
        self._closing_orderly = False
        self.setObjectName("meeting_mode")
        # An explicit minimum: the layout must not resize a shown window (see the shared
        # SubmitDialog); laptops in community centres are small, so keep it modest.
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.setAccessibleName(_("Run the meeting"))
        self._use_large_type()
        self._build()
        self._build_actions()
        self.autosave.saving.connect(self._on_autosave_saving)
        self.autosave.saved.connect(self._on_autosave_saved)
        self.autosave.failed.connect(self._on_autosave_failed)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._ticker.start()
        self._fill_agenda()
        self.go_to(self._row_of(start_item))

    # Building ---------------------------------------------------------------------------

    def _use_large_type(self) -> None:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
            self.setFont(font)

    def _build(self) -> None:
        head = self.minutes.head
        self.setWindowTitle(
            _("Meeting {neighbourhood}, {date}").format(
                neighbourhood=head.neighbourhood, date=datum(head.starts_at.date())
            )
        )
        self.title = plain_label(
            _("Project team {neighbourhood} · {date}, {time}").format(
                neighbourhood=head.neighbourhood,
                date=datum(head.starts_at.date()),
                time=tijd(head.starts_at),
            ),
            scale=1.2,
            bold=True,
        )
        self.state = plain_label()
        self.state.setAccessibleName(_("State of the minutes"))
        self.quorum = plain_label(bold=True)
        self.quorum.setAccessibleName(_("Quorum"))
        self.save_state = plain_label()
        self.save_state.setWordWrap(False)
        self.save_state.setAccessibleName(_("Saving"))
        top = QVBoxLayout()
        top.addWidget(self.title)
        line = QHBoxLayout()
        line.addWidget(self.quorum, 1)
        line.addWidget(self.save_state)
        top.addLayout(line)
        top.addWidget(self.state)

        self.agenda = QListWidget()
        self.agenda.setAccessibleName(_("Agenda"))
        self.agenda.setWordWrap(True)
        self.agenda.setMinimumWidth(AGENDA_WIDTH // 2)
        self.agenda.currentRowChanged.connect(self._on_agenda_current_row_changed)
        self.attendance = AttendancePanel()
        self.attendance.changed.connect(self._on_attendance_changed)
        self.item_panel = ItemPanel()
        self.item_panel.notes_typed.connect(self._on_notes_typed)
        self.item_panel.discussed_chosen.connect(self._on_discussed_chosen)
        self.item_panel.timer_clicked.connect(self.toggle_timer)
        self.item_panel.point_status_requested.connect(self._on_point_status_requested)
        self.item_panel.proposal_decision_requested.connect(self._on_proposal_decision_requested)
        self.item_panel.approval_requested.connect(self._on_approval_requested)
        self.item_panel.commitment_requested.connect(self.record_commitment)
        self.item_panel.action_done_toggled.connect(self._on_action_done_toggled)
        self.pages = QStackedWidget()
        # A long member list scrolls on a small laptop screen.
        self.attendance_page = QScrollArea()
        self.attendance_page.setWidgetResizable(True)
        self.attendance_page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.attendance_page.setWidget(self.attendance)
        self.pages.addWidget(self.attendance_page)
        self.pages.addWidget(self.item_panel)
        splitter = QSplitter()
        splitter.addWidget(self.agenda)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([AGENDA_WIDTH, MIN_WIDTH])

        self.legend = plain_label(shortcut_legend())
        self.legend.setAccessibleName(_("Keyboard shortcuts"))
        # Someone else saved what is being typed here: said above the editors, kept unsaved.
        self.conflict_bar = ConflictBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        self.setCentralWidget(central)

    def _action(self, text: str, keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.next_action = self._action(
            _("Next item"), ("Alt+Right", "Ctrl+PgDown"), self.next_item
        )
        self.previous_action = self._action(
            _("Previous item"), ("Alt+Left", "Ctrl+PgUp"), self.previous_item
        )
        self.timer_action = self._action(_("Start/stop timer"), ("Alt+T",), self.toggle_timer)
        self.decision_action = self._action(_("New decision"), ("Alt+B",), self.new_decision)
        self.action_action = self._action(_("New action"), ("Alt+A",), self.new_action)
        self.idea_action = self._action(_("New idea"), ("Alt+I",), self.new_idea)
        self.commitment_action = self._action(
            _("Commitment by a party..."), ("Alt+Z",), self.record_commitment
        )
        self.attendance_action = self._action(
            _("Attendance"), ("Alt+W",), lambda: self.go_to(ATTENDANCE_ROW)
        )
        self.print_action = self._action(_("Print the minutes..."), ("Ctrl+P",), self.print)
        self.print_large_action = self._action(
            _("Large print..."), ("Ctrl+Shift+P",), lambda: self.print(large=True)
        )
        self.second_screen_action = self._action(
            _("Second screen"), ("Alt+S",), self.toggle_second_screen
        )
        self.finish_action = self._action(_("Finish the meeting..."), (), self.finish)
        self.erratum_action = self._action(_("Add an erratum..."), (), self.add_erratum)
        self.close_action = self._action(_("Close"), ("Ctrl+W",), self.close)
        toolbar = QToolBar(_("Meeting"))
        toolbar.setObjectName("meeting_toolbar")
        toolbar.setMovable(False)
        for action in (
            self.attendance_action,
            self.previous_action,
            self.next_action,
            self.print_action,
            self.print_large_action,
            self.second_screen_action,
            self.finish_action,
            self.erratum_action,
            self.close_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    # Reading ----------------------------------------------------------------------------

    def _context(self) -> EditContext:
        return EditContext(
            db=self.db,
            autosave=self.autosave,
            today=self._today,
            now=self._now,
            meeting_day=self.minutes.head.starts_at.date(),
            people=self.minutes.people,
            parties=self.minutes.parties,
            editable=self.minutes.head.editable,
            on_conflict=self._conflict_handler(),
        )

    def _conflict_handler(self) -> ConflictHandler:
        # Weakly: the editors keep their context, and a strong reference back to this
        # window would keep its Python side alive after Qt deleted it on closing.
        show = weakref.WeakMethod(self.show_conflict)

        def handle(conflict: EditConflict, owner: object, save_again: SaveAgain) -> None:
            method = show()
            if method is not None:
                method(conflict, owner, save_again)

        return handle

    def _read(self) -> None:
        self.minutes = minutes_of(self.db, self.meeting_id)
        head = self.minutes.head
        self.state.setText(_status_line(self.minutes))
        self.quorum.setText(quorum_words(self.minutes))
        self.finish_action.setEnabled(head.editable)
        self.erratum_action.setEnabled(head.frozen)

    def _fill_agenda(self) -> None:
        self._read()
        with QSignalBlocker(self.agenda):
            self.agenda.clear()
            self.agenda.addItem(QListWidgetItem(_("Attendance")))
            for item in self.minutes.items:
                self.agenda.addItem(QListWidgetItem(item_row_text(item)))

    def _refresh_agenda_marks(self) -> None:
        for row, item in enumerate(self.minutes.items, start=1):
            entry = self.agenda.item(row)
            if entry is not None:
                entry.setText(item_row_text(item))

    def _row_of(self, item_public_id: str | None) -> int:
        for row, item in enumerate(self.minutes.items, start=1):
            if item.public_id == item_public_id:
                return row
        return ATTENDANCE_ROW

    @property
    def current_item(self) -> MinutesItem | None:
        if self._current_row <= ATTENDANCE_ROW or self._current_row > len(self.minutes.items):
            return None
        return self.minutes.items[self._current_row - 1]

    # Moving through the meeting ---------------------------------------------------------

    def go_to(self, row: int) -> None:
        """Show the attendance (row 0) or an item; what was typed is saved first.

        Text someone else saved over first is never left behind: the person chooses, or
        stays where they are.
        """
        row = max(ATTENDANCE_ROW, min(row, len(self.minutes.items)))
        self.autosave.flush()
        if not self.settle_conflict():
            with QSignalBlocker(self.agenda):
                self.agenda.setCurrentRow(self._current_row)
            return
        leaving = self.current_item
        if leaving is not None and row != self._current_row:
            self._leave(leaving)
        running = self.clock.running_item is not None
        self._current_row = row
        self._read()
        with QSignalBlocker(self.agenda):
            self.agenda.setCurrentRow(row)
        self._refresh_agenda_marks()
        item = self.current_item
        if item is None:
            self.clock.stop()
            self.attendance.show_minutes(self.db, self.minutes)
            self.pages.setCurrentWidget(self.attendance_page)
        else:
            if running:
                self.clock.start(item.id)  # the meeting goes on: the clock moves along
            self._notes_started[item.id] = Started(item.version, {"notes": item.notes})
            self.item_panel.show_item(self.minutes, item, self._context())
            self.pages.setCurrentWidget(self.item_panel)
        self._remember(item)
        self._show_timer()

    def _leave(self, item: MinutesItem) -> None:
        """An item the chair moves on from counts as discussed when it had any time or text."""
        if item.discussed is not None or not self.minutes.head.editable:
            return
        if self.clock.has_run(item.id) or item.has_minutes or self.item_panel.notes_text():
            try:
                set_discussed(self.db, item.id, True)
            except BuurtteamError as error:
                self._say_unsaved(error)

    def next_item(self) -> None:
        self.go_to(self._current_row + 1)

    def previous_item(self) -> None:
        self.go_to(self._current_row - 1)

    def _remember(self, item: MinutesItem | None) -> None:
        """Where we are, for reopening after a crash: written through at once."""
        head = self.minutes.head
        self._settings.meeting = f"{head.neighbourhood}\t{head.public_id}"
        self._settings.meeting_item = item.public_id if item else ""
        self._settings.sync()

    # Timer ------------------------------------------------------------------------------

    def toggle_timer(self) -> None:
        item = self.current_item
        if item is None:
            return
        self.clock.toggle(item.id)
        self._show_timer()

    def timer_text(self) -> str:
        item = self.current_item
        if item is None:
            return ""
        return timer_words(self.clock.seconds(item.id), item.time_box, self.clock.running(item.id))

    def _show_timer(self) -> None:
        item = self.current_item
        text = self.timer_text()
        if item is not None:
            self.item_panel.set_timer_text(text)
        if self.presentation is not None:
            titles = [f"{i.number}. {i.title}" for i in self.minutes.items]
            current = self._current_row - 1 if item is not None else None
            self.presentation.show_state(titles, current, text)

    def over_time(self) -> bool:
        item = self.current_item
        return item is not None and is_over(self.clock.seconds(item.id), item.time_box)

    def _on_ticker_timeout(self) -> None:
        if self.clock.running_item is not None:
            self._show_timer()

    # Outcomes ---------------------------------------------------------------------------

    def _editable_item(self) -> bool:
        return self.current_item is not None and self.minutes.head.editable

    def new_decision(self) -> None:
        if self._editable_item() and self.item_panel.decision_section is not None:
            self.item_panel.decision_section.add_new()

    def new_action(self) -> None:
        if self._editable_item() and self.item_panel.action_section is not None:
            self.item_panel.action_section.add_new()

    def new_idea(self) -> None:
        if self._editable_item() and self.item_panel.idea_section is not None:
            self.item_panel.idea_section.add_new()

    def _on_notes_typed(self) -> None:
        item = self.current_item
        if item is None or not self.minutes.head.editable:
            return
        notes, db, item_id = self.item_panel.notes, self.db, item.id

        def save(started: Started | None) -> None:
            saved = save_notes(db, item_id, notes.toPlainText(), started)
            if saved.started is not None:
                self._notes_started[item_id] = saved.started

        def save_again(conflict: EditConflict, _choice: Choice) -> None:
            save(Started(conflict.version, conflict.theirs))  # notes cannot be merged

        def save_typed() -> None:
            try:
                save(self._notes_started.get(item_id))
            except EditConflict as conflict:
                self.show_conflict(conflict, notes, save_again)
                raise

        self.autosave.schedule(notes, save_typed)

    def show_conflict(self, conflict: EditConflict, owner: object, save_again: SaveAgain) -> None:
        """Someone else saved first: the bar says so; the typed text stays, unsaved.

        On the person's choice the text is saved over theirs (or merged), or thrown away;
        then the item is shown as stored.
        """

        def on_choice(settled: EditConflict, choice: Choice) -> None:
            self.autosave.forget(owner)
            if choice is not Choice.DISCARD:
                try:
                    save_again(settled, choice)
                except EditConflict as again:  # yet another save in between: ask again
                    self.show_conflict(again, owner, save_again)
                    return
                except BuurtteamError as error:
                    self._say_unsaved(error)
                    return
            self.conflict_bar.clear()
            self._on_autosave_saved()
            self.reload_item()

        self.conflict_bar.show_conflict(conflict, on_choice, self._today())

    def settle_conflict(self) -> bool:
        """Before leaving the item or the window: True when no choice is left open."""
        if self.conflict_bar.conflict is None:
            return True
        self.conflict_bar.choose()
        return self.conflict_bar.conflict is None

    def _on_discussed_chosen(self, value: bool | None) -> None:
        item = self.current_item
        if item is None:
            return
        try:
            set_discussed(self.db, item.id, value)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
        self._read()
        self._refresh_agenda_marks()

    def _on_action_done_toggled(self, action_id: int, done: bool) -> None:
        today = self._today()
        try:
            mark_action_done(self.db, action_id, today if done else None, today)
        except BuurtteamError as error:
            dialogs.show_error(self, error)

    def reload_item(self) -> None:
        """Show the current item again as stored (after a dialog changed it)."""
        self.go_to(self._current_row)

    # At the table -------------------------------------------------------------------------

    def _on_point_status_requested(self, number: int) -> None:
        from buurtteam.ui.dialogs_contract import ask_point_status

        self.autosave.flush()
        try:
            point_id = contract_point_id(self.db, self.meeting_id, number)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.dialog = ask_point_status(
            self,
            self.db,
            point_id,
            self._today(),
            meeting_id=self.meeting_id,
            done=self.reload_item,
        )

    def _on_proposal_decision_requested(self, proposal_id: int) -> None:
        from buurtteam.ops.budget import (
            MeetingChoice,
            decide_proposal,
            next_meeting_after,
            preview_grant,
            proposal_line,
        )
        from buurtteam.ui.pages.budget import DecideDialog

        item = self.current_item
        if item is None:
            return
        self.autosave.flush()
        db, head, today = self.db, self.minutes.head, self._today()
        try:
            proposal = proposal_line(db, proposal_id)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        this_meeting = MeetingChoice(head.id, head.starts_at, head.location, head.status)

        def following(_meeting_id: int) -> date | None:
            found = next_meeting_after(db, head.neighbourhood_id, head.starts_at.date())
            return found.starts_at.date() if found is not None else None

        def submit(decision: object) -> None:
            decide_proposal(db, proposal_id, decision, today)  # type: ignore[arg-type]
            record_budget_decision(db, item.id, proposal_id)

        dialog = DecideDialog(
            self,
            proposal,
            [this_meeting],
            preview=lambda amount, year: preview_grant(db, proposal_id, amount, year),
            next_meeting=following,
            submit=submit,
            meeting_id=head.id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload_item)
        self.dialog = dialog
        dialog.open()

    def _on_approval_requested(self, meeting_id: int) -> None:
        self.autosave.flush()
        question = _(
            "Approve the concept minutes now? From then on they are frozen: nothing in them "
            "can change, corrections become errata."
        )
        if not dialogs.ConfirmDialog.ask(self, question):
            return
        try:
            approve_minutes(self.db, meeting_id, self.meeting_id, self._today())
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.reload_item()

    def record_commitment(self) -> None:
        item = self.current_item
        if item is None or not self.minutes.head.editable:
            return
        self.autosave.flush()
        db, today = self.db, self._today()

        def submit(values: CommitmentInput) -> None:
            record_commitment(db, item.id, values.party_id, values.text, today, values.number)

        dialog = CommitmentDialog(self, self.minutes.parties, item.points, submit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload_item)
        self.dialog = dialog
        dialog.open()

    # The minutes as a whole ---------------------------------------------------------------

    def print(self, *, large: bool = False) -> None:
        """The minutes as a PDF (large print: 14 pt, for residents who read with difficulty)."""
        self.autosave.flush()
        head = self.minutes.head
        name = f"verslag-{head.public_id}-groot.pdf" if large else f"verslag-{head.public_id}.pdf"
        suggested = Path.home() / name
        path = dialogs.ask_save_file(
            self, _("Print the minutes"), suggested, _("PDF files (*.pdf)")
        )
        if path is None:
            return
        try:
            written = print_minutes(self.db, self.meeting_id, path, self._today(), large=large)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.statusBar().showMessage(_("The minutes are in {file}.").format(file=str(written)))

    def finish(self) -> None:
        """The meeting is over: items not reached move on to the next agenda."""
        self.autosave.flush()
        self.clock.stop()
        question = _(
            "Finish the meeting? Items without notes or outcomes that were not marked "
            "discussed move on to the next meeting's agenda. The minutes stay a concept "
            "until the next meeting approves them."
        )
        if not dialogs.ConfirmDialog.ask(self, question):
            return
        try:
            result = finish_meeting(self.db, self.meeting_id, self._today())
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        self.reload_item()
        if result.carried:
            dialogs.show_information(
                self,
                _("These items move on to the next meeting:\n{items}").format(
                    items="\n".join(f"• {title}" for title in result.carried)
                ),
            )

    def add_erratum(self) -> None:
        if not self.minutes.head.frozen:
            return
        db, meeting_id, today = self.db, self.meeting_id, self._today()
        dialog = ErratumDialog(self, lambda text: add_erratum(db, meeting_id, text, today))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload_item)
        self.dialog = dialog
        dialog.open()

    def toggle_second_screen(self) -> None:
        if self.presentation is not None:
            self.presentation.close()
            self.presentation = None
            return
        head = self.minutes.head
        self.presentation = PresentationWindow(
            _("Project team {neighbourhood} · {date}").format(
                neighbourhood=head.neighbourhood, date=datum(head.starts_at.date())
            )
        )
        self._show_timer()
        self.presentation.show_on_second_screen()
        self.activateWindow()  # the chair keeps typing here

    # Saving state -------------------------------------------------------------------------

    def _on_autosave_saving(self) -> None:
        self.save_state.setText(_("Saving..."))

    def _on_autosave_saved(self) -> None:
        self.save_state.setText(
            _("✔ Everything saved at {time}").format(time=self._now().strftime("%H:%M:%S"))
        )

    def _on_autosave_failed(self, error: BuurtteamError) -> None:
        if isinstance(error, EditConflict):  # the bar above the editors tells the rest
            self.save_state.setText(
                _("{mark} Not saved: someone else saved first").format(mark=WARNING_MARK)
            )
            return
        self._say_unsaved(error)

    def _say_unsaved(self, error: BuurtteamError) -> None:
        self.save_state.setText(
            _("{mark} Not saved: {reason}").format(mark=WARNING_MARK, reason=error.text())
        )

    def _on_attendance_changed(self) -> None:
        self._read()
        self.attendance.show_guests(self.minutes.guests)

    def _on_agenda_current_row_changed(self, row: int) -> None:
        if row >= 0 and row != self._current_row:
            self.go_to(row)

    # Qt overrides ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autosave.flush()
        if not self.settle_conflict():
            event.ignore()  # the person went back to their text
            return
        self._ticker.stop()
        if self.presentation is not None:
            self.presentation.close()
            self.presentation = None
        # An orderly close: the app need not reopen this meeting next time.
        self._settings.meeting = ""
        self._settings.meeting_item = ""
        self._settings.sync()
        super().closeEvent(event)
