"""A TinyDB storage whose every write is atomic and durable.

TinyDB's own `JSONStorage` rewrites the file in place (seek, write, truncate): a crash in the
middle leaves a truncated file that no longer loads. Here each write goes to a temporary file on
the same file system, is fsync'd, and replaces the database with `os.replace`; the folder is then
fsync'd so the rename itself survives a power cut. A reader or a restart sees either the old or
the new file, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

__all__ = ["AtomicJSONStorage", "DatabaseUnreadableError", "fsync_directory", "replace_file"]


class DatabaseUnreadableError(RuntimeError):
    """The database exists but cannot be parsed; it is left untouched for inspection."""

    def __init__(
        self, path: Path, reason: str, fix: str = "restore it from a backup or move it away"
    ) -> None:
        super().__init__(f"cannot read the database {path}: {reason}. "
                         f"It was left as it is; {fix}.")
        self.path = path


class AtomicJSONStorage(Storage):
    """JSON file storage with write-to-temporary, fsync and rename on every write.

    `temp_dir` holds the temporary files (default: beside the database); it must be on the same
    file system. With `durable=False` the fsyncs are left to the caller, who must sync before
    treating the write as done (a bulk import syncs once at the end).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        temp_dir: str | os.PathLike[str] | None = None,
        durable: bool = True,
    ) -> None:
        self._path = Path(path)
        self._read_only = read_only
        self._temp_dir = Path(temp_dir) if temp_dir is not None else self._path.parent
        self._durable = durable
        self._cache: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the whole database, from memory after the first read while writable."""
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
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            if self._durable:
                fsync_directory(folder.parent)  # the new folder's own entry
        replace_file(self._path, payload, self._temp_dir, durable=self._durable)


def replace_file(path: Path, payload: bytes, temp_dir: Path, *, durable: bool = True) -> None:
    """Replace `path` with `payload` in one rename: a reader or a crash sees the old file or
    the new one, never part of one. The temporary is written in `temp_dir` (on the same file
    system); `durable` syncs the data and the rename before returning."""
    temp_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=temp_dir)
    try:
        with os.fdopen(handle, "wb") as temporary_file:
            temporary_file.write(payload)
            if durable:
                temporary_file.flush()
                os.fsync(temporary_file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        fsync_directory(path.parent)


def fsync_directory(folder: Path) -> None:
    """Make a rename or unlink in `folder` durable (POSIX); a no-op where that is impossible."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
