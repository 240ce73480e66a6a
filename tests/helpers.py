"""Helpers several test files share (fixtures live in conftest.py).

Counts and positions come from the question table (`flows.questions`), never from a literal, so
adding a question changes no test (see docs/adding-a-question.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flows.i18n import Translator
from flows.questions import QUESTION_KEYS, QUESTIONS

__all__ = ["ROOT", "clean_env", "position", "progress", "run_bot"]

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


def position(key: str) -> int:
    """The number a question is shown with (1 for the first), as the progress line counts."""
    return QUESTION_KEYS.index(key) + 1


def progress(t: Translator, number: int) -> str:
    """The progress line above question `number` (from 1), worded by the catalog:
    "Question 2 of N · Values and lifestyle", N being the length of the question table."""
    return t.gettext("Question {number} of {total} · {title}").format(
        number=t.number(number), total=t.number(len(QUESTIONS)),
        title=t.gettext(QUESTIONS[number - 1].title),
    )
