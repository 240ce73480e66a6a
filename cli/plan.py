"""`run_bot.py plan`: one owner's profile as the PDF `/plan` sends them, written for an admin."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from cli.export import OutputFile
from cli.settings import Settings
from domain.model import Owner
from flows.advice import build_plan
from flows.i18n import Catalogs
from flows.plan_pdf import plan_pdf
from storage import open_repository
from storage.base import ProfileUnreadableError

__all__ = ["add_plan_parser", "plan_command"]


def add_plan_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `plan` subcommand's arguments."""
    plan = commands.add_parser(
        "plan",
        help="write an owner's profile and plan as a PDF",
        description="Write one owner's completed customer profile as the PDF /plan sends them, "
        "in the owner's language. Safe while the bot is running.",
    )
    plan.add_argument("--user", type=int, required=True, metavar="ID",
                      help="the owner's Telegram user id")
    plan.add_argument("--profile", type=int, metavar="N",
                      help="which of the owner's profiles (default: the one they have open)")
    plan.add_argument("--out", type=Path, required=True, metavar="FILE",
                      help="the PDF file, replaced only once it is written whole")


def plan_command(settings: Settings, catalogs: Catalogs, arguments: argparse.Namespace) -> int:
    """Write the PDF; returns the exit code (1 with one `error:` line when it cannot)."""
    if settings.database_url is None and not settings.db_path.exists():
        print(f"error: no database at {settings.db_path} (set BOT_DB_PATH)", file=sys.stderr)
        return 1
    repository = open_repository(settings.database_url, settings.db_path, read_only=True)
    try:
        owner = repository.get(arguments.user)
    except ProfileUnreadableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        repository.close()
    if owner is None:
        print(f"error: no owner with user id {arguments.user}", file=sys.stderr)
        return 1
    profile = _chosen(owner, arguments.profile)
    if profile is None:
        numbers = ", ".join(str(number) for number in owner.profile_ids)
        print(f"error: user {arguments.user} has no profile {arguments.profile}; their "
              f"profiles: {numbers}", file=sys.stderr)
        return 1
    if not profile.completed_at:
        print(f"error: profile {profile.profile_id} of user {arguments.user} is not complete; "
              "/plan makes a PDF of a completed profile only", file=sys.stderr)
        return 1
    t = catalogs.get(owner.language)
    document = plan_pdf(t, profile, build_plan(t, profile), datetime.now(UTC).date())
    with OutputFile(arguments.out) as out:
        out.write(document)
    return 0


def _chosen(owner: Owner, number: int | None) -> Owner | None:
    """The profile numbered `number` (the open one when None), as a view of its own."""
    wanted = owner.profile_id if number is None else number
    return next((view for view in owner.views() if view.profile_id == wanted), None)
