"""The rules an imported record must meet: what a stored profile may be.

A record (one item of a JSON export: one version of one customer profile) becomes an `Owner`
only if the conversation could have produced it: known questions and languages, answers in
order, a step reachable with those answers, a profile number and name the bot could have given,
and nothing storage cannot write. `storage.importing` applies these rules through the reader it
is given (`record_reader`), so storage never imports the conversation's rules; it puts an
owner's records together itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from domain.model import CustomerProfile, Owner
from domain.rules import (
    MAX_ANSWER_CHARS,
    MAX_NAME_CHARS,
    MAX_PROFILES,
    MAX_USER_ID,
    SOURCE_PATTERN,
    UNSTORABLE,
    instant,
)
from flows.machine import DONE, FOLLOW_UPS, SECOND_PARTS, SEGMENT, STATES
from flows.plan_records import read_plan
from flows.questions import QUESTION_KEYS
from flows.tips import Segment
from storage.importing import ImportedRecord

__all__ = ["read_record", "record_reader", "to_profile"]

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
    "profile_name",
    "open",
    "approved",
    "approved_at",
    "plan",
}



def record_reader(
    languages: Collection[str], question_keys: Sequence[str] = QUESTION_KEYS
) -> Callable[[Any], ImportedRecord]:
    """`read_record` for these languages and questions, as `storage.importing` takes it."""
    return partial(read_record, languages=languages, question_keys=question_keys)


def read_record(record: Any, languages: Collection[str],
                question_keys: Sequence[str]) -> ImportedRecord:
    """The profile version a record describes, and what it says about its owner's profiles;
    ValueError with the reason when it is not valid."""
    profile = to_profile(record, languages, question_keys)
    is_open = record.get("open")
    if is_open is not None and not isinstance(is_open, bool):
        raise ValueError("open must be true or false")
    return ImportedRecord(profile, numbered="profile_id" in record, open=is_open)


def to_profile(record: Any, languages: Collection[str], question_keys: Sequence[str]) -> Owner:
    """The profile a record describes (one version of one customer profile, with its owner's
    settings); ValueError with the reason when it is not valid.

    A record without `profile_id` (an export made before owners kept several profiles) is
    profile 1, and one without `version` version 1. A completed profile is an approved
    version unless the record says `"approved": false` (a revisit not approved yet), dated by
    its `approved_at`; an export made before that field is dated when the record was last
    updated, which is never before the approval, nor before an earlier version.
    """
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    # A stored record (not an export) with other profiles or versions inside (of today's
    # shape, or the earlier one's `others`): taking it as one profile would drop them.
    nested = [name for name in ("profiles", "others", "history") if record.get(name)]
    if nested:
        raise ValueError(f"it holds {' and '.join(nested)}: import a JSON export instead, "
                         "one record per profile version")
    known = (_SUMMARY_FIELDS | set(Owner.__dataclass_fields__)
             | set(CustomerProfile.__dataclass_fields__) | {"others"})
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
    _check_time(record, "approved_at", required=False)
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
    # A completed profile may lack answers: to questions added after the owner finished (see
    # docs/adding-a-question.md). The bot shows them as skipped, so a backup made before a new
    # question still restores; the owner can answer it from the review.
    if not completed_at:
        # The questions are answered in order (/back keeps later answers; edits and the
        # segment come only after the last), so an unfinished profile's answers are a prefix.
        if not missing:
            raise ValueError("in progress, but every question is answered (no completed_at)")
        gap = question_keys.index(missing[0])
        after_gap = [key for key in question_keys[gap:] if key in given]
        if after_gap:
            raise ValueError(f"in progress, but {after_gap[0]} is answered and {missing[0]} "
                             "before it is not")
        if segment is not None:
            raise ValueError("in progress, but a segment is set (it is chosen after the "
                             "last question)")
    state = record.get("state") or _state_of([] if completed_at else missing, segment)
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    _check_state(state, missing, question_keys, completed=bool(completed_at))
    customer_profile = CustomerProfile(
        state=state,
        started_at=record["started_at"],
        updated_at=record["updated_at"],
        answers={k: given[k] for k in question_keys if k in given},
        completed_at=completed_at,
        segment=segment,
        profile_id=_whole_number(record, "profile_id", 1, MAX_PROFILES),
        version=_whole_number(record, "version", 1, None),
    )
    profile = Owner(user_id=user_id, language=language,
                    profiles={customer_profile.profile_id: customer_profile},
                    open_profile_id=customer_profile.profile_id)
    approved = record.get("approved", bool(completed_at))  # absent: exports made before it
    if not isinstance(approved, bool) or (approved and not completed_at):
        raise ValueError("approved must be true or false, and true only when completed")
    profile.draft = not approved
    approved_at = record.get("approved_at")  # absent: exports made before it
    if approved_at is not None and not approved:
        raise ValueError("approved_at is set, but the record is not approved")
    if approved_at is not None and not (instant(record["started_at"]) <= instant(approved_at)
                                        <= instant(record["updated_at"])):
        raise ValueError("approved_at must be between started_at and updated_at")
    profile.version_at = (approved_at or record["updated_at"]) if approved else None
    given_name = record.get("profile_name")
    if given_name is not None:
        if (not isinstance(given_name, str) or not given_name.strip()
                or len(given_name) > MAX_NAME_CHARS):
            raise ValueError(f"profile_name must be null or 1 to {MAX_NAME_CHARS} characters")
        _check_text("profile_name", given_name)
        # The same as the persona answer's first part: the profile is named by it, as before.
        if given_name != profile.given_name:
            profile.name = given_name
    source = record.get("source")
    if source is not None:
        if not isinstance(source, str) or not SOURCE_PATTERN.fullmatch(source):
            raise ValueError("source must be 1 to 64 letters, digits, _ or -")
        profile.source = source
    read_plan(record.get("plan"), profile)
    _check_time(record, "reminder_at", required=False)
    profile.reminder_at = record.get("reminder_at")
    for name in ("language_chosen", "paused", "blocked", "reminders_off"):
        if isinstance(record.get(name), bool):
            setattr(profile, name, record[name])
    if isinstance(record.get("instance"), str):
        _check_text("instance", record["instance"])
        profile.instance = record["instance"]
    try:  # what storage will write: nothing accepted here can fail there
        # vars() holds what to_record() would, without asdict()'s deep copy (3x the cost).
        json.dumps(vars(profile), ensure_ascii=False, default=vars).encode("utf-8")
    except (UnicodeEncodeError, ValueError) as error:
        reason = error.__class__.__name__
        raise ValueError(f"it cannot be stored as UTF-8 JSON ({reason})") from None
    return profile


def _whole_number(record: dict[str, Any], name: str, least: int, most: int | None) -> int:
    """A record's whole number from `least` to `most` (None: no bound); `least` if absent."""
    value = record.get(name, least)
    if (not isinstance(value, int) or isinstance(value, bool) or value < least
            or (most is not None and value > most)):
        bounds = f"{least} to {most}" if most is not None else f"{least} or more"
        raise ValueError(f"{name} must be a whole number, {bounds}")
    return value


def _check_text(name: str, text: str) -> None:
    """Refuse text storage cannot write (lone surrogates) or that hides control characters."""
    bad = UNSTORABLE.search(text)
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
    # A follow-up (after a tapped quick pick) belongs to its question, whose pick is stored.
    # A second part (after the competitors, after the metrics) too.
    question = FOLLOW_UPS.get(state) or SECOND_PARTS.get(state) or state
    if question not in question_keys:
        raise ValueError(f"state {state} needs every answer and completed_at, but the "
                         "profile is in progress")
    if state in FOLLOW_UPS and question in missing:
        raise ValueError(f"state {state}, but {question} has no answer to follow up")
    if missing and question_keys.index(question) > question_keys.index(missing[0]):
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
    """Where the owner resumes: the first unanswered question (`missing` is empty for a
    completed profile), else the segment or the end."""
    if missing:
        return missing[0]
    return DONE if segment else SEGMENT
