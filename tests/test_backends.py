"""One backend object: the bot is handed its capabilities, and never asks what it talks to."""

from __future__ import annotations

import ast
from datetime import timedelta

from domain.model import Owner
from domain.rules import utc_now
from storage import open_backend
from storage.base import UpdateKey
from tests.backends import Backend as Database
from tests.helpers import ROOT

#: The storage modules `bot/` may import: the ports and the export, never an adapter (the
#: model is `domain/`, outside storage).
_PORTS = {"storage.base", "storage.export", "storage.export_parts"}


def _imports(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module is not None} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
        for alias in node.names}


def test_the_bot_sees_storage_through_the_ports_only() -> None:
    """No adapter module and no runtime-checkable Protocol: a capability is an object the
    `Backend` holds (house style 12), so nothing can switch the bot's mode by a method name."""
    for path in sorted((ROOT / "bot").glob("*.py")):
        storage = {name for name in _imports(str(path.relative_to(ROOT)))
                   if name.startswith("storage.")}
        assert storage <= _PORTS, f"{path.name} imports {storage - _PORTS}"
    for package in ("bot", "flows", "storage", "cli"):
        for path in (ROOT / package).rglob("*.py"):  # storage/postgres/ too
            assert "runtime_checkable" not in path.read_text(encoding="utf-8"), path


def _profile(user_id: int) -> Owner:
    now = utc_now()
    return Owner.with_profile(user_id=user_id, language="en", state="demographics", started_at=now,
                   updated_at=now)


def test_files_get_the_local_versions(backend_files: Database) -> None:
    backend = open_backend(None, backend_files.path)
    try:
        with backend.units.owner_transaction(3, UpdateKey(1, 1)) as store:
            store.save(_profile(3))
        with backend.units.owner_transaction(3, UpdateKey(1, 1)) as store:
            assert not store.already_applied  # one process applies each update once itself
        assert backend.units.prune_applied_updates(timedelta(0)) == 0
        assert backend.health.ping()
        assert backend.repository.get(3) is not None
    finally:
        backend.close()


def test_postgres_gets_its_transactions_claims_and_ping(backend_postgres: Database) -> None:
    assert backend_postgres.url is not None
    backend = open_backend(backend_postgres.url, backend_postgres.path)
    try:
        with backend.units.owner_transaction(3, UpdateKey(1, 1)) as store:
            store.save(_profile(3))
        with backend.units.owner_transaction(3, UpdateKey(1, 1)) as store:
            assert store.already_applied  # recorded in the same transaction
        assert backend.units.prune_applied_updates(timedelta(0)) == 1
        assert backend.health.ping()
        assert backend.reminders.rearm() == 0
        planned = _profile(4)
        planned.reminder_at = "2099-01-01T10:00:00+00:00"
        backend.repository.save_many([planned, _profile(5)])
        assert backend.reminders.rearm() == 1  # counted in the database: owner 4's
    finally:
        backend.close()
