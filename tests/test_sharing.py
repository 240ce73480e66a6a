"""/plan and /compare in the conversation, and the PDF from the console and `run_bot.py plan`."""

from __future__ import annotations

import io
from pathlib import Path

from cli.console import CONSOLE_USER_ID, run_console
from flows import render_info
from flows.compare import COMPARE_FILE
from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.machine import REVIEW, is_second_part
from flows.plan_pdf import PLAN_FILE
from flows.questions import QUESTION_KEYS
from flows.replies import Reply, Verb, action, parse_action
from storage import open_repository
from storage.files import FileRepository
from storage.memory import MemoryRepository
from storage.profile_files import ProfileFiles
from tests.chat import ANSWERS, STALE, Chat, buttons
from tests.helpers import make_profile, owner_of, run_bot
from tests.pdf_text import pdf_text


def _finish(chat: Chat) -> None:
    """Answer every question (skipping the second parts) and approve the review."""
    chat(lambda c: c.start())
    while chat.profile.state != REVIEW:
        state = chat.profile.state
        if is_second_part(state):
            chat(lambda c: c.skip())
        else:
            chat.text(ANSWERS[state])
    chat.press(Verb.APPROVE)


def test_plan_waits_for_a_complete_profile_and_then_sends_the_pdf(chat: Chat) -> None:
    assert chat(lambda c: c.plan()).replies[0].text == (
        "You have no customer profile yet. Send /start to begin one.")
    chat(lambda c: c.start())
    chat.text(ANSWERS[QUESTION_KEYS[0]])
    early = chat(lambda c: c.plan())
    assert early.replies[0].text == (
        f"Your plan is ready once all {len(QUESTION_KEYS)} questions are answered.")
    assert not early.attachments and len(early.replies) == 2  # then the question again
    _finish(chat)
    done = chat(lambda c: c.plan())
    ((name, data),) = [(file.name, file.data) for file in done.attachments]
    assert name == PLAN_FILE and not done.attachments[0].is_picture
    assert all(ANSWERS[key] in pdf_text(data) for key in QUESTION_KEYS)


def test_the_end_messages_pdf_button_sends_the_plan(chat: Chat) -> None:
    _finish(chat)
    end = chat.to_the_end()
    assert ("plan",) in buttons(end.replies[-1], chat.profile)
    assert chat.press(Verb.PLAN).attachments[0].name == PLAN_FILE
    assert chat.press(Verb.PLAN, "x").notice == STALE  # arguments it never has


def test_compare_with_one_profile_says_how_to_get_another(chat: Chat) -> None:
    _finish(chat)
    reply = chat(lambda c: c.compare()).replies[0]
    assert reply.text == "Comparing needs two customer profiles: /newprofile starts another."


def test_compare_with_three_profiles_asks_which_and_buttons_go_stale(catalogs: Catalogs) -> None:
    answers = {key: f"{key} one" for key in QUESTION_KEYS}
    first = make_profile(7, "en", answers, completed=True)
    second = make_profile(7, "en", {**answers, "persona": "Tom, 45"}, completed=True,
                          profile_id=2)
    third = make_profile(7, "en", {**answers, "metrics": "Conversion rate"}, completed=True,
                         profile_id=3)
    repository = MemoryRepository()
    repository.save(owner_of(first, second, third))
    chat = Chat(repository, catalogs)
    asked = chat(lambda c: c.compare()).replies[0]
    assert asked.text == "Which two profiles? Pick the first."
    named = ["persona one", "Tom", "persona one"]  # the third kept the first's persona
    assert [label for label, _data in _buttons(asked)] == [f"⚖️ \u2068{name}\u2069"
                                                           for name in named]
    pick_tom = _buttons(asked)[1][1]
    asked_again = chat.press_data(pick_tom).replies[0]
    assert asked_again.text == "Compare \u2068Tom\u2069 with which profile?"
    pressed = [parse_action(data) for _label, data in _buttons(asked_again)]
    assert [p.arguments[2] for p in pressed if p is not None] == ["1", "3"]
    tom_and_third = _buttons(asked_again)[1][1]
    outcome = chat.press_data(tom_and_third)
    assert outcome.attachments[0].name == COMPARE_FILE
    text = outcome.replies[0].text
    assert "2 answers differ" in text and "Tom, 45" in text and "Conversion rate" in text
    # A button naming a profile deleted since, or forged, compares nothing.
    chat.press_data(action(Verb.PROFILE, chat.profile.views()[2], "dropyes", 3))
    assert chat.press_data(tom_and_third).notice == STALE
    assert chat.press_data(pick_tom).replies  # Tom is still there: the second is asked again
    forged = action(Verb.COMPARE, chat.profile, 2, "000000000000")
    assert chat.press_data(forged).notice == STALE


def _buttons(reply: Reply) -> list[tuple[str, str]]:
    return [(button.label, button.action) for row in reply.buttons for button in row]


def test_a_damaged_profile_gets_what_to_do_not_no_profile_yet(
    tmp_path: Path, catalogs: Catalogs,
) -> None:
    root = tmp_path / "profiles"
    repository = FileRepository.open(root)
    repository.save(make_profile(7, "en", dict(ANSWERS), completed=True))
    ProfileFiles(root).path_of(7).write_bytes(b'{"profiles": {"7": {"user_id": 7, "answ')
    unreadable = render_info.unreadable_reply(catalogs.get("en"))
    for event in (Conversation.plan, Conversation.compare):
        outcome = Conversation(repository, catalogs, 7).apply(event)
        assert outcome.replies == (unreadable,) and not outcome.attachments
    repository.close()


def test_the_console_writes_the_pdf_into_its_folder(tmp_path: Path, catalogs: Catalogs) -> None:
    repository = MemoryRepository()
    repository.save(make_profile(CONSOLE_USER_ID, "pl", dict(ANSWERS), completed=True))
    out = io.StringIO()
    run_console(repository, catalogs, language=None, stdin=io.StringIO("/plan\n"), stdout=out,
                attachments=tmp_path)
    assert (tmp_path / PLAN_FILE).read_bytes().startswith(b"%PDF-")
    assert str(tmp_path / PLAN_FILE) in out.getvalue()


def test_run_bot_plan_writes_an_owners_pdf(tmp_path: Path, catalogs: Catalogs) -> None:
    db = tmp_path / "profiles"
    repository = open_repository(None, db)
    answers = {key: f"odpowiedź {key}" for key in QUESTION_KEYS}
    other = {**answers, "persona": "Tomek, 45 lat"}
    repository.save(owner_of(make_profile(42, "pl", answers, completed=True),
                             make_profile(42, "pl", other, completed=True, profile_id=2),
                             make_profile(42, "pl", {}, profile_id=3)))
    repository.close()
    env = {"BOT_DB_PATH": str(db)}
    out = tmp_path / "plan.pdf"
    result = run_bot("plan", "--user", "42", "--profile", "2", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Tomek, 45 lat" in text and "Wersja 1" in text  # profile 2, in Polish

    refusals = {
        ("--user", "43"): "error: no owner with user id 43",
        ("--user", "42", "--profile", "9"): "error: user 42 has no profile 9; their profiles: "
                                            "1, 2, 3",
        ("--user", "42", "--profile", "3"): "error: profile 3 of user 42 is not complete",
    }
    for arguments, message in refusals.items():
        refused = run_bot("plan", *arguments, "--out", str(tmp_path / "no.pdf"), env=env)
        assert refused.returncode == 1 and refused.stderr.startswith(message), refused.stderr
    assert not (tmp_path / "no.pdf").exists()


def test_plan_and_compare_are_in_the_menu(catalogs: Catalogs) -> None:
    conversation = Conversation(MemoryRepository(), catalogs, 1)
    assert "/plan" in conversation.help().replies[0].text
    assert "/compare" in conversation.help().replies[0].text
