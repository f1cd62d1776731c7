"""The closed vocabularies of the exchange format, as string enums.

Their values are the exchange format's words; Dutch labels live in `buurtteam.i18n.labels`.
Order matters where the agenda or a report lists them.
"""

from __future__ import annotations

from enum import StrEnum


class PartyKind(StrEnum):
    MUNICIPALITY = "municipality"
    POLICE = "police"
    HOUSING_CORPORATION = "housing_corporation"
    WELFARE = "welfare"
    RESIDENTS = "residents"
    COUNCIL = "council"
    OTHER = "other"


class Role(StrEnum):
    CHAIR = "chair"
    COMMUNITY_WORKER = "community_worker"
    SECRETARY = "secretary"
    RESIDENT = "resident"
    PARTNER = "partner"


class PointStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    NOT_KEPT = "not_kept"
    DROPPED = "dropped"

    @property
    def is_finished(self) -> bool:
        """Done or dropped: nothing more is expected of the party."""
        return self in (PointStatus.DONE, PointStatus.DROPPED)


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    MINUTES_APPROVED = "minutes_approved"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT_WITH_NOTICE = "absent_with_notice"
    ABSENT = "absent"


class Source(StrEnum):
    RESIDENT = "resident"
    COMMUNITY_WORKER = "community_worker"
    TEAM = "team"
    MUNICIPALITY = "municipality"
    PARTNER = "partner"

    @property
    def is_residents_side(self) -> bool:
        """Residents, their community worker and the team set their own agenda."""
        return self in (Source.RESIDENT, Source.COMMUNITY_WORKER, Source.TEAM)


class RequestState(StrEnum):
    PENDING = "pending"
    PLACED = "placed"
    DEFERRED = "deferred"
    DECLINED = "declined"


class Section(StrEnum):
    """Agenda sections in the order a composed agenda uses them."""

    OPENING = "opening"
    ANNOUNCEMENTS = "announcements"
    PREVIOUS_MINUTES = "previous_minutes"
    TOPICS = "topics"
    CONTRACT = "contract"
    BUDGET = "budget"
    REQUESTS = "requests"
    ANY_OTHER_BUSINESS = "any_other_business"
    CLOSING = "closing"


SECTION_ORDER: tuple[Section, ...] = tuple(Section)


class Purpose(StrEnum):
    DISCUSSION = "discussion"
    DECISION = "decision"
    INFORMATION = "information"


class ProposalStatus(StrEnum):
    SUBMITTED = "submitted"
    GRANTED = "granted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"

    @property
    def awaits_decision(self) -> bool:
        return self in (ProposalStatus.SUBMITTED, ProposalStatus.DEFERRED)


class IssueStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED_UNRESOLVED = "closed_unresolved"


class StepKind(StrEnum):
    LETTER_SENT = "letter_sent"
    REPLY_RECEIVED = "reply_received"
    REMINDER = "reminder"
    MEETING = "meeting"
    NOTE = "note"


DEFAULT_QUORUM = 3
DEFAULT_MEETING_INTERVAL_WEEKS = 6
DEFAULT_REPLY_WEEKS = 6
