"""Datasette plugin: the published site's exports and feeds.

- **Atom** (``.atom`` on a canned query): a valid RFC 4287 feed, served as
  application/atom+xml, with a feed author, a title that names the filters in
  use, and entries that link to the monitor's own page for the item
  (rel="alternate"), to its article page (rel="related") and to the original
  publication (rel="via"). It replaces datasette-atom's renderer, which has no
  author, calls itself application/xml and links only to the original.
- **CSV**: served as text/csv. A canned query or an SQL query gives every row
  up to Datasette's ``max_returned_rows``; when there are more, the last line
  of the file says the export was cut and where to get everything (a table's
  CSV with ``_stream=on`` pages through all its rows).
- **Rows per page**: canned queries end in ``limit :_rows_limit``; their web
  page shows ``query_page_rows`` rows (rendering HTML is what costs), their
  data formats up to ``max_returned_rows``.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from datasette import hookimpl
from datasette.utils import derive_named_parameters
from datasette.utils.asgi import Response

from monitor.settings import build_settings
from monitor.urls import web_url

# The monitor's settings as the environment gives them (MONITOR_QUERY_PAGE_ROWS).
SETTINGS = build_settings()
ATOM_TYPE = "application/atom+xml; charset=utf-8"
CSV_TYPE = "text/csv; charset=utf-8"
ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_COLUMNS = {"atom_id", "atom_title", "atom_updated"}
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Formats that are data to download rather than a page to read.
DATA_FORMATS = {"csv", "json"}
# How an entry's atom_id ("statement:<id>", "article:<id>") names its page on the site.
PAGE_TABLES = {"statement": "statements", "article": "articles"}
CUT_NOTE = (
    "# Cut: only the first {rows} rows are in this file; the query has more. Narrow it "
    "(a date range, a label), or download a table's CSV with _stream=on, which has every "
    "row, e.g. {example}"
)


# --- rows per page ------------------------------------------------------------------


@hookimpl
def register_magic_parameters(datasette):
    def rows(key: str, request) -> str:
        if key != "limit":
            raise KeyError(key)
        return str(rows_limit(request, datasette.setting("max_returned_rows")))

    return [("rows", rows)]


def rows_limit(request, max_rows: int) -> int:
    """Rows a canned query asks SQLite for: a page's worth for its web page and its
    feed, one more than Datasette returns for data (so Datasette can tell it was cut)."""
    path = request.path if request is not None else ""
    if path.rsplit(".", 1)[-1] in DATA_FORMATS:
        return max_rows + 1
    return SETTINGS.query_page_rows


# --- CSV ----------------------------------------------------------------------------


@hookimpl
def register_routes(datasette):
    """Canned queries' and SQL queries' CSV (tables keep Datasette's own, which streams)."""
    names = sorted(
        {
            name
            for database in (datasette.metadata().get("databases") or {}).values()
            for name in (database.get("queries") or {})
        }
    )
    routes = [(r"^/(?P<database>[^/.]+)\.csv$", sql_csv)]
    if names:
        alternatives = "|".join(names)
        routes.append((rf"^/(?P<database>[^/.]+)/(?P<query>{alternatives})\.csv$", canned_csv))
    return routes


async def canned_csv(datasette, request):
    database = request.url_vars["database"]
    name = request.url_vars["query"]
    queries = await datasette.get_canned_queries(database, request.actor)
    if name not in queries:
        return Response.text(f"No query {name} in {database}", status=404)
    await datasette.ensure_permissions(
        request.actor, [("view-query", (database, name)), ("view-database", database)]
    )
    query = queries[name]
    params = {key: request.args.get(key, "") for key in query.get("params", [])}
    params["_rows_limit"] = datasette.setting("max_returned_rows") + 1
    return await _csv_response(datasette, database, query["sql"], params, name)


async def sql_csv(datasette, request):
    database = request.url_vars["database"]
    sql = request.args.get("sql", "")
    if not sql:
        return Response.text("Add ?sql=... to download a query's rows as CSV", status=400)
    await datasette.ensure_permissions(
        request.actor, [("execute-sql", database), ("view-database", database)]
    )
    db = datasette.get_database(database)
    named = await derive_named_parameters(db, sql)
    params = {key: request.args.get(key, "") for key in named}
    return await _csv_response(datasette, database, sql, params, database)


async def _csv_response(datasette, database: str, sql: str, params: dict, name: str):
    from datasette.database import QueryInterrupted

    db = datasette.get_database(database)
    try:
        results = await db.execute(sql, params, truncate=True)
    except QueryInterrupted:
        limit = datasette.setting("sql_time_limit_ms")
        return Response.text(f"The query took longer than {limit} ms; narrow it", status=400)
    except Exception as error:  # noqa: BLE001 - any SQL error is the reader's to see
        return Response.text(f"The query failed: {error}", status=400)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(results.columns)
    writer.writerows(list(row) for row in results.rows)
    if results.truncated:
        example = datasette.urls.table(database, "statements_view", format="csv")
        note = CUT_NOTE.format(rows=len(results.rows), example=example + "?_stream=on&_size=max")
        writer.writerow([note] + [""] * (len(results.columns) - 1))
    headers = {"content-disposition": f'inline; filename="{name}.csv"'}
    return Response(buffer.getvalue(), content_type=CSV_TYPE, headers=headers)


@hookimpl
def asgi_wrapper(datasette):
    """Datasette serves a table's CSV as text/plain; a browser, a spreadsheet or a
    script should be told it is CSV."""

    def wrap(app):
        async def csv_as_csv(scope, receive, send):
            if scope.get("type") != "http" or not scope.get("path", "").endswith(".csv"):
                await app(scope, receive, send)
                return

            async def send_as_csv(message):
                if message["type"] == "http.response.start":
                    headers = [
                        (key, CSV_TYPE.encode() if _plain_text(key, value) else value)
                        for key, value in message.get("headers", [])
                    ]
                    message = {**message, "headers": headers}
                await send(message)

            await app(scope, receive, send_as_csv)

        return csv_as_csv

    return wrap


def _plain_text(key: bytes, value: bytes) -> bool:
    return key.lower() == b"content-type" and value.startswith(b"text/plain")


# --- Atom ---------------------------------------------------------------------------


# trylast: called after datasette-atom's hook, so this renderer is the one kept for .atom.
@hookimpl(trylast=True)
def register_output_renderer(datasette):
    return {
        "extension": "atom",
        "render": render_atom,
        "can_render": lambda columns: ATOM_COLUMNS.issubset(columns),
    }


def render_atom(datasette, request, sql, columns, rows, database, table, query_name, data):
    if not ATOM_COLUMNS.issubset(columns):
        return Response.text(
            "An Atom feed needs the columns atom_id, atom_title and atom_updated", status=400
        )
    feed = Element("feed", xmlns=ATOM_NS)
    _text(feed, "id", request.url)
    _text(feed, "title", feed_title(datasette, request, database, query_name, table, data))
    _text(feed, "updated", _newest(rows))
    # RFC 4287: a feed needs an author unless every entry has one; the site is the author.
    author = SubElement(feed, "author")
    _text(author, "name", datasette.metadata("title") or "Datasette")
    _text(author, "uri", datasette.absolute_url(request, "/"))
    page = request.path.removesuffix(".atom")
    page += f"?{request.query_string}" if request.query_string else ""
    _link(feed, request.url, "self", "application/atom+xml")
    _link(feed, datasette.absolute_url(request, page), "alternate", "text/html")
    _text(feed, "generator", "Datasette and the migration-policy news monitor")
    for row in rows:  # newest first, as the query orders them
        _add_entry(feed, datasette, request, database, dict(zip(columns, row, strict=True)))
    indent(feed)
    body = b"<?xml version='1.0' encoding='utf-8'?>\n" + tostring(feed, encoding="utf-8")
    return Response(body, content_type=ATOM_TYPE)


def feed_title(datasette, request, database, query_name, table, data) -> str:
    """The query's or table's title, followed by the filters the reader set
    ("Statements by label, ...: label return_policy, country AFG")."""
    title = table or database
    params: list[str] = []
    if query_name:
        query = (datasette.metadata(database=database) or {}).get("queries", {}).get(query_name)
        query = query or {}
        title = query.get("title") or query_name
        params = query.get("params", [])
    elif data.get("human_description_en"):
        title += ": " + data["human_description_en"]
    filters = [f"{key} {request.args[key]}" for key in params if request.args.get(key)]
    return f"{title}: {', '.join(filters)}" if filters else title


def _newest(rows) -> str:
    """The feed's updated time: its newest entry, or now for an empty feed."""
    stamps = [_moment(row["atom_updated"]) for row in rows if row["atom_updated"]]
    return max(stamps) if stamps else _moment(datetime.now(timezone.utc).isoformat())


def _moment(value: str) -> str:
    """An RFC 3339 date-time, as Atom requires (a bare date gets midnight UTC)."""
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: Element, tag: str, text: str, **attributes: str) -> Element:
    element = SubElement(parent, tag, attributes)
    element.text = _xml_safe(str(text))
    return element


def _link(parent: Element, href: str, rel: str, media_type: str | None = None) -> None:
    attributes = {"href": href, "rel": rel}
    if media_type:
        attributes["type"] = media_type
    SubElement(parent, "link", attributes)


def _xml_safe(text: str) -> str:
    """Article text may hold control characters that XML 1.0 cannot carry."""
    return XML_UNSAFE.sub(" ", text)


def _add_entry(feed: Element, datasette, request, database: str, row: dict) -> None:
    entry = SubElement(feed, "entry")
    _text(entry, "id", row["atom_id"])
    _text(entry, "title", row["atom_title"] or row["atom_id"])
    _text(entry, "updated", _moment(row["atom_updated"]))
    for rel, path in own_pages(database, row, datasette):
        _link(entry, datasette.absolute_url(request, path), rel, "text/html")
    original = web_url(row.get("atom_link") or "")
    if original:
        _link(entry, original, "via")
    if row.get("atom_content"):
        _text(entry, "content", row["atom_content"], type="text")


def own_pages(database: str, row: dict, datasette) -> list[tuple[str, str]]:
    """(rel, path) of the monitor's pages for an entry: its own page as the alternate,
    its article's page as related. The atom_id says what the entry is."""
    kind, _, key = str(row["atom_id"]).partition(":")
    article_id = row.get("article_id")
    article = datasette.urls.row(database, "articles", article_id) if article_id else None
    if kind in PAGE_TABLES:
        own = datasette.urls.row(database, PAGE_TABLES[kind], key)
        related = [("related", article)] if article and kind != "article" else []
        return [("alternate", own), *related]
    if kind == "figure" and article:
        return [("alternate", article)]
    if kind == "week":
        return [("alternate", _week_statements(datasette, database, key))]
    return []


def _week_statements(datasette, database: str, key: str) -> str:
    """The statements_by page for one label's week ("2026-11-16:return_policy")."""
    week, _, label = key.partition(":")
    start = date.fromisoformat(week)
    filters = {"label": label, "since": week, "until": str(start + timedelta(days=6))}
    return datasette.urls.query(database, "statements_by") + "?" + urlencode(filters)
