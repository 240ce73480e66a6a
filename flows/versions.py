"""Versions of a customer profile: a revisit keeps the answers it changes.

An owner's answers are a draft until the last question is answered: from the moment the bot
says the profile is complete and saved, those answers are version 1, whether or not the owner
taps "Looks good" on the review that follows (an owner who moves on and comes back weeks later
must find version 1 kept, and see what their changes changed). After that, the first change to an
answer (from the review, after the revisit reminder, or by going back) keeps the version's
answers in `history` and starts the next version, which every further change joins until the
owner approves the review: one version per revisit, not one per keystroke. Approving then shows
what changed; a revisit whose answers end as they were makes no version at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.model import Owner, Version

__all__ = ["Change", "approve", "changes", "complete", "note_change"]


@dataclass(frozen=True)
class Change:
    """One answer that differs between two versions (None: not answered in that version)."""

    key: str
    before: str | None
    after: str | None


def complete(profile: Owner, now: str) -> None:
    """The last question was answered for the first time: the answers are version 1 from `now`.

    Not only once approved: the bot calls the profile complete and saved right then.
    """
    profile.completed_at = now
    profile.draft = False
    profile.version_at = now


def note_change(profile: Owner, approved: Mapping[str, str]) -> None:
    """Before a save: if the answers differ from the approved ones they were loaded with, keep
    those as the previous version and make this one the next version's draft.

    `approved` are the answers of the approved version as stored before this event.
    """
    if profile.draft or profile.answers == approved:
        return
    profile.history.append(Version(
        version=profile.version,
        # Versions approved before dates were kept have their completion date instead.
        saved_at=profile.version_at or profile.completed_at or profile.updated_at,
        answers=dict(approved),
    ))
    profile.version += 1
    profile.version_at = None
    profile.draft = True


def approve(profile: Owner, now: str, keys: Sequence[str]) -> list[Change] | None:
    """The owner approved the review: the draft becomes a version dated `now`.

    Returns the answers that changed since the previous version, in question order: None when
    there is no previous version (or nothing was a draft), an empty list when the revisit
    changed nothing in the end, which then makes no version (the previous one is current again).
    """
    if not profile.draft or not profile.completed_at:
        return None
    profile.draft = False
    if not profile.history:
        profile.version_at = now
        return None
    previous = profile.history[-1]
    changed = changes(previous.answers, profile.answers, keys)
    if not changed:
        profile.history.pop()
        profile.version, profile.version_at = previous.version, previous.saved_at
        return []
    profile.version_at = now
    return changed


def changes(before: Mapping[str, str], after: Mapping[str, str],
            keys: Sequence[str]) -> list[Change]:
    """The answers that differ, in question order (a skipped answer and a missing one are the
    same to the owner: nothing)."""
    return [Change(key, before.get(key), after.get(key)) for key in keys
            if (before.get(key) or "") != (after.get(key) or "")]  # skipped or not reached
