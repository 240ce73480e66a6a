"""Reading an owner's stored JSON document, of today's shape or an earlier one.

Today's document (`Owner.to_record`) holds the owner's settings, `open_profile_id` and
`profiles`, a list of customer profiles each with its `history` of versions. Documents written
before it kept the open profile's fields on the document itself and the other profiles in
`others`; they are read the same, so old files, rows and exports need no rewrite: the next save
writes today's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.model import CustomerProfile, Owner, Version
from domain.record_checks import check_record

__all__ = ["read_owner"]

_PROFILE_FIELDS = tuple(CustomerProfile.__dataclass_fields__)
_OWNER_FIELDS = tuple(name for name in Owner.__dataclass_fields__
                      if name not in ("profiles", "open_profile_id"))


def read_owner(stored: Mapping[str, Any]) -> Owner:
    """An owner from a stored document, ignoring keys this version does not know. It may share
    the document's lists and dicts: a backend that keeps documents (memory) passes a copy.

    Raises ValueError or TypeError when the document cannot be read as an owner, also when one
    of its profiles or versions cannot (`domain.record_checks`).
    """
    check_record(stored)
    record = dict(stored)
    if "profiles" in record:
        profile_records = record["profiles"]
        open_id = record.get("open_profile_id", 1)
    else:  # the shape before typed profiles: the open one's fields on the record itself
        inline = {name: record[name] for name in _PROFILE_FIELDS if name in record}
        profile_records = [inline, *record.get("others", [])]
        open_id = inline.get("profile_id", 1)
    profiles: dict[int, CustomerProfile] = {}
    for fields in profile_records:
        profile = _profile(fields)
        profiles[profile.profile_id] = profile
    if open_id not in profiles:
        raise ValueError(f"open_profile_id {open_id} is none of the profiles")
    settings = {name: record[name] for name in _OWNER_FIELDS if name in record}
    return Owner(**settings, profiles=profiles, open_profile_id=open_id)


def _profile(fields: dict[str, Any]) -> CustomerProfile:
    known = {name: fields[name] for name in _PROFILE_FIELDS if name in fields}
    known["history"] = [Version(version=old["version"], saved_at=old["saved_at"],
                                answers=old["answers"]) for old in known.get("history", [])]
    # Records written before `instance` existed get a stable one, the same on every read.
    known.setdefault("instance", str(fields.get("started_at", "")))
    # Records written before versions existed: a finished profile is an approved version.
    known.setdefault("draft", not fields.get("completed_at"))
    profile = CustomerProfile(**known)
    profile.settle_first_version()
    return profile
