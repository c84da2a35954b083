"""Alembic environment: runs on the connection ``open_database`` hands over (connection sharing).

When run from the ``alembic`` command line instead (for autogenerate while developing), it opens the
URL given with ``-x url=...`` or ``sqlalchemy.url``.
"""

from alembic import context
from sqlalchemy import create_engine

from organizer.store.models import Base
from organizer.store.schema import add_postgresql_options
from organizer.store.search.base import include_name

add_postgresql_options()  # PostgreSQL's partial index condition (kept out of the tables, see there)
config = context.config
target_metadata = Base.metadata


def _run(connection):
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,  # the search index's FTS5 tables are not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
