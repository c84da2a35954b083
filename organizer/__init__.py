"""Organizer: prepare and record official delegation visits.

The package is layered (see ``../shared/ARCHITECTURE.md``)::

    app -> gui | cli -> services -> store | briefing -> domain

``domain`` holds plain types, ``store`` the SQLAlchemy models, engine and Alembic migrations,
``services`` the operations both front ends share, ``cli`` the command line and ``gui`` the Qt app.
"""

__version__ = "0.1.0"
