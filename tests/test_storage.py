"""The profile repository, over every backend, and the atomic JSON storage under it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage.atomic_json import DatabaseUnreadableError
from storage.profiles import Profile, ProfileRepository


def _profile(user_id: int, **changes: object) -> Profile:
    profile = Profile(
        user_id=user_id, language="pl", state="channels",
        started_at="2026-01-01T10:00:00+00:00", updated_at="2026-01-01T10:05:00+00:00",
        answers={"demographics": "Kobiety 25–40", "psychographics": "ارزش‌ها"},
    )
    for name, value in changes.items():
        setattr(profile, name, value)
    return profile


def test_a_saved_profile_reads_back_equal(repository: ProfileRepository) -> None:
    profile = _profile(42)
    repository.save(profile)
    assert repository.get(42) == profile
    assert repository.get(43) is None


def test_saving_again_replaces_the_profile(repository: ProfileRepository) -> None:
    repository.save(_profile(42))
    repository.save(_profile(42, answers={"demographics": "new"}, completed_at="2026-02-02"))
    stored = repository.get(42)
    assert stored is not None
    assert stored.answers == {"demographics": "new"}
    assert stored.status == "completed"


def test_delete_erases_only_that_profile(repository: ProfileRepository) -> None:
    repository.save(_profile(1))
    repository.save(_profile(2))
    assert repository.delete(1)
    assert not repository.delete(1)
    assert repository.get(1) is None
    assert [p.user_id for p in repository.iter_all()] == [2]


def test_iter_all_returns_every_profile_in_user_id_order(repository: ProfileRepository) -> None:
    for user_id in (30, 0, 5, 1_000_000_000_000):
        repository.save(_profile(user_id))
    assert [p.user_id for p in repository.iter_all()] == [0, 5, 30, 1_000_000_000_000]


def test_a_json_database_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db" / "profiles.json"
    first = ProfileRepository.open(path)
    saved = _profile(42)
    first.save(saved)
    first.close()
    reopened = ProfileRepository.open(path)
    assert reopened.get(42) == saved
    assert json.loads(path.read_text("utf-8"))  # plain JSON, readable by any tool
    assert [p.name for p in path.parent.iterdir()] == ["profiles.json"]  # no temporary left


def test_an_unreadable_database_stops_with_its_name_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    damaged = b'{"profiles": {"1": {"user_id": 1, "answ'
    path.write_bytes(damaged)
    with pytest.raises(DatabaseUnreadableError, match=r"profiles\.json"):
        ProfileRepository.open(path).get(1)
    assert path.read_bytes() == damaged


def test_a_read_only_repository_sees_new_writes_and_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    writer = ProfileRepository.open(path)
    writer.save(_profile(1))
    reader = ProfileRepository.open(path, read_only=True)
    assert [p.user_id for p in reader.iter_all()] == [1]
    writer.save(_profile(2))
    assert [p.user_id for p in reader.iter_all()] == [1, 2]
    with pytest.raises(PermissionError):
        reader.save(_profile(3))


def test_a_failed_write_leaves_the_stored_data_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profiles.json"
    repository = ProfileRepository.open(path)
    repository.save(_profile(1))
    before = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("storage.atomic_json.os.replace", disk_full)
    with pytest.raises(OSError):
        repository.save(_profile(2))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert repository.get(2) is None  # the in-memory copy did not keep the failed write
    assert [p.name for p in tmp_path.iterdir()] == ["profiles.json"]


def test_editing_a_loaded_profile_changes_nothing_stored_until_it_is_saved(
    repository: ProfileRepository,
) -> None:
    repository.save(_profile(7))
    loaded = repository.get(7)
    assert loaded is not None
    loaded.answers["demographics"] = "not saved: the disk was full"
    stored = repository.get(7)
    assert stored is not None and "not saved" not in stored.answers.get("demographics", "")
