"""Crash safety: a writer killed with SIGKILL at random moments never loses or damages anything.

The writer runs a seeded random sequence of saves and deletes and prints a line after each one
returns (that is the bot's "reply": the write was acknowledged). Because the sequence is seeded,
the test knows every operation, so it can say exactly what the database must hold: the state
after the last acknowledged operation, or after the one that was under way when it was killed.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.model import Owner
from tests.backends import Backend

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2026, 1, 1, tzinfo=UTC)
KILLS = 40
USERS = 12

WRITER = """
import sys
from tests.test_crash_safety import operations
from storage import open_repository
repository = open_repository(sys.argv[3] or None, sys.argv[1])
print("ready", flush=True)
for number, (user_id, profile) in enumerate(operations(int(sys.argv[2]))):
    if profile is None:
        repository.delete(user_id)
    else:
        repository.save(profile)
    print(number, flush=True)
"""


def operations(seed: int) -> Iterator[tuple[int, Owner | None]]:
    """The writer's endless, reproducible sequence of (user id, profile to save or None)."""
    rng = random.Random(seed)
    number = 0
    while True:
        user_id = rng.randint(1, USERS)
        if rng.random() < 0.1:
            yield user_id, None
        else:
            # About 2 KB, so that a kill often lands in the middle of writing a file.
            yield (
                user_id,
                Owner.with_profile(
                    user_id=user_id,
                    language="fa",
                    state="channels",
                    started_at="2026-01-01T00:00:00+00:00",
                    updated_at=(START + timedelta(microseconds=number)).isoformat(),
                    answers={"demographics": f"پاسخ {number} " + "x" * 2000},
                    instance=f"i{number}",
                    # Reminders moved earlier, later and cleared: the index must know each.
                    reminder_at=rng.choice([None, (START + timedelta(
                        minutes=rng.randint(0, 10_000))).isoformat()]),
                ),
            )
        number += 1


def expected_after(seed: int, count: int) -> dict[int, Owner | None]:
    """What the database holds after the first `count` operations."""
    state: dict[int, Owner | None] = {}
    sequence = operations(seed)
    for _ in range(count):
        user_id, profile = next(sequence)
        state[user_id] = profile
    return state


def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(backend: Backend) -> None:
    """On every durable backend: TinyDB files, and PostgreSQL (whose commit is the write)."""
    rng = random.Random(20261123)
    database = backend.path
    acknowledged_total = 0
    for kill in range(KILLS):
        seed = rng.randrange(1 << 30)
        reader = backend.open()
        before = {user_id: reader.get(user_id) for user_id in range(1, USERS + 1)}
        reader.close()
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(database), str(seed), backend.url or ""],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.12))
        writer.send_signal(signal.SIGKILL)
        lines = writer.stdout.read().split()
        writer.stdout.close()
        writer.wait()
        acknowledged = len(lines)
        acknowledged_total += acknowledged

        repository = backend.open()  # loads, and sweeps temporaries
        stored = {user_id: repository.get(user_id) for user_id in range(1, USERS + 1)}
        assert repository.user_ids() == [u for u, p in stored.items() if p is not None]
        # Every stored reminder is known, never later than stored (an early one costs a read).
        known = dict(repository.reminder_times())
        for user_id, profile in stored.items():
            if profile is not None and (due := profile.reminder_due) is not None:
                assert known.get(user_id, due + timedelta(seconds=1)) <= due, (
                    f"kill {kill}: the reminder of user {user_id} is not in the index")
        repository.close()
        candidates = []
        for count in (acknowledged, acknowledged + 1):
            changes = expected_after(seed, count)
            candidates.append({u: changes.get(u, before[u]) for u in range(1, USERS + 1)})
        assert stored in candidates, f"kill {kill}: the database lost or mixed up a write"
        if backend.url is None:
            assert list((database / ".tmp").iterdir()) == []  # no temporary left
    # The kills really landed mid-stream, not before the first write or after the last.
    assert acknowledged_total > KILLS * 5
