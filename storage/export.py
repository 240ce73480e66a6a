"""Profiles as JSON, CSV or XLSX, for admins and spreadsheets (the export CLI and `/export`).

Answers come out of JSON exactly as typed. In CSV and XLSX, where a spreadsheet program opens
them, a cell that would be read as a formula is neutralised (OWASP "CSV injection"): CSV cells get
a leading apostrophe, XLSX cells are stored as explicit text, which spreadsheets never evaluate.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from storage.model import Profile

__all__ = [
    "CSV_BOM",
    "FORMATS",
    "TELEGRAM_UPLOAD_LIMIT",
    "ExportFile",
    "export_csv",
    "export_files",
    "export_json",
    "export_xlsx",
    "profile_summary",
]

#: Written first in CSV files so that spreadsheet programs read them as UTF-8 (Polish, Persian).
CSV_BOM = "\ufeff"
FORMATS = ("json", "csv", "xlsx")
#: Bots may upload files up to 50 MB; a little is kept free for the multipart envelope.
TELEGRAM_UPLOAD_LIMIT = 49 * 1000 * 1000
_FIELDS = ("user_id", "language", "status", "started_at", "updated_at", "completed_at")
# Cells starting with these are formulas to a spreadsheet (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    """One file to hand over: its name, its bytes and how many profiles it holds."""

    name: str
    data: bytes
    count: int


def profile_summary(profile: Profile, answer_keys: Sequence[str]) -> dict[str, Any]:
    """The exported view of a profile: metadata, then the answers in question order."""
    summary: dict[str, Any] = {name: getattr(profile, name) for name in _FIELDS}
    summary["segment"] = profile.segment
    summary["source"] = profile.source
    # Where the owner is and when they are reminded: a JSON export restores a bot whole
    # (`run_bot.py import`), so moving to another backend loses no step and no reminder.
    summary["state"] = profile.state
    summary["reminder_at"] = profile.reminder_at
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
    writer.writerow(_header(answer_keys))
    count = 0
    for profile in profiles:
        writer.writerow([_neutralise(cell) for cell in _row(profile, answer_keys)])
        count += 1
    return count


def export_xlsx(profiles: Iterable[Profile], answer_keys: Sequence[str], out: BinaryIO) -> int:
    """Write an XLSX workbook, one row per profile; returns how many were written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("profiles")
    sheet.append(_header(answer_keys))
    count = 0
    try:
        for profile in profiles:
            sheet.append([_text_cell(sheet, cell) for cell in _row(profile, answer_keys)])
            count += 1
    except BaseException:
        # A profile that cannot be read stops the export. openpyxl streams rows through a
        # generator into a temporary file; left open, it fails again when collected and prints
        # a second traceback after the real error, so it is closed here.
        with contextlib.suppress(Exception):
            sheet.close()
        raise
    workbook.save(out)
    return count


def export_files(
    profiles: Sequence[Profile],
    answer_keys: Sequence[str],
    output_format: str,
    *,
    stem: str = "profiles",
    limit: int = TELEGRAM_UPLOAD_LIMIT,
) -> list[ExportFile]:
    """The export as one file, or as numbered parts when one would exceed `limit` bytes.

    Each part is a complete file of its format (CSV parts repeat the header), so an admin can
    open any one of them alone.
    """
    render = _RENDERERS[output_format]
    groups = _split_until_small(list(profiles), lambda group: len(render(group, answer_keys)),
                                limit)
    if len(groups) == 1:
        return [ExportFile(f"{stem}.{output_format}", render(groups[0], answer_keys),
                           len(groups[0]))]
    return [
        ExportFile(f"{stem}-part{number}.{output_format}", render(group, answer_keys), len(group))
        for number, group in enumerate(groups, start=1)
    ]


def _split_until_small(
    profiles: list[Profile], size: Callable[[list[Profile]], int], limit: int
) -> list[list[Profile]]:
    """Halve the list until every part renders under `limit` (a single profile always fits)."""
    if len(profiles) <= 1 or size(profiles) <= limit:
        return [profiles]
    middle = len(profiles) // 2
    return (_split_until_small(profiles[:middle], size, limit)
            + _split_until_small(profiles[middle:], size, limit))


def _render_json(profiles: Sequence[Profile], answer_keys: Sequence[str]) -> bytes:
    out = io.StringIO()
    export_json(profiles, answer_keys, out)
    return out.getvalue().encode("utf-8")


def _render_csv(profiles: Sequence[Profile], answer_keys: Sequence[str]) -> bytes:
    out = io.StringIO(newline="")
    export_csv(profiles, answer_keys, out)
    return out.getvalue().encode("utf-8")


def _render_xlsx(profiles: Sequence[Profile], answer_keys: Sequence[str]) -> bytes:
    out = io.BytesIO()
    export_xlsx(profiles, answer_keys, out)
    return out.getvalue()


_RENDERERS: dict[str, Callable[[Sequence[Profile], Sequence[str]], bytes]] = {
    "json": _render_json,
    "csv": _render_csv,
    "xlsx": _render_xlsx,
}


def _header(answer_keys: Sequence[str]) -> list[str]:
    return [*_FIELDS, "segment", "source", *answer_keys]


def _row(profile: Profile, answer_keys: Sequence[str]) -> list[Any]:
    """One spreadsheet row: metadata as values, every answer as text."""
    metadata = [getattr(profile, name) for name in _FIELDS]
    answers = [profile.answers.get(key) or "" for key in answer_keys]
    extra = [profile.segment, profile.source]
    return ["" if value is None else value for value in [*metadata, *extra]] + answers


def _text_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A string as an explicit text cell: openpyxl would store "=..." as a formula otherwise."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = TYPE_STRING
    return cell


def _neutralise(cell: Any) -> Any:
    """Make a CSV cell that a spreadsheet would evaluate as a formula read as plain text."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return f"'{cell}"
    return cell

