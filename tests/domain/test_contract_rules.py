"""Keeping one's word: overdue points, accountability per party, the escalation ladder."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.contract import (
    LADDER,
    HistoryFact,
    PointFacts,
    Rung,
    accountability,
    accountability_by_party,
    current_rung,
    done_entry,
    due_in_force,
    is_done_on_time,
    is_overdue,
    ladder,
    next_free_number,
    next_rung,
    slips,
)
from buurtteam.domain.letters import StepFact, overdue_reply, unanswered_letters
from buurtteam.domain.vocab import IssueStatus, PointStatus, StepKind

TODAY = date(2027, 3, 10)
OPEN, PROGRESS, DONE = PointStatus.OPEN, PointStatus.IN_PROGRESS, PointStatus.DONE
DELAYED, NOT_KEPT, DROPPED = PointStatus.DELAYED, PointStatus.NOT_KEPT, PointStatus.DROPPED


def h(day: date, status: PointStatus, due: date | None = None) -> HistoryFact:
    return HistoryFact(day, status, due)


def test_overdue_means_still_expected_and_past_the_deadline() -> None:
    yesterday = TODAY - timedelta(days=1)
    for status in (OPEN, PROGRESS, DELAYED):
        assert is_overdue(status, yesterday, TODAY)
        assert not is_overdue(status, TODAY, TODAY)  # the deadline day itself is in time
        assert not is_overdue(status, None, TODAY)
    for status in (DONE, DROPPED, NOT_KEPT):
        assert not is_overdue(status, yesterday, TODAY)


def crafted_contract() -> list[PointFacts]:
    """The gemeente's record, point by point, with what each point should count as."""
    return [
        # 1: done on time (done on the deadline day).
        PointFacts(1, "gemeente", DONE, date(2027, 1, 31),
                   (h(date(2027, 1, 5), PROGRESS), h(date(2027, 1, 31), DONE))),
        # 2: done late.
        PointFacts(2, "gemeente", DONE, date(2027, 1, 31), (h(date(2027, 2, 14), DONE),)),
        # 3: slipped twice, then done before the last deadline: on time, 2 slips.
        PointFacts(3, "gemeente", DONE, date(2027, 6, 30), (
            h(date(2026, 12, 1), DELAYED, date(2027, 3, 31)),
            h(date(2027, 2, 1), DELAYED, date(2027, 6, 30)),
            h(date(2027, 3, 1), DONE),
        )),
        # 4: overdue (delayed, deadline passed).
        PointFacts(4, "gemeente", DELAYED, date(2027, 2, 28), (h(date(2027, 1, 1), DELAYED),)),
        # 5: overdue longer (open, older deadline).
        PointFacts(5, "gemeente", OPEN, date(2027, 1, 15)),
        # 6: not kept (not also counted overdue).
        PointFacts(6, "gemeente", NOT_KEPT, date(2026, 12, 1), (h(date(2027, 1, 2), NOT_KEPT),)),
        # 7: dropped.
        PointFacts(7, "gemeente", DROPPED, date(2026, 12, 1), (h(date(2027, 1, 2), DROPPED),)),
        # 8: done without any dated entry: cannot prove it was on time.
        PointFacts(8, "gemeente", DONE, date(2027, 1, 1)),
        # 9: open, deadline still ahead.
        PointFacts(9, "gemeente", OPEN, date(2027, 12, 31)),
        # 10: another party's point, overdue: not the gemeente's.
        PointFacts(10, "politie", OPEN, date(2027, 1, 1)),
    ]  # fmt: skip


def test_accountability_on_a_crafted_contract() -> None:
    figures = accountability("gemeente", crafted_contract(), TODAY)
    assert figures.owned == 9
    assert figures.done == 4
    assert figures.done_on_time == 2
    assert figures.done_late == 2
    assert figures.overdue == 2
    assert figures.overdue_numbers == (5, 4)  # the longest overdue first
    assert figures.not_kept == 1
    assert figures.dropped == 1
    assert figures.slips == 2
    assert figures.still_open == 3  # 4, 5 and 9


def test_every_party_gets_its_own_figures_in_the_given_order() -> None:
    cards = accountability_by_party(["politie", "gemeente", "raad"], crafted_contract(), TODAY)
    assert [c.party for c in cards] == ["politie", "gemeente", "raad"]
    assert (cards[0].owned, cards[0].overdue, cards[0].overdue_numbers) == (1, 1, (10,))
    assert cards[2].owned == 0 and cards[2].overdue_numbers == ()


def test_done_on_time_uses_the_deadline_in_force_when_done() -> None:
    # Done on 1 March: after the first deadline (31 Jan) but before the slipped one.
    point = PointFacts(1, "p", DONE, date(2027, 3, 31), (
        h(date(2027, 1, 20), DELAYED, date(2027, 3, 31)),
        h(date(2027, 3, 1), DONE),
    ))  # fmt: skip
    assert due_in_force(point, 1) == date(2027, 3, 31)
    assert is_done_on_time(point)


def test_the_last_change_into_done_counts_after_a_reopening() -> None:
    history = (
        h(date(2027, 1, 10), DONE),
        h(date(2027, 2, 10), PROGRESS),
        h(date(2027, 3, 10), DONE),
        h(date(2027, 3, 20), DONE),  # a later note on a done point changes nothing
    )
    assert done_entry(history) == 2
    point = PointFacts(1, "p", DONE, date(2027, 2, 28), history)
    assert not is_done_on_time(point)  # done again only on 10 March


def test_a_done_point_without_a_deadline_was_never_late() -> None:
    assert is_done_on_time(PointFacts(1, "p", DONE, None))
    assert is_done_on_time(PointFacts(1, "p", DONE, None, (h(date(2027, 1, 1), DONE),)))


def test_slips_count_entries_that_carry_a_new_deadline() -> None:
    history = [h(date(2027, 1, 1), OPEN, date(2027, 5, 1)), h(date(2027, 2, 1), PROGRESS)]
    assert slips(history) == 1


def test_a_new_point_gets_the_number_past_the_highest() -> None:
    assert next_free_number([]) == 1
    assert next_free_number([1, 2, 86, 5]) == 87


statuses = st.sampled_from(list(PointStatus))
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
entries = st.builds(HistoryFact, days, statuses, st.none() | days)
points = st.builds(
    PointFacts,
    st.integers(1, 200),
    st.sampled_from(["a", "b"]),
    statuses,
    st.none() | days,
    st.lists(entries, max_size=6).map(tuple),
)


@given(st.lists(points, max_size=30), days)
def test_figures_always_add_up(facts: list[PointFacts], today: date) -> None:
    figures = accountability("a", facts, today)
    own = [p for p in facts if p.party == "a"]
    assert figures.owned == len(own)
    assert 0 <= figures.done_on_time <= figures.done
    assert figures.done + figures.overdue + figures.not_kept + figures.dropped <= figures.owned
    assert len(figures.overdue_numbers) == figures.overdue
    assert figures.slips == sum(1 for p in own for e in p.history if e.due is not None)
    assert figures.still_open >= figures.overdue


# -- issues -------------------------------------------------------------------------------

RAISED = date(2026, 9, 1)
COUNCIL = ("Gemeenteraad Waalhaven",)


def step(day: date, kind: StepKind, to: str | None = None, text: str = "") -> StepFact:
    return StepFact(day, kind, to, text)


def test_the_ladder_records_when_each_rung_was_reached() -> None:
    steps = [
        step(date(2026, 9, 15), StepKind.MEETING),
        step(date(2026, 9, 20), StepKind.REMINDER),  # a reminder before any letter: no rung
        step(date(2026, 10, 1), StepKind.LETTER_SENT, "College van B en W"),
        step(date(2026, 11, 20), StepKind.REMINDER, "College van B en W"),
    ]
    rungs = ladder(RAISED, steps, COUNCIL)
    assert [r.rung for r in rungs] == list(LADDER)
    assert [r.on for r in rungs] == [
        RAISED,
        date(2026, 9, 15),
        date(2026, 10, 1),
        date(2026, 11, 20),
        None,
    ]
    assert current_rung(rungs) is Rung.REMINDER
    assert next_rung(rungs) is Rung.COUNCIL


def test_a_letter_to_the_council_reaches_the_top() -> None:
    by_name = ladder(
        RAISED, [step(date(2026, 10, 1), StepKind.LETTER_SENT, "Gemeenteraad Waalhaven")], COUNCIL
    )
    by_word = ladder(RAISED, [step(date(2026, 10, 1), StepKind.LETTER_SENT, "de GEMEENTERAAD")])
    for rungs in (by_name, by_word):
        assert current_rung(rungs) is Rung.COUNCIL
        assert next_rung(rungs) is None


def test_a_fresh_issue_is_at_the_signal_and_next_asks_at_a_meeting() -> None:
    rungs = ladder(RAISED, [])
    assert current_rung(rungs) is Rung.SIGNAL
    assert next_rung(rungs) is Rung.ASK_AT_MEETING


def test_no_reply_within_six_weeks_is_flagged_on_the_day_after() -> None:
    letter = [step(date(2027, 1, 1), StepKind.LETTER_SENT, "College")]
    due = date(2027, 2, 12)  # six weeks later
    assert overdue_reply(IssueStatus.OPEN, letter, due) is None
    flagged = overdue_reply(IssueStatus.OPEN, letter, due + timedelta(days=1))
    assert flagged is not None
    assert (flagged.sent_on, flagged.reply_due, flagged.to) == (date(2027, 1, 1), due, "College")
    assert flagged.weeks_waiting == 6


def test_the_reply_term_is_the_teams_setting() -> None:
    letter = [step(date(2027, 1, 1), StepKind.LETTER_SENT)]
    assert overdue_reply(IssueStatus.OPEN, letter, date(2027, 1, 16), reply_weeks=2) is not None
    assert overdue_reply(IssueStatus.OPEN, letter, date(2027, 1, 16), reply_weeks=3) is None


def test_a_reply_answers_earlier_letters_and_a_reminder_does_not() -> None:
    today = date(2027, 6, 1)
    answered = [
        step(date(2027, 1, 1), StepKind.LETTER_SENT),
        step(date(2027, 1, 20), StepKind.REPLY_RECEIVED),
    ]
    assert unanswered_letters(answered, today) == ()
    reminded = [
        step(date(2027, 1, 1), StepKind.LETTER_SENT),
        step(date(2027, 2, 20), StepKind.REMINDER),
    ]
    assert overdue_reply(IssueStatus.OPEN, reminded, today) is not None
    second = [*answered, step(date(2027, 3, 1), StepKind.LETTER_SENT, "Raad")]
    waiting = unanswered_letters(second, today)
    assert [(w.sent_on, w.to) for w in waiting] == [(date(2027, 3, 1), "Raad")]


def test_a_closed_issue_is_not_flagged() -> None:
    letter = [step(date(2027, 1, 1), StepKind.LETTER_SENT)]
    for status in (IssueStatus.RESOLVED, IssueStatus.CLOSED_UNRESOLVED):
        assert overdue_reply(status, letter, date(2028, 1, 1)) is None


@given(
    st.lists(st.tuples(days, st.sampled_from(list(StepKind))), max_size=12),
    days,
    st.integers(1, 20),
)
def test_the_flag_is_the_oldest_letter_without_a_later_reply(
    raw: list[tuple[date, StepKind]], today: date, weeks: int
) -> None:
    steps = [step(day, kind) for day, kind in raw]
    flagged = overdue_reply(IssueStatus.OPEN, steps, today, weeks)
    replies = [d for d, k in raw if k is StepKind.REPLY_RECEIVED]
    late = sorted(
        d
        for d, k in raw
        if k is StepKind.LETTER_SENT
        and not any(r >= d for r in replies)
        and today > d + timedelta(weeks=weeks)
    )
    assert (flagged.sent_on if flagged else None) == (late[0] if late else None)
