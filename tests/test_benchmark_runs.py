"""`python -m benchmarks` runs from a clone and reports every store (numbers are not checked:
a benchmark is a program that prints numbers, not a timed test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.__main__ import STORES
from storage.files import FileRepository

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_every_store_and_prints_the_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "30,60", "--users", "2", "--budget", "5",
         "--data", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=180, check=False,
    )
    assert result.returncode == 0, result.stderr
    for label in STORES.values():
        assert f"| 30 | {label} | 18 |" in result.stdout  # 2 owners x 9 answers, all measured
        assert f"| 60 | {label} | 18 |" in result.stdout
    assert "Targets:" in result.stdout
    assert "p50 at 60 within 1.5x of p50 at 30" in result.stdout  # growth, with two sizes
    # The data sets are left as they were built: the owners a run adds are erased again.
    assert len(FileRepository.open(tmp_path / "ours-30").user_ids()) == 30
