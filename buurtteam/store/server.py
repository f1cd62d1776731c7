"""A database server (PostgreSQL): its password, and what to say when it cannot be reached.

The password is never written to a file of ours. It comes, in this order, from the URL
itself (typed by the person, kept only in memory), from the system keyring (Windows
Credential Manager, the macOS Keychain, the Secret Service on Linux) when the person chose
to keep it there, or from the server's own client set-up (PGPASSWORD, a pg_service or
.pgpass file the IT department manages). When the server asks for a password that none of
these has, opening raises `PasswordNeeded`, and the window or the command line asks the
person for it.
"""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from buurtteam.errors import N_, StoreError

KEYRING_SERVICE = "buurtteam"


class PasswordNeeded(StoreError):
    """The server wants a password we do not have, or refused the one given."""

    def __init__(self, message: str, /, *, refused: bool, **params: Any) -> None:
        super().__init__(message, **params)
        self.refused = refused  # a password was given and was wrong


def account(url: str) -> str:
    """The keyring's name for a server login: user, server and database, never the password."""
    parts = make_url(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.username or ''}@{parts.host or 'localhost'}{port}/{parts.database or ''}"


def without_password(url: str) -> str:
    """The URL to show or to keep: any password in it replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)


def stored_password(url: str) -> str | None:
    """The password kept in the system keyring for this login, if there is one."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        password: str | None = keyring.get_password(KEYRING_SERVICE, account(url))
    except _keyring_errors():  # no keyring service (a bare server, CI): nothing kept
        return None
    return password


def store_password(url: str, password: str) -> bool:
    """Keep the password in the system keyring; False when this system has none."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, account(url), password)
    except _keyring_errors():  # a locked or absent keyring: the caller tells the person
        return False
    return True


def forget_password(url: str) -> None:
    """Remove a kept password (it was refused, or the person no longer wants it kept)."""
    keyring = _keyring()
    if keyring is None:
        return
    with contextlib.suppress(*_keyring_errors()):  # nothing kept: nothing to remove
        keyring.delete_password(KEYRING_SERVICE, account(url))


def keyring_available() -> bool:
    """Whether this system has a keyring a password can be kept in."""
    keyring = _keyring()
    if keyring is None:
        return False
    from keyring.backends.fail import Keyring as NoKeyring

    return not isinstance(keyring.get_keyring(), NoKeyring)


def _keyring() -> Any:
    """The keyring library, imported when a server is used (it is slow to load)."""
    try:
        import keyring
    except ImportError:  # installed without the postgresql extra
        return None
    return keyring


def _keyring_errors() -> tuple[type[Exception], ...]:
    from keyring.errors import KeyringError

    # Backends also let the errors of their system services through (D-Bus, Keychain).
    return (KeyringError, OSError, RuntimeError)


def server_connect_args(url: str, password: str | None) -> dict[str, Any]:
    """The driver's arguments for the server at `url`: the password, from the person or the
    keyring, goes to the driver and never into the URL (which is shown and logged)."""
    if make_url(url).password:
        return {}  # typed into the URL by the person; the driver takes it from there
    given = password or stored_password(url)
    return {"password": given} if given else {}


def server_engine(url: str, password: str | None) -> tuple[Engine, bool]:
    """An engine for the server, and whether a password was given to it."""
    arguments = server_connect_args(url, password)
    # A laptop that slept drops its connections; pre-ping finds that before a query does.
    engine = create_engine(url, connect_args=arguments, pool_pre_ping=True)
    return engine, bool(arguments) or bool(make_url(url).password)


_PASSWORD_WORDS = ("no password supplied", "password authentication failed")
_UNREACHABLE_WORDS = (
    "could not connect",
    "connection refused",
    "could not translate host name",
    "name or service not known",
    "timeout expired",
    "connection timed out",
    "server closed the connection",
    "no route to host",
)


def server_error(error: Exception, url: str, *, password_given: bool) -> StoreError:
    """What a person can act on, for a server that would not open."""
    message = str(getattr(error, "orig", error))
    lowered = message.lower()
    parts = make_url(url)
    server = f"{parts.host or 'localhost'}{f':{parts.port}' if parts.port else ''}"
    user = parts.username or ""
    if any(word in lowered for word in _PASSWORD_WORDS):
        if password_given:
            return PasswordNeeded(
                N_(
                    "The server {server} did not accept the password for {user}. Type it "
                    "again, or ask your IT department to reset it."
                ),
                refused=True,
                server=server,
                user=user,
            )
        return PasswordNeeded(
            N_("The server {server} asks for the password of {user}."),
            refused=False,
            server=server,
            user=user,
        )
    if any(word in lowered for word in _UNREACHABLE_WORDS):
        return StoreError(
            N_(
                "The database server {server} cannot be reached. Check the network "
                "connection and the address, or ask your IT department whether the server "
                "is running. Details: {detail}"
            ),
            server=server,
            detail=message.strip().splitlines()[0] if message.strip() else "",
        )
    if "does not exist" in lowered and "database" in lowered:
        return StoreError(
            N_(
                "The database {database} does not exist on the server {server}. Check its "
                "name, or ask your IT department to create it (see the README)."
            ),
            database=parts.database or "",
            server=server,
        )
    return StoreError(
        N_("The database server {server} refused: {detail}"),
        server=server,
        detail=message.strip(),
    )
