"""Loading a JSON export back (restore from a backup, move to a new machine).

Every record is checked before anything is written, so a bad file changes nothing but the
owners it holds valid records for. A record is one version of one customer profile; an owner's
records are put together into their one stored record (`domain.model.Owner`): the highest
version of each profile is its current one, the lower ones its history. Owners are merged by
`user_id`: a stored owner is replaced only by an import that changed later (so re-importing an
old backup never rolls an owner's newer answers back).

The write phase is all or nothing: a record is accepted only once it has been serialised the way
storage writes it, and if a write still fails midway (a full disk, an I/O error), every profile
this import touched is put back as it was before `ImportWriteError` is raised.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.model import Owner, Version
from domain.rules import instant
from storage.base import ProfileRepository

__all__ = [
    "ImportFileError",
    "ImportReport",
    "ImportWriteError",
    "ImportedRecord",
    "import_profiles",
    "read_records",
]

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

    `added`, `replaced`, `kept` count owners (each with all their profiles); `kept`: not
    applied because the stored owner changed as late or later. `versions_added`: owners stored
    as of the very moment the import holds, whose earlier versions it adds (a `--history`
    export imported over a plain restore of the same export time); counted in `kept` too.
    `rejected`: records, as (record number from 1, user id if it had one, reason).
    """

    added: int = 0
    replaced: int = 0
    kept: int = 0
    versions_added: int = 0
    rejected: list[tuple[int, int | None, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportedRecord:
    """One valid record: one version of one customer profile, as a reader makes it."""

    #: That version as a profile of its own, with the owner's settings the record gives.
    profile: Owner
    #: The record names its `profile_id` (an export that knows several profiles per owner);
    #: one that does not is its owner's only profile, as exports made before were.
    numbered: bool
    #: Whether the record says it is the owner's open profile (None: it does not say).
    open: bool | None = None


#: A record as it waits to be put together with its owner's others: (record number, record).
_Numbered = tuple[int, ImportedRecord]


class _OwnerRejectedError(ValueError):
    """An owner's records contradict each other: none of them is imported."""


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


def import_profiles(
    repository: ProfileRepository, records: Iterable[Any],
    read: Callable[[Any], ImportedRecord],
) -> ImportReport:
    """Validate every record, put each owner's together, then merge owners by user id;
    durable when it returns.

    `read` turns a record into an `ImportedRecord` or raises ValueError with the reason (the
    rules are the conversation's: `flows.records.record_reader`).

    Raises `ImportWriteError` if a write fails; every profile written until then has been put
    back as it was (erased if it is new), so a failed import leaves nothing of itself.
    """
    report = ImportReport()
    # Each owner's valid records: by profile id, then by version.
    owners: dict[int, dict[int, dict[int, _Numbered]]] = {}
    for number, record in enumerate(records, start=1):
        user_id = record.get("user_id") if isinstance(record, dict) else None
        user_id = user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None
        try:
            imported = read(record)
        except ValueError as error:
            report.rejected.append((number, user_id, str(error)))
            continue
        profile = imported.profile
        versions = owners.setdefault(profile.user_id, {}).setdefault(profile.profile_id, {})
        if profile.version in versions:
            reason = (f"a second record of profile {profile.profile_id} version "
                      f"{profile.version} for this user_id" if imported.numbered
                      else "a second record for this user_id")
            report.rejected.append((number, user_id, reason))
            continue
        versions[profile.version] = (number, imported)
    chosen: dict[int, Owner] = {}
    for user_id, profiles in owners.items():
        try:
            chosen[user_id] = _owner(profiles)
        except _OwnerRejectedError as error:
            report.rejected.extend((number, user_id, str(error)) for versions in profiles.values()
                                   for number, _ in versions.values())
    report.rejected.sort()
    stored_ids = set(repository.user_ids())
    # Each owner to write, with what it replaces (None: new), to undo a failed write.
    plan: list[tuple[Owner, Owner | None]] = []
    for user_id, owner in chosen.items():
        if user_id not in stored_ids:
            report.added += 1
            plan.append((owner, None))
            continue
        stored = repository.get(user_id)
        if stored is not None and instant(stored.last_change) >= instant(owner.last_change):
            report.kept += 1
            merged = _with_versions(stored, owner)
            if merged is not None:
                report.versions_added += 1
                plan.append((merged, stored))
            continue
        report.replaced += 1
        plan.append((owner, stored))
    _write_all_or_nothing(repository, plan)
    return report


def _owner(profiles: dict[int, dict[int, _Numbered]]) -> Owner:
    """One owner's stored record from their valid records, by profile id and version.

    Raises `_OwnerRejectedError` when the records contradict each other (no export writes
    such a file, so it is refused rather than guessed at). No owner gets more than
    `MAX_PROFILES` profiles: the reader accepts no `profile_id` above it.
    """
    current: list[ImportedRecord] = []
    for profile_id, versions in sorted(profiles.items()):
        *earlier, (_, latest) = (versions[version] for version in sorted(versions))
        for _, imported in earlier:
            _check_earlier(imported, profile_id, latest.profile.version)
        if earlier and not latest.profile.completed_at:
            raise _OwnerRejectedError(
                f"profile {profile_id} has earlier versions, but its current version "
                f"({latest.profile.version}) is in progress: a version follows a completed one")
        latest.profile.history = [
            Version(version=old.profile.version, saved_at=old.profile.updated_at,
                    answers=old.profile.answers) for _, old in earlier]
        latest.profile.profile.settle_first_version()
        current.append(latest)
    opened = [imported for imported in current if imported.open]
    if len(opened) > 1:
        raise _OwnerRejectedError(f"{len(opened)} profiles of this user_id are marked open")
    # The one the export marked; else the profile the owner worked on last.
    chosen = opened[0] if opened else max(
        current, key=lambda imported: instant(imported.profile.updated_at))
    owner = chosen.profile
    for imported in current:
        if imported is not chosen:
            owner.profiles[imported.profile.profile_id] = imported.profile.profile
    return owner


def _with_versions(stored: Owner, imported: Owner) -> Owner | None:
    """The stored owner with the earlier versions the import adds, or None when it adds none.

    Only for the same moment: every profile stored with the very version, answers and time of
    last change the import has, and with fewer earlier versions than it (each of them also in
    the import). That is a plain restore, then the `--history` export of that same moment
    imported to bring the versions back; an owner who changed since keeps what they have.
    """
    ours = {view.profile_id: view for view in stored.customer_profiles()}
    theirs = {view.profile_id: view for view in imported.customer_profiles()}
    if ours.keys() != theirs.keys():
        return None
    histories: dict[int, list[Version]] = {}
    for profile_id, mine in ours.items():
        other = theirs[profile_id]
        if ((mine.version, mine.answers, instant(mine.updated_at))
                != (other.version, other.answers, instant(other.updated_at))
                or mine.history != other.history[:len(mine.history)]):
            return None
        if len(other.history) > len(mine.history):
            histories[profile_id] = other.history
    if not histories:
        return None
    merged = copy.deepcopy(stored)
    for profile in merged.customer_profiles():
        profile.history = histories.get(profile.profile_id, profile.history)
    return merged


def _check_earlier(imported: ImportedRecord, profile_id: int, latest: int) -> None:
    """Refuse an earlier version the bot could not have kept: marked open, in progress or not
    approved. The bot keeps a version only once its profile is complete and approved (the first
    one from its completion), so such a file was edited or made elsewhere, and guessing what it
    meant would invent a completion or drop answers; the owner's stored profiles stay as they
    are, and the reason names the record."""
    old = imported.profile
    what = ("is marked open" if imported.open else "is in progress" if not old.completed_at
            else "is not approved" if old.draft else None)
    if what is not None:
        raise _OwnerRejectedError(f"version {old.version} of profile {profile_id} {what}, but "
                                  f"it has a later version ({latest})")


def _write_all_or_nothing(
    repository: ProfileRepository, plan: list[tuple[Owner, Owner | None]]
) -> None:
    """Save every planned profile, or, if one write fails, put back all touched ones."""
    touched: list[tuple[Owner, Owner | None]] = []

    def in_order() -> Iterator[Owner]:
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
    repository: ProfileRepository, touched: list[tuple[Owner, Owner | None]]
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
