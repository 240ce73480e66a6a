"""An export as files of at most `limit` bytes each, in bounded memory at any size (`/export`).

One pass reads the owners (each once, as `iter_all` streams them) and appends each owner's
records, already rendered in every format asked, to a temporary spool file per format, keeping
only their byte lengths and record counts in memory. The split into parts is then decided from
those lengths (JSON and CSV parts are the spool's bytes between a header and a footer; an XLSX
part is rendered to learn its size), and each part is written into a temporary file of its own,
read only when it is sent. The parts are exactly those an in-memory export made: halved between
owners until each fits, so an owner's records are never split (import merges an owner whole).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO

from domain.model import Owner
from storage.export import (
    TELEGRAM_UPLOAD_LIMIT,
    ExportFile,
    csv_header,
    csv_row,
    csv_rows,
    export_records,
    json_record,
    profile_summary,
    write_xlsx_rows,
    xlsx_row,
)
from storage.queries import ExportFilter

__all__ = ["ExportPart", "ExportSpool", "export_files"]

_CHUNK = 1 << 20
_JSON_SEPARATOR = b",\n"


@dataclass
class _Spool:
    """One format's rendering of every owner, back to back, and where each owner's begins."""

    path: Path
    #: ends[i]: how many bytes owners 0..i-1 take (owner i starts there).
    ends: array[int] = field(default_factory=lambda: array("q", [0]))


@dataclass(frozen=True)
class ExportPart:
    """One file of an export, written when `read` is first called."""

    name: str
    #: How many records it holds.
    count: int
    spool: ExportSpool
    output_format: str
    owners: tuple[int, int]

    def read(self) -> bytes:
        """The file's bytes (at most the limit, unless one owner alone is larger)."""
        return self.spool.render(self.output_format, *self.owners).read_bytes()


class ExportSpool:
    """The owners of one export, spooled to disk in each format; a context manager that
    deletes its temporary files on leaving."""

    def __init__(self, owners: Iterable[Owner], answer_keys: Sequence[str],
                 formats: Sequence[str], *, selection: ExportFilter | None = None,
                 history: bool = False, stem: str = "profiles",
                 limit: int = TELEGRAM_UPLOAD_LIMIT) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="export-"))
        self._keys = answer_keys
        self._stem = stem
        self._limit = limit
        self._rendered: dict[tuple[str, int, int], Path] = {}
        self._spools = {name: _Spool(self._folder / f"spool.{name}") for name in formats}
        #: records[i]: the records of owners 0..i-1.
        self._records = array("q", [0])
        #: The customer profiles exported (with `history`, their earlier versions are records
        #: too, not profiles).
        self.profiles = 0
        try:
            self._spool(owners, selection, history)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> ExportSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def count(self) -> int:
        """How many records the export holds."""
        return self._records[-1]

    def _spool(self, owners: Iterable[Owner], selection: ExportFilter | None,
               history: bool) -> None:
        outs = {name: spool.path.open("wb") for name, spool in self._spools.items()}
        lengths: dict[str, list[int]] = {name: [] for name in outs}
        counts: list[int] = []
        try:
            for owner in owners:
                records = list(export_records([owner], selection=selection, history=history))
                if not records:
                    continue
                counts.append(len(records))
                self.profiles += sum(1 for record in records if not record.earlier)
                for name, out in outs.items():
                    data = _RENDER_OWNER[name](records, self._keys)
                    out.write(data)
                    lengths[name].append(len(data))
        finally:
            for out in outs.values():
                out.close()
        self._records.extend(accumulate(counts))
        for name, spool in self._spools.items():
            spool.ends.extend(accumulate(lengths[name]))

    def parts(self, output_format: str) -> list[ExportPart]:
        """The export's files in one format: one, or numbered parts under the limit."""
        owners = len(self._records) - 1
        ranges = [(0, 0)] if owners == 0 else self._split(output_format, 0, owners)
        if len(ranges) == 1:
            names = [f"{self._stem}.{output_format}"]
        else:
            names = [f"{self._stem}-part{number}.{output_format}"
                     for number in range(1, len(ranges) + 1)]
        return [ExportPart(name, self._records[stop] - self._records[start], self,
                           output_format, (start, stop))
                for name, (start, stop) in zip(names, ranges, strict=True)]

    def _split(self, output_format: str, start: int, stop: int) -> list[tuple[int, int]]:
        """Halve the owners until every part fits (a single owner always does)."""
        if stop - start <= 1 or self._size(output_format, start, stop) <= self._limit:
            return [(start, stop)]
        middle = start + (stop - start) // 2
        return (self._split(output_format, start, middle)
                + self._split(output_format, middle, stop))

    def _size(self, output_format: str, start: int, stop: int) -> int:
        ends = self._spools[output_format].ends
        body = ends[stop] - ends[start]
        if output_format == "json":  # "[\n", owners each ending ",\n" but the last, "\n]\n"
            return 2 + body - len(_JSON_SEPARATOR) + 3
        if output_format == "csv":
            return len(self._csv_header()) + body
        return self.render(output_format, start, stop).stat().st_size

    def render(self, output_format: str, start: int, stop: int) -> Path:
        """The file holding owners `start`..`stop - 1` in `output_format` (written once)."""
        key = (output_format, start, stop)
        if key in self._rendered:
            return self._rendered[key]
        path = self._folder / f"part-{start}-{stop}.{output_format}"
        spool = self._spools[output_format]
        with spool.path.open("rb") as source, path.open("wb") as out:
            source.seek(spool.ends[start])
            body = spool.ends[stop] - spool.ends[start]
            if output_format == "xlsx":
                write_xlsx_rows(_rows(source, body), self._keys, out)
            elif output_format == "csv":
                out.write(self._csv_header())
                _copy(source, out, body)
            elif body == 0:
                out.write(b"[]\n")
            else:
                out.write(b"[\n")
                _copy(source, out, body - len(_JSON_SEPARATOR))
                out.write(b"\n]\n")
        self._rendered[key] = path
        return path

    def _csv_header(self) -> bytes:
        return csv_header(self._keys).encode("utf-8")

    def close(self) -> None:
        """Delete every temporary file."""
        shutil.rmtree(self._folder, ignore_errors=True)


def export_files(
    owners: Iterable[Owner],
    answer_keys: Sequence[str],
    output_format: str,
    *,
    selection: ExportFilter | None = None,
    history: bool = False,
    stem: str = "profiles",
    limit: int = TELEGRAM_UPLOAD_LIMIT,
) -> list[ExportFile]:
    """The export as one file, or as numbered parts when one would exceed `limit` bytes, all in
    memory at once (small exports, tests; `/export` sends `ExportSpool`'s parts one by one).

    Each part is a complete file of its format (CSV parts repeat the header), so an admin can
    open any one of them alone.
    """
    with ExportSpool(owners, answer_keys, [output_format], selection=selection, history=history,
                     stem=stem, limit=limit) as spool:
        return [ExportFile(part.name, part.read(), part.count)
                for part in spool.parts(output_format)]


def _copy(source: BinaryIO, out: BinaryIO, size: int) -> None:
    while size > 0:
        chunk = source.read(min(_CHUNK, size))
        if not chunk:
            raise OSError(f"the export spool ended {size} bytes early")
        out.write(chunk)
        size -= len(chunk)


def _rows(source: BinaryIO, size: int) -> Iterable[list[Any]]:
    """The XLSX rows spooled as JSON lines, `size` bytes of them."""
    while size > 0:
        line = source.readline()
        if not line:
            raise OSError(f"the export spool ended {size} bytes early")
        size -= len(line)
        yield json.loads(line)


def _json_owner(records: Sequence[Any], keys: Sequence[str]) -> bytes:
    return b"".join(json_record(profile_summary(record, keys)).encode("utf-8") + _JSON_SEPARATOR
                    for record in records)


def _csv_owner(records: Sequence[Any], keys: Sequence[str]) -> bytes:
    return csv_rows([csv_row(record, keys) for record in records]).encode("utf-8")


def _xlsx_owner(records: Sequence[Any], keys: Sequence[str]) -> bytes:
    return b"".join(json.dumps(xlsx_row(record, keys), ensure_ascii=False).encode("utf-8")
                    + b"\n" for record in records)


_RENDER_OWNER = {"json": _json_owner, "csv": _csv_owner, "xlsx": _xlsx_owner}
