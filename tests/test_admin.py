"""Admin export and stats in the chat; an owner's /privacy, /mydata and /delete (issue 4)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
from datetime import date

import pytest
from openpyxl import load_workbook

from flows.admin import RequestError, parse_export_request
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage.base import ProfileRepository
from storage.export import export_files
from storage.model import Profile
from storage.queries import ExportFilter, count_profiles
from tests.backends import Backend
from tests.helpers import running_bot
from tests.standin import BotAPIStandIn, ChatUser

ADMIN = 7001
OWNER = 7002
FORMULA = '=HYPERLINK("http://example.test","x")'


def _profile(user_id: int, language: str, answers: dict[str, str], *, completed: bool,
             started: str = "2026-03-01T10:00:00+00:00") -> Profile:
    state = "done" if completed else QUESTION_KEYS[len(answers)]
    return Profile(user_id=user_id, language=language, state=state, started_at=started,
                   updated_at=started, completed_at=started if completed else None,
                   answers=answers)


POLISH = {key: f"Zażółć gęślą jaźń — {key}" for key in QUESTION_KEYS}
PERSIAN = {key: f"مشتری‌های ما در تهران — {key}" for key in QUESTION_KEYS}
STORED = [
    _profile(101, "pl", POLISH, completed=True),
    _profile(102, "fa", PERSIAN, completed=True, started="2026-05-01T10:00:00+00:00"),
    _profile(103, "en",
             {"demographics": FORMULA, "psychographics": "+48 123", "problems_needs": "@home"},
             completed=False),
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


@pytest.mark.parametrize("output_format", ["csv", "json", "xlsx"])
def test_a_large_export_is_split_into_complete_files_under_the_limit(output_format: str) -> None:
    many = [_profile(1000 + n, "pl", {k: f"{v} {n * 7919}" for k, v in POLISH.items()},
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


async def test_an_owner_sees_their_data_and_erases_it_from_every_file(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = _stored_repository(backend)
    owner = ChatUser(bot_api, OWNER, "pl")
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        await owner.say("/start", replies=2)
        await owner.say("Sekretna odpowiedź właściciela 4711")
        (privacy, _question) = await owner.say("/privacy", replies=2)
        (_, _document) = await owner.say("/mydata", replies=2)
        (ask,) = await owner.say("/delete")
        (kept, _step) = await owner.tap("Nie, zachowaj odpowiedzi", replies=2)
        await owner.say("/delete")
        (erased,) = await owner.tap("Tak, usuń wszystko")
        (nothing,) = await owner.say("/mydata")
    assert privacy["text"].startswith("🔒 Twoje dane")
    assert "kopii zapasowych" in privacy["text"]  # earlier exports and backups: the admins
    ((name, data),) = bot_api.files_sent_to(OWNER)
    mine = json.loads(data)
    assert name == "my-profile.json" and mine["user_id"] == OWNER
    assert mine["answers"] == {"demographics": "Sekretna odpowiedź właściciela 4711"}
    pl = catalogs.get("pl")
    assert ask["text"].startswith(pl.gettext(
        "Erase your profile and all your answers? This cannot be undone."))
    assert kept["text"] == "Niczego nie usunięto."
    assert erased["text"].startswith("Profil i wszystkie odpowiedzi zostały usunięte.")
    assert nothing["text"] == "Nie przechowuję o Tobie żadnych danych."
    repository.close()
    assert backend.open(read_only=True).get(OWNER) is None
    # On the file backend no file holds the answer any more (PostgreSQL: the row is gone; what
    # that means for its own files and backups is said in /privacy and the README).
    for path in backend.path.parent.rglob("*"):
        if path.is_file():
            assert "Sekretna odpowiedź".encode() not in path.read_bytes(), path
    assert backend.open(read_only=True).get(101) is not None  # others stay


async def test_an_old_erase_button_never_erases_a_newer_profile(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = backend.open()
    owner = ChatUser(bot_api, OWNER, "en")
    async with running_bot(bot_api, repository, catalogs):
        await owner.say("/start", replies=2)
        (ask,) = await owner.say("/delete")
        old_button = ChatUser.button_data(ask, "Yes, erase everything")
        await owner.tap("Yes, erase everything")
        await owner.say("/start", replies=2)
        await owner.say("A new answer")
        owner.press_data(old_button, ask)  # a second tap, or a client replaying it
        await asyncio.sleep(0.3)
    profile = repository.get(OWNER)
    assert profile is not None and profile.answers == {"demographics": "A new answer"}
