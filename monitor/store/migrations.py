"""Named migrations: changes to existing databases that creating missing tables
and adding missing columns does not cover.

Each migration runs once per database, in the order listed, inside one
transaction with the record of its name in the ``migrations`` table, so an
interrupted migration is simply run again. A new one is appended to
``MIGRATIONS`` with a name that says what it does; names are never reused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from monitor.content_checks import detect_language
from monitor.dates import utc_now_iso
from monitor.settings import Settings
from monitor.store import private
from monitor.store.statement_countries import backfill_statement_countries


@dataclass(frozen=True)
class Migration:
    name: str
    run: Callable[[sqlite_utils.Database], None]


def _copy_statement_dates(db: sqlite_utils.Database) -> None:
    """Statements carry their article's date (for an actor's newest statements from an
    index); fill it in databases made before the column existed."""
    db.execute(
        "update statements set published_at = (select published_at from articles"
        " where articles.id = statements.article_id) where published_at is null"
    )


DELIVERY_TABLES = ("digests", "digest_deliveries")


def _move_deliveries_to_private(db: sqlite_utils.Database) -> None:
    """Subscribers' digests and deliveries leave the published file for the private one
    (``monitor.store.private``, attached before migrations run). Delivery ids become
    keyed hashes, and the emptied pages are overwritten (secure_delete), so no
    address or plain hash of one stays readable in the published file."""
    found = [name for name in DELIVERY_TABLES if name in db.table_names()]  # main only
    if not found:
        return
    db.execute("pragma main.secure_delete = on")
    if "digests" in found:
        columns = ", ".join(f"[{c}]" for c in db.table("digests").columns_dict)
        db.execute(
            f"insert or ignore into {private.SCHEMA}.digests ({columns})"
            f" select {columns} from main.digests"
        )
    if "digest_deliveries" in found:
        key = private.mail_key(db)
        rows = list(db.query("select * from main.digest_deliveries"))
        for row in rows:
            row["id"] = private.keyed_id(key, row["digest_id"], row["recipient"])
        columns = list(private.TABLES["digest_deliveries"][0])
        db.conn.executemany(
            f"insert or replace into {private.SCHEMA}.digest_deliveries"
            f" ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})",
            [[row.get(column) for column in columns] for row in rows],
        )
    for name in reversed(found):  # deliveries refer to digests
        db.execute(f"drop table main.[{name}]")


def _detect_article_languages(db: sqlite_utils.Database) -> None:
    """Articles stored before language detection get their language; those not in
    English are marked unprocessed, so the next `monitor process` records them as
    skipped and removes what the English pipeline made of them."""
    settings = Settings()
    updates = []
    for row in db.query("select id, text from articles where detected_language is null"):
        verdict = detect_language(row["text"] or "", settings)
        updates.append((verdict.language, int(verdict.analysable), row["id"]))
    db.conn.executemany(
        "update articles set detected_language = ?,"
        " processed_at = case when ? then processed_at end where id = ?",
        updates,
    )


RUN_OWNER_COLUMNS = {"pid": int, "host": str, "note": str}


def _record_run_owners(db: sqlite_utils.Database) -> None:
    """Runs record the process and host running them, so that a run whose process
    was killed (kill -9, power cut) can be told from one still going and marked
    ``abandoned`` (monitor.store.runs). Runs left ``running`` before the columns
    existed have no owner to ask: they are marked abandoned now."""
    runs = db.table("runs")
    for column, kind in RUN_OWNER_COLUMNS.items():
        if column not in runs.columns_dict:
            runs.add_column(column, kind)
    db.execute(
        "update runs set status = 'abandoned', ended_at = coalesce(ended_at, ?),"
        " note = 'left running by a monitor that did not record its process;"
        " marked abandoned when the database was upgraded'"
        " where status = 'running' and pid is null",
        [utc_now_iso()],
    )


def _find_statement_countries(db: sqlite_utils.Database) -> None:
    """Statements analysed before the analysis found the countries each is about get
    them approximated from their sentence (``monitor.store.statement_countries``)."""
    aliases = str(Path(Settings().models_dir) / "country_aliases.yaml")
    backfill_statement_countries(db, aliases)


BACKFILL_FILES = "backfill_files"
BACKFILL_COUNTS = ("records", "candidates", "stored", "relevant", "duplicates", "errors")


def _create_backfill_files(db: sqlite_utils.Database) -> None:
    """How far `monitor backfill` got in each WARC file (``monitor.store.archive_files``):
    the offset of the first record not yet written, the file's status and its counts."""
    if BACKFILL_FILES in db.table_names():
        return
    db.table(BACKFILL_FILES).create(
        {
            "path": str,
            "size": int,
            "next_offset": int,
            "status": str,
            **{column: int for column in BACKFILL_COUNTS},
            "last_error": str,
            "run_id": str,
            "started_at": str,
            "updated_at": str,
        },
        pk="path",
        not_null={"next_offset", "status"},
        defaults={"next_offset": 0, **{column: 0 for column in BACKFILL_COUNTS}},
    )


def _copy_statement_speakers(db: sqlite_utils.Database) -> None:
    """Statement countries carry their statement's speaker (for "what X said about a
    country" from one index range); fill it in databases made before the column."""
    db.execute(
        "update statement_countries set speaker_actor_id = (select speaker_actor_id"
        " from statements where statements.id = statement_countries.statement_id)"
        " where speaker_actor_id is null"
    )


# Indexes that a wider one (with the same first columns) has replaced.
SUPERSEDED_INDEXES = ("idx_statements_speaker_actor_id_published_at", "idx_mentions_actor_id")


def _drop_superseded_indexes(db: sqlite_utils.Database) -> None:
    for name in SUPERSEDED_INDEXES:
        db.execute(f"drop index if exists {name}")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("statements-copy-article-dates", _copy_statement_dates),
    Migration("deliveries-move-to-private-database", _move_deliveries_to_private),
    Migration("articles-detect-language", _detect_article_languages),
    Migration("runs-record-owner-pid-host", _record_run_owners),
    Migration("statements-find-their-countries", _find_statement_countries),
    # `monitor backfill` records how far it got in each WARC file, to resume there.
    Migration("backfill-files-record-progress", _create_backfill_files),
    Migration("indexes-drop-superseded-by-covering-ones", _drop_superseded_indexes),
    Migration("statement-countries-copy-speakers", _copy_statement_speakers),
)


def apply_migrations(db: sqlite_utils.Database) -> list[str]:
    """Run the migrations this database has not had yet; returns their names."""
    record = db.table("migrations")
    if not record.exists():
        record.create({"name": str, "applied_at": str}, pk="name")
    applied = {row["name"] for row in record.rows}
    ran = []
    for migration in MIGRATIONS:
        if migration.name in applied:
            continue
        with db.conn:
            migration.run(db)
            record.insert({"name": migration.name, "applied_at": utc_now_iso()})
        ran.append(migration.name)
    return ran
