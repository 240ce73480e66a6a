"""A TinyDB storage whose every write is atomic and durable.

TinyDB's own `JSONStorage` rewrites the file in place (seek, write, truncate): a crash in the
middle leaves a truncated file that no longer loads. Here each write goes to a temporary file in
the same folder, is fsync'd, and replaces the database with `os.replace`, so a reader or a restart
sees either the old or the new database, never half of one. The parsed data is kept in memory
because this process is the only writer (other processes, such as the export, only read).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

__all__ = ["AtomicJSONStorage", "DatabaseUnreadableError"]


class DatabaseUnreadableError(RuntimeError):
    """The database file exists but cannot be parsed; it is left untouched for inspection."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot read the database {path}: {reason}. The file was left as it is; "
            "restore it from a backup or move it away to start with an empty database."
        )
        self.path = path


class AtomicJSONStorage(Storage):
    """JSON file storage with write-to-temporary, fsync and rename on every write."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self._path = Path(path)
        self._read_only = read_only
        self._cache: dict[str, dict[str, Any]] | None = None
        if not read_only:
            self._path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the whole database, from memory after the first read."""
        if self._cache is None or self._read_only:
            self._cache = self._load()
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the database atomically; on failure the in-memory copy is dropped."""
        if self._read_only:
            raise PermissionError(f"{self._path} was opened read-only")
        try:
            self._replace_file(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except BaseException:
            self._cache = None  # TinyDB mutated the cached dict; re-read what is on disk
            raise
        self._cache = data

    def close(self) -> None:
        """Nothing stays open between writes."""

    def _load(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DatabaseUnreadableError(self._path, str(error)) from error
        if not isinstance(data, dict):
            raise DatabaseUnreadableError(self._path, "the top level is not a JSON object")
        return data

    def _replace_file(self, payload: bytes) -> None:
        folder = self._path.parent
        handle, temporary = tempfile.mkstemp(prefix=f".{self._path.name}.", dir=folder)
        try:
            with os.fdopen(handle, "wb") as temporary_file:
                temporary_file.write(payload)
                temporary_file.flush()
                os.fsync(temporary_file.fileno())
            os.replace(temporary, self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _fsync_directory(folder)


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
