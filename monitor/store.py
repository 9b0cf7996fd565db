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
    "rollups": (
        {"name": str, "refreshed_at": str},
        "name",
        [],
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
            "kind": str,
            "status": str,
        },
        "id",
        [],
    ),
    # One row per (digest, recipient): what exactly-once delivery is checked against.
    "digest_deliveries": (
        {
            "id": str,
            "digest_id": str,
            "subscription": str,
            "recipient": str,
            "status": str,
            "error": str,
            "attempts": int,
            "message_id": str,
            "updated_at": str,
        },
        "id",
        [("digest_id", "digests", "id")],
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
    ("statements", ["speaker_actor_id", "published_at"]),
    ("statement_labels", ["label"]),
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
    ("digests", ["subscription"]),
    ("digest_deliveries", ["digest_id"]),
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
          statements.content, statements.stance, statements.page, articles.doc_type,
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
          articles.doc_type, articles.language, articles.word_count, articles.relevant,
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
            if name == "statements" and "published_at" in missing:
                _copy_statement_dates(db)
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


def _copy_statement_dates(db: sqlite_utils.Database) -> None:
    """Fill statements.published_at in a database made before the column existed."""
    with db.conn:
        db.execute(
            "update statements set published_at = (select published_at from articles"
            " where articles.id = statements.article_id)"
        )


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


def _in_list(column: str, ids: list[str]) -> str:
    """``column in (?, ?, ...)`` with one placeholder per id."""
    return f"{column} in ({','.join('?' for _ in ids)})"


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
                    "discovery": getattr(source, "discovery", "feed"),
                    "doc_type": getattr(source, "doc_type", None),
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
    rows = {
        row["id"]: row
        for row in db.query(
            "select id, url, source_id, title, text, duplicate_of, page_starts from articles"
            f" where {_in_list('id', ids)}",
            ids,
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
    found = db.execute("select published_at from articles where id = ?", [article_id]).fetchone()
    published_at = found[0] if found else None
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
                    "page": f.get("page"),
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
                    "page": statement.get("page"),
                    "published_at": published_at,
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


# --- rollups ---------------------------------------------------------------------

WEEK_OF = "date(articles.published_at, '-6 days', 'weekday 1')"  # the Monday on or before


def refresh_rollups(db: sqlite_utils.Database) -> int:
    """Recount ``label_weeks`` for every week with an article analysed since the last refresh.

    Driven by ``articles.processed_at``, so a run killed before its refresh is
    caught up by the next one, and a re-analysed article recounts its week.
    Returns the number of weeks recounted.
    """
    started = utc_now_iso()
    rows = list(db.query("select refreshed_at from rollups where name = 'label_weeks'"))
    since = rows[0]["refreshed_at"] if rows else ""
    weeks = [
        row["week"]
        for row in db.query(
            f"select distinct {WEEK_OF} as week from articles"
            " where processed_at >= ? and published_at is not null",
            [since],
        )
    ]
    with transaction(db):
        for week in weeks:
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
        db.table("rollups").upsert({"name": "label_weeks", "refreshed_at": started}, pk="name")
    return len(weeks)


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


# --- digests -------------------------------------------------------------------
# Reads for digests and alerts, and the record of what was sent to whom.
# An article's date is published_at, or fetched_at when the feed and page gave
# none: an undated article is then reported when it was first seen rather than
# never. An old article fetched late keeps its old date, so it does not come
# back as news in today's digest.

ARTICLE_DATE = "coalesce(articles.published_at, articles.fetched_at)"


def digest_statements(
    db: sqlite_utils.Database,
    start: str | None = None,
    end: str | None = None,
    only_ids: Iterable[str] | None = None,
) -> list[dict]:
    """Statements of relevant original articles dated in [start, end) (ISO UTC), or exactly
    the statements ``only_ids`` (to resend a digest as it was first built), with speaker,
    role, source and labels (``labels``: JSON list of {label, score})."""
    where, params = ["articles.relevant = 1", "articles.duplicate_of is null"], []
    if only_ids is not None:
        ids = list(only_ids)
        where.append(_in_list("statements.id", ids))
        params += ids
    else:
        where.append(f"{ARTICLE_DATE} >= ? and {ARTICLE_DATE} < ?")
        params += [start, end]
    return list(
        db.query(
            "select statements.id, statements.article_id, statements.speaker_actor_id,"
            " statements.speaker_text, statements.speaker_type, statements.cue,"
            " statements.kind, statements.content, statements.stance,"
            " articles.title, articles.url, articles.source_id, articles.doc_type,"
            f" coalesce(sources.name, articles.source_id) as source_name, {ARTICLE_DATE} as dated,"
            " actors.name as actor_name, actors.country as actor_country, mentions.role,"
            " (select json_group_array(json_object('label', label, 'score', score))"
            "   from statement_labels where statement_labels.id = statements.id) as labels"
            " from statements join articles on articles.id = statements.article_id"
            " left join sources on sources.id = articles.source_id"
            " left join actors on actors.id = statements.speaker_actor_id"
            " left join mentions on mentions.article_id = statements.article_id"
            "   and mentions.actor_id = statements.speaker_actor_id"
            f" where {' and '.join(where)}"
            f" order by {ARTICLE_DATE}, statements.article_id, statements.start",
            params,
        )
    )


def syndicated_copies(db: sqlite_utils.Database, article_ids: list[str]) -> list[dict]:
    """Copies of these articles elsewhere (``duplicate_of`` points at the original)."""
    if not article_ids:
        return []
    return list(
        db.query(
            "select articles.id, articles.duplicate_of, articles.url,"
            " coalesce(sources.name, articles.source_id) as source_name from articles"
            " left join sources on sources.id = articles.source_id"
            f" where {_in_list('articles.duplicate_of', article_ids)}"
            f" order by {ARTICLE_DATE}, articles.id",
            article_ids,
        )
    )


def articles_countries(db: sqlite_utils.Database, article_ids: list[str]) -> list[dict]:
    """(article_id, iso3, name, mentions) for these articles."""
    if not article_ids:
        return []
    return list(
        db.query(
            "select article_countries.article_id, article_countries.iso3,"
            " coalesce(countries.name, article_countries.iso3) as name, article_countries.mentions"
            " from article_countries left join countries"
            " on countries.iso3 = article_countries.iso3"
            f" where {_in_list('article_countries.article_id', article_ids)}",
            article_ids,
        )
    )


def articles_figures(db: sqlite_utils.Database, article_ids: list[str]) -> list[dict]:
    """Figures of these articles, with the article's title and link."""
    if not article_ids:
        return []
    return list(
        db.query(
            "select figures.id, figures.article_id, figures.text, figures.value, figures.kind,"
            " figures.counts, figures.qualifier, figures.country, figures.year,"
            " figures.sentence, articles.title, articles.url from figures"
            " join articles on articles.id = figures.article_id"
            f" where {_in_list('figures.article_id', article_ids)}"
            " order by figures.article_id, figures.start",
            article_ids,
        )
    )


def get_digest(db: sqlite_utils.Database, digest_id: str) -> dict | None:
    rows = list(db.query("select * from digests where id = ?", [digest_id]))
    return rows[0] if rows else None


def open_digests(db: sqlite_utils.Database, subscription: str, kind: str) -> list[dict]:
    """Digests of a subscription not yet delivered to every recipient, oldest first."""
    return list(
        db.query(
            "select * from digests where subscription = ? and kind = ? and status = 'open'"
            " order by period_end, id",
            [subscription, kind],
        )
    )


def reported_statement_ids(db: sqlite_utils.Database, subscription: str, kind: str) -> set[str]:
    """Every statement already put in a digest or alert of this subscription."""
    ids: set[str] = set()
    for row in db.query(
        "select item_ids from digests where subscription = ? and kind = ?", [subscription, kind]
    ):
        ids.update(json.loads(row["item_ids"] or "[]"))
    return ids


def last_alert_at(db: sqlite_utils.Database, subscription: str) -> str | None:
    """End of the period of this subscription's latest alert: the alert state."""
    row = db.execute(
        "select max(period_end) from digests where subscription = ? and kind = 'alert'",
        [subscription],
    ).fetchone()
    return row[0] if row else None


def create_digest(db: sqlite_utils.Database, digest: Mapping[str, Any]) -> None:
    """Record a digest before anything is sent, so a crash mid-send can be resumed."""
    with transaction(db):
        db.table("digests").insert(
            {**digest, "item_ids": json.dumps(list(digest["item_ids"])), "status": "open"},
            pk="id",
            ignore=True,
        )


def delivery_states(db: sqlite_utils.Database, digest_id: str) -> dict[str, str]:
    """recipient -> status (sent / refused / failed) for one digest."""
    return {
        row["recipient"]: row["status"]
        for row in db.query(
            "select recipient, status from digest_deliveries where digest_id = ?", [digest_id]
        )
    }


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
    delivery_id = stable_id(digest_id, recipient)
    with transaction(db):
        db.execute(
            "insert into digest_deliveries (id, digest_id, subscription, recipient, status,"
            " error, attempts, message_id, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?)"
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
    with transaction(db):
        db.table("digests").update(
            digest_id,
            {
                "status": "done",
                "sent_at": utc_now_iso(),
                "recipients": json.dumps(sorted(r for r, s in states.items() if s == "sent")),
            },
        )


def article_date_range(db: sqlite_utils.Database) -> tuple[str | None, str | None]:
    """Earliest and latest date of relevant original articles."""
    row = db.execute(
        f"select min({ARTICLE_DATE}), max({ARTICLE_DATE}) from articles"
        " where relevant = 1 and duplicate_of is null"
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)
