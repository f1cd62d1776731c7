"""Search across everything the team wrote, through the FTS5 table `search_index`.

The index (migration 0002) holds agenda items with their notes, decisions, actions,
ideas, errata, agenda requests, contract points and their history, proposals, issues and
their steps; triggers keep it current and the tokenizer folds diacritics, so
"coordinator" finds "coördinator".

What a person types is never FTS5 syntax: `query_for` keeps the words (letters and
digits) of the text, quotes each one, and lets the last match as a prefix, so results
come while typing. `"`, `*`, `-`, `AND`, `NEAR(` are only ever searched for as words.
A question typed in full ("wat hebben we besloten over het pannaveldje?") is answered
too: its function words are left out, results with any remaining word follow those with
all of them, and "besloten" puts decisions first. A found agenda item carries its
decisions, so the answer shows in the list itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import BindParameter, bindparam, select, text
from sqlalchemy.orm import Session

from buurtteam.domain.text import fold
from buurtteam.store import models as m
from buurtteam.store.db import Database

MAX_WORDS = 12
DEFAULT_LIMIT = 40
_WORD = re.compile(r"\w+", re.UNICODE)
# Private-use characters around the matched words in a snippet: never typed by anyone.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_WORDS = 14


class Kind(StrEnum):
    """What a search result is; the values are the index's `kind` column."""

    AGENDA_ITEM = "agenda_item"
    DECISION = "decision"
    ACTION = "action"
    IDEA = "idea"
    CONTRACT_POINT = "contract_point"
    POINT_HISTORY = "point_history"
    PROPOSAL = "proposal"
    ISSUE = "issue"
    ISSUE_STEP = "issue_step"
    ERRATUM = "erratum"
    AGENDA_REQUEST = "agenda_request"

    @property
    def of_a_meeting(self) -> bool:
        return self in _MEETING_KINDS


_MEETING_KINDS = frozenset(
    {Kind.AGENDA_ITEM, Kind.DECISION, Kind.ACTION, Kind.IDEA, Kind.ERRATUM, Kind.AGENDA_REQUEST}
)


@dataclass(frozen=True)
class Hit:
    """One result: what it is, a title, a snippet, and enough to open the record."""

    kind: Kind
    record_id: int
    title: str
    snippet: str  # matched words between MARK_START and MARK_END
    day: date | None  # the meeting's day, a step's date, a proposal's arrival
    neighbourhood_id: int
    meeting_id: int | None = None  # minutes, agenda and requests
    item_id: int | None = None  # the agenda item, for outcomes of an item
    point_id: int | None = None  # the contract point, also for its history
    proposal_id: int | None = None
    issue_id: int | None = None  # the issue, also for its steps
    decisions: tuple[str, ...] = ()  # an agenda item's decisions: the answer in one step

    @property
    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) runs, for a window that marks the matches."""
        parts: list[tuple[str, bool]] = []
        for index, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if chunk:
                parts.append((chunk, index % 2 == 1))
        return parts

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")


# Words that carry no subject: left out when a whole question is typed ("wat hebben we
# besloten over het pannaveldje"), unless nothing else is left. Folded (see domain.text.fold).
_FUNCTION_WORDS_TEXT = """
    de het een en of van in op over aan bij met voor naar door uit om te tot als dan maar
    niet geen wel ook nog al er hier daar dat die dit deze wat wie waar wanneer hoe waarom
    welke ik je jij u we wij ze zij hij hun ons onze mijn is zijn was waren ben bent
    heb hebt heeft hebben had hadden wordt worden werd werden kan kunnen kon zou zouden moet
    moeten mag mogen wil willen gaat gaan ging doen deed gedaan
    the a an and or of in on at about to for with by from what who where when how why which
    i you we they he she it is are was were be been have has had do did does can could would
    should not no
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# Words that ask for decisions: decisions (and items that hold them) come first.
_DECISION_WORDS_TEXT = """
    besluit besluiten besloten beslist beslissing beslissingen besluitenlijst
    decide decided decision decisions
"""
_DECISION_WORDS = frozenset(_DECISION_WORDS_TEXT.split())


def words(typed: str) -> list[str]:
    """The words of what a person typed: letters and digits only, at most a dozen."""
    return _WORD.findall(typed)[:MAX_WORDS]


@dataclass(frozen=True)
class Question:
    """What was typed, understood: the words to find and whether decisions are asked for."""

    terms: tuple[str, ...]  # quoted FTS5 terms; the last typed word is a prefix
    wants_decisions: bool

    @property
    def query(self) -> str:
        """Every term (FTS5 joins terms with AND)."""
        return " ".join(self.terms)


def understand(typed: str) -> Question | None:
    """The search terms of what was typed; None when nothing can be searched for."""
    found = words(typed)
    if not found:
        return None
    terms = [_quoted(word) for word in found]
    terms[-1] += "*"  # results while typing: the last word may be half-typed
    folded = [fold(word) for word in found]
    wants = any(word in _DECISION_WORDS for word in folded)
    subject = tuple(
        term
        for term, word in zip(terms, folded, strict=True)
        if word not in _FUNCTION_WORDS and word not in _DECISION_WORDS
    )
    return Question(subject or tuple(terms), wants)


def _quoted(word: str) -> str:
    # \w+ never holds a double quote; doubling them anyway keeps this safe on its own.
    return '"' + word.replace('"', '""') + '"'


def query_for(typed: str) -> str | None:
    """A safe FTS5 query for what was typed: each word quoted, the last one a prefix."""
    question = understand(typed)
    return question.query if question else None


_SEARCH = text(
    "SELECT kind, record_id, neighbourhood_id, "
    f"snippet(search_index, -1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_WORDS}) AS snippet "
    "FROM search_index WHERE search_index MATCH :query "
    "AND (:hood IS NULL OR neighbourhood_id = :hood) "
    "ORDER BY rank LIMIT :limit"
)
_COUNT = text(
    "SELECT count(*) FROM search_index WHERE search_index MATCH :query "
    "AND (:hood IS NULL OR neighbourhood_id = :hood)"
)


# PostgreSQL (migration 0003): the same index as a folded tsvector; terms become a tsquery.
_SEARCH_PG = text(
    "SELECT kind, record_id, neighbourhood_id, title, body "
    "FROM search_index WHERE document @@ to_tsquery('simple', :query) "
    "AND (CAST(:hood AS INTEGER) IS NULL OR neighbourhood_id = :hood) "
    "ORDER BY ts_rank(document, to_tsquery('simple', :query)) DESC, rowid LIMIT :limit"
)
_COUNT_PG = text(
    "SELECT count(*) FROM search_index WHERE document @@ to_tsquery('simple', :query) "
    "AND (CAST(:hood AS INTEGER) IS NULL OR neighbourhood_id = :hood)"
)
_TERM = re.compile(r'"((?:[^"]|"")*)"(\*?)')


def _tsquery(fts5_query: str) -> str:
    """The FTS5 terms (`"word" "half"*`) as a PostgreSQL tsquery (`word & half:*`).

    The words are \\w+ only (see `words`), folded as the index folds them, so nothing a
    person typed can be tsquery syntax.
    """
    parts = [
        fold(word.replace('""', '"')) + (":*" if star else "")
        for word, star in _TERM.findall(fts5_query)
    ]
    return " & ".join(part for part in parts if part.strip(":*")) or "''"


def _marked_snippet(title: str | None, body: str | None, fts5_query: str) -> str:
    """On PostgreSQL, what FTS5's snippet() gives on SQLite: the matched words marked,
    some words around the first match in the first column that has one, … where cut."""
    terms = [(fold(w.replace('""', '"')), bool(star)) for w, star in _TERM.findall(fts5_query)]

    def matches(word: str) -> bool:
        folded = fold(word)
        return any(folded.startswith(t) if star else folded == t for t, star in terms if t)

    columns = [column for column in (title, body) if column] or [""]
    column = next((c for c in columns if any(matches(w) for w in _WORD.findall(c))), columns[0])
    found = list(_WORD.finditer(column))
    if not found:
        return column
    first = next((i for i, w in enumerate(found) if matches(w.group())), 0)
    start = max(0, min(first - 2, len(found) - SNIPPET_WORDS))
    end = min(len(found), start + SNIPPET_WORDS)
    parts = ["…" if start else column[: found[0].start()]]
    for index in range(start, end):
        word = found[index].group()
        parts.append(f"{MARK_START}{word}{MARK_END}" if matches(word) else word)
        if index + 1 < end:
            parts.append(column[found[index].end() : found[index + 1].start()])
    parts.append(column[found[end - 1].end() :] if end == len(found) else "…")
    return "".join(parts)


def search(
    db: Database, typed: str, neighbourhood_id: int | None = None, limit: int = DEFAULT_LIMIT
) -> tuple[Hit, ...]:
    """Everything that matches what was typed, best first.

    First what holds all the words that matter; then what holds any of them, the rarest
    word first. Asked about decisions ("besloten"), decisions and the items holding them
    lead. SQLite searches its FTS5 index, PostgreSQL a folded tsvector (migration 0003).
    """
    question = understand(typed)
    if question is None:
        return ()
    with db.read() as session:
        rows = _rows(session, question.query, neighbourhood_id, limit)
        seen = {(r.kind, r.record_id) for r in rows}
        for term in _rarest_first(session, question.terms, neighbourhood_id):
            if len(rows) >= limit:
                break
            for row in _rows(session, term, neighbourhood_id, limit - len(rows)):
                if (row.kind, row.record_id) not in seen:
                    seen.add((row.kind, row.record_id))
                    rows.append(row)
        hits = _hits(session, rows[:limit])
    if question.wants_decisions:
        # A stable sort: within each group the search's own order stays.
        hits.sort(key=lambda hit: not (hit.kind is Kind.DECISION or hit.decisions))
    return tuple(hits)


def _rarest_first(
    session: Session, terms: tuple[str, ...], neighbourhood_id: int | None
) -> list[str]:
    """The terms one by one, the one found in the fewest records first; unfound ones left out."""
    if len(terms) < 2:
        return []
    counted = []
    for index, term in enumerate(terms):
        sqlite = session.get_bind().dialect.name == "sqlite"
        statement, query = (_COUNT, term) if sqlite else (_COUNT_PG, _tsquery(term))
        count = session.scalar(statement, {"query": query, "hood": neighbourhood_id}) or 0
        if count:
            counted.append((count, index, term))
    return [term for _count, _index, term in sorted(counted)]


@dataclass(frozen=True)
class _Row:
    kind: str
    record_id: int
    neighbourhood_id: int
    snippet: str


def _rows(session: Session, query: str, neighbourhood_id: int | None, limit: int) -> list[_Row]:
    if session.get_bind().dialect.name == "sqlite":
        result = session.execute(
            _SEARCH, {"query": query, "hood": neighbourhood_id, "limit": limit}
        )
        return [
            _Row(r.kind, int(r.record_id), int(r.neighbourhood_id), r.snippet or "") for r in result
        ]
    bound = {"query": _tsquery(query), "hood": neighbourhood_id, "limit": limit}
    return [
        _Row(
            r.kind,
            int(r.record_id),
            int(r.neighbourhood_id),
            _marked_snippet(r.title, r.body, query),
        )
        for r in session.execute(_SEARCH_PG, bound)
    ]


def _hits(session: Session, rows: list[_Row]) -> list[Hit]:
    """The results with their titles and where they lead, in the order of `rows`.

    One query per kind of record found, not one per result: a page of forty results
    costs a handful of lookups. A record gone meanwhile is left out.
    """
    kinds = [_kind(row) for row in rows]
    wanted: dict[Kind, list[int]] = {}
    for kind, row in zip(kinds, rows, strict=True):
        if kind is not None:
            wanted.setdefault(kind, []).append(row.record_id)
    found = {
        (kind, record_id): place
        for kind, ids in wanted.items()
        for record_id, place in _LOOKUPS[kind](session, ids).items()
    }
    return [
        _make(kind, row, place)
        for kind, row in zip(kinds, rows, strict=True)
        if kind is not None and (place := found.get((kind, row.record_id))) is not None
    ]


def _kind(row: _Row) -> Kind | None:
    try:
        return Kind(row.kind)
    except ValueError:  # a kind of record this version does not know
        return None


@dataclass(frozen=True)
class _Found:
    """What a result needs besides the index row: its title, day and where it leads."""

    title: str
    day: date | None
    meeting_id: int | None = None
    item_id: int | None = None
    point_id: int | None = None
    proposal_id: int | None = None
    issue_id: int | None = None
    decisions: tuple[str, ...] = ()


# The lookups, built once: the same statements for every search (an expanding IN).
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_Lookup = Callable[[Session, list[int]], dict[int, _Found]]


def _outcomes(model: type[m.Decision] | type[m.Action] | type[m.Idea]) -> _Lookup:
    """A decision, action or idea leads to its agenda item, titled by it."""
    statement = (
        select(model.id, m.AgendaItem.id, m.AgendaItem.title, m.Meeting.id, m.Meeting.starts_at)
        .join(m.AgendaItem, model.agenda_item_id == m.AgendaItem.id)
        .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
        .where(model.id.in_(_IDS))
    )

    def lookup(session: Session, ids: list[int]) -> dict[int, _Found]:
        return {
            record_id: _Found(title, starts_at.date(), meeting_id=meeting_id, item_id=item_id)
            for record_id, item_id, title, meeting_id, starts_at in session.execute(
                statement, {"ids": ids}
            )
        }

    return lookup


_ITEMS = (
    select(m.AgendaItem.id, m.AgendaItem.title, m.Meeting.id, m.Meeting.starts_at)
    .join(m.Meeting, m.AgendaItem.meeting_id == m.Meeting.id)
    .where(m.AgendaItem.id.in_(_IDS))
)
_ITEM_DECISIONS = (
    select(m.Decision.agenda_item_id, m.Decision.text)
    .where(m.Decision.agenda_item_id.in_(_IDS))
    .order_by(m.Decision.id)
)


def _agenda_items(session: Session, ids: list[int]) -> dict[int, _Found]:
    """An agenda item carries its decisions: the answer shows in the list itself."""
    decisions: dict[int, list[str]] = {}
    for item_id, decision in session.execute(_ITEM_DECISIONS, {"ids": ids}):
        decisions.setdefault(item_id, []).append(decision)
    return {
        item_id: _Found(
            title,
            starts_at.date(),
            meeting_id=meeting_id,
            item_id=item_id,
            decisions=tuple(decisions.get(item_id, ())),
        )
        for item_id, title, meeting_id, starts_at in session.execute(_ITEMS, {"ids": ids})
    }


_ERRATA = (
    select(m.Erratum.id, m.Meeting.id, m.Meeting.starts_at)
    .join(m.Meeting, m.Erratum.meeting_id == m.Meeting.id)
    .where(m.Erratum.id.in_(_IDS))
)


def _errata(session: Session, ids: list[int]) -> dict[int, _Found]:
    return {
        record_id: _Found("", starts_at.date(), meeting_id=meeting_id)
        for record_id, meeting_id, starts_at in session.execute(_ERRATA, {"ids": ids})
    }


_REQUESTS = (
    select(m.AgendaRequest.id, m.AgendaRequest.title, m.Meeting.id, m.Meeting.starts_at)
    .join(m.Meeting, m.AgendaRequest.meeting_id == m.Meeting.id)
    .where(m.AgendaRequest.id.in_(_IDS))
)


def _agenda_requests(session: Session, ids: list[int]) -> dict[int, _Found]:
    return {
        record_id: _Found(title or "", starts_at.date(), meeting_id=meeting_id)
        for record_id, title, meeting_id, starts_at in session.execute(_REQUESTS, {"ids": ids})
    }


_POINTS = select(
    m.ContractPoint.id, m.ContractPoint.number, m.ContractPoint.title, m.ContractPoint.due
).where(m.ContractPoint.id.in_(_IDS))


def _contract_points(session: Session, ids: list[int]) -> dict[int, _Found]:
    return {
        point_id: _Found(f"{number}. {title}", due, point_id=point_id)
        for point_id, number, title, due in session.execute(_POINTS, {"ids": ids})
    }


_HISTORY = (
    select(
        m.PointHistory.id,
        m.PointHistory.date,
        m.ContractPoint.id,
        m.ContractPoint.number,
        m.ContractPoint.title,
    )
    .join(m.ContractPoint, m.PointHistory.point_id == m.ContractPoint.id)
    .where(m.PointHistory.id.in_(_IDS))
)


def _point_history(session: Session, ids: list[int]) -> dict[int, _Found]:
    """A history entry leads to its point, on the entry's own date."""
    return {
        record_id: _Found(f"{number}. {title}", day, point_id=point_id)
        for record_id, day, point_id, number, title in session.execute(_HISTORY, {"ids": ids})
    }


_PROPOSALS = select(m.Proposal.id, m.Proposal.title, m.Proposal.received_on).where(
    m.Proposal.id.in_(_IDS)
)


def _proposals(session: Session, ids: list[int]) -> dict[int, _Found]:
    return {
        proposal_id: _Found(title, received_on, proposal_id=proposal_id)
        for proposal_id, title, received_on in session.execute(_PROPOSALS, {"ids": ids})
    }


_ISSUES = select(m.Issue.id, m.Issue.title, m.Issue.raised_on).where(m.Issue.id.in_(_IDS))


def _issues(session: Session, ids: list[int]) -> dict[int, _Found]:
    return {
        issue_id: _Found(title, raised_on, issue_id=issue_id)
        for issue_id, title, raised_on in session.execute(_ISSUES, {"ids": ids})
    }


_STEPS = (
    select(m.IssueStep.id, m.IssueStep.date, m.Issue.id, m.Issue.title)
    .join(m.Issue, m.IssueStep.issue_id == m.Issue.id)
    .where(m.IssueStep.id.in_(_IDS))
)


def _issue_steps(session: Session, ids: list[int]) -> dict[int, _Found]:
    """A step leads to its issue, on the step's own date."""
    return {
        record_id: _Found(title, day, issue_id=issue_id)
        for record_id, day, issue_id, title in session.execute(_STEPS, {"ids": ids})
    }


_LOOKUPS: dict[Kind, _Lookup] = {
    Kind.AGENDA_ITEM: _agenda_items,
    Kind.DECISION: _outcomes(m.Decision),
    Kind.ACTION: _outcomes(m.Action),
    Kind.IDEA: _outcomes(m.Idea),
    Kind.ERRATUM: _errata,
    Kind.AGENDA_REQUEST: _agenda_requests,
    Kind.CONTRACT_POINT: _contract_points,
    Kind.POINT_HISTORY: _point_history,
    Kind.PROPOSAL: _proposals,
    Kind.ISSUE: _issues,
    Kind.ISSUE_STEP: _issue_steps,
}


def _make(kind: Kind, row: _Row, found: _Found) -> Hit:
    return Hit(
        kind=kind,
        record_id=row.record_id,
        title=found.title,
        snippet=row.snippet,
        day=found.day,
        neighbourhood_id=row.neighbourhood_id,
        meeting_id=found.meeting_id,
        item_id=found.item_id,
        point_id=found.point_id,
        proposal_id=found.proposal_id,
        issue_id=found.issue_id,
        decisions=found.decisions,
    )
