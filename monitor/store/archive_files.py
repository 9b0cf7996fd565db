"""How far ``monitor backfill`` got in each WARC file, and the write of one archived article.

A file's row holds the byte offset of the first record not yet written and
whether the file is finished. The offset only moves after every article read
before it has been committed, so a run killed at any moment (kill -9, a power
cut) resumes at the last recorded offset: the articles already written there
are found by their stable id and not written again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils

from monitor.dates import utc_now_iso
from monitor.store.common import transaction
from monitor.store.migrations import BACKFILL_COUNTS as COUNT_COLUMNS
from monitor.store.migrations import BACKFILL_FILES as TABLE
from monitor.store.writes import save_analysis, save_article, save_duplicate_analysis

DONE = "done"
PARTIAL = "partial"
FAILED = "failed"


def archive_file_states(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Every WARC file a backfill has started, by path."""
    return {row["path"]: row for row in db.query(f"select * from {TABLE}")}


def record_archive_progress(
    db: sqlite_utils.Database,
    path: str,
    *,
    size: int,
    next_offset: int,
    status: str,
    counts: Mapping[str, int],
    run_id: str | None,
    error: str | None = None,
) -> None:
    """Move a file's offset to ``next_offset`` and add ``counts`` to its totals."""
    now = utc_now_iso()
    added = {column: int(counts.get(column, 0)) for column in COUNT_COLUMNS}
    with transaction(db):
        db.execute(
            f"insert into {TABLE} (path, size, next_offset, status, last_error, run_id,"
            f" started_at, updated_at, {', '.join(COUNT_COLUMNS)})"
            f" values (?, ?, ?, ?, ?, ?, ?, ?, {', '.join('?' for _ in COUNT_COLUMNS)})"
            " on conflict(path) do update set size = excluded.size,"
            " next_offset = excluded.next_offset, status = excluded.status,"
            " last_error = excluded.last_error, run_id = excluded.run_id,"
            " updated_at = excluded.updated_at, "
            + ", ".join(f"{column} = {column} + excluded.{column}" for column in COUNT_COLUMNS),
            [path, size, next_offset, status, error, run_id, now, now, *added.values()],
        )


def save_archived_article(
    db: sqlite_utils.Database,
    article: Mapping[str, Any],
    raw_page: Mapping[str, Any],
    fingerprint: tuple[str, list[int]],
    analysis: Mapping[str, Any],
    pipeline_version: str,
) -> None:
    """An archived article with its analysis, in one transaction: the crawler's
    ``save_article`` then ``save_analysis`` (or, for a copy of an earlier story,
    its original's analysis), so a kill between the two never leaves an article
    that nothing will analyse."""
    with transaction(db):
        save_article(db, article, raw_page, fingerprint=fingerprint)
        if article.get("duplicate_of"):
            save_duplicate_analysis(db, article["id"], article["duplicate_of"], pipeline_version)
        else:
            save_analysis(db, article["id"], analysis, pipeline_version)
