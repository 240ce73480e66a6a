"""`python -m benchmarks` runs from a clone and reports every store (numbers are not checked:
a benchmark is a program that prints numbers, not a timed test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

from benchmarks.report import STORES
from flows.questions import QUESTION_KEYS
from storage.files import FileRepository
from tests.backends import URL_VARIABLE
from tests.helpers import ROOT, clean_env


def test_the_benchmark_runs_every_store_and_prints_the_table(tmp_path: Path) -> None:
    """With a test database, the PostgreSQL rows too (in schemas made and dropped here)."""
    database_url = os.environ.get(URL_VARIABLE) or None
    stores = {store: label for store, label in STORES.items()
              if store != "postgres" or database_url}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "30,60", "--users", "2", "--budget", "5",
         "--data", str(tmp_path), *(["--database-url", database_url] if database_url else [])],
        cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=180, check=False,
    )
    if database_url:
        with psycopg.connect(database_url, autocommit=True) as connection:
            for size in (30, 60):
                connection.execute(f"DROP SCHEMA IF EXISTS bench_{size} CASCADE")
    assert result.returncode == 0, result.stderr
    measured = 2 * len(QUESTION_KEYS)  # 2 owners, every answer measured
    for label in stores.values():
        assert f"| 30 | {label} | {measured} |" in result.stdout
        assert f"| 60 | {label} | {measured} |" in result.stdout
    assert "Targets:" in result.stdout
    assert "p50 at 60 within 1.5x of p50 at 30" in result.stdout  # growth, with two sizes
    assert "ours: re-arming reminders at start-up <= 1 s with 60 stored" in result.stdout
    assert ("postgres: /stats <= 1 s with 60 stored" in result.stdout) == bool(database_url)
    # The data sets are left as they were built: the owners a run adds are erased again.
    assert len(FileRepository.open(tmp_path / "ours-30").user_ids()) == 30
