"""The state machine on its own: the order of steps and which moves are allowed."""

from __future__ import annotations

from flows.machine import _MACHINE, DONE, MAIN_PATH, REVIEW, SEGMENT, TIPS, move
from flows.questions import QUESTION_KEYS
from flows.tips import Segment, tips_for
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
    assert visited == list(MAIN_PATH)
    # The source text's steps keep its order; a question added later may sit anywhere.
    seed_order = ["demographics", "psychographics", "problems_needs", "buying_stage", "channels",
                  "competitors", "persona", "marketing_strategy", "metrics"]
    assert [key for key in QUESTION_KEYS if key in seed_order] == seed_order


def test_tips_page_forward_and_back_through_every_tip_of_the_segment() -> None:
    count = len(tips_for(Segment.EXPERIENCED))
    profile = make_profile(state=SEGMENT, segment=Segment.EXPERIENCED.value)
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
    assert not move(make_profile(state="channels"), "follow_up")  # only questions that declare one
    assert not move(make_profile(state="buying_stage.follow_up"), "edit_channels")
