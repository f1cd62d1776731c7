"""Two people editing the same record at once: the one who saves second is told, never overwrites.

Each test opens the database twice, as two laptops on one server (or two windows on one
file) would: `db` is Joke the secretary, `other` is Karim the community worker. Karim saves
first; Joke's save then carries the version and values her form started from.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from buurtteam.domain.vocab import IssueStatus, PointStatus, Purpose, Section
from buurtteam.errors import EditConflict, StoreError
from buurtteam.ops.agenda import ItemDraft, add_item, agenda_of, edit_item
from buurtteam.ops.contract import (
    ContractInput,
    PointInput,
    change_status,
    contract_view,
    edit_contract,
    edit_point,
    move_due,
    point_detail,
)
from buurtteam.ops.editing import Started
from buurtteam.ops.issues import IssueInput, edit_issue, issue_detail
from buurtteam.ops.meeting_mode import (
    ActionDraft,
    DecisionDraft,
    save_action_checked,
    save_decision,
    save_notes,
)
from buurtteam.ops.meetings import list_meetings, move_meeting
from buurtteam.ops.minutes import minutes_of
from buurtteam.ops.privacy import erase_person
from buurtteam.store import models as m
from buurtteam.store.db import Database, open_database
from tests.ops.test_overview import TODAY, add_sample_neighbourhood
from tests.snapshot import snapshot

JOKE = "joke (laptop-joke)"
KARIM = "karim (laptop-karim)"
KARIM_SAVES_AT = datetime(2027, 3, 10, 14, 3)


@pytest.fixture
def hood(db: Database) -> int:
    db.editor = JOKE
    db.clock = lambda: datetime(2027, 3, 10, 14, 30)
    return add_sample_neighbourhood(db)


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """The same database opened a second time: Karim's laptop."""
    second = open_database(db.url)
    second.editor = KARIM
    second.clock = lambda: KARIM_SAVES_AT
    yield second
    second.close()


def point_id(db: Database, number: int, contract: str = "c-2027") -> int:
    with db.read() as s:
        return s.execute(
            select(m.ContractPoint.id)
            .join(m.Contract, m.ContractPoint.contract_id == m.Contract.id)
            .where(m.Contract.public_id == contract, m.ContractPoint.number == number)
        ).scalar_one()


def as_input(db: Database, pid: int) -> PointInput:
    detail = point_detail(db, pid, TODAY)
    return PointInput(detail.title, detail.party.id, detail.description, detail.theme, detail.due)


def refused(db: Database, call: object) -> EditConflict:
    """Run `call`, expect an edit conflict, check that nothing changed."""
    before = snapshot(db)
    with pytest.raises(EditConflict) as raised:
        call()  # type: ignore[operator]
    assert snapshot(db) == before
    return raised.value


def by_name(conflict: EditConflict) -> dict[str, tuple[str, str, str]]:
    return {f.name: (f.was, f.now, f.mine) for f in conflict.fields}


# -- the version and who saved ----------------------------------------------------------------


def test_each_save_raises_the_version_and_names_who_saved(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    first = point_detail(db, pid, TODAY)
    edit_point(other, pid, replace(as_input(db, pid), title="Speeltuin Merelplein"), TODAY)
    with db.read() as s:
        row = s.get(m.ContractPoint, pid)
        assert row is not None
        assert (row.version, row.changed_by, row.changed_at) == (
            first.version + 1,
            KARIM,
            KARIM_SAVES_AT,
        )
    assert point_detail(db, pid, TODAY).version == first.version + 1


def test_a_stale_write_past_the_ops_fails_instead_of_overwriting(db: Database, hood: int) -> None:
    """The store's own guard (version_id_col), for a write that skipped the check."""
    pid = point_id(db, 2)
    before = snapshot(db)
    with pytest.raises(StoreError) as raised, db.write() as s:
        row = s.get(m.ContractPoint, pid)
        assert row is not None
        # Someone else's save lands between our read and our write.
        table = m.ContractPoint.__table__
        s.execute(update(table).where(table.c.id == pid).values(version=9))
        row.title = "Joke's titel"
        s.flush()
    assert "op hetzelfde moment" in raised.value.text()
    assert snapshot(db) == before


# -- a contract point ---------------------------------------------------------------------


def test_the_second_save_is_refused_with_what_changed_and_by_whom(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    mine = point_detail(db, pid, TODAY)
    original = as_input(db, pid)
    theirs = replace(original, title="Speeltuin Merelplein")
    edit_point(other, pid, theirs, TODAY, started=point_detail(other, pid, TODAY).started())

    typed = replace(original, theme="Spelen en ontmoeten")
    conflict = refused(db, lambda: edit_point(db, pid, typed, TODAY, started=mine.started()))

    assert conflict.kind == "contract_point"
    assert conflict.record == "actiepunt 2 “Speeltuin Merelplein”"  # as it is called now
    assert (conflict.who, conflict.when) == (KARIM, KARIM_SAVES_AT)
    fields = by_name(conflict)
    assert fields["title"] == (mine.title, "Speeltuin Merelplein", mine.title)
    assert fields["theme"] == (mine.theme or "—", mine.theme or "—", "Spelen en ontmoeten")
    assert set(fields) == {"title", "theme"}
    [title] = [f for f in conflict.fields if f.name == "title"]
    assert title.label == "Titel" and title.by_them and not title.by_me and not title.clash
    assert conflict.merged == {**conflict.theirs, "theme": "Spelen en ontmoeten"}
    assert conflict.version == mine.version + 1
    text = conflict.text()
    assert text.startswith(f"{KARIM} heeft {conflict.record} op woensdag 10 maart 2027")
    assert "om 14:03 gewijzigd terwijl u het bewerkte. Er is niets opgeslagen." in text


def test_merging_keeps_their_change_and_adds_mine(db: Database, hood: int, other: Database) -> None:
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    original = as_input(db, pid)
    edit_point(other, pid, replace(original, title="Speeltuin Merelplein"), TODAY)
    typed = replace(original, theme="Spelen")
    conflict = refused(db, lambda: edit_point(db, pid, typed, TODAY, started=started))

    assert conflict.merged is not None
    merged = replace(typed, **conflict.merged)
    edit_point(db, pid, merged, TODAY, started=Started(conflict.version, conflict.theirs))
    after = point_detail(db, pid, TODAY)
    assert (after.title, after.theme) == ("Speeltuin Merelplein", "Spelen")
    with db.read() as s:
        row = s.get(m.ContractPoint, pid)
        assert row is not None and row.changed_by == JOKE


def test_saving_mine_anyway_puts_my_values_over_theirs(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    original = as_input(db, pid)
    edit_point(other, pid, replace(original, title="Speeltuin Merelplein"), TODAY)
    typed = replace(original, title="Speelplek Merelplein")
    conflict = refused(db, lambda: edit_point(db, pid, typed, TODAY, started=started))
    assert conflict.merged is None  # both changed the title: only a person can choose
    assert [f.name for f in conflict.fields if f.clash] == ["title"]

    edit_point(db, pid, typed, TODAY, started=Started(conflict.version, conflict.theirs))
    assert point_detail(db, pid, TODAY).title == "Speelplek Merelplein"


def test_throwing_mine_away_keeps_theirs(db: Database, hood: int, other: Database) -> None:
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    original = as_input(db, pid)
    edit_point(other, pid, replace(original, title="Speeltuin Merelplein"), TODAY)
    typed = replace(original, theme="Spelen")
    refused(db, lambda: edit_point(db, pid, typed, TODAY, started=started))
    # Discarding is reading again: nothing to write.
    assert point_detail(db, pid, TODAY).title == "Speeltuin Merelplein"


def test_a_third_save_during_the_choice_is_caught_too(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    original = as_input(db, pid)
    edit_point(other, pid, replace(original, title="Eerste"), TODAY)
    typed = replace(original, title="Mijn titel")
    conflict = refused(db, lambda: edit_point(db, pid, typed, TODAY, started=started))
    edit_point(other, pid, replace(original, title="Tweede"), TODAY)  # while Joke chooses
    again = refused(
        db,
        lambda: edit_point(
            db, pid, typed, TODAY, started=Started(conflict.version, conflict.theirs)
        ),
    )
    assert by_name(again)["title"] == ("Eerste", "Tweede", "Mijn titel")


def test_a_change_of_fields_this_form_leaves_alone_does_not_stop_the_save(
    db: Database, hood: int, other: Database
) -> None:
    """Karim changed the status; Joke's title edit loses nothing of his, so it is saved."""
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    original = as_input(db, pid)
    change_status(other, pid, PointStatus.DONE, TODAY, TODAY, "Klaar")
    edit_point(db, pid, replace(original, title="Nieuwe titel"), TODAY, started=started)
    after = point_detail(db, pid, TODAY)
    assert (after.title, after.status) == ("Nieuwe titel", PointStatus.DONE)


def test_the_same_change_on_both_sides_is_no_conflict(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    same = replace(as_input(db, pid), title="Speeltuin Merelplein")
    edit_point(other, pid, same, TODAY)
    edit_point(db, pid, same, TODAY, started=started)
    assert point_detail(db, pid, TODAY).title == "Speeltuin Merelplein"


def test_the_command_line_reads_and_writes_at_once_without_a_check(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    edit_point(other, pid, replace(as_input(other, pid), title="Van Karim"), TODAY)
    edit_point(db, pid, replace(as_input(db, pid), theme="Van Joke"), TODAY)
    after = point_detail(db, pid, TODAY)
    assert (after.title, after.theme) == ("Van Karim", "Van Joke")


def test_a_status_change_after_theirs_is_refused(db: Database, hood: int, other: Database) -> None:
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    change_status(other, pid, PointStatus.DONE, TODAY, TODAY, "Opgeleverd")
    conflict = refused(
        db,
        lambda: change_status(
            db, pid, PointStatus.NOT_KEPT, TODAY, TODAY, "Niet gedaan", started=started
        ),
    )
    assert set(by_name(conflict)) == {"status"}
    assert by_name(conflict)["status"][1:] == ("gereed", "niet nagekomen")
    # Saving anyway appends my entry after theirs: the history keeps both.
    change_status(
        db,
        pid,
        PointStatus.NOT_KEPT,
        TODAY,
        TODAY,
        "Niet gedaan",
        started=Started(conflict.version, conflict.theirs),
    )
    history = point_detail(db, pid, TODAY).history
    assert [h.status for h in history[-2:]] == [PointStatus.DONE, PointStatus.NOT_KEPT]


def test_moving_a_deadline_someone_else_moved_is_refused(
    db: Database, hood: int, other: Database
) -> None:
    pid = point_id(db, 2)
    detail = point_detail(db, pid, TODAY)
    assert detail.due is not None
    move_due(other, pid, date(2027, 9, 15), TODAY, TODAY, "Later")
    conflict = refused(
        db,
        lambda: move_due(db, pid, date(2027, 10, 1), TODAY, TODAY, started=detail.started()),
    )
    assert by_name(conflict)["due"][1:] == ("15 september 2027", "1 oktober 2027")


def test_editing_a_contract_someone_else_edited_is_refused(
    db: Database, hood: int, other: Database
) -> None:
    view = contract_view(db, hood, TODAY)
    assert view.contract is not None
    contract = view.contract
    started = Started.of(
        contract.version, ContractInput(contract.title, contract.starts_on, contract.ends_on)
    )
    edit_contract(
        other,
        contract.id,
        ContractInput("Buurtcontract 2027–2029", contract.starts_on, contract.ends_on),
    )
    typed = ContractInput(contract.title, contract.starts_on, date(2029, 12, 31))
    conflict = refused(db, lambda: edit_contract(db, contract.id, typed, started))
    assert conflict.record == "contract “Buurtcontract 2027–2029”"
    assert conflict.merged == {
        "title": "Buurtcontract 2027–2029",
        "starts_on": contract.starts_on,
        "ends_on": date(2029, 12, 31),
    }


# -- issues, agenda items, meetings -------------------------------------------------------


def public(db: Database, model: type[m.Base], public_id: str) -> int:
    with db.read() as s:
        return s.execute(
            select(model.id).where(model.public_id == public_id)  # type: ignore[attr-defined]
        ).scalar_one()


def first_issue(db: Database) -> int:
    with db.read() as s:
        return s.execute(select(m.Issue.id).order_by(m.Issue.id)).scalars().first()  # type: ignore[return-value]


def test_editing_an_issue_someone_else_edited_is_refused(
    db: Database, hood: int, other: Database
) -> None:
    issue = first_issue(db)
    detail = issue_detail(db, issue, TODAY)
    typed = IssueInput(
        detail.title,
        detail.raised_on,
        "Ook 's avonds laat.",
        detail.raised_by.id if detail.raised_by else None,
        detail.party.id if detail.party else None,
        detail.status,
    )
    edit_issue(
        other,
        issue,
        replace(typed, description=detail.description, status=IssueStatus.RESOLVED),
        TODAY,
    )
    conflict = refused(db, lambda: edit_issue(db, issue, typed, TODAY, detail.started()))
    assert conflict.kind == "issue"
    fields = by_name(conflict)
    assert set(fields) == {"description", "status"}
    assert fields["status"] == ("open", "opgelost", "open")
    assert conflict.merged is not None
    assert conflict.merged["status"] is IssueStatus.RESOLVED
    assert conflict.merged["description"] == "Ook 's avonds laat."
    edit_issue(
        db,
        issue,
        replace(typed, **conflict.merged),
        TODAY,
        Started(conflict.version, conflict.theirs),
    )
    after = issue_detail(db, issue, TODAY)
    assert (after.status, after.description) == (IssueStatus.RESOLVED, "Ook 's avonds laat.")


def test_editing_an_agenda_item_someone_else_edited_is_refused(
    db: Database, hood: int, other: Database
) -> None:
    meeting = public(db, m.Meeting, "m-2")
    item = add_item(db, meeting, Section.TOPICS, ItemDraft("Speeltuin", Purpose.DISCUSSION, 15))
    [entry] = [e for e in agenda_of(db, meeting).items if e.id == item]
    edit_item(other, item, ItemDraft("Speeltuin", Purpose.DISCUSSION, 30), entry.started())
    mine = ItemDraft("Speeltuin", Purpose.DISCUSSION, 20)
    conflict = refused(db, lambda: edit_item(db, item, mine, entry.started()))
    assert conflict.record == "agendapunt “Speeltuin”"
    assert by_name(conflict) == {"minutes": ("15 min.", "30 min.", "20 min.")}
    assert conflict.merged is None


def test_moving_a_meeting_someone_else_moved_is_refused(
    db: Database, hood: int, other: Database
) -> None:
    meeting = public(db, m.Meeting, "m-2")
    [row] = [r for r in list_meetings(db, hood) if r.id == meeting]
    move_meeting(other, meeting, datetime(2027, 4, 13, 19, 30), "Zaal bezet")
    conflict = refused(
        db, lambda: move_meeting(db, meeting, datetime(2027, 4, 8, 20, 0), "Pasen", row.started())
    )
    assert conflict.record == "de vergadering van dinsdag 13 april 2027"
    assert by_name(conflict)["starts_at"] == (
        "6 april 2027 19:30",
        "13 april 2027 19:30",
        "8 april 2027 20:00",
    )


# -- meeting mode: notes typed while someone else saves them ----------------------------------


def test_notes_saved_over_by_someone_else_are_not_typed_over(
    db: Database, hood: int, other: Database
) -> None:
    item = public(db, m.AgendaItem, "a-1")
    minutes = minutes_of(db, public(db, m.Meeting, "m-1"))
    [shown] = [i for i in minutes.items if i.id == item]
    started = Started(shown.version, {"notes": shown.notes})
    # Joke types; each autosave hands back what the next one starts from.
    started = save_notes(db, item, "Het feest", started).started  # type: ignore[assignment]
    started = save_notes(db, item, "Het feest gaat door", started).started  # type: ignore[assignment]
    assert started is not None
    # Karim, in another window, saves the notes from what he saw.
    save_notes(other, item, "Karim: het feest gaat door op 5 juni")
    conflict = refused(db, lambda: save_notes(db, item, "Het feest gaat door, met muziek", started))
    assert conflict.kind == "notes"
    assert conflict.record == "de aantekeningen bij agendapunt “Speeltuintje”"
    assert by_name(conflict) == {
        "notes": (
            "Het feest gaat door",
            "Karim: het feest gaat door op 5 juni",
            "Het feest gaat door, met muziek",
        )
    }
    saved = save_notes(
        db, item, "Het feest gaat door, met muziek", Started(conflict.version, conflict.theirs)
    )
    assert saved.started is not None and saved.started.values == {
        "notes": "Het feest gaat door, met muziek"
    }


def test_a_decision_and_an_action_changed_by_someone_else_are_refused(
    db: Database, hood: int, other: Database
) -> None:
    item = public(db, m.AgendaItem, "a-1")
    decided = save_decision(db, item, DecisionDraft("Het feest gaat door"))
    assert decided.started is not None and decided.id is not None
    save_decision(other, item, DecisionDraft("Het feest gaat niet door", id=decided.id))
    conflict = refused(
        db,
        lambda: save_decision(
            db,
            item,
            DecisionDraft("Het feest gaat door, in juni", id=decided.id),
            started=decided.started,
        ),
    )
    assert conflict.kind == "decision"
    assert by_name(conflict)["text"][1] == "Het feest gaat niet door"

    action = public(db, m.Action, "x-1")
    line = next(
        a for a in minutes_of(db, public(db, m.Meeting, "m-1")).items[0].actions if a.id == action
    )
    started = Started(
        line.version,
        {"text": line.text, "owner_id": line.owner_id, "party_id": line.party_id, "due": line.due},
    )
    save_action_checked(
        other, item, ActionDraft(line.text, line.owner_id, None, date(2027, 3, 15), id=action)
    )
    typed = ActionDraft(
        "Offerte opvragen bij twee bedrijven", line.owner_id, None, line.due, action
    )
    conflict = refused(db, lambda: save_action_checked(db, item, typed, started))
    assert set(by_name(conflict)) == {"text", "due"}
    assert conflict.merged is not None
    merged = replace(typed, **conflict.merged)
    saved = save_action_checked(db, item, merged, Started(conflict.version, conflict.theirs))
    assert saved.started is not None
    assert saved.started.values["due"] == date(2027, 3, 15)
    assert saved.started.values["text"] == "Offerte opvragen bij twee bedrijven"


def test_an_erasure_counts_as_a_change_for_a_form_still_showing_the_name(
    db: Database, hood: int, other: Database
) -> None:
    """The erased name must not come back from a form opened before the erasure."""
    issue = first_issue(db)
    detail = issue_detail(db, issue, TODAY)
    typed = IssueInput(
        detail.title,
        detail.raised_on,
        "Karim El Amrani belde de wijkagent.",
        detail.raised_by.id if detail.raised_by else None,
        detail.party.id if detail.party else None,
        detail.status,
    )
    edit_issue(db, issue, typed, TODAY)
    shown = issue_detail(db, issue, TODAY)
    erase_person(other, "p-karim", TODAY)
    conflict = refused(
        db,
        lambda: edit_issue(
            db, issue, replace(typed, status=IssueStatus.RESOLVED), TODAY, shown.started()
        ),
    )
    was, now, mine = by_name(conflict)["description"]
    assert "Karim" in was and "Karim" not in now and "Karim" in mine
    assert conflict.merged is not None and "Karim" not in conflict.merged["description"]


def test_two_saves_at_the_same_moment_the_second_is_told_not_overwritten(
    db: Database, hood: int, other: Database
) -> None:
    """Karim's transaction is still open when Joke saves: hers waits for it, then is told."""
    pid = point_id(db, 2)
    started = point_detail(db, pid, TODAY).started()
    original = as_input(db, pid)
    holding, release = threading.Event(), threading.Event()

    def karim_saves() -> None:
        with other.write() as s:
            row = s.get(m.ContractPoint, pid, with_for_update=True)
            assert row is not None
            row.title = "Van Karim"
            s.flush()
            holding.set()
            release.wait(30)

    outcome: list[BaseException | None] = []

    def joke_saves() -> None:
        try:
            edit_point(db, pid, replace(original, theme="Van Joke"), TODAY, started=started)
            outcome.append(None)
        except BaseException as error:  # handed to the test's own thread
            outcome.append(error)

    karim = threading.Thread(target=karim_saves)
    karim.start()
    assert holding.wait(30)
    joke = threading.Thread(target=joke_saves)
    joke.start()
    release.set()
    karim.join(30)
    joke.join(30)

    [error] = outcome
    assert isinstance(error, EditConflict)
    assert by_name(error)["title"][1] == "Van Karim"
    after = point_detail(db, pid, TODAY)
    assert (after.title, after.theme) == ("Van Karim", original.theme)
