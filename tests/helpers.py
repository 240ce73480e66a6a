"""Helpers several test files share (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "clean_env", "run_bot"]

#: The repository's root, where `run_bot.py` is.
ROOT = Path(__file__).resolve().parent.parent


def clean_env() -> dict[str, str]:
    """This process's environment without the bot's own variables (a test sets what it needs)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}


def run_bot(*arguments: str, env: dict[str, str], stdin: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python run_bot.py ARGUMENTS` in a child process, with `env` over a clean environment."""
    return subprocess.run(
        [sys.executable, "run_bot.py", *arguments], cwd=ROOT, env={**clean_env(), **env},
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=timeout, check=False,
    )
