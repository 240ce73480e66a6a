"""What only the PostgreSQL backend has: migrations, its SQL schema, its connection errors."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from cli.settings import Settings, SettingsError
from domain.model import Owner
from storage import redact
from storage.base import DatabaseConnectionError
from storage.postgres import MIGRATIONS, PostgresRepository
from tests.backends import Backend
from tests.helpers import ROOT, run_bot

OPEN_AND_SAVE = """
import sys
from domain.model import Owner
from storage.postgres import PostgresRepository
repository = PostgresRepository.open(sys.argv[1])
repository.save(Owner.with_profile(int(sys.argv[2]), "pl", "channels", "2026-01-01T00:00:00+00:00",
                                   "2026-01-01T00:00:00+00:00"))
repository.close()
"""


def test_two_processes_starting_at_once_migrate_the_schema_exactly_once(
    backend_postgres: Backend,
) -> None:
    url = backend_postgres.url
    assert url is not None
    starting = [subprocess.Popen([sys.executable, "-c", OPEN_AND_SAVE, url, str(user_id)],
                                 cwd=ROOT, stderr=subprocess.PIPE, text=True)
                for user_id in (1, 2, 3)]
    for process in starting:
        _, errors = process.communicate(timeout=60)
        assert process.returncode == 0, errors
    with psycopg.connect(url) as connection:
        applied = connection.execute("SELECT version FROM schema_migrations").fetchall()
    assert sorted(version for (version,) in applied) == [version for version, _, _ in MIGRATIONS]
    assert backend_postgres.open().user_ids() == [1, 2, 3]


def test_the_table_is_there_for_sql_and_bi_tools(backend_postgres: Backend) -> None:
    repository = backend_postgres.open()
    repository.save(Owner.with_profile(5, "fa", "channels", "2026-01-01T10:00:00+00:00",
                            "2026-01-01T10:05:00+00:00", answers={"demographics": "زنان"},
                            source="ads"))
    assert backend_postgres.url is not None
    with psycopg.connect(backend_postgres.url) as connection:
        row = connection.execute(
            "SELECT language, source, answers->>'demographics', started_at::date::text "
            "FROM profiles WHERE user_id = 5").fetchone()
    assert row == ("fa", "ads", "زنان", "2026-01-01")


def test_a_row_this_version_cannot_read_is_reported_and_left_alone(
    backend_postgres: Backend,
) -> None:
    repository = backend_postgres.open()
    repository.save(Owner.with_profile(1, "pl", "channels", "2026-01-01T00:00:00+00:00",
                            "2026-01-01T00:00:00+00:00"))
    repository.save(Owner.with_profile(2, "pl", "channels", "2026-01-01T00:00:00+00:00",
                            "2026-01-01T00:00:00+00:00"))
    assert backend_postgres.url is not None
    with psycopg.connect(backend_postgres.url) as connection:
        connection.execute("UPDATE profiles SET record = '{\"user_id\": 2}' WHERE user_id = 2")
    unreadable: list[int] = []
    assert [p.user_id for p in repository.iter_all(unreadable=unreadable)] == [1]
    assert unreadable == [2]
    assert repository.stats(["demographics"]).started == 2  # counted from the columns


def test_a_server_that_does_not_answer_is_one_line_without_the_password() -> None:
    url = "postgresql://bot:s3cret@127.0.0.1:1/profiles"
    with pytest.raises(DatabaseConnectionError) as raised:
        PostgresRepository.open(url)
    assert "s3cret" not in str(raised.value) and "bot:***@127.0.0.1:1" in str(raised.value)
    result = run_bot("export", "--format", "json", env={"BOT_DATABASE_URL": url})
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot use the database at postgresql://bot:***@")
    assert "s3cret" not in result.stderr and "Traceback" not in result.stderr


def test_the_database_url_is_checked_and_never_shown_with_its_password() -> None:
    with pytest.raises(SettingsError, match="BOT_DATABASE_URL"):
        Settings.from_env({"BOT_DATABASE_URL": "mysql://root:pw@localhost/db"})
    settings = Settings.from_env({"BOT_DATABASE_URL": "postgresql://u:pw@h/db?password=pw"})
    assert "pw" not in repr(settings).replace("postgresql", "")
    assert redact("postgres://u:pw@h:5432/db") == "postgres://u:***@h:5432/db"
