"""Campaign links (`t.me/<bot>?start=<source>`): the source kept first come, junk never
stored, and the source carried into the admins' export."""

from __future__ import annotations

from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage.export import ExportRecord, profile_summary
from storage.memory import MemoryRepository
from tests.helpers import running_bot
from tests.standin import BotAPIStandIn, ChatUser


def test_a_campaign_link_is_kept_first_come_and_junk_is_never_stored(catalogs: Catalogs) -> None:
    repository = MemoryRepository()

    def start(user_id: int, payload: str) -> None:
        Conversation(repository, catalogs, user_id, client_language="en").start(payload=payload)

    start(1, "insta_nov-2026")
    start(1, "newsletter")
    start(2, "<script>")
    start(3, "x" * 65)
    sources = {p.user_id: p.source for p in repository.iter_all()}
    assert sources == {1: "insta_nov-2026", 2: None, 3: None}
    stored = repository.get(1)
    assert stored is not None
    assert profile_summary(ExportRecord(stored), QUESTION_KEYS)["source"] == "insta_nov-2026"
    assert repository.stats(QUESTION_KEYS).sources == {"insta_nov-2026": 1}


async def test_a_deep_link_source_reaches_the_export(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    admin, owner = ChatUser(bot_api, 6001), ChatUser(bot_api, 6002)
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({6001})):
        await owner.say("/start spring_sale-2026", replies=2)
        await admin.say("/export json", replies=2)
    ((name, data),) = bot_api.files_sent_to(admin.chat_id)
    assert name == "profiles.json" and b'"source": "spring_sale-2026"' in data
