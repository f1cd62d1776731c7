"""Words for the closed vocabularies of `buurtteam.domain.vocab`, as screens and paper show them.

The message ids are English labels (what an English user sees); the Dutch words live in
`resources/locale/nl/LC_MESSAGES/ui.po`. Each table is keyed by the enum, so a value added
to a vocabulary without a label fails loudly (KeyError) instead of showing a raw code.
The ids are marked with `N_` and translated when a label is asked for, so switching the
language never leaves stale words behind.
"""

from __future__ import annotations

from buurtteam.domain.vocab import (
    AttendanceStatus,
    IssueStatus,
    MeetingStatus,
    PartyKind,
    PointStatus,
    ProposalStatus,
    Purpose,
    RequestState,
    Role,
    Section,
    Source,
    StepKind,
)
from buurtteam.errors import N_
from buurtteam.i18n import _

_POINT_STATUS = {
    PointStatus.OPEN: N_("open"),
    PointStatus.IN_PROGRESS: N_("in progress"),
    PointStatus.DONE: N_("done"),
    PointStatus.DELAYED: N_("delayed"),
    PointStatus.NOT_KEPT: N_("not kept"),
    PointStatus.DROPPED: N_("dropped"),
}

_PROPOSAL_STATUS = {
    ProposalStatus.SUBMITTED: N_("submitted"),
    ProposalStatus.GRANTED: N_("granted"),
    ProposalStatus.REJECTED: N_("rejected"),
    ProposalStatus.DEFERRED: N_("on hold"),
    ProposalStatus.WITHDRAWN: N_("withdrawn"),
}

_SOURCE = {
    Source.RESIDENT: N_("resident"),
    Source.COMMUNITY_WORKER: N_("community worker"),
    Source.TEAM: N_("project team"),
    Source.MUNICIPALITY: N_("municipality"),
    Source.PARTNER: N_("partner"),
}

_PARTY_KIND = {
    PartyKind.MUNICIPALITY: N_("municipality"),
    PartyKind.POLICE: N_("police"),
    PartyKind.HOUSING_CORPORATION: N_("housing corporation"),
    PartyKind.WELFARE: N_("welfare organisation"),
    PartyKind.RESIDENTS: N_("residents/project team"),
    PartyKind.COUNCIL: N_("municipal council"),
    PartyKind.OTHER: N_("other"),
}

_ROLE = {
    Role.CHAIR: N_("chair"),
    Role.COMMUNITY_WORKER: N_("community worker"),
    Role.SECRETARY: N_("secretary"),
    Role.RESIDENT: N_("resident"),
    Role.PARTNER: N_("partner"),
}

_MEETING_STATUS = {
    MeetingStatus.PLANNED: N_("planned"),
    MeetingStatus.HELD: N_("held"),
    MeetingStatus.MINUTES_APPROVED: N_("minutes approved"),
}

_ATTENDANCE = {
    AttendanceStatus.PRESENT: N_("present"),
    AttendanceStatus.ABSENT_WITH_NOTICE: N_("absent with notice"),
    AttendanceStatus.ABSENT: N_("absent"),
}

_PURPOSE = {
    Purpose.DISCUSSION: N_("for discussion"),
    Purpose.DECISION: N_("for decision"),
    Purpose.INFORMATION: N_("for information"),
}

_ISSUE_STATUS = {
    IssueStatus.OPEN: N_("open"),
    IssueStatus.RESOLVED: N_("resolved"),
    IssueStatus.CLOSED_UNRESOLVED: N_("closed without a solution"),
}

_STEP_KIND = {
    StepKind.LETTER_SENT: N_("letter sent"),
    StepKind.REPLY_RECEIVED: N_("reply received"),
    StepKind.REMINDER: N_("reminder"),
    StepKind.MEETING: N_("discussed in a meeting"),
    StepKind.NOTE: N_("note"),
}

_REQUEST_STATE = {
    RequestState.PENDING: N_("waiting for a place"),
    RequestState.PLACED: N_("on the agenda"),
    RequestState.DEFERRED: N_("moved to a later meeting"),
    RequestState.DECLINED: N_("not taken up"),
}

_SECTION = {
    Section.OPENING: N_("opening"),
    Section.ANNOUNCEMENTS: N_("announcements"),
    Section.PREVIOUS_MINUTES: N_("minutes of the previous meeting"),
    Section.TOPICS: N_("topics from residents"),
    Section.CONTRACT: N_("progress of the neighbourhood contract"),
    Section.BUDGET: N_("neighbourhood budget"),
    Section.REQUESTS: N_("requests from the municipality and partners"),
    Section.ANY_OTHER_BUSINESS: N_("any other business"),
    Section.CLOSING: N_("closing"),
}


def point_status_label(status: PointStatus) -> str:
    return _(_POINT_STATUS[status])


def proposal_status_label(status: ProposalStatus) -> str:
    return _(_PROPOSAL_STATUS[status])


def source_label(source: Source) -> str:
    return _(_SOURCE[source])


def party_kind_label(kind: PartyKind) -> str:
    return _(_PARTY_KIND[kind])


def role_label(role: Role) -> str:
    return _(_ROLE[role])


def roles_label(roles: tuple[Role, ...]) -> str:
    """Several roles in the order given: `bewoner, secretaris`."""
    return ", ".join(role_label(role) for role in roles)


def meeting_status_label(status: MeetingStatus) -> str:
    return _(_MEETING_STATUS[status])


def attendance_label(status: AttendanceStatus) -> str:
    return _(_ATTENDANCE[status])


def purpose_label(purpose: Purpose) -> str:
    return _(_PURPOSE[purpose])


def issue_status_label(status: IssueStatus) -> str:
    return _(_ISSUE_STATUS[status])


def step_kind_label(kind: StepKind) -> str:
    return _(_STEP_KIND[kind])


def request_state_label(state: RequestState) -> str:
    return _(_REQUEST_STATE[state])


def section_label(section: Section) -> str:
    return _(_SECTION[section])
