"""Moving a bot between backends: `export` from one, `import` into the other (docs/storage.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from domain.model import Owner, Version
from flows.questions import QUESTION_KEYS
from storage.files import FileRepository
from tests.backends import Backend
from tests.helpers import run_bot


def _owners() -> list[Owner]:
    finished = {key: f"{key}: Kobiety 25–40 · زنان ۲۵ تا ۴۰ · \"=cmd\"" for key in QUESTION_KEYS}
    return [
        Owner.with_profile(
            11, "pl", "done", "2026-02-01T09:00:00+00:00", "2026-02-01T09:30:00+00:00",
                answers=finished, completed_at="2026-02-01T09:30:00+00:00", segment="mixed",
                source="insta_nov", reminder_at="2026-05-02T09:30:00+00:00"),
        Owner.with_profile(12, "fa", QUESTION_KEYS[2], "2026-02-03T18:00:00+00:00",
                "2026-02-03T18:04:00+00:00",
                answers={QUESTION_KEYS[0]: "زنان", QUESTION_KEYS[1]: ""}),
        Owner.with_profile(0, "en", QUESTION_KEYS[0], "2026-02-04T07:00:00+00:00",
                "2026-02-04T07:00:00+00:00"),
        _two_profiles(),
    ]


def _two_profiles() -> Owner:
    """Owner 13: profile 1 in its third version, two earlier ones kept; profile 2 renamed and
    open, with the owner's reminder."""
    def version(number: int) -> dict[str, str]:
        return {key: f"v{number} {key} · wersja {number}" for key in QUESTION_KEYS} | {
            "persona": f"Marta, {number + 39}, księgowa"}

    first = Owner.with_profile(
        13, "pl", "done", "2026-01-10T08:00:00+00:00", "2026-03-01T12:00:00+00:00",
                    answers=version(3), completed_at="2026-01-10T09:00:00+00:00",
                    segment="beginner", version=3, version_at="2026-03-01T12:00:00+00:00",
                    draft=False, history=[
                        Version(1, "2026-01-10T09:05:00+00:00", version(1)),
                        Version(2, "2026-02-01T10:00:00+00:00", version(2))])
    second = Owner.with_profile(13, "pl", QUESTION_KEYS[1], "2026-03-02T08:00:00+00:00",
                     "2026-03-02T08:10:00+00:00", answers={QUESTION_KEYS[0]: "Emeryci"},
                     source="fb", reminder_at="2026-03-05T08:10:00+00:00", profile_id=2,
                     name="Stali klienci")
    second.profiles[first.profile_id] = first.profile
    return second


def test_tinydb_to_postgresql_and_back_keeps_every_profile_and_version(
    tmp_path: Path, backend_postgres: Backend
) -> None:
    files = tmp_path / "from"
    FileRepository.open(files).save_many(_owners())
    first = tmp_path / "first.json"
    exported = run_bot("export", "--format", "json", "--history", "--out", str(first),
                       env={"BOT_DB_PATH": str(files)})
    assert exported.returncode == 0, exported.stderr

    into_postgres = run_bot("import", str(first), env=backend_postgres.env())
    assert into_postgres.returncode == 0, into_postgres.stderr
    second = tmp_path / "second.json"
    assert run_bot("export", "--format", "json", "--history", "--out", str(second),
                   env=backend_postgres.env()).returncode == 0

    back = tmp_path / "back"
    assert run_bot("import", str(second), env={"BOT_DB_PATH": str(back)}).returncode == 0
    third = tmp_path / "third.json"
    assert run_bot("export", "--format", "json", "--history", "--out", str(third),
                   env={"BOT_DB_PATH": str(back)}).returncode == 0

    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    assert "wrote 7 records" in exported.stderr
    assert [(record["user_id"], record["profile_id"], record["version"])
            for record in json.loads(first.read_text("utf-8"))] == [
        (0, 1, 1), (11, 1, 1), (12, 1, 1), (13, 1, 1), (13, 1, 2), (13, 1, 3), (13, 2, 1)]
    # Where each owner is, and their planned reminder, come through too.
    moved = FileRepository.open(back)
    assert [(p.user_id, p.state) for p in moved.iter_all()] == [
        (0, QUESTION_KEYS[0]), (11, "done"), (12, QUESTION_KEYS[2]), (13, QUESTION_KEYS[1])]
    assert moved.reminder_times() == [(11, datetime(2026, 5, 2, 9, 30, tzinfo=UTC)),
                                      (13, datetime(2026, 3, 5, 8, 10, tzinfo=UTC))]
    # Every profile and version of owner 13, as they were: only what no export carries
    # differs (each profile's `instance` tag; the approval time, which becomes the record's
    # last change).
    (expected,) = [owner for owner in _owners() if owner.user_id == 13]
    arrived = moved.get(13)
    assert arrived is not None and (arrived.profile_id, arrived.source) == (2, "fb")
    assert _comparable(arrived) == _comparable(expected)


def _comparable(owner: Owner) -> list[dict[str, object]]:
    return [{name: value for name, value in asdict(profile).items()
             if name not in ("instance", "version_at")} | {"reminder_at": owner.reminder_at}
            for profile in owner.customer_profiles()]
