"""The export files themselves (storage/export.py): one column per question in order, text kept as
typed, formulas neutralised, and large exports split into files that each open alone."""

from __future__ import annotations

import csv
import io
import json

import pytest

from flows.questions import QUESTION_KEYS
from storage.export import export_csv, export_files
from storage.model import Profile
from tests.helpers import make_profile

#: Polish text in every answer, which each format must keep as typed.
POLISH = {key: f"Zażółć gęślą jaźń — {key}" for key in QUESTION_KEYS}


def test_csv_export_has_a_bom_one_column_per_answer_and_neutralised_formulas() -> None:
    profile = Profile(
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
