"""End to end: the real Application against the stand-in Bot API on 127.0.0.1."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout

import pytest
from PIL import Image

from bot.app import bot_description
from cli.main import main as cli_main
from flows.advice import page_count
from flows.card import CARD_WIDTH
from flows.commands import COMMANDS as MENU
from flows.i18n import Catalogs
from flows.machine import SECOND_PARTS, second_part_of
from flows.questions import QUESTION_KEYS
from storage.memory import MemoryRepository
from tests.backends import Backend
from tests.helpers import position, progress, running_bot
from tests.standin import BotAPIStandIn, ChatUser

# Answers typed by owners in each language (the second parts' too, by their step); two
# questions are answered with quick-pick buttons.
TYPED = {
    "en": {
        "demographics": "Women 25-40 in Warsaw, office jobs",
        "psychographics": "Value quality over price",
        "problems_needs": "No time to compare products",
        "competitors": "Two marketplace sellers with lower prices",
        "competitors.second": "Only we offer free samples",
        "buying_detail": "honest comparisons and reviews",
        "persona": "Anna, 32, marketing specialist",
        "marketing_strategy": "Short videos and honest reviews",
        "metrics": "Repeat purchases within 90 days",
        "metrics.second": "Repeat purchases 22% → 30%",
        "edited_channels": "Instagram and a weekly newsletter",
    },
    "pl": {
        "demographics": "Kobiety 25–40 lat z dużych miast, wykształcenie wyższe",
        "psychographics": "Cenią jakość i ekologię bardziej niż cenę",
        "problems_needs": "Brak czasu na porównywanie produktów",
        "competitors": "Dwa sklepy na Allegro z niższymi cenami",
        "competitors.second": "Tylko my dajemy próbki",
        "buying_detail": "rzetelnych porównań i opinii",
        "persona": "Zofia, 34 lata, księgowa z Gdańska",
        "marketing_strategy": "Krótkie filmy i szczere opinie klientów",
        "metrics": "Powtórne zakupy i współczynnik zwrotów",
        "metrics.second": "Powtórne zakupy 22% → 30%",
        "edited_channels": "Instagram i cotygodniowy newsletter",
    },
    "fa": {
        "demographics": "زنان ۲۵ تا ۴۰ ساله در تهران با تحصیلات دانشگاهی",
        "psychographics": "کیفیت و سلامت برایشان از قیمت مهم‌تر است",
        "problems_needs": "وقت ندارند محصولات را مقایسه کنند",
        "competitors": "دو فروشگاه بزرگ با قیمت پایین‌تر",
        "competitors.second": "فقط ما نمونهٔ رایگان می‌دهیم",
        "buying_detail": "مقایسهٔ صادقانه و نظر خریداران",
        "persona": "سارا، ۳۲ ساله، کارشناس بازاریابی",
        "marketing_strategy": "ویدئوهای کوتاه و نظر واقعی مشتریان",
        "metrics": "خرید دوباره و نرخ مرجوعی",
        "metrics.second": "خرید دوباره ۲۲٪ → ۳۰٪",
        "edited_channels": "اینستاگرام و خبرنامهٔ هفتگی",
    },
}
PICKED = {"buying_stage": "Comparing options", "channels": "Social media"}
# What the user wrote (their name, their answers) is set apart by bidi isolates.
USER_TEXT = re.compile("\u2068[^\u2069]*\u2069")
#: The owner's words an advice screen quotes: "🗣 … (Step): “⁨a short phrase⁩”".
QUOTE = re.compile("🗣 .*\u2068(?:… )?([^\u2069]*?)(?: …)?\u2069")
COMMANDS = re.compile(r"/({})\b".format("|".join(command.name for command in MENU)))


def export_json(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Run `run_bot.py export --format json` in-process and parse what it prints."""
    for name, value in backend.env().items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["export", "--format", "json"]) == 0
    exported: list[dict[str, object]] = json.loads(out.getvalue())
    return exported


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
async def test_a_whole_chat_in_each_language_completes_and_exports_verbatim(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend, language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    t = catalogs.get(language)
    repository = backend.open()
    user = ChatUser(bot_api, 1001, language_code=language)
    expected_answers = {}
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        for index, key in enumerate(QUESTION_KEYS):
            # The last step (the metrics' second part) brings done + the review.
            replies = 1 if second_part_of(key) or index < len(QUESTION_KEYS) - 1 else 2
            if key == "buying_stage":  # a tapped stage asks what customers need there
                label = t.gettext(PICKED[key])
                (follow_up,) = await user.tap(label)
                assert follow_up["text"].startswith(progress(t, position(key)))
                detail = TYPED[language]["buying_detail"]
                await user.say(detail, replies)
                expected_answers[key] = t.gettext("{pick}: {detail}").format(
                    pick=label, detail=detail)
            elif key == "channels":  # several taps, each asking for more, then "That's all"
                labels = [t.gettext(PICKED[key]), t.gettext("E-mail")]
                for label in labels:
                    (more,) = await user.tap(label)
                    user.button_data(more, t.gettext("That's all ›"))  # offered each time
                await user.tap(t.gettext("That's all ›"), replies)
                expected_answers[key] = t.enumerate(labels)
            else:
                await user.say(TYPED[language][key], replies)
                expected_answers[key] = TYPED[language][key]
            second = second_part_of(key)
            if second is not None:  # asked right after its question, kept apart from it
                last = index == len(QUESTION_KEYS) - 1
                await user.say(TYPED[language][second], 2 if last else 1)
        # The review: edit the channels answer, and come back to the review with it changed.
        channels = t.number(position("channels"))
        (question,) = await user.tap(t.gettext("✏️ {number}").format(number=channels))
        assert question["text"].startswith(progress(t, position("channels")))
        edited = TYPED[language]["edited_channels"]
        saved, review = await user.say(edited, 2)
        expected_answers["channels"] = edited
        assert saved["text"] == t.gettext("Saved.")
        assert edited in review["text"] and t.gettext(PICKED["channels"]) not in review["text"]
        # The profile was version 1 once complete: the edit is version 2, and says what changed
        # and which advice the change brought (or that it changed none).
        changes, _advice, persona, _segment, card = await user.tap(t.gettext("✅ Looks good"), 5)
        assert edited in changes["text"]
        assert TYPED[language]["persona"] in persona["text"] and "photo" in card
        ((name, png),) = bot_api.files_sent_to(user.chat_id)
        assert name == "persona.png"
        assert Image.open(io.BytesIO(png)).size[0] == CARD_WIDTH
        (first_tip,) = await user.tap(t.gettext("Mostly beginners"))
        stored = repository.get(user.chat_id)
        assert stored is not None and stored.advantage == TYPED[language]["competitors.second"]
        assert stored.kpis and stored.kpis[0]["today"] == 22 and stored.kpis[0]["target"] == 30
        pages = page_count(stored)
        tip_texts = [first_tip["text"]]
        for _ in range(pages - 1):
            tip_texts += [m["text"] for m in await user.tap(t.gettext("Next tip ›"))]
        assert t.gettext("🗓 Your plan for the next 30 days") in tip_texts[-1]
        # The advice names the tapped stage, and quotes short phrases of the owner's answers.
        stage = t.gettext("🗣 You chose the buying stage: {choice}").format(
            choice=t.gettext(PICKED["buying_stage"]))
        assert any(stage in text for text in tip_texts)
        quotes = [quote for text in tip_texts for quote in QUOTE.findall(text)]
        assert quotes and all(any(quote in answer for answer in expected_answers.values())
                              for quote in quotes), quotes
        # The promise quotes what only the shop offers, never what the competitors offer.
        (promise,) = [text for text in tip_texts
                      if t.gettext("Make your difference the promise") in text]
        assert t.isolate(TYPED[language]["competitors.second"]) in promise
        assert TYPED[language]["competitors"] not in promise
        (done,) = await user.tap(t.gettext("Finish ✓"))
        assert done["text"] == t.gettext(
            "That's all. Your profile is saved. Revisit it as your market changes: "
            "/start shows it again."
        )
    repository.close()

    (profile,) = export_json(backend, monkeypatch)
    assert profile["answers"] == expected_answers
    assert list(profile["answers"]) == list(QUESTION_KEYS)
    assert profile["status"] == "completed"
    assert profile["language"] == language

    everything = [m.get("text", "") for m in user.history()]
    # Greeting and question 1, each later question, the buying stage's follow-up, the two
    # channels' follow-ups and the second parts, done and review, the edit (question, saved,
    # review), what changed and which advice it changed, persona, segment question and card,
    # the advice screens (the plan the last), the end.
    assert len(everything) == (2 + (len(QUESTION_KEYS) - 1) + 1 + 2 + len(SECOND_PARTS) + 2 + 3
                               + 5 + pages + 1)
    if language == "fa":
        typed = set(TYPED["fa"].values())
        for text in everything:
            for answer in typed:
                text = text.replace(answer, "")
            leftover = COMMANDS.sub("", USER_TEXT.sub("", text))
            assert not re.search(r"[A-Za-z0-9]", leftover), text


async def test_back_skip_and_language_mid_flow_keep_every_answer(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = backend.open()
    user = ChatUser(bot_api, 2002, language_code="en")
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await user.say("young parents")
        await user.say("busy, practical")
        (previous,) = await user.say("/back")
        assert previous["text"].startswith(progress(catalogs.get("en"), 2))
        assert "busy, practical" in previous["text"]
        await user.say("busy, practical, eco-minded")
        (question,) = await user.say("/skip")
        assert question["text"].startswith(progress(catalogs.get("en"), 4))
        (menu,) = await user.say("/language")
        labels = [b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row]
        assert labels == [t.name for t in catalogs]  # "English", "Polski", "فارسی"…
        confirmation, again = await user.tap("Polski", replies=2)
        pl = catalogs.get("pl")
        assert confirmation["text"] == pl.gettext("Language: {name}").format(name="Polski")
        assert pl.gettext("Buying stage") in again["text"]
        (follow_up,) = await user.tap(pl.gettext("Ready to buy"))
        # The pressed button is replaced by a record of the choice; no keyboard is left on it.
        picked = user.history()[-2]
        assert "reply_markup" not in picked
        assert picked["text"].endswith("✓ " + pl.gettext("Ready to buy"))
        assert pl.gettext("Ready to buy") in follow_up["text"]
        (question,) = await user.say("/skip")  # keeps just the stage
        assert pl.gettext("Channels") in question["text"]
    profile = repository.get(2002)
    assert profile is not None
    assert profile.language == "pl"
    assert profile.answers == {
        "demographics": "young parents",
        "psychographics": "busy, practical, eco-minded",
        "problems_needs": "",
        "buying_stage": pl.gettext("Ready to buy"),
    }


async def test_a_restart_mid_flow_resumes_at_the_same_question(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    user = ChatUser(bot_api, 3003, language_code="pl")
    repository = backend.open()
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        for answer in ("pierwsza", "druga", "trzecia"):
            await user.say(answer)
    repository.close()

    repository = backend.open()
    async with running_bot(bot_api, repository, catalogs):
        welcome, question = await user.say("/start", replies=2)
    pl = catalogs.get("pl")
    assert welcome["text"] == pl.gettext("Welcome back! Let's continue where you left off.")
    assert pl.gettext("Buying stage") in question["text"]
    profile = repository.get(3003)
    assert profile is not None
    assert list(profile.answers.values()) == ["pierwsza", "druga", "trzecia"]


async def test_odd_input_gets_a_hint_and_never_changes_an_answer(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = backend.open()
    user = ChatUser(bot_api, 4004)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await user.say("first answer")
        user.send_sticker()
        (hint,) = await user.expect(1)
        assert hint["text"] == "I can only read text. Please type your answer, or /skip."
        help_text, question = await user.say("/nonsense", replies=2)
        assert help_text["text"].startswith("I don't know that command. Here is what I can do:")
        assert "/language" in help_text["text"]
        help_text, _ = await user.say("/help", replies=2)  # a known one: just the help
        assert help_text["text"].startswith("I help you build")
        assert question["text"].startswith(progress(catalogs.get("en"), 2))
        # A button from an earlier question: answered with a toast, nothing sent or stored.
        await user.say("second")
        (old_question,) = await user.say("third")
        old_pick = ChatUser.button_data(old_question, "Just discovering the problem")
        await user.tap("Comparing options")
        user.press_data(old_pick, old_question)
        user.press_data("forged:data", old_question)
        await user.expect(0)
    assert len(bot_api.calls_of("answerCallbackQuery")) == 3
    toasts = [call.get("text") for call in bot_api.calls_of("answerCallbackQuery")]
    assert toasts[1:] == ["That button belongs to an earlier step."] * 2
    profile = repository.get(4004)
    assert profile is not None
    assert profile.answers["buying_stage"] == "Comparing options"  # kept while its follow-up waits
    assert profile.state == "buying_stage.follow_up"


async def test_in_a_group_the_bot_points_to_a_private_chat(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = backend.open()
    group = {"id": -100500, "type": "supergroup", "title": "Shop owners"}
    member = {"id": 5005, "is_bot": False, "first_name": "Jan", "language_code": "pl"}

    def group_message(text: str, message_id: int) -> dict[str, object]:
        message: dict[str, object] = {"message_id": message_id, "date": 0, "chat": group,
                                      "from": member, "text": text}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        return {"message": message}

    async with running_bot(bot_api, repository, catalogs):
        bot_api.push(group_message("hello everyone", 1))
        bot_api.push(group_message("/start", 2))
        observer = ChatUser(bot_api, -100500)
        (pointer,) = await observer.expect(1)
    button = pointer["reply_markup"]["inline_keyboard"][0][0]
    assert button["url"] == "https://t.me/customer_profile_test_bot"
    assert pointer["text"] == catalogs.get("pl").gettext(
        "Your customer profile is private: let's build it in a private chat with me."
    )
    assert repository.get(5005) is None  # no questionnaire runs in a group


async def test_the_menu_and_descriptions_are_set_in_every_language_at_start_up(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        pass
    menus = {call.get("language_code"): call for call in bot_api.calls_of("setMyCommands")}
    translated = {None, *catalogs.languages[1:]}  # the source language is the default
    assert set(menus) == translated
    for code, call in menus.items():
        t = catalogs.get(code)
        names = [command["command"] for command in call["commands"]]
        assert names == ["start", "back", "skip", "review", "card", "plan", "compare",
                         "newprofile", "profiles",
                         "history", "language", "cancel", "help", "stop_reminders", "privacy",
                         "mydata", "delete"]  # no admin commands
        assert call["commands"][2]["description"] == t.gettext("Skip this question or tip")
    for method in ("setMyDescription", "setMyShortDescription"):
        assert {call.get("language_code") for call in bot_api.calls_of(method)} == translated
    for call in bot_api.calls_of("setMyDescription"):
        t = catalogs.get(call.get("language_code"))
        assert call["description"] == bot_description(t)
        # The number of steps is the question table's, in the language's digits.
        assert t.number(len(QUESTION_KEYS)) in call["description"]
