"""What only the PostgreSQL backend has: migrations, its SQL schema, its connection errors."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from cli.settings import Settings, SettingsError
from domain.model import Version
from flows.i18n import Catalogs
from storage import redact
from storage.base import DatabaseConnectionError, ProfileUnreadableError
from storage.postgres import MIGRATIONS, PostgresRepository
from storage.postgres.rows import owner_from_row
from tests.backends import Backend
from tests.chat import USER, Chat
from tests.helpers import ROOT, make_profile, owner_of, run_bot

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


def test_the_tables_are_there_for_sql_and_bi_tools(backend_postgres: Backend) -> None:
    repository = backend_postgres.open()
    first = make_profile(5, "fa", {"demographics": "زنان"}, completed=True, source="ads",
                         at="2026-01-01T10:00:00+00:00")
    first.history = [Version(1, "2025-12-31T09:00:00+00:00", {"demographics": "مردان"})]
    first.version = 2
    repository.save(owner_of(first, make_profile(5, "fa", {}, profile_id=2)))
    assert backend_postgres.url is not None
    with psycopg.connect(backend_postgres.url) as connection:
        rows = connection.execute(
            "SELECT o.language, o.source, p.profile_id, p.status, p.answers->>'demographics', "
            "p.started_at::date::text FROM owners AS o JOIN customer_profiles AS p "
            "USING (user_id) WHERE user_id = 5 ORDER BY p.profile_id").fetchall()
        versions = connection.execute(
            "SELECT profile_id, version, answers->>'demographics' FROM profile_versions"
        ).fetchall()
    assert rows == [("fa", "ads", 1, "completed", "زنان", "2026-01-01"),
                    ("fa", "ads", 2, "in_progress", None, "2026-03-01")]
    assert versions == [(1, 1, "مردان")]


def test_what_an_admin_changes_with_sql_is_what_the_owner_sees(
    backend_postgres: Backend, catalogs: Catalogs
) -> None:
    chat = Chat(backend_postgres.open(), catalogs)
    chat.finish()
    chat(lambda c: c.new_profile())
    assert backend_postgres.url is not None
    with psycopg.connect(backend_postgres.url) as connection:
        connection.execute("UPDATE customer_profiles SET name = 'Night owls' "
                           "WHERE user_id = %s AND profile_id = 1", (USER,))
        connection.execute("UPDATE owners SET language = 'pl', language_chosen = true "
                           "WHERE user_id = %s", (USER,))
    listing = chat(lambda c: c.profiles()).replies[0].text.split("\n")
    polish = catalogs.get("pl")
    assert listing[0] == polish.gettext("📚 Your customer profiles: {count}").format(
        count=polish.number(2))
    assert listing[2].startswith("1. \u2068Night owls\u2069 · ")


def test_every_profile_and_every_earlier_version_is_a_row(backend_postgres: Backend) -> None:
    repository = backend_postgres.open()
    owners = []
    for user_id in range(1, 5):
        profiles = [make_profile(user_id, answers={"demographics": f"{user_id}.{profile_id}"},
                                 profile_id=profile_id, completed=True, version=3)
                    for profile_id in range(1, user_id + 1)]
        for profile in profiles:
            profile.history = [Version(version, f"2026-02-0{version}T00:00:00+00:00",
                                       {"demographics": f"v{version}"}) for version in (1, 2)]
        owners.append(owner_of(*profiles))
    repository.save_many(owners[:2])
    for owner in owners[2:]:
        repository.save(owner)
    assert backend_postgres.url is not None
    with psycopg.connect(backend_postgres.url) as connection:
        def count(table: str) -> int:
            row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert row is not None
            return int(row[0])

        assert (count("owners"), count("customer_profiles"), count("profile_versions")) == (
            4, 1 + 2 + 3 + 4, 2 * (1 + 2 + 3 + 4))
        # One of the fourth owner's profiles deleted, an older version dropped from another.
        fourth = repository.get(4)
        assert fourth is not None
        fourth.remove_profile(3)
        fourth.history.pop(0)
        repository.save(fourth)
        assert (count("customer_profiles"), count("profile_versions")) == (9, 20 - 2 - 1)
        assert repository.get(4) == fourth


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


def test_a_row_read_from_the_tables_is_checked_as_every_backend_checks_an_owner() -> None:
    """A value written by hand that the bot cannot use (an answer that is a number) makes the
    owner unreadable when read, not an export or /stats fail later (`domain.record_checks`)."""
    at = "2026-01-01T00:00:00+00:00"
    owner = {"user_id": 5, "language": "pl", "language_chosen": False, "paused": False,
             "blocked": False, "source": None, "reminder_at": None, "reminders_off": False,
             "renaming": None, "removed_at": None, "open_profile_id": 1}
    profile = {"profile_id": 1, "name": None, "state": "channels", "started_at": at,
               "updated_at": at, "completed_at": None, "version": 1, "version_at": None,
               "draft": True, "segment": None, "tip_index": 0, "editing": False,
               "instance": "i", "sells_to": None, "stage": None, "channels": [],
               "advantage": None, "kpis": [], "measurements": [], "kpi_check_at": None,
               "answers": {"demographics": "Kobiety"}, "answered": ["demographics"],
               "history": []}
    assert owner_from_row((5, owner, [profile])).answers == {"demographics": "Kobiety"}
    damaged = profile | {"answers": {"demographics": 5}}
    with pytest.raises(ProfileUnreadableError, match="answers"):
        owner_from_row((5, owner, [damaged]))
