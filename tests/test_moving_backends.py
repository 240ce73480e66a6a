"""Moving a bot between backends: `export` from one, `import` into the other (docs/storage.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from flows.questions import QUESTION_KEYS
from storage.files import FileRepository
from storage.model import Profile
from tests.backends import Backend
from tests.helpers import run_bot


def _owners() -> list[Profile]:
    finished = {key: f"{key}: Kobiety 25–40 · زنان ۲۵ تا ۴۰ · \"=cmd\"" for key in QUESTION_KEYS}
    return [
        Profile(11, "pl", "done", "2026-02-01T09:00:00+00:00", "2026-02-01T09:30:00+00:00",
                answers=finished, completed_at="2026-02-01T09:30:00+00:00", segment="mixed",
                source="insta_nov", reminder_at="2026-05-02T09:30:00+00:00"),
        Profile(12, "fa", QUESTION_KEYS[2], "2026-02-03T18:00:00+00:00",
                "2026-02-03T18:04:00+00:00",
                answers={QUESTION_KEYS[0]: "زنان", QUESTION_KEYS[1]: ""}),
        Profile(0, "en", QUESTION_KEYS[0], "2026-02-04T07:00:00+00:00",
                "2026-02-04T07:00:00+00:00"),
    ]


def test_tinydb_to_postgresql_and_back_keeps_every_profile(
    tmp_path: Path, backend_postgres: Backend
) -> None:
    files = tmp_path / "from"
    FileRepository.open(files).save_many(_owners())
    first = tmp_path / "first.json"
    exported = run_bot("export", "--format", "json", "--out", str(first),
                       env={"BOT_DB_PATH": str(files)})
    assert exported.returncode == 0, exported.stderr

    into_postgres = run_bot("import", str(first), env=backend_postgres.env())
    assert into_postgres.returncode == 0, into_postgres.stderr
    second = tmp_path / "second.json"
    assert run_bot("export", "--format", "json", "--out", str(second),
                   env=backend_postgres.env()).returncode == 0

    back = tmp_path / "back"
    assert run_bot("import", str(second), env={"BOT_DB_PATH": str(back)}).returncode == 0
    third = tmp_path / "third.json"
    assert run_bot("export", "--format", "json", "--out", str(third),
                   env={"BOT_DB_PATH": str(back)}).returncode == 0

    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    assert [record["user_id"] for record in json.loads(first.read_text("utf-8"))] == [0, 11, 12]
    # Where each owner is, and their planned reminder, come through too.
    moved = FileRepository.open(back)
    assert [(p.user_id, p.state) for p in moved.iter_all()] == [
        (0, QUESTION_KEYS[0]), (11, "done"), (12, QUESTION_KEYS[2])]
    assert moved.reminder_times() == [(11, datetime(2026, 5, 2, 9, 30, tzinfo=UTC))]
