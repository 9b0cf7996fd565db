"""The country page (what is said about a country, when, by whom, and the
figures given for it) and the statement page (one statement with its speaker,
article and countries), on a plain sqlite3 connection like ``site``.

Every list on these pages is read from an index and bounded by a setting, so
a country with 50,000 statements opens as fast as one with five.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from monitor.codebook import LABEL_DEFINITIONS, LABEL_NAMES
from monitor.settings import Settings
from monitor.urls import web_url


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def country_page(
    conn: sqlite3.Connection, iso3: str, settings: Settings | None = None
) -> dict[str, Any] | None:
    """Everything the country page shows, or None when there is no such country."""
    settings = settings or Settings()
    found = _rows(conn, "select * from countries where iso3 = ?", [iso3])
    if not found:
        return None
    total = conn.execute(
        "select count(*) from statement_countries where iso3 = ?", [iso3]
    ).fetchone()[0]
    return {
        "country": found[0],
        "statement_count": total,
        "statements": _country_statements(conn, iso3, settings.country_page_statements),
        "timeline": _timeline(conn, iso3),
        "speakers": _speakers(conn, iso3, settings),
        "figures_by_year": _figures_by_year(conn, iso3, settings.country_page_figures),
        "own_actors": _rows(
            conn,
            "select id, name, type from actors where country = ? order by name limit ?",
            [iso3, settings.country_page_actors],
        ),
    }


def _country_statements(conn: sqlite3.Connection, iso3: str, limit: int) -> list[dict[str, Any]]:
    """The newest statements about the country, from the (iso3, published_at) index."""
    return _with_labels(
        _rows(
            conn,
            "select s.id, s.content, s.kind, s.stance, s.negated, s.cue, sc.published_at,"
            " s.speaker_actor_id, coalesce(act.name, s.speaker_text) as speaker,"
            " s.article_id, a.title, a.url,"
            " (select group_concat(label, ',') from statement_labels l where l.id = s.id)"
            " as labels"
            " from statement_countries sc"
            " join statements s on s.id = sc.statement_id"
            " join articles a on a.id = s.article_id"
            " left join actors act on act.id = s.speaker_actor_id"
            " where sc.iso3 = ? order by sc.published_at desc limit ?",
            [iso3, limit],
        )
    )


def _timeline(conn: sqlite3.Connection, iso3: str) -> list[dict[str, Any]]:
    """Statements about the country per month, oldest first, with bar widths in percent
    (counted from the index alone)."""
    months = _rows(
        conn,
        "select substr(published_at, 1, 7) as month, count(*) as statements"
        " from statement_countries where iso3 = ? and published_at is not null"
        " group by month order by month",
        [iso3],
    )
    busiest = max((m["statements"] for m in months), default=1)
    for month in months:
        month["width"] = round(100 * month["statements"] / busiest, 1)
    return months


def _speakers(conn: sqlite3.Connection, iso3: str, settings: Settings) -> list[dict[str, Any]]:
    """Who speaks most about the country, among its newest ``country_page_sample``
    statements (counting all of a much-discussed country's would read them all)."""
    return _rows(
        conn,
        "select act.id, act.name, act.type, act.country, count(*) as statements"
        " from (select statement_id from statement_countries where iso3 = ?"
        "       order by published_at desc limit ?) as recent"
        " join statements s on s.id = recent.statement_id"
        " join actors act on act.id = s.speaker_actor_id"
        " group by act.id order by statements desc, act.name limit ?",
        [iso3, settings.country_page_sample, settings.country_page_actors],
    )


def _figures_by_year(conn: sqlite3.Connection, iso3: str, limit: int) -> list[dict[str, Any]]:
    """The country's figures, newest year first, grouped by year."""
    figures = _rows(
        conn,
        "select f.id, f.year, f.text, f.value, f.kind, f.unit, f.counts, f.qualifier,"
        " f.article_id, a.title"
        " from figures f join articles a on a.id = f.article_id"
        " where f.country = ? and f.year is not null"
        " order by f.year desc, f.rowid desc limit ?",
        [iso3, limit],
    )
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        years[figure["year"]].append(figure)
    return [{"year": year, "figures": rows} for year, rows in years.items()]


def _with_labels(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Label ids as [{id, name, definition}], the original's address made safe."""
    for row in statements:
        ids = [label for label in (row.pop("labels", None) or "").split(",") if label]
        row["labels"] = [
            {"id": i, "name": LABEL_NAMES.get(i, i), "definition": LABEL_DEFINITIONS.get(i, "")}
            for i in ids
        ]
        if "url" in row:
            row["link"] = web_url(row.pop("url"))
    return statements


def statement_page(conn: sqlite3.Connection, statement_id: str) -> dict[str, Any] | None:
    """One statement with its speaker, article, countries and labels, or None."""
    found = _rows(
        conn,
        "select s.*, coalesce(act.name, s.speaker_text) as speaker, act.country as"
        " speaker_country, act.type as actor_type, m.role, a.title, a.url, a.published_at"
        " as article_published_at, a.source_id, sources.name as source_name"
        " from statements s join articles a on a.id = s.article_id"
        " left join actors act on act.id = s.speaker_actor_id"
        " left join mentions m on m.article_id = s.article_id and m.actor_id = s.speaker_actor_id"
        " left join sources on sources.id = a.source_id"
        " where s.id = ?",
        [statement_id],
    )
    if not found:
        return None
    statement = found[0]
    labels = _rows(
        conn,
        "select label, score from statement_labels where id = ? order by score desc",
        [statement_id],
    )
    statement["labels"] = ",".join(row["label"] for row in labels)
    _with_labels([statement])
    return {
        "statement": statement,
        "countries": _rows(
            conn,
            "select sc.iso3, countries.name from statement_countries sc"
            " left join countries on countries.iso3 = sc.iso3"
            " where sc.statement_id = ? order by countries.name",
            [statement_id],
        ),
    }
