"""Two real replicas in webhook mode on one PostgreSQL database, under Telegram's worst habits.

30 owners answer every question, each owner's messages alternating between the replicas;
some updates are delivered again after they were applied, some owners send two answers to the
two replicas at once, and one replica is killed with SIGKILL midway (its failed calls go to the
other). Every owner must get a reply to every message, every answer must be stored exactly once
in its place, and reminders that fall due while both replicas run must be sent exactly once.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg

from flows.i18n import Catalogs, Translator
from flows.machine import second_part_of
from flows.questions import QUESTION_KEYS, question_by_key
from tests.backends import Backend
from tests.helpers import progress
from tests.replicas import SECRET, Replica, Telegram, wait_until
from tests.standin import TOKEN, BotAPIStandIn, ChatUser

OWNERS = 30
REMINDED = 5  # owners who stop after one answer, so that their reminder falls due
ADMIN = 1
REMINDER = "Your customer profile is waiting"
#: Owners whose answer is in the dying replica's hands when it is killed.
VICTIMS = (7001, 7002)
#: What each owner sends: /start, every answer and every second part's reply.
MESSAGES_PER_OWNER = 1 + len(QUESTION_KEYS) + sum(
    question_by_key(key).second is not None for key in QUESTION_KEYS)


@functools.cache
def _english() -> Translator:
    """The replicas speak English to these owners (their Telegram app sends no language)."""
    return Catalogs.load().get("en")


def _question(step: int) -> str:
    """The start of question `step` (from 1): its progress line, counted from the table."""
    return progress(_english(), step)


def _answer(user_id: int, number: int) -> str:
    return f"Kundin-{user_id}-{number}"  # never in a log: checked at the end


#: The reply to each second part (by the question's key), and how the second part begins:
#: its question's progress line, then its own prompt.
SECOND_REPLIES = {"competitors": "Nur wir beraten", "metrics": "Repeat purchases 22% → 30%"}


def _second_part(step: int) -> str | None:
    """The start of the second part that question `step` (from 1) leads to, if it has one."""
    question = question_by_key(QUESTION_KEYS[step - 1])
    if question.second is None:
        return None
    return f"{_question(step)}\n\n{question.second.prompt}"


class _Run:
    """The shared state of one run: the API stand-in, the replicas, the counts."""

    def __init__(self, api: BotAPIStandIn, telegram: Telegram, replicas: list[Replica]) -> None:
        self.api, self.telegram, self.replicas = api, telegram, replicas
        self.delivered = 0
        self.redelivered = 0
        self.concurrent_pairs = 0
        #: Per owner: the question numbers whose answers were sent as a concurrent pair.
        self.pairs: dict[int, tuple[int, int]] = {}

    async def say(self, user: ChatUser, text: str, to: int,
                  expect: str | tuple[str, ...]) -> dict[str, Any]:
        """Deliver one message and check that a reply starting with `expect` came with it."""
        update = self.telegram.stamp(user.text_update(text))
        seen = len(user.history())
        await self.telegram.deliver(update, to)
        self.delivered += 1
        # The call was answered only after the reply was sent: no waiting needed.
        new = [str(m.get("text", "")) for m in user.history()[seen:]]
        assert any(t.startswith(expect) for t in new), (user.user_id, text, expect, new)
        return update

    async def owner(self, number: int) -> None:
        user = ChatUser(self.api, 5000 + number)
        turn = number % 2  # whose replica comes first; then they alternate
        await self.say(user, "/start", turn, _question(1))
        step = 1
        while step <= len(QUESTION_KEYS):
            turn = 1 - turn
            if number % 2 == 1 and step == 4:  # two answers at once, one to each replica
                await self._pair(user, step)
                step += 2
                continue
            # After the last answer, the review; a replica that applied it and died before
            # replying leaves that to the next, which sends the current step: the review.
            after = (_question(step + 1),) if step < len(QUESTION_KEYS) else (
                "✅ Your profile is complete", "📝 Check your answers")
            second = _second_part(step)  # a question's second part comes first, if it has one
            expect = after if second is None else (second,)
            update = await self.say(user, _answer(user.user_id, step), turn, expect)
            if number % 3 == 0 and step in (3, 6):
                # Delivered again after it was applied: answered with the current step.
                seen = len(user.history())
                await self.telegram.deliver(update, 1 - turn)
                self.redelivered += 1
                again = [str(m.get("text", "")) for m in user.history()[seen:]]
                assert any(t.startswith(expect) for t in again), (user.user_id, again)
            if second is not None:
                turn = 1 - turn
                key = QUESTION_KEYS[step - 1]
                assert second_part_of(key) is not None
                await self.say(user, SECOND_REPLIES[key], turn, after)
            step += 1

    async def _pair(self, user: ChatUser, step: int) -> None:
        seen = len(user.history())
        updates = [self.telegram.stamp(user.text_update(_answer(user.user_id, n)))
                   for n in (step, step + 1)]
        await asyncio.gather(*(self.telegram.deliver(u, to) for to, u in enumerate(updates)))
        self.delivered += 2
        self.concurrent_pairs += 1
        self.pairs[user.user_id] = (step, step + 1)
        # A reply for each, the later step among them. (Not necessarily both steps: a replica
        # that applied one and died before replying leaves the reply to the other replica,
        # which sends the step the owner is on by then, after both answers.)
        new = [str(m.get("text", "")) for m in user.history()[seen:]]
        steps = [t for t in new if t.startswith((_question(step + 1), _question(step + 2)))]
        assert len(steps) >= 2, (user.user_id, new)
        assert any(t.startswith(_question(step + 2)) for t in steps), (user.user_id, new)

    async def reminded(self, number: int) -> None:
        user = ChatUser(self.api, 9000 + number)
        await self.say(user, "/start", number % 2, _question(1))
        await self.say(user, _answer(user.user_id, 1), 1 - number % 2, _question(2))

    def reminders_to(self, user_id: int) -> int:
        return sum(str(m.get("text", "")).startswith(f"👋 {REMINDER}")
                   for m in self.api.sent_to(user_id))


async def test_two_replicas_on_one_database_lose_nothing_and_repeat_nothing(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    started = time.monotonic()
    env = {"BOT_REMINDER_DELAY": "2", "BOT_ADMIN_IDS": str(ADMIN)}
    replicas = [Replica(f"replica-{n}", bot_api, backend_postgres.env(), tmp_path, **env)
                for n in (0, 1)]
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=200)) as client:
        for replica in replicas:
            replica.start()
        try:
            for replica in replicas:
                await replica.wait_healthy(client)
            run = _Run(bot_api, Telegram(replicas, client), replicas)
            assert backend_postgres.url is not None
            await _scenario(run, backend_postgres.url)
            await _admin_checks(run, backend_postgres)
        finally:
            statuses = [replica.stop() for replica in replicas]
    logs = [replica.log() for replica in replicas]
    assert statuses[0] == 0, logs[0]
    for log in logs:
        assert TOKEN not in log and SECRET not in log and "Kundin-" not in log
        assert not any(reply in log for reply in SECOND_REPLIES.values())
    print(f"\n{run.delivered} messages, {run.redelivered} delivered again after being applied, "
          f"{run.concurrent_pairs} concurrent pairs, {run.telegram.failed_calls} failed calls "
          f"re-sent, {run.telegram.calls} calls; {time.monotonic() - started:.1f} s")


async def _scenario(run: _Run, database_url: str) -> None:
    victims = [ChatUser(run.api, user_id) for user_id in VICTIMS]
    for victim in victims:
        await run.say(victim, "/start", 0, _question(1))
    reminded = asyncio.gather(*(run.reminded(n) for n in range(REMINDED)))
    owners = asyncio.gather(*(run.owner(n) for n in range(OWNERS)))
    await reminded

    async def reminders_sent() -> bool:
        return all(run.reminders_to(9000 + n) >= 1 for n in range(REMINDED))

    async def halfway() -> bool:
        return run.delivered >= OWNERS * MESSAGES_PER_OWNER // 2

    # Both replicas run while the reminders fall due (2 s after the owners' last answer).
    await wait_until(reminders_sent, "every reminder is sent", timeout=20)
    await wait_until(halfway, "half of the messages are delivered", timeout=40)
    failed_before = run.telegram.failed_calls
    await _kill_mid_update(run, database_url, victims)
    await owners
    assert run.telegram.failed_calls > failed_before  # calls to the dead replica were re-sent
    for n in range(REMINDED):
        assert run.reminders_to(9000 + n) == 1, n


async def _kill_mid_update(run: _Run, database_url: str, victims: list[ChatUser]) -> None:
    """SIGKILL replica 1 while it is inside two updates: one committed and being replied to,
    one waiting for its owner's lock inside its transaction. Both calls fail and go to replica 0,
    which applies the second and recognises the first: each owner gets one answer stored."""
    committed, waiting = victims
    released = run.api.stall("sendMessage", committed.chat_id)
    first = asyncio.create_task(run.telegram.deliver(
        run.telegram.stamp(committed.text_update(_answer(committed.user_id, 1))), to=1))

    async def replying() -> bool:
        return any(str(c.get("chat_id")) == str(committed.chat_id)
                   for c in run.api.calls_of("sendMessage")[-200:])

    await wait_until(replying, "replica 1 has stored the answer and is replying")
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as holder:
        # Advisory locks are the database's: the test holds the owner's, as a replica would.
        await holder.execute("SELECT pg_advisory_lock(%s)", (waiting.user_id,))
        second = asyncio.create_task(run.telegram.deliver(
            run.telegram.stamp(waiting.text_update(_answer(waiting.user_id, 1))), to=1))

        async def blocked() -> bool:
            cursor = await holder.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND classid = 0 AND objid = %s", (waiting.user_id,))
            row = await cursor.fetchone()
            return row is not None and row[0] == 1

        await wait_until(blocked, "replica 1 waits for the owner's lock")
        run.replicas[1].kill()
    released.set()  # the dead replica's reply: answered into a closed connection
    for task in (first, second):
        assert await task == 0  # taken by the surviving replica
    for victim in victims:  # a reply after all (a reminder may follow it: 2 s have passed)
        texts = [str(m.get("text", "")) for m in victim.history()]
        assert any(t.startswith(_question(2)) for t in texts), texts


async def _admin_checks(run: _Run, backend: Backend) -> None:
    """/export and /stats from the surviving replica see what both replicas stored."""
    admin = ChatUser(run.api, ADMIN)
    await run.telegram.deliver(run.telegram.stamp(admin.text_update("/export json")), to=0)
    ((name, content),) = run.api.files_sent_to(ADMIN)
    assert name.endswith(".json")
    exported = {p["user_id"]: p for p in json.loads(content)}
    assert len(exported) == OWNERS + REMINDED + len(VICTIMS)
    for user_id in VICTIMS:  # stored once, by whichever replica
        rest = [None] * (len(QUESTION_KEYS) - 1)
        assert list(exported[user_id]["answers"].values()) == [_answer(user_id, 1), *rest]
    for number in range(OWNERS):
        user_id = 5000 + number
        answers = list(exported[user_id]["answers"].values())
        expected = [_answer(user_id, n) for n in range(1, len(QUESTION_KEYS) + 1)]
        pair = run.pairs.get(user_id)
        if pair is not None:  # applied one after the other, in either order
            first, second = (n - 1 for n in pair)
            assert {answers[first], answers[second]} == {expected[first], expected[second]}
            answers[first], answers[second] = expected[first], expected[second]
        assert answers == expected, user_id
        assert exported[user_id]["status"] == "completed"
    for number in range(REMINDED):
        user_id = 9000 + number
        assert exported[user_id]["answers"][QUESTION_KEYS[0]] == _answer(user_id, 1)
        stored = backend.open().get(user_id)
        assert stored is not None and stored.reminder_at is None  # claimed, not planned again
    seen = len(admin.history())
    await run.telegram.deliver(run.telegram.stamp(admin.text_update("/stats")), to=0)
    texts = [str(m.get("text", "")) for m in admin.history()[seen:]]
    started = OWNERS + REMINDED + len(VICTIMS)  # one profile each
    assert any(t.startswith(f"📊 Owners: {started} · profiles: {started} · completed: {OWNERS}")
               for t in texts), texts
