"""What a database holds, in terms two runs can be compared by."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Tables the analysis fills, with the columns compared between runs.
ANALYSIS_TABLES = {
    "articles": "id, relevant, relevance_score, pipeline_version, duplicate_of",
    "statements": "*",
    "statement_labels": "*",
    "article_labels": "*",
    "figures": "*",
    "mentions": "*",
    "article_countries": "*",
    "actors": "*",
}


def rows(db: Path, table: str, columns: str, where: str = "") -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute(f"select {columns} from {table} {where}").fetchall())


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


def analysis_state(db: Path) -> dict[str, list[tuple]]:
    return {table: rows(db, table, columns) for table, columns in ANALYSIS_TABLES.items()}
