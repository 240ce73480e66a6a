"""`python -m benchmarks --many-owners N` builds its data set and prints the whole-database table
(numbers are not checked: a benchmark is a program that prints numbers, not a timed test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage.files import FileRepository
from tests.helpers import ROOT, clean_env


def test_the_many_owners_benchmark_prints_stats_and_export_memory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "", "--many-owners", "50",
         "--data", str(tmp_path)],
        cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=180, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| /stats (from the summary) |" in result.stdout
    assert "| run_bot.py export --format xlsx |" in result.stdout
    assert "/stats <= 2 s with 50 owners" in result.stdout
    assert "export peak memory < 150 MB with 50 owners" in result.stdout
    # One owner in ten keeps three profiles: 5 x 3 + 45.
    assert "50 owners, 60 customer profiles" in result.stdout
    stats = FileRepository.open(tmp_path / "many-50").stats(["demographics"])
    assert (stats.owners, stats.started, stats.reached["demographics"]) == (50, 60, 60)
    assert not list(tmp_path.glob("export.*"))  # the exports measured are removed
