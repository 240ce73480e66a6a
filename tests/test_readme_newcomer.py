"""What the README tells a newcomer matches what they will see: the test run's time and its
SKIPPED list, and the tour's buttons under the questions that have them."""

from __future__ import annotations

import re
from pathlib import Path

from flows.questions import QUESTIONS
from tests.backends import URL_VARIABLE

README = Path(__file__).resolve().parent.parent / "README.md"


def _text() -> str:
    # The paragraphs wrap anywhere: compare with single spaces.
    return " ".join(README.read_text("utf-8").split())


def test_the_readme_says_how_long_the_tests_take_and_what_the_skipped_list_is() -> None:
    text = _text()
    assert len(re.findall(r"measured: \d+ s", text)) == 2  # without and with PostgreSQL
    assert "The list of `SKIPPED` lines it prints at the end is the PostgreSQL tests" in text
    # The reason each skipped test gives (tests/backends.py), as the README quotes it.
    assert f'"PostgreSQL tests need {URL_VARIABLE}"' in text


def test_the_tour_shows_each_questions_buttons_under_it_and_names_the_questions_with_some(
) -> None:
    tour = README.read_text("utf-8").split("## A short tour", 1)[1].split("```", 2)[1]
    lines = tour.splitlines()
    shown: dict[int, list[str]] = {}
    for index, line in enumerate(lines):
        asked = re.search(r"Question (\d+) of \d+ · (.+?)(?: …|$)", line)
        if asked is None:
            continue
        number = int(asked[1])
        assert asked[2] == QUESTIONS[number - 1].title, line
        # The bot's message goes on in the indented lines below it.
        message = []
        for later in lines[index + 1:]:
            if not later.startswith(" "):
                break
            message.append(later)
        buttons = [found for later in message for found in re.findall(r"\[([^\]]+)\]", later)]
        if buttons:
            shown[number] = buttons
    for number, buttons in shown.items():
        assert buttons == list(QUESTIONS[number - 1].quick_picks), number
    assert shown, "the tour shows no question's buttons"
    with_buttons = [number for number, question in enumerate(QUESTIONS, 1)
                    if question.quick_picks]
    named = re.search(r"\(questions ([\d, and]+) have buttons", tour)
    assert named is not None, "the tour does not say which questions have buttons"
    assert [int(number) for number in re.findall(r"\d+", named[1])] == with_buttons


def test_the_readme_says_why_each_dependency_is_there() -> None:
    """Every package pyproject.toml installs (the bot's and the tests') has its row in the
    README's "Dependencies and why" table."""
    import tomllib

    project = tomllib.loads((README.parent / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.match(r"[A-Za-z0-9_.-]+", spec).group() for spec in wanted}  # type: ignore[union-attr]
    table = README.read_text("utf-8").split("### Dependencies and why", 1)[1].split("\n\n")[1]
    listed = set(re.findall(r"`([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?", table))
    assert sorted(names - listed) == []
