"""The only module that writes SQL.

``ensure_db_shape`` creates every table, index, full-text index and view and
is safe to run any number of times. Writers use stable keys (article id =
hash of the canonical URL; derived rows keyed by article and offsets) so a
rerun adds nothing, and an article with everything derived from it is written
in one transaction, so a crash never leaves half an article behind.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pycountry
import sqlite_utils

from monitor.extract import utc_now_iso

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
            "counts": str,
            "qualifier": str,
            "country": str,
            "year": int,
            "start": int,
            "end": int,
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
            "start": int,
            "end": int,
        },
        "id",
        [("article_id", "articles", "id"), ("speaker_actor_id", "actors", "id")],
    ),
    "statement_labels": (
        {"id": str, "label": str, "score": float},
        ("id", "label"),
        [("id", "statements", "id")],
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
    "digests": (
        {
            "id": str,
            "subscription": str,
            "period_start": str,
            "period_end": str,
            "sent_at": str,
            "recipients": str,
            "item_ids": str,
            "message_id": str,
        },
        "id",
        [],
    ),
}

INDEXES: list[tuple[str, list[str]]] = [
    ("articles", ["source_id"]),
    ("articles", ["published_at"]),
    ("articles", ["content_hash"]),
    ("articles", ["processed_at"]),
    ("article_countries", ["iso3"]),
    ("mentions", ["actor_id"]),
    ("figures", ["article_id"]),
    ("statements", ["article_id"]),
    ("statements", ["speaker_actor_id"]),
    ("statement_labels", ["label"]),
    ("article_labels", ["label"]),
    ("fetch_errors", ["run_id"]),
    ("fingerprints", ["band0"]),
    ("fingerprints", ["band1"]),
    ("fingerprints", ["band2"]),
    ("fingerprints", ["band3"]),
    ("articles", ["title"]),
    # For the published site's canned queries (see datasette/metadata.yml).
    ("articles", ["fetched_at"]),
    ("figures", ["country", "year"]),
    ("figures", ["year"]),
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
]

VIEWS = {
    "statements_view": """
        select
          statements.id, articles.published_at, statements.speaker_text as speaker,
          actors.name as speaker_name, statements.speaker_type, statements.cue, statements.kind,
          statements.content, statements.stance,
          (select json_group_array(label) from statement_labels
            where statement_labels.id = statements.id) as labels,
          (select json_group_array(iso3) from article_countries
            where article_countries.article_id = statements.article_id) as countries,
          articles.title as article_title, articles.url, articles.source_id,
          statements.article_id
        from statements
        join articles on articles.id = statements.article_id
        left join actors on actors.id = statements.speaker_actor_id
    """,
    "articles_view": """
        select
          articles.id, articles.published_at, articles.title, articles.source_id,
          articles.language, articles.word_count, articles.relevant,
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


def open_db(path: str) -> sqlite_utils.Database:
    """Open (creating when needed) the database in WAL mode with the full shape."""
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    return db


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create tables, indexes, full-text search and views that are missing. Idempotent."""
    if db.memory is False:
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = OFF")  # rows arrive before their lookups; checked in tests
    db.execute("PRAGMA busy_timeout = 10000")
    for name, (columns, pk, foreign_keys) in TABLES.items():
        table = db.table(name)
        if not table.exists():
            table.create(columns, pk=pk, foreign_keys=foreign_keys or None)
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, column_type in missing.items():
                table.add_column(column, column_type)
    for table_name, columns in INDEXES:
        db.table(table_name).create_index(columns, if_not_exists=True)
    for table_name, columns in FTS:
        table = db.table(table_name)
        if table.detect_fts() is None:
            table.enable_fts(columns, create_triggers=True, tokenize="porter")
    for view_name, sql in VIEWS.items():
        _ensure_view(db, view_name, sql)
    if db.table("countries").count == 0:
        db.table("countries").insert_all(_country_rows(), pk="iso3")


def _ensure_view(db: sqlite_utils.Database, name: str, sql: str) -> None:
    """Create the view, or replace it when this version of the code defines it differently."""
    wanted = f"CREATE VIEW {name} AS {sql}"
    found = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name])
    row = found.fetchone()
    if row is not None and row[0] == wanted:
        return
    with db.conn:
        db.execute(f"drop view if exists {name}")
        db.execute(wanted)


def _country_rows() -> Iterator[dict[str, Any]]:
    from monitor.nlp.gazetteer import country_name

    for code in [country.alpha_3 for country in pycountry.countries] + ["XKX"]:
        yield {
            "iso3": code,
            "name": country_name(code),
            "region": None,
            "eu_member": int(code in EU_MEMBERS),
        }


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One atomic unit of work: committed on success, rolled back on any error.

    sqlite-utils' own writes nest inside as savepoints, so they do not commit early.
    """
    with db.atomic():
        yield


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


# --- sources ---------------------------------------------------------------


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
                },
                pk="id",
            )


def source_state(db: sqlite_utils.Database, source_id: str) -> dict[str, Any]:
    rows = list(db.query("select * from sources where id = ?", [source_id]))
    return rows[0] if rows else {}


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


# --- articles ----------------------------------------------------------------


def article_exists(db: sqlite_utils.Database, article_id: str) -> bool:
    return bool(list(db.query("select 1 from articles where id = ?", [article_id])))


def duplicate_candidates(
    db: sqlite_utils.Database,
    content_hash: str,
    title: str | None,
    bands: list[int],
    exclude_id: str,
) -> list[dict]:
    """Earlier originals that may be the same story: same text hash, same title,
    or a SimHash sharing a band (see monitor.dedup)."""
    return list(
        db.query(
            "select articles.id, articles.text, fingerprints.simhash from articles"
            " left join fingerprints on fingerprints.article_id = articles.id"
            " where articles.duplicate_of is null and articles.id != ? and ("
            "   articles.content_hash = ? or articles.title = ?"
            "   or articles.id in (select article_id from fingerprints where band0 = ?"
            "     union select article_id from fingerprints where band1 = ?"
            "     union select article_id from fingerprints where band2 = ?"
            "     union select article_id from fingerprints where band3 = ?))"
            " order by articles.fetched_at, articles.id",
            [exclude_id, content_hash, title or "", *bands],
        )
    )


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


def raw_html(db: sqlite_utils.Database, article_id: str) -> bytes | None:
    rows = list(db.query("select html_zlib from raw_pages where article_id = ?", [article_id]))
    return zlib.decompress(rows[0]["html_zlib"]) if rows else None


def articles_to_process(db: sqlite_utils.Database, reprocess: bool = False) -> list[str]:
    """Ids of articles awaiting analysis, originals before syndicated copies.

    Returned as a list so that no read cursor stays open while results are written.
    """
    where = "" if reprocess else "where processed_at is null"
    return [
        row["id"]
        for row in db.query(
            f"select id from articles {where} order by duplicate_of is not null, id"
        )
    ]


def load_articles(db: sqlite_utils.Database, ids: list[str]) -> list[dict]:
    """Rows for ``ids``, in the same order."""
    marks = ",".join("?" for _ in ids)
    rows = {
        row["id"]: row
        for row in db.query(
            f"select id, title, text, duplicate_of from articles where id in ({marks})", ids
        )
    }
    return [rows[i] for i in ids if i in rows]


def save_duplicate_analysis(
    db: sqlite_utils.Database, article_id: str, original_id: str, pipeline_version: str
) -> None:
    """A syndicated copy shares its original's relevance; its analysis is the original's."""
    with transaction(db):
        db.execute(
            "update articles set relevant = o.relevant, relevance_score = o.relevance_score,"
            " processed_at = ?, pipeline_version = ?"
            " from (select relevant, relevance_score from articles where id = ?) as o"
            " where articles.id = ?",
            [utc_now_iso(), pipeline_version, original_id, article_id],
        )


def save_analysis(
    db: sqlite_utils.Database, article_id: str, analysis: Mapping[str, Any], pipeline_version: str
) -> None:
    """Replace everything derived from one article with ``analysis``, atomically."""
    with transaction(db):
        for table, key in DERIVED_TABLES:
            db.execute(f"delete from {table} where {key} = ?", [article_id])
        db.execute(
            "delete from statement_labels"
            " where id in (select id from statements where article_id = ?)",
            [article_id],
        )
        db.execute("delete from statements where article_id = ?", [article_id])
        db.table("articles").update(
            article_id,
            {
                "relevant": int(bool(analysis["relevant"])),
                "relevance_score": analysis["relevance_score"],
                "processed_at": utc_now_iso(),
                "pipeline_version": pipeline_version,
            },
        )
        db.table("article_countries").insert_all(
            (
                {"article_id": article_id, "iso3": c["iso3"], "mentions": c["mentions"]}
                for c in analysis["countries"]
            ),
            pk=("article_id", "iso3"),
        )
        for actor in analysis["actors"]:
            db.table("actors").insert(
                {
                    "id": actor["id"],
                    "name": actor["name"],
                    "kind": actor["kind"],
                    "type": actor["type"],
                    "country": actor["country"],
                },
                pk="id",
                ignore=True,
            )
            # An actor first seen without a country or type gets them from a later article.
            db.execute(
                "update actors set country = coalesce(country, ?),"
                " type = case when type = 'other' then ? else type end where id = ?",
                [actor["country"], actor["type"], actor["id"]],
            )
            db.table("mentions").insert(
                {
                    "article_id": article_id,
                    "actor_id": actor["id"],
                    "role": actor["role"],
                    "mentions": actor["mentions"],
                },
                pk=("article_id", "actor_id"),
                replace=True,
            )
        db.table("figures").insert_all(
            (
                {
                    "id": stable_id(article_id, f["start"], f["end"]),
                    "article_id": article_id,
                    **{
                        k: f[k]
                        for k in (
                            "sentence",
                            "text",
                            "value",
                            "kind",
                            "counts",
                            "qualifier",
                            "country",
                            "year",
                            "start",
                            "end",
                        )
                    },
                }
                for f in analysis["figures"]
            ),
            pk="id",
            replace=True,
        )
        for statement in analysis["statements"]:
            statement_id = stable_id(article_id, statement["start"], statement["end"])
            db.table("statements").insert(
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
                    "start": statement["start"],
                    "end": statement["end"],
                },
                pk="id",
                replace=True,
            )
            db.table("statement_labels").insert_all(
                (
                    {"id": statement_id, "label": label["label"], "score": label["score"]}
                    for label in statement["label_scores"]
                ),
                pk=("id", "label"),
                replace=True,
            )
        db.table("article_labels").insert_all(
            (
                {"id": article_id, "label": label["label"], "score": label["score"]}
                for label in analysis["labels"]
            ),
            pk=("id", "label"),
        )


# --- runs and errors ---------------------------------------------------------


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
