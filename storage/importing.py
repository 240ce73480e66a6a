"""Loading a JSON export back (restore from a backup, move to a new machine).

Every record is checked before anything is written, so a bad file changes nothing but the
profiles it holds valid records for. Records are merged by `user_id`: a stored profile is
replaced only by a record that was updated later (so re-importing an old backup never rolls an
owner's newer answers back).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.conversation import MAX_ANSWER_CHARS, SOURCE_PATTERN
from flows.machine import DONE, SEGMENT, STATES
from flows.tips import Segment
from storage.base import ProfileRepository
from storage.model import Profile

__all__ = ["ImportFileError", "ImportReport", "import_profiles", "read_records", "to_profile"]

_SUMMARY_FIELDS = {
    "user_id",
    "language",
    "status",
    "started_at",
    "updated_at",
    "completed_at",
    "segment",
    "answers",
    "source",
}


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (not JSON, not a list of profiles)."""


@dataclass
class ImportReport:
    """What an import did.

    `kept`: records not applied because the stored profile was updated as late or later.
    `rejected`: (record number from 1, user id if it had one, reason).
    """

    added: int = 0
    replaced: int = 0
    kept: int = 0
    rejected: list[tuple[int, int | None, str]] = field(default_factory=list)


def read_records(path: Path) -> list[Any]:
    """The records of a JSON export (a list), or of a database file of an earlier version."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"cannot read {path} as JSON: {error}") from error
    if isinstance(data, dict) and isinstance(data.get("profiles"), dict):
        return list(data["profiles"].values())  # one TinyDB file of an earlier version
    if not isinstance(data, list):
        raise ImportFileError(f"{path} is not a JSON export: expected a list of profiles")
    return data


def to_profile(record: Any, languages: Collection[str], question_keys: Sequence[str]) -> Profile:
    """The profile a record describes; ValueError with the reason when it is not valid."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    known = _SUMMARY_FIELDS | set(Profile.__dataclass_fields__)
    unknown = sorted(set(record) - known)
    if unknown:
        raise ValueError(f"unknown fields {', '.join(unknown)}")
    user_id = record.get("user_id")
    # Telegram user ids are positive; 0 is the terminal console's profile.
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id < 0:
        raise ValueError("user_id must be a whole number, 0 or more")
    language = record.get("language")
    if not isinstance(language, str) or language not in languages:
        raise ValueError(f"language must be one of {', '.join(sorted(languages))}")
    for name in ("started_at", "updated_at"):
        _check_time(record, name, required=True)
    _check_time(record, "completed_at", required=False)
    answers = record.get("answers", {})
    if not isinstance(answers, dict):
        raise ValueError("answers must be an object")
    for key, answer in answers.items():
        if key not in question_keys:
            raise ValueError(f"unknown question {key!r}")
        if answer is not None and not isinstance(answer, str):
            raise ValueError(f"the answer to {key} must be text")
        if answer is not None and len(answer) > MAX_ANSWER_CHARS:
            raise ValueError(f"the answer to {key} is longer than {MAX_ANSWER_CHARS} characters")
    given = {key: answer for key, answer in answers.items() if answer is not None}
    segment = record.get("segment")
    if segment is not None and segment not in {s.value for s in Segment}:
        raise ValueError("segment must be experienced, beginner or mixed")
    completed_at = record.get("completed_at")
    status = record.get("status", "completed" if completed_at else "in_progress")
    if status not in ("completed", "in_progress") or (status == "completed") != bool(completed_at):
        raise ValueError("status must be completed (with completed_at) or in_progress")
    missing = [key for key in question_keys if key not in given]
    if completed_at and missing:
        raise ValueError(f"completed, but {missing[0]} has no answer")
    state = record.get("state") or _state_of(missing, segment)
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    profile = Profile(
        user_id=user_id,
        language=language,
        state=state,
        started_at=record["started_at"],
        updated_at=record["updated_at"],
        answers={k: given[k] for k in question_keys if k in given},
        completed_at=completed_at,
        segment=segment,
    )
    source = record.get("source")
    if source is not None:
        if not isinstance(source, str) or not SOURCE_PATTERN.fullmatch(source):
            raise ValueError("source must be 1 to 64 letters, digits, _ or -")
        profile.source = source
    for name in ("language_chosen", "paused", "blocked", "reminders_off"):
        if isinstance(record.get(name), bool):
            setattr(profile, name, record[name])
    if isinstance(record.get("instance"), str):
        profile.instance = record["instance"]
    return profile


def _check_time(record: dict[str, Any], name: str, *, required: bool) -> None:
    value = record.get(name)
    if value is None and not required:
        return
    try:
        datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an ISO 8601 date and time") from None


def _state_of(missing: list[str], segment: str | None) -> str:
    """Where the owner resumes: the first unanswered question, else the segment or the end."""
    if missing:
        return missing[0]
    return DONE if segment else SEGMENT


def import_profiles(
    repository: ProfileRepository,
    records: Iterable[Any],
    languages: Collection[str],
    question_keys: Sequence[str],
) -> ImportReport:
    """Validate every record, then merge the valid ones by user id; durable when it returns."""
    report = ImportReport()
    chosen: dict[int, Profile] = {}
    for number, record in enumerate(records, start=1):
        user_id = record.get("user_id") if isinstance(record, dict) else None
        user_id = user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None
        try:
            profile = to_profile(record, languages, question_keys)
        except ValueError as error:
            report.rejected.append((number, user_id, str(error)))
            continue
        if profile.user_id in chosen:
            report.rejected.append((number, user_id, "a second record for this user_id"))
            continue
        chosen[profile.user_id] = profile
    stored_ids = set(repository.user_ids())
    to_save: list[Profile] = []
    for user_id, profile in chosen.items():
        if user_id not in stored_ids:
            report.added += 1
            to_save.append(profile)
            continue
        stored = repository.get(user_id)
        if stored is not None and _time(stored.updated_at) >= _time(profile.updated_at):
            report.kept += 1
            continue
        report.replaced += 1
        to_save.append(profile)
    repository.save_many(to_save)
    return report


def _time(value: str) -> datetime:
    """A stored time; one without a zone is taken as UTC, as the bot writes them."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
