"""Reading the KPI values an owner types after question 9: "Repeat purchases 22% → 30%".

Language-free, like the topics: each line (or part between semicolons) is one metric, named
in any language (`flows.channels_metrics_stages.METRICS`) or, when the line names none, the
metric of the metric known in the same order (those named at question 9, or the plan's); its
first number is the value (today's), the second the target. Persian digits are read as digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flows.channels_metrics_stages import METRICS
from flows.stem_matching import find, normalise

__all__ = ["NUMBER", "metrics_named", "parse_kpis"]

#: A number, with a currency sign before it or a unit after it.
NUMBER = re.compile(
    r"(?P<pre>[£$€])?\s?(?P<number>\d+(?:[.,]\d+)?)\s?"
    r"(?P<post>%|zł|pln|eur|usd|gbp|euro|هزار تومان|تومان|ریال|k(?!\w))?"
)
#: Where one metric's part ends: a line break, a semicolon, or a comma that is not a decimal
#: one ("22%, average basket 140 zł", but "1,5%").
_PARTS = re.compile(r"[;\n\u061b\u060c]+|,(?!\d)")


def metrics_named(text: str) -> list[str]:
    """The metrics `text` names, in the order it names them."""
    return [found.key for found in sorted(find(text, METRICS), key=lambda found: found.start)]


def parse_kpis(text: str, named: Sequence[str]) -> list[dict[str, Any]]:
    """The KPIs in `text`: [{"metric", "today", "target", "unit"}], in the order typed; an
    empty list when no part holds a number. `named`: the metrics a part that names none
    stands for, in order."""
    kpis: list[dict[str, Any]] = []
    for position, part in enumerate(part for part in _PARTS.split(text) if part.strip()):
        numbers = list(NUMBER.finditer(normalise(part)))
        if not numbers:
            continue
        found = find(part, METRICS)
        if found:
            metric = min(found, key=lambda hit: hit.start).key
        elif position < len(named):
            metric = named[position]
        else:  # the owner's own name for it, the words before the number
            metric = " ".join(part[:numbers[0].start()].strip(" :-–").split())[:40]
        # A bare number with no metric left for it names nothing a table could show.
        if not metric or any(kpi["metric"] == metric for kpi in kpis):
            continue
        kpi: dict[str, Any] = {"metric": metric, "today": None, "target": None, "unit": ""}
        for name, number in zip(("today", "target"), numbers, strict=False):
            kpi[name] = float(number.group("number").replace(",", "."))
            kpi["unit"] = kpi["unit"] or number.group("pre") or number.group("post") or ""
        kpis.append(kpi)
    return kpis
