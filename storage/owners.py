"""One owner's load-change-save as one unit, and the capabilities a shared database adds.

Several bot processes (webhook replicas) may serve the same owners from one PostgreSQL database.
A backend that supports that offers `OwnerTransactions`: a unit of work that holds the owner's
lock across processes from the first read to the commit, and remembers which Telegram updates it
applied, in the same transaction, so that an update Telegram delivers twice changes nothing the
second time. The file and memory backends serve one process, whose own per-owner order
(`bot.ordering`) already serialises an owner's updates: `owner_unit` gives them the repository
itself, unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol, runtime_checkable

from domain.model import Owner
from storage.base import ProfileRepository, ProfileStore

__all__ = [
    "OwnerStore",
    "OwnerTransactions",
    "ReminderClaims",
    "UpdateKey",
    "owner_unit",
]


@dataclass(frozen=True)
class UpdateKey:
    """A Telegram update as the idempotency record knows it: ids are unique per bot."""

    bot_id: int
    update_id: int


class OwnerStore(ProfileStore, Protocol):
    """One owner's profile for the length of one unit of work."""

    @property
    def already_applied(self) -> bool:
        """True when the unit's update was applied before: the caller must not apply it again."""
        ...


@runtime_checkable
class OwnerTransactions(Protocol):
    """A backend whose owners can be changed from several processes at once, safely."""

    def owner_transaction(
        self, user_id: int, update: UpdateKey | None = None
    ) -> AbstractContextManager[OwnerStore]:
        """Hold `user_id`'s lock until the block ends; commit everything saved in it, with
        `update` recorded as applied, when it ends normally, and nothing when it raises."""
        ...

    def prune_applied_updates(self, older_than: timedelta) -> int:
        """Forget applied update ids recorded more than `older_than` ago; returns how many."""
        ...


@runtime_checkable
class ReminderClaims(Protocol):
    """A backend that hands each due reminder to exactly one of several processes."""

    def claim_due_reminders(self, limit: int) -> list[Owner]:
        """Clear up to `limit` reminders due now and return their profiles, each claimed by
        this caller alone (an owner whose update is being applied is left for the next call)."""
        ...


class _Unchanged:
    """The repository itself as an `OwnerStore`: no lock, no record of updates."""

    already_applied = False

    def __init__(self, repository: ProfileRepository) -> None:
        self._repository = repository

    def get(self, user_id: int) -> Owner | None:
        return self._repository.get(user_id)

    def save(self, profile: Owner) -> None:
        self._repository.save(profile)

    def delete(self, user_id: int) -> bool:
        return self._repository.delete(user_id)


@contextlib.contextmanager
def _unchanged(repository: ProfileRepository) -> Iterator[OwnerStore]:
    yield _Unchanged(repository)


def owner_unit(
    repository: ProfileRepository, user_id: int, update: UpdateKey | None = None
) -> AbstractContextManager[OwnerStore]:
    """The unit of work for one owner's load-change-save (see the module's docstring)."""
    if isinstance(repository, OwnerTransactions):
        return repository.owner_transaction(user_id, update)
    return _unchanged(repository)
