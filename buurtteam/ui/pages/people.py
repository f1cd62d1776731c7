"""Mensen en partijen: who is in the team, and a resident's privacy requests.

Contact details are shown only when asked for (a checkbox), so a screen shared at a
meeting does not show everyone's phone number. A person's data can be exported (PDF or
JSON) or erased on request: their name is replaced by their role everywhere.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.i18n.labels import party_kind_label, roles_label
from buurtteam.ops.browse import PartyRow, PersonRow, people_and_parties
from buurtteam.ops.exchange import write_json
from buurtteam.ops.privacy import erase_person, person_data
from buurtteam.reports.person_report import print_person
from buurtteam.store.db import Database
from buurtteam.ui import dialogs
from buurtteam.ui.pages import Page, heading
from buurtteam.ui.table import Column, TableSection

NOTHING = "—"
CONTACT_COLUMNS = (3, 4)


class PeoplePage(Page):
    """The team's people and the parties that carry out the contract."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._neighbourhood_id = 0
        self._today = date.today()
        people_columns: list[Column[PersonRow]] = [
            Column(_("Name"), lambda p: p.name, stretch=True),
            Column(_("Roles"), lambda p: roles_label(p.roles)),
            Column(_("Party"), lambda p: p.party or NOTHING),
            Column(_("E-mail"), lambda p: p.email or NOTHING),
            Column(_("Phone"), lambda p: p.phone or NOTHING),
        ]
        party_columns: list[Column[PartyRow]] = [
            Column(_("Name"), lambda p: p.name, stretch=True),
            Column(_("Kind"), lambda p: party_kind_label(p.kind)),
        ]
        self.people: TableSection[PersonRow] = TableSection(
            people_columns, name=_("People"), empty_text=_("No people have been recorded yet.")
        )
        self.parties: TableSection[PartyRow] = TableSection(
            party_columns, name=_("Parties"), empty_text=_("No parties have been recorded yet.")
        )
        self.show_contact = QCheckBox(_("Show &contact details"))
        self.show_contact.setAccessibleName(_("Show contact details"))
        self.show_contact.toggled.connect(self._on_show_contact_toggled)
        self.export_button = QPushButton(_("E&xport this person's data..."))
        self.export_button.setAccessibleName(_("Export everything stored about this person"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.erase_button = QPushButton(_("E&rase on request..."))
        self.erase_button.setAccessibleName(_("Erase this person on their request"))
        self.erase_button.clicked.connect(self._on_erase_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_contact)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("People and parties")))
        layout.addWidget(self.people, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.parties, 2)
        self._on_show_contact_toggled(False)

    def load(self, db: Database, neighbourhood_id: int, today: date) -> None:
        self._db = db
        self._neighbourhood_id = neighbourhood_id
        self._today = today
        found = people_and_parties(db, neighbourhood_id)
        self.people.set_rows(found.people)
        self.parties.set_rows(found.parties)

    def _chosen(self) -> PersonRow | None:
        index = self.people.view.currentIndex()
        if not index.isValid() or index.row() >= self.people.model.rowCount():
            dialogs.show_information(self, _("Choose a person in the list first."))
            return None
        return self.people.model.row(index.row())

    def _on_show_contact_toggled(self, shown: bool) -> None:
        for column in CONTACT_COLUMNS:
            self.people.view.setColumnHidden(column, not shown)

    def _on_export_button_clicked(self) -> None:
        person = self._chosen()
        if person is None or self._db is None:
            return
        suggested = Path.home() / f"gegevens-{person.name}.pdf"
        target = dialogs.ask_save_file(
            self,
            _("Export this person's data"),
            suggested,
            _("PDF for the person (*.pdf);;JSON for another system (*.json)"),
        )
        if target is None:
            return
        try:
            data = person_data(self._db, person.id)
            if target.suffix.lower() == ".json":
                write_json(data, target)
            else:
                print_person(data, target.with_suffix(".pdf"), self._today)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        dialogs.show_information(
            self,
            _("Everything stored about {name} is in {file}.").format(
                name=person.name, file=str(target)
            ),
        )

    def _on_erase_button_clicked(self) -> None:
        person = self._chosen()
        if person is None or self._db is None:
            return
        question = _(
            "Erase {name} on their request?\n\nTheir name is replaced by their role everywhere, "
            "also in approved minutes (recorded as an anonymisation), and their e-mail address "
            "and phone number are removed. This cannot be undone. Backups made before today "
            "still hold the old data until they rotate out."
        ).format(name=person.name)
        if not dialogs.ConfirmDialog.ask(self, question):
            return
        try:
            report = erase_person(self._db, person.id, self._today)
        except BuurtteamError as error:
            dialogs.show_error(self, error)
            return
        dialogs.show_information(
            self,
            _(
                "Erased: the name is replaced by {label!r} in {count} text(s) and the contact "
                "details are gone; the person is now {id}. Backups made before today still hold "
                "the old data until they rotate out (at most a year)."
            ).format(label=report.replaced_by, count=report.texts_changed, id=report.person_id),
        )
        self.load(self._db, self._neighbourhood_id, self._today)
