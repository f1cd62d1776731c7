"""Safe concurrent editing: a version, who saved last and when, on every record people edit.

Two people editing the same record on different laptops (one PostgreSQL server, or two
windows on one file): each ORM UPDATE checks and raises `version`, so the one who saves
second is refused instead of overwriting, and is told by `changed_by` at `changed_at`.
Existing rows start at version 1 with nobody named. Not part of the exchange format.

On SQLite the columns are added and dropped in place (ALTER TABLE ADD/DROP COLUMN),
never with batch mode's table copy: with foreign keys on, dropping the old table would
cascade-delete its children and trip the append-only and frozen-minutes triggers.

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EDITED = (
    "party",
    "person",
    "contract",
    "contract_point",
    "meeting",
    "agenda_item",
    "decision",
    "action",
    "proposal",
    "issue",
)
COLUMNS = ("changed_at", "changed_by", "version")


def upgrade() -> None:
    for table in EDITED:
        op.add_column(
            table, sa.Column("version", sa.Integer(), server_default="1", nullable=False)
        )
        op.add_column(table, sa.Column("changed_by", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in reversed(EDITED):
        for column in COLUMNS:
            if sqlite:  # SQLite 3.35+ drops a plain column in place
                op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
            else:
                op.drop_column(table, column)
