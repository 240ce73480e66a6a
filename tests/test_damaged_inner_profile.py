"""A damaged profile inside an owner's record (in `others`, or a version in `history`) is
contained as a damaged record is: exports and `/stats` name it and go on, `--skip-unreadable`
leaves it out, its owner is told, and it is never saved over; on both durable backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from domain.documents import read_owner
from domain.model import Version
from flows.i18n import Catalogs
from storage.profile_files import ProfileFiles
from tests.backends import Backend
from tests.helpers import make_profile, owner_of, run_bot, running_bot
from tests.standin import BotAPIStandIn, ChatUser

ADMIN, GOOD, BAD_OTHER, BAD_VERSION = 9200, 9201, 9202, 9203
DAMAGED = (BAD_OTHER, BAD_VERSION)
Record = dict[str, Any]


def _profiles(record: Record) -> list[Any]:
    """The list holding the profiles: `profiles` in today's shape, else the earlier shape's
    `others` (the open profile's fields on the record itself)."""
    profiles: list[Any] = record["profiles"] if "profiles" in record else record["others"]
    return profiles


def _other(record: Record) -> Record:
    """The stored fields of the owner's profile that is not open (in either shape)."""
    open_id = record.get("open_profile_id", record.get("profile_id"))
    other: Record = next(fields for fields in _profiles(record)
                         if fields["profile_id"] != open_id)
    return other


def _open(record: Record) -> Record:
    if "profiles" not in record:
        return record
    opened: Record = next(fields for fields in record["profiles"]
                          if fields["profile_id"] == record["open_profile_id"])
    return opened


def _break_other(record: Record) -> None:
    profiles = _profiles(record)
    profiles[profiles.index(_other(record))] = "not a profile"


def _not_a_list(record: Record) -> None:
    record["profiles" if "profiles" in record else "others"] = {"1": "x"}


def _break_version(record: Record) -> None:
    # No answers.
    _open(record)["history"] = [{"version": 1, "saved_at": "2026-03-01T10:00:00+00:00"}]


def _stored(backend: Backend, user_id: int) -> Record:
    if backend.url is None:
        path = ProfileFiles(backend.path).path_of(user_id)
        record: Record = json.loads(path.read_text("utf-8"))["profiles"][str(user_id)]
        return record
    with psycopg.connect(backend.url) as connection:
        row = connection.execute("SELECT record FROM profiles WHERE user_id = %s",
                                 (user_id,)).fetchone()
    assert row is not None
    result: Record = row[0]
    return result


def _damage(backend: Backend, user_id: int, change: Callable[[Record], None]) -> None:
    """Change the stored record behind the bot's back, as a faulty disk or hand edit would."""
    record = _stored(backend, user_id)
    change(record)
    if backend.url is None:
        path = ProfileFiles(backend.path).path_of(user_id)
        path.write_text(json.dumps({"profiles": {str(user_id): record}}), "utf-8")
        return
    with psycopg.connect(backend.url) as connection:
        connection.execute("UPDATE profiles SET record = %s WHERE user_id = %s",
                           (Jsonb(record), user_id))


def _owners(backend: Backend) -> None:
    repository = backend.open()
    for user_id in (GOOD, *DAMAGED):
        first = make_profile(user_id, answers={"demographics": f"first of {user_id}"},
                             completed=True)
        second = make_profile(user_id, answers={"demographics": f"second of {user_id}"},
                              profile_id=2)
        repository.save(owner_of(first, second))
    repository.close()
    _damage(backend, BAD_OTHER, _break_other)
    _damage(backend, BAD_VERSION, _break_version)


def test_run_bot_export_names_them_and_skips_them_when_asked(
    backend: Backend, tmp_path: Path
) -> None:
    _owners(backend)
    out = tmp_path / "profiles.json"
    refused = run_bot("export", "--format", "json", "--out", str(out), env=backend.env())
    assert refused.returncode == 1, refused.stderr
    assert f"user id {BAD_OTHER}, {BAD_VERSION} cannot be read" in refused.stderr
    assert not out.exists()
    skipped = run_bot("export", "--format", "json", "--out", str(out), "--skip-unreadable",
                      env=backend.env())
    assert skipped.returncode == 0, skipped.stderr
    assert str(BAD_OTHER) in skipped.stderr and str(BAD_VERSION) in skipped.stderr
    exported = json.loads(out.read_text("utf-8"))
    assert {record["user_id"] for record in exported} == {GOOD}
    assert len(exported) == 2  # both of the readable owner's profiles


async def test_in_the_chat_admins_are_told_and_the_owner_too_and_nothing_is_saved_over(
    bot_api: BotAPIStandIn, backend: Backend, catalogs: Catalogs
) -> None:
    _owners(backend)
    before = {user_id: _stored(backend, user_id) for user_id in DAMAGED}
    admin, good = ChatUser(bot_api, ADMIN), ChatUser(bot_api, GOOD)
    owners = [ChatUser(bot_api, user_id) for user_id in DAMAGED]
    on_files = backend.url is None
    async with running_bot(bot_api, backend.open(), catalogs, admin_ids=frozenset({ADMIN})):
        told = [(await owner.say("/profiles"))[0] for owner in owners]
        told += [(await owner.say("An answer"))[0] for owner in owners]
        (listed,) = await good.say("/profiles")
        # Files count by reading every record, and name the ones they cannot read; PostgreSQL
        # counts in SQL without reading profiles (the numbers, [the warning,] the chart).
        stats = await admin.say("/stats", replies=3 if on_files else 2)
        exported = await admin.say("/export json", replies=3)  # the warning, summary, file

    unreadable = catalogs.get("en").gettext(
        "I can't read your saved answers right now, so I have changed nothing. The bot's "
        "admins can restore them from a backup. If you'd rather start again, /delete erases "
        "them.")
    assert [message["text"] for message in told] == [unreadable] * 4
    assert listed["text"] != unreadable
    assert stats[0]["text"].startswith("📊")
    if on_files:
        assert str(BAD_OTHER) in stats[1]["text"] and str(BAD_VERSION) in stats[1]["text"]
    assert str(BAD_OTHER) in exported[0]["text"] and str(BAD_VERSION) in exported[0]["text"]
    files = dict(bot_api.files_sent_to(ADMIN))
    assert {record["user_id"] for record in json.loads(files["profiles.json"])} == {GOOD}
    assert {user_id: _stored(backend, user_id) for user_id in DAMAGED} == before


SECRET_ANSWER = "Anna, 34, private words"
DAMAGES: dict[str, Callable[[Record], None]] = {
    "the profiles are not a list": _not_a_list,
    "a profile that is text": _break_other,
    "a profile without its time": lambda r: _other(r).pop("updated_at"),
    "a time that is not one": lambda r: _other(r).update(updated_at=SECRET_ANSWER),
    "answers that are a list": lambda r: _other(r).update(answers=[SECRET_ANSWER]),
    "an answer that is a number": lambda r: _other(r).update(answers={"persona": 3}),
    "a profile number that is true": lambda r: _other(r).update(profile_id=True),
    "a profile number twice": lambda r: _other(r).update(profile_id=_open(r)["profile_id"]),
    "a version without answers": _break_version,
    "a version that is text": lambda r: _open(r).update(history=[SECRET_ANSWER]),
    "a version inside another profile": lambda r: _other(r).update(
        history=[{"version": "1", "saved_at": "2026-03-01", "answers": {}}]),
}


def test_every_kind_of_inner_damage_is_refused_without_quoting_it() -> None:
    first = make_profile(1, answers={"persona": SECRET_ANSWER}, completed=True)
    second = make_profile(1, answers={"persona": SECRET_ANSWER}, profile_id=2, history=[
        Version(1, "2026-03-01T10:00:00+00:00", {"persona": "x"})])
    record = owner_of(first, second).to_record()
    assert read_owner(record).to_record() == record  # a sound record reads back
    for kind, damage in DAMAGES.items():
        damaged = json.loads(json.dumps(record))
        damage(damaged)
        try:
            read_owner(damaged)
        except ValueError as error:
            assert SECRET_ANSWER not in str(error), kind
        else:
            raise AssertionError(f"not refused: {kind}")
