"""The move from one `profiles` row per owner (everything but the open profile's answers inside
its `record` jsonb) to `owners`, `customer_profiles` and `profile_versions` (migration 0003):
a database of the old schema, with rows written the way the bot of that time wrote them, moves
with nothing lost, and a damaged row stays where an admin sees it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from storage.base import ProfileUnreadableError
from storage.postgres import MIGRATIONS, PostgresRepository, migrate
from tests.backends import Backend

Fields = dict[str, Any]
#: The fields of the model that are times.
TIMES = {"started_at", "updated_at", "completed_at", "version_at", "kpi_check_at", "saved_at",
         "reminder_at", "removed_at"}
#: Damaged old rows: `others` that is no list, a version without answers, a time that is none.
DAMAGED = (30, 40, 50)


def _profile(profile_id: int, answers: dict[str, str], **fields: Any) -> Fields:
    """A customer profile as the bot of the old schema kept it (in `record` or its `others`)."""
    completed = fields.get("completed_at")
    return {"profile_id": profile_id, "name": None, "version": 1, "version_at": completed,
            "draft": completed is None, "history": [], "answers": answers, "state": "review",
            "started_at": "2026-10-01T09:00:00+00:00", "updated_at": "2026-10-02T09:30:00+00:00",
            "completed_at": None, "segment": None, "tip_index": 0, "editing": False,
            "instance": f"tag-{profile_id}", "sells_to": None, "stage": None, "channels": [],
            "advantage": None, "kpis": [], "measurements": [], "kpi_check_at": None, **fields}


def _owner(user_id: int, **fields: Any) -> Fields:
    return {"user_id": user_id, "language": "pl", "language_chosen": False, "paused": False,
            "blocked": False, "source": None, "reminder_at": None, "reminders_off": False,
            "renaming": None, "removed_at": None, **fields}


def _insert_old(connection: psycopg.Connection[Any], owner: Fields, opened: Fields,
                others: list[Fields], order: list[str] | None = None) -> None:
    """One row as the old backend wrote it: the open profile's answers in the columns (with
    their order), everything else in `record`, the other profiles in `record->'others'`."""
    record = {**owner, **{k: v for k, v in opened.items() if k != "answers"}, "others": others}
    connection.execute(
        "INSERT INTO profiles (user_id, language, state, started_at, updated_at, completed_at, "
        "segment, source, reminder_at, answers, answered, record) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (owner["user_id"], owner["language"], opened["state"], opened["started_at"],
         opened["updated_at"], opened.get("completed_at"), opened.get("segment"),
         owner.get("source"), owner.get("reminder_at"), Jsonb(opened.get("answers", {})),
         order if order is not None else list(opened.get("answers", {})), Jsonb(record)))


THREE = 10
OPEN_ORDER = ["psychographics", "demographics", "persona"]  # neither jsonb's order nor sorted
THREE_OWNER = _owner(THREE, language="fa", language_chosen=True, source="ads", renaming=3,
                     reminder_at="2026-12-05T08:00:00+00:00",
                     removed_at="2026-11-01T00:00:00+00:00")
THREE_OPEN = _profile(
    2, {"psychographics": "ارزش‌ها", "demographics": "زنان", "persona": "Sara, 30"}, version=3,
    draft=True, tip_index=2, editing=True, segment="beginner", sells_to="consumers",
    history=[{"version": 1, "saved_at": "2026-10-03T10:00:00+00:00",
              "answers": {"demographics": "مردان", "persona": ""}},
             {"version": 2, "saved_at": "2026-10-04T10:00:00+00:00",
              "answers": {"demographics": "زنان", "persona": "Sara"}}])
THREE_OTHERS = [
    _profile(1, {"demographics": "Kobiety 25–40", "persona": ""}, name="Night owls",
             state="done", completed_at="2026-09-02T11:00:00+00:00", version=2,
             version_at="2026-09-05T11:00:00+00:00", draft=False, stage="comparing",
             channels=["instagram", "email"], advantage="advice from a cosmetologist",
             kpis=[{"metric": "repeat", "today": 22, "target": 30, "unit": "%"}],
             measurements=[{"metric": "repeat", "value": 25, "unit": "%",
                            "at": "2026-11-01T00:00:00+00:00"}],
             kpi_check_at="2026-12-01T00:00:00+00:00",
             history=[{"version": 1, "saved_at": "2026-09-02T11:00:00+00:00",
                       "answers": {"demographics": "Kobiety"}}]),
    _profile(3, {}, state="demographics"),
]
LEGACY = 20  # written before profile ids, versions and button tags: no such keys at all
LEGACY_RECORD = {"user_id": LEGACY, "language": "en", "state": "psychographics",
                 "started_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:05:00"}


@pytest.fixture
def old_database(backend_postgres: Backend) -> str:
    """A database of schema 0002 holding old rows; its URL."""
    url = backend_postgres.url
    assert url is not None
    with psycopg.connect(url, autocommit=True) as connection:
        assert migrate(connection, until=2) == [1, 2]
        _insert_old(connection, THREE_OWNER, THREE_OPEN, THREE_OTHERS, OPEN_ORDER)
        _insert_old(connection, _owner(LEGACY, language="en"),
                    {**LEGACY_RECORD, "answers": {"demographics": "Women"}}, [])
        connection.execute("UPDATE profiles SET record = %s WHERE user_id = %s",
                           (Jsonb(LEGACY_RECORD), LEGACY))
        _insert_old(connection, _owner(30), _profile(1, {}), [])
        connection.execute("UPDATE profiles SET record = record || '{\"others\": \"x\"}' "
                           "WHERE user_id = 30")
        _insert_old(connection, _owner(40), _profile(
            1, {}, history=[{"version": 1, "saved_at": "2026-10-03T10:00:00+00:00"}]), [])
        _insert_old(connection, _owner(50), _profile(1, {}), [])
        connection.execute("UPDATE profiles SET record = jsonb_set(record, '{updated_at}', "
                           "'\"someday\"') WHERE user_id = 50")
    return url


def _same(old: Fields, new: Fields, skip: set[str]) -> None:
    """Every field of `old` is in `new` as it was (times as the same instant)."""
    for name, value in old.items():
        if name in skip:
            continue
        if name in TIMES and value is not None:
            assert _instant(new[name]) == _instant(value), name
        else:
            assert new[name] == value, name


def _instant(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # as the bot reads it


def test_every_old_row_moves_to_the_three_tables_with_nothing_lost(old_database: str) -> None:
    with psycopg.connect(old_database, autocommit=True) as connection:
        assert migrate(connection) == [version for version, _, _ in MIGRATIONS][2:]
        owners = {row[0]: row[1] for row in connection.execute(
            "SELECT user_id, to_jsonb(o) FROM owners AS o")}
        profiles = {(row[0], row[1]): row[2] for row in connection.execute(
            "SELECT user_id, profile_id, to_jsonb(p) FROM customer_profiles AS p")}
        versions = {row[:3]: row[3] for row in connection.execute(
            "SELECT user_id, profile_id, version, to_jsonb(v) FROM profile_versions AS v")}
        left = connection.execute("SELECT user_id, record FROM profiles_unmigrated "
                                  "ORDER BY user_id").fetchall()

    assert sorted(owners) == [THREE, LEGACY]
    _same(THREE_OWNER, owners[THREE], skip=set())
    assert owners[THREE]["open_profile_id"] == 2
    assert sorted(profiles) == [(THREE, 1), (THREE, 2), (THREE, 3), (LEGACY, 1)]
    for old in (THREE_OPEN, *THREE_OTHERS):
        new = profiles[THREE, old["profile_id"]]
        _same(old, new, skip={"history"})
        assert new["status"] == ("completed" if old["completed_at"] else "in_progress")
        for earlier in old["history"]:
            stored = versions.pop((THREE, old["profile_id"], earlier["version"]))
            _same(earlier, stored, skip=set())
    assert profiles[THREE, 2]["answered"] == OPEN_ORDER
    assert versions == {}  # no version more than there were
    legacy = profiles[LEGACY, 1]
    _same(LEGACY_RECORD, {**owners[LEGACY], **legacy}, skip=set())
    assert (legacy["answers"], legacy["version"], legacy["draft"], legacy["instance"]) == (
        {"demographics": "Women"}, 1, True, LEGACY_RECORD["started_at"])
    # The damaged rows are left as they were, for an admin to see.
    assert [user_id for user_id, _ in left] == list(DAMAGED)
    assert left[0][1]["others"] == "x" and left[2][1]["updated_at"] == "someday"


def test_the_bot_reads_the_moved_owners_and_names_the_damaged_ones(old_database: str) -> None:
    repository = PostgresRepository.open(old_database)  # migrates
    try:
        three = repository.get(THREE)
        assert three is not None
        assert list(three.answers) == OPEN_ORDER and three.profile_ids == [1, 2, 3]
        assert three.reminder_at == THREE_OWNER["reminder_at"]
        for user_id in DAMAGED:
            with pytest.raises(ProfileUnreadableError):
                repository.get(user_id)
        unreadable: list[int] = []
        assert [owner.user_id for owner in repository.iter_all(unreadable=unreadable)] == [
            THREE, LEGACY]
        assert unreadable == list(DAMAGED)
        stats = repository.stats(["demographics", "persona"])
        assert (stats.owners, stats.started, stats.completed) == (2, 4, 1)
        assert stats.reached == {"demographics": 3, "persona": 2}
        assert stats.unreadable == DAMAGED
        assert repository.user_ids() == [THREE, LEGACY, *DAMAGED]
        assert repository.delete(30)  # the owner's right to erasure holds for them too
        assert repository.get(30) is None and 30 not in repository.user_ids()
    finally:
        repository.close()
