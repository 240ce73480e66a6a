"""Admin /stats before anyone has started: a clear sentence, and no empty chart."""

from __future__ import annotations

from flows.admin import stats_text
from flows.i18n import Catalogs
from storage.memory import MemoryRepository
from storage.queries import Stats
from tests.helpers import running_bot
from tests.standin import BotAPIStandIn, ChatUser

ADMIN = 7002


def test_the_stats_of_nobody_say_so_in_every_language(catalogs: Catalogs) -> None:
    for t in catalogs:
        text = stats_text(t, Stats(), catalogs)
        assert text == t.gettext("📊 No profiles yet: nobody has started the questionnaire.")
        assert "%" not in text and "٪" not in text


async def test_stats_on_an_empty_database_send_one_message_and_no_chart(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    admin = ChatUser(bot_api, ADMIN)
    async with running_bot(bot_api, MemoryRepository(), catalogs,
                           admin_ids=frozenset({ADMIN})):
        (text,) = await admin.say("/stats")
        await admin.say("/help", replies=1)  # handled after /stats: no picture came in between
    assert text["text"] == "📊 No profiles yet: nobody has started the questionnaire."
    assert bot_api.files_sent_to(ADMIN) == [] and not bot_api.calls_of("sendPhoto")
