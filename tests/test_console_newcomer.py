"""The terminal console as a newcomer meets it: a prompt while it waits, and a goodbye that
says answers are saved only when there are some."""

from __future__ import annotations

import io
from pathlib import Path

from cli.console import run_console
from flows.i18n import Catalogs
from storage.memory import MemoryRepository


class Terminal(io.StringIO):
    """Typed input at a terminal (a pipe, which `io.StringIO` stands for, is not one)."""

    def isatty(self) -> bool:
        return True


def chat(catalogs: Catalogs, tmp_path: Path, typed: str, *, terminal: bool = True) -> str:
    stdin = Terminal(typed) if terminal else io.StringIO(typed)
    out = io.StringIO()
    run_console(MemoryRepository(), catalogs, language="en", stdin=stdin, stdout=out,
                attachments=tmp_path)
    return out.getvalue()


def test_at_a_terminal_the_console_shows_a_prompt_each_time_it_waits(
    catalogs: Catalogs, tmp_path: Path
) -> None:
    out = chat(catalogs, tmp_path, "Women 25-40\n")
    # Once before the answer, once before the end of input (then a line break for the goodbye).
    assert out.count("\n> ") == 2
    assert out.endswith("> \nBye! Your answers are saved.\n")
    assert "> " not in chat(catalogs, tmp_path, "Women 25-40\n", terminal=False)


def test_the_end_of_input_before_any_answer_does_not_say_answers_are_saved(
    catalogs: Catalogs, tmp_path: Path
) -> None:
    assert chat(catalogs, tmp_path, "").endswith("> \nBye!\n")
    assert chat(catalogs, tmp_path, "/help\n/skip\n").endswith(
        "Bye! Your answers are saved.\n")  # a skipped answer is an answer kept
