"""The rules of the meeting and its minutes: quorum, votes, owners, the actielijst, fingerprints."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.minutes import (
    ActionContent,
    ActionFact,
    AttendanceContent,
    DecisionContent,
    ItemContent,
    MinutesContent,
    Presence,
    VoteCount,
    action_list,
    canonical,
    check_approval,
    check_done,
    check_due,
    check_owner,
    check_presence_times,
    check_votes,
    clean_guest,
    erratum_text,
    fingerprint,
    fingerprint_words,
    on_action_list,
    quorum_state,
    same_fingerprint,
    unanimous_votes,
    voters_present,
)
from buurtteam.domain.vocab import AttendanceStatus, Role
from buurtteam.errors import InvalidInput, RuleBroken

PRESENT = AttendanceStatus.PRESENT
RESIDENT = (Role.RESIDENT,)


def test_residents_and_the_community_worker_vote_the_chair_and_partners_do_not() -> None:
    people = [
        Presence((Role.CHAIR,), PRESENT),
        Presence((Role.COMMUNITY_WORKER,), PRESENT),
        Presence((Role.RESIDENT, Role.SECRETARY), PRESENT),
        Presence((Role.PARTNER,), PRESENT),
        Presence(RESIDENT, AttendanceStatus.ABSENT_WITH_NOTICE),
        Presence(RESIDENT, AttendanceStatus.ABSENT),
    ]
    assert voters_present(people) == 2
    state = quorum_state(people, 3)
    assert not state.reached and state.short == 1
    assert quorum_state(people, 2).reached


def test_arriving_late_and_leaving_early_count_at_the_moment_of_the_vote() -> None:
    late = Presence(RESIDENT, PRESENT, arrived_at=time(20, 0))
    early = Presence(RESIDENT, PRESENT, left_at=time(21, 0))
    people = [late, early, Presence(RESIDENT, PRESENT)]
    assert voters_present(people, time(19, 45)) == 2
    assert voters_present(people, time(20, 30)) == 3
    assert voters_present(people, time(21, 0)) == 2
    assert voters_present(people) == 3  # over the whole meeting


def test_times_belong_to_someone_present_and_leaving_follows_arriving() -> None:
    check_presence_times(PRESENT, time(19, 45), time(21, 0))
    with pytest.raises(InvalidInput, match="aanwezig"):
        check_presence_times(AttendanceStatus.ABSENT, time(19, 45), None)
    with pytest.raises(InvalidInput, match="21:00"):
        check_presence_times(PRESENT, time(21, 0), time(20, 0))


def test_a_guest_needs_a_name() -> None:
    assert clean_guest("  Ruud Hendriks ", " Gemeente ") == ("Ruud Hendriks", "Gemeente")
    assert clean_guest("Fenna", "") == ("Fenna", None)
    with pytest.raises(InvalidInput):
        clean_guest("   ", "Gemeente")


@given(
    st.integers(-3, 12),
    st.integers(-3, 12),
    st.integers(-3, 12),
    st.one_of(st.none(), st.integers(0, 12)),
)
def test_votes_are_never_negative_nor_more_than_the_voters(
    in_favour: int, against: int, abstain: int, voters: int | None
) -> None:
    votes = VoteCount(in_favour, against, abstain)
    too_many = voters is not None and voters > 0 and votes.total > voters
    if min(in_favour, against, abstain) < 0 or too_many:
        with pytest.raises(InvalidInput):
            check_votes(votes, voters)
    else:
        assert check_votes(votes, voters) == votes


def test_unanimous_is_every_voter_present_in_favour() -> None:
    votes = unanimous_votes(6)
    assert votes == VoteCount(6, 0, 0) and votes.unanimous and votes.carried
    assert not VoteCount(4, 1, 0).unanimous
    assert not VoteCount(4, 0, 1).unanimous
    assert not VoteCount(0, 0, 0).unanimous
    assert not VoteCount(2, 3, 0).carried
    with pytest.raises(RuleBroken, match="aanwezig"):
        unanimous_votes(0)


def test_an_action_has_one_owner_and_a_deadline_after_its_meeting() -> None:
    check_owner(1, None)
    check_owner(None, 2)
    check_owner(None, None)
    with pytest.raises(InvalidInput, match="persoon of een partij"):
        check_owner(1, 2)
    meeting = date(2027, 1, 12)
    check_due(meeting, meeting)
    with pytest.raises(InvalidInput):
        check_due(meeting - timedelta(days=1), meeting)


def test_an_action_is_done_between_its_meeting_and_today() -> None:
    check_done(date(2027, 2, 1), date(2027, 1, 12), date(2027, 2, 1))
    with pytest.raises(RuleBroken, match="toekomst"):
        check_done(date(2027, 2, 2), date(2027, 1, 12), date(2027, 2, 1))
    with pytest.raises(RuleBroken):
        check_done(date(2027, 1, 11), date(2027, 1, 12), date(2027, 2, 1))


MEETINGS = [datetime(2027, 1, 12, 19, 30) + timedelta(weeks=6 * n) for n in range(6)]


@st.composite
def actions(draw: st.DrawFn) -> list[ActionFact]:
    found = []
    for key in range(draw(st.integers(0, 12))):
        agreed = draw(st.sampled_from(MEETINGS))
        agreed_on = agreed.date()
        due = draw(st.one_of(st.none(), st.just(agreed.date() + timedelta(weeks=4))))
        done = draw(
            st.one_of(
                st.none(),
                st.integers(0, 40).map(lambda weeks, day=agreed_on: day + timedelta(weeks=weeks)),
            )
        )
        found.append(ActionFact(key, agreed, due, done))
    return found


@given(actions(), st.sampled_from(MEETINGS))
def test_open_actions_stay_on_every_next_actielijst_until_done(
    facts: list[ActionFact], meeting: datetime
) -> None:
    listed = {a.key for a in action_list(facts, meeting)}
    for action in facts:
        if action.meeting_starts_at == meeting:
            assert action.key in listed  # its own actions, always
        elif action.meeting_starts_at > meeting:
            assert action.key not in listed  # nothing from the future
        elif action.done_on is None or action.done_on >= meeting.date():
            assert action.key in listed  # still open on the meeting's day
        else:
            assert action.key not in listed  # done before: off the list


def test_the_actielijst_puts_the_earliest_deadline_first() -> None:
    first, later = MEETINGS[0], MEETINGS[1]
    facts = [
        ActionFact(1, first, None, None),
        ActionFact(2, later, date(2027, 4, 1), None),
        ActionFact(3, first, date(2027, 3, 1), None),
        ActionFact(4, first, date(2027, 2, 1), date(2027, 2, 1)),  # done before `later`
    ]
    assert [a.key for a in action_list(facts, later)] == [3, 2, 1]
    assert on_action_list(ActionFact(5, first, None, later.date()), later)  # done that day


def test_minutes_are_approved_at_a_later_meeting_that_took_place() -> None:
    held, later, today = MEETINGS[0], MEETINGS[1], MEETINGS[1].date()
    check_approval(held, True, later, False, today)
    with pytest.raises(RuleBroken, match="gehouden"):
        check_approval(held, False, later, False, today)
    with pytest.raises(RuleBroken, match="latere vergadering"):
        check_approval(held, True, held, False, today)
    with pytest.raises(RuleBroken, match="afgelast"):
        check_approval(held, True, later, True, today)
    with pytest.raises(RuleBroken, match="nog niet plaatsgevonden"):
        check_approval(held, True, later, False, today - timedelta(days=1))


def test_an_erratum_says_something() -> None:
    assert erratum_text("  Henk was wel aanwezig.\r\n") == "Henk was wel aanwezig."
    with pytest.raises(InvalidInput):
        erratum_text(" \n ")


def _content() -> MinutesContent:
    return MinutesContent(
        starts_at=datetime(2027, 1, 12, 19, 30),
        attendance=(
            AttendanceContent("Joke Smit", PRESENT, None, None),
            AttendanceContent("Henk Bakker", AttendanceStatus.ABSENT_WITH_NOTICE, None, None),
            AttendanceContent("Fatma Yılmaz", PRESENT, time(20, 5), None),
        ),
        guests=(("Ruud Hendriks", "Gemeente Waalhaven"),),
        items=(
            ItemContent(
                "Speeltuintje <Helmweg> & co",
                "Bewoners = blij",
                (DecisionContent("Toegekend", VoteCount(4, 0, 1)),),
                (ActionContent("Offerte opvragen", "Joke Smit", None, date(2027, 2, 1)),),
                ("Een bankje erbij",),
            ),
        ),
        errata=(),
    )


def test_the_fingerprint_is_twelve_hex_digits_and_stable() -> None:
    content = _content()
    value = fingerprint(content)
    assert len(value) == 12 and all(c in "0123456789abcdef" for c in value)
    assert fingerprint(_content()) == value
    assert fingerprint_words(value).count("-") == 2
    assert same_fingerprint(fingerprint_words(value).upper(), value)
    assert not same_fingerprint("0000-0000-0000", value)


def test_the_attendance_order_does_not_change_the_fingerprint() -> None:
    content = _content()
    shuffled = replace(content, attendance=tuple(reversed(content.attendance)))
    assert fingerprint(shuffled) == fingerprint(content)


@pytest.mark.parametrize(
    "change",
    [
        lambda c: replace(c, starts_at=c.starts_at + timedelta(hours=1)),
        lambda c: replace(c, attendance=c.attendance[:-1]),
        lambda c: replace(c, guests=()),
        lambda c: replace(c, errata=((date(2027, 3, 1), "Henk was er wel."),)),
        lambda c: replace(c, items=(replace(c.items[0], notes="Bewoners = boos"),)),
        lambda c: replace(c, items=(replace(c.items[0], title="Speeltuin"),)),
        lambda c: replace(
            c,
            items=(
                replace(c.items[0], decisions=(DecisionContent("Toegekend", VoteCount(5, 0, 0)),)),
            ),
        ),
        lambda c: replace(
            c,
            items=(
                replace(
                    c.items[0],
                    actions=(ActionContent("Offerte opvragen", "Henk Bakker", None, None),),
                ),
            ),
        ),
        lambda c: replace(c, items=(replace(c.items[0], ideas=()),)),
    ],
)
def test_every_change_to_the_content_changes_the_fingerprint(change: object) -> None:
    content = _content()
    assert callable(change)
    assert fingerprint(change(content)) != fingerprint(content)


def test_the_canonical_text_is_plain_json_of_the_content() -> None:
    text = canonical(_content())
    assert "Speeltuintje <Helmweg> & co" in text and "Fatma Yılmaz" in text
    assert "\n" not in text
