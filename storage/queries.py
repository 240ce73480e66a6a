"""What the admins ask of the whole database, in terms every backend answers.

`ExportFilter` says which customer profiles an export holds; `Stats` is what `/stats` shows.
Both are about customer profiles, an owner having up to `MAX_PROFILES` of them; only the
campaign links count owners (an owner comes from one link, whatever they then write). The file
backends answer both by reading owners one by one (`count_profiles`); PostgreSQL answers them
with SQL (`storage.postgres`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date
from typing import NamedTuple

from domain.model import Owner
from domain.rules import instant

__all__ = ["ExportFilter", "OwnerSummary", "Stats", "count_profiles", "stats_of"]


@dataclass(frozen=True)
class ExportFilter:
    """Which customer profiles an export holds. The default holds every profile.

    It is asked of each customer profile on its own (`Owner.views`): an owner's
    profiles are started and completed on different days.
    """

    completed_only: bool = False
    language: str | None = None
    #: Profiles started on or after this day (UTC).
    since: date | None = None
    #: Profiles started on or before this day (UTC).
    until: date | None = None

    def __call__(self, profile: Owner) -> bool:
        if self.completed_only and profile.completed_at is None:
            return False
        if self.language is not None and profile.language != self.language:
            return False
        # The day in UTC, as the SQL backend counts it (a time without a zone is UTC).
        started = instant(profile.started_at).astimezone(UTC).date()
        if self.since is not None and started < self.since:
            return False
        return self.until is None or started <= self.until

    def describe(self) -> str:
        """A short, content-free description for the admin log."""
        parts = ["completed" if self.completed_only else "all"]
        if self.language:
            parts.append(f"language={self.language}")
        if self.since:
            parts.append(f"since={self.since.isoformat()}")
        if self.until:
            parts.append(f"until={self.until.isoformat()}")
        return " ".join(parts)


@dataclass(frozen=True)
class Stats:
    """How many customer profiles were started and finished, and how far they got."""

    #: Owners whose record could be read (each keeps one or more customer profiles).
    owners: int = 0
    #: Customer profiles started (an owner with three profiles counts three).
    started: int = 0
    completed: int = 0
    started_by_language: dict[str, int] = field(default_factory=dict)
    completed_by_language: dict[str, int] = field(default_factory=dict)
    #: For each question key, in order: how many profiles answered or skipped it (got past it).
    reached: dict[str, int] = field(default_factory=dict)
    #: Owners by campaign link (`/start <source>`), most first; owners without one not counted.
    sources: dict[str, int] = field(default_factory=dict)
    #: Owners whose stored profile could not be read (and so is not counted above).
    unreadable: tuple[int, ...] = ()

    def share_reached(self, key: str) -> float:
        """The fraction of profiles that got past a question (0 when none was started)."""
        return self.reached.get(key, 0) / self.started if self.started else 0.0


class OwnerSummary(NamedTuple):
    """What `/stats` counts of one owner (a tuple: cheap to hash, count and compare)."""

    language: str
    source: str | None
    #: Customer profiles started and completed.
    started: int
    completed: int
    #: (answer key, how many of the owner's profiles got past it), by key.
    reached: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, owner: Owner) -> OwnerSummary:
        """The summary of an owner's record, as stored."""
        profiles = owner.customer_profiles()
        reached = Counter(key for profile in profiles for key in profile.answers)
        return cls(owner.language, owner.source or None, len(profiles),
                   sum(1 for profile in profiles if profile.completed_at),
                   tuple(sorted(reached.items())))


def stats_of(summaries: Iterable[OwnerSummary], keys: Sequence[str],
             unreadable: Sequence[int]) -> Stats:
    """The `Stats` of owners, from their summaries (the /stats summary keeps one per owner;
    `count_profiles` makes them as it reads)."""
    started: Counter[str] = Counter()
    completed: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    owners = 0
    # Many owners share a summary (every question answered, no campaign): count each kind once.
    for summary, count in Counter(summaries).items():
        owners += count
        if summary.source:
            sources[summary.source] += count
        started[summary.language] += summary.started * count
        if summary.completed:
            completed[summary.language] += summary.completed * count
        for key, profiles in summary.reached:
            reached[key] += profiles * count
    return Stats(
        owners=owners,
        started=sum(started.values()),
        completed=sum(completed.values()),
        started_by_language={language: n for language, n in started.items() if n},
        completed_by_language=dict(completed),
        reached={key: reached[key] for key in keys},
        sources=dict(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
        unreadable=tuple(unreadable),
    )


def count_profiles(
    owners: Iterable[Owner], keys: Sequence[str], unreadable: Sequence[int] = ()
) -> Stats:
    """Count owners and their customer profiles in one pass (the file backends' `/stats`).

    `owners` are owners' records, as stored. `unreadable` is read after they are consumed, so a
    list the iteration fills works.
    """
    return stats_of((OwnerSummary.of(owner) for owner in owners), keys, unreadable)
