"""Units of work on PostgreSQL, as several processes use them: the owner's lock, the record of
applied updates, reminder claims and pruning (each pool here stands for one replica)."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from domain.model import Owner
from domain.rules import utc_now
from storage.backends import local_backend
from storage.base import ProfileRepository, UpdateKey
from storage.memory import MemoryRepository
from storage.postgres import PostgresRepository
from tests.backends import Backend

BOT = 123456


def _profile(user_id: int, reminder_at: datetime | None = None) -> Owner:
    now = utc_now()
    return Owner.with_profile(user_id=user_id, language="en", state="demographics", started_at=now,
                   updated_at=now, reminder_at=reminder_at.isoformat() if reminder_at else None)


def _replicas(backend: Backend, count: int) -> list[PostgresRepository]:
    opened = [backend.open() for _ in range(count)]
    assert all(isinstance(repository, PostgresRepository) for repository in opened)
    return [r for r in opened if isinstance(r, PostgresRepository)]


def test_one_owners_load_change_save_never_interleaves_across_replicas(
    backend_postgres: Backend,
) -> None:
    replicas = _replicas(backend_postgres, 4)
    replicas[0].save(_profile(1))

    def increment(repository: PostgresRepository) -> None:
        for _ in range(25):
            with repository.owner_transaction(1) as store:
                profile = store.get(1)
                assert profile is not None
                profile.tip_index += 1  # a read-modify-write that a lost update would show
                store.save(profile)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(increment, replicas * 2))
    stored = replicas[0].get(1)
    assert stored is not None and stored.tip_index == 8 * 25


def test_the_lock_covers_an_owner_without_a_profile_yet(backend_postgres: Backend) -> None:
    first, second = _replicas(backend_postgres, 2)
    inside, release = threading.Event(), threading.Event()
    seen_by_second: list[Owner | None] = []

    def create() -> None:
        with first.owner_transaction(2) as store:
            assert store.get(2) is None
            inside.set()
            release.wait(10)
            store.save(_profile(2))

    def read_after() -> None:
        with second.owner_transaction(2) as store:
            seen_by_second.append(store.get(2))

    creator = threading.Thread(target=create)
    creator.start()
    assert inside.wait(10)
    reader = threading.Thread(target=read_after)
    reader.start()
    reader.join(0.5)
    assert reader.is_alive()  # waiting at the owner's lock, not reading the old state
    release.set()
    creator.join(10)
    reader.join(10)
    assert seen_by_second and seen_by_second[0] is not None


def test_an_update_is_applied_once_and_recorded_only_with_its_change(
    backend_postgres: Backend,
) -> None:
    first, second = _replicas(backend_postgres, 2)
    update = UpdateKey(BOT, 77)
    with pytest.raises(RuntimeError), first.owner_transaction(3, update) as store:
        assert not store.already_applied
        store.save(_profile(3))
        raise RuntimeError("the replica fails before the commit")
    assert first.get(3) is None  # rolled back, and the update not marked applied
    with second.owner_transaction(3, update) as store:
        assert not store.already_applied
        store.save(_profile(3))
    with first.owner_transaction(3, update) as store:
        assert store.already_applied
    with first.owner_transaction(3, UpdateKey(BOT + 1, 77)) as store:
        assert not store.already_applied  # update ids are per bot


def test_a_unit_of_work_refuses_to_touch_another_owner(backend_postgres: Backend) -> None:
    (repository,) = _replicas(backend_postgres, 1)
    with pytest.raises(ValueError), repository.owner_transaction(4) as store:
        store.save(_profile(5))
    assert repository.get(5) is None


def test_each_due_reminder_is_claimed_by_exactly_one_replica(backend_postgres: Backend) -> None:
    replicas = _replicas(backend_postgres, 4)
    due = datetime.now(UTC) - timedelta(seconds=1)
    replicas[0].save_many([_profile(100 + n, due) for n in range(60)])
    replicas[0].save(_profile(200, datetime.now(UTC) + timedelta(hours=1)))  # not due yet
    start = threading.Barrier(8)

    def claim(repository: PostgresRepository) -> list[int]:
        start.wait(10)
        return [p.user_id for p in repository.claim_due_reminders(100)]

    with ThreadPoolExecutor(8) as pool:
        claims = Counter(user for found in pool.map(claim, replicas * 2) for user in found)
    assert claims == Counter(range(100, 160))
    for user_id in (100, 159):
        stored = replicas[0].get(user_id)
        assert stored is not None and stored.reminder_at is None  # cleared in the record too
    assert replicas[0].reminder_times()[0][0] == 200
    assert replicas[0].claim_due_reminders(100) == []


def test_a_reminder_of_an_owner_being_served_waits_for_the_next_round(
    backend_postgres: Backend,
) -> None:
    first, second = _replicas(backend_postgres, 2)
    first.save(_profile(6, datetime.now(UTC) - timedelta(seconds=1)))
    with first.owner_transaction(6):
        assert second.claim_due_reminders(10) == []
    assert [p.user_id for p in second.claim_due_reminders(10)] == [6]


def test_applied_updates_older_than_a_day_are_pruned(backend_postgres: Backend) -> None:
    (repository,) = _replicas(backend_postgres, 1)
    for update_id in (1, 2):
        with repository.owner_transaction(7, UpdateKey(BOT, update_id)):
            pass
    assert backend_postgres.url is not None
    import psycopg

    with psycopg.connect(backend_postgres.url, autocommit=True) as connection:
        connection.execute("UPDATE applied_updates SET applied_at = now() - interval '2 days' "
                           "WHERE update_id = 1")
    assert repository.prune_applied_updates(timedelta(days=1)) == 1
    with repository.owner_transaction(7, UpdateKey(BOT, 2)) as store:
        assert store.already_applied


@pytest.mark.parametrize("backend_name", ["memory", "files"])
def test_single_process_backends_keep_their_plain_path(
    backend_name: str, request: pytest.FixtureRequest
) -> None:
    repository: ProfileRepository = (
        MemoryRepository() if backend_name == "memory"
        else request.getfixturevalue("backend_files").open()
    )
    backend = local_backend(repository)
    for _ in range(2):  # no record of applied updates: the same update is applied again
        with backend.units.owner_transaction(8, UpdateKey(BOT, 1)) as store:
            assert not store.already_applied
            store.save(_profile(8))
    assert repository.get(8) is not None
    assert backend.units.prune_applied_updates(timedelta(0)) == 0
    assert backend.health.ping()
