"""What the advice reads besides the answers survives an export and an import: a backup or a
move to another backend keeps the owner's plan (taps, advantage, KPIs, measurements)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from domain.model import PLAN_FIELDS
from flows.questions import QUESTION_KEYS
from flows.records import to_profile
from storage.export import export_json
from tests.helpers import varied
from tests.test_advice import b2b_office_supplies

PLAN: dict[str, Any] = {
    "kpis": [{"metric": "order_value", "today": 180.0, "target": 220.0, "unit": "£"}],
    "measurements": [{"metric": "order_value", "value": 205.0, "unit": "£",
                      "at": "2026-12-31T11:00:00+00:00"}],
    "kpi_check_at": "2027-01-30T11:00:00+00:00",
}


def exported() -> dict[str, object]:
    owner = varied(b2b_office_supplies(), **PLAN)
    out = io.StringIO()
    export_json([owner], QUESTION_KEYS, out)
    (record,) = json.loads(out.getvalue())
    assert isinstance(record, dict)
    return record


def test_the_plan_is_exported_and_imported_back_whole() -> None:
    record = exported()
    plan = record["plan"]
    assert isinstance(plan, dict) and set(plan) == set(PLAN_FIELDS)
    restored = to_profile(record, {"en", "pl", "fa"}, QUESTION_KEYS)
    original = varied(b2b_office_supplies(), **PLAN)
    for name in PLAN_FIELDS:
        assert getattr(restored, name) == getattr(original, name), name


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("sells_to", "aliens", "plan.sells_to"),
    ("channels", ["pigeons"], "plan.channels"),
    ("advantage", "a\x00b", "plan.advantage"),
    ("kpis", [{"metric": "repeat", "today": "22%", "target": None, "unit": "%"}],
     "plan.kpis[0].today"),
    ("measurements", [{"metric": "repeat", "value": 1, "unit": "%", "at": "yesterday"}],
     "plan.measurements[0].at"),
    ("kpi_check_at", "soon", "plan.kpi_check_at"),
])
def test_an_import_refuses_a_plan_the_bot_could_not_have_kept(
    field: str, value: object, reason: str
) -> None:
    record = exported()
    plan = record["plan"]
    assert isinstance(plan, dict)
    plan[field] = value
    with pytest.raises(ValueError, match=reason.replace("[", r"\[").replace("]", r"\]")):
        to_profile(record, {"en", "pl", "fa"}, QUESTION_KEYS)


def test_a_record_in_a_second_part_imports() -> None:
    record = exported()
    record.update(status="in_progress", completed_at=None, approved=False, approved_at=None,
                  segment=None, state="competitors.second")
    answers = record["answers"]
    assert isinstance(answers, dict)
    for key in QUESTION_KEYS[QUESTION_KEYS.index("competitors") + 1:]:
        answers[key] = None
    profile = to_profile(record, {"en", "pl", "fa"}, QUESTION_KEYS)
    assert profile.state == "competitors.second"
