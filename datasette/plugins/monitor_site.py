"""Datasette plugin for the monitor's published site.

Thin glue: the pages' content comes from ``monitor.publish`` (tested without a
server); this file hands it to the templates in ``datasette/templates``.
"""

from __future__ import annotations

from datasette import Response, hookimpl
from datasette.filters import FilterArguments
from datasette.utils import tilde_decode, tilde_encode

from monitor.publish import home_search, research_pages, table_requests, workbench
from monitor.publish import site as publish
from monitor.settings import build_settings

# The monitor's settings as the environment gives them (MONITOR_SQLITE_BUSY_TIMEOUT,
# MONITOR_SITE_MMAP_MB).
READER_SETTINGS = build_settings()
# table -> (the template variable its row page fills, the function that fills it)
PAGES = {
    "articles": ("article_page", publish.article_page),
    "actors": (
        "actor_page",
        lambda conn, key: publish.actor_page(conn, key, READER_SETTINGS),
    ),
    "countries": (
        "country_page",
        lambda conn, key: research_pages.country_page(conn, key, READER_SETTINGS),
    ),
    "statements": ("statement_page", research_pages.statement_page),
}
# The countries a query's country field offers: those statements or figures are about.
COUNTRY_CHOICES = (
    "select iso3, name from countries c"
    " where exists (select 1 from statement_countries sc where sc.iso3 = c.iso3)"
    " or exists (select 1 from figures f where f.country = c.iso3)"
)


@hookimpl
def extra_template_vars(template, view_name, table, database, columns, request, datasette):
    if template == "index.html":
        return _start_here(datasette, request)
    site = {"monitor_site_title": datasette.metadata("title") or "Datasette"}
    if template == "query.html" and database:
        return _query_page(datasette, database, columns, site)
    if view_name == "table":
        args = request.args if request else {}
        large = args.get(table_requests.LARGE_SEARCH_MARK) or ""
        large_view = args.get(table_requests.LARGE_VIEW_MARK) or ""
        return {
            **site,
            "monitor_hidden": workbench.hidden_columns(columns or [], table),
            "monitor_large_search": int(large) if large.isdigit() else None,
            "monitor_large_view": int(large_view) if large_view.isdigit() else None,
            "monitor_search_facet_max_rows": READER_SETTINGS.search_facet_max_rows,
        }
    if view_name != "row" or table not in PAGES or request is None:
        return site
    name, build = PAGES[table]
    raw_key = request.url_vars.get("pks", "")
    key = tilde_decode(raw_key.split(",")[0]) if raw_key else ""

    async def page_vars():
        page = await datasette.get_database(database).execute_fn(lambda conn: build(conn, key))
        return {**site, name: page}

    return page_vars


def _query_page(datasette, database, columns, site):
    """A canned query's form fields (dropdowns from the vocabularies) and hidden columns."""

    async def query_vars():
        db = datasette.get_database(database)
        countries = []
        if "statement_countries" in await db.table_names():
            countries = [(row["iso3"], row["name"]) for row in await db.execute(COUNTRY_CHOICES)]
        options = workbench.vocabularies(countries)
        return {
            **site,
            "monitor_hidden": workbench.hidden_columns(columns or []),
            "monitor_form_fields": lambda values: workbench.form_fields(values, options),
            "monitor_labels": workbench.codebook_page()["labels"],
        }

    return query_vars


def _start_here(datasette, request):
    """The canned queries of each database, for the home page's "start here" list."""

    async def start_here_vars():
        actor = request.actor if request is not None else None
        starts = []
        for name, database in datasette.databases.items():
            if database.is_memory or "statements" not in await database.table_names():
                continue
            queries = await datasette.get_canned_queries(name, actor)
            starts.append(
                {
                    "database": name,
                    "queries": [
                        {"name": query_name, "title": query.get("title")}
                        for query_name, query in queries.items()
                    ],
                }
            )
        return {"monitor_start_here": starts}

    return start_here_vars


@hookimpl
def prepare_connection(conn):
    publish.prepare_reader(conn, READER_SETTINGS.sqlite_busy_timeout, READER_SETTINGS.site_mmap_mb)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    # Only the search query's snippet() results carry the private-use delimiters.
    if isinstance(value, str) and publish.MATCH_START in value:
        return publish.highlight_matches(value)

    def row_url(target: str, key: str) -> str:
        return f"{datasette.urls.table(database, target)}/{tilde_encode(str(key))}"

    return workbench.render_cell_html(row, value, column, table, row_url)


@hookimpl
def register_routes():
    return [(r"^/codebook$", codebook), (r"^/search$", search)]


async def codebook(datasette, request):
    """The labels and stances with their definitions, cues and counter-examples."""
    context = {
        "codebook": workbench.codebook_page(),
        "monitor_site_title": datasette.metadata("title") or "Datasette",
    }
    html = await datasette.render_template("codebook.html", context, request=request)
    return Response.html(html)


async def search(datasette, request):
    """The home page's search: country names, label words and other words read apart."""
    typed = request.args.get("q", "").strip()
    name = await _monitor_database(datasette)
    page = None
    if name is not None:
        await datasette.ensure_permissions(
            request.actor, [("view-database", name), "view-instance"]
        )
        paths = (datasette.urls.database(name), datasette.urls.path("/search"))
        page = await datasette.get_database(name).execute_fn(
            lambda conn: home_search.search_page(conn, typed, READER_SETTINGS, *paths)
        )
    context = {
        "search": page,
        "q": typed,
        "database": name,
        "monitor_site_title": datasette.metadata("title") or "Datasette",
    }
    html = await datasette.render_template("home_search.html", context, request=request)
    return Response.html(html)


async def _monitor_database(datasette) -> str | None:
    """The served database that holds statements (the site serves one)."""
    for name, database in datasette.databases.items():
        if not database.is_memory and "statements" in await database.table_names():
            return name
    return None


@hookimpl
def asgi_wrapper(datasette):
    """Table pages lightened before Datasette answers (``table_requests``)."""

    def wrap(app):
        async def lightened(scope, receive, send):
            if scope.get("type") == "http":
                scope = await _lightened_table_request(datasette, scope)
            await app(scope, receive, send)

        return lightened

    return wrap


# The tables with a full-text index, whose search pages may be too large to facet.
SEARCHABLE = frozenset({"articles", "statements", "actors"})
# The views with facets in metadata.yml, and the table each has a row for.
VIEW_TABLES = {"statements_view": "statements", "articles_view": "articles"}


async def _lightened_table_request(datasette, scope):
    parts = scope.get("path", "").strip("/").split("/")
    if len(parts) != 2:
        return scope
    database, table = parts[0], tilde_decode(parts[1].split(".")[0])
    if database not in datasette.databases:
        return scope
    pairs = table_requests.query_pairs(scope["query_string"])
    facets = (datasette.table_metadata(database, table) or {}).get("facets", [])
    lighter = table_requests.without_duplicate_facets(pairs, facets)
    searched = table_requests.searched_text(lighter)
    if table in SEARCHABLE and searched:
        raw = dict(lighter).get("_searchmode") == "raw"
        match = "?" if raw else "escape_fts(?)"
        try:
            found = await datasette.get_database(database).execute(
                f"select count(*) from [{table}_fts] where [{table}_fts] match {match}",
                [searched],
            )
            matches = found.first()[0]
        except Exception:  # a malformed raw query: Datasette itself reports it
            matches = 0
        lighter = table_requests.without_facets_for_large_search(
            lighter, matches, READER_SETTINGS.search_facet_max_rows
        )
        if matches > READER_SETTINGS.search_facet_max_rows:
            lighter = table_requests.search_in_page_order(lighter)
    if table in VIEW_TABLES and not table_requests.is_filtered(lighter):
        # The newest rowid of the view's table: its size without counting it.
        found = await datasette.get_database(database).execute(
            f"select max(rowid) from [{VIEW_TABLES[table]}]"
        )
        lighter = table_requests.without_facets_for_large_view(
            lighter, found.first()[0] or 0, READER_SETTINGS.view_facet_max_rows
        )
    if lighter == pairs:
        return scope
    return {**scope, "query_string": table_requests.encoded(lighter)}


@hookimpl
def filters_from_request(request, database, table, datasette):
    """The clause of a large search (``table_requests.matching_clause``), shown on the
    page as Datasette shows its own searches."""

    async def inner():
        words = request.args.get(table_requests.LARGE_SEARCH_WORDS)
        if not words or table not in SEARCHABLE:
            return None
        raw = request.args.get("_searchmode") == "raw"
        return FilterArguments(
            [table_requests.matching_clause(f"{table}_fts", raw)],
            {"matching": words},
            [f'search matches "{words}"'],
            {"search": words},
        )

    return inner


@hookimpl
def extra_body_script(view_name, request):
    """On a table searched with ?_search=, mark the search words in the visible cells.

    Works on text nodes with DOM methods (no innerHTML), so nothing from the
    data is ever parsed as markup.
    """
    searched = (
        request.args.get("_search") or request.args.get(table_requests.LARGE_SEARCH_WORDS)
        if request is not None
        else None
    )
    if view_name != "table" or not searched:
        return ""
    return HIGHLIGHT_SCRIPT


# Search words are letters and digits only, so they need no escaping in the RegExp;
# a word also matches its longer forms (porter stemming finds "deportations" for "deport").
HIGHLIGHT_SCRIPT = r"""
(function () {
  const address = new URLSearchParams(location.search);
  const query = address.get('_search') || address.get('_matching') || '';
  const words = query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) || [];
  if (!words.length) return;
  const pattern = new RegExp('(?:' + words.join('|') + ')[\\p{L}]*', 'giu');
  document.querySelectorAll('table.rows-and-columns td').forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(node => {
      const text = node.nodeValue;
      const fragment = document.createDocumentFragment();
      let last = 0;
      for (const match of text.matchAll(pattern)) {
        fragment.append(text.slice(last, match.index));
        const mark = document.createElement('mark');
        mark.textContent = match[0];
        fragment.append(mark);
        last = match.index + match[0].length;
      }
      if (last === 0) return;
      fragment.append(text.slice(last));
      node.replaceWith(fragment);
    });
  });
})();
"""
