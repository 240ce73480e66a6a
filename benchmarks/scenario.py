"""One measured run, in a process of its own so that start-up and peak memory are its own.

    python -m benchmarks.scenario STORE DATA USERS BUDGET

STORE is `ours`, `postgres` (the same bot on PostgreSQL; DATA is then a database URL), `tinydb`
(TinyDB's default JSONStorage, same bot), `ptb-durable` or `ptb-default` (the
ConversationHandler + PicklePersistence bot, written after every answer or on PTB's default
60-second interval). Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from benchmarks.offline import BENCHMARK_TOKEN, OfflineBotAPI, command, text
from benchmarks.ptb_baseline import build_baseline
from benchmarks.single_file import SingleFileRepository
from bot.app import build_application
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS, QUESTIONS
from storage.backends import local_backend, postgres_backend
from storage.base import ProfileRepository
from storage.files import FileRepository
from storage.postgres import PostgresRepository

#: Benchmark owners get ids above every stored one, so each run starts new conversations.
FIRST_NEW_USER = 900_000_000
WARM_UP_USER = FIRST_NEW_USER - 1
ANSWER = "Women 25-40 in big cities who shop on their phones in the evening, after work."
#: Our bot asks some questions in two parts (`Question.second`): the reply to the second part,
#: by the profile field it fills. Sent right after the question's answer, and timed with it,
#: so an answer's latency is what the owner waits for through the whole question.
SECOND_REPLIES = {"advantage": "Only we deliver within two hours in the city.",
                  "kpis": "Repeat purchases 22% -> 30%"}
SECONDS = {question.key: SECOND_REPLIES[question.second.field]
           for question in QUESTIONS if question.second}


async def run(store: str, data: str, users: int, budget: float) -> dict[str, Any]:
    network = OfflineBotAPI()
    started = time.perf_counter()
    repository: ProfileRepository | None = None
    if store in ("ours", "postgres", "tinydb"):
        if store == "ours":
            repository = FileRepository.open(data)
            backend = local_backend(repository)
        elif store == "postgres":
            postgres = PostgresRepository.open(data)
            repository, backend = postgres, postgres_backend(postgres)
        else:
            repository = SingleFileRepository(TinyDB(data))
            backend = local_backend(repository)
        application: Any = build_application(
            token=BENCHMARK_TOKEN, backend=backend, catalogs=Catalogs.load(),
            request=network, flood_limit=False,
        )
    else:
        application = build_baseline(BENCHMARK_TOKEN, Path(data), network)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    startup = time.perf_counter() - started

    durable_each_answer = store == "ptb-durable"
    # The baseline asks each question in one part.
    second_parts = SECONDS if repository is not None else {}
    # One owner first, not counted: the first pass through every code path warms caches.
    await application.process_update(command(application.bot, WARM_UP_USER, "start"))
    for key in QUESTION_KEYS:
        await application.process_update(text(application.bot, WARM_UP_USER, f"{key}: {ANSWER}"))
        if key in second_parts:
            await application.process_update(
                text(application.bot, WARM_UP_USER, second_parts[key]))
    latencies: list[float] = []
    began = time.perf_counter()
    finished = 0
    for number in range(users):
        user_id = FIRST_NEW_USER + number
        await application.process_update(command(application.bot, user_id, "start"))
        for key in QUESTION_KEYS:
            update = text(application.bot, user_id, f"{key}: {ANSWER}")
            before = time.perf_counter()
            await application.process_update(update)
            if key in second_parts:
                await application.process_update(
                    text(application.bot, user_id, second_parts[key]))
            if durable_each_answer:
                await application.update_persistence()
            latencies.append(time.perf_counter() - before)
        finished += 1
        if time.perf_counter() - began > budget:
            break
    seconds = time.perf_counter() - began
    peak_mb = peak_memory_mb()
    # What admins and a restart ask of the whole database: /stats, and re-arming reminders.
    stats_s = rearm_s = None
    if repository is not None and store in ("ours", "postgres"):
        before = time.perf_counter()
        repository.stats(QUESTION_KEYS)
        stats_s = time.perf_counter() - before
        # What a start-up does: the backend's scheduler re-armed (files: the heap filled from
        # the due index; PostgreSQL: only counted, every replica asks the database).
        fresh = (postgres_backend(repository) if isinstance(repository, PostgresRepository)
                 else local_backend(repository))
        before = time.perf_counter()
        fresh.reminders.rearm()
        rearm_s = time.perf_counter() - before

    # Check the run did what it claims, then put the data set back as it was.
    if repository is not None:
        repository.delete(WARM_UP_USER)
        for number in range(finished):
            profile = repository.get(FIRST_NEW_USER + number)
            assert profile is not None and len(profile.answers) == len(QUESTION_KEYS), profile
            assert profile.state == "review" and profile.kpis, profile  # every part answered
            repository.delete(FIRST_NEW_USER + number)
        repository.close()
    else:
        answers = application.user_data[FIRST_NEW_USER]["answers"]
        assert len(answers) == len(QUESTION_KEYS), answers
    await application.shutdown()

    latencies.sort()
    return {
        "store": store, "answers": len(latencies), "owners": finished,
        "answers_per_s": len(latencies) / seconds,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "startup_s": startup, "peak_mb": peak_mb, "api_calls": network.calls,
        "stats_s": stats_s, "rearm_s": rearm_s,
    }


def peak_memory_mb() -> float:
    """This process's peak resident memory. Not `ru_maxrss`: on Linux that survives `exec`, so
    it would report the parent's memory (which built 100,000 profiles) as ours."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    store, data, users, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    print(json.dumps(asyncio.run(run(store, data, users, budget))))


if __name__ == "__main__":
    main()
