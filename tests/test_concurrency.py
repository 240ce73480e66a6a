"""Many owners at once: dozens of interleaved chats, each stored with exactly its own answers."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage.files import FileRepository
from tests.chat import typed_path
from tests.helpers import running_bot
from tests.standin import BotAPIStandIn, ChatUser


async def test_dozens_of_users_interleaved_each_get_exactly_their_own_answers(
    bot_api: BotAPIStandIn, catalogs: Catalogs, db_path: Path
) -> None:
    repository = FileRepository.open(db_path)
    users = [ChatUser(bot_api, 9000 + n, random.Random(n).choice(["en", "pl", "fa"]))
             for n in range(24)]
    typed = {u.user_id: {key: f"{u.user_id}:{key}:{'ż' * (u.user_id % 7)}"
                         for key in QUESTION_KEYS} for u in users}
    # The second parts' replies, each owner's own: what only their shop offers, and a value.
    seconds = {u.user_id: {"competitors.second": f"{u.user_id}: only we",
                           "metrics.second": f"Repeat purchases {u.user_id % 50}% → 60%"}
               for u in users}
    paths = {u.user_id: typed_path(typed[u.user_id], seconds[u.user_id]) for u in users}
    steps = len(paths[users[0].user_id])
    async with running_bot(bot_api, repository, catalogs):
        for user in users:
            user.send("/start")
        for step in range(steps):  # every user's answer to a step before anyone's next one
            order = random.Random(step).sample(users, len(users))
            for user in order:
                message = paths[user.user_id][step][1]
                assert message is not None
                user.send(message)
        # /start: 2 replies; each answer but the last: 1; the last: done and the review.
        replies = 2 + (steps - 1) + 2
        await asyncio.gather(*(user.expect(replies, timeout=60) for user in users))
    repository.close()
    reopened = FileRepository.open(db_path, read_only=True)
    for user in users:
        profile = reopened.get(user.user_id)
        assert profile is not None
        assert profile.answers == typed[user.user_id]
        assert list(profile.answers) == list(QUESTION_KEYS)
        assert profile.status == "completed"
        assert profile.advantage == f"{user.user_id}: only we"
        assert [(kpi["today"], kpi["target"]) for kpi in profile.kpis] == [
            (user.user_id % 50, 60)]
