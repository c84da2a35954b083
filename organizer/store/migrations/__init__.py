"""Alembic migrations (``versions/``), and the revisions this code knows without loading Alembic.

``open_database`` compares the database's stored revision with ``HEAD_REVISION`` and imports Alembic
only when they differ, so a command on an up-to-date database starts faster.

``KNOWN_REVISIONS`` is read from the names of the files in ``versions/`` (``NNNN_what.py``, the revision
id first: a new migration needs no second edit here); ``tests/store/test_database.py`` checks it against
the revision ids inside the scripts. The bundles carry ``versions/`` as source files (Alembic reads them
from disk), so the listing is there wherever a migration can run.
"""

import os
import re

_VERSIONS = os.path.join(os.path.dirname(__file__), "versions")

KNOWN_REVISIONS: tuple[str, ...] = tuple(sorted(
    name[:4] for name in os.listdir(_VERSIONS) if re.fullmatch(r"\d{4}_\w+\.py", name)))
"""Every revision in ``versions/``, oldest first."""
HEAD_REVISION: str = KNOWN_REVISIONS[-1]
"""The newest revision: a database at this revision needs no migration."""
