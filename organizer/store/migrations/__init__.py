"""Alembic migrations (``versions/``), and the revisions this code knows without loading Alembic.

``open_database`` compares the database's stored revision with ``HEAD_REVISION`` and imports Alembic
only when they differ, so a command on an up-to-date database starts faster. A new migration must be
appended to ``KNOWN_REVISIONS``: ``tests/store/test_database.py`` checks both against the script
directory and fails until they agree.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
"""Every revision in ``versions/``, oldest first."""
HEAD_REVISION: str = KNOWN_REVISIONS[-1]
"""The newest revision: a database at this revision needs no migration."""
