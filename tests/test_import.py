"""`run_bot.py import`: a JSON export loads back, bad records are named, merges keep the newest."""

from __future__ import annotations

import errno
import io
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from cli.console import CONSOLE_USER_ID
from domain.model import Owner, Version
from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.machine import DONE
from flows.questions import QUESTION_KEYS
from flows.records import record_reader
from storage.base import ProfileRepository
from storage.export import export_json
from storage.files import FileRepository
from storage.importing import ImportWriteError, import_profiles, read_records
from storage.memory import MemoryRepository
from tests.helpers import make_profile, run_bot

LANGUAGES = ("en", "pl", "fa")
READ = record_reader(LANGUAGES)


def _record(user_id: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "user_id": user_id, "language": "pl", "status": "in_progress",
        "started_at": "2026-11-01T10:00:00+00:00", "updated_at": "2026-11-01T10:05:00+00:00",
        "completed_at": None, "segment": None,
        "answers": {"demographics": "Kobiety 25–40", "psychographics": "", "problems_needs": None},
    }
    record.update(changes)
    return record


def _completed(user_id: int, **changes: Any) -> dict[str, Any]:
    finished: dict[str, Any] = {
        "status": "completed", "completed_at": "2026-11-01T10:20:00+00:00", "segment": "beginner",
        "answers": {key: f"{key} ۱۲" for key in QUESTION_KEYS},
    }
    return _record(user_id, **(finished | changes))


def test_an_export_imports_back_into_an_empty_database_unchanged(tmp_path: Path) -> None:
    source = MemoryRepository()
    # 0 is the terminal console's own profile: a backup restores it too.
    for record in (_record(CONSOLE_USER_ID), _record(5), _completed(7, language="fa")):
        source.save(_import_one(record))
    exported = io.StringIO()
    export_json(source.iter_all(), QUESTION_KEYS, exported)
    target = FileRepository.open(tmp_path / "profiles")
    report = import_profiles(target, json.loads(exported.getvalue()), READ)
    assert (report.added, report.replaced, report.kept, report.rejected) == (3, 0, 0, [])
    again = io.StringIO()
    export_json(target.iter_all(), QUESTION_KEYS, again)
    assert again.getvalue() == exported.getvalue()


def _import_one(record: dict[str, Any]) -> Owner:
    repository = MemoryRepository()
    report = import_profiles(repository, [record], READ)
    assert report.rejected == []
    (profile,) = repository.iter_all()
    return profile


def test_an_imported_owner_resumes_at_their_first_unanswered_question(catalogs: Catalogs) -> None:
    repository = MemoryRepository()
    import_profiles(repository, [_record(5), _completed(7)], READ)
    resumed = repository.get(5)
    assert resumed is not None and resumed.state == "problems_needs"
    assert resumed.answers == {"demographics": "Kobiety 25–40", "psychographics": ""}
    finished = repository.get(7)
    assert finished is not None and finished.state == DONE
    Conversation(repository, catalogs, 5, client_language="pl").text("Brak czasu na zakupy")
    after = repository.get(5)
    assert after is not None and after.answers["problems_needs"] == "Brak czasu na zakupy"


def test_a_profile_completed_before_a_question_was_added_imports_with_it_unanswered(
    catalogs: Catalogs,
) -> None:
    """A backup from before the table grew: its completed profiles lack the newest answer."""
    older = {key: f"{key} ۱۲" for key in QUESTION_KEYS[:-1]}
    repository = MemoryRepository()
    report = import_profiles(repository, [_completed(7, answers=older)], READ)  # no "state"
    assert report.rejected == [] and report.added == 1
    profile = repository.get(7)
    assert profile is not None and profile.answers == older
    assert profile.state == DONE and profile.status == "completed"  # not sent back to a question
    # The owner sees the question as skipped and can answer it from the review.
    review = Conversation(repository, catalogs, 7, client_language="en").review()
    assert review.replies[-1].text.count("(skipped)") == 1


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ("not an object", "not a JSON object"),
        (_record(-5), "user_id must be a whole number, 0 or more"),
        (_record(True), "user_id must be a whole number, 0 or more"),
        (_record(5, language="de"), "language must be one of en, fa, pl"),
        (_record(5, started_at="yesterday"), "started_at must be an ISO 8601"),
        (_record(5, answers={"favourite_colour": "red"}), "unknown question 'favourite_colour'"),
        (_record(5, answers={"demographics": 42}), "the answer to demographics must be text"),
        (_record(5, answers={"demographics": "x" * 4097}), "longer than 4096"),
        (_record(5, segment="expert"), "segment must be"),
        (_record(5, status="completed"), "status must be completed (with completed_at)"),
        (_record(5, password="hunter2"), "unknown fields password"),
        # Text storage cannot write (UTF-8 has no lone surrogates), in any string it keeps.
        (_record(5, answers={"demographics": "ok \ud800 …"}),
         "the answer to demographics is not valid Unicode (a lone surrogate U+D800"),
        (_record(5, instance="\udfff"), "instance is not valid Unicode"),
        # Control characters: invisible, and the bot does not take them as answers either.
        (_record(5, answers={"demographics": "a\x00b"}),
         "the answer to demographics holds a control character (U+0000 at character 2)"),
        (_record(5, answers={"demographics": "\x1b[2J"}), "holds a control character (U+001B"),
        # Telegram user ids have at most 52 bits; 2**70 is nobody's.
        (_record(2**70), "user_id must be at most 2**52 - 1"),
        (_record(2**52), "user_id must be at most 2**52 - 1"),
        # A state the conversation cannot reach with these answers and this status.
        (_record(5, state="done", answers={}), "state done needs every answer"),
        (_record(5, state="review"), "state review needs every answer"),
        (_record(5, state="metrics"), "state metrics, but problems_needs before it has no answer"),
        (_record(5, answers={"demographics": "a", "channels": "b"}),
         "in progress, but channels is answered and psychographics before it is not"),
        (_record(5, segment="beginner"), "in progress, but a segment is set"),
        (_record(5, answers={key: "a" for key in QUESTION_KEYS}),
         "in progress, but every question is answered"),
    ],
)
def test_an_invalid_record_is_rejected_with_its_reason_and_stores_nothing(
    record: Any, reason: str
) -> None:
    repository = MemoryRepository()
    report = import_profiles(repository, [_record(1), record], READ)
    assert len(report.rejected) == 1
    number, _, message = report.rejected[0]
    assert number == 2 and reason in message
    assert repository.user_ids() == [1]  # the valid record still loads


def test_merging_keeps_whichever_profile_was_updated_last() -> None:
    repository = MemoryRepository()
    import_profiles(repository, [_record(1), _record(2)], READ)
    older = _record(1, updated_at="2026-10-01T00:00:00+00:00", answers={"demographics": "old"})
    newer = _record(2, updated_at="2026-12-01T00:00:00", answers={"demographics": "new"})
    twice = _record(3)
    report = import_profiles(repository, [older, newer, twice, twice], READ)
    assert (report.added, report.replaced, report.kept) == (1, 1, 1)
    assert report.rejected == [(4, 3, "a second record for this user_id")]
    first, second = repository.get(1), repository.get(2)
    assert first is not None and first.answers["demographics"] == "Kobiety 25–40"
    assert second is not None and second.answers == {"demographics": "new"}


def test_a_database_file_of_an_earlier_version_reads_as_records(tmp_path: Path) -> None:
    legacy = tmp_path / "profiles.json"
    profile = _import_one(_record(9))
    # That version's record: one profile, its fields on the record itself.
    record = {**profile.to_record(), **asdict(profile.profile)}
    del record["profiles"], record["open_profile_id"], record["profile_id"]
    legacy.write_text(json.dumps({"profiles": {"9": record}}), encoding="utf-8")
    repository = MemoryRepository()
    import_profiles(repository, read_records(legacy), READ)
    assert repository.get(9) == profile


def test_the_import_command_reports_rejections_and_loads_the_rest(tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps([_completed(11), _record(12, language="xx")]), encoding="utf-8")
    db = tmp_path / "profiles"
    result = run_bot("import", str(backup), env={"BOT_DB_PATH": str(db)})
    assert result.returncode == 1
    languages = ", ".join(sorted(Catalogs.load().languages))  # every catalog's: en, fa, pl…
    assert f"rejected record 2 (user_id 12): language must be one of {languages}" in result.stderr
    assert "1 added, 0 replaced, 0 kept" in result.stderr
    assert FileRepository.open(db, read_only=True).user_ids() == [11]
    backup.write_text("[{", encoding="utf-8")
    broken = run_bot("import", str(backup), env={"BOT_DB_PATH": str(db)})
    assert broken.returncode == 1 and "cannot read" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_the_largest_telegram_user_id_and_every_reachable_state_are_accepted() -> None:
    repository = MemoryRepository()
    records = [
        _record(2**52 - 1),
        # After /back: at an answered question before the first unanswered one.
        _record(6, state="demographics"),
        # A finished owner editing an answer from the review, or at any step after it.
        *(_completed(10 + n, state=state)
          for n, state in enumerate(["channels", "review", "segment", "tips", "done"])),
        _completed(20, state="done", segment=None),  # the segment question was skipped
    ]
    report = import_profiles(repository, records, READ)
    assert report.rejected == []
    assert report.added == len(records)
    edited = repository.get(10)
    assert edited is not None and edited.state == "channels" and edited.completed_at


def test_an_answer_storage_cannot_write_is_rejected_by_the_command_and_the_rest_stored(
    tmp_path: Path,
) -> None:
    # json.dumps writes the lone surrogate as the escape "\ud800", valid JSON that loads back.
    backup = tmp_path / "backup.json"
    records = [_completed(11), _record(12, answers={"demographics": "\ud800 …"}), _record(13)]
    backup.write_text(json.dumps(records), encoding="utf-8")
    db = tmp_path / "profiles"
    result = run_bot("import", str(backup), env={"BOT_DB_PATH": str(db)})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    rejected, summary = result.stderr.strip().splitlines()
    assert rejected == ("rejected record 2 (user_id 12): the answer to demographics is not "
                        "valid Unicode (a lone surrogate U+D800 at character 1)")
    assert summary.startswith(f"3 records in {backup}, for 2 owners: 2 added, 0 replaced, 0 kept "
                              "(the stored profile is as new or newer), 1 record rejected; ")
    assert FileRepository.open(db, read_only=True).user_ids() == [11, 13]


def test_a_write_that_fails_midway_leaves_nothing_of_the_import(tmp_path: Path) -> None:
    db = tmp_path / "profiles"
    repository = FileRepository.open(db)
    before = _import_one(_record(1, answers={"demographics": "stored before"}))
    repository.save(before)
    # Owner 5's folder is a file, so writing their profile fails after 1 and 2 were written.
    (db / "005").write_text("not a folder", encoding="utf-8")
    newer = {"updated_at": "2026-12-01T00:00:00+00:00", "answers": {"demographics": "imported"}}
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps([_record(1, **newer), _record(2), _record(5), _record(7)]),
                      encoding="utf-8")
    result = run_bot("import", str(backup), env={"BOT_DB_PATH": str(db)})
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: writing the profile of user_id 5 failed: Not a directory")
    assert line.endswith("nothing of this import is stored (profiles written before it were "
                         "put back as they were: 2)")
    # Owner 1 has their earlier profile again, and the new owner 2 is gone.
    assert repository.user_ids() == [1]
    assert repository.get(1) == before


class _DiskFillingRepository(MemoryRepository):
    """Writes two profiles of an import, then the disk is full: even the undo cannot write."""

    full = False

    def save_many(self, profiles: Iterable[Owner]) -> int:
        for count, profile in enumerate(profiles):
            if count == 2:
                self.full = True
                raise OSError(errno.ENOSPC, "No space left on device")
            super().save(profile)
        return 2

    def save(self, profile: Owner) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        super().save(profile)


def test_an_undo_that_fails_too_names_the_profiles_to_restore() -> None:
    repository = _DiskFillingRepository()
    repository.save(_import_one(_record(1)))
    newer = _record(1, updated_at="2026-12-01T00:00:00+00:00", answers={"demographics": "new"})
    with pytest.raises(ImportWriteError) as raised:
        import_profiles(repository, [newer, _record(2), _record(3)], READ)
    assert str(raised.value) == (
        "writing the profile of user_id 3 failed: [Errno 28] No space left on device; undoing "
        "the import failed too, so these profiles may hold the imported version: user_id 1; "
        "restore them from a backup")
    assert repository.user_ids() == [1]  # the new owner 2 was erased: that needs no room


# -- several customer profiles per owner, and their versions ----------------------------------


def _numbered(user_id: int, profile_id: int, version: int, **changes: Any) -> dict[str, Any]:
    """A record of the format with several profiles: profile `profile_id`, version `version`."""
    return _completed(user_id, profile_id=profile_id, version=version, **changes)


def _persona(name: str, version: int) -> dict[str, str]:
    return {key: f"v{version} {key}" for key in QUESTION_KEYS} | {"persona": f"{name}, 32"}


def test_an_owners_records_become_their_profiles_with_the_earlier_versions_as_history() -> None:
    records = [
        _numbered(5, 1, 1, updated_at="2026-11-02T10:00:00+00:00", answers=_persona("Anna", 1),
                  profile_name="Anna", open=False, state=None, reminder_at=None),
        _numbered(5, 1, 2, updated_at="2026-11-05T10:00:00+00:00", answers=_persona("Anna", 2),
                  profile_name="Anna", open=False, reminder_at=None),
        # The open one: its settings are the owner's (the others' are not taken).
        _record(5, profile_id=3, version=1, updated_at="2026-11-03T10:00:00+00:00",
                profile_name="Studenci", open=True, language="fa", source="insta",
                reminder_at="2026-11-06T10:00:00+00:00"),
    ]
    repository = MemoryRepository()
    report = import_profiles(repository, records, READ)
    assert (report.added, report.rejected) == (1, [])
    owner = repository.get(5)
    assert owner is not None
    assert (owner.profile_id, owner.profile_ids) == (3, [1, 3])
    assert (owner.language, owner.source) == ("fa", "insta")
    assert owner.reminder_at == "2026-11-06T10:00:00+00:00"
    assert (owner.name, owner.given_name, owner.draft) == ("Studenci", "Studenci", True)
    first = owner.customer_profiles()[0]
    assert (first.version, first.draft) == (2, False)
    assert first.version_at == "2026-11-05T10:00:00+00:00"  # approved: when last updated
    assert first.name is None and first.given_name == "Anna"  # still named by its persona
    assert first.answers == _persona("Anna", 2)
    assert first.history == [Version(version=1, saved_at="2026-11-02T10:00:00+00:00",
                                      answers=_persona("Anna", 1))]


def test_without_open_the_profile_changed_last_opens_and_a_record_of_today_is_profile_1() -> None:
    repository = MemoryRepository()
    today = _completed(5, updated_at="2026-11-09T10:00:00+00:00")  # no profile_id: profile 1
    report = import_profiles(repository, [
        _numbered(5, 2, 1, updated_at="2026-11-03T10:00:00+00:00"), today,
        _numbered(5, 4, 1, updated_at="2026-11-05T10:00:00+00:00")], READ)
    assert report.rejected == []
    owner = repository.get(5)
    assert owner is not None and (owner.profile_id, owner.profile_ids) == (1, [1, 2, 4])


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"profile_id": 0}, "profile_id must be a whole number, 1 to 10"),
        # At most ten profiles per owner: an eleventh cannot even be numbered.
        ({"profile_id": 11}, "profile_id must be a whole number, 1 to 10"),
        ({"profile_id": "2"}, "profile_id must be a whole number, 1 to 10"),
        ({"profile_id": True}, "profile_id must be a whole number, 1 to 10"),
        ({"version": 0}, "version must be a whole number, 1 or more"),
        ({"version": 1.5}, "version must be a whole number, 1 or more"),
        ({"profile_name": "x" * 41}, "profile_name must be null or 1 to 40 characters"),
        ({"profile_name": " "}, "profile_name must be null or 1 to 40 characters"),
        ({"profile_name": 7}, "profile_name must be null or 1 to 40 characters"),
        ({"profile_name": "a\x1bb"}, "profile_name holds a control character (U+001B"),
        ({"open": "yes"}, "open must be true or false"),
        ({"approved": "yes"}, "approved must be true or false"),
        ({"approved_at": "soon"}, "approved_at must be an ISO 8601 date and time"),
        ({"approved_at": "2026-11-01T10:20:00+00:00", "approved": False},
         "approved_at is set, but the record is not approved"),
        ({"approved_at": "2026-12-01T10:00:00+00:00"},
         "approved_at must be between started_at and updated_at"),
        # A stored record, not an export: its other profiles would be dropped without a word.
        ({"others": [{"profile_id": 2}]}, "it holds others: import a JSON export instead"),
        ({"history": [{"version": 1}]}, "it holds history: import a JSON export instead"),
    ],
)
def test_a_profile_number_version_name_or_open_flag_the_bot_cannot_have_is_rejected(
    changes: dict[str, Any], reason: str
) -> None:
    repository = MemoryRepository()
    record = _completed(2, **({"profile_id": 1, "version": 1} | changes))
    report = import_profiles(repository, [_record(1), record], READ)
    ((number, user_id, message),) = report.rejected
    assert (number, user_id) == (2, 2) and reason in message
    assert repository.user_ids() == [1]


def test_records_that_contradict_each_other_are_named_and_their_owner_left_out() -> None:
    repository = MemoryRepository()
    report = import_profiles(repository, [
        _numbered(1, 1, 1), _numbered(1, 1, 1, answers=_persona("Ola", 1)),
        _numbered(2, 1, 1, open=True), _numbered(2, 2, 1, open=True),
        _numbered(3, 1, 1, open=True), _numbered(3, 1, 2),
    ], READ)
    assert report.rejected == [
        (2, 1, "a second record of profile 1 version 1 for this user_id"),
        (3, 2, "2 profiles of this user_id are marked open"),
        (4, 2, "2 profiles of this user_id are marked open"),
        (5, 3, "version 1 of profile 1 is marked open, but it has a later version (2)"),
        (6, 3, "version 1 of profile 1 is marked open, but it has a later version (2)"),
    ]
    assert repository.user_ids() == [1]


def test_an_owner_is_replaced_only_by_an_import_that_changed_later_than_any_profile() -> None:
    repository = MemoryRepository()
    import_profiles(repository, [
        _numbered(1, 1, 1, updated_at="2026-11-01T10:00:00+00:00", open=True),
        _numbered(1, 2, 1, updated_at="2026-11-20T10:00:00+00:00", answers=_persona("Ola", 1)),
    ], READ)
    # Newer than the stored open profile, older than the other one: the stored owner stays.
    older = _numbered(1, 1, 1, updated_at="2026-11-10T10:00:00+00:00", answers=_persona("X", 1))
    report = import_profiles(repository, [older], READ)
    assert (report.kept, report.replaced) == (1, 0)
    owner = repository.get(1)
    assert owner is not None and owner.profile_ids == [1, 2]
    newer = {**older, "updated_at": "2026-11-21T10:00:00+00:00"}
    assert import_profiles(repository, [newer], READ).replaced == 1
    replaced = repository.get(1)
    assert replaced is not None and replaced.profile_ids == [1]
    assert replaced.given_name == "X"


def test_an_export_with_history_imports_back_into_any_backend_unchanged(
    repository: ProfileRepository,
) -> None:
    source = MemoryRepository()
    import_profiles(source, [
        _numbered(5, 1, 1, updated_at="2026-11-02T10:00:00+00:00", answers=_persona("Anna", 1)),
        _numbered(5, 1, 2, updated_at="2026-11-04T10:00:00+00:00", answers=_persona("Anna", 2),
                  profile_name="Best clients"),
        _record(5, profile_id=2, open=True, reminder_at="2026-11-06T10:00:00+00:00"),
        _completed(6),
    ], READ)
    exported = io.StringIO()
    assert export_json(source.iter_all(), QUESTION_KEYS, exported, history=True) == 4
    report = import_profiles(repository, json.loads(exported.getvalue()), READ)
    assert (report.added, report.rejected) == (2, [])
    again = io.StringIO()
    export_json(repository.iter_all(), QUESTION_KEYS, again, history=True)
    assert again.getvalue() == exported.getvalue()


def test_a_revisit_not_approved_yet_comes_back_as_a_draft() -> None:
    """Its answers are the current ones, but not a version the owner approved: the export says
    so, and the restore keeps them a draft, so approving them later still makes the version."""
    owner = make_profile(3, "en", {key: f"v2 {key}" for key in QUESTION_KEYS}, completed=True,
                         state="review")
    owner.version, owner.draft = 2, True
    owner.history = [Version(version=1, saved_at=owner.started_at,
                             answers={key: f"v1 {key}" for key in QUESTION_KEYS})]
    exported = io.StringIO()
    export_json([owner], QUESTION_KEYS, exported, history=True)
    records = json.loads(exported.getvalue())
    assert [(r["version"], r["approved"]) for r in records] == [(1, True), (2, False)]
    repository = MemoryRepository()
    import_profiles(repository, records, READ)
    restored = repository.get(3)
    assert restored is not None
    assert (restored.version, restored.draft, restored.version_at) == (2, True, None)
    assert restored.history[0].answers == owner.history[0].answers


@pytest.mark.parametrize(
    ("records", "reason"),
    [
        # An earlier version in progress: the bot keeps a version only once it is complete.
        ([_numbered(4, 1, 1, status="in_progress", completed_at=None, segment=None,
                    answers={"demographics": "x"}), _numbered(4, 1, 2)],
         "version 1 of profile 1 is in progress, but it has a later version (2)"),
        # An earlier version waiting for approval: only the current one can.
        ([_numbered(4, 1, 1, approved=False), _numbered(4, 1, 2)],
         "version 1 of profile 1 is not approved, but it has a later version (2)"),
        # A current version in progress after a completed one.
        ([_numbered(4, 1, 1), _record(4, profile_id=1, version=2)],
         "profile 1 has earlier versions, but its current version (2) is in progress"),
    ],
)
def test_version_records_the_bot_cannot_have_kept_are_refused_with_the_reason(
    records: list[dict[str, Any]], reason: str
) -> None:
    repository = MemoryRepository()
    report = import_profiles(repository, [_completed(1), *records], READ)
    assert [(number, user_id) for number, user_id, _ in report.rejected] == [(2, 4), (3, 4)]
    assert all(reason in message for _, _, message in report.rejected)
    assert repository.user_ids() == [1]


def test_a_finished_first_version_not_approved_imports_as_version_1() -> None:
    """Exports made before a finished profile was a version from its completion say
    `approved: false` for one never approved; it is version 1 now, as in the bot."""
    repository = MemoryRepository()
    import_profiles(repository, [_numbered(4, 1, 1, approved=False)], READ)
    owner = repository.get(4)
    assert owner is not None and (owner.version, owner.draft) == (1, False)


def _history_export() -> list[dict[str, Any]]:
    source = MemoryRepository()
    import_profiles(source, [
        _numbered(5, 1, 1, updated_at="2026-11-02T10:00:00+00:00", answers=_persona("Anna", 1)),
        _numbered(5, 1, 2, updated_at="2026-11-04T10:00:00+00:00", answers=_persona("Anna", 2)),
        _numbered(5, 2, 1, updated_at="2026-11-03T10:00:00+00:00", open=True),
    ], READ)
    exported = io.StringIO()
    export_json(source.iter_all(), QUESTION_KEYS, exported, history=True)
    records: list[dict[str, Any]] = json.loads(exported.getvalue())
    return records


def test_a_history_export_over_a_plain_restore_of_the_same_moment_adds_the_versions() -> None:
    records = _history_export()
    repository = MemoryRepository()
    plain = [record for record in records if record["approved"] and record["state"]]
    assert import_profiles(repository, plain, READ).added == 1
    before = repository.get(5)
    assert before is not None and before.others()[0].history == []
    report = import_profiles(repository, records, READ)
    assert (report.kept, report.versions_added, report.rejected) == (1, 1, [])
    owner = repository.get(5)
    assert owner is not None and owner.profile_id == 2
    (first,) = [view for view in owner.customer_profiles() if view.profile_id == 1]
    assert [old.answers for old in first.history] == [_persona("Anna", 1)]
    assert owner.instance == before.instance  # the stored owner, given its versions
    # Once more: nothing left to add.
    assert import_profiles(repository, records, READ).versions_added == 0


def test_versions_are_not_added_to_an_owner_who_changed_since() -> None:
    records = _history_export()
    repository = MemoryRepository()
    import_profiles(repository, [r for r in records if r["state"]], READ)
    changed = repository.get(5)
    assert changed is not None
    changed.answers["demographics"] = "changed after the restore"
    changed.updated_at = "2026-11-20T10:00:00+00:00"
    repository.save(changed)
    report = import_profiles(repository, records, READ)
    assert (report.kept, report.versions_added) == (1, 0)
    assert repository.get(5) == changed


def test_the_import_command_says_when_it_adds_earlier_versions(tmp_path: Path) -> None:
    records = _history_export()
    plain, history = tmp_path / "plain.json", tmp_path / "history.json"
    plain.write_text(json.dumps([r for r in records if r["state"]]), encoding="utf-8")
    history.write_text(json.dumps(records), encoding="utf-8")
    env = {"BOT_DB_PATH": str(tmp_path / "profiles")}
    assert run_bot("import", str(plain), env=env).returncode == 0
    result = run_bot("import", str(history), env=env)
    assert result.returncode == 0, result.stderr
    assert ("0 added, 0 replaced, 1 kept (the stored profile is as new or newer; 1 of them "
            "given the earlier versions they lacked)") in result.stderr


def test_a_version_keeps_its_approval_date_through_an_export_and_import() -> None:
    """A change after the approval that makes no new version (a rename, a measured value)
    moves `updated_at` on; a restore dates the version when the owner approved it, not then."""
    owner = make_profile(3, "en", {key: f"v1 {key}" for key in QUESTION_KEYS}, completed=True,
                         state=DONE)
    owner.draft, owner.version_at = False, "2026-03-01T10:00:00+00:00"
    owner.updated_at = "2026-04-01T10:00:00+00:00"  # renamed a month later
    exported = io.StringIO()
    export_json([owner], QUESTION_KEYS, exported)
    (record,) = json.loads(exported.getvalue())
    assert record["approved_at"] == "2026-03-01T10:00:00+00:00"
    repository = MemoryRepository()
    assert import_profiles(repository, [record], READ).rejected == []
    restored = repository.get(3)
    assert restored is not None
    assert (restored.version_at, restored.updated_at) == (
        "2026-03-01T10:00:00+00:00", "2026-04-01T10:00:00+00:00")
