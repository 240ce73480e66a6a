"""The benchmark's report: the table of every run, ours as a ratio to each baseline, and the
targets met or not, printed as Markdown (`docs/benchmark.md` quotes it as printed)."""

from __future__ import annotations

import argparse
import os
import platform
from pathlib import Path
from typing import Any

from flows.questions import QUESTION_KEYS

__all__ = ["STORES", "print_report"]

STORES = {
    "ours": "ours: a TinyDB file per owner, fsync'd",
    "postgres": "ours on PostgreSQL (BOT_DATABASE_URL)",
    "tinydb": "TinyDB default JSONStorage, same bot",
    "ptb-durable": "PTB ConversationHandler + PicklePersistence, written each answer",
    "ptb-default": "PTB ConversationHandler + PicklePersistence, defaults (every 60 s)",
}


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


def print_report(results: dict[tuple[str, int], dict[str, Any]], sizes: list[int],
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
