"""What admins ask of every owner at once, answered in SQL from the rows: `/stats` in two
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

#: Per owner language: customer profiles, completed ones, then for each question key asked (its
#: `FILTER` clauses added by `_by_language`) how many profiles answered or skipped it. One scan
#: of the profiles for everything counted per profile.
_BY_LANGUAGE = (
    "SELECT o.language, count(*), count(p.completed_at){keys} FROM customer_profiles AS p "
    "JOIN owners AS o USING (user_id) GROUP BY o.language ORDER BY o.language"
)
#: Owners by campaign link, those without one as NULL: together, every owner.
_SOURCES = "SELECT source, count(*) FROM owners GROUP BY source"


def count_stats(connection: psycopg.Connection[Any], keys: Sequence[str],
                unreadable: Sequence[int]) -> Stats:
    """`/stats` from the rows; `unreadable` are the owners whose rows cannot be counted."""
    query = _BY_LANGUAGE.format(keys="".join(
        ", count(*) FILTER (WHERE p.answers ? %s)" for _ in keys))
    languages = connection.execute(query, list(keys)).fetchall()
    sources = connection.execute(_SOURCES).fetchall()
    return Stats(
        owners=sum(row[1] for row in sources),
        started=sum(row[1] for row in languages),
        completed=sum(row[2] for row in languages),
        started_by_language={row[0]: row[1] for row in languages},
        completed_by_language={row[0]: row[2] for row in languages if row[2]},
        reached={key: sum(row[3 + index] for row in languages)
                 for index, key in enumerate(keys)},
        sources=dict(sorted(((source, owners) for source, owners in sources if source),
                            key=lambda item: (-item[1], item[0]))),
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
