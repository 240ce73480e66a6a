"""`run_bot.py export` when things go wrong: the output file, a full disk, impossible filters."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.main import main
from domain.model import Owner
from flows.i18n import Catalogs
from storage.base import ProfileRepository
from storage.files import FileRepository
from storage.profile_files import ProfileFiles
from tests.helpers import ROOT, clean_env, run_bot


def _database(folder: Path, *user_ids: int) -> Path:
    repository = FileRepository.open(folder)
    for user_id in user_ids:
        repository.save(Owner.with_profile(user_id=user_id, language="pl", state="channels",
                                started_at="2026-11-01T10:00:00+00:00",
                                updated_at="2026-11-01T10:00:00+00:00",
                                answers={"demographics": f"answer {user_id}"}))
    repository.close()
    return folder


@pytest.mark.parametrize("output_format", ["json", "csv", "xlsx"])
def test_a_failed_export_leaves_the_earlier_file_as_it_was(
    tmp_path: Path, output_format: str
) -> None:
    db = _database(tmp_path / "profiles", 1, 2, 3)
    env = {"BOT_DB_PATH": str(db)}
    backups = tmp_path / "backups"
    backups.mkdir()
    backup = backups / f"backup.{output_format}"
    good = run_bot("export", "--format", output_format, "--out", str(backup), env=env)
    assert good.returncode == 0, good.stderr
    earlier = backup.read_bytes()
    assert earlier

    ProfileFiles(db).path_of(2).write_text('{"profiles": {', encoding="utf-8")  # damaged
    failed = run_bot("export", "--format", output_format, "--out", str(backup), env=env)
    assert failed.returncode == 1
    (line,) = failed.stderr.strip().splitlines()
    assert line.startswith("error: the stored profile of user id 2 cannot be read (nothing was "
                           f"written to {backup}")
    assert backup.read_bytes() == earlier
    assert [path.name for path in backups.iterdir()] == [backup.name]  # no temporary left
    # Asked for, the export goes on without the damaged profile and names it.
    partial = run_bot("export", "--format", output_format, "--out", str(backup),
                      "--skip-unreadable", env=env)
    assert partial.returncode == 0, partial.stderr
    assert partial.stderr.splitlines()[-1] == (
        "warning: left out, because they cannot be read: user id 2")
    assert backup.read_bytes() != earlier


def test_a_successful_export_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    db = _database(tmp_path / "profiles", 1)
    out = tmp_path / "export.json"
    out.write_text("an older export", encoding="utf-8")
    out.chmod(0o640)
    result = run_bot("export", "--format", "json", "--out", str(out),
                     env={"BOT_DB_PATH": str(db)})
    assert result.returncode == 0, result.stderr
    assert [profile["user_id"] for profile in json.loads(out.read_text("utf-8"))] == [1]
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["export.json", "profiles"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_xlsx_to_a_full_device_is_one_error_line(tmp_path: Path) -> None:
    db = _database(tmp_path / "profiles", 1)
    result = run_bot("export", "--format", "xlsx", "--out", "/dev/full",
                     env={"BOT_DB_PATH": str(db)})
    assert result.returncode == 1
    assert result.stderr == "error: cannot write /dev/full: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_a_full_standard_output_is_one_error_line(tmp_path: Path, output_format: str) -> None:
    db = _database(tmp_path / "profiles", 1)
    clean = clean_env()
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "run_bot.py", "export", "--format", output_format], cwd=ROOT,
            env={**clean, "BOT_DB_PATH": str(db)}, stdin=subprocess.DEVNULL, stdout=full,
            stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )
    assert result.returncode == 1
    assert result.stderr == "error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--since", "2026-12-01", "--until", "2026-11-01"],
         "error: --since 2026-12-01 is after --until 2026-11-01, so no profile could match; "
         "swap them"),
        (["--language", "xx"], "error: unknown --language 'xx'; choose from "
         + ", ".join(Catalogs.load().languages)),
    ],
)
def test_a_filter_that_can_match_nothing_is_a_usage_error(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    db = _database(tmp_path / "profiles", 1)
    result = run_bot("export", "--format", "json", *arguments, env={"BOT_DB_PATH": str(db)})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == message + "\n"


def test_ctrl_c_during_an_export_is_one_line_and_leaves_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path / "profiles", 1, 2)
    out = tmp_path / "out" / "export.csv"
    out.parent.mkdir()
    out.write_text("an earlier export", encoding="utf-8")

    def interrupted(repository: ProfileRepository, *_: object, **__: object) -> Iterator[Owner]:
        yield Owner.with_profile(1, "pl", "channels", "2026-11-01T10:00:00+00:00", "u")
        raise KeyboardInterrupt  # what Ctrl-C raises in the middle of reading the database

    monkeypatch.setattr(FileRepository, "iter_all", interrupted)
    monkeypatch.setenv("BOT_DB_PATH", str(db))
    assert main(["export", "--format", "csv", "--out", str(out)]) == 130
    assert capsys.readouterr().err == "error: interrupted\n"
    assert out.read_text(encoding="utf-8") == "an earlier export"
    assert [path.name for path in out.parent.iterdir()] == ["export.csv"]


def test_an_export_piped_into_a_reader_that_stops_ends_quietly(tmp_path: Path) -> None:
    """`run_bot.py export --format csv | head -1`: no error line, exit 0, as any Unix filter."""
    db = _database(tmp_path / "profiles", *range(1, 800))  # more than a pipe buffer of CSV
    process = subprocess.Popen(
        [sys.executable, "run_bot.py", "export", "--format", "csv"], cwd=ROOT,
        env={**clean_env(), "BOT_DB_PATH": str(db)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"\xef\xbb\xbfuser_id,")
    process.stdout.close()  # what head does after its line
    with process.stderr:
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""
