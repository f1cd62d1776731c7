"""Every user text, filled with markup, prints literally in every printed document.

reportlab reads `<`, `&` and `>` as markup: unescaped, `<b>` prints bold, `<b>half` breaks
the build and `<img src=...>` opens a local file. Each document is printed through the
command line from a neighbourhood whose every typed text carries markup.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import run
from tests.conftest import EXAMPLE

MARKUP = " <b>vet & <para>los</para> &amp; <img src='/etc/hosts'/>"
TYPED = {
    "name",
    "title",
    "description",
    "notes",
    "text",
    "reason",
    "location",
    "signed_by",
    "note",
    "theme",
    "reference",
    "to",
    "municipality",
    "organisation",
}


def poison(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key) for v in node]
    if isinstance(node, str) and key in TYPED:
        return node + MARKUP
    return node


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("markup")
    data = poison(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    source = folder / "opmaak.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = str(folder / "opmaak.sqlite")
    result = run("--db", db, "import", str(source))
    assert result.returncode == 0, result.stderr
    name = data["neighbourhoods"][0]["name"]
    assert run("--db", db, "agenda", "compose", "--meeting", "m-2027-03").returncode == 0
    return db + "\n" + name


DOCUMENTS = [
    ("agenda", ["print", "agenda", "--meeting", "m-2027-03"]),
    ("minutes", ["print", "minutes", "--meeting", "m-2027-02"]),
    ("budget", ["print", "budget", "--year", "2027", "--neighbourhood", "{hood}"]),
    ("contract", ["print", "contract", "--neighbourhood", "{hood}"]),
    ("person", ["person", "export", "--person", "p-fatma"]),
]


@pytest.mark.parametrize(("document", "command"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_markup_prints_as_typed(
    database: str, tmp_path: Path, document: str, command: list[str]
) -> None:
    db, hood = database.split("\n")
    pdf = tmp_path / f"{document}.pdf"
    args = [arg.format(hood=hood) for arg in command]
    result = run("--db", db, *args, "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "<b>vet &" in flat
    assert "<para>los</para>" in flat
    assert "&amp;" in flat
    assert "<img src='/etc/hosts'/>" in flat
