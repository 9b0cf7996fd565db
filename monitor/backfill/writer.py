"""The one writer of a backfill: what the workers found, stored by the main process.

Each article is written with its analysis through the same store functions as
the live pipeline, after the same duplicate checks as the crawler (its id, then
``find_original``: the content hash and the SimHash). Damaged records and
extractor failures become ``fetch_errors`` rows, and the file's offset moves
(``monitor.store.archive_files``), in the same transaction as the task's
articles, so a killed run redoes at most the stretch it was writing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from monitor import store
from monitor.backfill.job import ChunkResult, ChunkTask
from monitor.crawl.crawler import find_original
from monitor.store import archive_files
from monitor.store.common import transaction

STAGE = "backfill"


@dataclass
class BackfillCounts:
    files: int = 0
    """WARC files named (finished ones included)."""
    files_done: int = 0
    """Files finished, in this run or an earlier one."""
    files_failed: int = 0
    records: int = 0
    candidates: int = 0
    stored: int = 0
    relevant: int = 0
    duplicates: int = 0
    already_stored: int = 0
    errors: int = 0
    skipped: Counter = field(default_factory=Counter)
    """Records not kept, by reason (not_response, not_200, not_html, other_domain ...)."""
    bytes_read: int = 0
    worker_cpu_seconds: float = 0.0
    """CPU time the workers spent on the tasks written, summed over workers."""
    extraction_cpu_seconds: float = 0.0
    """CPU time the workers' extraction processes spent on those tasks."""
    peak_memory_mb: dict[str, float] = field(default_factory=dict)
    """Peak memory of each worker (by address) that ran a task."""


class ArchiveWriter:
    """Writes task results into ``db`` and keeps the run's counts."""

    def __init__(self, db: sqlite_utils.Database, run_id: str, counts: BackfillCounts):
        self.db = db
        self.run_id = run_id
        self.counts = counts

    def write(self, result: ChunkResult) -> None:
        """Store one task's articles and errors and move its file's offset, in one
        transaction: a kill leaves the stretch either all written or all to redo, and
        one commit per task instead of one per article keeps the writer light."""
        file_counts: Counter = Counter(records=result.records, candidates=result.candidates)
        with transaction(self.db):
            for article in result.articles:
                self._write_article(article, result.pipeline_version, file_counts)
            for damage in result.damage:
                self._record(result.path, f"offset {damage.offset}: {damage.reason}")
            for url, why in result.failures:
                self._record(url, why, stage="extract")
            file_counts["errors"] = len(result.damage) + len(result.failures)
            archive_files.record_archive_progress(
                self.db,
                result.path,
                size=result.size,
                next_offset=result.next_offset,
                status=archive_files.DONE if result.finished else archive_files.PARTIAL,
                counts=file_counts,
                run_id=self.run_id,
            )
        self._count(result, file_counts)

    def fail(self, task: ChunkTask, size: int, error: BaseException) -> None:
        """A task that did not come back (its worker died every time it was tried):
        recorded, and the file left where it was, for the next run to try again."""
        message = f"offset {task.offset}: the task failed: {type(error).__name__}: {error}"
        self._record(task.path, message)
        archive_files.record_archive_progress(
            self.db,
            task.path,
            size=size,
            next_offset=task.offset,
            status=archive_files.FAILED,
            counts={"errors": 1},
            run_id=self.run_id,
            error=message[:2000],
        )
        self.counts.errors += 1
        self.counts.files_failed += 1

    def _write_article(self, article: dict[str, Any], version: str, file_counts: Counter) -> None:
        row = article["row"]
        if store.article_exists(self.db, row["id"]):
            self.counts.already_stored += 1  # crawled live, in another file, or before a kill
            return
        simhash, bands = article["fingerprint"]
        original = find_original(self.db, row, int(simhash, 16))
        if original is not None:
            row["duplicate_of"] = original
            file_counts["duplicates"] += 1
        archive_files.save_archived_article(
            self.db, row, article["raw_page"], (simhash, bands), article["analysis"], version
        )
        file_counts["stored"] += 1
        file_counts["relevant"] += int(original is None and bool(article["analysis"]["relevant"]))

    def _record(self, url: str, error: str, stage: str = STAGE) -> None:
        store.record_error(
            self.db, run_id=self.run_id, source_id=None, url=url, stage=stage, error=error
        )

    def _count(self, result: ChunkResult, file_counts: Counter) -> None:
        counts = self.counts
        counts.records += result.records
        counts.candidates += result.candidates
        counts.stored += file_counts["stored"]
        counts.relevant += file_counts["relevant"]
        counts.duplicates += file_counts["duplicates"]
        counts.errors += file_counts["errors"]
        counts.skipped.update(result.skipped)
        counts.bytes_read += result.next_offset - result.offset
        counts.worker_cpu_seconds += result.cpu_seconds
        counts.extraction_cpu_seconds += result.extraction_cpu_seconds
        counts.files_done += int(result.finished)
        peaks = counts.peak_memory_mb
        peaks[result.worker] = max(peaks.get(result.worker, 0.0), result.peak_memory_mb)
