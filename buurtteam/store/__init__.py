"""Persistence: the engine, the SQLAlchemy models, Alembic migrations and the exchange format."""
