"""A database server's password: asked for, kept only in the system keyring, never in a file.

The tests that log in need BUURTTEAM_TEST_PG (a server whose role may create roles and
databases) and a pg_hba.conf line that makes the server ask the role `buurtteam_wachtwoord`
for its password; `.ci/run` sets both up.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from buurtteam.store import server
from buurtteam.store.db import open_database
from buurtteam.store.server import PasswordNeeded

SERVER = os.environ.get("BUURTTEAM_TEST_PG")
ROLE = "buurtteam_wachtwoord"
PASSWORD = "geheim-Ω <&=>"
needs_server = pytest.mark.skipif(
    not SERVER, reason="no PostgreSQL server given (BUURTTEAM_TEST_PG)"
)


class MemoryKeyring(KeyringBackend):
    """A keyring in memory: stands in for the operating system's (none runs in CI)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)


@pytest.fixture
def login_url() -> Iterator[str]:
    """A database of its own, owned by a role the server asks a password of; no password
    in the URL."""
    assert SERVER is not None
    name = f"bt_pw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text(
                "DO $$ BEGIN CREATE ROLE buurtteam_wachtwoord LOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
        )
        connection.execute(text(f"ALTER ROLE {ROLE} PASSWORD '{PASSWORD}'"))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER {ROLE}'))
    url = make_url(SERVER).set(username=ROLE, password=None, database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _asks_for_password(url: str) -> None:
    """Fail with the set-up to fix when the server lets the role in without a password."""
    try:
        open_database(url).close()
    except PasswordNeeded:
        return
    pytest.fail(
        f"the server let {ROLE} in without a password: add the line "
        f"'host all {ROLE} 127.0.0.1/32 scram-sha-256' at the top of pg_hba.conf "
        "(.ci/run does)"
    )


# -- without a server ---------------------------------------------------------------------


def test_the_keyring_names_the_login_never_the_password() -> None:
    url = "postgresql+psycopg://anna:geheim@db.gemeente.nl:5433/buurten"
    assert server.account(url) == "anna@db.gemeente.nl:5433/buurten"
    assert "geheim" not in server.without_password(url)
    assert "anna" in server.without_password(url)


@pytest.mark.parametrize(
    ("driver_says", "given", "words"),
    [
        ('FATAL:  password authentication failed for user "anna"', True, "niet geaccepteerd"),
        ("fe_sendauth: no password supplied", False, "vraagt het wachtwoord van anna"),
    ],
)
def test_a_password_refusal_reads_as_one(driver_says: str, given: bool, words: str) -> None:
    error = server.server_error(
        Exception(driver_says), "postgresql+psycopg://anna@db:5432/b", password_given=given
    )
    assert isinstance(error, PasswordNeeded)
    assert error.refused is given
    assert words in error.text()


@pytest.mark.parametrize(
    ("driver_says", "words"),
    [
        (
            'connection failed: connection to server at "10.0.0.9", port 5432 failed: '
            "Connection refused",
            "niet bereikbaar",
        ),
        ('FATAL:  database "wijken" does not exist', "bestaat niet op de server"),
    ],
)
def test_an_unreachable_or_missing_server_says_what_to_do(driver_says: str, words: str) -> None:
    error = server.server_error(
        Exception(driver_says), "postgresql+psycopg://anna@10.0.0.9/wijken", password_given=False
    )
    assert not isinstance(error, PasswordNeeded)
    assert words in error.text()
    assert "ICT-afdeling" in error.text()


def test_a_closed_port_is_reported_in_dutch_not_as_a_damaged_file() -> None:
    with pytest.raises(server.StoreError) as caught:
        open_database("postgresql+psycopg://anna@127.0.0.1:9/wijken")
    assert "niet bereikbaar" in caught.value.text()
    assert "beschadigd" not in caught.value.text()


def test_without_a_keyring_nothing_is_kept_and_nothing_breaks() -> None:
    url = "postgresql+psycopg://anna@db/b"
    # CI has no keyring service; these must answer, not raise.
    if not server.keyring_available():
        assert server.store_password(url, "x") is False
        assert server.stored_password(url) is None
    server.forget_password(url)


# -- on a real server ---------------------------------------------------------------------


@needs_server
def test_the_server_is_given_the_password_typed(login_url: str) -> None:
    _asks_for_password(login_url)
    with pytest.raises(PasswordNeeded) as wrong:
        open_database(login_url, password="fout")
    assert wrong.value.refused
    assert "niet geaccepteerd" in wrong.value.text()
    db = open_database(login_url, password=PASSWORD)
    try:
        assert PASSWORD not in db.url  # shown in the status bar and in messages
    finally:
        db.close()


@needs_server
def test_a_password_kept_in_the_keyring_opens_without_asking(
    login_url: str, memory_keyring: MemoryKeyring
) -> None:
    _asks_for_password(login_url)
    assert server.keyring_available()
    assert server.store_password(login_url, PASSWORD)
    open_database(login_url).close()
    assert list(memory_keyring.kept) == [("buurtteam", server.account(login_url))]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "buurtteam", *args]


@needs_server
def test_a_script_is_told_where_a_password_can_live(login_url: str, tmp_path: Path) -> None:
    _asks_for_password(login_url)
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    env.pop("PGPASSWORD", None)
    result = subprocess.run(
        _cli("--db", login_url, "check"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "vraagt het wachtwoord" in result.stderr
    assert "sleutelbos" in result.stderr
    assert "Traceback" not in result.stderr


@needs_server
def test_the_command_line_asks_at_a_terminal_without_echoing(
    login_url: str, tmp_path: Path
) -> None:
    _asks_for_password(login_url)
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    env.pop("PGPASSWORD", None)
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command, with the pseudo-terminal as its terminal
        os.execve(sys.executable, _cli("--db", login_url, "check"), env)
    seen = b""
    while b"Wachtwoord:" not in seen:
        seen += os.read(terminal, 1024)
    os.write(terminal, PASSWORD.encode() + b"\n")
    while True:
        try:
            chunk = os.read(terminal, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    _pid, status = os.waitpid(pid, 0)
    output = seen.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert "Alles in orde" in output
    assert PASSWORD not in output  # typed, never shown
