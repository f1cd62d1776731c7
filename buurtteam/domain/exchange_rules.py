"""The domain rules of exchange format v1, over a document that passed the JSON Schema.

`check_document(data)` returns every violation, in document order, each a `RuleBroken`
with the JSON path of the offending value. The importer refuses a file on the first one;
`buurtteam check` reports them all. Pure Python: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from buurtteam.domain.money import ZERO
from buurtteam.errors import N_, RuleBroken

Json = Mapping[str, Any]

# Kinds whose ids must be unique within a neighbourhood, with where they live.
_KIND_LABELS = {
    "party": N_("party"),
    "person": N_("person"),
    "contract": N_("contract"),
    "meeting": N_("meeting"),
    "agenda_request": N_("agenda request"),
    "agenda_item": N_("agenda item"),
    "decision": N_("decision"),
    "action": N_("action"),
    "idea": N_("idea"),
    "proposal": N_("proposal"),
    "issue": N_("issue"),
}


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_datetime(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _items(data: Json, key: str) -> list[Any]:
    """A list that may be absent (absent counts as empty)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _money(value: Any) -> Decimal:
    return Decimal(value) if isinstance(value, str) else ZERO


class _Checker:
    def __init__(self) -> None:
        self.errors: list[RuleBroken] = []

    def fail(self, path: str, message: str, **params: Any) -> None:
        self.errors.append(RuleBroken(message, path=path, **params))

    # -- generic value checks -------------------------------------------------------------

    def date(self, data: Json, key: str, path: str) -> dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.fail(
                f"{path}.{key}",
                N_(
                    "{value!r} is not a date that exists; write it as "
                    "YYYY-MM-DD, for example 2027-01-12."
                ),
                value=value,
            )
        return parsed

    def datetime(self, data: Json, key: str, path: str) -> dt.datetime | None:
        value = data.get(key)
        if value is None:
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            self.fail(
                f"{path}.{key}",
                N_(
                    "{value!r} is not a moment that exists; write it as "
                    "YYYY-MM-DDTHH:MM, for example 2027-01-12T19:30."
                ),
                value=value,
            )
        return parsed

    def ref(self, data: Json, key: str, path: str, known: set[str], kind: str) -> None:
        value = data.get(key)
        if value is not None and value not in known:
            self.fail(
                f"{path}.{key}",
                N_("No {kind} with id {value!r} exists in this neighbourhood."),
                kind=_KIND_LABELS[kind],
                value=value,
            )

    def unique(self, seen: dict[str, str], value: str, path: str, kind: str) -> None:
        if value in seen:
            self.fail(
                path,
                N_(
                    "The id {value!r} is used twice for a {kind} (also at {other}); "
                    "ids must be unique per kind."
                ),
                value=value,
                kind=_KIND_LABELS[kind],
                other=seen[value],
            )
        else:
            seen[value] = path

    # -- the document ---------------------------------------------------------------------

    def document(self, data: Json) -> None:
        names: dict[str, str] = {}
        for index, hood in enumerate(_items(data, "neighbourhoods")):
            path = f"neighbourhoods[{index}]"
            name = hood.get("name", "")
            if name.casefold() in names:
                self.fail(
                    f"{path}.name",
                    N_("The neighbourhood {name!r} appears twice in the file (also at {other})."),
                    name=name,
                    other=names[name.casefold()],
                )
            names.setdefault(name.casefold(), f"{path}.name")
            _Neighbourhood(self, hood, path).check()


class _Neighbourhood:
    """The rules within one neighbourhood: every reference resolves inside it."""

    def __init__(self, checker: _Checker, hood: Json, path: str) -> None:
        self.c = checker
        self.hood = hood
        self.path = path
        self.ids: dict[str, dict[str, str]] = defaultdict(dict)
        self.meeting_starts: dict[str, dt.datetime | None] = {}
        self.points_by_contract: dict[str, set[int]] = {}

    def known(self, kind: str) -> set[str]:
        return set(self.ids[kind])

    def collect(self, kind: str, records: list[Any], path: str) -> None:
        for index, record in enumerate(records):
            self.c.unique(self.ids[kind], record["id"], f"{path}[{index}].id", kind)

    def check(self) -> None:
        hood, path = self.hood, self.path
        self.collect("party", _items(hood, "parties"), f"{path}.parties")
        self.collect("person", _items(hood, "people"), f"{path}.people")
        self.collect("contract", _items(hood, "contracts"), f"{path}.contracts")
        self.collect("meeting", _items(hood, "meetings"), f"{path}.meetings")
        self.collect("proposal", _items(hood, "proposals"), f"{path}.proposals")
        self.collect("issue", _items(hood, "issues"), f"{path}.issues")
        for m_index, meeting in enumerate(_items(hood, "meetings")):
            m_path = f"{path}.meetings[{m_index}]"
            self.collect(
                "agenda_request", _items(meeting, "agenda_requests"), f"{m_path}.agenda_requests"
            )
            for a_index, item in enumerate(_items(meeting, "agenda")):
                a_path = f"{m_path}.agenda[{a_index}]"
                self.c.unique(self.ids["agenda_item"], item["id"], f"{a_path}.id", "agenda_item")
                for kind, key in (
                    ("decision", "decisions"),
                    ("action", "actions"),
                    ("idea", "ideas"),
                ):
                    self.collect(kind, _items(item, key), f"{a_path}.{key}")
        for contract in _items(hood, "contracts"):
            self.points_by_contract[contract["id"]] = {
                point["number"] for point in _items(contract, "points")
            }
        for meeting in _items(hood, "meetings"):
            self.meeting_starts[meeting["id"]] = parse_datetime(meeting["starts_at"])

        self.settings()
        self.people()
        self.contracts()
        self.meetings()
        self.budget()
        self.issues()

    def settings(self) -> None:
        return None  # the schema bounds every setting

    def people(self) -> None:
        parties = self.known("party")
        for index, person in enumerate(_items(self.hood, "people")):
            self.c.ref(person, "party", f"{self.path}.people[{index}]", parties, "party")

    def contracts(self) -> None:
        parties, meetings = self.known("party"), self.known("meeting")
        for index, contract in enumerate(_items(self.hood, "contracts")):
            path = f"{self.path}.contracts[{index}]"
            starts = self.c.date(contract, "starts_on", path)
            ends = self.c.date(contract, "ends_on", path)
            if starts and ends and ends <= starts:
                self.c.fail(
                    f"{path}.ends_on",
                    N_("The contract ends on {ends}, which is not after its start on {starts}."),
                    ends=ends,
                    starts=starts,
                )
            for s_index, signature in enumerate(_items(contract, "signatures")):
                s_path = f"{path}.signatures[{s_index}]"
                self.c.ref(signature, "party", s_path, parties, "party")
                self.c.date(signature, "signed_on", s_path)
            numbers: dict[int, str] = {}
            for p_index, point in enumerate(_items(contract, "points")):
                p_path = f"{path}.points[{p_index}]"
                number = point["number"]
                if number in numbers:
                    self.c.fail(
                        f"{p_path}.number",
                        N_(
                            "Point number {number} occurs twice in this contract (also at {other})."
                        ),
                        number=number,
                        other=numbers[number],
                    )
                numbers.setdefault(number, f"{p_path}.number")
                self.c.ref(point, "party", p_path, parties, "party")
                self.c.date(point, "due", p_path)
                self.carried_from(point, p_path, contract["id"])
                history = _items(point, "history")
                for h_index, entry in enumerate(history):
                    h_path = f"{p_path}.history[{h_index}]"
                    self.c.date(entry, "date", h_path)
                    self.c.date(entry, "due", h_path)
                    self.c.ref(entry, "meeting", h_path, meetings, "meeting")
                if history and history[-1]["status"] != point["status"]:
                    self.c.fail(
                        f"{p_path}.status",
                        N_(
                            "The point's status {status!r} differs from "
                            "its last history entry ({last!r}); they "
                            "must be the same."
                        ),
                        status=point["status"],
                        last=history[-1]["status"],
                    )

    def carried_from(self, point: Json, path: str, own_contract: str) -> None:
        origin = point.get("carried_from")
        if not origin:
            return
        contract = origin["contract"]
        if contract not in self.points_by_contract:
            self.c.fail(
                f"{path}.carried_from.contract",
                N_("No contract with id {value!r} exists in this neighbourhood."),
                value=contract,
            )
        elif contract == own_contract:
            self.c.fail(
                f"{path}.carried_from.contract",
                N_("A point cannot be carried over from its own contract."),
            )
        elif origin["number"] not in self.points_by_contract[contract]:
            self.c.fail(
                f"{path}.carried_from.number",
                N_("Contract {contract!r} has no point number {number}."),
                contract=contract,
                number=origin["number"],
            )

    def meetings(self) -> None:
        people, parties = self.known("person"), self.known("party")
        proposals, issues = self.known("proposal"), self.known("issue")
        requests = self.known("agenda_request")
        numbers = (
            set().union(*self.points_by_contract.values()) if self.points_by_contract else set()
        )
        for index, meeting in enumerate(_items(self.hood, "meetings")):
            path = f"{self.path}.meetings[{index}]"
            starts = self.c.datetime(meeting, "starts_at", path)
            ends = self.c.datetime(meeting, "ends_at", path)
            if starts and ends and _naive(ends) <= _naive(starts):
                self.c.fail(f"{path}.ends_at", N_("The meeting ends before it starts."))
            self.c.ref(meeting, "chair", path, people, "person")
            self.c.ref(meeting, "secretary", path, people, "person")
            self.approval(meeting, path, starts)
            attendees: set[str] = set()
            for a_index, row in enumerate(_items(meeting, "attendance")):
                a_path = f"{path}.attendance[{a_index}]"
                self.c.ref(row, "person", a_path, people, "person")
                if row["person"] in attendees:
                    self.c.fail(
                        f"{a_path}.person",
                        N_("{value!r} is listed twice in the attendance of this meeting."),
                        value=row["person"],
                    )
                attendees.add(row["person"])
            for e_index, erratum in enumerate(_items(meeting, "errata")):
                self.c.date(erratum, "date", f"{path}.errata[{e_index}]")
            for r_index, request in enumerate(_items(meeting, "agenda_requests")):
                r_path = f"{path}.agenda_requests[{r_index}]"
                self.c.ref(request, "submitted_by", r_path, people, "person")
                self.c.date(request, "submitted_on", r_path)
                self.c.ref(request, "carried_from", r_path, requests, "agenda_request")
                if request.get("carried_from") == request["id"]:
                    self.c.fail(
                        f"{r_path}.carried_from",
                        N_("A request cannot be carried over from itself."),
                    )
            for i_index, item in enumerate(_items(meeting, "agenda")):
                i_path = f"{path}.agenda[{i_index}]"
                self.c.ref(item, "submitted_by", i_path, people, "person")
                self.c.ref(item, "request", i_path, requests, "agenda_request")
                for d_index, action in enumerate(_items(item, "actions")):
                    x_path = f"{i_path}.actions[{d_index}]"
                    self.c.ref(action, "owner", x_path, people, "person")
                    self.c.ref(action, "party", x_path, parties, "party")
                    self.c.date(action, "due", x_path)
                    self.c.date(action, "done_on", x_path)
                for n_index, number in enumerate(_items(item, "contract_points")):
                    if number not in numbers:
                        self.c.fail(
                            f"{i_path}.contract_points[{n_index}]",
                            N_("No contract of this neighbourhood has a point number {number}."),
                            number=number,
                        )
                for key, known, kind in (
                    ("proposals", proposals, "proposal"),
                    ("issues", issues, "issue"),
                ):
                    for l_index, value in enumerate(_items(item, key)):
                        if value not in known:
                            self.c.fail(
                                f"{i_path}.{key}[{l_index}]",
                                N_("No {kind} with id {value!r} exists in this neighbourhood."),
                                kind=_KIND_LABELS[kind],
                                value=value,
                            )

    def approval(self, meeting: Json, path: str, starts: dt.datetime | None) -> None:
        approved_at = meeting.get("minutes_approved_at")
        if meeting["status"] != "minutes_approved" and approved_at is None:
            return
        if approved_at is None:
            self.c.fail(
                f"{path}.minutes_approved_at",
                N_("Approved minutes must name the later meeting that approved them."),
            )
            return
        if approved_at not in self.meeting_starts:
            self.c.fail(
                f"{path}.minutes_approved_at",
                N_("No meeting with id {value!r} exists in this neighbourhood."),
                value=approved_at,
            )
            return
        later = self.meeting_starts[approved_at]
        if starts and later and _naive(later) <= _naive(starts):
            self.c.fail(
                f"{path}.minutes_approved_at",
                N_("The minutes can only be approved at a later meeting; {value!r} is not later."),
                value=approved_at,
            )

    def budget(self) -> None:
        people, meetings = self.known("person"), self.known("meeting")
        available: dict[int, Decimal] = {}
        for index, year in enumerate(_items(self.hood, "budget_years")):
            path = f"{self.path}.budget_years[{index}]"
            if year["year"] in available:
                self.c.fail(
                    f"{path}.year",
                    N_("The budget for {year} is given twice."),
                    year=str(year["year"]),
                )
            available[year["year"]] = _money(year["amount"]) + _money(year.get("carry_over"))
        granted: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for index, proposal in enumerate(_items(self.hood, "proposals")):
            path = f"{self.path}.proposals[{index}]"
            self.c.ref(proposal, "submitted_by", path, people, "person")
            self.c.date(proposal, "received_on", path)
            decision = proposal.get("decision")
            status = proposal["status"]
            if decision:
                self.c.ref(decision, "meeting", f"{path}.decision", meetings, "meeting")
            elif status == "granted":
                self.c.fail(
                    f"{path}.decision",
                    N_("A granted proposal must name the meeting that decided it."),
                )
            elif status == "rejected":
                self.c.fail(
                    f"{path}.decision",
                    N_("A rejected proposal must name the meeting that decided it."),
                )
            payments = _items(proposal, "payments")
            for p_index, payment in enumerate(payments):
                self.c.date(payment, "paid_on", f"{path}.payments[{p_index}]")
            if status != "granted":
                if payments:
                    self.c.fail(
                        f"{path}.payments", N_("Only a granted proposal can have payments.")
                    )
                continue
            self.grant(proposal, path, decision or {}, available, granted)

    def grant(
        self,
        proposal: Json,
        path: str,
        decision: Json,
        available: dict[int, Decimal],
        granted: dict[int, Decimal],
    ) -> None:
        if not proposal["not_regular_maintenance"]:
            self.c.fail(
                f"{path}.not_regular_maintenance",
                N_("Only a proposal marked as not regular maintenance can be granted."),
            )
        amount_text = decision.get("amount_granted")
        if amount_text is None:
            if decision:
                self.c.fail(
                    f"{path}.decision.amount_granted",
                    N_("A granted proposal must say the amount granted."),
                )
            return
        amount = _money(amount_text)
        requested = _money(proposal["amount_requested"])
        if amount <= 0:
            self.c.fail(
                f"{path}.decision.amount_granted", N_("The amount granted must be more than zero.")
            )
        elif amount > requested:
            self.c.fail(
                f"{path}.decision.amount_granted",
                N_("The amount granted ({granted}) is more than was requested ({requested})."),
                granted=amount,
                requested=requested,
            )
        year = proposal["year"]
        if year not in available:
            self.c.fail(
                f"{path}.year",
                N_("There is no budget for {year} in this neighbourhood; add it to budget_years."),
                year=str(year),
            )
        else:
            granted[year] += amount
            if granted[year] > available[year]:
                self.c.fail(
                    f"{path}.decision.amount_granted",
                    N_(
                        "With this grant the grants for {year} add up to {total}, more than "
                        "the budget of {budget}."
                    ),
                    year=str(year),
                    total=granted[year],
                    budget=available[year],
                )
        paid = sum((_money(p["amount"]) for p in _items(proposal, "payments")), ZERO)
        if paid > amount:
            self.c.fail(
                f"{path}.payments",
                N_("The payments add up to {paid}, more than the {granted} granted."),
                paid=paid,
                granted=amount,
            )

    def issues(self) -> None:
        people, parties = self.known("person"), self.known("party")
        for index, issue in enumerate(_items(self.hood, "issues")):
            path = f"{self.path}.issues[{index}]"
            self.c.date(issue, "raised_on", path)
            self.c.ref(issue, "raised_by", path, people, "person")
            self.c.ref(issue, "party", path, parties, "party")
            for s_index, step in enumerate(_items(issue, "steps")):
                self.c.date(step, "date", f"{path}.steps[{s_index}]")


def _naive(moment: dt.datetime) -> dt.datetime:
    """Compare moments with and without offset: those with one are taken in UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def check_document(data: Json) -> list[RuleBroken]:
    """Every domain-rule violation in a schema-valid exchange document, in document order."""
    checker = _Checker()
    checker.document(data)
    return checker.errors


def iter_strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string value in a JSON tree with its path (keys are checked by the schema)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from iter_strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_strings(value, f"{path}[{index}]")
