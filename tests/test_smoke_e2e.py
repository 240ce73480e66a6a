from pathlib import Path

from flows.i18n import Catalogs
from storage.profiles import ProfileRepository
from tests.conftest import running_bot
from tests.standin import BotAPIStandIn, ChatUser


async def test_smoke(bot_api: BotAPIStandIn, catalogs: Catalogs, db_path: Path) -> None:
    repo = ProfileRepository.open(db_path)
    async with running_bot(bot_api, repo, catalogs):
        user = ChatUser(bot_api, 42)
        msgs = await user.say("/start", 2)
        print(msgs)
        msgs = await user.say("Women 25-40", 1)
        print(msgs)
        msgs = await user.tap("Ready to buy") if False else None
