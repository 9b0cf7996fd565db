"""What the published site shows beyond Datasette's tables: the article page
(its text with statements, figures, countries and actors marked) and the actor
page (who they are, their roles, what they said over time).

The Datasette plugin in ``datasette/plugins/`` only wires these functions to
Datasette's row pages; everything here works on a plain sqlite3 connection so
it can be tested without a server. All text from articles is escaped: the
markup is built from escaped pieces, never from HTML found on a page.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from monitor.codebook import STANCES
from monitor.settings import Settings, data_folder
from monitor.urls import web_url

# Private-use characters that the canned queries give to SQLite's snippet() as
# match delimiters. They cannot occur in extracted text (trafilatura drops
# them), so after escaping the cell they can safely become <mark> tags.
MATCH_START = "\ue000"
MATCH_END = "\ue001"

COUNTRY_ALIASES = Path(data_folder("models")) / "country_aliases.yaml"


@dataclass(frozen=True)
class Mark:
    """A stretch of the article text to highlight."""

    start: int
    end: int
    kind: str  # statement, figure, country, actor
    title: str  # tooltip: who said it, what is counted, which country or actor
    target: str = ""  # an id to link the mark to its row, when it has one


def highlight_matches(value: str) -> Markup:
    """Escape a snippet() result and turn its match delimiters into <mark> tags."""
    escaped = escape(value, quote=True)
    return Markup(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def render_marked_text(text: str, marks: Iterable[Mark]) -> Markup:
    """The whole text, escaped, with statements as blocks of colour and
    figures, countries and actors as inline marks inside or outside them.

    Statements may not overlap each other and inline marks may not overlap each
    other (the first, longest one wins); an inline mark may sit inside a
    statement. The text is cut at every boundary, so a mark that crosses a
    statement's edge is simply split in two.
    """
    statements = _without_overlaps(m for m in marks if m.kind == "statement")
    inline = _without_overlaps(m for m in marks if m.kind != "statement")
    layers = [statements, inline]
    cuts = sorted({0, len(text)} | {p for layer in layers for m in layer for p in (m.start, m.end)})
    pieces: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[start:end], quote=True)
        for layer in reversed(layers):
            mark = _covering(layer, start, end)
            if mark is not None:
                piece = _wrap(piece, mark, first=mark.start == start)
        pieces.append(piece)
    return Markup("".join(pieces))


def _without_overlaps(marks: Iterable[Mark]) -> list[Mark]:
    chosen: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.end <= mark.start:
            continue
        if chosen and mark.start < chosen[-1].end:
            continue
        chosen.append(mark)
    return chosen


def _covering(marks: list[Mark], start: int, end: int) -> Mark | None:
    # Marks are sorted and disjoint; pages are short enough for a linear scan.
    for mark in marks:
        if mark.start <= start and end <= mark.end:
            return mark
        if mark.start >= end:
            return None
    return None


def _wrap(piece: str, mark: Mark, first: bool) -> str:
    title = escape(mark.title, quote=True)
    # Only the first piece of a split mark carries the anchor, so ids stay unique.
    anchor = f' id="{escape(mark.target, quote=True)}"' if first and mark.target else ""
    return f'<mark class="m-{mark.kind}" title="{title}"{anchor}>{piece}</mark>'


# --- the article page -----------------------------------------------------------


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@lru_cache(maxsize=1)
def _country_surface_forms() -> dict[str, tuple[str, ...]]:
    """iso3 -> names, demonyms and capitals from the curated alias list."""
    import yaml

    entries = yaml.safe_load(COUNTRY_ALIASES.read_text(encoding="utf-8")) or {}
    forms: dict[str, tuple[str, ...]] = {}
    for iso3, entry in entries.items():
        entry = entry or {}
        forms[iso3] = tuple(
            form
            for key in ("names", "demonyms", "capitals")
            for form in entry.get(key) or []
            if isinstance(form, str)
        )
    return forms


def _find_all(text: str, forms: Iterable[str]) -> Iterable[tuple[int, int]]:
    """Whole-word, case-sensitive occurrences of each form."""
    wanted = sorted({f for f in forms if f and len(f) > 1}, key=len, reverse=True)
    if not wanted:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in wanted) + r")(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def article_marks(conn: sqlite3.Connection, article_id: str, text: str) -> list[Mark]:
    """Everything the analysis found in one article, as marks on its text.

    Statements and figures carry the offsets the analysis stored. Countries and
    actors are stored per article without offsets, so their names (and, for
    countries, the curated aliases and demonyms; for people, the surname) are
    looked up in the text: only the countries and actors the analysis found
    are marked, which keeps ambiguous words like "Chad" or "Jordan" unmarked
    unless the analysis itself found that country.
    """
    marks: list[Mark] = []
    for row in _rows(
        conn,
        "select id, start, end, coalesce(speaker_text, 'unknown speaker') as speaker, kind"
        " from statements where article_id = ?",
        [article_id],
    ):
        if row["start"] is not None and row["end"] is not None:
            title = f"{row['speaker']} ({row['kind']})"
            marks.append(Mark(row["start"], row["end"], "statement", title, f"s-{row['id']}"))
    for row in _rows(
        conn,
        "select id, start, end, counts, kind from figures where article_id = ?",
        [article_id],
    ):
        if row["start"] is not None and row["end"] is not None:
            title = f"{row['kind']}: {row['counts'] or 'unspecified'}"
            marks.append(Mark(row["start"], row["end"], "figure", title, f"f-{row['id']}"))
    aliases = _country_surface_forms()
    for row in _rows(
        conn,
        "select c.iso3, countries.name from article_countries c"
        " left join countries on countries.iso3 = c.iso3 where c.article_id = ?",
        [article_id],
    ):
        forms = (row["name"] or "", *aliases.get(row["iso3"], ()))
        for start, end in _find_all(text, forms):
            marks.append(Mark(start, end, "country", f"{row['name']} ({row['iso3']})"))
    for row in _rows(
        conn,
        "select actors.name, actors.kind, mentions.role from mentions"
        " join actors on actors.id = mentions.actor_id where mentions.article_id = ?",
        [article_id],
    ):
        forms = [row["name"]]
        if row["kind"] == "person" and " " in row["name"]:
            forms.append(row["name"].split()[-1])
        title = row["name"] + (f", {row['role']}" if row["role"] else "")
        for start, end in _find_all(text, forms):
            marks.append(Mark(start, end, "actor", title))
    return marks


def article_page(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """Everything the article page shows, or None when there is no such article."""
    found = _rows(
        conn,
        "select articles.*, sources.name as source_name from articles"
        " left join sources on sources.id = articles.source_id where articles.id = ?",
        [article_id],
    )
    if not found:
        return None
    article = found[0]
    article["link"] = web_url(article.get("url"))
    text = article.get("text") or ""
    statements = _rows(
        conn,
        "select s.id, s.speaker_text, s.speaker_actor_id, s.speaker_type, s.cue, s.kind, s.negated,"
        " s.stance_score,"
        " s.content, s.stance, s.start, s.page,"
        " (select group_concat(label, ', ') from statement_labels l where l.id = s.id)"
        " as labels, m.role"
        " from statements s left join mentions m"
        " on m.article_id = s.article_id and m.actor_id = s.speaker_actor_id"
        " where s.article_id = ? order by s.start",
        [article_id],
    )
    return {
        "article": article,
        "marked_text": render_marked_text(text, article_marks(conn, article_id, text)),
        "statements": statements,
        "figures": _rows(
            conn,
            "select id, text, value, kind, counts, qualifier, country, year, page from figures"
            " where article_id = ? order by start",
            [article_id],
        ),
        "countries": _rows(
            conn,
            "select c.iso3, countries.name, c.mentions from article_countries c"
            " left join countries on countries.iso3 = c.iso3"
            " where c.article_id = ? order by c.mentions desc, c.iso3",
            [article_id],
        ),
        "actors": _rows(
            conn,
            "select actors.id, actors.name, actors.kind, actors.type, mentions.role,"
            " mentions.mentions from mentions join actors on actors.id = mentions.actor_id"
            " where mentions.article_id = ? order by mentions.mentions desc, actors.name",
            [article_id],
        ),
        "labels": _rows(
            conn,
            "select label, score from article_labels where id = ? order by score desc",
            [article_id],
        ),
        "original": (
            _rows(
                conn,
                "select id, title, url from articles where id = ?",
                [article["duplicate_of"]],
            )
            if article.get("duplicate_of")
            else []
        ),
    }


# --- the actor page ---------------------------------------------------------------


def actor_page(
    conn: sqlite3.Connection, actor_id: str, settings: Settings | None = None
) -> dict[str, Any] | None:
    """Who the actor is, the roles articles give them and what they said, by month.

    The list holds the newest ``actor_page_statements`` statements, and the label
    counts are theirs; the months count them all, from the (speaker, date) index (the
    most quoted speaker of a large archive has tens of thousands: listing them all
    made a 28 MB page that took 3 s)."""
    settings = settings or Settings()
    found = _rows(conn, "select * from actors where id = ?", [actor_id])
    if not found:
        return None
    statements = _rows(
        conn,
        "select s.id, s.article_id, s.kind, s.cue, s.negated, s.content, s.stance,"
        " s.published_at, a.title, a.url, a.source_id,"
        " (select group_concat(label, ', ') from statement_labels l where l.id = s.id)"
        " as labels"
        " from statements s join articles a on a.id = s.article_id"
        " where s.speaker_actor_id = ? order by s.published_at desc, s.start limit ?",
        [actor_id, settings.actor_page_statements],
    )
    for row in statements:
        row["link"] = web_url(row.pop("url"))
    month_counts = conn.execute(
        "select coalesce(substr(published_at, 1, 7), 'undated'), coalesce(stance, 'neutral'),"
        " count(*) from statements where speaker_actor_id = ? group by 1, 2",
        [actor_id],
    ).fetchall()
    return {
        "actor": found[0],
        "roles": _rows(
            conn,
            "select role, count(*) as articles, min(a.published_at) as first_seen,"
            " max(a.published_at) as last_seen from mentions"
            " join articles a on a.id = mentions.article_id"
            " where actor_id = ? and role > ''"
            " group by role order by articles desc, last_seen desc",
            [actor_id],
        ),
        "article_count": conn.execute(
            "select count(*) from mentions where actor_id = ?", [actor_id]
        ).fetchone()[0],
        "statement_count": sum(count for _, _, count in month_counts),
        "statements": statements,
        "months": stance_by_month_counts(month_counts),
        # Among the listed statements: counting the labels of all 44,000 of a much-quoted
        # speaker's took 100 ms.
        "labels": Counter(
            label.strip()
            for row in statements
            for label in (row["labels"] or "").split(",")
            if label.strip()
        ).most_common(),
    }


def stance_by_month(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statements per month and stance, oldest month first, with bar widths in percent."""
    counts: Counter = Counter(
        ((row.get("published_at") or "")[:7] or "undated", row.get("stance") or "neutral")
        for row in statements
    )
    return stance_by_month_counts([(m, s, n) for (m, s), n in counts.items()])


def stance_by_month_counts(rows: Iterable[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """(month, stance, statements) counts as bars: oldest month first, widths in percent."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for month, stance, number in rows:
        counts[month][stance] += number
    busiest = max((sum(c.values()) for c in counts.values()), default=1)
    return [
        {
            "month": month,
            "total": sum(counts[month].values()),
            "stances": [
                {
                    "stance": stance,
                    "count": counts[month][stance],
                    "width": round(100 * counts[month][stance] / busiest, 1),
                }
                for stance in STANCES
            ],
        }
        for month in sorted(counts)
    ]


# --- what the site never shows ----------------------------------------------------

# Subscribers' addresses are kept so that each digest goes to each person once,
# but they are nobody else's business: they live in the private file beside the
# database (monitor.store.private), which the site never opens. A database whose
# migration has not run yet still has them, so the site's connections read these
# columns as NULL as well (hiding tables in metadata would not stop an SQL query).
PRIVATE_COLUMNS = frozenset({("digests", "recipients"), ("digest_deliveries", "recipient")})


def _authorize(action: int, first: str | None, second: str | None, *_: object) -> int:
    if action == sqlite3.SQLITE_READ and (first, second) in PRIVATE_COLUMNS:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def hide_private_columns(conn: sqlite3.Connection) -> None:
    """Make every query on ``conn`` read the private columns as NULL."""
    conn.set_authorizer(_authorize)


def prepare_reader(conn: sqlite3.Connection, busy_timeout: float, mmap_mb: int = 0) -> None:
    """A connection of the published site: private columns hidden, and a wait of
    ``busy_timeout`` seconds (setting ``sqlite_busy_timeout``) where a writer
    briefly holds a lock, instead of an error. In WAL mode a reader rarely has to
    wait, but opening the full-text index while the crawler commits can.
    ``mmap_mb`` (setting ``site_mmap_mb``) megabytes of the file are read as
    mapped memory; the connection only reads, so the mapping is never written."""
    hide_private_columns(conn)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute(f"PRAGMA mmap_size = {int(mmap_mb) * 1024 * 1024}")
