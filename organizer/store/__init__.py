"""Persistence: SQLAlchemy models, the engine with its pragmas, Alembic migrations, unit of work."""

from organizer.store.database import Database, open_database, sqlite_url

__all__ = ["Database", "open_database", "sqlite_url"]
