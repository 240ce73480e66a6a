"""The code stays ruff-clean and mypy-strict-clean (configuration in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "benchmarks", "bot", "cli", "flows", "storage",
         "run_bot.py", "tests"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
