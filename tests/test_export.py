"""The export files themselves (storage/export.py): one column per question in order, text kept as
typed, formulas neutralised, and large exports split into files that each open alone."""

from __future__ import annotations

import csv
import io
import json
import random
import tracemalloc
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from domain.model import Owner, Version
from flows.questions import QUESTION_KEYS
from storage.export import (
    FORMATS,
    export_csv,
    export_json,
    export_records,
    export_xlsx,
    profile_summary,
)
from storage.export_parts import ExportSpool, export_files
from storage.queries import ExportFilter
from tests.helpers import make_profile, owner_of
from tests.test_stats_summary import random_owner

#: Polish text in every answer, which each format must keep as typed.
POLISH = {key: f"Zażółć gęślą jaźń — {key}" for key in QUESTION_KEYS}


def test_csv_export_has_a_bom_one_column_per_answer_and_neutralised_formulas() -> None:
    profile = Owner.with_profile(
        user_id=9, language="fa", state="segment", started_at="s", updated_at="u",
        completed_at="c", answers={"demographics": '=HYPERLINK("http://example.test","x")',
                                   "persona": "سارا، ۳۲ ساله", "metrics": "-5% returns"},
    )
    out = io.StringIO()
    assert export_csv([profile], QUESTION_KEYS, out) == 1
    text = out.getvalue()
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:])))
    assert header[-len(QUESTION_KEYS):] == list(QUESTION_KEYS)
    cells = dict(zip(header, row, strict=True))
    assert cells["demographics"] == "'=HYPERLINK(\"http://example.test\",\"x\")"
    assert cells["metrics"] == "'-5% returns"
    assert cells["persona"] == "سارا، ۳۲ ساله"
    assert cells["status"] == "completed"


@pytest.mark.parametrize("output_format", ["csv", "json", "xlsx"])
def test_a_large_export_is_split_into_complete_files_under_the_limit(output_format: str) -> None:
    many = [make_profile(1000 + n, "pl", {k: f"{v} {n * 7919}" for k, v in POLISH.items()},
                         completed=True) for n in range(300)]
    whole = export_files(many, QUESTION_KEYS, output_format)[0]
    parts = export_files(many, QUESTION_KEYS, output_format, limit=len(whole.data) // 3)
    assert len(parts) >= 3
    assert all(len(part.data) <= len(whole.data) // 3 for part in parts)
    assert sum(part.count for part in parts) == 300
    assert [p.name for p in parts][:2] == [f"profiles-part1.{output_format}",
                                           f"profiles-part2.{output_format}"]
    if output_format == "csv":  # each part opens alone: BOM and header first
        assert all(p.data.decode("utf-8").startswith("\ufeffuser_id,") for p in parts)
    if output_format == "json":
        assert sum(len(json.loads(p.data)) for p in parts) == 300


# -- several customer profiles per owner, and their versions ----------------------------------

ANNA = "Anna, 32, office worker in Kraków"


def _version(number: int) -> dict[str, str]:
    return {key: f"v{number} {key}" for key in QUESTION_KEYS} | {"persona": ANNA}


def _owner_with_two_profiles() -> Owner:
    """Owner 21: profile 1 finished, in its third version; profile 2, renamed, open."""
    first = make_profile(
        21, "pl", _version(3), completed=True, at="2026-03-20T10:00:00+00:00",
        started_at="2026-02-20T10:00:00+00:00", version=3, draft=False,
        version_at="2026-03-20T10:00:00+00:00",
        history=[Version(1, "2026-03-01T10:00:00+00:00", _version(1)),
                 Version(2, "2026-03-10T10:00:00+00:00", _version(2))],
    )
    second = make_profile(21, "pl", {"demographics": "Studenci"}, at="2026-04-01T09:00:00+00:00",
                          profile_id=2, name="=Weekend shoppers", source="insta",
                          reminder_at="2026-04-04T09:00:00+00:00")
    return owner_of(second, first)


def _json(owners: list[Owner], **options: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    count = export_json(owners, QUESTION_KEYS, out, **options)
    records: list[dict[str, Any]] = json.loads(out.getvalue())
    assert count == len(records)
    return records


def test_an_owner_with_one_profile_exports_one_record_shaped_as_before_plus_its_number() -> None:
    (record,) = _json([make_profile(5, "fa", {"persona": "سارا، ۳۲ ساله"}, state="persona",
                                    reminder_at="2026-03-04T10:00:00+00:00")])
    assert list(record) == ["user_id", "profile_id", "profile_name", "version", "language",
                            "status", "started_at", "updated_at", "completed_at", "segment",
                            "source", "state", "reminder_at", "open", "approved", "approved_at",
                            "answers", "plan"]
    # The plan's fields (what the advice reads besides the answers), empty before any tap.
    assert record["plan"] == {"sells_to": None, "stage": None, "channels": [], "advantage": None,
                              "kpis": [], "measurements": [], "kpi_check_at": None}
    assert (record["profile_id"], record["profile_name"], record["version"]) == (1, "سارا", 1)
    assert (record["open"], record["state"]) == (True, "persona")
    assert record["reminder_at"] == "2026-03-04T10:00:00+00:00"


def test_each_customer_profile_is_a_record_and_history_adds_earlier_versions_first() -> None:
    owner = _owner_with_two_profiles()
    current = _json([owner])
    assert [(r["profile_id"], r["version"], r["open"]) for r in current] == [
        (1, 3, False), (2, 1, True)]
    records = _json([owner], history=True)
    assert [(r["profile_id"], r["version"], r["open"]) for r in records] == [
        (1, 1, False), (1, 2, False), (1, 3, False), (2, 1, True)]
    v1, v2, v3, second = records
    # Earlier versions: their own answers, dated when they were saved, with no step or reminder.
    assert v1["answers"] == _version(1) and v2["answers"] == _version(2)
    assert v3["answers"] == _version(3)
    assert [r["updated_at"] for r in (v1, v2, v3)] == [
        "2026-03-01T10:00:00+00:00", "2026-03-10T10:00:00+00:00", "2026-03-20T10:00:00+00:00"]
    assert [(r["status"], r["state"]) for r in (v1, v2, v3)] == [
        ("completed", None), ("completed", None), ("completed", "done")]
    # Named by the persona answer, or by the owner; the owner's settings on every record, the
    # reminder only with the open profile.
    assert [r["profile_name"] for r in records] == ["Anna"] * 3 + ["=Weekend shoppers"]
    assert {(r["user_id"], r["language"], r["source"]) for r in records} == {(21, "pl", "insta")}
    assert [r["reminder_at"] for r in records] == [None] * 3 + ["2026-04-04T09:00:00+00:00"]
    assert (second["status"], second["state"]) == ("in_progress", "psychographics")


def test_the_filter_is_asked_of_each_profile() -> None:
    owner = _owner_with_two_profiles()
    completed = _json([owner], selection=ExportFilter(completed_only=True))
    assert [(r["profile_id"], r["version"]) for r in completed] == [(1, 3)]
    with_history = _json([owner], selection=ExportFilter(completed_only=True), history=True)
    assert [(r["profile_id"], r["version"]) for r in with_history] == [(1, 1), (1, 2), (1, 3)]
    since = _json([owner], selection=ExportFilter(since=date(2026, 3, 1)))
    assert [r["profile_id"] for r in since] == [2]  # profile 1 was started in February
    assert _json([owner], selection=ExportFilter(language="en")) == []


def test_csv_and_xlsx_name_each_profile_after_the_user_id_and_neutralise_the_name() -> None:
    owner = _owner_with_two_profiles()
    out = io.StringIO()
    assert export_csv([owner], QUESTION_KEYS, out, history=True) == 4
    header, *rows = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert header[:5] == ["user_id", "profile_id", "profile_name", "version", "language"]
    assert "open" not in header and "state" not in header
    assert [row[1:4] for row in rows] == [["1", "Anna", "1"], ["1", "Anna", "2"],
                                          ["1", "Anna", "3"], ["2", "'=Weekend shoppers", "1"]]
    binary = io.BytesIO()
    assert export_xlsx([owner], QUESTION_KEYS, binary) == 2
    sheet = load_workbook(binary).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]][:4] == ["user_id", "profile_id", "profile_name",
                                                     "version"]
    name = sheet.cell(row=3, column=3)
    assert (name.value, name.data_type) == ("=Weekend shoppers", "s")  # text, not a formula


def test_export_parts_never_split_an_owner_s_profiles() -> None:
    """Import merges an owner as a whole: a part holding some of their profiles would restore
    the owner without the others, so every part holds all of an owner's records."""
    answers = {k: f"{v} 7919" for k, v in POLISH.items()}
    owners = [owner_of(*(make_profile(user, "pl", answers, completed=True, profile_id=n)
                         for n in range(1, 4))) for user in range(1, 8)]
    whole = export_files(owners, QUESTION_KEYS, "json")
    assert [file.count for file in whole] == [21]
    parts = export_files(owners, QUESTION_KEYS, "json", limit=len(whole[0].data) // 3)
    assert len(parts) >= 3 and sum(part.count for part in parts) == 21
    owners_by_part = [[record["user_id"] for record in json.loads(part.data)] for part in parts]
    for records in owners_by_part:
        for user in set(records):
            assert records.count(user) == 3  # all three profiles of each owner in one part
    assert sorted(set().union(*map(set, owners_by_part))) == list(range(1, 8))


# -- streaming: the same bytes as a whole-list dump, in memory that does not grow ------------


def _many_owners(count: int, seed: int = 1) -> Iterator[Owner]:
    """Owners made one at a time (a generator, as `iter_all` streams them)."""
    rng = random.Random(seed)
    for user_id in range(1, count + 1):
        yield random_owner(rng, user_id)


@pytest.mark.parametrize("history", [False, True])
def test_json_is_written_record_by_record_exactly_as_a_whole_list_dump(history: bool) -> None:
    owners = list(_many_owners(40))
    owners[3].answers["demographics"] = 'Zażółć\n"=1+1"\u2028 زن'
    out = io.StringIO()
    count = export_json(owners, QUESTION_KEYS, out, history=history)
    whole = [profile_summary(record, QUESTION_KEYS)
             for record in export_records(owners, history=history)]
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert count == len(whole)
    empty = io.StringIO()
    assert export_json([], QUESTION_KEYS, empty) == 0 and empty.getvalue() == "[]\n"


def _export_peak(owners: int) -> int:
    """The peak memory Python allocated while spooling and writing every part of an export."""
    tracemalloc.start()
    try:
        with ExportSpool(_many_owners(owners), QUESTION_KEYS, ("json", "csv"), history=True,
                         limit=200_000) as spool:
            for output_format in ("json", "csv"):  # XLSX: openpyxl's write-only mode
                for part in spool.parts(output_format):
                    part.read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_export_s_memory_does_not_grow_with_the_number_of_owners() -> None:
    """Eight times the owners (about 5 MB of records), not even twice the peak: each owner is
    read, rendered and spooled to disk in turn, and each part is read when it is sent."""
    small, large = _export_peak(100), _export_peak(800)
    assert large < 2 * small, (small, large)


def test_the_spool_counts_profiles_and_records_and_parts_hold_them_all() -> None:
    with ExportSpool(_many_owners(60), QUESTION_KEYS, FORMATS, history=True,
                     limit=50_000) as spool:
        owners = list(_many_owners(60))
        records = list(export_records(owners, history=True))
        assert spool.count == len(records)
        assert spool.profiles == sum(len(owner.customer_profiles()) for owner in owners)
        parts = spool.parts("json")
        assert len(parts) > 1 and sum(part.count for part in parts) == spool.count
        assert [item for part in parts for item in json.loads(part.read())] == [
            profile_summary(record, QUESTION_KEYS) for record in records]
