"""The state machine on its own: the order of steps and which moves are allowed."""

from __future__ import annotations

from flows.advice import page_count
from flows.machine import (
    _MACHINE,
    DONE,
    MAIN_PATH,
    REVIEW,
    SECOND_PARTS,
    SEGMENT,
    TIPS,
    move,
    second_part_of,
)
from flows.questions import QUESTION_KEYS
from flows.tips import Segment
from tests.helpers import make_profile


def test_advance_walks_the_questions_in_seed_order_the_review_then_the_retention_phase() -> None:
    profile = make_profile(state=QUESTION_KEYS[0])
    visited = [profile.state]
    while profile.state != DONE:
        if profile.state == SEGMENT:
            profile.segment = Segment.BEGINNER.value
        assert move(profile, "approve" if profile.state == REVIEW else "advance")
        if profile.state != visited[-1]:
            visited.append(profile.state)
    # The main path, each question's second part (if it has one) right after the question.
    assert [state for state in visited if state not in SECOND_PARTS] == list(MAIN_PATH)
    expected = [step for key in QUESTION_KEYS for step in (key, second_part_of(key)) if step]
    assert visited[:visited.index(REVIEW)] == expected
    assert visited[visited.index("competitors") + 1] == "competitors.second"
    assert visited[visited.index(REVIEW) - 2:visited.index(REVIEW)] == ["metrics",
                                                                        "metrics.second"]
    # The source text's steps keep its order; a question added later may sit anywhere.
    seed_order = ["demographics", "psychographics", "problems_needs", "buying_stage", "channels",
                  "competitors", "persona", "marketing_strategy", "metrics"]
    assert [key for key in QUESTION_KEYS if key in seed_order] == seed_order


def test_tips_page_forward_and_back_through_every_tip_of_the_segment() -> None:
    profile = make_profile(state=SEGMENT, segment=Segment.EXPERIENCED.value)
    count = page_count(profile)
    assert count >= 2  # at least one advice screen and the plan
    move(profile, "advance")
    seen = [profile.tip_index]
    while move(profile, "advance") and profile.state == TIPS:
        seen.append(profile.tip_index)
    assert seen == list(range(count))
    assert profile.state == DONE
    assert move(profile, "back")
    assert (profile.state, profile.tip_index) == (TIPS, count - 1)
    for expected in reversed(range(count - 1)):
        assert move(profile, "back")
        assert profile.tip_index == expected
    assert move(profile, "back")
    assert profile.state == SEGMENT


def test_back_from_the_first_question_is_refused_and_changes_nothing() -> None:
    profile = make_profile(state=QUESTION_KEYS[0])
    assert not move(profile, "back")
    assert profile.state == QUESTION_KEYS[0]


def test_the_machine_keeps_no_model_after_a_move() -> None:
    for _ in range(100):
        move(make_profile(state=QUESTION_KEYS[2]), "advance")
    assert _MACHINE.models == []


def test_the_review_edits_any_question_and_skips_a_known_segment() -> None:
    profile = make_profile(state=REVIEW)
    assert move(profile, "edit_channels") and profile.state == "channels"
    assert move(profile, "review") and profile.state == REVIEW
    assert move(profile, "approve") and profile.state == SEGMENT
    profile.segment = Segment.MIXED.value
    assert move(profile, "back") and profile.state == REVIEW
    assert move(profile, "approve") and profile.state == DONE
    assert move(profile, "edit_metrics") and profile.state == "metrics"  # from the end, too
    assert not move(profile, "approve")  # only the review approves


def test_a_follow_up_sits_between_its_question_and_the_next_and_back_returns_to_it() -> None:
    profile = make_profile(state="buying_stage")
    assert move(profile, "follow_up") and profile.state == "buying_stage.follow_up"
    assert move(profile, "back") and profile.state == "buying_stage"
    move(profile, "follow_up")
    assert move(profile, "advance") and profile.state == "channels"
    assert not move(make_profile(state="psychographics"), "follow_up")  # only those with one
    assert not move(make_profile(state="buying_stage.follow_up"), "edit_channels")


def test_a_second_part_follows_its_question_and_back_returns_to_the_question() -> None:
    assert SECOND_PARTS == {"competitors.second": "competitors", "metrics.second": "metrics"}
    profile = make_profile(state="competitors")
    assert move(profile, "advance") and profile.state == "competitors.second"
    assert move(profile, "back") and profile.state == "competitors"
    move(profile, "advance")
    assert move(profile, "advance") and profile.state == QUESTION_KEYS[
        QUESTION_KEYS.index("competitors") + 1]
    assert move(profile, "back") and profile.state == "competitors.second"  # as met
    profile = make_profile(state="metrics")
    assert move(profile, "advance") and profile.state == "metrics.second"
    assert move(profile, "advance") and profile.state == REVIEW
    assert move(profile, "back") and profile.state == "metrics.second"  # /back from the review
    assert move(profile, "review") and profile.state == REVIEW  # an edit may return from it
    assert not move(make_profile(state="competitors.second"), "follow_up")
    assert not move(make_profile(state="competitors.second"), "approve")
