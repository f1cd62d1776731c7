"""The demo neighbourhood: deterministic, complete, and true to every rule of the spec.

No database: these tests look at the dict only. Besides the project's own schema and rule
checker they hold a small independent check of the spec's domain rules, so a slip in either
the generator or the checker shows up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from buurtteam.domain import vocab
from buurtteam.domain.exchange_rules import check_document
from buurtteam.ops.demo_data import demo_exchange
from buurtteam.store.exchange_schema import validate_structure

TODAY = dt.date(2027, 2, 24)
# Year ends, a leap day, a meeting weekday and a Monday: the schedule must hold for any day.
TODAYS = [
    TODAY,
    dt.date(2025, 12, 31),
    dt.date(2026, 1, 1),
    dt.date(2028, 2, 29),
    dt.date(2027, 6, 1),
    dt.date(2031, 9, 15),
]
SWEEP = [dt.date(2026, 1, 1) + dt.timedelta(days=11 * k) for k in range(70)]

MONEY = re.compile(r"^(0|[1-9][0-9]{0,8})\.[0-9]{2}$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

Json = dict[str, Any]


def _hood(today: dt.date = TODAY) -> Json:
    document = demo_exchange(today)
    assert len(document["neighbourhoods"]) == 1
    hood: Json = document["neighbourhoods"][0]
    return hood


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _held(hood: Json) -> list[Json]:
    return [m for m in hood["meetings"] if m["status"] != "planned"]


def _items(hood: Json) -> Iterator[tuple[Json, Json]]:
    for meeting in hood["meetings"]:
        for item in meeting["agenda"]:
            yield meeting, item


# -- an independent check of the spec's domain rules ------------------------------------------


def _violations(hood: Json) -> list[str]:
    """Every broken rule of "Domain rules an import must enforce" (1 to 6), in plain words."""
    problems: list[str] = []

    def unique(kind: str, ids: list[str]) -> None:
        twice = [value for value, count in Counter(ids).items() if count > 1]
        if twice:
            problems.append(f"{kind} ids used twice: {twice}")

    parties = {p["id"] for p in hood["parties"]}
    people = {p["id"] for p in hood["people"]}
    meetings = {m["id"]: _day(m["starts_at"]) for m in hood["meetings"]}
    proposals = {p["id"] for p in hood["proposals"]}
    issues = {i["id"] for i in hood["issues"]}
    requests = [r for m in hood["meetings"] for r in m["agenda_requests"]]
    items = [item for _, item in _items(hood)]
    unique("party", [p["id"] for p in hood["parties"]])
    unique("person", [p["id"] for p in hood["people"]])
    unique("contract", [c["id"] for c in hood["contracts"]])
    unique("meeting", [m["id"] for m in hood["meetings"]])
    unique("proposal", list(proposals))
    unique("issue", [i["id"] for i in hood["issues"]])
    unique("agenda request", [r["id"] for r in requests])
    unique("agenda item", [i["id"] for i in items])
    for kind in ("decisions", "actions", "ideas"):
        unique(kind, [x["id"] for item in items for x in item[kind]])

    def ref(value: str | None, known: set[str] | dict[str, Any], what: str) -> None:
        if value is not None and value not in known:
            problems.append(f"{what} {value!r} does not exist")

    for person in hood["people"]:
        ref(person.get("party"), parties, "party")
    numbers: set[int] = set()
    for contract in hood["contracts"]:
        if contract["ends_on"] <= contract["starts_on"]:
            problems.append("contract ends before it starts")
        for signature in contract["signatures"]:
            ref(signature["party"], parties, "party")
        point_numbers = [p["number"] for p in contract["points"]]
        if len(set(point_numbers)) != len(point_numbers):
            problems.append("point numbers repeat within a contract")
        numbers |= set(point_numbers)
        for point in contract["points"]:
            ref(point["party"], parties, "party")
            for entry in point["history"]:
                ref(entry.get("meeting"), meetings, "meeting")
            if point["history"] and point["history"][-1]["status"] != point["status"]:
                problems.append(f"point {point['number']}: history ends in another status")

    request_ids = {r["id"] for r in requests}
    for meeting in hood["meetings"]:
        ref(meeting.get("chair"), people, "person")
        ref(meeting.get("secretary"), people, "person")
        for row in meeting["attendance"]:
            ref(row["person"], people, "person")
        for request in meeting["agenda_requests"]:
            ref(request.get("submitted_by"), people, "person")
            ref(request.get("carried_from"), request_ids, "agenda request")
        for item in meeting["agenda"]:
            ref(item.get("submitted_by"), people, "person")
            ref(item.get("request"), request_ids, "agenda request")
            for action in item["actions"]:
                ref(action.get("owner"), people, "person")
                ref(action.get("party"), parties, "party")
            for number in item["contract_points"]:
                if number not in numbers:
                    problems.append(f"contract point {number} does not exist")
            for proposal in item["proposals"]:
                ref(proposal, proposals, "proposal")
            for issue in item["issues"]:
                ref(issue, issues, "issue")
        if meeting["status"] == "minutes_approved":
            later = meeting.get("minutes_approved_at")
            if later not in meetings or meetings[later] <= meetings[meeting["id"]]:
                problems.append(f"{meeting['id']}: minutes not approved at a later meeting")

    available = {
        y["year"]: Decimal(y["amount"]) + Decimal(y.get("carry_over") or "0")
        for y in hood["budget_years"]
    }
    granted: dict[int, Decimal] = defaultdict(Decimal)
    for proposal in hood["proposals"]:
        ref(proposal.get("submitted_by"), people, "person")
        decision = proposal.get("decision") or {}
        ref(decision.get("meeting"), meetings, "meeting")
        if proposal["status"] in ("granted", "rejected") and "meeting" not in decision:
            problems.append(f"{proposal['id']}: decided without a deciding meeting")
        paid = sum((Decimal(p["amount"]) for p in proposal["payments"]), Decimal(0))
        if proposal["status"] != "granted":
            if proposal["payments"]:
                problems.append(f"{proposal['id']}: payments on a proposal that is not granted")
            continue
        amount = Decimal(decision.get("amount_granted") or "0")
        if not Decimal(0) < amount <= Decimal(proposal["amount_requested"]):
            problems.append(f"{proposal['id']}: amount granted out of range")
        if not proposal["not_regular_maintenance"]:
            problems.append(f"{proposal['id']}: regular maintenance granted")
        if proposal["year"] not in available:
            problems.append(f"{proposal['id']}: no budget year {proposal['year']}")
        granted[proposal["year"]] += amount
        if paid > amount:
            problems.append(f"{proposal['id']}: paid more than granted")
    for year, total in granted.items():
        if year in available and total > available[year]:
            problems.append(f"{year}: granted {total} of {available[year]}")

    for issue in hood["issues"]:
        ref(issue.get("raised_by"), people, "person")
        ref(issue.get("party"), parties, "party")
    return problems


def _values(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _values(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _values(v, key)
    else:
        yield key, node


# -- determinism ------------------------------------------------------------------------------


def test_the_same_day_gives_the_same_document() -> None:
    assert demo_exchange(TODAY) == demo_exchange(TODAY)
    assert json.dumps(demo_exchange(TODAY)) == json.dumps(demo_exchange(TODAY))


def test_the_document_is_plain_json() -> None:
    document = demo_exchange(TODAY)
    text = json.dumps(document, ensure_ascii=False, allow_nan=False)
    assert json.loads(text) == document
    assert document["format"] == "buurtteam"
    assert document["version"] == 1


def test_another_day_moves_the_history_along() -> None:
    later = demo_exchange(TODAY + dt.timedelta(days=42))
    earlier = demo_exchange(TODAY)
    assert later != earlier
    assert _hood(TODAY)["name"] == _hood(TODAY + dt.timedelta(days=42))["name"]


# -- what the issue asks for ------------------------------------------------------------------


def test_the_cast() -> None:
    hood = _hood()
    assert hood["name"] != "Duin en Dorp"
    assert hood["municipality"] != "Zeedorp"
    assert {p["kind"] for p in hood["parties"]} == {
        "municipality",
        "police",
        "housing_corporation",
        "welfare",
        "residents",
        "council",
    }
    assert len(hood["parties"]) == 6
    people = hood["people"]
    assert len(people) == 8
    roles = Counter(role for person in people for role in person["roles"])
    assert roles["chair"] == 1
    assert roles["community_worker"] == 1
    assert roles["secretary"] == 1
    assert roles["partner"] >= 1
    assert roles["resident"] >= 4
    kinds = {p["id"]: p["kind"] for p in hood["parties"]}
    by_role = {role: p for p in people for role in p["roles"]}
    assert kinds[by_role["chair"]["party"]] == "municipality"
    assert kinds[by_role["community_worker"]["party"]] == "welfare"
    assert "resident" in by_role["secretary"]["roles"]
    assert any(not person["name"].isascii() for person in people)
    with_contact = [p for p in people if "email" in p or "phone" in p]
    assert 0 < len(with_contact) < len(people)
    assert all(p["email"].endswith("@example.org") for p in people if "email" in p)


def test_the_contract() -> None:
    hood = _hood()
    (contract,) = hood["contracts"]
    starts, ends = _day(contract["starts_on"]), _day(contract["ends_on"])
    assert 29 * 30 < (ends - starts).days < 31 * 31  # about 2.5 years
    signed = {s["party"] for s in contract["signatures"]}
    kinds = {p["id"]: p["kind"] for p in hood["parties"]}
    assert {kinds[p] for p in signed} == {
        "municipality",
        "police",
        "housing_corporation",
        "welfare",
    }
    assert all(
        dt.timedelta(0) < starts - _day(s["signed_on"]) < dt.timedelta(days=31)
        for s in contract["signatures"]
    )
    points = contract["points"]
    assert [p["number"] for p in points] == list(range(1, 87))
    assert len({p["title"] for p in points}) == 86
    assert not any(re.fullmatch(r"Punt \d+", p["title"]) for p in points)
    assert "{" not in "".join(p["title"] for p in points)
    assert {p["theme"] for p in points} == {
        "bewonersparticipatie",
        "schoon",
        "verkeersveiligheid",
        "spelen",
        "veiligheid",
        "groen",
        "jongeren",
        "ouderen",
    }
    owners = {kinds[p["party"]] for p in points}
    assert {"council", "residents", "police", "municipality"} <= owners


@pytest.mark.parametrize("today", TODAYS)
def test_point_statuses_fit_the_day(today: dt.date) -> None:
    (contract,) = _hood(today)["contracts"]
    statuses = Counter(p["status"] for p in contract["points"])
    assert set(statuses) == {s.value for s in vocab.PointStatus}
    assert statuses["done"] > statuses["not_kept"]
    assert statuses["dropped"] <= 8
    for point in contract["points"]:
        history = point["history"]
        dates = [_day(e["date"]) for e in history]
        assert dates == sorted(dates)
        assert all(day <= today for day in dates)
        slips = [e["due"] for e in history if "due" in e]
        if slips:
            assert point["due"] == slips[-1]
        if "due" in point and _day(point["due"]) < today:
            assert point["status"] in ("done", "delayed", "not_kept", "dropped"), point
        if point["status"] != "open":
            assert history, point


def test_history_entries_sit_at_held_meetings() -> None:
    hood = _hood()
    held = {m["id"]: m["starts_at"][:10] for m in _held(hood)}
    for point in hood["contracts"][0]["points"]:
        for entry in point["history"]:
            assert held[entry["meeting"]] == entry["date"]
            assert entry["note"]


@pytest.mark.parametrize("today", TODAYS)
def test_the_meeting_schedule(today: dt.date) -> None:
    hood = _hood(today)
    starts = [dt.datetime.fromisoformat(m["starts_at"]) for m in hood["meetings"]]
    assert starts == sorted(starts)
    gaps = {(b - a).days for a, b in itertools.pairwise(starts)}
    assert gaps == {42}
    assert all(s.weekday() in (1, 2) and s.time() == dt.time(19, 30) for s in starts)
    held, planned = _held(hood), [m for m in hood["meetings"] if m["status"] == "planned"]
    assert len(planned) == 2
    assert all(_day(m["starts_at"]) > today for m in planned)
    assert all(_day(m["starts_at"]) < today for m in held)
    span = (today - _day(held[0]["starts_at"])).days
    assert 17 * 30 < span < 19 * 31  # about 18 months
    contract = hood["contracts"][0]
    assert contract["starts_on"] < held[0]["starts_at"][:10]


def test_minutes_are_approved_at_the_next_meeting() -> None:
    meetings = _hood()["meetings"]
    held = _held({"meetings": meetings})
    for meeting, following in zip(held, meetings[1:], strict=False):
        if meeting is held[-1]:
            assert meeting["status"] == "held"
            assert "minutes_approved_at" not in meeting
        else:
            assert meeting["status"] == "minutes_approved"
            assert meeting["minutes_approved_at"] == following["id"]
    errata = [e for m in meetings for e in m["errata"]]
    assert len(errata) == 1
    (with_erratum,) = [m for m in meetings if m["errata"]]
    assert with_erratum["status"] == "minutes_approved"
    approved_at = next(m for m in meetings if m["id"] == with_erratum["minutes_approved_at"])
    assert errata[0]["date"] > approved_at["starts_at"][:10]


def test_held_meetings_have_attendance_and_a_composed_agenda() -> None:
    hood = _hood()
    people = {p["id"]: p for p in hood["people"]}
    order = [s.value for s in vocab.SECTION_ORDER]
    for meeting in _held(hood):
        attendance = meeting["attendance"]
        assert sorted(row["person"] for row in attendance) == sorted(people)
        present = {row["person"] for row in attendance if row["status"] == "present"}
        assert meeting["chair"] in present
        assert meeting["secretary"] in present
        voters = sum(
            1 for p in present if {"resident", "community_worker"} & set(people[p]["roles"])
        )
        assert voters >= vocab.DEFAULT_QUORUM
        agenda = meeting["agenda"]
        assert 6 <= len(agenda) <= 9, meeting["id"]
        sections = [item["section"] for item in agenda]
        assert sections == sorted(sections, key=order.index)
        assert sections[0] == "opening"
        assert sections[-1] == "closing"
        topics = [i["source"] for i in agenda if i["section"] == "topics"]
        residents_side = [vocab.Source(s).is_residents_side for s in topics]
        assert all(residents_side)
        assert topics == sorted(topics, key=["resident", "community_worker", "team"].index)
        requests_section = [i["source"] for i in agenda if i["section"] == "requests"]
        assert set(requests_section) <= {"municipality", "partner"}
        assert all(item["notes"] for item in agenda)
        for item in agenda:
            for decision in item["decisions"]:
                if "votes" in decision:
                    assert sum(decision["votes"].values()) == voters
        ends = dt.datetime.fromisoformat(meeting["ends_at"])
        for row in attendance:
            for key in ("arrived_at", "left_at"):
                if key in row:
                    assert row["status"] == "present"
                    assert row[key] < ends.strftime("%H:%M")


def test_the_agenda_requests() -> None:
    hood = _hood()
    meetings = hood["meetings"]
    held = _held(hood)
    placed = {
        item["request"] for meeting in meetings for item in meeting["agenda"] if "request" in item
    }
    by_id = {r["id"]: (m, r) for m in meetings for r in m["agenda_requests"]}
    for meeting in held:
        previous = None
        for request in meeting["agenda_requests"]:
            assert request["state"] in ("placed", "deferred", "declined")
            assert (request["id"] in placed) == (request["state"] == "placed")
            assert _day(request["submitted_on"]) <= _day(meeting["starts_at"])
            if "carried_from" in request:
                previous, origin = by_id[request["carried_from"]]
                assert origin["state"] == "deferred"
                assert previous["starts_at"] < meeting["starts_at"]
    deferred = [r for m in held for r in m["agenda_requests"] if r["state"] == "deferred"]
    assert deferred
    carried = {r.get("carried_from") for m in meetings for r in m["agenda_requests"]}
    assert all(r["id"] in carried for r in deferred)

    next_meeting = next(m for m in meetings if m["status"] == "planned")
    assert next_meeting["agenda"] == []
    pending = next_meeting["agenda_requests"]
    assert {r["state"] for r in pending} == {"pending"}
    sources = Counter(r["source"] for r in pending)
    assert sources["resident"] >= 2
    assert sources["municipality"] == 1
    last_held = _day(held[-1]["starts_at"])
    assert all(
        last_held < _day(r["submitted_on"]) <= TODAY for r in pending if "carried_from" not in r
    )


def test_actions_mostly_done_a_handful_open() -> None:
    hood = _hood()
    actions = [(m, a) for m, item in _items(hood) for a in item["actions"]]
    assert len(actions) >= 20
    still_open = [a for _, a in actions if "done_on" not in a]
    assert 3 <= len(still_open) <= len(actions) // 3
    for meeting, action in actions:
        assert ("owner" in action) != ("party" in action)
        assert _day(action["due"]) > _day(meeting["starts_at"])
        if "done_on" in action:
            assert _day(meeting["starts_at"]) < _day(action["done_on"]) <= TODAY
    decisions = [d for _, item in _items(hood) for d in item["decisions"]]
    assert any("votes" in d for d in decisions)
    assert any(item["ideas"] for _, item in _items(hood))
    assert any(m["guests"] for m in hood["meetings"])


def test_the_budget() -> None:
    hood = _hood()
    years = {y["year"]: y for y in hood["budget_years"]}
    held = _held(hood)
    touched = {_day(m["starts_at"]).year for m in hood["meetings"]}
    assert touched <= set(years)
    assert all(y["amount"] == "25000.00" for y in years.values())
    assert sum("carry_over" in y for y in years.values()) == 1
    proposals = hood["proposals"]
    assert 12 <= len(proposals) <= 16
    statuses = Counter(p["status"] for p in proposals)
    assert set(statuses) == {s.value for s in vocab.ProposalStatus}
    granted = [p for p in proposals if p["status"] == "granted"]
    assert any(p["decision"]["amount_granted"] != p["amount_requested"] for p in granted)
    assert any(p["status"] == "rejected" and not p["not_regular_maintenance"] for p in proposals)
    held_ids = {m["id"] for m in held}
    for proposal in proposals:
        if "decision" in proposal:
            assert proposal["decision"]["meeting"] in held_ids
        if proposal["status"] in ("rejected", "deferred"):
            assert proposal["decision"]["reason"]
        for payment in proposal["payments"]:
            decided = next(m for m in held if m["id"] == proposal["decision"]["meeting"])
            assert _day(decided["starts_at"]) < _day(payment["paid_on"]) <= TODAY
    paid = {p["id"]: sum(Decimal(x["amount"]) for x in p["payments"]) for p in granted}
    fully = [p for p in granted if paid[p["id"]] == Decimal(p["decision"]["amount_granted"])]
    partly = [p for p in granted if 0 < paid[p["id"]] < Decimal(p["decision"]["amount_granted"])]
    assert fully
    assert partly
    decided_at = {
        item_proposal: meeting["id"]
        for meeting, item in _items(hood)
        if item["section"] == "budget"
        for item_proposal in item["proposals"]
    }
    for proposal in proposals:
        if "decision" in proposal:
            assert decided_at[proposal["id"]] == proposal["decision"]["meeting"]


@pytest.mark.parametrize("today", TODAYS)
def test_the_issues(today: dt.date) -> None:
    hood = _hood(today)
    issues = hood["issues"]
    assert len(issues) == 3
    assert Counter(i["status"] for i in issues) == {"open": 2, "resolved": 1}
    kinds = {step["kind"] for issue in issues for step in issue["steps"]}
    assert kinds == {s.value for s in vocab.StepKind}
    for issue in issues:
        dates = [step["date"] for step in issue["steps"]]
        assert dates == sorted(dates)
        assert issue["raised_on"] <= dates[0]
        assert all(_day(d) <= today for d in dates)
        for step in issue["steps"]:
            if step["kind"] in ("letter_sent", "reminder"):
                assert step["to"]
    # One open issue waits for an answer to a letter sent more than the reply time ago.
    reply_time = dt.timedelta(weeks=vocab.DEFAULT_REPLY_WEEKS)
    overdue = []
    for issue in issues:
        letters = [s for s in issue["steps"] if s["kind"] == "letter_sent"]
        last = letters[-1]["date"]
        answered = any(s["kind"] == "reply_received" and s["date"] >= last for s in issue["steps"])
        if issue["status"] == "open" and not answered and _day(last) < today - reply_time:
            overdue.append(issue["id"])
    assert len(overdue) == 1


def test_issue_meetings_are_on_the_agenda() -> None:
    hood = _hood()
    linked = {
        (meeting["starts_at"][:10], i) for meeting, item in _items(hood) for i in item["issues"]
    }
    for issue in hood["issues"]:
        for step in issue["steps"]:
            if step["kind"] == "meeting":
                assert (step["date"], issue["id"]) in linked


def test_contract_items_link_the_points_that_changed() -> None:
    hood = _hood()
    changed: dict[str, set[int]] = defaultdict(set)
    for point in hood["contracts"][0]["points"]:
        for entry in point["history"]:
            changed[entry["meeting"]].add(point["number"])
    for meeting in _held(hood):
        (item,) = [i for i in meeting["agenda"] if i["section"] == "contract"]
        assert set(item["contract_points"]) == changed[meeting["id"]]


# -- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("today", TODAYS)
def test_every_domain_rule_holds(today: dt.date) -> None:
    assert _violations(_hood(today)) == []


@pytest.mark.parametrize("today", TODAYS)
def test_the_projects_schema_and_rule_checker_accept_it(today: dt.date) -> None:
    document = demo_exchange(today)
    validate_structure(document)
    assert check_document(document) == []


def test_many_days_in_a_row_keep_every_rule() -> None:
    for today in SWEEP:
        hood = _hood(today)
        assert _violations(hood) == [], today
        assert check_document({"format": "buurtteam", "version": 1, "neighbourhoods": [hood]}) == []


def test_formats_and_vocabulary() -> None:
    hood = _hood()
    money_keys = {"amount", "carry_over", "amount_requested", "amount_granted"}
    date_keys = {
        "starts_on",
        "ends_on",
        "signed_on",
        "due",
        "date",
        "submitted_on",
        "done_on",
        "received_on",
        "paid_on",
        "raised_on",
    }
    for key, value in _values(hood):
        if key in money_keys:
            assert isinstance(value, str) and MONEY.match(value), (key, value)
        elif key in date_keys:
            assert DATE.match(value) and dt.date.fromisoformat(value), (key, value)
        elif key in ("starts_at", "ends_at"):
            assert DATETIME.match(value), (key, value)
        elif key in ("arrived_at", "left_at"):
            assert TIME.match(value), (key, value)
        assert not isinstance(value, float), key
    assert {p["kind"] for p in hood["parties"]} <= {k.value for k in vocab.PartyKind}
    assert {r for p in hood["people"] for r in p["roles"]} <= {r.value for r in vocab.Role}
    for meeting in hood["meetings"]:
        assert vocab.MeetingStatus(meeting["status"])
        for row in meeting["attendance"]:
            assert vocab.AttendanceStatus(row["status"])
        for request in meeting["agenda_requests"]:
            assert vocab.Source(request["source"])
            assert vocab.RequestState(request["state"])
        for item in meeting["agenda"]:
            assert vocab.Section(item["section"])
            assert vocab.Source(item["source"])
            assert vocab.Purpose(item["purpose"])


def test_nothing_past_lies_after_today() -> None:
    today = TODAY
    hood = _hood(today)
    past_keys = {
        "signed_on",
        "date",
        "submitted_on",
        "done_on",
        "received_on",
        "paid_on",
        "raised_on",
    }
    planned = [m for m in hood["meetings"] if m["status"] == "planned"]
    rest = {**hood, "meetings": [m for m in hood["meetings"] if m["status"] != "planned"]}
    for key, value in _values(rest):
        if key in past_keys or key == "starts_at":
            assert _day(value) <= today, (key, value)
    for meeting in planned:
        for request in meeting["agenda_requests"]:
            assert _day(request["submitted_on"]) <= today
