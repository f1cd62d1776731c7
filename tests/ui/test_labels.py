"""Every value of every vocabulary has a Dutch label, and the words are the ones teams use."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import pytest

from buurtteam import i18n
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
from buurtteam.i18n import labels

DUTCH: list[tuple[Callable[..., str], type[StrEnum], list[str]]] = [
    (
        labels.point_status_label,
        PointStatus,
        ["open", "in uitvoering", "gereed", "vertraagd", "niet nagekomen", "vervallen"],
    ),
    (
        labels.proposal_status_label,
        ProposalStatus,
        ["ingediend", "toegekend", "afgewezen", "aangehouden", "ingetrokken"],
    ),
    (
        labels.source_label,
        Source,
        ["bewoner", "opbouwwerker", "projectteam", "gemeente", "partner"],
    ),
    (
        labels.party_kind_label,
        PartyKind,
        [
            "gemeente",
            "politie",
            "woningcorporatie",
            "welzijnsorganisatie",
            "bewoners/projectteam",
            "gemeenteraad",
            "overig",
        ],
    ),
    (labels.role_label, Role, ["voorzitter", "opbouwwerker", "secretaris", "bewoner", "partner"]),
    (labels.meeting_status_label, MeetingStatus, ["gepland", "gehouden", "verslag vastgesteld"]),
    (labels.attendance_label, AttendanceStatus, ["aanwezig", "afwezig met bericht", "afwezig"]),
    (labels.purpose_label, Purpose, ["bespreken", "besluiten", "ter informatie"]),
    (labels.issue_status_label, IssueStatus, ["open", "opgelost", "gesloten zonder oplossing"]),
    (
        labels.step_kind_label,
        StepKind,
        [
            "brief verstuurd",
            "antwoord ontvangen",
            "herinnering",
            "besproken in vergadering",
            "notitie",
        ],
    ),
    (
        labels.request_state_label,
        RequestState,
        ["wacht op een plek", "op de agenda", "naar een latere vergadering", "niet geagendeerd"],
    ),
    (
        labels.section_label,
        Section,
        [
            "opening",
            "mededelingen",
            "verslag vorige vergadering",
            "onderwerpen van bewoners",
            "voortgang buurtcontract",
            "buurtbudget",
            "verzoeken van gemeente en partners",
            "rondvraag",
            "sluiting",
        ],
    ),
]


@pytest.mark.parametrize(
    ("label", "vocabulary", "words"), DUTCH, ids=lambda v: getattr(v, "__name__", "")
)
def test_dutch_labels(
    label: Callable[..., str], vocabulary: type[StrEnum], words: list[str]
) -> None:
    assert [label(value) for value in vocabulary] == words


def test_english_labels_are_words_too() -> None:
    i18n.set_language("en")
    assert labels.point_status_label(PointStatus.NOT_KEPT) == "not kept"
    assert labels.party_kind_label(PartyKind.RESIDENTS) == "residents/project team"


def test_several_roles_in_the_order_given() -> None:
    assert labels.roles_label((Role.RESIDENT, Role.SECRETARY)) == "bewoner, secretaris"
