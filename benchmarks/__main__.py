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
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg

from benchmarks import many_owners, postgres_scale
from benchmarks.ptb_baseline import stored_user_data
from domain.model import Owner
from flows.machine import DONE
from flows.questions import QUESTION_KEYS
from flows.records import record_reader
from storage.base import ProfileRepository
from storage.export import export_json
from storage.files import FileRepository
from storage.importing import import_profiles
from storage.postgres import PostgresRepository

STORES = {
    "ours": "ours: a TinyDB file per owner, fsync'd",
    "postgres": "ours on PostgreSQL (BOT_DATABASE_URL)",
    "tinydb": "TinyDB default JSONStorage, same bot",
    "ptb-durable": "PTB ConversationHandler + PicklePersistence, written each answer",
    "ptb-default": "PTB ConversationHandler + PicklePersistence, defaults (every 60 s)",
}
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
            return _with_schema(database_url, schema)
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.execute(f"CREATE SCHEMA {schema}")
    url = _with_schema(database_url, schema)
    repository = PostgresRepository.open(url)
    try:
        _import(repository, count)
    finally:
        repository.close()
    return url


def _with_schema(database_url: str, schema: str) -> str:
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}options={quote(f'-csearch_path={schema}')}"


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


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


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
        _print_report(results, sizes, arguments)
    if arguments.many_owners:
        folder = many_owners.build(arguments.data / f"many-{arguments.many_owners}",
                                   arguments.many_owners)
        many_owners.report(many_owners.measure(folder, arguments.data))
    _log(f"({time.perf_counter() - began:.0f} s in all)")


def _print_report(results: dict[tuple[str, int], dict[str, Any]], sizes: list[int],
                  arguments: argparse.Namespace) -> None:
    print(f"Machine: {_machine()}")
    print(f"Each run: up to {arguments.users} new owners x {len(QUESTION_KEYS)} typed answers "
          f"through the real PTB Application (network answered in-process, flood limit off), "
          f"stopping after "
          f"{arguments.budget:.0f} s; latency is per answer, its durable write included (ours: "
          f"with the question's second part, where it has one).\n")
    print("| stored | store | answers | answers/s | p50 ms | p99 ms | start-up s | peak MB "
          "| /stats s | re-arm s |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        for store, label in STORES.items():
            if (store, size) not in results:
                continue
            r = results[store, size]
            print(f"| {size:,} | {label} | {r['answers']} | {_figure(r['answers_per_s'])} | "
                  f"{r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['startup_s']:.2f} | "
                  f"{r['peak_mb']:.0f} | {_seconds(r['stats_s'])} | {_seconds(r['rearm_s'])} |")
    print("\nOurs as a ratio to each baseline (p50 latency: below 1 means ours is faster; "
          "answers/s: above 1 means ours is faster):\n")
    print("| stored | baseline | p50 ratio | p99 ratio | answers/s ratio |")
    print("|---:|---|---:|---:|---:|")
    for size in sizes:
        if ("ours", size) not in results:
            continue
        ours = results["ours", size]
        for store in ("tinydb", "ptb-durable", "ptb-default"):
            if (store, size) not in results:
                continue
            other = results[store, size]
            print(f"| {size:,} | {STORES[store]} | {_figure(ours['p50_ms'] / other['p50_ms'])} | "
                  f"{_figure(ours['p99_ms'] / other['p99_ms'])} | "
                  f"{_figure(ours['answers_per_s'] / other['answers_per_s'])} |")
    _print_targets(results, sizes)


def _seconds(value: float | None) -> str:
    """A whole-database read's time ("–" for the baselines, which are not asked)."""
    return "–" if value is None else f"{value:.3f}"


def _figure(value: float) -> str:
    """Three significant digits, so a ratio of 0.0002 or a rate of 0.45/s does not print as 0."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _print_targets(results: dict[tuple[str, int], dict[str, Any]], sizes: list[int]) -> None:
    largest = max(sizes)
    checks: list[tuple[str, bool, str]] = []
    if ("ours", largest) in results:
        checks += _ours_targets(results, sizes)
    _backend_targets(results, sizes, checks)
    for size in (s for s in sizes if s >= 10_000 and ("ours", s) in results):
        ours_p50 = results["ours", size]["p50_ms"]
        for store in ("tinydb", "ptb-durable"):
            if (store, size) not in results:
                continue
            their_p50 = results[store, size]["p50_ms"]
            checks.append((f"faster than {store} at {size:,} (p50)", ours_p50 < their_p50,
                           f"{ours_p50:.2f} vs {their_p50:.2f} ms"))
    print("\nTargets:\n")
    for name, met, value in checks:
        print(f"- {'met' if met else 'NOT MET'}: {name} ({value})")


def _ours_targets(results: dict[tuple[str, int], dict[str, Any]],
                  sizes: list[int]) -> list[tuple[str, bool, str]]:
    largest, smallest = max(sizes), min(sizes)
    ours_large, ours_small = results["ours", largest], results["ours", smallest]
    checks = [
        (f"p99 per answer <= 5 ms with {largest:,} stored", ours_large["p99_ms"] <= 5,
         f"{ours_large['p99_ms']:.2f} ms"),
        (f"start-up with {largest:,} stored <= 3 s", ours_large["startup_s"] <= 3,
         f"{ours_large['startup_s']:.2f} s"),
        ("peak memory <= 300 MB", max(results["ours", s]["peak_mb"] for s in sizes) <= 300,
         f"{max(results['ours', s]['peak_mb'] for s in sizes):.0f} MB"),
    ]
    if largest > smallest:  # growth needs two sizes to compare
        checks.insert(1, (f"p50 at {largest:,} within 1.5x of p50 at {smallest:,}",
                          ours_large["p50_ms"] <= 1.5 * ours_small["p50_ms"],
                          f"{ours_large['p50_ms'] / ours_small['p50_ms']:.2f}x"))
    return checks


def _backend_targets(results: dict[tuple[str, int], dict[str, Any]], sizes: list[int],
                     checks: list[tuple[str, bool, str]]) -> None:
    """Whole-database reads on both of our backends, and PostgreSQL's own targets."""
    largest, smallest = max(sizes), min(sizes)
    for store in ("ours", "postgres"):
        if (store, largest) in results:
            rearm = results[store, largest]["rearm_s"]
            checks.append((f"{store}: re-arming reminders at start-up <= 1 s with {largest:,} "
                           "stored", rearm <= 1, f"{rearm:.3f} s"))
    if ("postgres", largest) in results:
        pg_large, pg_small = results["postgres", largest], results["postgres", smallest]
        checks += [
            (f"postgres: p50 per answer <= 3 ms with {largest:,} stored",
             pg_large["p50_ms"] <= 3, f"{pg_large['p50_ms']:.2f} ms"),
            (f"postgres: p99 per answer <= 10 ms with {largest:,} stored",
             pg_large["p99_ms"] <= 10, f"{pg_large['p99_ms']:.2f} ms"),
            (f"postgres: /stats <= 1 s with {largest:,} stored",
             pg_large["stats_s"] <= 1, f"{pg_large['stats_s']:.3f} s"),
        ]
        if largest > smallest:
            checks.append((f"postgres: p50 at {largest:,} within 1.5x of p50 at {smallest:,}",
                           pg_large["p50_ms"] <= 1.5 * pg_small["p50_ms"],
                           f"{pg_large['p50_ms'] / pg_small['p50_ms']:.2f}x"))


if __name__ == "__main__":
    main()
