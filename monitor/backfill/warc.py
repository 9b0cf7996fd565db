"""WARC files read from a byte offset, one record at a time, past damaged records.

News archives (CC-NEWS and the like) are gzip files of one member per record,
about 1 GB each. A reader starts at any record boundary, so a task can take up
a file where the previous task (or a killed run) left it, and reports the
offset where the next record starts once it has handed a record over.

A record that cannot be read (a corrupt gzip member, garbage headers, a body
shorter than its Content-Length because the file was cut off) comes out as a
:class:`Damage` with its offset; the reader then looks for the next record
boundary (the next gzip member, or the next ``WARC/1.`` line in an
uncompressed file) and goes on from there.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from monitor.dates import to_utc_iso

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
SCAN_BLOCK = 1 << 20  # bytes read at a time while looking for the next record boundary


@dataclass(frozen=True)
class ArchivedResponse:
    """An HTTP response as the archive captured it."""

    offset: int
    url: str
    captured_at: str | None
    """WARC-Date, as an ISO date in UTC."""
    status: int
    headers: dict[str, str]
    """HTTP headers, names in lower case."""
    body: bytes | None
    """The decoded body; None when it is larger than the reader's cap, or not wanted."""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class OtherRecord:
    """A record that is no HTTP response (request, metadata, warcinfo, revisit ...)."""

    offset: int
    kind: str


@dataclass(frozen=True)
class Damage:
    """A record that could not be read: where it starts and why."""

    offset: int
    reason: str


Item = ArchivedResponse | OtherRecord | Damage


class WarcReader:
    """Records of one WARC file from ``offset`` on; ``next_offset`` is where the
    record after the last one handed over starts (the file's size at the end)."""

    def __init__(
        self,
        path: str,
        offset: int,
        max_body_bytes: int,
        wants_body: Callable[[ArchivedResponse], bool] = lambda response: True,
    ):
        self.path = path
        self.next_offset = offset
        self.max_body_bytes = max_body_bytes
        # Most of an archive is skipped on its headers alone: its bodies are not decoded.
        self.wants_body = wants_body
        self.size = os.path.getsize(path)
        with open(path, "rb") as stream:
            self.gzipped = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC

    @property
    def finished(self) -> bool:
        return self.next_offset >= self.size

    def read(self, limit: int) -> Iterator[Item]:
        """Up to ``limit`` records (damaged ones count), from ``next_offset`` on."""
        handed = 0
        resyncing = False  # after damage, a false record boundary is not damage again
        with open(self.path, "rb") as stream:
            while handed < limit and not self.finished:
                stream.seek(self.next_offset)
                records = ArchiveIterator(stream)
                try:
                    for record in records:
                        item = self._item(record, self.next_offset)
                        records.read_to_end()
                        if getattr(record.raw_stream, "limit", 0) > 0:
                            raise EOFError("the record ends before its Content-Length")
                        self.next_offset = records.offset
                        handed += 1
                        resyncing = False
                        yield item
                        if handed >= limit:
                            return
                    if not self.finished:  # warcio ends quietly inside a cut-off gzip member
                        raise EOFError("the file ends inside a record (truncated)")
                except Exception as error:  # noqa: BLE001 - any damage is reported, not fatal
                    damaged_at = self.next_offset
                    self.next_offset = self._next_boundary(stream, damaged_at + 1)
                    if not resyncing:
                        handed += 1
                        resyncing = True
                        yield Damage(damaged_at, f"{type(error).__name__}: {error}"[:500])

    def _item(self, record: ArcWarcRecord, offset: int) -> Item:
        if record.rec_type != "response" or record.http_headers is None:
            return OtherRecord(offset, record.rec_type)
        headers = {name.lower(): value for name, value in record.http_headers.headers}
        response = ArchivedResponse(
            offset=offset,
            url=record.rec_headers.get_header("WARC-Target-URI") or "",
            captured_at=to_utc_iso(record.rec_headers.get_header("WARC-Date")),
            status=int(record.http_headers.get_statuscode() or 0),
            headers=headers,
            body=None,
        )
        if not self.wants_body(response):
            return response
        body = record.content_stream().read(self.max_body_bytes + 1)
        if len(body) > self.max_body_bytes:
            return response
        return dataclasses.replace(response, body=body)

    def _next_boundary(self, stream, position: int) -> int:
        """Where the next record may start at or after ``position`` (the file's size if
        nowhere). Candidates that turn out not to be records are reported by the next
        read as damage and skipped the same way."""
        magic = GZIP_MAGIC if self.gzipped else b"\n" + WARC_MAGIC
        skip = 0 if self.gzipped else 1  # the newline before WARC/1. is not part of it
        while position < self.size:
            stream.seek(position)
            block = stream.read(SCAN_BLOCK + len(magic))
            found = block.find(magic)
            if found >= 0:
                return position + found + skip
            position += SCAN_BLOCK
        return self.size
