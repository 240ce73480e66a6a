"""One customer profile an owner described, and its earlier versions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from domain.rules import NAMING_QUESTION, persona_name

__all__ = ["PLAN_FIELDS", "CustomerProfile", "Version"]


@dataclass
class Version:
    """An earlier version of a customer profile's answers, kept when a new one was approved."""

    version: int
    #: When it was approved (ISO 8601, UTC).
    saved_at: str
    answers: dict[str, str]


@dataclass
class CustomerProfile:
    """One ideal customer an owner described: the answers, where the conversation is, the
    versions, and the plan's typed fields.

    `state` is the conversation step as a plain string (see `flows.machine`), so that a stored
    profile costs nothing per user in the state machine.
    """

    state: str
    started_at: str
    updated_at: str
    #: This customer profile's number among the owner's: 1 to `MAX_PROFILES`.
    profile_id: int = 1
    #: The name the owner gave this profile; None: named by its persona answer (`given_name`).
    name: str | None = None
    #: The number of this version of the answers; the earlier ones are in `history`.
    version: int = 1
    #: When this version was approved on the review (None until it is).
    version_at: str | None = None
    #: True while answers may change without making a new version: from the start until the
    #: owner approves the review, and on a revisit from the first change until approved again.
    draft: bool = True
    #: Earlier versions, oldest first.
    history: list[Version] = field(default_factory=list)
    #: Answers by question key, in the order given; "" means the owner skipped the question.
    answers: dict[str, str] = field(default_factory=dict)
    #: When the last question was first answered; None while the questionnaire is in progress.
    completed_at: str | None = None
    #: The customers' segment for the tips ("experienced", "beginner", "mixed") once chosen.
    segment: str | None = None
    #: The tip being shown, while the owner pages through the tips.
    tip_index: int = 0
    #: True while the owner changes one answer from the review: answering returns to the review.
    editing: bool = False
    #: A random tag of this profile's life. A new profile (after /delete, or "start over") gets
    #: a new one, so a button issued for an older profile can never act on a newer one.
    instance: str = field(default_factory=lambda: secrets.token_hex(6))
    #: Who the shop sells to, when tapped at question 1: "consumers", "businesses" or "both".
    sells_to: str | None = None
    #: The buying stage, when tapped at question 4: "discovering", "comparing", "ready",
    #: "repeat" (a typed answer is read for it instead; see `flows.advice`).
    stage: str | None = None
    #: The channels tapped at question 5, in order (keys of
    #: `flows.channels_metrics_stages.CHANNELS`).
    channels: list[str] = field(default_factory=list)
    #: What only this shop offers, asked after the competitors: the promise the advice quotes.
    advantage: str | None = None
    #: The metrics' values, asked after question 9: each {"metric": key or the owner's name
    #: for it, "today": number or None, "target": number or None, "unit": "%", "zł", … or ""}.
    kpis: list[dict[str, Any]] = field(default_factory=list)
    #: Values the owner measured when the plan's check date came, oldest first: each
    #: {"metric", "value", "unit", "at"} (the Polish text's step 9: track, measure, refine).
    measurements: list[dict[str, Any]] = field(default_factory=list)
    #: When the plan's KPIs are next due to be checked (ISO 8601, UTC); None without a plan.
    kpi_check_at: str | None = None

    @property
    def status(self) -> str:
        """"completed" once every question was answered or skipped, else "in_progress"."""
        return "completed" if self.completed_at else "in_progress"

    @property
    def given_name(self) -> str | None:
        """The profile's name: the owner's, else the first part of the persona answer."""
        return self.name or persona_name(self.answers.get(NAMING_QUESTION, ""))

    def settle_first_version(self) -> None:
        """A finished first version is a version, approved on the review or not (the bot calls
        it complete and saved: `flows.versions.complete`). Records saved before that rule (and
        exports of them) may still hold it as a draft; they are read as that version."""
        if self.completed_at and self.draft and self.version == 1 and not self.history:
            self.draft = False
            self.version_at = self.version_at or self.completed_at


#: The profile's fields the advice reads besides the answers (tapped choices, the advantage,
#: the KPIs and their measurements): exported with it, so a restore keeps the plan.
PLAN_FIELDS: tuple[str, ...] = (
    "sells_to", "stage", "channels", "advantage", "kpis", "measurements", "kpi_check_at",
)
