"""Alembic environment: always run on the connection `store.migrate` hands in."""

from __future__ import annotations

from alembic import context

from buurtteam.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` on the command line gets here
    raise SystemExit("Run migrations through buurtteam.store.migrate, not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only change tables by copying them
    transactional_ddl=True,
)
# The caller owns the transaction (one for all steps); Alembic must not commit in between.
context.run_migrations()
