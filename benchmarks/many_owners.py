"""Whole-database work at scale on TinyDB files: `/stats` and the export's peak memory.

    python -m benchmarks --sizes "" --many-owners 100000

The data set: `owners` owners, one in ten keeping three customer profiles with two earlier
versions each, the rest one finished profile. It is written straight into the folder layout
(`storage.profile_files`), not through the conversation or an import, so 100,000 owners take
seconds to build; it is built once under `--data` and reused.

Each measurement runs in a fresh process (`python -m benchmarks.many_owners child ...`), so its
peak memory (VmHWM) is its own: `/stats` with the summary file missing (rebuilt by a full scan)
and then present, the chat's `/export` (every format, part by part, as the bot sends them) and
`run_bot.py export` in each format.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.scenario import peak_memory_mb
from cli.main import main
from domain.model import CustomerProfile, Owner, Version
from flows.machine import DONE
from flows.questions import QUESTION_KEYS
from storage.export import FORMATS
from storage.export_parts import ExportSpool
from storage.files import FileRepository
from storage.profile_files import ProfileFiles

__all__ = ["build", "measure", "report"]

_ANSWER = "Kobiety 25–40 z dużych miast, kupują wieczorem na telefonie; زنان ۲۵ تا ۴۰ ساله"
_AT = "2026-11-01T10:20:00+00:00"


def _finished(profile_id: int, versions: int) -> CustomerProfile:
    """A finished customer profile in its `versions + 1`th version."""
    answers = {key: f"{_ANSWER} ({profile_id})" for key in QUESTION_KEYS}
    return CustomerProfile(
        state=DONE, started_at="2026-11-01T10:00:00+00:00", updated_at=_AT, completed_at=_AT,
        segment="beginner", answers=answers, draft=False, version_at=_AT,
        profile_id=profile_id, version=versions + 1,
        history=[Version(n, _AT, answers) for n in range(1, versions + 1)],
    )


def _templates() -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored record of a one-profile owner, and of a three-profile one."""
    single = Owner(user_id=0, language="en", profiles={1: _finished(1, 0)})
    several = Owner(user_id=0, language="en",
                    profiles={number: _finished(number, 2) for number in (1, 2, 3)})
    return single.to_record(), several.to_record()


def build(folder: Path, owners: int) -> Path:
    """The data set, written once (a `.done` mark beside it says it is whole)."""
    done = folder.with_name(folder.name + ".done")
    if done.exists():
        return folder
    files = ProfileFiles(folder)
    began = time.perf_counter()
    single, several = _templates()
    for number in range(owners):
        user_id = 1_000_000 + number
        record = dict(several if number % 10 == 0 else single)
        record.update(user_id=user_id, language=("en", "pl", "fa")[number % 3],
                      source="insta_nov-2026" if number % 4 == 0 else None)
        path = files.path_of(user_id)
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"profiles": {str(user_id): record}}, ensure_ascii=False),
                        "utf-8")
    os.sync()
    done.touch()
    _log(f"wrote {owners:,} owners' files in {time.perf_counter() - began:.1f} s")
    return folder


def measure(folder: Path, out: Path) -> dict[str, Any]:
    """Every measurement, each in a child process of its own."""
    (folder / "summary.json").unlink(missing_ok=True)
    cold = _child("stats", str(folder))  # no summary: a full scan, which writes it
    warm = _child("stats", str(folder))
    if (cold["owners"], cold["started"]) != (warm["owners"], warm["started"]):
        raise SystemExit(f"/stats differ with and without the summary: {cold} {warm}")
    result: dict[str, Any] = {"owners": warm["owners"], "profiles": warm["started"],
                              "stats_full_s": cold["seconds"], "stats_s": warm["seconds"],
                              "admin": _child("admin", str(folder)), "cli": {}}
    for output_format in FORMATS:
        target = out / f"export.{output_format}"
        result["cli"][output_format] = _child("cli", str(folder), output_format, str(target))
        result["cli"][output_format]["size_mb"] = target.stat().st_size / 1e6
        target.unlink()
    return result


def report(result: dict[str, Any]) -> None:
    """Print the measurements as a table, with the issue's targets."""
    admin, cli = result["admin"], result["cli"]
    print(f"\nWhole-database work on TinyDB files: {result['owners']:,} owners, "
          f"{result['profiles']:,} customer profiles (one owner in ten keeps three, each with "
          "two earlier versions).\n")
    print("| work | seconds | peak MB | output MB |")
    print("|---|---:|---:|---:|")
    print(f"| /stats, no summary yet (a full scan, once) | {result['stats_full_s']:.2f} | – | – |")
    print(f"| /stats (from the summary) | {result['stats_s']:.3f} | – | – |")
    print(f"| /export json csv xlsx ({admin['parts']} files, not sent) | {admin['seconds']:.1f} "
          f"| {admin['peak_mb']:.0f} | {admin['size_mb']:.0f} |")
    for output_format, measured in cli.items():
        print(f"| run_bot.py export --format {output_format} | {measured['seconds']:.1f} | "
              f"{measured['peak_mb']:.0f} | {measured['size_mb']:.0f} |")
    peak = max(admin["peak_mb"], *(measured["peak_mb"] for measured in cli.values()))
    owners = f"{result['owners']:,}"
    print("\nTargets:\n")
    for name, met, value in [
        (f"/stats <= 2 s with {owners} owners", result["stats_s"] <= 2,
         f"{result['stats_s']:.3f} s"),
        (f"export peak memory < 150 MB with {owners} owners", peak < 150, f"{peak:.0f} MB"),
    ]:
        print(f"- {'met' if met else 'NOT MET'}: {name} ({value})")


def _child(*arguments: str) -> dict[str, Any]:
    _log(f"measuring {' '.join(arguments[:1] + arguments[2:3])}...")
    result = subprocess.run([sys.executable, "-m", "benchmarks.many_owners", "child",
                             *arguments], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{arguments[0]} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _run_child(kind: str, folder: str, *rest: str) -> dict[str, Any]:
    began = time.perf_counter()
    if kind == "stats":
        repository = FileRepository.open(folder)
        stats = repository.stats(QUESTION_KEYS)
        seconds = time.perf_counter() - began
        repository.close()  # not timed: writes the summary when it changed
        return {"seconds": seconds, "owners": stats.owners, "started": stats.started}
    if kind == "admin":  # what `/export json csv xlsx` does (bot.admin), without sending
        reader = FileRepository.open(folder, read_only=True)
        with ExportSpool(reader.iter_all(), QUESTION_KEYS, FORMATS) as spool:
            parts = [part for name in FORMATS for part in spool.parts(name)]
            size = sum(len(part.read()) for part in parts)
        return {"seconds": time.perf_counter() - began, "peak_mb": peak_memory_mb(),
                "parts": len(parts), "size_mb": size / 1e6}
    os.environ["BOT_DB_PATH"] = folder
    output_format, target = rest
    status = main(["export", "--format", output_format, "--out", target])
    if status != 0:
        raise SystemExit(f"run_bot.py export ended with {status}")
    return {"seconds": time.perf_counter() - began, "peak_mb": peak_memory_mb()}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] != ["child"]:
        raise SystemExit("usage: python -m benchmarks --many-owners N (this module's children)")
    print(json.dumps(_run_child(*sys.argv[2:])))
