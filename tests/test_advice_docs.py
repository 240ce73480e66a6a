"""docs/advice.md, followed: its three code blocks added to the tables change the advice.

The blocks are read from the page itself, so the page cannot drift from what works: a word in a
language, a topic, and an advice item that names the topic.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from domain.model import Owner
from flows import advice_rules, reasons, stem_matching, topics
from flows.advice import build_plan
from flows.advice_library.rule import Kind, Rule
from flows.i18n import N_, Catalogs

DOC = Path(__file__).resolve().parent.parent / "docs" / "advice.md"


def blocks() -> dict[str, str]:
    """The page's Python blocks by their first line (a comment naming where they go)."""
    found = re.findall(r"```python\n(# [^\n]*)\n(.*?)```", DOC.read_text(encoding="utf-8"),
                       flags=re.S)
    return {where: body for where, body in found}


def profile(**answers: str) -> Owner:
    return Owner.with_profile(
        user_id=1, language="pl", state="done", started_at="2026-12-01T10:00:00+00:00",
                   updated_at="2026-12-01T10:00:00+00:00",
                   completed_at="2026-12-01T10:00:00+00:00", answers=answers)


def test_the_page_holds_the_three_blocks_it_describes() -> None:
    assert set(blocks()) == {
        '# flows/topics.py, TOPICS["shipping"]["pl"]: one more stem',
        "# flows/topics.py, in TOPICS: a new topic",
        "# flows/advice_library/answer_topics.py, in RULES: a new item",
    }


def test_a_word_added_as_the_page_says_finds_its_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    (stem,) = ast.literal_eval("(" + blocks()['# flows/topics.py, TOPICS["shipping"]["pl"]: '
                                          'one more stem'] + ")")
    text = "Zamawiają z dostawą przez DPD"
    before = {found.key for found in stem_matching.find("tylko DPD", topics.TOPICS)}
    shipping = dict(topics.TOPICS["shipping"])
    shipping["pl"] = (*shipping["pl"], stem)
    monkeypatch.setitem(topics.TOPICS, "shipping", shipping)
    stem_matching._pattern.cache_clear()
    after = {found.key for found in stem_matching.find("tylko DPD", topics.TOPICS)}
    assert "shipping" not in before and "shipping" in after
    assert "shipping" in {found.key for found in stem_matching.find(text, topics.TOPICS)}


def test_a_topic_and_an_item_added_as_the_page_says_are_advised_with_their_reason(
    monkeypatch: pytest.MonkeyPatch, catalogs: Catalogs
) -> None:
    documented = blocks()
    topic = ast.literal_eval("{" + documented["# flows/topics.py, in TOPICS: a new topic"] + "}")
    rule = eval(  # the page's own Rule(...), with the names the module has
        documented["# flows/advice_library/answer_topics.py, in RULES: a new item"]
        .rstrip().rstrip(","),
        {"Rule": Rule, "N_": N_, "Kind": Kind, "frozenset": frozenset},
    )
    owner = profile(psychographics="Wybierają kosmetyki bez plastiku, dbają o planetę")
    t = catalogs.get("en")
    assert "eco_packaging" not in {item.key for item in build_plan(t, owner).advice}

    monkeypatch.setattr(topics, "TOPICS", {**topics.TOPICS, **topic})
    monkeypatch.setattr(reasons, "TOPIC_REASONS",
                        {**reasons.TOPIC_REASONS, "eco": "You said they care about the planet"})
    monkeypatch.setattr(advice_rules, "RULES", (*advice_rules.RULES, rule))
    (item,) = [item for item in build_plan(t, owner).advice if item.key == "eco_packaging"]
    assert item.title == "Show your packaging is green"
    assert item.because is not None and "bez plastiku" in item.because
    assert "You said they care about the planet" in item.because


def test_every_item_uses_only_the_values_the_page_lists() -> None:
    """An item whose text names a value the advice does not give (`{name}`, once listed here)
    would raise KeyError and break every screen of the owners it matches."""
    import string

    from flows.advice_library.examples import EXAMPLES
    from flows.advice_rules import RULES

    page = DOC.read_text("utf-8")
    given = {*EXAMPLES, "advantage", "threshold"}
    for rule in RULES:
        for text in (rule.text, rule.action):
            named = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            assert named <= given, (rule.key, named - given)
            assert all(f"`{{{field}}}`" in page for field in named), rule.key
    listed = page.split("The texts may use", 1)[1].split("Keep an item", 1)[0]
    assert set(re.findall(r"`\{(\w+)\}`", listed)) <= given  # no value the advice lacks
