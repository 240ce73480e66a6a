"""The code stays ruff-clean and mypy-strict-clean (configuration in pyproject.toml), in small
modules."""

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


#: The most lines a module may have (issue 22: "no module over 300 lines"): a module that grows
#: past it has grown a second job and is split by subject.
MAX_MODULE_LINES = 300
#: Where the project's modules live (tests/ are not counted: a test file is a list of cases).
CODE = ("bot", "domain", "flows", "storage", "cli", "benchmarks")


def module_lines() -> dict[str, int]:
    """Every module of the bot, the flows, storage, the console and the benchmarks, and
    run_bot.py, with its number of lines, by its path from the repository's root."""
    paths = [ROOT / "run_bot.py", *(path for folder in CODE
                                    for path in sorted((ROOT / folder).rglob("*.py")))]
    return {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
            for path in paths}


def test_no_module_is_over_300_lines() -> None:
    """Every module fits; the failure names the ones that do not."""
    too_long = {path: lines for path, lines in module_lines().items()
                if lines > MAX_MODULE_LINES}
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines, to split: {too_long}"
