"""Schedules, carry-over, issue links, full-text search, frozen minutes, file lock.

- meeting: moved/cancelled with a reason; the fingerprint of approved minutes.
- meeting_break: periods a six-weekly series skips (summer, holidays).
- agenda_request.decline_reason; agenda_item.discussed and carried_from_id.
- issue_point: a buurtkwestie linked to contract points.
- search_index: FTS5 over everything the team wrote, kept current by triggers, folded
  for diacritics ("coordinator" finds "coördinator").
- Approved minutes are frozen by triggers: no code path can change them. A trusted
  operation (import, a recorded anonymisation) lifts the freeze inside its own
  transaction by holding a row in store_override.
- file_lock: who has the file open, stored in the file so it travels with it.
- anonymisation: the record of a person's erasure.

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (table, kind code, kind, neighbourhood expression over NEW/OLD, title, body)
_MEETING_OF_ITEM = "(SELECT m.neighbourhood_id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.id = {r}.agenda_item_id)"
SEARCHED = (
    ("agenda_item", 1, "agenda_item", "(SELECT neighbourhood_id FROM meeting WHERE id = {r}.meeting_id)",
     "{r}.title", "coalesce({r}.description, '') || ' ' || coalesce({r}.notes, '')"),
    ("decision", 2, "decision", _MEETING_OF_ITEM, "NULL", "{r}.text"),
    ("action", 3, "action", _MEETING_OF_ITEM, "NULL", "{r}.text"),
    ("idea", 4, "idea", _MEETING_OF_ITEM, "NULL", "{r}.text"),
    ("contract_point", 5, "contract_point", "(SELECT neighbourhood_id FROM contract WHERE id = {r}.contract_id)",
     "{r}.title", "coalesce({r}.description, '') || ' ' || coalesce({r}.theme, '')"),
    ("point_history", 6, "point_history",
     "(SELECT c.neighbourhood_id FROM contract_point p JOIN contract c ON c.id = p.contract_id WHERE p.id = {r}.point_id)",
     "NULL", "coalesce({r}.note, '')"),
    ("proposal", 7, "proposal", "{r}.neighbourhood_id", "{r}.title",
     "coalesce({r}.description, '') || ' ' || coalesce({r}.decision_reason, '') || ' ' || coalesce({r}.theme, '')"),
    ("issue", 8, "issue", "{r}.neighbourhood_id", "{r}.title", "coalesce({r}.description, '')"),
    ("issue_step", 9, "issue_step", "(SELECT neighbourhood_id FROM issue WHERE id = {r}.issue_id)",
     "NULL", "{r}.text || ' ' || coalesce({r}.\"to\", '')"),
    ("erratum", 10, "erratum", "(SELECT neighbourhood_id FROM meeting WHERE id = {r}.meeting_id)",
     "NULL", "{r}.text"),
    ("agenda_request", 11, "agenda_request", "(SELECT neighbourhood_id FROM meeting WHERE id = {r}.meeting_id)",
     "{r}.title", "coalesce({r}.description, '')"),
)
KIND_CODES = 16  # rowid = record id * 16 + kind code: one index lookup to replace an entry

NOT_OVERRIDDEN = "NOT EXISTS (SELECT 1 FROM store_override)"
FROZEN_MEETING = "(SELECT status FROM meeting WHERE id = {ref}) = 'minutes_approved'"
FROZEN_BY_ITEM = ("(SELECT m.status FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id "
                  "WHERE a.id = {ref}) = 'minutes_approved'")
# (table, how to find its meeting's status from a row r)
FROZEN_CHILDREN = (
    ("agenda_item", FROZEN_MEETING.format(ref="{r}.meeting_id")),
    ("attendance", FROZEN_MEETING.format(ref="{r}.meeting_id")),
    ("guest", FROZEN_MEETING.format(ref="{r}.meeting_id")),
    ("decision", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("idea", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("agenda_item_point", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("agenda_item_proposal", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("agenda_item_issue", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("action", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
)
FROZEN_MESSAGE = "'minutes are approved and frozen'"


def _search_triggers() -> list[str]:
    statements = []
    for table, code, kind, hood, title, body in SEARCHED:
        def row(r: str) -> str:
            return (f"INSERT INTO search_index(rowid, neighbourhood_id, kind, record_id, title, body) "
                    f"SELECT {r}.id * {KIND_CODES} + {code}, {hood.format(r=r)}, '{kind}', {r}.id, "
                    f"{title.format(r=r)}, {body.format(r=r)};")
        delete = f"DELETE FROM search_index WHERE rowid = old.id * {KIND_CODES} + {code};"
        statements += [
            f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {row('new')} END",
            f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN {delete} {row('new')} END",
        ]
    return statements


def _frozen_triggers() -> list[str]:
    statements = []
    for table, frozen in FROZEN_CHILDREN:
        raise_ = f"BEGIN SELECT RAISE(ABORT, {FROZEN_MESSAGE}); END"
        statements.append(f"CREATE TRIGGER frozen_{table}_insert BEFORE INSERT ON {table} "
                          f"WHEN {frozen.format(r='new')} AND {NOT_OVERRIDDEN} {raise_}")
        delete_when = frozen.format(r="old")
        statements.append(f"CREATE TRIGGER frozen_{table}_delete BEFORE DELETE ON {table} "
                          f"WHEN {delete_when} AND {NOT_OVERRIDDEN} {raise_}")
        if table == "action":
            # An action of approved minutes can still be marked done: the actielijst lives on.
            changed = ("new.text IS NOT old.text OR new.owner_id IS NOT old.owner_id OR "
                       "new.party_id IS NOT old.party_id OR new.due IS NOT old.due OR "
                       "new.agenda_item_id IS NOT old.agenda_item_id")
            statements.append(f"CREATE TRIGGER frozen_{table}_update BEFORE UPDATE ON {table} "
                              f"WHEN ({changed}) AND {frozen.format(r='old')} AND {NOT_OVERRIDDEN} "
                              f"{raise_}")
        else:
            statements.append(f"CREATE TRIGGER frozen_{table}_update BEFORE UPDATE ON {table} "
                              f"WHEN {frozen.format(r='old')} AND {NOT_OVERRIDDEN} {raise_}")
    # The meeting itself: once approved, only the fingerprint may change (an erratum
    # renews it); deleting it is refused unless its neighbourhood goes with it.
    columns = ("public_id", "starts_at", "ends_at", "location", "chair_id", "secretary_id",
               "status", "minutes_approved_at_id", "neighbourhood_id")
    changed = " OR ".join(f"new.{c} IS NOT old.{c}" for c in columns)
    statements.append(
        "CREATE TRIGGER frozen_meeting_update BEFORE UPDATE ON meeting "
        f"WHEN old.status = 'minutes_approved' AND ({changed}) AND {NOT_OVERRIDDEN} "
        f"BEGIN SELECT RAISE(ABORT, {FROZEN_MESSAGE}); END")
    statements.append(
        "CREATE TRIGGER frozen_meeting_delete BEFORE DELETE ON meeting "
        "WHEN old.status = 'minutes_approved' "
        "AND EXISTS (SELECT 1 FROM neighbourhood WHERE id = old.neighbourhood_id) "
        f"AND {NOT_OVERRIDDEN} BEGIN SELECT RAISE(ABORT, {FROZEN_MESSAGE}); END")
    return statements


# A recorded anonymisation may replace a name inside a history note (0001 refused any edit).
HISTORY_UPDATE_OVERRIDABLE = (
    "CREATE TRIGGER point_history_no_update BEFORE UPDATE ON point_history "
    f"WHEN {NOT_OVERRIDDEN} "
    "BEGIN SELECT RAISE(ABORT, 'point_history is append-only'); END"
)
HISTORY_UPDATE_0001 = (
    "CREATE TRIGGER point_history_no_update BEFORE UPDATE ON point_history "
    "BEGIN SELECT RAISE(ABORT, 'point_history is append-only'); END"
)


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("cancel_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("move_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("original_starts_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("minutes_fingerprint", sa.String(64), nullable=True))
    with op.batch_alter_table("agenda_request") as batch:
        batch.add_column(sa.Column("decline_reason", sa.Text(), nullable=True))
    op.add_column("agenda_item", sa.Column("discussed", sa.Boolean(), nullable=True))
    # Plain ALTER TABLE, never batch mode's table copy: with foreign keys on, dropping the
    # old agenda_item table would cascade-delete every decision and action.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE agenda_item ADD COLUMN carried_from_id INTEGER "
                   "REFERENCES agenda_item (id) ON DELETE SET NULL")
    else:
        op.add_column("agenda_item", sa.Column("carried_from_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_agenda_item_carried_from_id_agenda_item"), "agenda_item",
                              "agenda_item", ["carried_from_id"], ["id"], ondelete="SET NULL")
    op.create_index(op.f("ix_agenda_item_carried_from_id"), "agenda_item", ["carried_from_id"])
    op.create_table(
        "meeting_break",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighbourhood_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["neighbourhood_id"], ["neighbourhood.id"],
                                name=op.f("fk_meeting_break_neighbourhood_id_neighbourhood"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_break")),
    )
    op.create_index(op.f("ix_meeting_break_neighbourhood_id"), "meeting_break", ["neighbourhood_id"])
    op.create_table(
        "issue_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["issue_id"], ["issue.id"], name=op.f("fk_issue_point_issue_id_issue"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["point_id"], ["contract_point.id"],
                                name=op.f("fk_issue_point_point_id_contract_point"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_point")),
        sa.UniqueConstraint("issue_id", "point_id", name=op.f("uq_issue_point_issue_id")),
    )
    op.create_index(op.f("ix_issue_point_issue_id"), "issue_point", ["issue_id"])
    op.create_index(op.f("ix_issue_point_point_id"), "issue_point", ["point_id"])
    op.create_table(
        "store_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_override")),
    )
    op.create_table(
        "file_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("heartbeat", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_lock")),
    )
    op.create_table(
        "anonymisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighbourhood_id", sa.Integer(), nullable=False),
        sa.Column("person_public_id", sa.String(200), nullable=False),
        sa.Column("role_label", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["neighbourhood_id"], ["neighbourhood.id"],
                                name=op.f("fk_anonymisation_neighbourhood_id_neighbourhood"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisation")),
    )
    op.create_index(op.f("ix_anonymisation_neighbourhood_id"), "anonymisation", ["neighbourhood_id"])
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5(neighbourhood_id UNINDEXED, kind UNINDEXED, "
        "record_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in _search_triggers() + _frozen_triggers():
        op.execute(statement)
    op.execute("DROP TRIGGER point_history_no_update")
    op.execute(HISTORY_UPDATE_OVERRIDABLE)
    # Index what is already there.
    for table, code, kind, hood, title, body in SEARCHED:
        op.execute(
            f"INSERT INTO search_index(rowid, neighbourhood_id, kind, record_id, title, body) "
            f"SELECT r.id * {KIND_CODES} + {code}, {hood.format(r='r')}, '{kind}', r.id, "
            f"{title.format(r='r')}, {body.format(r='r')} FROM {table} AS r"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _search_triggers() + _frozen_triggers():
            name = statement.split()[2]
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_index")
        op.execute("DROP TRIGGER point_history_no_update")
        op.execute(HISTORY_UPDATE_0001)
    op.drop_index(op.f("ix_anonymisation_neighbourhood_id"), table_name="anonymisation")
    op.drop_table("anonymisation")
    op.drop_table("file_lock")
    op.drop_table("store_override")
    op.drop_index(op.f("ix_issue_point_point_id"), table_name="issue_point")
    op.drop_index(op.f("ix_issue_point_issue_id"), table_name="issue_point")
    op.drop_table("issue_point")
    op.drop_index(op.f("ix_meeting_break_neighbourhood_id"), table_name="meeting_break")
    op.drop_table("meeting_break")
    op.drop_index(op.f("ix_agenda_item_carried_from_id"), table_name="agenda_item")
    # SQLite 3.35+ drops a column in place; a column with a foreign key needs the copy, which
    # is safe here because nothing refers to carried_from_id.
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_column("carried_from_id")
        batch.drop_column("discussed")
    with op.batch_alter_table("agenda_request") as batch:
        batch.drop_column("decline_reason")
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("minutes_fingerprint")
        batch.drop_column("original_starts_at")
        batch.drop_column("move_reason")
        batch.drop_column("cancel_reason")
