"""``domain.redact``: no password in any message, whatever the form of the database URL (issue 15, point 11).

The forms are those libpq accepts (a URI with user information or a ``password`` query parameter, a
keyword/value string with plain or quoted values), SQLAlchemy's ``postgresql+psycopg://`` and malformed
URLs a user may type. Then the places that print a URL: the store's errors, ``restore``, the command line.
"""

from __future__ import annotations

import io

import pytest

from organizer.cli.main import main
from organizer.domain.errors import DatabaseError
from organizer.domain.redact import redact, redact_url, url_secrets
from organizer.store import open_database

SECRET = "S3cr3t-Pw"

URL_FORMS = [
    f"postgresql+psycopg://organizer:{SECRET}@db.example/organizer",
    f"postgresql://organizer:{SECRET}@db.example:5432/organizer",
    f"postgres://organizer:{SECRET}@db.example/organizer?sslmode=require",
    f"postgresql://organizer:{SECRET}@/organizer?host=/run/postgresql",
    f"postgresql+psycopg://organizer@/organizer?host=/run/pg&password={SECRET}",
    f"postgresql://organizer@db.example/organizer?password={SECRET}&sslmode=require",
    f"postgresql://organizer@db.example/organizer?sslmode=require&PASSWORD={SECRET}",
    f"postgresql://organizer@db.example/organizer?Password={SECRET}",
    f"postgresql://organizer@db.example/organizer?pass%77ord={SECRET}",
    f"postgresql://organizer@db.example/organizer?%70assword={SECRET}&application_name=x",
    f"postgresql://organizer@db.example/organizer?sslpassword={SECRET}",
    f"postgresql://organizer@db.example/organizer?password%3D{SECRET}",
    f"organizer:{SECRET}@localhost/db",
    f"organizer:{SECRET}@localhost:5432",
    f"postgresql+psycopg://u:{SECRET}@db.example:notaport/organizer",
    f"host=/run/postgresql dbname=organizer user=organizer password={SECRET}",
    f"host=db.example password = {SECRET} dbname=organizer",
    f"password={SECRET}",
    f"host=db.example PASSWORD={SECRET}",
    f"host=db.example sslpassword={SECRET} sslkey=/k",
    f"host=db.example password='{SECRET}' dbname=x",
    f'host=db.example password="{SECRET}" dbname=x',
]


@pytest.mark.parametrize("url", URL_FORMS)
def test_every_form_of_url_is_shown_without_its_password(url: str) -> None:
    shown = redact_url(url)
    assert SECRET not in shown and "***" in shown
    assert SECRET not in redact(f"cannot open database {url}: connection failed", url)
    assert SECRET not in redact(f"cannot open database {url}: connection failed")  # form alone, URL unknown


@pytest.mark.parametrize(("url", "secret"), [
    ("host=db.example password='pa ss' dbname=x", "pa ss"),
    ("host=db.example password='it\\'s a secret' dbname=x", "it's a secret"),
    ("postgresql://organizer:p%40ss%2Fw0rd@db.example/organizer", "p@ss/w0rd"),
    ("postgresql://organizer:p@ss/w0rd@db.example/organizer", "p@ss/w0rd"),
    ("postgresql://organizer@db.example/organizer?password=a%26b%3Dc", "a&b=c"),
    ("postgresql://organizer:pa ss@db.example/organizer", "pa ss"),
])
def test_awkward_passwords_are_masked_whole(url: str, secret: str) -> None:
    assert secret in url_secrets(url)
    assert secret not in redact_url(url)
    assert secret not in redact(f"error: {url} (the driver quotes {secret!r})", url)


def test_a_driver_message_that_quotes_the_password_without_its_key() -> None:
    url = "host=/run/pg password S3cr3tWord dbname=x"
    message = 'missing "=" after "S3cr3tWord" in connection info string'
    assert "S3cr3tWord" not in redact(message, f"host=/run/pg password={'S3cr3tWord'}")
    assert redact(message, url) == message  # not a password in this form: nothing to find, nothing changed


def test_what_is_not_secret_stays_visible() -> None:
    url = "postgresql+psycopg://organizer@db.example:5432/organizer?host=/run/pg&passfile=/home/o/.pgpass&sslmode=require"
    assert redact_url(url) == url
    missing = "sqlite:////home/o/organizer.sqlite does not exist"
    assert redact(missing) == missing
    assert redact("/tmp/a:b@c.sqlite is corrupt", "sqlite:////tmp/a:b@c.sqlite") == "/tmp/a:b@c.sqlite is corrupt"
    assert redact("FATAL:  password authentication failed for user \"organizer\"") == \
        "FATAL:  password authentication failed for user \"organizer\""
    assert redact_url("postgresql://organizer:S3cr3t@db.example/organizer") == "postgresql://organizer:***@db.example/organizer"
    assert redact("{'host': 'db', 'password': 'S3cr3t'}") == "{'host': 'db', 'password': '***'}"


def test_masking_twice_changes_nothing() -> None:
    url = f"postgresql://organizer@/organizer?host=/run/pg&password={SECRET}"
    once = redact(f"cannot open database {redact_url(url)}: connection failed", url)
    assert once == "cannot open database postgresql://organizer@/organizer?host=/run/pg&password=***: connection failed"
    assert redact(once, url) == once


# --- where URLs are printed ---------------------------------------------------------------------------

UNREACHABLE = [  # a socket folder that does not exist: the driver fails at once, naming the URL's parts
    f"postgresql+psycopg://organizer@/organizer?host=/nonexistent-socket-dir&password={SECRET}",
    f"postgresql+psycopg://organizer:{SECRET}@/organizer?host=/nonexistent-socket-dir",
    f"postgresql://organizer@/organizer?host=/nonexistent-socket-dir&pass%77ord={SECRET}",
    f"postgres://organizer:{SECRET}@/organizer?host=/nonexistent-socket-dir",
    f"organizer:{SECRET}@localhost/db",
    f"host=/nonexistent-socket-dir password={SECRET}",
    f"postgresql+psycopg://organizer:{SECRET}@db.example:notaport/organizer",
]


@pytest.mark.parametrize("url", UNREACHABLE)
def test_open_database_errors_never_carry_the_password(url: str) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database(url, create=False)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("command", [["list", "people"], ["restore", "backup.sqlite"], ["gui"], ["demo"]])
@pytest.mark.parametrize("url", UNREACHABLE)
def test_command_line_errors_never_carry_the_password(url: str, command: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db-url", url, *command], out=out, err=err) == 1
    assert SECRET not in err.getvalue() + out.getvalue() and err.getvalue().startswith("organizer: ")
    monkeypatch.setenv("ORGANIZER_DB_URL", url)
    monkeypatch.setenv("ORGANIZER_DEBUG", "1")  # the traceback too
    out, err = io.StringIO(), io.StringIO()
    assert main(command, out=out, err=err) == 1
    assert SECRET not in err.getvalue() + out.getvalue()
