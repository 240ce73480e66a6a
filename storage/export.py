"""Profiles as JSON or CSV, for admins and spreadsheets (the export CLI and, later, /export)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from storage.profiles import Profile

__all__ = ["CSV_BOM", "FORMATS", "export_csv", "export_json", "profile_summary"]

#: Written first in CSV files so that spreadsheet programs read them as UTF-8 (Polish, Persian).
CSV_BOM = "\ufeff"
FORMATS = ("json", "csv")
_FIELDS = ("user_id", "language", "status", "started_at", "updated_at", "completed_at")
# Cells starting with these are formulas to a spreadsheet (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def profile_summary(profile: Profile, answer_keys: Sequence[str]) -> dict[str, Any]:
    """The exported view of a profile: metadata, then the answers in question order."""
    summary: dict[str, Any] = {name: getattr(profile, name) for name in _FIELDS}
    summary["segment"] = profile.segment
    # None: not reached yet; "": skipped. Both are an empty cell in CSV.
    summary["answers"] = {key: profile.answers.get(key) for key in answer_keys}
    return summary


def export_json(profiles: Iterable[Profile], answer_keys: Sequence[str], out: TextIO) -> int:
    """Write a JSON array of profiles, answers exactly as typed; returns how many were written."""
    summaries = [profile_summary(profile, answer_keys) for profile in profiles]
    json.dump(summaries, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(summaries)


def export_csv(profiles: Iterable[Profile], answer_keys: Sequence[str], out: TextIO) -> int:
    """Write one CSV row per profile, one column per answer; returns how many were written."""
    writer = csv.writer(out)
    out.write(CSV_BOM)
    writer.writerow([*_FIELDS, "segment", *answer_keys])
    count = 0
    for profile in profiles:
        summary = profile_summary(profile, answer_keys)
        metadata = [summary[name] for name in (*_FIELDS, "segment")]
        answers = [_neutralise(summary["answers"][key] or "") for key in answer_keys]
        writer.writerow(["" if value is None else value for value in metadata] + answers)
        count += 1
    return count


def _neutralise(cell: str) -> str:
    """Make a cell that a spreadsheet would evaluate as a formula read as plain text."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell
