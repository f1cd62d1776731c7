"""The window asks a server's password in a dialog and keeps it only where the person says."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from buurtteam.store import server
from buurtteam.ui import app
from buurtteam.ui import password as password_dialog
from buurtteam.ui.password import Answer, PasswordDialog
from tests.store.test_server_password import (  # noqa: F401 - fixtures
    PASSWORD,
    MemoryKeyring,
    login_url,
    memory_keyring,
    needs_server,
)


def test_the_password_is_typed_unseen(qtbot: Any) -> None:
    dialog = PasswordDialog(
        "De server db:5432 vraagt het wachtwoord van anna.",
        "postgresql://anna@db/b",
        can_remember=True,
    )
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.field, "geheim <&>")
    dialog.remember.setChecked(True)
    assert dialog.field.echoMode() is QLineEdit.EchoMode.Password
    assert dialog.answer() == Answer("geheim <&>", remember=True)
    assert "anna" in dialog.reason.text()


def test_without_a_keyring_remembering_cannot_be_chosen(qtbot: Any) -> None:
    dialog = PasswordDialog("?", "postgresql://anna@db/b", can_remember=False)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "sleutelbos" in dialog.remember.toolTip()


@needs_server
def test_the_window_opens_the_server_with_the_typed_password_and_keeps_it(
    login_url: str,  # noqa: F811 - the fixture
    memory_keyring: MemoryKeyring,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def typed(_parent: Any, reason: str, shown: str, *, can_remember: bool) -> Answer:
        asked.append(reason)
        assert can_remember
        # The first time wrong: the dialog comes back saying so.
        return Answer("fout" if len(asked) == 1 else PASSWORD, remember=True)

    monkeypatch.setattr(password_dialog, "ask_password", typed)
    db = app._open_with_password(login_url, smoke=False)
    assert db is not None
    db.close()
    assert "vraagt het wachtwoord" in asked[0]
    assert "niet geaccepteerd" in asked[1]
    assert server.stored_password(login_url) == PASSWORD
    # The next start asks nothing.
    monkeypatch.setattr(password_dialog, "ask_password", None)
    again = app._open_with_password(login_url, smoke=False)
    assert again is not None
    again.close()


@needs_server
def test_cancelling_the_password_opens_nothing(
    login_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(password_dialog, "ask_password", lambda *_a, **_k: None)
    assert app._open_with_password(login_url, smoke=False) is None
