"""The profile repository, over every backend, and the atomic JSON storage under it."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from domain.model import Owner
from storage.atomic_json import DatabaseUnreadableError
from storage.base import ProfileRepository, ProfileUnreadableError
from storage.export import export_records
from storage.files import FileRepository
from storage.profile_files import ProfileFiles
from storage.queries import ExportFilter
from tests.helpers import make_profile, owner_of


def _profile(user_id: int, **changes: Any) -> Owner:
    """A profile with Polish and Persian text, which every backend must keep as it is."""
    changes.setdefault("answers", {"demographics": "Kobiety 25–40", "psychographics": "ارزش‌ها"})
    changes.setdefault("language", "pl")
    return make_profile(user_id, **changes)


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


def _files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_database_survives_reopening_one_plain_json_file_per_owner(tmp_path: Path) -> None:
    root = tmp_path / "db" / "profiles"
    first = FileRepository.open(root)
    saved = _profile(1042)
    first.save(saved)
    first.close()
    reopened = FileRepository.open(root)
    assert reopened.get(1042) == saved
    # No temporary left; the /stats summary of what this process saved is written at close.
    assert _files(root) == ["042/1042.json", "FORMAT", "summary.json"]
    # Plain TinyDB JSON, readable by any tool.
    assert (
        json.loads((root / "042" / "1042.json").read_text("utf-8"))
        ["profiles"]["1042"]["profiles"][0]["answers"]
        == saved.answers
    )


def test_a_damaged_profile_file_raises_with_its_name_and_is_left_untouched(
    tmp_path: Path,
) -> None:
    root = tmp_path / "profiles"
    repository = FileRepository.open(root)
    repository.save(_profile(1))
    damaged = b'{"profiles": {"1": {"user_id": 1, "answ'
    (root / "001" / "1.json").write_bytes(damaged)
    with pytest.raises(ProfileUnreadableError, match=r"1\.json"):
        repository.get(1)
    with pytest.raises(ProfileUnreadableError):
        repository.save(_profile(1))  # a write never replaces what it could not read
    assert (root / "001" / "1.json").read_bytes() == damaged
    # Whole-database reads go on without it, and say whose it is.
    repository.save(_profile(2))
    unreadable: list[int] = []
    assert [p.user_id for p in repository.iter_all(unreadable=unreadable)] == [2]
    assert unreadable == [1]
    assert repository.stats(["demographics"]).unreadable == (1,)
    assert repository.delete(1)  # erasing it is still allowed
    assert repository.get(1) is None


def test_a_folder_that_is_not_a_profile_database_is_refused_and_left_alone(
    tmp_path: Path,
) -> None:
    stranger = tmp_path / "photos"
    stranger.mkdir()
    (stranger / "cat.jpg").write_bytes(b"meow")
    with pytest.raises(DatabaseUnreadableError, match="photos"):
        FileRepository.open(stranger)
    assert _files(stranger) == ["cat.jpg"]
    legacy = tmp_path / "profiles.json"
    legacy.write_text('{"profiles": {}}')
    with pytest.raises(DatabaseUnreadableError, match="import"):
        FileRepository.open(legacy)
    assert legacy.read_text() == '{"profiles": {}}'


def test_leftover_temporaries_of_a_crash_are_swept_at_open(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    FileRepository.open(root).save(_profile(5))
    (root / ".tmp" / ".5.json.crashed").write_text("half an answer")
    FileRepository.open(root)
    assert _files(root) == ["005/5.json", "FORMAT"]


def test_a_read_only_repository_sees_new_writes_and_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "profiles"
    with pytest.raises(DatabaseUnreadableError):
        FileRepository.open(path, read_only=True)  # nothing there yet: nothing created
    assert not path.exists()
    writer = FileRepository.open(path)
    writer.save(_profile(1))
    reader = FileRepository.open(path, read_only=True)
    assert [p.user_id for p in reader.iter_all()] == [1]
    writer.save(_profile(2))
    assert [p.user_id for p in reader.iter_all()] == [1, 2]
    with pytest.raises(PermissionError):
        reader.save(_profile(3))
    with pytest.raises(PermissionError):
        reader.delete(1)


def test_a_failed_write_leaves_the_stored_data_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "profiles"
    repository = FileRepository.open(root)
    repository.save(_profile(1))
    before = (root / "001" / "1.json").read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("storage.atomic_json.os.replace", disk_full)
    with pytest.raises(OSError):
        repository.save(_profile(1, answers={"demographics": "lost"}))
    with pytest.raises(OSError):
        repository.save(_profile(2))
    monkeypatch.undo()
    assert (root / "001" / "1.json").read_bytes() == before
    assert repository.get(2) is None
    assert _files(root) == ["001/1.json", "FORMAT"]


def test_save_many_stores_every_profile(repository: ProfileRepository) -> None:
    profiles = [_profile(user_id) for user_id in range(1, 2500, 7)]
    assert repository.save_many(profiles) == len(profiles)
    assert list(repository.iter_all()) == profiles
    assert repository.user_ids() == [p.user_id for p in profiles]


def test_editing_a_loaded_profile_changes_nothing_stored_until_it_is_saved(
    repository: ProfileRepository,
) -> None:
    repository.save(_profile(7))
    loaded = repository.get(7)
    assert loaded is not None
    loaded.answers["demographics"] = "not saved: the disk was full"
    stored = repository.get(7)
    assert stored is not None and "not saved" not in stored.answers.get("demographics", "")


def test_reading_everything_while_the_bot_writes_sees_only_whole_profiles(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    writer = FileRepository.open(root)
    writer.save_many(_profile(user_id, answers={"demographics": "0:"})
                     for user_id in range(1, 41))
    stop = threading.Event()

    def write_continuously() -> None:
        version = 0
        while not stop.is_set():
            version += 1
            user_id = version % 40 + 1
            if version % 7 == 0:
                writer.delete(user_id)
            # The answer names its version, so a record mixing two writes would show.
            writer.save(_profile(user_id,
                                 answers={"demographics": f"{version}:" + "ż" * version}))

    thread = threading.Thread(target=write_continuously)
    thread.start()
    try:
        reader = FileRepository.open(root, read_only=True)
        for _ in range(15):
            profiles = list(reader.iter_all())
            assert profiles, "every profile vanished"
            for profile in profiles:
                version = profile.answers["demographics"].split(":")[0]
                assert profile.answers["demographics"] == f"{version}:" + "ż" * int(version)
    finally:
        stop.set()
        thread.join()


# -- what admins and the reminders ask of every backend ----------------------------------------


def _started(user_id: int, day: str, **changes: object) -> Owner:
    return _profile(user_id, started_at=f"{day}T23:30:00+00:00", **changes)


def test_iter_all_filters_as_the_export_asks_on_every_backend(
    repository: ProfileRepository,
) -> None:
    repository.save_many([
        _started(1, "2026-03-01", language="pl"),
        _started(2, "2026-03-02", language="fa", completed_at="2026-03-02T23:40:00+00:00"),
        _started(3, "2026-03-03", language="pl", completed_at="2026-03-03T23:40:00+00:00"),
    ])

    def ids(selection: ExportFilter) -> list[int]:
        return [profile.user_id for profile in repository.iter_all(selection)]

    assert ids(ExportFilter()) == [1, 2, 3]
    assert ids(ExportFilter(completed_only=True)) == [2, 3]
    assert ids(ExportFilter(language="pl")) == [1, 3]
    # Days are whole UTC days, both ends included (23:30 is still that day).
    assert ids(ExportFilter(since=date(2026, 3, 2))) == [2, 3]
    assert ids(ExportFilter(until=date(2026, 3, 2))) == [1, 2]
    assert ids(ExportFilter(True, "pl", date(2026, 3, 2), date(2026, 3, 3))) == [3]


def test_stats_count_the_same_on_every_backend(repository: ProfileRepository) -> None:
    keys = ["demographics", "psychographics", "channels"]
    repository.save_many([
        _profile(1, language="pl", source="ads", answers={"demographics": "a"}),
        _profile(2, language="pl", source="ads", answers={"demographics": "a",
                                                           "psychographics": ""}),
        _profile(3, language="fa", source="blog", completed_at="2026-01-02T00:00:00+00:00",
                 answers={"demographics": "a", "psychographics": "b", "channels": "c"}),
    ])
    stats = repository.stats(keys)
    assert (stats.started, stats.completed) == (3, 1)
    assert stats.owners == 3
    assert stats.started_by_language == {"pl": 2, "fa": 1}
    assert stats.completed_by_language == {"fa": 1}
    assert stats.reached == {"demographics": 3, "psychographics": 2, "channels": 1}
    assert list(stats.sources.items()) == [("ads", 2), ("blog", 1)]
    assert stats.unreadable == ()


def test_reminder_times_are_never_later_than_the_stored_ones(
    repository: ProfileRepository,
) -> None:
    due = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    repository.save(_profile(1, reminder_at=due.isoformat()))
    repository.save(_profile(2))  # none planned
    repository.save(_profile(3, reminder_at=(due + timedelta(days=1)).isoformat()))
    assert repository.reminder_times() == [(1, due), (3, due + timedelta(days=1))]
    # Moved earlier: the new time is known. Moved later: never a time later than stored.
    repository.save(_profile(1, reminder_at=(due - timedelta(hours=1)).isoformat()))
    repository.save(_profile(3, reminder_at=(due + timedelta(days=2)).isoformat()))
    times = dict(repository.reminder_times())
    assert times[1] == due - timedelta(hours=1)
    assert due + timedelta(days=1) <= times[3] <= due + timedelta(days=2)
    # Cleared (sent, or turned off) and erased: gone.
    repository.save(_profile(1))
    repository.delete(3)
    assert repository.reminder_times() == []


def test_reminders_are_found_without_opening_a_single_profile_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "profiles"
    writer = FileRepository.open(root)
    due = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    writer.save_many(_profile(user_id, reminder_at=(due + timedelta(minutes=user_id)).isoformat())
                     for user_id in range(1, 51))

    def no_opening(*_: object, **__: object) -> None:
        raise AssertionError("a profile file was opened")

    monkeypatch.setattr(ProfileFiles, "database", no_opening)
    restarted = FileRepository.open(root)
    assert restarted.reminder_times() == [
        (user_id, due + timedelta(minutes=user_id)) for user_id in range(1, 51)]


def test_iter_all_returns_every_owner_with_a_matching_profile_on_every_backend(
    repository: ProfileRepository,
) -> None:
    """The filter is each customer profile's: an owner whose open profile does not match comes
    for another that does, and the export keeps exactly the matching profiles."""
    finished = "2026-03-02T23:40:00+00:00"
    repository.save_many([
        # Open: in progress; another, completed: the owner is needed for the completed one.
        owner_of(_started(1, "2026-03-01"), _started(1, "2026-03-02", profile_id=2,
                                                     completed_at=finished)),
        _started(2, "2026-03-01"),  # nothing completed: never needed
        # Open: completed; the other in progress and started too early.
        owner_of(_started(3, "2026-03-03", profile_id=3, completed_at=finished),
                 _started(3, "2026-02-01", profile_id=1)),
    ])

    def exported(selection: ExportFilter) -> list[tuple[int, int]]:
        owners = list(repository.iter_all(selection))
        return [(record.profile.user_id, record.profile.profile_id)
                for record in export_records(owners, selection=selection)]

    assert exported(ExportFilter()) == [(1, 1), (1, 2), (2, 1), (3, 1), (3, 3)]
    assert exported(ExportFilter(completed_only=True)) == [(1, 2), (3, 3)]
    assert 2 not in [owner.user_id for owner in repository.iter_all(ExportFilter(True))]
    assert exported(ExportFilter(since=date(2026, 3, 2))) == [(1, 2), (3, 3)]
    assert exported(ExportFilter(until=date(2026, 2, 28))) == [(3, 1)]
    assert exported(ExportFilter(language="fa")) == []


def test_stats_count_every_customer_profile_and_each_owner_once(
    repository: ProfileRepository,
) -> None:
    keys = ["demographics", "psychographics", "channels"]
    done = "2026-01-02T00:00:00+00:00"
    repository.save_many([
        # Three profiles: the open one half done, one completed, one just started.
        owner_of(_profile(1, language="pl", source="ads", answers={"demographics": "a"}),
                 _profile(1, profile_id=2, completed_at=done,
                          answers={"demographics": "a", "psychographics": "", "channels": "c"}),
                 _profile(1, profile_id=3, answers={})),
        _profile(2, language="fa", source="ads", completed_at=done,
                 answers={"demographics": "a", "psychographics": "b", "channels": "c"}),
    ])
    stats = repository.stats(keys)
    assert (stats.owners, stats.started, stats.completed) == (2, 4, 2)
    assert stats.started_by_language == {"pl": 3, "fa": 1}
    assert stats.completed_by_language == {"pl": 1, "fa": 1}
    assert stats.reached == {"demographics": 3, "psychographics": 2, "channels": 2}
    assert stats.sources == {"ads": 2}  # owners, not profiles


def test_a_save_over_a_document_of_the_earlier_shape_leaves_none_of_it(tmp_path: Path) -> None:
    """TinyDB's update merges: saving over an earlier-shape document (the open profile's fields
    on the document, the others in `others`) would leave them in the file, where a profile the
    owner has since erased would stay. A save replaces the whole document."""
    from tests.helpers import earlier_shape

    repository = FileRepository.open(tmp_path / "profiles")
    owner = make_profile(5, "en", {"demographics": "erased words"})
    repository.save(owner)
    path = repository._files.path_of(5)
    data = json.loads(path.read_text("utf-8"))
    table = next(iter(data))
    doc_id = next(iter(data[table]))
    data[table][doc_id] = earlier_shape(owner) | {"others": [{"profile_id": 2}]}
    path.write_text(json.dumps(data), "utf-8")
    owner.answers["demographics"] = "new words"
    repository.save(owner)
    (document,) = json.loads(path.read_text("utf-8"))[table].values()
    assert "others" not in document and "answers" not in document
    assert "erased words" not in path.read_text("utf-8")
