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

import sqlite_utils

from monitor.dates import utc_now_iso


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


MIGRATIONS: tuple[Migration, ...] = (
    Migration("statements-copy-article-dates", _copy_statement_dates),
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
