"""Every write. An article and everything derived from it are written in one
transaction, under stable keys, so a rerun adds nothing and a crash never
leaves half an article behind."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sqlite_utils

from monitor.dates import utc_now_iso
from monitor.store.common import stable_id, transaction
from monitor.store.private import keyed_id, mail_key
from monitor.store.reads import delivery_states, source_state
from monitor.store.runs import run_owner
from monitor.store.schema import DERIVED_TABLES


def save_sources(db: sqlite_utils.Database, sources: Iterable[Any]) -> None:
    """Upsert source definitions, keeping crawl state columns untouched."""
    with transaction(db):
        for source in sources:
            db.table("sources").upsert(
                {
                    "id": source.id,
                    "name": source.name,
                    "url": source.url,
                    "kind": source.kind,
                    "language": source.language,
                    "country": source.country,
                    "tags": json.dumps(list(source.tags)),
                    "enabled": int(source.enabled),
                    "discovery": getattr(source, "discovery", "feed"),
                    "doc_type": getattr(source, "doc_type", None),
                },
                pk="id",
            )


def record_poll(
    db: sqlite_utils.Database,
    source_id: str,
    *,
    status: int | None,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    new_items: int = 0,
    failed: bool | None = None,
) -> None:
    """Store the outcome of polling one feed (health columns for ``feeds check``).

    ``failed`` defaults to "there is an error"; a malformed feed that still
    yielded entries keeps its error text without counting as a failure.
    """
    state = source_state(db, source_id)
    failed = bool(error) if failed is None else failed
    failures = (state.get("consecutive_failures") or 0) + 1 if failed else 0
    now = utc_now_iso()
    update: dict[str, Any] = {
        "last_polled_at": now,
        "last_status": status,
        "last_error": error,
        "consecutive_failures": failures,
        "items_seen": (state.get("items_seen") or 0) + new_items,
    }
    if new_items:
        update["last_new_at"] = now
    if not state.get("first_polled_at"):
        update["first_polled_at"] = now
    if etag is not None or last_modified is not None or status == 200:
        update["etag"] = etag
        update["last_modified"] = last_modified
    with transaction(db):
        db.table("sources").update(source_id, update)


def save_article(
    db: sqlite_utils.Database,
    article: Mapping[str, Any],
    raw_page: Mapping[str, Any],
    fingerprint: tuple[str, list[int]] | None = None,
) -> None:
    """Insert a newly fetched article, its raw page and its SimHash together
    (never overwrites analysis)."""
    page = dict(raw_page)
    html = page.pop("html", b"")
    page["html_zlib"] = zlib.compress(html if isinstance(html, bytes) else html.encode("utf-8"))
    with transaction(db):
        db.table("articles").insert(dict(article), pk="id", ignore=True)
        db.table("raw_pages").insert(
            {"article_id": article["id"], **page}, pk="article_id", ignore=True
        )
        if fingerprint is not None:
            simhash, bands = fingerprint
            db.table("fingerprints").insert(
                {
                    "article_id": article["id"],
                    "simhash": simhash,
                    **{f"band{i}": band for i, band in enumerate(bands)},
                },
                pk="article_id",
                ignore=True,
            )


def save_duplicate_analysis(
    db: sqlite_utils.Database, article_id: str, original_id: str, pipeline_version: str
) -> None:
    """A syndicated copy shares its original's relevance; its analysis is the original's."""
    with transaction(db):
        db.execute(
            "update articles set relevant = o.relevant, relevance_score = o.relevance_score,"
            " detected_language = o.detected_language, analysis_skipped = o.analysis_skipped,"
            " processed_at = ?, pipeline_version = ?"
            " from (select relevant, relevance_score, detected_language, analysis_skipped"
            " from articles where id = ?) as o"
            " where articles.id = ?",
            [utc_now_iso(), pipeline_version, original_id, article_id],
        )


def save_analysis(
    db: sqlite_utils.Database, article_id: str, analysis: Mapping[str, Any], pipeline_version: str
) -> None:
    """Replace everything derived from one article with ``analysis``, atomically."""
    found = db.execute("select published_at from articles where id = ?", [article_id]).fetchone()
    published_at = found[0] if found else None
    with transaction(db):
        for table, key in DERIVED_TABLES:
            db.execute(f"delete from {table} where {key} = ?", [article_id])
        for table, key in (("statement_labels", "id"), ("statement_countries", "statement_id")):
            db.execute(
                f"delete from {table} where {key} in"
                " (select id from statements where article_id = ?)",
                [article_id],
            )
        db.execute("delete from statements where article_id = ?", [article_id])
        db.table("articles").update(
            article_id,
            {
                "relevant": int(bool(analysis["relevant"])),
                "relevance_score": analysis["relevance_score"],
                # Set by the language gate (monitor.analysis.process); absent: unknown.
                "detected_language": analysis.get("language"),
                "analysis_skipped": analysis.get("analysis_skipped"),
                "processed_at": utc_now_iso(),
                "pipeline_version": pipeline_version,
            },
        )
        _insert_rows(
            db,
            "article_countries",
            [
                {"article_id": article_id, "iso3": c["iso3"], "mentions": c["mentions"]}
                for c in analysis["countries"]
            ],
        )
        actors = analysis["actors"]
        _insert_rows(
            db,
            "actors",
            [{key: actor[key] for key in ACTOR_COLUMNS} for actor in actors],
            conflict="ignore",
        )
        # An actor first seen without a country or type gets them from a later article.
        db.conn.executemany(
            "update actors set country = coalesce(country, ?),"
            " type = case when type = 'other' then ? else type end where id = ?",
            [(actor["country"], actor["type"], actor["id"]) for actor in actors],
        )
        _insert_rows(
            db,
            "mentions",
            [
                {
                    "article_id": article_id,
                    "actor_id": actor["id"],
                    "role": actor["role"],
                    "mentions": actor["mentions"],
                }
                for actor in actors
            ],
            conflict="replace",
        )
        _insert_rows(
            db,
            "figures",
            [
                {
                    "id": stable_id(article_id, f["start"], f["end"]),
                    "article_id": article_id,
                    **{key: f.get(key) for key in FIGURE_COLUMNS},
                }
                for f in analysis["figures"]
            ],
            conflict="replace",
        )
        statements, labels, countries = [], [], []
        for statement in analysis["statements"]:
            statement_id = stable_id(article_id, statement["start"], statement["end"])
            statements.append(
                {
                    "id": statement_id,
                    "article_id": article_id,
                    "speaker_actor_id": statement.get("speaker_id"),
                    "speaker_text": statement["speaker"],
                    "speaker_type": statement["speaker_type"],
                    "cue": statement["cue"],
                    "kind": statement["kind"],
                    "content": statement["content"],
                    "stance": statement["stance"],
                    "stance_score": statement.get("stance_score"),
                    "negated": int(bool(statement.get("negated"))),
                    "continuation": int(bool(statement.get("continuation"))),
                    "start": statement["start"],
                    "end": statement["end"],
                    "page": statement.get("page"),
                    "published_at": published_at,
                }
            )
            labels += [
                {"id": statement_id, "label": label["label"], "score": label["score"]}
                for label in statement["label_scores"]
            ]
            countries += [
                {
                    "statement_id": statement_id,
                    "iso3": iso3,
                    "published_at": published_at,
                    "speaker_actor_id": statement.get("speaker_id"),
                }
                for iso3 in statement.get("countries") or []
            ]
        _insert_rows(db, "statements", statements, conflict="replace")
        _insert_rows(db, "statement_labels", labels, conflict="replace")
        _insert_rows(db, "statement_countries", countries, conflict="replace")
        _insert_rows(
            db,
            "article_labels",
            [
                {"id": article_id, "label": label["label"], "score": label["score"]}
                for label in analysis["labels"]
            ],
        )


ACTOR_COLUMNS = ("id", "name", "kind", "type", "country")
FIGURE_COLUMNS = (
    "sentence",
    "text",
    "value",
    "kind",
    "unit",
    "counts",
    "qualifier",
    "country",
    "year",
    "start",
    "end",
    "page",
)


def _insert_rows(
    db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]], conflict: str = ""
) -> None:
    """Insert ``rows`` (all with the same keys) in one statement. An article's analysis
    writes dozens of rows; sqlite-utils' ``insert`` looks the table up again for every
    one of them, which made the writer the bottleneck of a backfill."""
    if not rows:
        return
    columns = list(rows[0])
    verb = f"insert or {conflict}" if conflict else "insert"
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(
        f"{verb} into [{table}] ({names}) values ({marks})",
        [[row[c] for c in columns] for row in rows],
    )


WEEK_OF = "date(articles.published_at, '-6 days', 'weekday 1')"  # the Monday on or before


def refresh_rollups(db: sqlite_utils.Database) -> int:
    """Recount ``label_weeks`` for every week, and ``country_days`` for every day, with
    an article analysed since that table's last refresh.

    Driven by ``articles.processed_at``, so a run killed before its refresh is
    caught up by the next one, and a re-analysed article recounts its week and day.
    Returns the number of weeks recounted.
    """
    weeks = _refresh_rollup(db, "label_weeks", WEEK_OF, _count_label_week)
    _refresh_rollup(db, "country_days", "date(published_at)", _count_country_day)
    return weeks


def _refresh_rollup(
    db: sqlite_utils.Database,
    name: str,
    period_of: str,
    recount: Callable[[sqlite_utils.Database, str], None],
) -> int:
    """Recount the periods (``period_of`` an article's date) of the articles analysed
    since ``name`` was last refreshed; the number of periods recounted."""
    started = utc_now_iso()
    rows = list(db.query("select refreshed_at from rollups where name = ?", [name]))
    since = rows[0]["refreshed_at"] if rows else ""
    periods = [
        row["period"]
        for row in db.query(
            f"select distinct {period_of} as period from articles"
            " where processed_at >= ? and published_at is not null",
            [since],
        )
    ]
    with transaction(db):
        for period in periods:
            recount(db, period)
        db.table("rollups").upsert({"name": name, "refreshed_at": started}, pk="name")
    return len(periods)


def _count_label_week(db: sqlite_utils.Database, week: str) -> None:
    db.execute("delete from label_weeks where week_start = ?", [week])
    db.execute(
        "insert into label_weeks (week_start, label, statements, restrictive,"
        " protective, neutral, articles)"
        f" select {WEEK_OF}, statement_labels.label, count(*),"
        " sum(statements.stance = 'restrictive'), sum(statements.stance = 'protective'),"
        " sum(statements.stance = 'neutral'), count(distinct statements.article_id)"
        " from articles"
        " join statements on statements.article_id = articles.id"
        " join statement_labels on statement_labels.id = statements.id"
        " where articles.published_at >= ? and articles.published_at < date(?, '+7 days')"
        " group by statement_labels.label",
        [week, week],
    )


def _count_country_day(db: sqlite_utils.Database, day: str) -> None:
    # From the (published_at, iso3) index of statement_countries: one day's range.
    db.execute("delete from country_days where day = ?", [day])
    db.execute(
        "insert into country_days (day, iso3, statements, first_at, last_at)"
        " select ?, iso3, count(*), min(published_at), max(published_at)"
        " from statement_countries"
        " where published_at >= ? and published_at < date(?, '+1 day')"
        " group by iso3",
        [day, day, day],
    )


def start_run(db: sqlite_utils.Database, command: str, versions: Mapping[str, str]) -> str:
    run_id = stable_id(command, utc_now_iso(), id(db))
    with transaction(db):
        db.table("runs").insert(
            {
                "id": run_id,
                "started_at": utc_now_iso(),
                "command": command,
                "versions": json.dumps(dict(versions)),
                "status": "running",
                **run_owner(),  # so that a run killed outright can be told apart later
            },
            pk="id",
        )
    return run_id


def finish_run(
    db: sqlite_utils.Database, run_id: str, counts: Mapping[str, int], status: str = "ok"
) -> None:
    with transaction(db):
        db.table("runs").update(run_id, {"ended_at": utc_now_iso(), "status": status, **counts})


def record_error(
    db: sqlite_utils.Database,
    *,
    run_id: str | None,
    source_id: str | None,
    url: str | None,
    stage: str,
    error: str,
    http_status: int | None = None,
) -> None:
    with transaction(db):
        db.table("fetch_errors").insert(
            {
                "run_id": run_id,
                "source_id": source_id,
                "url": url,
                "stage": stage,
                "error": error[:2000],
                "http_status": http_status,
                "at": utc_now_iso(),
            },
            pk="id",
        )


def create_digest(db: sqlite_utils.Database, digest: Mapping[str, Any]) -> None:
    """Record a digest before anything is sent, so a crash mid-send can be resumed."""
    row = {**digest, "item_ids": json.dumps(list(digest["item_ids"])), "status": "open"}
    with transaction(db):
        # Plain SQL: sqlite-utils' insert would create a digests table in the published file.
        db.execute(
            f"insert or ignore into private.digests ({', '.join(row)})"
            f" values ({', '.join('?' for _ in row)})",
            list(row.values()),
        )


def record_delivery(
    db: sqlite_utils.Database,
    digest_id: str,
    subscription: str,
    recipient: str,
    *,
    status: str,
    error: str | None,
    message_id: str,
) -> None:
    """Store the outcome of sending one digest to one recipient (attempts are counted)."""
    delivery_id = keyed_id(mail_key(db), digest_id, recipient)
    with transaction(db):
        db.execute(
            "insert into private.digest_deliveries (id, digest_id, subscription, recipient,"
            " status, error, attempts, message_id, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?)"
            " on conflict(id) do update set status = excluded.status, error = excluded.error,"
            " attempts = digest_deliveries.attempts + 1, updated_at = excluded.updated_at",
            [
                delivery_id,
                digest_id,
                subscription,
                recipient,
                status,
                (error or "")[:2000] or None,
                message_id,
                utc_now_iso(),
            ],
        )


def close_digest(db: sqlite_utils.Database, digest_id: str) -> None:
    """Mark a digest delivered to everyone it can reach; ``recipients`` lists who got it."""
    states = delivery_states(db, digest_id)
    recipients = json.dumps(sorted(r for r, s in states.items() if s == "sent"))
    with transaction(db):
        db.execute(
            "update private.digests set status = 'done', sent_at = ?, recipients = ? where id = ?",
            [utc_now_iso(), recipients, digest_id],
        )
