"""The database's shape: tables, indexes, full-text search and views, created
when missing and brought up to date by the named migrations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pycountry
import sqlite_utils

from monitor.country_names import country_name
from monitor.settings import Settings
from monitor.store.migrations import apply_migrations
from monitor.store.private import SCHEMA as PRIVATE_SCHEMA
from monitor.store.private import ensure_private_shape

DEFAULT_BUSY_TIMEOUT = 10.0  # seconds; the setting sqlite_busy_timeout

EU_MEMBERS = frozenset(
    [
        "AUT",
        "BEL",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "FRA",
        "DEU",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "LVA",
        "LTU",
        "LUX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
    ]
)


# name -> (columns, primary key, foreign keys)
TABLES: dict[str, tuple[dict[str, Any], str | tuple[str, ...], list[tuple[str, str, str]]]] = {
    "sources": (
        {
            "id": str,
            "name": str,
            "url": str,
            "kind": str,
            "language": str,
            "country": str,
            "tags": str,
            "enabled": int,
            "etag": str,
            "last_modified": str,
            "last_polled_at": str,
            "last_status": int,
            "last_error": str,
            "consecutive_failures": int,
            "items_seen": int,
            "last_new_at": str,
            "first_polled_at": str,
            "discovery": str,
            "doc_type": str,
        },
        "id",
        [],
    ),
    "articles": (
        {
            "id": str,
            "url": str,
            "canonical_url": str,
            "source_id": str,
            "title": str,
            "author": str,
            "published_at": str,
            "fetched_at": str,
            "language": str,
            "text": str,
            "word_count": int,
            "content_hash": str,
            "duplicate_of": str,
            "relevant": int,
            "relevance_score": float,
            "processed_at": str,
            "pipeline_version": str,
            "feed_guid": str,
            "summary": str,
            "text_source": str,
            # See monitor.doc_types; page_starts (JSON list of text offsets where
            # each page begins) and page_count are set for PDFs only.
            "doc_type": str,
            "page_count": int,
            "page_starts": str,
            # The language detected in the text (monitor.content_checks; ``language``
            # is the one the page or feed declares), and why the analysis did not run
            # ("language: de"; empty when it ran).
            "detected_language": str,
            "analysis_skipped": str,
        },
        "id",
        [("source_id", "sources", "id"), ("duplicate_of", "articles", "id")],
    ),
    "raw_pages": (
        {
            "article_id": str,
            "fetched_at": str,
            "status": int,
            "content_type": str,
            "final_url": str,
            "html_zlib": bytes,
        },
        "article_id",
        [("article_id", "articles", "id")],
    ),
    "countries": (
        {"iso3": str, "name": str, "region": str, "eu_member": int},
        "iso3",
        [],
    ),
    "article_countries": (
        {"article_id": str, "iso3": str, "mentions": int},
        ("article_id", "iso3"),
        [("article_id", "articles", "id"), ("iso3", "countries", "iso3")],
    ),
    "actors": (
        {"id": str, "name": str, "kind": str, "type": str, "country": str},
        "id",
        [],
    ),
    "mentions": (
        {"article_id": str, "actor_id": str, "role": str, "mentions": int},
        ("article_id", "actor_id"),
        [("article_id", "articles", "id"), ("actor_id", "actors", "id")],
    ),
    "figures": (
        {
            "id": str,
            "article_id": str,
            "sentence": str,
            "text": str,
            "value": float,
            "kind": str,
            # ISO 4217 currency for money, the base of a rate ("per day") or share.
            "unit": str,
            "counts": str,
            "qualifier": str,
            "country": str,
            "year": int,
            "start": int,
            "end": int,
            "page": int,
        },
        "id",
        [("article_id", "articles", "id")],
    ),
    "statements": (
        {
            "id": str,
            "article_id": str,
            "speaker_actor_id": str,
            "speaker_text": str,
            "speaker_type": str,
            "cue": str,
            "kind": str,
            "content": str,
            "stance": str,
            # The classifier's probability for that stance (0..1).
            "stance_score": float,
            # 1 when the speaker denies or rejects the content ("denied that ...").
            "negated": int,
            # 1 for a quote with no attribution of its own, carried over from the
            # previous statement's speaker.
            "continuation": int,
            "start": int,
            "end": int,
            "page": int,
            # A copy of the article's publication date (which never changes once stored),
            # so "an actor's newest statements" is read from an index, not sorted.
            "published_at": str,
        },
        "id",
        [("article_id", "articles", "id"), ("speaker_actor_id", "actors", "id")],
    ),
    "statement_labels": (
        {"id": str, "label": str, "score": float},
        ("id", "label"),
        [("id", "statements", "id")],
    ),
    # The countries a statement is about (named in it or in its sentence), beside the
    # speaker's own country (actors.country). published_at is the statement's copy of
    # its article's date, so "the newest statements about Afghanistan" and a country's
    # timeline are read from the (iso3, published_at) index without touching statements;
    # speaker_actor_id its speaker's, so "what X said about Afghanistan" is one range of
    # the (speaker_actor_id, iso3, published_at) index.
    "statement_countries": (
        {"statement_id": str, "iso3": str, "published_at": str, "speaker_actor_id": str},
        ("statement_id", "iso3"),
        [("statement_id", "statements", "id"), ("iso3", "countries", "iso3")],
    ),
    "article_labels": (
        {"id": str, "label": str, "score": float},
        ("id", "label"),
        [("id", "articles", "id")],
    ),
    "runs": (
        {
            "id": str,
            "started_at": str,
            "ended_at": str,
            "command": str,
            "feeds": int,
            "entries": int,
            "new": int,
            "failed": int,
            "processed": int,
            "versions": str,
            "status": str,
        },
        "id",
        [],
    ),
    "fetch_errors": (
        {
            "id": int,
            "run_id": str,
            "source_id": str,
            "url": str,
            "stage": str,
            "error": str,
            "http_status": int,
            "at": str,
        },
        "id",
        [],
    ),
    "fingerprints": (
        {"article_id": str, "simhash": str, "band0": int, "band1": int, "band2": int, "band3": int},
        "article_id",
        [("article_id", "articles", "id")],
    ),
    # Statements per label per ISO week (Monday), for the weekly canned query and the
    # dashboard: counting 500,000 statements on every page view is too slow.
    "label_weeks": (
        {
            "week_start": str,
            "label": str,
            "statements": int,
            "restrictive": int,
            "protective": int,
            "neutral": int,
            "articles": int,
        },
        ("week_start", "label"),
        [],
    ),
    # Statements about each country per day, for countries_most_mentioned: a year of
    # 5,000,000 statements is millions of index entries, a year of days a few thousand.
    "country_days": (
        {"day": str, "iso3": str, "statements": int, "first_at": str, "last_at": str},
        ("day", "iso3"),
        [],
    ),
    "rollups": (
        {"name": str, "refreshed_at": str},
        "name",
        [],
    ),
    # digests and digest_deliveries (subscribers) live in the private file: see
    # monitor.store.private.
}


INDEXES: list[tuple[str, list[str]]] = [
    ("articles", ["source_id"]),
    ("articles", ["published_at"]),
    ("articles", ["content_hash"]),
    ("articles", ["processed_at"]),
    ("article_countries", ["iso3"]),
    # An actor's page: its roles and how many articles name it, from the index alone.
    ("mentions", ["actor_id", "role"]),
    ("figures", ["article_id"]),
    ("statements", ["article_id"]),
    # An actor's statements by month and stance, counted from the index alone (the
    # most quoted of 5,000,000 statements has 437,000: 2.3 s reading the rows).
    ("statements", ["speaker_actor_id", "published_at", "stance"]),
    # The home search walks the newest statements first when its words are common.
    ("statements", ["published_at"]),
    ("statement_labels", ["label"]),
    ("statement_countries", ["iso3", "published_at"]),
    # Speaker first: led by iso3, the planner took it for "newest about a country" and
    # sorted the country's every statement (7 s at 1,000,000 articles).
    ("statement_countries", ["speaker_actor_id", "iso3", "published_at"]),
    # The most talked-about countries of a period: a range of dates, then grouped.
    ("statement_countries", ["published_at", "iso3"]),
    ("article_labels", ["label"]),
    ("fetch_errors", ["run_id"]),
    ("fingerprints", ["band0"]),
    ("fingerprints", ["band1"]),
    ("fingerprints", ["band2"]),
    ("fingerprints", ["band3"]),
    ("articles", ["title"]),
    ("articles", ["doc_type"]),
    # For the published site's canned queries (see datasette/metadata.yml).
    ("articles", ["fetched_at"]),
    ("figures", ["country", "year"]),
    ("figures", ["year"]),
    # Facets of the published tables: counted from the index instead of a scan of
    # the rows (statements speaker_type 327 -> 62 ms, articles language 169 -> 11 ms
    # on 100,000 articles / 500,000 statements; benchmarks/RESULTS.md).
    ("statements", ["speaker_type"]),
    ("statements", ["stance"]),
    ("statements", ["kind"]),
    ("articles", ["language"]),
    ("articles", ["relevant"]),
    ("articles", ["detected_language"]),
]


# Tables filled from one article's analysis, with the column holding the article id.
DERIVED_TABLES = (
    ("article_countries", "article_id"),
    ("mentions", "article_id"),
    ("figures", "article_id"),
    ("article_labels", "id"),
)


FTS: list[tuple[str, list[str]]] = [
    ("articles", ["title", "text"]),
    ("statements", ["content", "speaker_text"]),
    # The actors table's search box (a part of a name finds the person).
    ("actors", ["name"]),
]


VIEWS = {
    "statements_view": """
        select
          statements.id, statements.published_at, statements.speaker_text as speaker,
          actors.name as speaker_name, statements.speaker_type, statements.cue, statements.kind,
          statements.negated, statements.content, statements.stance, statements.page,
          articles.doc_type,
          (select json_group_array(label) from statement_labels
            where statement_labels.id = statements.id) as labels,
          (select json_group_array(iso3) from statement_countries
            where statement_countries.statement_id = statements.id) as countries,
          actors.country as speaker_country,
          articles.title as article_title, articles.url, articles.source_id,
          statements.article_id, statements.speaker_actor_id
        from statements
        -- The date is the statement's copy of its article's: the newest statements come
        -- from its index, without a join to order by.
        join articles on articles.id = statements.article_id
        left join actors on actors.id = statements.speaker_actor_id
    """,
    "articles_view": """
        select
          articles.id, articles.published_at, articles.title, articles.source_id,
          articles.doc_type, articles.language, articles.detected_language,
          articles.analysis_skipped, articles.word_count, articles.relevant,
          (select json_group_array(label) from article_labels
            where article_labels.id = articles.id) as labels,
          (select json_group_array(iso3) from article_countries
            where article_countries.article_id = articles.id) as countries,
          articles.url, articles.duplicate_of
        from articles
    """,
    "actor_activity": """
        select
          actors.id as actor_id, actors.name, actors.type,
          substr(articles.published_at, 1, 7) as month,
          count(distinct mentions.article_id) as articles,
          (select count(*) from statements s join articles a2 on a2.id = s.article_id
            where s.speaker_actor_id = actors.id
              and substr(a2.published_at, 1, 7) = substr(articles.published_at, 1, 7)
          ) as statements
        from mentions
        join actors on actors.id = mentions.actor_id
        join articles on articles.id = mentions.article_id
        group by actors.id, month
    """,
}


def open_db(path: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> sqlite_utils.Database:
    """Open (creating when needed) the database in WAL mode with the full shape.

    ``busy_timeout`` (seconds, setting ``sqlite_busy_timeout``) is how long a
    writer waits for another writer's lock before giving up.
    """
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    ensure_db_shape(db)
    # In WAL mode, NORMAL syncs at checkpoints instead of at every commit: a killed
    # process still loses no committed article (the WAL is in the OS's hands); only
    # a power cut may undo the last commits, never leave half of one. Commits per
    # article made the fsyncs a third of a backfill writer's time.
    for schema in ("main", PRIVATE_SCHEMA):
        db.execute(f"PRAGMA {schema}.synchronous = NORMAL")
    return db


def connect(settings: Settings) -> sqlite_utils.Database:
    """The database the settings name, opened with their lock timeout."""
    return open_db(settings.db, settings.sqlite_busy_timeout)


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create tables, indexes, full-text search and views that are missing. Idempotent."""
    if db.memory is False:
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = OFF")  # rows arrive before their lookups; checked in tests
    for name, (columns, pk, foreign_keys) in TABLES.items():
        table = db.table(name)
        if not table.exists():
            table.create(columns, pk=pk, foreign_keys=foreign_keys or None)
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, column_type in missing.items():
                table.add_column(column, column_type)
    ensure_private_shape(db)  # before the migrations: one of them moves rows into it
    apply_migrations(db)
    for table_name, columns in INDEXES:
        db.table(table_name).create_index(columns, if_not_exists=True)
    for table_name, columns in FTS:
        table = db.table(table_name)
        if table.detect_fts() is None:
            table.enable_fts(columns, create_triggers=True, tokenize="porter")
    for view_name, sql in VIEWS.items():
        _ensure_view(db, view_name, sql)
    if db.table("countries").count == 0:
        db.table("countries").insert_all(country_rows(), pk="iso3")


def _ensure_view(db: sqlite_utils.Database, name: str, sql: str) -> None:
    """Create the view, or replace it when this version of the code defines it differently."""
    # SQLite stores the statement without its trailing whitespace; compared as
    # written, every view looked changed and was dropped and recreated on every
    # open, a schema change that made concurrent readers of the site fail
    # ("vtable constructor failed: articles_fts").
    wanted = f"CREATE VIEW {name} AS {sql}".rstrip()
    found = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name])
    row = found.fetchone()
    if row is not None and row[0] == wanted:
        return
    with db.conn:
        db.execute(f"drop view if exists {name}")
        db.execute(wanted)


def country_rows() -> Iterator[dict[str, Any]]:
    for code in [country.alpha_3 for country in pycountry.countries] + ["XKX"]:
        yield {
            "iso3": code,
            "name": country_name(code),
            "region": None,
            "eu_member": int(code in EU_MEMBERS),
        }
