"""The admins' /export and /stats in the chat: every profile with its text intact, filters, the
chart, and a refusal for anyone else (the export files themselves: test_export.py)."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import date

import pytest
from openpyxl import load_workbook

from domain.model import Owner, Version
from flows.admin import RequestError, parse_export_request, stats_text
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS, QUESTIONS
from storage.base import ProfileRepository
from storage.queries import ExportFilter, count_profiles
from tests.backends import Backend
from tests.helpers import make_profile, owner_of, running_bot
from tests.standin import BotAPIStandIn, ChatUser

ADMIN = 7001
OWNER = 7002
FORMULA = '=HYPERLINK("http://example.test","x")'


POLISH = {key: f"Zażółć gęślą jaźń — {key}" for key in QUESTION_KEYS}
PERSIAN = {key: f"مشتری‌های ما در تهران — {key}" for key in QUESTION_KEYS}
STORED = [
    make_profile(101, "pl", POLISH, completed=True),
    make_profile(102, "fa", PERSIAN, completed=True, at="2026-05-01T10:00:00+00:00"),
    make_profile(103, "en", {"demographics": FORMULA, "psychographics": "+48 123",
                             "problems_needs": "@home"}),
]


def _stored_repository(backend: Backend) -> ProfileRepository:
    repository = backend.open()
    for profile in STORED:
        repository.save(profile)
    return repository


async def test_an_admins_export_sends_every_profile_as_csv_json_and_xlsx_text_intact(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend, caplog: pytest.LogCaptureFixture
) -> None:
    repository = _stored_repository(backend)
    admin = ChatUser(bot_api, ADMIN, "pl")
    caplog.set_level(logging.INFO)
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        (summary, *_documents) = await admin.say("/export", replies=4)
    assert summary["text"] == "Eksportuję 3 profile. Wysyłam 3 pliki."
    files = dict(bot_api.files_sent_to(ADMIN))
    assert sorted(files) == ["profiles.csv", "profiles.json", "profiles.xlsx"]

    exported = json.loads(files["profiles.json"])
    assert {p["user_id"]: p["answers"] for p in exported}[101] == POLISH
    assert {p["user_id"]: p["answers"] for p in exported}[102] == PERSIAN
    assert {p["user_id"]: p["answers"]["demographics"] for p in exported}[103] == FORMULA

    text = files["profiles.csv"].decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    rows = {row["user_id"]: row for row in reader}
    assert [rows["101"][key] for key in QUESTION_KEYS] == list(POLISH.values())
    assert [rows["102"][key] for key in QUESTION_KEYS] == list(PERSIAN.values())
    # Neutralised: a spreadsheet shows these as text and runs nothing.
    assert rows["103"]["demographics"] == "'" + FORMULA
    assert rows["103"]["psychographics"] == "'+48 123"
    assert rows["103"]["problems_needs"] == "'@home"

    sheet = load_workbook(io.BytesIO(files["profiles.xlsx"])).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    first = header.index(QUESTION_KEYS[0])
    assert header[first:] == list(QUESTION_KEYS)  # one column per question, in order
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    formula_cell = cells[103][first]
    assert formula_cell.value == FORMULA and formula_cell.data_type == "s"  # text, not a formula
    assert [c.value for c in cells[102][first:]] == list(PERSIAN.values())

    admin_lines = [r.getMessage() for r in caplog.records if "admin" in r.getMessage()]
    assert admin_lines == [f"admin {ADMIN}: /export all as json,csv,xlsx"]
    assert not any("Zażółć" in r.getMessage() or FORMULA in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("command", ["/export", "/export completed", "/stats"])
async def test_anyone_else_gets_a_polite_refusal_and_no_data(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend, command: str
) -> None:
    repository = _stored_repository(backend)
    stranger = ChatUser(bot_api, OWNER, "fa")
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        (refusal,) = await stranger.say(command)
    assert refusal["text"] == catalogs.get("fa").gettext(
        "Sorry, this command is only for the bot's admins."
    )
    assert bot_api.files_sent_to(OWNER) == []
    assert bot_api.calls_of("sendDocument") == [] and bot_api.calls_of("sendPhoto") == []


async def test_export_filters_and_a_bad_filter_gets_the_syntax(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = _stored_repository(backend)
    admin = ChatUser(bot_api, ADMIN, "en")
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        await admin.say("/export completed json since 2026-04-01", replies=2)
        (error,) = await admin.say("/export yesterday")
        (nothing,) = await admin.say("/export pl until 2026-01-31")
    ((name, data),) = bot_api.files_sent_to(ADMIN)
    assert name == "profiles.json"
    assert [p["user_id"] for p in json.loads(data)] == [102]
    assert error["text"].startswith("I don't understand “\u2068yesterday\u2069”.")
    assert "/export completed pl since 2026-01-01" in error["text"]
    assert nothing["text"] == "No profiles match that export."


async def test_stats_sends_the_numbers_and_a_chart(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = _stored_repository(backend)
    admin = ChatUser(bot_api, ADMIN, "fa")
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        (text, _photo) = await admin.say("/stats", replies=2)
    assert text["text"].startswith("📊 ") and "۳" in text["text"] and "۶۷٪" in text["text"]
    assert not any(char.isascii() and char.isdigit() for char in text["text"])
    ((name, png),) = bot_api.files_sent_to(ADMIN)
    assert name == "stats.png" and png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_stats_count_where_owners_give_up() -> None:
    stats = count_profiles(STORED, QUESTION_KEYS)
    assert (stats.started, stats.completed) == (3, 2)
    assert stats.started_by_language == {"pl": 1, "fa": 1, "en": 1}
    assert stats.reached["demographics"] == 3 and stats.reached["buying_stage"] == 2
    assert stats.share_reached("metrics") == pytest.approx(2 / 3)


def test_export_requests_are_read_in_any_order_with_native_digits() -> None:
    request = parse_export_request(["fa", "since", "۲۰۲۶-۰۴-۰۱", "COMPLETED", "csv"],
                                   ["en", "pl", "fa"])
    assert request.selection == ExportFilter(True, "fa", since=date(2026, 4, 1))
    assert request.formats == ("csv",)
    for words in (["since"], ["since", "2026-13-01"], ["de"], ["everything"]):
        with pytest.raises(RequestError):
            parse_export_request(words, ["en", "pl", "fa"])


def _two_profile_owner() -> Owner:
    """Owner 104: profile 1 completed, in its second version; profile 2 open, in progress."""
    first = make_profile(104, "pl", POLISH, completed=True, version=2, draft=False,
                         history=[Version(1, "2026-02-01T10:00:00+00:00", PERSIAN)])
    second = make_profile(104, "pl", {"demographics": "Studenci"}, profile_id=2,
                          name="Studenci", at="2026-04-01T10:00:00+00:00")
    return owner_of(second, first)


async def test_export_history_sends_each_profile_and_its_earlier_versions(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = _stored_repository(backend)
    repository.save(_two_profile_owner())
    admin = ChatUser(bot_api, ADMIN, "en")
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        (completed, _file) = await admin.say("/export completed json", replies=2)
        (summary, _file) = await admin.say("/export json history", replies=2)
    assert completed["text"] == "Exporting 3 profiles. 1 file follows."
    assert summary["text"] == "Exporting 5 profiles with their earlier versions. 1 file follows."
    (only_completed, everything) = [json.loads(data) for _, data in bot_api.files_sent_to(ADMIN)]
    # The owner's open profile is in progress: only their completed one is exported.
    assert [(r["user_id"], r["profile_id"]) for r in only_completed] == [
        (101, 1), (102, 1), (104, 1)]
    assert [(r["user_id"], r["profile_id"], r["version"]) for r in everything] == [
        (101, 1, 1), (102, 1, 1), (103, 1, 1), (104, 1, 1), (104, 1, 2), (104, 2, 1)]
    assert everything[3]["answers"] == PERSIAN and everything[4]["answers"] == POLISH


def test_stats_text_counts_owners_and_their_profiles(catalogs: Catalogs) -> None:
    stats = count_profiles([*STORED, _two_profile_owner()], QUESTION_KEYS)
    assert (stats.owners, stats.started, stats.completed) == (4, 5, 3)
    text = stats_text(catalogs.get("en"), stats, catalogs)
    first, *_ = text.splitlines()
    assert first == "📊 Owners: 4 · profiles: 5 · completed: 3 (60%)"
    assert "Polski: 3 started, 2 completed" in text
    assert "How many profiles got past each question:" in text
    # Every profile got past the first question; 4 of 5 (not the second profile) the second.
    assert f"1. {QUESTIONS[0].title}: 100%" in text and f"2. {QUESTIONS[1].title}: 80%" in text


def test_history_is_a_word_of_the_export_request() -> None:
    request = parse_export_request(["json", "HISTORY", "completed"], ["en", "pl", "fa"])
    assert (request.history, request.formats) == (True, ("json",))
    assert request.selection == ExportFilter(completed_only=True)
    assert parse_export_request([], ["en"]).history is False
