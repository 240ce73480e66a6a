"""`python -m benchmarks --postgres-scale`: PostgreSQL's `/stats` (and start-up's reminder scan)
at 100,000 owners, one in ten keeping three customer profiles with two earlier versions each.

The rows are written straight into the three tables with COPY (an import through the bot would
take minutes), into the schema `bench_scale` of the database given, built once and reused.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg.types.json import Jsonb

from flows.questions import QUESTION_KEYS
from storage.backends import postgres_backend
from storage.postgres import PostgresRepository

__all__ = ["OWNERS", "main", "with_schema"]

#: Owners stored; one in `SEVERAL` keeps `PROFILES` profiles, each with `VERSIONS` earlier ones.
OWNERS = 100_000
SEVERAL = 10
PROFILES = 3
VERSIONS = 2
#: Timed calls of `/stats` after one to warm the caches.
RUNS = 7
_SCHEMA = "bench_scale"
_FIRST_ID = 1_000_000
_ANSWER = "Kobiety 25–40 z dużych miast, kupują wieczorem na telefonie; زنان ۲۵ تا ۴۰ ساله"
_STARTED = "2026-11-01T10:00:00+00:00"


def with_schema(database_url: str, schema: str) -> str:
    """The database URL with `schema` first on the search path of its connections."""
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}options={quote(f'-csearch_path={schema}')}"


def main(database_url: str) -> None:
    """Build the data set if it is not there yet, then time `/stats` and print the numbers."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {_SCHEMA}")
    url = with_schema(database_url, _SCHEMA)
    repository = PostgresRepository.open(url)  # creates or migrates the tables
    try:
        with psycopg.connect(url) as connection:
            profiles, versions = _build(connection)
        repository.stats(QUESTION_KEYS)
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            stats = repository.stats(QUESTION_KEYS)
            times.append(time.perf_counter() - began)
        began = time.perf_counter()
        planned = postgres_backend(repository).reminders.rearm()  # as a replica starts
        rearm = time.perf_counter() - began
    finally:
        repository.close()
    assert (stats.owners, stats.started) == (OWNERS, profiles), stats
    print(f"PostgreSQL at {OWNERS:,} owners: {profiles:,} customer profiles, {versions:,} "
          f"earlier versions ({OWNERS // SEVERAL:,} owners keep {PROFILES} profiles with "
          f"{VERSIONS} versions each)")
    print(f"/stats: median {statistics.median(times):.3f} s, slowest {max(times):.3f} s "
          f"over {RUNS} runs (asked: <= 0.5 s); {stats.completed:,} completed")
    print(f"re-arming {planned:,} planned reminders at start-up: {rearm:.3f} s")


def _build(connection: psycopg.Connection[Any]) -> tuple[int, int]:
    """The data set, written with COPY unless it is there; (profiles, versions) stored."""
    several = OWNERS // SEVERAL
    profiles = OWNERS - several + several * PROFILES
    versions = several * PROFILES * VERSIONS
    counted = connection.execute(
        "SELECT (SELECT count(*) FROM owners), (SELECT count(*) FROM customer_profiles), "
        "(SELECT count(*) FROM profile_versions)").fetchone()
    if counted == (OWNERS, profiles, versions):
        return profiles, versions
    began = time.perf_counter()
    with connection.transaction():
        connection.execute("TRUNCATE owners, customer_profiles, profile_versions")
        _copy(connection, "owners", ("user_id", "language", "source", "reminder_at",
                                     "open_profile_id"), _owners())
        _copy(connection, "customer_profiles", (
            "user_id", "profile_id", "state", "answers", "answered", "started_at", "updated_at",
            "completed_at", "version", "draft", "instance"), _profiles())
        _copy(connection, "profile_versions", (
            "user_id", "profile_id", "version", "saved_at", "answers", "answered"), _versions())
    connection.execute("ANALYZE owners, customer_profiles, profile_versions")
    connection.commit()
    print(f"(built with COPY in {time.perf_counter() - began:.1f} s)")
    return profiles, versions


def _copy(connection: psycopg.Connection[Any], table: str, columns: tuple[str, ...],
          rows: Iterator[tuple[Any, ...]]) -> None:
    with connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _owners() -> Iterator[tuple[Any, ...]]:
    for number in range(OWNERS):
        yield (_FIRST_ID + number, ("en", "pl", "fa")[number % 3],
               ("ads", "blog", None, None)[number % 4],
               "2027-01-30T10:20:00+00:00" if number % 2 else None, 1)


def _profiles() -> Iterator[tuple[Any, ...]]:
    for number in range(OWNERS):
        for profile_id in range(1, (PROFILES if number % SEVERAL == 0 else 1) + 1):
            # Most profiles finished; every fifth stopped after some of the questions.
            answered = list(QUESTION_KEYS) if (number + profile_id) % 5 else list(
                QUESTION_KEYS[: (number % len(QUESTION_KEYS))])
            done = len(answered) == len(QUESTION_KEYS)
            yield (_FIRST_ID + number, profile_id, "done" if done else "review",
                   Jsonb(dict.fromkeys(answered, _ANSWER)), answered, _STARTED, _STARTED,
                   _STARTED if done else None, VERSIONS + 1 if number % SEVERAL == 0 else 1,
                   not done, f"{number}-{profile_id}")


def _versions() -> Iterator[tuple[Any, ...]]:
    answers = dict.fromkeys(QUESTION_KEYS, _ANSWER)
    for number in range(0, OWNERS, SEVERAL):
        for profile_id in range(1, PROFILES + 1):
            for version in range(1, VERSIONS + 1):
                yield (_FIRST_ID + number, profile_id, version, _STARTED, Jsonb(answers),
                       list(QUESTION_KEYS))
