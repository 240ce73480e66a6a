"""Tapped answers that follow the owner's language.

A tapped quick pick is kept as its label in the language of the moment ("Comparing options",
then "Comparing options: honest reviews" once the follow-up is answered). An owner who switches
language would otherwise read "Etap zakupowy: Comparing options: …" on the review, in the PDF and
on the card. On a switch, each answer that starts with the label of the pick it was tapped from
gets that label in the new language; the owner's own words after it stay exactly as typed.
"""

from __future__ import annotations

from domain.model import Owner
from domain.profile import CustomerProfile
from domain.rules import MAX_ANSWER_CHARS
from flows.i18n import Translator
from flows.questions import FOLLOW_UP_ANSWER, QUESTIONS, Question, chosen_picks

__all__ = ["relabel_picks"]


def relabel_picks(owner: Owner, old: Translator, new: Translator) -> None:
    """Put every tapped label in the owner's answers (all their profiles) into `new`'s
    language; answers that were typed, or that no longer start with the label, stay as they
    are."""
    if old.language == new.language:
        return
    for profile in owner.profiles.values():
        for question in QUESTIONS:
            answer = profile.answers.get(question.key)
            if not answer or not question.quick_picks:
                continue
            relabelled = _relabelled(profile, question, answer, old, new)
            if relabelled is not None and len(relabelled) <= MAX_ANSWER_CHARS:
                profile.answers[question.key] = relabelled


def _relabelled(profile: CustomerProfile, question: Question, answer: str, old: Translator,
                new: Translator) -> str | None:
    for indexes in _tapped(profile, question, answer, old):
        before, after = (_label(t, question, indexes) for t in (old, new))
        if answer == before:
            return after
        prefix = old.gettext(FOLLOW_UP_ANSWER).format(pick=before, detail="")
        if question.follow_up and answer.startswith(prefix):
            detail = answer[len(prefix):]
            return new.gettext(FOLLOW_UP_ANSWER).format(pick=after, detail=detail)
    return None


def _tapped(profile: CustomerProfile, question: Question, answer: str,
            old: Translator) -> list[list[int]]:
    """The picks the answer may have been tapped from: those its typed field keeps, or, for a
    question without one (the metrics), any single pick whose label is the whole answer."""
    if question.pick_field is None:
        return [[index] for index, label in enumerate(question.quick_picks)
                if answer == old.gettext(label)]
    indexes = chosen_picks(profile, question)
    return [indexes] if indexes else []


def _label(t: Translator, question: Question, indexes: list[int]) -> str:
    return t.enumerate([t.gettext(question.quick_picks[index]) for index in indexes])
