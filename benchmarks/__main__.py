"""`python -m benchmarks`: answers per second, latency, start-up and memory, ours against the
usual ways, with 1,000, 10,000 and 100,000 profiles already stored.

Each measurement runs the real PTB `Application` in a fresh process (`benchmarks.scenario`),
network answered in-process (`benchmarks.offline`), through complete conversations of new
owners (one typed answer per question). The stored data sets are built once under `--data` and
reused. With `--many-owners 100000`, whole-database work on a larger data set too
(`benchmarks.many_owners`): `/stats` and the export's peak memory.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

from benchmarks import many_owners, postgres_scale
from benchmarks.ptb_baseline import stored_user_data
from benchmarks.report import STORES, print_report
from domain.model import Owner
from flows.machine import DONE
from flows.questions import QUESTION_KEYS
from flows.records import record_reader
from storage.base import ProfileRepository
from storage.export import export_json
from storage.files import FileRepository
from storage.importing import import_profiles
from storage.postgres import PostgresRepository

_ANSWER = "Kobiety 25–40 z dużych miast, kupują wieczorem na telefonie; زنان ۲۵ تا ۴۰ ساله"


def _stored_profiles(count: int) -> list[Owner]:
    """`count` finished owners, about 1 KB each as JSON."""
    return [
        Owner.with_profile(
            user_id=1_000_000 + number, language=("en", "pl", "fa")[number % 3], state=DONE,
            started_at="2026-11-01T10:00:00+00:00", updated_at="2026-11-01T10:20:00+00:00",
            completed_at="2026-11-01T10:20:00+00:00", segment="beginner",
            answers={key: _ANSWER for key in QUESTION_KEYS},
            # Each has its 90-day revisit planned: re-arming at start-up finds them all.
            reminder_at="2027-01-30T10:20:00+00:00",
        )
        for number in range(count)
    ]


def _import(repository: ProfileRepository, count: int) -> None:
    """Build a data set the way an owner would move a bot: a JSON export, then the import."""
    exported = io.StringIO()
    export_json(_stored_profiles(count), QUESTION_KEYS, exported)
    records = json.loads(exported.getvalue())
    began = time.perf_counter()
    report = import_profiles(repository, records, record_reader(("en", "pl", "fa")))
    assert report.added == count, report
    _log(f"imported a JSON export of {count:,} profiles in {time.perf_counter() - began:.1f} s")


def _prepare_postgres(count: int, database_url: str) -> str:
    """A schema `bench_<count>` holding the data set, built once; its URL."""
    schema = f"bench_{count}"
    with psycopg.connect(database_url, autocommit=True) as connection:
        built = connection.execute(
            "SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.owners",)).fetchone()
        rows = connection.execute(f"SELECT count(*) FROM {schema}.owners").fetchone() if (
            built and built[0]) else (0,)
        if rows is not None and rows[0] == count:
            # Each run numbers its updates from the same start: an earlier run's record of them
            # would have this one's taken as already applied, and nothing stored.
            connection.execute(f"DELETE FROM {schema}.applied_updates")
            return postgres_scale.with_schema(database_url, schema)
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.execute(f"CREATE SCHEMA {schema}")
    url = postgres_scale.with_schema(database_url, schema)
    repository = PostgresRepository.open(url)
    try:
        _import(repository, count)
    finally:
        repository.close()
    return url


def _prepare(store: str, count: int, data: Path) -> Path:
    """The data set for `store` with `count` profiles: built once, then a fresh copy per run."""
    data.mkdir(parents=True, exist_ok=True)
    if store == "ours":
        folder = data / f"ours-{count}"
        repository = FileRepository.open(folder)
        if len(repository.user_ids()) != count:
            shutil.rmtree(folder)
            repository = FileRepository.open(folder)
            _import(repository, count)
        repository.stats(QUESTION_KEYS)  # writes the stats summary the runs then read
        repository.close()
        return folder  # the run erases the owners it adds, leaving the set as it was
    if store == "tinydb":
        master = data / f"tinydb-{count}.json"
        if not master.exists():
            _log(f"building a {count:,}-profile TinyDB file...")
            records = {str(p.user_id): p.to_record() for p in _stored_profiles(count)}
            master.write_text(json.dumps({"profiles": records}, ensure_ascii=False), "utf-8")
    else:
        master = data / f"ptb-{count}.pickle"
        if not master.exists():
            _log(f"building a {count:,}-owner PicklePersistence file...")
            pickled = {
                "conversations": {"profile": {}},
                "user_data": {p.user_id: stored_user_data(_ANSWER)
                              for p in _stored_profiles(count)},
                "chat_data": {}, "bot_data": {}, "callback_data": None,
            }
            with master.open("wb") as out:
                pickle.dump(pickled, out, protocol=pickle.HIGHEST_PROTOCOL)
    working = data / f"run-{master.name}"
    shutil.copyfile(master, working)
    return working


def _measure(store: str, path: Path | str, users: int, budget: float) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.scenario", store, str(path), str(users), str(budget)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{store} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="stored profiles, comma-separated (default: %(default)s; \"\" "
                        "for none, e.g. with --many-owners alone)")
    parser.add_argument("--users", type=int, default=200,
                        help="new owners per run, every question answered (default: %(default)s)")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds after which a run stops starting new owners (slow "
                        "baselines at 100,000 profiles); default: %(default)s")
    parser.add_argument("--data", type=Path, default=Path(".benchmark-data"),
                        help="where the data sets are built and kept (default: %(default)s)")
    parser.add_argument("--database-url", default=os.environ.get("BOT_BENCH_DATABASE_URL"),
                        help="a PostgreSQL database for the PostgreSQL rows (schemas bench_<size> "
                        "are made there); default: $BOT_BENCH_DATABASE_URL, else no such rows")
    parser.add_argument("--stores", default=",".join(STORES),
                        help="which stores to measure, comma-separated (default: all); the "
                        "comparisons and targets need ours and the baselines")
    parser.add_argument("--many-owners", type=int,
                        default=int(os.environ.get("BOT_BENCH_MANY_OWNERS") or 0),
                        help="also measure /stats and the export's peak memory on TinyDB files "
                        "with this many owners, one in ten keeping three profiles with two "
                        "earlier versions each (e.g. 100000; default: $BOT_BENCH_MANY_OWNERS, "
                        "else none)")
    parser.add_argument("--postgres-scale", action="store_true",
                        help="only PostgreSQL's /stats at 100,000 owners, some with several "
                        "profiles and versions, in --database-url (benchmarks.postgres_scale)")
    arguments = parser.parse_args()
    if arguments.postgres_scale:
        if not arguments.database_url:
            parser.error("--postgres-scale needs --database-url (or BOT_BENCH_DATABASE_URL)")
        postgres_scale.main(arguments.database_url)
        return
    sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]
    asked = arguments.stores.split(",")
    unknown = sorted(set(asked) - set(STORES))
    if unknown:
        parser.error(f"unknown stores {', '.join(unknown)}; choose from {', '.join(STORES)}")
    stores = [store for store in STORES
              if store in asked and (store != "postgres" or arguments.database_url)]
    if not arguments.database_url:
        _log("no --database-url (or BOT_BENCH_DATABASE_URL): the PostgreSQL rows are left out")

    results: dict[tuple[str, int], dict[str, Any]] = {}
    began = time.perf_counter()
    for size in sizes:
        for store in stores:
            path: Path | str = (_prepare_postgres(size, arguments.database_url)
                                if store == "postgres" else _prepare(store, size, arguments.data))
            _log(f"measuring {store} with {size:,} stored profiles...")
            results[store, size] = _measure(store, path, arguments.users, arguments.budget)
    if sizes:
        print_report(results, sizes, arguments)
    if arguments.many_owners:
        folder = many_owners.build(arguments.data / f"many-{arguments.many_owners}",
                                   arguments.many_owners)
        many_owners.report(many_owners.measure(folder, arguments.data))
    _log(f"({time.perf_counter() - began:.0f} s in all)")


if __name__ == "__main__":
    main()
