"""`/stats` on the file backend counts from each owner's summary (storage/summary.py), and always
says what a full scan (`count_profiles`) says: on random data, after deletes, after a crash, with
the summary file missing or damaged, and with owners' files changed behind the bot's back."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.model import Owner, Version
from flows.questions import QUESTION_KEYS
from storage.files import FileRepository
from storage.profile_files import ProfileFiles
from storage.queries import Stats, count_profiles
from tests.helpers import ROOT, make_profile, owner_of

KEYS = list(QUESTION_KEYS)
SUMMARY = "summary.json"
DAMAGE = b'{"profiles": {"7": {"user_id": 7, "answ'


def random_owner(rng: random.Random, user_id: int) -> Owner:
    """An owner with one to three profiles, some finished, some with earlier versions."""
    language = rng.choice(["en", "pl", "fa"])
    source = rng.choice([None, None, "ads", "blog", "insta_nov-2026"])
    profiles = []
    for profile_id in rng.sample(range(1, 11), rng.randint(1, 3)):
        answered = KEYS[: rng.randint(0, len(KEYS))]
        answers = {key: rng.choice(["", f"answer {key}"]) for key in answered}
        completed = len(answered) == len(KEYS) and rng.random() < 0.8
        history = [Version(n, "2026-03-01T10:00:00+00:00", {key: f"v{n}" for key in KEYS})
                   for n in range(1, rng.randint(1, 3))] if completed else []
        profiles.append(make_profile(user_id, language, answers, completed=completed,
                                     profile_id=profile_id, source=source, history=history,
                                     version=len(history) + 1))
    return owner_of(*profiles)


def full_scan(repository: FileRepository) -> Stats:
    """What `/stats` counted before the summary: every owner read."""
    unreadable: list[int] = []
    return count_profiles(repository.iter_all(unreadable=unreadable), KEYS, unreadable)


def assert_counts_as_a_full_scan(repository: FileRepository) -> Stats:
    stats = repository.stats(KEYS)
    expected = full_scan(repository)
    assert stats == expected
    assert list(stats.sources.items()) == list(expected.sources.items())  # most first
    return stats


def test_random_saves_and_deletes_count_as_a_full_scan_also_after_reopening(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261203)
    root = tmp_path / "profiles"
    repository = FileRepository.open(root)
    for round_number in range(6):
        for _ in range(40):
            user_id = rng.randint(1, 60)
            if rng.random() < 0.2:
                repository.delete(user_id)
            else:
                repository.save(random_owner(rng, user_id))
        stats = assert_counts_as_a_full_scan(repository)
        if round_number % 2:  # a restart: the summary comes from its file
            repository.close()
            repository = FileRepository.open(root)
            assert repository.stats(KEYS) == stats
    assert stats.owners > 20 and stats.started > stats.owners and stats.completed
    assert (root / SUMMARY).exists()


def test_only_owners_changed_since_the_summary_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "profiles"
    rng = random.Random(7)
    reads: list[int] = []
    original = FileRepository.get

    def counting_get(self: FileRepository, user_id: int) -> Owner | None:
        reads.append(user_id)
        return original(self, user_id)

    monkeypatch.setattr(FileRepository, "get", counting_get)
    writer = FileRepository.open(root)
    writer.save_many(random_owner(rng, user_id) for user_id in range(1, 101))
    writer.stats(KEYS)
    assert reads == []  # this process's own saves are summarised as they are written
    writer.save(random_owner(rng, 3))
    writer.delete(4)
    writer.stats(KEYS)
    assert reads == []
    writer.close()
    # Changed by another process (an import, a restore): the summary file does not know.
    other = FileRepository.open(root)
    other.save(random_owner(rng, 5))
    other.delete(6)
    restarted = FileRepository.open(root)
    stats = restarted.stats(KEYS)
    assert reads == [5]
    assert stats.owners == 98
    assert stats == full_scan(restarted)


def test_saves_of_a_process_that_never_asked_for_stats_are_kept_for_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot's usual process: owners saved for days, no /stats, then a restart. What it
    summarised with each save is written when it closes, so the next /stats reads no owner."""
    root = tmp_path / "profiles"
    rng = random.Random(11)
    first = FileRepository.open(root)
    first.save_many(random_owner(rng, user_id) for user_id in range(1, 21))
    first.stats(KEYS)
    first.close()
    bot = FileRepository.open(root)  # no /stats in this one
    bot.save(random_owner(rng, 3))
    bot.delete(4)
    bot.save(random_owner(rng, 30))
    bot.close()
    reads: list[int] = []
    original = FileRepository.get

    def counting_get(self: FileRepository, user_id: int) -> Owner | None:
        reads.append(user_id)
        return original(self, user_id)

    monkeypatch.setattr(FileRepository, "get", counting_get)
    restarted = FileRepository.open(root)
    stats = restarted.stats(KEYS)
    assert reads == []
    assert stats.owners == 20 and stats == full_scan(restarted)


@pytest.mark.parametrize("summary", [None, b"", b"{not json", b'{"format": 99}',
                                     b'{"format": 1, "kinds": [], "owners": [[1, 2, 5]]}'])
def test_a_missing_or_unusable_summary_is_rebuilt_from_a_full_scan(
    tmp_path: Path, summary: bytes | None
) -> None:
    root = tmp_path / "profiles"
    rng = random.Random(11)
    writer = FileRepository.open(root)
    writer.save_many(random_owner(rng, user_id) for user_id in range(1, 31))
    expected = writer.stats(KEYS)
    writer.close()
    if summary is None:
        (root / SUMMARY).unlink()
    else:
        (root / SUMMARY).write_bytes(summary)
    reopened = FileRepository.open(root)
    assert reopened.stats(KEYS) == expected == full_scan(reopened)
    reopened.close()
    assert FileRepository.open(root).stats(KEYS) == expected  # rewritten, usable again


def test_an_owner_file_damaged_or_restored_behind_the_bot_s_back_is_counted_as_it_is_now(
    tmp_path: Path,
) -> None:
    root = tmp_path / "profiles"
    rng = random.Random(3)
    repository = FileRepository.open(root)
    repository.save_many(random_owner(rng, user_id) for user_id in range(1, 11))
    backup = tmp_path / "7.json"
    shutil.copyfile(ProfileFiles(root).path_of(7), backup)
    before = repository.stats(KEYS)
    ProfileFiles(root).path_of(7).write_bytes(DAMAGE)  # in place: same inode
    damaged = assert_counts_as_a_full_scan(repository)
    assert damaged.unreadable == (7,) and damaged.owners == 9
    reopened = FileRepository.open(root)  # the damage is in the summary file too
    assert reopened.stats(KEYS).unreadable == (7,)
    shutil.copyfile(backup, ProfileFiles(root).path_of(7))  # restored from a backup
    assert assert_counts_as_a_full_scan(reopened) == before


def test_a_read_only_repository_counts_without_writing_the_summary(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    rng = random.Random(5)
    FileRepository.open(root).save_many(random_owner(rng, user_id) for user_id in range(1, 21))
    reader = FileRepository.open(root, read_only=True)
    assert reader.stats(KEYS) == full_scan(reader)
    reader.close()
    assert not (root / SUMMARY).exists()


WRITER = """
import random, sys
from storage.files import FileRepository
from tests.test_stats_summary import KEYS, random_owner
repository = FileRepository.open(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
print("ready", flush=True)
for number in range(100_000):
    user_id = rng.randint(1, 40)
    if rng.random() < 0.15:
        repository.delete(user_id)
    else:
        repository.save(random_owner(rng, user_id))
    if number % 7 == 0:
        repository.stats(KEYS)  # the summary file is rewritten now and then
    print(number, flush=True)
"""


def test_after_sigkill_at_random_moments_stats_count_as_a_full_scan(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    FileRepository.open(root)
    rng = random.Random(1203)
    for _ in range(12):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(root),
                                   str(rng.randrange(1 << 30))],
                                  cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        # The kill lands mid-stream however loaded the machine is: after a few acknowledged
        # writes (a fixed sleep alone could end before the first one on a busy CI machine).
        for _ in range(rng.randint(1, 8)):
            assert writer.stdout.readline().strip().isdigit()
        time.sleep(rng.uniform(0, 0.1))
        writer.send_signal(signal.SIGKILL)
        writer.stdout.close()
        writer.wait()
        repository = FileRepository.open(root)  # sweeps a summary write cut short
        assert_counts_as_a_full_scan(repository)
        repository.close()
