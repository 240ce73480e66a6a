"""`run_bot.py` as a user runs it: subprocesses with their own environment and database."""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.console import CONSOLE_USER_ID, CONSOLE_WORDING, run_console
from cli.settings import Settings, SettingsError
from domain.model import Owner
from flows.advice import page_count
from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.machine import second_part_of
from flows.questions import QUESTION_KEYS, question_by_key
from storage.files import FileRepository
from storage.memory import MemoryRepository
from storage.profile_files import ProfileFiles
from tests.backends import Backend
from tests.helpers import ROOT, clean_env, make_profile, position, progress, run_bot
from tests.standin import TOKEN, BotAPIStandIn, ChatUser


def test_without_a_token_it_exits_2_with_one_line_naming_the_variable(tmp_path: Path) -> None:
    result = run_bot(env={"BOT_DB_PATH": str(tmp_path / "db.json")})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "TELEGRAM_BOT_TOKEN" in lines[0] and "BotFather" in lines[0]
    # It names the interpreter that ran it: a bare `python` may not have the packages.
    python = Path(sys.executable)
    python = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    assert f"{python} run_bot.py console" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [[], ["run"], ["console"], ["export"]])
def test_every_subcommand_has_help(command: list[str]) -> None:
    result = run_bot(*command, "--help", env={})
    assert result.returncode == 0
    assert "usage: run_bot.py" in result.stdout


def test_the_console_chats_the_whole_path_from_piped_input(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    db = tmp_path / "profiles"
    answers = [f"odpowiedź {n}" for n in range(1, len(QUESTION_KEYS) + 1)]
    advantage = "Tylko u nas doradza kosmetolog"
    # Every answer, what only the shop offers after the competitors, /skip at the metrics'
    # values; on the review, Edit the channels answer and type a new one, then "Looks good"
    # (the button after the edits); the segment (button 2); then "Next" through the advice
    # screens, ending at "Finish" on the plan.
    channels, looks_good = position("channels"), len(QUESTION_KEYS) + 1
    typed = [*answers[:channels - 1], "Instagram", *answers[channels:]]
    expected = make_profile(language="pl", answers=dict(zip(QUESTION_KEYS, typed, strict=True)),
                            completed=True, segment="beginner", advantage=advantage)
    seconds = {"competitors": advantage, "metrics": "/skip"}
    lines = [*(line for key, answer in zip(QUESTION_KEYS, answers, strict=True)
               for line in (answer, seconds.get(key)) if line),
             str(channels), "Instagram", str(looks_good), "2", *["1"] * page_count(expected)]
    assert set(seconds) == {key for key in QUESTION_KEYS if second_part_of(key)}
    result = run_bot("console", "--lang", "pl", env={"BOT_DB_PATH": str(db)},
                     stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    pl = catalogs.get("pl")
    assert pl.gettext("Bye! Your answers are saved.") in result.stdout
    assert "[1] " + pl.gettext("Read the tips again") in result.stdout
    assert "\u2068" not in result.stdout  # no invisible bidi marks in a terminal

    exported = run_bot("export", "--format", "json", env={"BOT_DB_PATH": str(db)})
    (profile,) = json.loads(exported.stdout)
    assert list(profile["answers"].values()) == typed
    assert profile["state"] == "done"
    # The persona card was shown by path, and went with the session: it holds the answers.
    saved_as = pl.gettext("Saved as {path} (open it now: it is removed when you quit)")
    card = re.search(re.escape(saved_as).replace(re.escape("{path}"), "(.+)"), result.stdout)
    assert card is not None and Path(card.group(1)).name == "persona.png"
    assert not Path(card.group(1)).parent.exists()
    assert (profile["status"], profile["language"], profile["segment"]) == (
        "completed", "pl", "beginner",
    )


def test_the_console_writes_the_card_to_its_folder_and_speaks_on_after_delete(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    Conversation(repository, catalogs, CONSOLE_USER_ID, client_language="pl").start()
    # Every answer (/skip at the second parts), "Looks good" (the button after the edits), then
    # /delete, "Yes" (button 1), and /mydata.
    lines = [*(line for n, key in enumerate(QUESTION_KEYS, start=1)
               for line in (f"odpowiedź {n}", "/skip" if second_part_of(key) else None) if line),
             str(len(QUESTION_KEYS) + 1), "/delete", "1", "/mydata"]
    out = io.StringIO()
    run_console(repository, catalogs, language=None, stdin=io.StringIO("\n".join(lines) + "\n"),
                stdout=out, attachments=tmp_path)
    assert (tmp_path / "persona.png").read_bytes().startswith(b"\x89PNG")
    assert str(tmp_path / "persona.png") in out.getvalue()
    assert repository.get(CONSOLE_USER_ID) is None
    # Erasing the profile erased its language too; the session still speaks Polish.
    pl = catalogs.get("pl")
    closing = out.getvalue().rstrip().splitlines()[-3:]
    assert closing == [pl.gettext("I have nothing stored about you."), "", pl.gettext("Bye!")]


def test_a_number_with_no_button_is_refused_in_the_console_and_stores_nothing(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    # Question 4 (buying stage) has four buttons: "9" presses none of them; the buttons stay,
    # so "2" then presses the second; its follow-up, skipped, keeps just the stage.
    lines = ["/start", "a", "b", "c", "9", "2", "/skip"]
    out = io.StringIO()
    run_console(repository, catalogs, language="pl", stdin=io.StringIO("\n".join(lines) + "\n"),
                stdout=out, attachments=tmp_path)
    refused = catalogs.get("pl").gettext(
        "There is no choice {number} here: type a number from 1 to {count}, or write your answer "
        "in words.").format(number=9, count=4)
    assert refused in out.getvalue()
    profile = repository.get(CONSOLE_USER_ID)
    assert profile is not None and profile.state == QUESTION_KEYS[4]
    stage = question_by_key(QUESTION_KEYS[3])
    assert list(profile.answers.values()) == [
        "a", "b", "c", catalogs.get("pl").gettext(stage.quick_picks[1])]


def test_ctrl_c_in_the_console_says_goodbye_without_a_traceback(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    env = clean_env()
    console = subprocess.Popen(
        [sys.executable, "run_bot.py", "console", "--lang", "en"], cwd=ROOT,
        env={**env, "BOT_DB_PATH": str(tmp_path / "profiles")}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert console.stdin is not None and console.stdout is not None
    console.stdin.write("Women 25-40\n")
    console.stdin.flush()
    for line in console.stdout:  # up to the next question: the answer is saved by then
        if line.startswith(progress(catalogs.get("en"), 2)):
            break
    console.send_signal(signal.SIGINT)
    out, err = console.communicate(timeout=30)
    assert console.returncode == 0 and "Traceback" not in err, err
    assert out.rstrip().endswith("Bye! Your answers are saved.")
    stored = FileRepository.open(tmp_path / "profiles", read_only=True).get(CONSOLE_USER_ID)
    assert stored is not None and stored.answers == {"demographics": "Women 25-40"}


def test_a_damaged_profile_is_explained_never_overwritten_and_can_be_erased(
    tmp_path: Path,
) -> None:
    db = tmp_path / "profiles"
    FileRepository.open(db).save(Owner.with_profile(CONSOLE_USER_ID, "en", "channels", "s", "u"))
    damaged = ProfileFiles(db).path_of(CONSOLE_USER_ID)
    damaged.write_text('{"profiles": {"1": ', encoding="utf-8")
    result = run_bot("console", env={"BOT_DB_PATH": str(db)}, stdin="hello\n/start\n")
    assert result.returncode == 0
    assert result.stdout.count("I can't read your saved answers") == 3  # opening, text, /start
    assert "Traceback" not in result.stderr
    assert damaged.read_text(encoding="utf-8") == '{"profiles": {"1": '
    # The owner may still erase it: /delete, then "Yes, erase everything".
    erased = run_bot("console", env={"BOT_DB_PATH": str(db)}, stdin="/delete\n1\n")
    assert "are erased" in erased.stdout
    assert not damaged.exists()


def test_a_single_file_database_of_an_earlier_version_is_refused_with_the_fix(
    tmp_path: Path,
) -> None:
    legacy = tmp_path / "profiles.json"
    legacy.write_text('{"profiles": {}}', encoding="utf-8")
    result = run_bot("console", env={"BOT_DB_PATH": str(legacy)}, stdin="hello\n")
    assert result.returncode == 1
    assert f"run_bot.py import {legacy}" in result.stderr
    assert legacy.read_text(encoding="utf-8") == '{"profiles": {}}'


async def test_kill_9_mid_questionnaire_loses_no_acknowledged_answer(
    bot_api: BotAPIStandIn, backend: Backend, catalogs: Catalogs
) -> None:
    """The real bot process, on each durable backend, killed right after an acknowledgement."""
    clean = clean_env()
    env = {**clean, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": bot_api.base_url,
           **backend.env()}
    user = ChatUser(bot_api, 777, language_code="en")

    def start_bot() -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "run_bot.py"], cwd=ROOT, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)

    first = start_bot()
    try:
        await user.say("/start", replies=2)
        for answer in ("one", "two", "three"):
            await user.say(answer, replies=1)  # the reply acknowledges the stored answer
    finally:
        first.send_signal(signal.SIGKILL)
        _, first_log = first.communicate(timeout=10)

    second = start_bot()
    try:
        welcome, question = await user.say("/start", replies=2)
        assert welcome["text"].startswith("Welcome back")
        assert question["text"].startswith(progress(catalogs.get("en"), 4))
        await user.say("four", replies=1)
    finally:
        second.send_signal(signal.SIGTERM)
        _, second_log = second.communicate(timeout=20)
    for log in (first_log.decode(), second_log.decode()):
        assert "polling Telegram" in log
        assert TOKEN not in log and "three" not in log and "four" not in log
    exported = run_bot("export", "--format", "json", env=backend.env())
    (profile,) = json.loads(exported.stdout)
    assert list(profile["answers"].values()) == [
        "one", "two", "three", "four", *[None] * (len(QUESTION_KEYS) - 4)]
    assert profile["status"] == "in_progress"
    assert second.returncode == 0


def test_without_a_token_in_a_terminal_it_offers_the_console(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    db = tmp_path / "profiles"
    clean = clean_env()
    controller, terminal = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "run_bot.py"], cwd=ROOT, env={**clean, "BOT_DB_PATH": str(db)},
            stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        os.write(controller, b"Young parents in small towns\n\x04")  # an answer, then Ctrl-D
        out, err = process.communicate(timeout=60)
    finally:
        os.close(controller)
        os.close(terminal)
    assert process.returncode == 0, err
    assert "TELEGRAM_BOT_TOKEN" in err.decode() and "console" in err.decode()
    en = catalogs.get("en")
    assert progress(en, 1) in out.decode() and progress(en, 2) in out.decode()
    exported = run_bot("export", "--format", "json", env={"BOT_DB_PATH": str(db)})
    (profile,) = json.loads(exported.stdout)
    assert profile["answers"]["demographics"] == "Young parents in small towns"


def test_the_export_command_filters_and_writes_xlsx(tmp_path: Path) -> None:
    db = tmp_path / "profiles"
    repository = FileRepository.open(db)
    for user_id, language, started, completed in [
        (1, "pl", "2026-02-01T08:00:00+00:00", True),
        (2, "fa", "2026-06-01T08:00:00+00:00", True),
        (3, "pl", "2026-06-02T08:00:00+00:00", False),
    ]:
        repository.save(Owner.with_profile(user_id=user_id, language=language, state="metrics",
                                started_at=started, updated_at=started,
                                completed_at=started if completed else None,
                                answers={"demographics": f"=SUM(A{user_id})"}))
    repository.close()
    env = {"BOT_DB_PATH": str(db)}
    picked = run_bot("export", "--format", "json", "--completed", "--since", "2026-03-01", env=env)
    assert picked.returncode == 0, picked.stderr
    assert [p["user_id"] for p in json.loads(picked.stdout)] == [2]
    polish = run_bot("export", "--format", "json", "--language", "pl", env=env)
    assert [p["user_id"] for p in json.loads(polish.stdout)] == [1, 3]

    assert run_bot("export", "--format", "xlsx", env=env).returncode == 2  # binary needs --out
    out = tmp_path / "profiles.xlsx"
    written = run_bot("export", "--format", "xlsx", "--out", str(out), env=env)
    assert written.returncode == 0 and "wrote 3 profiles" in written.stderr
    sheet = load_workbook(out).active
    assert sheet is not None
    column = [cell.value for cell in sheet[1]].index("demographics")
    formulas = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in formulas] == [(f"=SUM(A{n})", "s") for n in (1, 2, 3)]

    # Mistakes in the command line get one line that says what to fix, not a traceback.
    nowhere = run_bot("export", "--format", "csv", "--out", str(tmp_path / "no" / "x.csv"),
                      env=env)
    assert nowhere.returncode == 1 and "Traceback" not in nowhere.stderr
    expected = f"error: cannot write {tmp_path / 'no' / 'x.csv'}: No such file or directory"
    assert nowhere.stderr.strip() == expected
    bad_day = run_bot("export", "--format", "json", "--since", "2026-13-01", env=env)
    assert bad_day.returncode == 2 and "write it as YYYY-MM-DD" in bad_day.stderr


def test_the_console_shows_my_data_and_erases_it_after_confirmation(tmp_path: Path) -> None:
    db = tmp_path / "profiles"
    script = "/start\nMy secret answer 3141\n/mydata\n/delete\n1\n"
    result = run_bot("console", "--lang", "en", env={"BOT_DB_PATH": str(db)}, stdin=script)
    assert result.returncode == 0, result.stderr
    shown = result.stdout.split("[my-profile.json]", 1)[1]
    mine = json.loads(shown[: shown.index("\n}\n") + 2])
    assert mine["profiles"][0]["answers"] == {
        "demographics": "My secret answer 3141"
    }
    assert "Your profile and all your answers are erased." in result.stdout
    assert result.stdout.rstrip().endswith("Bye!")
    for path in db.rglob("*"):
        assert path.is_dir() or b"My secret answer" not in path.read_bytes(), path


def test_piped_input_that_is_not_utf8_is_refused_line_by_line_without_a_traceback(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    db = tmp_path / "profiles"
    clean = clean_env()
    # An answer, a line in Latin-1 (not UTF-8), then the next answer in UTF-8.
    script = "Kobiety 25–40\n".encode() + b"caf\xe9 \xff\n" + "Młodzi\n".encode()
    result = subprocess.run(
        [sys.executable, "run_bot.py", "console", "--lang", "pl"], cwd=ROOT,
        env={**clean, "BOT_DB_PATH": str(db)}, input=script, capture_output=True,
        timeout=60, check=False,
    )
    err = result.stderr.decode()
    assert result.returncode == 0 and "Traceback" not in err, err
    pl = catalogs.get("pl")
    assert pl.gettext("I can only read text. Please type your answer, or /skip.") in (
        result.stdout.decode())
    stored = FileRepository.open(db, read_only=True).get(CONSOLE_USER_ID)
    assert stored is not None
    assert stored.answers == {"demographics": "Kobiety 25–40", "psychographics": "Młodzi"}


def test_an_undecodable_line_keeps_the_buttons_of_the_question(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    # At question 4 (four buttons), a line of undecodable bytes (as surrogateescape reads them),
    # then "2", which still presses the second button.
    lines = ["/start", "a", "b", "c", "caf\udce9", "2"]
    out = io.StringIO()
    run_console(repository, catalogs, language="en", stdin=io.StringIO("\n".join(lines) + "\n"),
                stdout=out, attachments=tmp_path)
    profile = repository.get(CONSOLE_USER_ID)
    assert profile is not None
    stage = question_by_key(QUESTION_KEYS[3])
    assert list(profile.answers.values()) == ["a", "b", "c", stage.quick_picks[1]]


@pytest.mark.parametrize("value", ["1_000", "١٢٣", "-5", "0", "+5", "12 34"])
def test_bot_admin_ids_takes_only_positive_ids_in_ascii_digits(value: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"BOT_ADMIN_IDS": f"42,{value}"})
    message = str(raised.value)
    assert message.startswith("BOT_ADMIN_IDS must be comma-separated Telegram user ids")
    assert message.endswith(f"{value!r} is not one")
    assert Settings.from_env({"BOT_ADMIN_IDS": " 42, 7 ,"}).admin_ids == {42, 7}


def test_a_bad_bot_admin_ids_stops_start_up_with_one_line(tmp_path: Path) -> None:
    result = run_bot("console", env={"BOT_DB_PATH": str(tmp_path / "profiles"),
                                     "BOT_ADMIN_IDS": "1_000"}, stdin="")
    assert result.returncode == 2
    assert result.stderr == ("error: BOT_ADMIN_IDS must be comma-separated Telegram user ids, "
                             "each written with the digits 0-9 only and above 0, e.g. "
                             "12345,67890; '1_000' is not one\n")


def test_a_database_path_under_a_regular_file_is_one_error_line(tmp_path: Path) -> None:
    regular = tmp_path / "notes.txt"
    regular.write_text("a file", encoding="utf-8")
    db = regular / "profiles"
    result = run_bot("console", env={"BOT_DB_PATH": str(db)}, stdin="hello\n")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: cannot read the database {db}: it cannot be created or written (Not a "
        f"directory: {db}). It was left as it is; set BOT_DB_PATH to a folder this user can "
        "create and write.\n")
    assert regular.read_text(encoding="utf-8") == "a file"


def _without_root_override() -> None:
    """In the child, before exec: drop the capabilities that let root ignore file modes.

    Tests run as root here, and root writes into a chmod 555 folder anyway; without
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH in the bounding set, the exec'd Python obeys the
    modes as any user would. Not root: nothing to drop.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.skipif(sys.platform != "linux", reason="drops root's override with Linux prctl")
@pytest.mark.parametrize("existing", [False, True])
def test_a_database_on_a_read_only_folder_is_one_error_line_at_start_up(
    tmp_path: Path, existing: bool
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    db = folder / "profiles"
    if existing:  # opens and reads, but the first answer could not be saved
        FileRepository.open(db).save(Owner.with_profile(
            CONSOLE_USER_ID, "en", "channels", "s", "u"))
        db.chmod(0o555)
    folder.chmod(0o555)
    clean = clean_env()
    try:
        result = subprocess.run(
            [sys.executable, "run_bot.py", "console"], cwd=ROOT,
            env={**clean, "BOT_DB_PATH": str(db)}, input="hello\n", capture_output=True,
            text=True, timeout=60, check=False, preexec_fn=_without_root_override,
        )
    finally:
        if db.exists():
            db.chmod(0o755)
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: cannot read the database {db}: it cannot be created or written (Permission "
        f"denied: {db}). It was left as it is; set BOT_DB_PATH to a folder this user can "
        "create and write.\n")
@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_the_console_says_type_a_number_where_telegram_says_tap(
    tmp_path: Path, catalogs: Catalogs, language: str
) -> None:
    # Three answers reach the buying stage's quick picks.
    lines = ["a", "b", "c", "/help"]
    out = io.StringIO()
    run_console(MemoryRepository(), catalogs, language=language,
                stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, attachments=tmp_path)
    t = catalogs.get(language)
    shown = out.getvalue()
    assert t.gettext("Type an option's number, or your own answer.") in shown
    assert t.gettext("Tap an option or type your own answer.") not in shown
    # /help says that a number picks a choice only while choices are shown.
    help_wording = next(key for key in CONSOLE_WORDING if key.startswith("I help you build"))
    assert t.gettext(CONSOLE_WORDING[help_wording]) in shown
    # On Telegram the same conversation still speaks of tapping.
    telegram = Conversation(MemoryRepository(), catalogs, 1, client_language=language)
    telegram.start()
    telegram.text("a")
    telegram.text("b")
    outcome = telegram.text("c")
    assert t.gettext("Tap an option or type your own answer.") in outcome.replies[-1].text


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_console_picks_several_channels_by_number(tmp_path: Path, catalogs: Catalogs,
                                                      language: str) -> None:
    """At question 5 each number adds a channel, and the numbers stay as first shown (then
    "That's all"); the follow-up's hint speaks of numbers, not taps."""
    lines = ["a", "b", "c", "d", "1", "3", "7"]  # typed stage; Social media, Blogs…, That's all
    out = io.StringIO()
    repository = MemoryRepository()
    run_console(repository, catalogs, language=language,
                stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, attachments=tmp_path)
    t = catalogs.get(language)
    owner = repository.get(CONSOLE_USER_ID)
    assert owner is not None and owner.channels == ["social", "search"]
    assert owner.state == "competitors"
    hint = next(key for key in CONSOLE_WORDING if key.startswith("Tap more channels"))
    assert t.gettext(CONSOLE_WORDING[hint]) in out.getvalue()
    assert t.gettext(hint) not in out.getvalue()


def test_every_console_wording_replaces_a_real_message_with_a_translated_one() -> None:
    from babel.messages.pofile import read_po

    from flows.i18n import LOCALES_DIR

    with (LOCALES_DIR / "messages.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    for telegram_wording, console_wording in CONSOLE_WORDING.items():
        assert telegram_wording in template, telegram_wording  # still said on Telegram
        assert console_wording in template
        assert "tap" not in console_wording.lower()


def test_a_refused_token_or_an_unreachable_bot_api_is_one_line_at_start_up(
    bot_api: BotAPIStandIn, tmp_path: Path
) -> None:
    db = str(tmp_path / "profiles")
    refused = run_bot(env={"TELEGRAM_BOT_TOKEN": "123:not-the-stand-in-token",
                           "TELEGRAM_API_BASE_URL": bot_api.base_url, "BOT_DB_PATH": db})
    unreachable = run_bot(env={"TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB_PATH": db,
                               "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"})
    for result, expected in ((refused, "error: Telegram refused TELEGRAM_BOT_TOKEN"),
                             (unreachable, "error: cannot reach http://127.0.0.1:9/bot")):
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(expected), line
        assert "not-the-stand-in-token" not in line and TOKEN not in line


def test_piping_the_console_into_a_reader_that_stops_ends_quietly(tmp_path: Path) -> None:
    """`run_bot.py console … | head -1`: no error line, no traceback, exit 0."""
    process = subprocess.Popen(
        [sys.executable, "run_bot.py", "console", "--lang", "FA"], cwd=ROOT,
        env={**clean_env(), "BOT_DB_PATH": str(tmp_path / "profiles")},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # what head does after its line
    with contextlib.suppress(BrokenPipeError):  # it may have stopped reading already
        process.stdin.write(b"/start\n" * 2000)
        process.stdin.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None
    with process.stderr:
        assert process.stderr.read() == b""


def test_the_console_keeps_several_profiles_with_a_row_of_choices_per_profile(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    """/newprofile, /profiles, then Rename in profile 1's row (choice 2) and open it (1)."""
    repository = MemoryRepository()
    lines = ["first answer", "/newprofile", "second answer", "/profiles", "2", "Students",
             "/profiles", "1"]
    out = io.StringIO()
    run_console(repository, catalogs, language="en",
                stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, attachments=tmp_path)
    shown = out.getvalue()
    # One row per profile, named: the console's numbers never clash with the profiles' own.
    assert "  [1] 📂 Profile 1   [2] ✏️ Rename   [3] 🗑 Delete" in shown
    assert "Renamed: Students" in shown and "📂 Open: Students" in shown
    profile = repository.get(CONSOLE_USER_ID)
    assert profile is not None and (profile.profile_id, profile.name) == (1, "Students")
    assert profile.answers == {"demographics": "first answer"}
    assert profile.others()[0].answers == {"demographics": "second answer"}
