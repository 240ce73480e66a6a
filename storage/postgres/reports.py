"""What admins ask of every owner at once, answered in SQL from the rows: `/stats` in three
aggregate queries that load no profile into Python, and the export's filter as a WHERE clause.

Both count customer profiles (an owner with three counts three) under their owner's language;
campaign links count owners. The file backends answer the same from the model
(`storage.queries`), and the contract suite holds the two together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

import psycopg

from storage.queries import ExportFilter, Stats

__all__ = ["count_stats", "export_where"]

#: Per language: customer profiles and completed ones.
_PROFILES_BY_LANGUAGE = (
    "SELECT o.language, count(*), count(p.completed_at) FROM customer_profiles AS p "
    "JOIN owners AS o USING (user_id) GROUP BY o.language ORDER BY o.language"
)
#: Per question key asked: how many profiles answered (or skipped) it.
_ANSWERED_KEYS = (
    "SELECT key, count(*) FROM customer_profiles AS p, unnest(%s::text[]) AS key "
    "WHERE p.answers ? key GROUP BY key"
)
_SOURCES = (
    "SELECT source, count(*) AS owners FROM owners WHERE source IS NOT NULL "
    "GROUP BY source ORDER BY owners DESC, source"
)


def count_stats(connection: psycopg.Connection[Any], keys: Sequence[str],
          unreadable: Sequence[int]) -> Stats:
    """`/stats` from the rows; `unreadable` are the owners whose rows cannot be counted."""
    owners = connection.execute("SELECT count(*) FROM owners").fetchone()
    languages = connection.execute(_PROFILES_BY_LANGUAGE).fetchall()
    answered = dict(connection.execute(_ANSWERED_KEYS, (list(keys),)).fetchall())
    sources = connection.execute(_SOURCES).fetchall()
    return Stats(
        owners=owners[0] if owners else 0,
        started=sum(row[1] for row in languages),
        completed=sum(row[2] for row in languages),
        started_by_language={row[0]: row[1] for row in languages},
        completed_by_language={row[0]: row[2] for row in languages if row[2]},
        reached={key: answered.get(key, 0) for key in keys},
        sources=dict(sources),
        unreadable=tuple(unreadable),
    )


def export_where(selection: ExportFilter) -> tuple[str, list[Any]]:
    """The owners (`owners AS o`) any of whose profiles `selection` holds, as a WHERE clause and
    its parameters (the same rules as `ExportFilter.__call__`); "" for every owner."""
    clauses: list[str] = []
    parameters: list[Any] = []
    if selection.completed_only:
        clauses.append("p.completed_at IS NOT NULL")
    if selection.since is not None:
        clauses.append("p.started_at >= %s")
        parameters.append(_midnight(selection.since))
    if selection.until is not None:
        clauses.append("p.started_at < %s")
        parameters.append(_midnight(date.fromordinal(selection.until.toordinal() + 1)))
    where = []
    if selection.language is not None:
        where.append("o.language = %s")
        parameters.insert(0, selection.language)
    if clauses:
        where.append("EXISTS (SELECT FROM customer_profiles AS p WHERE p.user_id = o.user_id "
                     f"AND {' AND '.join(clauses)})")
    return (f"WHERE {' AND '.join(where)}" if where else ""), parameters


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
