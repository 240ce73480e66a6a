"""The domain model: an owner's settings apart from their typed customer profiles, today's
document read back whole, and an earlier document's shape upgraded on read."""

from __future__ import annotations

from dataclasses import fields

import pytest

from domain.documents import read_owner
from domain.model import PLAN_FIELDS, CustomerProfile, Owner, Version

AT = "2026-11-23T12:00:00+00:00"
LATER = "2026-11-24T12:00:00+00:00"


def _owner() -> Owner:
    first = CustomerProfile(state="done", started_at=AT, updated_at=AT, completed_at=AT,
                            answers={"demographics": "Kobiety 25–40", "persona": "Anna, 32"},
                            version=2, draft=False, version_at=LATER,
                            history=[Version(1, AT, {"demographics": "Kobiety"})],
                            channels=["social"], kpis=[{"metric": "repeat", "today": 22.0}])
    second = CustomerProfile(state="channels", started_at=LATER, updated_at=LATER,
                             profile_id=3, name="Studenci", answers={"demographics": "Studenci"})
    return Owner(user_id=7, language="pl", profiles={1: first, 3: second}, open_profile_id=3,
                 source="insta", reminder_at=LATER)


def test_every_field_of_a_customer_profile_is_the_open_profiles_on_the_owner() -> None:
    """A field added to `CustomerProfile` without its shortcut (or the other way round) fails
    here, not silently: nothing decides by a hand-kept list which fields are a profile's."""
    owner_fields = {spec.name for spec in fields(Owner)}
    for spec in fields(CustomerProfile):
        assert spec.name not in owner_fields, f"{spec.name} is both an owner's and a profile's"
        if spec.name != "profile_id":  # read-only on the owner: `open_profile` changes it
            assert isinstance(getattr(Owner, spec.name, None), property) or hasattr(
                Owner.__dict__.get(spec.name), "__set__"), f"no owner.{spec.name}"
    assert set(PLAN_FIELDS) <= {spec.name for spec in fields(CustomerProfile)}


def test_the_shortcuts_read_and_write_the_open_profile_only() -> None:
    owner = _owner()
    owner.answers["channels"] = "Instagram"
    owner.segment = "beginner"
    assert owner.profiles[3].answers["channels"] == "Instagram"
    assert (owner.profiles[3].segment, owner.profiles[1].segment) == ("beginner", None)
    owner.open_profile(1)
    assert (owner.profile_id, owner.given_name, owner.version) == (1, "Anna", 2)
    with pytest.raises(KeyError):
        owner.open_profile(2)


def test_a_document_reads_back_as_the_same_owner() -> None:
    owner = _owner()
    record = owner.to_record()
    assert [profile["profile_id"] for profile in record["profiles"]] == [1, 3]
    assert read_owner(record) == owner
    owner.answers["demographics"] = "changed after saving"  # to_record copied the answers
    assert record["profiles"][1]["answers"]["demographics"] == "Studenci"


def test_a_document_of_the_earlier_shape_is_upgraded_on_read() -> None:
    """Before typed profiles: the open profile's fields on the record, the others as dicts in
    `others`, versions as dicts in `history`. Read as today's owner, nothing lost."""
    owner = _owner()
    earlier = {"user_id": 7, "language": "pl", "source": "insta", "reminder_at": LATER,
               "profile_id": 3, "state": "channels", "started_at": LATER, "updated_at": LATER,
               "name": "Studenci", "answers": {"demographics": "Studenci"},
               "instance": owner.profiles[3].instance, "history": [],
               "others": [{**owner.to_record()["profiles"][0]}]}
    assert read_owner(earlier) == owner


@pytest.mark.parametrize("damage", [
    {"profiles": []},
    {"profiles": [{"profile_id": 1}]},
    {"open_profile_id": 9},
    {"profiles": "not a list"},
])
def test_a_document_that_cannot_be_an_owner_is_refused(damage: dict[str, object]) -> None:
    with pytest.raises((ValueError, TypeError)):
        read_owner(_owner().to_record() | damage)


def test_views_show_another_profile_and_earlier_versions_are_detached() -> None:
    owner = _owner()
    first, second = owner.views()
    assert (first.profile_id, first.language, second.profile_id) == (1, "pl", 3)
    assert owner.profile_id == 3  # viewing opens nothing
    (version_1,) = first.earlier_versions()
    assert (version_1.version, version_1.answers, version_1.updated_at) == (
        1, {"demographics": "Kobiety"}, AT)
    version_1.answers["demographics"] = "edited"
    assert owner.profiles[1].history[0].answers == {"demographics": "Kobiety"}
    before = owner.with_answers({"demographics": "other"})
    assert before.answers == {"demographics": "other"} and owner.answers["demographics"] == (
        "Studenci")


def test_profiles_are_started_and_removed_by_id() -> None:
    owner = _owner()
    owner.start_profile(CustomerProfile(state="demographics", started_at=AT, updated_at=AT,
                                        profile_id=2))
    assert (owner.profile_id, owner.profile_ids) == (2, [1, 2, 3])
    with pytest.raises(ValueError):
        owner.start_profile(CustomerProfile(state="x", started_at=AT, updated_at=AT))
    with pytest.raises(KeyError):
        owner.remove_profile(2)  # the open one needs another to open instead
    owner.remove_profile(2, replacement=3)
    assert (owner.profile_id, owner.profile_ids) == (3, [1, 3])
    owner.remove_profile(1)
    assert owner.profile_ids == [3] and owner.last_change == LATER
