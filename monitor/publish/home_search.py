"""The home page's search: the statements and articles that match what a
researcher typed, read as countries, topic words and labels (``search_query``).

"returns Afghanistan" lists the statements whose statement countries include
AFG and that carry the label Return policy or contain "returns" (the full-text
index stems with porter, so "return" and "returned" match too), then the
articles about Afghanistan that match "returns". The page says what it
understood and links to the query pages that narrow or widen the search.

Every query is bounded, so that a common word in a large archive costs no more
than a rare one: words found in at most ``home_search_complete_matches`` rows are
answered completely from the full-text index; commoner words are checked row by
row over the newest ``home_search_scan_rows`` rows (about the country, when one
was named), newest first, stopping as soon as the page is full. Words of middling
frequency (up to ``home_search_match_set_rows`` rows) are read from the index
once, and the look over the newest rows checks that set instead of asking the
index row by row.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from monitor.codebook import LABEL_DEFINITIONS, LABEL_NAMES
from monitor.country_names import country_name
from monitor.publish.search_query import Term, Understood, understand, word_stem
from monitor.publish.workbench import readable_date
from monitor.settings import Settings
from monitor.urls import web_url

EXCERPT_CHARS = 320  # an article's excerpt around its first match


@dataclass(frozen=True)
class Side:
    """Statements or articles: where their words, labels and countries are stored."""

    table: str
    fts: str
    labels: str
    countries: str
    country_key: str  # the column of ``countries`` that names the row


STATEMENTS = Side(
    "statements", "statements_fts", "statement_labels", "statement_countries", "statement_id"
)
ARTICLES = Side("articles", "articles_fts", "article_labels", "article_countries", "article_id")


@dataclass(frozen=True)
class Found:
    rowids: list[int]
    stopped_at: str | None  # the oldest date looked at, when the look was cut short


def fts_literal(text: str) -> str:
    """A word or phrase as an FTS5 string: operators and quotes in it are only text."""
    return '"' + text.replace('"', '""') + '"'


def _conditions(
    side: Side,
    understood: Understood,
    skip_country: str | None,
    terms: tuple[Term, ...],
    matching: list[int] | None = None,
) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on row ``t`` and their parameters: every country but
    ``skip_country`` (the one the scan is driven by), every term of ``terms``.
    ``matching``, when given, holds the rowids that contain every plain term,
    which are then checked against it rather than the index."""
    sql: list[str] = []
    params: dict[str, Any] = {}
    if matching is not None:
        sql.append("t.rowid in (select value from json_each(:matching))")
        params["matching"] = json.dumps(matching)
        terms = tuple(term for term in terms if term.label)
    for number, country in enumerate(understood.countries):
        if country.iso3 == skip_country:
            continue
        sql.append(
            f"exists (select 1 from {side.countries} c where c.{side.country_key} = t.id"
            f" and c.iso3 = :country{number})"
        )
        params[f"country{number}"] = country.iso3
    for number, term in enumerate(terms):
        in_text = (
            f"exists (select 1 from {side.fts} where {side.fts} match :term{number}"
            " and rowid = t.rowid)"
        )
        params[f"term{number}"] = fts_literal(term.text)
        if term.label:
            in_text = (
                f"({in_text} or exists (select 1 from {side.labels} l"
                f" where l.id = t.id and l.label = :label{number}))"
            )
            params[f"label{number}"] = term.label
        sql.append(in_text)
    return sql, params


def _rowids(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> list[int]:
    return [row[0] for row in conn.execute(sql, params)]


def _where(conditions: list[str]) -> str:
    return " and ".join(conditions) if conditions else "1"


def find_rows(
    conn: sqlite3.Connection, side: Side, understood: Understood, limit: int, settings: Settings
) -> Found:
    """The rowids of the newest rows of ``side`` matching the search, at most ``limit``."""
    plain = understood.plain_terms()
    matching: list[int] | None = None
    if plain:
        every_word = " ".join(fts_literal(term.text) for term in plain)
        most = max(settings.home_search_complete_matches, settings.home_search_match_set_rows)
        matching = _rowids(
            conn,
            f"select rowid from {side.fts} where {side.fts} match :words limit :most",
            {"words": every_word, "most": most + 1},
        )
        if len(matching) <= settings.home_search_complete_matches:
            return _from_index(conn, side, understood, every_word, limit)
        if len(matching) > settings.home_search_match_set_rows:
            matching = None  # common enough that the newest rows fill the page quickly
    if side is STATEMENTS and understood.countries:
        return _newest_about(conn, understood, limit, settings, matching)
    return _newest(conn, side, understood, limit, settings, matching)


def _from_index(
    conn: sqlite3.Connection, side: Side, understood: Understood, every_word: str, limit: int
) -> Found:
    """Few enough matches to read them all from the full-text index, then filter."""
    conditions, params = _conditions(side, understood, None, understood.label_terms())
    sql = (
        f"select t.rowid from {side.table} t"
        f" where t.rowid in (select rowid from {side.fts} where {side.fts} match :every_word)"
        f" and {_where(conditions)} order by t.published_at desc limit :limit"
    )
    return Found(_rowids(conn, sql, {**params, "every_word": every_word, "limit": limit}), None)


def _newest_about(
    conn: sqlite3.Connection,
    understood: Understood,
    limit: int,
    settings: Settings,
    matching: list[int] | None = None,
) -> Found:
    """The newest statements about the first country (from its dated index), checked one
    by one against the other countries and the terms."""
    first = understood.countries[0].iso3
    cutoff = conn.execute(
        "select published_at from statement_countries where iso3 = ?"
        " order by published_at desc limit 1 offset ?",
        [first, settings.home_search_scan_rows - 1],
    ).fetchone()
    conditions, params = _conditions(STATEMENTS, understood, first, understood.terms, matching)
    if cutoff is not None:
        conditions.append("sc.published_at >= :cutoff")
        params["cutoff"] = cutoff[0]
    sql = (
        "select t.rowid from statement_countries sc join statements t on t.id = sc.statement_id"
        f" where sc.iso3 = :first and {_where(conditions)}"
        " order by sc.published_at desc limit :limit"
    )
    rowids = _rowids(conn, sql, {**params, "first": first, "limit": limit})
    return Found(rowids, cutoff[0] if cutoff is not None and len(rowids) < limit else None)


def _newest(
    conn: sqlite3.Connection,
    side: Side,
    understood: Understood,
    limit: int,
    settings: Settings,
    matching: list[int] | None = None,
) -> Found:
    """The newest rows (from the date index), checked one by one."""
    cutoff = conn.execute(
        f"select published_at from {side.table} where published_at is not null"
        " order by published_at desc limit 1 offset ?",
        [settings.home_search_scan_rows - 1],
    ).fetchone()
    conditions, params = _conditions(side, understood, None, understood.terms, matching)
    if cutoff is not None:
        conditions.append("t.published_at >= :cutoff")
        params["cutoff"] = cutoff[0]
    sql = (
        f"select t.rowid from {side.table} t indexed by {_date_index(side)}"
        f" where {_where(conditions)} order by t.published_at desc limit :limit"
    )
    rowids = _rowids(conn, sql, {**params, "limit": limit})
    return Found(rowids, cutoff[0] if cutoff is not None and len(rowids) < limit else None)


def _date_index(side: Side) -> str:
    # sqlite-utils names an index after its table and columns; the scan must walk the
    # dates newest first (the planner, seeing the label and country checks, may not).
    return f"idx_{side.table}_published_at"


# --- what the page shows -------------------------------------------------------------


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _rows_in_order(
    conn: sqlite3.Connection, select: str, rowids: list[int]
) -> list[dict[str, Any]]:
    """The rows ``select`` (from row ``t``, with its rowid as ``found_rowid``) gives for
    ``rowids``, in the order of ``rowids``."""
    marks = ", ".join("?" * len(rowids))
    rows = _rows(conn, f"{select} where t.rowid in ({marks})", rowids)
    by_rowid = {row.pop("found_rowid"): row for row in rows}
    return [by_rowid[rowid] for rowid in rowids if rowid in by_rowid]


def statement_rows(conn: sqlite3.Connection, rowids: list[int]) -> list[dict[str, Any]]:
    """The found statements with speaker, article, labels and countries, in order."""
    return _rows_in_order(
        conn,
        "select t.rowid as found_rowid, t.id, t.content, t.kind, t.stance, t.negated, t.cue,"
        " a.published_at, t.speaker_actor_id, coalesce(act.name, t.speaker_text) as speaker,"
        " t.article_id, coalesce(a.title, a.url) as title,"
        " (select group_concat(label, ',') from statement_labels l where l.id = t.id)"
        " as labels,"
        " (select group_concat(iso3, ',') from statement_countries c"
        "   where c.statement_id = t.id) as countries"
        " from statements t join articles a on a.id = t.article_id"
        " left join actors act on act.id = t.speaker_actor_id",
        rowids,
    )


def article_rows(conn: sqlite3.Connection, rowids: list[int]) -> list[dict[str, Any]]:
    """The found articles with their source and text (for the excerpt), in order."""
    return _rows_in_order(
        conn,
        "select t.rowid as found_rowid, t.id, coalesce(t.title, t.url) as title, t.url,"
        " t.published_at, t.source_id, t.text,"
        " (select group_concat(iso3, ',') from article_countries c"
        "   where c.article_id = t.id) as countries"
        " from articles t",
        rowids,
    )


def match_pattern(understood: Understood) -> re.Pattern[str] | None:
    """The typed words and country names as they may appear in a text, any ending."""
    stems = {
        word_stem(word)
        for text in [*(t.text for t in understood.terms), *(c.typed for c in understood.countries)]
        for word in re.findall(r"\w+", text)
        if len(word) > 2
    }
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def highlighted(text: str, pattern: re.Pattern[str] | None) -> Markup:
    """The text, escaped, with the search words in <mark>."""
    if pattern is None:
        return Markup(escape(text))
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("".join(pieces))


def excerpt(text: str, pattern: re.Pattern[str] | None) -> str:
    """About EXCERPT_CHARS of the text around its first match (or its beginning)."""
    found = pattern.search(text) if pattern is not None else None
    start = max(0, found.start() - EXCERPT_CHARS // 3) if found else 0
    piece = " ".join(text[start : start + EXCERPT_CHARS].split())
    return ("… " if start else "") + piece + (" …" if start + EXCERPT_CHARS < len(text) else "")


def _named(codes: str | None, name) -> list[dict[str, str]]:
    """'AFG,PAK' -> [{id, name}], with ``name`` giving a code's name."""
    return [
        {"id": code, "name": name(code)} for code in sorted(set((codes or "").split(","))) if code
    ]


def _and_quoted(texts) -> str:
    quoted = [f"“{text}”" for text in texts]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def refinements(understood: Understood, database_path: str, search_path: str) -> list[dict]:
    """Links that narrow or widen what was understood, each saying what it shows."""
    links = []
    countries = understood.countries
    for term in understood.label_terms():
        params = {"label": term.label, "country": countries[0].iso3 if countries else ""}
        place = f" about {countries[0].name}" if countries else ""
        links.append(
            {
                "href": f"{database_path}/statements_by?{urlencode(params)}",
                "text": f"Only statements labelled {LABEL_NAMES[term.label]}{place}",
                "why": "the query page: more filters, every row, CSV and an Atom feed",
            }
        )
    for country in countries:
        links.append(
            {
                "href": f"{database_path}/countries/{country.iso3}",
                "text": f"Everything about {country.name}",
                "why": "its page: statements, timeline, speakers and figures",
            }
        )
    if countries and understood.terms:
        links.append(
            {
                "href": f"{search_path}?{urlencode({'q': understood.terms_text()})}",
                "text": "Statements about any country matching "
                + _and_quoted(term.text for term in understood.terms),
                "why": "the same words without the countries",
            }
        )
    if countries or understood.label_terms():
        links.append(
            {
                "href": f"{database_path}/search?{urlencode({'q': understood.typed})}",
                "text": f"The words “{' '.join(understood.typed.split())}” as written",
                "why": "full-text search only, best matches first: country names and label "
                "words are then only words",
            }
        )
    return links


def search_page(
    conn: sqlite3.Connection,
    typed: str,
    settings: Settings,
    database_path: str,
    search_path: str,
) -> dict[str, Any]:
    """Everything the search page shows for the typed text."""
    understood = understand(typed)
    page: dict[str, Any] = {"q": typed, "understood": understood, "statements": []}
    page["articles"] = []
    if understood.empty:
        return page
    pattern = match_pattern(understood)
    found = find_rows(conn, STATEMENTS, understood, settings.home_search_statements, settings)
    statements = statement_rows(conn, found.rowids) if found.rowids else []
    for row in statements:
        row["date"] = readable_date((row["published_at"] or "")[:10]) or ""
        row["content"] = highlighted(row["content"] or "", pattern)
        row["labels"] = [
            {**label, "definition": LABEL_DEFINITIONS.get(label["id"], "")}
            for label in _named(row["labels"], lambda code: LABEL_NAMES.get(code, code))
        ]
        row["countries"] = _named(row["countries"], country_name)
    articles_found = find_rows(conn, ARTICLES, understood, settings.home_search_articles, settings)
    articles = article_rows(conn, articles_found.rowids) if articles_found.rowids else []
    for row in articles:
        row["date"] = readable_date((row["published_at"] or "")[:10]) or ""
        row["excerpt"] = highlighted(excerpt(row.pop("text") or "", pattern), pattern)
        row["link"] = web_url(row.pop("url"))
        row["countries"] = _named(row["countries"], country_name)
    labels = [
        {
            "typed": term.text,
            "id": term.label,
            "name": LABEL_NAMES[term.label],
            "definition": LABEL_DEFINITIONS[term.label],
        }
        for term in understood.label_terms()
    ]
    return {
        **page,
        "description": understood.describe(),
        "articles_description": understood.describe("articles"),
        "labels": labels,
        "statements": statements,
        "statements_stopped_at": found.stopped_at,
        "articles": articles,
        "articles_stopped_at": articles_found.stopped_at,
        "refine": refinements(understood, database_path, search_path),
        "scan_rows": settings.home_search_scan_rows,
    }
