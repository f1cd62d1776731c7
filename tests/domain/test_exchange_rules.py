import copy
import json

from buurtteam.domain.exchange_rules import check_document
from tests.conftest import EXAMPLE


def test_the_example_keeps_every_rule() -> None:
    assert check_document(json.loads(EXAMPLE.read_text(encoding="utf-8"))) == []


def test_all_violations_are_reported_in_document_order() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    hood = broken["neighbourhoods"][0]
    hood["people"][0]["party"] = "nobody"
    hood["proposals"][2]["payments"] = [{"paid_on": "2027-03-01", "amount": "1.00"}]
    paths = [error.path for error in check_document(broken)]
    assert paths == ["neighbourhoods[0].people[0].party", "neighbourhoods[0].proposals[2].payments"]
