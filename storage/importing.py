"""Loading a JSON export back (restore from a backup, move to a new machine).

Every record is checked before anything is written, so a bad file changes nothing but the
profiles it holds valid records for. Records are merged by `user_id`: a stored profile is
replaced only by a record that was updated later (so re-importing an old backup never rolls an
owner's newer answers back).

The write phase is all or nothing: a record is accepted only once it has been serialised the way
storage writes it, and if a write still fails midway (a full disk, an I/O error), every profile
this import touched is put back as it was before `ImportWriteError` is raised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.conversation import MAX_ANSWER_CHARS, SOURCE_PATTERN
from flows.machine import DONE, SEGMENT, STATES
from flows.tips import Segment
from storage.base import ProfileRepository
from storage.model import Profile

__all__ = [
    "MAX_USER_ID",
    "ImportFileError",
    "ImportReport",
    "ImportWriteError",
    "import_profiles",
    "read_records",
    "to_profile",
]

#: The largest Telegram user id: Telegram documents them as having at most 52 significant bits.
#: The bound also keeps every exported id exact for JSON readers that hold numbers as doubles
#: (JavaScript, spreadsheets), which exports are made for.
MAX_USER_ID = 2**52 - 1

# What no stored text may hold: lone surrogates (not encodable as UTF-8, so storage cannot
# write them) and control characters other than tab and line breaks (invisible, and the bot
# refuses them in typed answers too).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

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


class ImportWriteError(RuntimeError):
    """Writing failed midway; the profiles this import had written were put back as they were.

    The message says what failed and whether the undo was complete (it names any profile that
    could not be put back, so an admin knows what to restore from a backup).
    """


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
    except (OSError, ValueError, RecursionError) as error:
        # ValueError covers JSONDecodeError, UnicodeDecodeError and numbers over Python's digit
        # limit; RecursionError a file nested too deeply to parse.
        reason = error.strerror if isinstance(error, OSError) else error
        if isinstance(error, RecursionError):
            reason = "it is nested too deeply"
        raise ImportFileError(f"cannot read {path} as JSON: {reason}") from error
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
    if user_id > MAX_USER_ID:
        raise ValueError(f"user_id must be at most 2**52 - 1 ({MAX_USER_ID}), as Telegram's are")
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
        if answer is not None:
            _check_text(f"the answer to {key}", answer)
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
    if not completed_at:
        # The questions are answered in order (/back keeps later answers; edits and the
        # segment come only after the ninth), so an unfinished profile's answers are a prefix.
        if not missing:
            raise ValueError("in progress, but all nine questions are answered (no completed_at)")
        gap = question_keys.index(missing[0])
        after_gap = [key for key in question_keys[gap:] if key in given]
        if after_gap:
            raise ValueError(f"in progress, but {after_gap[0]} is answered and {missing[0]} "
                             "before it is not")
        if segment is not None:
            raise ValueError("in progress, but a segment is set (it is chosen after the "
                             "ninth question)")
    state = record.get("state") or _state_of(missing, segment)
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    _check_state(state, missing, question_keys, completed=bool(completed_at))
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
        _check_text("instance", record["instance"])
        profile.instance = record["instance"]
    try:  # what storage will write: nothing accepted here can fail there
        # vars() holds what to_record() would, without asdict()'s deep copy (3x the cost).
        json.dumps(vars(profile), ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError) as error:
        reason = error.__class__.__name__
        raise ValueError(f"it cannot be stored as UTF-8 JSON ({reason})") from None
    return profile


def _check_text(name: str, text: str) -> None:
    """Refuse text storage cannot write (lone surrogates) or that hides control characters."""
    bad = _UNSTORABLE.search(text)
    if bad is None:
        return
    char = bad.group()
    what = ("is not valid Unicode (a lone surrogate " if "\ud800" <= char <= "\udfff"
            else "holds a control character (")
    raise ValueError(f"{name} {what}U+{ord(char):04X} at character {bad.start() + 1})")


def _check_state(state: str, missing: list[str], question_keys: Sequence[str], *,
                 completed: bool) -> None:
    """Refuse a state the conversation could not have reached with these answers.

    Unfinished: the owner is at a question with every earlier one answered (it may be before
    the first unanswered one, after /back). Finished: any step after the questions, or any
    question (an edit from the review).
    """
    if completed:
        return
    if state not in question_keys:
        raise ValueError(f"state {state} needs all nine answers and completed_at, but the "
                         "profile is in progress")
    if missing and question_keys.index(state) > question_keys.index(missing[0]):
        raise ValueError(f"state {state}, but {missing[0]} before it has no answer")


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
    """Validate every record, then merge the valid ones by user id; durable when it returns.

    Raises `ImportWriteError` if a write fails; every profile written until then has been put
    back as it was (erased if it is new), so a failed import leaves nothing of itself.
    """
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
    # Each profile to write, with the version it replaces (None: new), to undo a failed write.
    plan: list[tuple[Profile, Profile | None]] = []
    for user_id, profile in chosen.items():
        if user_id not in stored_ids:
            report.added += 1
            plan.append((profile, None))
            continue
        stored = repository.get(user_id)
        if stored is not None and _time(stored.updated_at) >= _time(profile.updated_at):
            report.kept += 1
            continue
        report.replaced += 1
        plan.append((profile, stored))
    _write_all_or_nothing(repository, plan)
    return report


def _write_all_or_nothing(
    repository: ProfileRepository, plan: list[tuple[Profile, Profile | None]]
) -> None:
    """Save every planned profile, or, if one write fails, put back all touched ones."""
    touched: list[tuple[Profile, Profile | None]] = []

    def in_order() -> Iterator[Profile]:
        for profile, before in plan:
            touched.append((profile, before))  # before its write: it may be half-way when it fails
            yield profile

    try:
        repository.save_many(in_order())
    except BaseException as error:  # Ctrl-C too: an interrupted import must not stay half-done
        user_id = touched[-1][0].user_id if touched else None
        failed = _undo(repository, touched)
        if isinstance(error, OSError):
            what = f"{error.strerror} ({error.filename})" if error.filename else str(error)
        else:
            what = "interrupted" if isinstance(error, KeyboardInterrupt) else (
                str(error) or error.__class__.__name__)
        message = f"writing the profile of user_id {user_id} failed: {what}; "
        if failed:
            message += ("undoing the import failed too, so these profiles may hold the "
                        f"imported version: user_id {', '.join(map(str, failed))}; restore them "
                        "from a backup")
        else:
            message += ("nothing of this import is stored (profiles written before it were put "
                        f"back as they were: {len(touched) - 1})")
        raise ImportWriteError(message) from error


def _undo(
    repository: ProfileRepository, touched: list[tuple[Profile, Profile | None]]
) -> list[int]:
    """Put back what a failed import changed; returns the user ids that could not be.

    New profiles are erased first: on a full disk that frees the room to rewrite the old ones.
    """
    failed: list[int] = []
    for profile, before in touched:
        if before is None:
            try:
                repository.delete(profile.user_id)
            except (FileNotFoundError, NotADirectoryError):
                pass  # its file could not even be created: nothing to undo
            except Exception:  # go on undoing the others, then name this one
                failed.append(profile.user_id)
    for profile, before in touched:
        if before is not None:
            try:
                repository.save(before)
            except Exception:  # as above
                failed.append(profile.user_id)
    return sorted(failed)


def _time(value: str) -> datetime:
    """A stored time; one without a zone is taken as UTC, as the bot writes them."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
