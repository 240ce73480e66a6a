"""Profiles as JSON, CSV or XLSX, for admins and spreadsheets (the export CLI and `/export`).

Each record is one customer profile of an owner (an owner keeps up to `MAX_PROFILES`), with the
owner's settings; with `history`, each earlier version of a profile is a record too. JSON is
also the backup format `run_bot.py import` restores, so it says which profile is the owner's
open one.

Answers come out of JSON exactly as typed. In CSV and XLSX, where a spreadsheet program opens
them, a cell that would be read as a formula is neutralised (OWASP "CSV injection"): CSV cells get
a leading apostrophe, XLSX cells are stored as explicit text, which spreadsheets never evaluate.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from domain.model import PLAN_FIELDS, Owner
from storage.queries import ExportFilter

__all__ = [
    "CSV_BOM",
    "FORMATS",
    "TELEGRAM_UPLOAD_LIMIT",
    "ExportFile",
    "ExportRecord",
    "csv_header",
    "csv_row",
    "csv_rows",
    "export_csv",
    "export_json",
    "export_records",
    "export_xlsx",
    "json_record",
    "profile_summary",
    "write_xlsx_rows",
    "xlsx_row",
]

#: Written first in CSV files so that spreadsheet programs read them as UTF-8 (Polish, Persian).
CSV_BOM = "\ufeff"
FORMATS = ("json", "csv", "xlsx")
#: Bots may upload files up to 50 MB; a little is kept free for the multipart envelope.
TELEGRAM_UPLOAD_LIMIT = 49 * 1000 * 1000
_FIELDS = ("user_id", "profile_id", "profile_name", "version", "language", "status",
           "started_at", "updated_at", "completed_at")
# Cells starting with these are formulas to a spreadsheet (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    """One file to hand over: its name, its bytes and how many records it holds."""

    name: str
    data: bytes
    count: int


@dataclass(frozen=True)
class ExportRecord:
    """One exported record: one version of one customer profile, with its owner's settings."""

    #: The owner viewing the profile (`Owner.views`, `Owner.earlier_versions`).
    profile: Owner
    #: The owner's open profile, as it is now: the one their step and reminder belong to.
    open: bool = True
    #: An earlier version of the profile (`history`), not its current answers.
    earlier: bool = False


def export_records(owners: Iterable[Owner], *, selection: ExportFilter | None = None,
                   history: bool = False) -> Iterator[ExportRecord]:
    """What an export of `owners` (owners' records, as stored) holds: each customer profile
    that `selection` holds, in owner then profile order, and with `history` its earlier
    versions first, oldest first, so that a reader meets a profile's versions in order."""
    for owner in owners:
        for view in owner.views():
            if selection is not None and not selection(view):
                continue
            if history:
                for earlier in view.earlier_versions():
                    yield ExportRecord(earlier, open=False, earlier=True)
            yield ExportRecord(view, open=view.profile_id == owner.profile_id)


def profile_summary(record: ExportRecord, answer_keys: Sequence[str]) -> dict[str, Any]:
    """The exported view of a record: metadata, then the answers in question order."""
    view = record.profile
    summary: dict[str, Any] = dict(zip(_FIELDS, _metadata(record), strict=True))
    summary["segment"] = view.segment
    summary["source"] = view.source
    # Where the owner is and when they are reminded: a JSON export restores a bot whole
    # (`run_bot.py import`), so moving to another backend loses no step and no reminder. An
    # earlier version has no step; the reminder is the owner's, given with the open profile.
    summary["state"] = None if record.earlier else view.state
    summary["reminder_at"] = view.reminder_at if record.open else None
    summary["open"] = record.open
    # False while a revisit's changes wait for "Looks good" (they are the current answers, but
    # not yet a version the owner approved), so a restore keeps them a draft.
    summary["approved"] = record.earlier or not view.draft
    # When these answers became a version (None while a draft), so a restore dates the version
    # as the bot did, not by a later change (a rename, a measurement).
    summary["approved_at"] = view.version_at if summary["approved"] else None
    # None: not reached yet; "": skipped. Both are an empty cell in CSV.
    summary["answers"] = {key: view.answers.get(key) for key in answer_keys}
    # What the advice reads besides the answers; an earlier version keeps its answers only.
    summary["plan"] = None if record.earlier else {
        name: getattr(view, name) for name in PLAN_FIELDS}  # written out at once: no copy
    return summary


def export_json(owners: Iterable[Owner], answer_keys: Sequence[str], out: TextIO, *,
                selection: ExportFilter | None = None, history: bool = False) -> int:
    """Write a JSON array of records, answers exactly as typed; returns how many were written.

    `owners` are owners' records; each matching customer profile is one record (see
    `export_records`).
    """
    return _write_json(export_records(owners, selection=selection, history=history),
                       answer_keys, out)


def export_csv(owners: Iterable[Owner], answer_keys: Sequence[str], out: TextIO, *,
               selection: ExportFilter | None = None, history: bool = False) -> int:
    """Write one CSV row per record, one column per answer; returns how many were written."""
    return _write_csv(export_records(owners, selection=selection, history=history),
                      answer_keys, out)


def export_xlsx(owners: Iterable[Owner], answer_keys: Sequence[str], out: BinaryIO, *,
                selection: ExportFilter | None = None, history: bool = False) -> int:
    """Write an XLSX workbook, one row per record; returns how many were written."""
    return _write_xlsx(export_records(owners, selection=selection, history=history),
                       answer_keys, out)


def _write_json(records: Iterable[ExportRecord], answer_keys: Sequence[str], out: TextIO) -> int:
    """The array `json.dump(..., indent=2)` writes, one record at a time (memory stays flat)."""
    count = 0
    for record in records:
        out.write("[\n" if count == 0 else ",\n")
        out.write(json_record(profile_summary(record, answer_keys)))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def json_record(summary: dict[str, Any]) -> str:
    """One record as an element of the exported array: indented as `json.dump` indents it."""
    return "  " + json.dumps(summary, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def _write_csv(records: Iterable[ExportRecord], answer_keys: Sequence[str], out: TextIO) -> int:
    out.write(csv_header(answer_keys))
    writer = csv.writer(out)  # as `csv_rows` writes: the `csv` module's defaults
    count = 0
    for record in records:
        writer.writerow(csv_row(record, answer_keys))
        count += 1
    return count


def csv_header(answer_keys: Sequence[str]) -> str:
    """What every CSV file and part starts with: the BOM and the header row."""
    return CSV_BOM + csv_rows([_header(answer_keys)])


def csv_rows(rows: Iterable[list[Any]]) -> str:
    """Rows as the CSV export writes them (the `csv` module's defaults, "\r\n" after each)."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue()


def csv_row(record: ExportRecord, answer_keys: Sequence[str]) -> list[Any]:
    """One CSV row, its formulas neutralised."""
    return [_neutralise(cell) for cell in _row(record, answer_keys)]


def _write_xlsx(records: Iterable[ExportRecord], answer_keys: Sequence[str],
                out: BinaryIO) -> int:
    return write_xlsx_rows((_row(record, answer_keys) for record in records), answer_keys, out)


def write_xlsx_rows(rows: Iterable[list[Any]], answer_keys: Sequence[str], out: BinaryIO) -> int:
    """Write an XLSX workbook of `rows` (`xlsx_row`) under the header; returns how many.

    openpyxl's write-only mode streams rows into a temporary file, so memory stays flat.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("profiles")
    sheet.append(_header(answer_keys))
    count = 0
    try:
        for row in rows:
            sheet.append([_text_cell(sheet, cell) for cell in row])
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


def xlsx_row(record: ExportRecord, answer_keys: Sequence[str]) -> list[Any]:
    """One spreadsheet row: metadata as values, every answer as text."""
    return _row(record, answer_keys)


def _header(answer_keys: Sequence[str]) -> list[str]:
    return [*_FIELDS, "segment", "source", *answer_keys]


def _metadata(record: ExportRecord) -> list[Any]:
    """The values of `_FIELDS`, in their order."""
    view = record.profile
    status = "completed" if record.earlier else view.status
    return [view.user_id, view.profile_id, view.given_name, view.version, view.language, status,
            view.started_at, view.updated_at, view.completed_at]


def _row(record: ExportRecord, answer_keys: Sequence[str]) -> list[Any]:
    """One spreadsheet row: metadata as values, every answer as text."""
    view = record.profile
    answers = [view.answers.get(key) or "" for key in answer_keys]
    extra = [view.segment, view.source]
    return ["" if value is None else value for value in [*_metadata(record), *extra]] + answers


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

