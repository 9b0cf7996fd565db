"""Every read the library makes (the published site reads through Datasette)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from monitor.store.common import in_list


def source_state(db: sqlite_utils.Database, source_id: str) -> dict[str, Any]:
    rows = list(db.query("select * from sources where id = ?", [source_id]))
    return rows[0] if rows else {}


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
            "select id, url, source_id, title, text, duplicate_of, page_starts, published_at"
            " from articles"
            f" where {in_list('id', ids)}",
            ids,
        )
    }
    return [rows[i] for i in ids if i in rows]


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
        where.append(in_list("statements.id", ids))
        params += ids
    else:
        where.append(f"{ARTICLE_DATE} >= ? and {ARTICLE_DATE} < ?")
        params += [start, end]
    return list(
        db.query(
            "select statements.id, statements.article_id, statements.speaker_actor_id,"
            " statements.speaker_text, statements.speaker_type, statements.cue,"
            " statements.kind, statements.content, statements.stance, statements.stance_score,"
            " statements.negated,"
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
            f" where {in_list('articles.duplicate_of', article_ids)}"
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
            f" where {in_list('article_countries.article_id', article_ids)}",
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
            f" where {in_list('figures.article_id', article_ids)}"
            " order by figures.article_id, figures.start",
            article_ids,
        )
    )


def get_digest(db: sqlite_utils.Database, digest_id: str) -> dict | None:
    rows = list(db.query("select * from private.digests where id = ?", [digest_id]))
    return rows[0] if rows else None


def open_digests(db: sqlite_utils.Database, subscription: str, kind: str) -> list[dict]:
    """Digests of a subscription not yet delivered to every recipient, oldest first."""
    return list(
        db.query(
            "select * from private.digests"
            " where subscription = ? and kind = ? and status = 'open'"
            " order by period_end, id",
            [subscription, kind],
        )
    )


def reported_statement_ids(db: sqlite_utils.Database, subscription: str, kind: str) -> set[str]:
    """Every statement already put in a digest or alert of this subscription."""
    ids: set[str] = set()
    for row in db.query(
        "select item_ids from private.digests where subscription = ? and kind = ?",
        [subscription, kind],
    ):
        ids.update(json.loads(row["item_ids"] or "[]"))
    return ids


def last_alert_at(db: sqlite_utils.Database, subscription: str) -> str | None:
    """End of the period of this subscription's latest alert: the alert state."""
    row = db.execute(
        "select max(period_end) from private.digests where subscription = ? and kind = 'alert'",
        [subscription],
    ).fetchone()
    return row[0] if row else None


def delivery_states(db: sqlite_utils.Database, digest_id: str) -> dict[str, str]:
    """recipient -> status (sent / refused / failed) for one digest."""
    return {
        row["recipient"]: row["status"]
        for row in db.query(
            "select recipient, status from private.digest_deliveries where digest_id = ?",
            [digest_id],
        )
    }


def article_date_range(db: sqlite_utils.Database) -> tuple[str | None, str | None]:
    """Earliest and latest date of relevant original articles."""
    row = db.execute(
        f"select min({ARTICLE_DATE}), max({ARTICLE_DATE}) from articles"
        " where relevant = 1 and duplicate_of is null"
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def summary(db: sqlite_utils.Database) -> dict[str, int]:
    """Counts that tell at a glance what the database holds."""

    def one(sql: str) -> int:
        return int(next(iter(db.execute(sql).fetchone()), 0) or 0)

    return {
        "feeds": one("select count(*) from sources"),
        "articles": one("select count(*) from articles"),
        # Originals only, as the analysis progress line counts them; copies are counted apart.
        "relevant": one(
            "select count(*) from articles where relevant = 1 and duplicate_of is null"
        ),
        "syndicated copies": one("select count(*) from articles where duplicate_of is not null"),
        "countries": one("select count(distinct iso3) from article_countries"),
        "actors": one("select count(*) from actors"),
        "figures": one("select count(*) from figures"),
        "statements": one("select count(*) from statements"),
    }


def source_states(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Every source's crawl state (last poll, status, failures), by source id."""
    return {row["id"]: row for row in db.query("select * from sources")}


def statements_for_labelling(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every statement with its speaker's type, its cue and its article's title and URL,
    for ``monitor label``."""
    return list(
        db.query(
            "select s.id, s.speaker_text, s.speaker_type, s.cue, s.content, a.title, a.url "
            "from statements s "
            "join articles a on a.id = s.article_id"
        )
    )
